"""The tf.nn functions TF writes in Python (nn_impl.py) under real TensorFlow and under Liu:
node names and order, static shapes, dtypes, values and gradients, and TF's own error messages.
"""
import numpy as np
import pytest

from test_nn_ops import _rand, compare, needs, same_error

X = _rand([2, 3], 30)
Z = (np.random.RandomState(31).rand(2, 3) > 0.5).astype(np.float32)
X4 = _rand([2, 4, 4, 3], 32)


# ---- losses ----
@pytest.mark.parametrize("shape", [[2, 3], [None, 3], None])
def test_sigmoid_cross_entropy_with_logits(both, shape):
    def build(tf):
        x = tf.placeholder(tf.float32, shape, name="x")
        z = tf.placeholder(tf.float32, shape, name="z")
        return [tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x),
                tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x * 10.0, name="sce"),
                tf.nn.sigmoid_cross_entropy_with_logits(labels=[0.0, 1.0], logits=[-2.0, 3.0]),
                tf.nn.sigmoid_cross_entropy_with_logits(z, x)], [x, z]
    compare(both, build, {"x": X, "z": Z})


def test_sigmoid_cross_entropy_errors(both):
    same_error(both, lambda tf: tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.zeros([2, 4]), logits=tf.zeros([2, 3])), same_message=True)
    same_error(both, lambda tf: tf.nn.sigmoid_cross_entropy_with_logits(
        logits=tf.zeros([2, 3])), same_message=True)
    same_error(both, lambda tf: tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.zeros([2, 3], tf.float64), logits=tf.zeros([2, 3])))


@pytest.mark.parametrize("pos_weight", [2.0, "tensor"])
def test_weighted_cross_entropy_with_logits(both, pos_weight):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        z = tf.placeholder(tf.float32, [None, 3], name="z")
        w = tf.constant([1.0, 2.0, 0.5]) if pos_weight == "tensor" else pos_weight
        return [tf.nn.weighted_cross_entropy_with_logits(z, x, w),
                tf.nn.weighted_cross_entropy_with_logits(targets=z, logits=x, pos_weight=w,
                                                         name="wce")], [x, z]
    compare(both, build, {"x": X, "z": Z})


def test_weighted_cross_entropy_errors(both):
    same_error(both, lambda tf: tf.nn.weighted_cross_entropy_with_logits(
        labels=tf.zeros([3]), logits=tf.zeros([2]), pos_weight=2.0), same_message=True)
    same_error(both, lambda tf: tf.nn.weighted_cross_entropy_with_logits(
        labels=tf.zeros([3]), targets=tf.zeros([3]), logits=tf.zeros([3]), pos_weight=2.0),
        same_message=True)


def test_log_poisson_loss(both):
    def build(tf):
        t = tf.placeholder(tf.float32, [2, 3], name="t")
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        return [tf.nn.log_poisson_loss(t, x),
                tf.nn.log_poisson_loss(t, x, compute_full_loss=True, name="lp")], [x]
    compare(both, build, {"t": np.abs(X) * 3.0, "x": _rand([2, 3], 33)})


# ---- layers and normalization ----
@needs("BiasAdd", "BiasAddGrad")
def test_relu_layer(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        w = tf.constant(_rand([3, 4], 34))
        b = tf.constant(_rand([4], 35))
        return [tf.nn.relu_layer(x, w, b), tf.nn.relu_layer(x, w, b, name="dense")], [x, w, b]
    compare(both, build, {"x": X})


@pytest.mark.parametrize("kwargs", [{}, {"axis": 0}, {"dim": 1}, {"axis": [0, 1]},
                                    {"axis": 1, "epsilon": 10.0, "name": "unit"}])
def test_l2_normalize(both, kwargs):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        return tf.nn.l2_normalize(x, **kwargs), [x]
    compare(both, build, {"x": X})


@pytest.mark.parametrize("axes,kwargs", [
    ([0], {}), ([0, 1, 2], {}), ([1, 2], {"keep_dims": True}), ([3], {"keepdims": True}),
    ([0], {"name": "stats", "shift": 1.0}), ([-1], {}),
])
def test_moments(both, axes, kwargs):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
        mean, variance = tf.nn.moments(x, axes, **kwargs)
        return [mean, variance], [x]
    compare(both, build, {"x": X4})


@pytest.mark.parametrize("shape,shift", [([2, 4, 4, 3], None), ([2, 4, 4, 3], 0.5),
                                         ([None, 4, 4, 3], None), ([None, 4, 4, 3], 0.5)])
def test_sufficient_statistics_and_normalize_moments(both, shape, shift):
    def build(tf):
        x = tf.placeholder(tf.float32, shape, name="x")
        counts, m_ss, v_ss, s = tf.nn.sufficient_statistics(x, [0, 1, 2], shift=shift)
        mean, variance = tf.nn.normalize_moments(counts, m_ss, v_ss, s)
        return [counts, m_ss, v_ss, mean, variance], [x]
    compare(both, build, {"x": X4})


@pytest.mark.parametrize("with_scale,with_offset", [(True, True), (False, True), (True, False),
                                                    (False, False)])
def test_batch_normalization(both, with_scale, with_offset):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
        mean, variance = tf.nn.moments(x, [0, 1, 2])
        scale = tf.constant([1.0, 2.0, 0.5]) if with_scale else None
        offset = tf.constant([0.1, -0.2, 0.3]) if with_offset else None
        return tf.nn.batch_normalization(x, mean, variance, offset, scale, 1e-3), [x]
    compare(both, build, {"x": X4}, rtol=1e-4, atol=1e-5)


def _fused_batch_norm_program(mode):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
        scale = tf.constant([1.0, 2.0, 0.5])
        offset = tf.constant([0.1, -0.2, 0.3])
        mean = tf.constant([0.2, -0.1, 0.0])
        variance = tf.constant([1.5, 0.5, 1.0])
        if mode == "training":
            y, m, v = tf.nn.fused_batch_norm(x, scale, offset)
        elif mode == "inference":
            y, m, v = tf.nn.fused_batch_norm(x, scale, offset, mean, variance, epsilon=0.01,
                                             is_training=False)
            # Only y: TF's grappler rewrites inference batch norm into Mul/Add ops and then
            # cannot fetch the other outputs.
            return [y], [x, scale, offset]
        elif mode == "averaging":
            y, m, v = tf.nn.fused_batch_norm(x, scale, offset, mean, variance,
                                             exponential_avg_factor=0.3)
        else:
            y, m, v = tf.nn.fused_batch_norm(x, scale, offset, name="bn")
        return [y, m, v], [x, scale, offset]
    return build


_FBN_MODES = ["training", "inference", "averaging", "named"]


@pytest.mark.parametrize("scale_after", [True, False])
def test_batch_norm_with_global_normalization(both, scale_after):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
        return [tf.nn.batch_norm_with_global_normalization(
                    x, tf.constant([0.1, 0.2, 0.3]), tf.constant([1.0, 2.0, 3.0]),
                    tf.constant([0.5, 0.5, 0.5]), tf.constant([2.0, 1.0, 0.5]), 0.001,
                    scale_after),
                tf.nn.batch_norm_with_global_normalization(
                    input=x, mean=tf.constant([0.1, 0.2, 0.3]), variance=tf.constant([1.0] * 3),
                    beta=tf.constant([0.0] * 3), gamma=tf.constant([2.0] * 3),
                    variance_epsilon=0.01, scale_after_normalization=scale_after,
                    name="bngn")], [x]
    compare(both, build, {"x": X4}, rtol=1e-4, atol=1e-5)


@needs("FusedBatchNormV3")
@pytest.mark.parametrize("mode", _FBN_MODES)
def test_fused_batch_norm_forward(both, mode):
    compare(both, _fused_batch_norm_program(mode), {"x": X4}, grads=False, rtol=1e-4,
            atol=1e-4)


@needs("FusedBatchNormV3", "FusedBatchNormGradV3")
@pytest.mark.parametrize("mode", _FBN_MODES)
def test_fused_batch_norm_gradients(both, mode):
    compare(both, _fused_batch_norm_program(mode), {"x": X4}, rtol=1e-4, atol=1e-4)


def test_fused_batch_norm_errors(both):
    same_error(both, lambda tf: tf.nn.fused_batch_norm(tf.zeros([1, 2, 2, 3]), tf.ones([3]),
                                                       tf.zeros([3]), is_training=False),
               same_message=True)


@needs("DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput",
       "DepthwiseConv2dNativeBackpropFilter")
@pytest.mark.parametrize("kwargs", [{}, {"rate": [1, 1]}, {"dilations": [1, 1], "name": "dw"}])
def test_depthwise_conv2d(both, kwargs):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
        f = tf.placeholder(tf.float32, [2, 2, 3, 2], name="f")
        return tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], "SAME", **kwargs), [x, f]
    compare(both, build, {"x": X4, "f": _rand([2, 2, 3, 2], 36)}, rtol=1e-4, atol=1e-4)


@pytest.mark.xfail(strict=True, reason="op SpaceToBatchND, BatchToSpaceND not in C++ yet")
def test_depthwise_conv2d_with_rate(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
        f = tf.placeholder(tf.float32, [2, 2, 3, 2], name="f")
        return tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], "SAME", rate=[2, 2]), [x, f]
    compare(both, build, {"x": X4, "f": _rand([2, 2, 3, 2], 36)}, rtol=1e-4, atol=1e-4)


def test_depthwise_conv2d_errors(both):
    same_error(both, lambda tf: tf.nn.depthwise_conv2d(tf.zeros([4, 4]), tf.zeros([2, 2, 1, 1]),
                                                       [1, 1, 1, 1], "SAME"), same_message=True)
    same_error(both, lambda tf: tf.nn.depthwise_conv2d(tf.zeros([1, 4, 4, 1]),
                                                       tf.zeros([2, 2, 1, 1]), [1, 1, 1, 1],
                                                       "SAME", rate=[0, 1]), same_message=True)
