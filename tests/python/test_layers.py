"""tf.contrib.layers (TF1.15's contrib, which real TF 2.x no longer has) and the Liu-specific
edges of tf.layers. Names and defaults come from TF1.15's contrib/layers/python/layers/
layers.py and initializers.py; values are recomputed with NumPy from the fetched variables."""
import numpy as np
import pytest

import liu as tf
import liu.layers  # noqa: F401  (tf.layers, until liu/__init__.py imports it)


def _run(fetches, feed=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


def _conv2d_same_numpy(x, w):
    """Reference NHWC convolution, stride 1, SAME padding (extra on the bottom/right)."""
    kh, kw = w.shape[:2]
    top, left = (kh - 1) // 2, (kw - 1) // 2
    xp = np.pad(x, ((0, 0), (top, kh - 1 - top), (left, kw - 1 - left), (0, 0)))
    n, h, wd, _ = x.shape
    out = np.zeros((n, h, wd, w.shape[3]), np.float64)
    for i in range(h):
        for j in range(wd):
            patch = xp[:, i:i + kh, j:j + kw, :]
            out[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return out


# ---- contrib.layers.fully_connected ----
def test_fully_connected_names_collections_and_values():
    x_val = np.random.RandomState(0).randn(3, 4).astype(np.float32)
    x = tf.placeholder(tf.float32, [None, 4])
    y = tf.contrib.layers.fully_connected(x, 5)
    z = tf.contrib.layers.fully_connected(y, 2, activation_fn=None, scope="logits")
    y2 = tf.contrib.layers.fully_connected(x, 5)
    assert y.op.name == "fully_connected/Relu"
    assert z.op.name == "logits/BiasAdd"
    assert y2.op.name == "fully_connected_1/Relu"
    names = ["fully_connected/weights:0", "fully_connected/biases:0", "logits/weights:0",
             "logits/biases:0", "fully_connected_1/weights:0", "fully_connected_1/biases:0"]
    assert [v.name for v in tf.global_variables()] == names
    assert [v.name for v in tf.trainable_variables()] == names
    assert [v.name for v in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)] == names
    w, b, w2, b2, y_val, z_val = _run(tf.global_variables()[:4] + [y, z], {x: x_val})
    assert w.shape == (4, 5) and b.shape == (5,)
    np.testing.assert_array_equal(b, np.zeros(5, np.float32))
    limit = np.sqrt(6.0 / (4 + 5))  # xavier_initializer (uniform)
    assert np.all(np.abs(w) <= limit) and np.abs(w).max() > limit / 4
    expected_y = np.maximum(x_val @ w + b, 0)
    np.testing.assert_allclose(y_val, expected_y, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(z_val, expected_y @ w2 + b2, rtol=1e-5, atol=1e-6)


def test_fully_connected_reuse_regularizer_and_no_bias():
    x = tf.placeholder(tf.float32, [None, 3])
    a = tf.contrib.layers.fully_connected(x, 2, scope="fc",
                                          weights_regularizer=tf.contrib.layers.l2_regularizer(
                                              0.5),
                                          biases_initializer=None)
    b = tf.contrib.layers.fully_connected(x, 2, scope="fc", reuse=True, biases_initializer=None)
    assert [v.name for v in tf.global_variables()] == ["fc/weights:0"]
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert [t.name for t in losses] == ["fc/kernel/Regularizer/l2_regularizer:0"]
    x_val = np.ones((2, 3), np.float32)
    w, a_val, b_val, loss = _run([tf.global_variables()[0], a, b, losses[0]], {x: x_val})
    np.testing.assert_allclose(a_val, b_val)
    np.testing.assert_allclose(a_val, np.maximum(x_val @ w, 0), rtol=1e-6)
    np.testing.assert_allclose(loss, 0.5 * np.sum(w.astype(np.float64) ** 2) / 2, rtol=1e-5)
    with pytest.raises(ValueError):
        tf.contrib.layers.fully_connected(x, 2, scope="fc")  # exists, reuse not set
    with pytest.raises(ValueError):
        tf.contrib.layers.fully_connected(x, 2.0)


def test_fully_connected_variables_collections_and_normalizer():
    x = tf.placeholder(tf.float32, [None, 3])
    out = tf.contrib.layers.fully_connected(
        x, 4, normalizer_fn=lambda t, scale: t * scale, normalizer_params={"scale": 2.0},
        variables_collections={"weights": ["my_weights"]}, outputs_collections="outs")
    assert [v.name for v in tf.get_collection("my_weights")] == ["fully_connected/weights:0"]
    # a normalizer replaces the bias, as in contrib
    assert [v.name for v in tf.global_variables()] == ["fully_connected/weights:0"]
    assert tf.get_collection("outs") == [out]
    w, val = _run([tf.global_variables()[0], out], {x: np.eye(3, dtype=np.float32)})
    np.testing.assert_allclose(val, np.maximum(2.0 * w, 0), rtol=1e-6)


# ---- contrib.layers.conv2d, pooling, flatten, dropout ----
def test_contrib_conv2d_defaults_same_padding_relu():
    x_val = np.random.RandomState(1).randn(2, 5, 5, 2).astype(np.float32)
    x = tf.placeholder(tf.float32, [None, 5, 5, 2])
    y = tf.contrib.layers.conv2d(x, 3, [3, 2])
    y2 = tf.contrib.layers.conv2d(x, 3, 1, activation_fn=None,
                                  biases_initializer=tf.constant_initializer(0.5))
    assert y.op.name == "Conv/Relu"
    assert y2.op.name == "Conv_1/BiasAdd"
    assert [v.name for v in tf.global_variables()] == [
        "Conv/weights:0", "Conv/biases:0", "Conv_1/weights:0", "Conv_1/biases:0"]
    assert y.shape.as_list() == [None, 5, 5, 3]
    w, b, w2, b2, y_val, y2_val = _run(tf.global_variables() + [y, y2], {x: x_val})
    assert w.shape == (3, 2, 2, 3)
    limit = np.sqrt(6.0 / (3 * 2 * 2 + 3 * 2 * 3))  # xavier: fans times receptive field
    assert np.all(np.abs(w) <= limit)
    np.testing.assert_allclose(y_val, np.maximum(_conv2d_same_numpy(x_val, w) + b, 0),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(b2, np.full(3, 0.5, np.float32))
    np.testing.assert_allclose(y2_val, _conv2d_same_numpy(x_val, w2) + b2, rtol=1e-4,
                               atol=1e-5)


def test_contrib_pooling_flatten():
    x_val = np.arange(2 * 4 * 4 * 3, dtype=np.float32).reshape(2, 4, 4, 3)
    x = tf.constant(x_val)
    mp = tf.contrib.layers.max_pool2d(x, [2, 2])
    ap = tf.contrib.layers.avg_pool2d(x, 2, stride=2)
    mp3 = tf.contrib.layers.max_pool2d(x, 3, stride=1, padding="SAME", scope="pool")
    flat = tf.contrib.layers.flatten(mp)
    assert mp.op.name == "MaxPool2D/MaxPool"
    assert ap.op.name == "AvgPool2D/AvgPool"
    assert mp3.op.name == "pool/MaxPool"
    assert flat.op.name == "Flatten/flatten/Reshape"
    assert flat.shape.as_list() == [2, 12]
    mp_v, ap_v, mp3_v, flat_v = _run([mp, ap, mp3, flat])
    blocks = x_val.reshape(2, 2, 2, 2, 2, 3)
    np.testing.assert_array_equal(mp_v, blocks.max(axis=(2, 4)))
    np.testing.assert_allclose(ap_v, blocks.mean(axis=(2, 4)))
    np.testing.assert_array_equal(flat_v, mp_v.reshape(2, -1))
    padded = np.pad(x_val, ((0, 0), (1, 1), (1, 1), (0, 0)), constant_values=-np.inf)
    ref = np.stack([np.stack([padded[:, i:i + 3, j:j + 3].max(axis=(1, 2)) for j in range(4)], 1)
                    for i in range(4)], 1)
    np.testing.assert_array_equal(mp3_v, ref)
    with pytest.raises(ValueError):
        tf.contrib.layers.max_pool2d(x, 2, data_format="NWC")


def test_contrib_dropout_keep_prob_and_is_training():
    x = tf.ones([50, 40])
    train = tf.contrib.layers.dropout(x, keep_prob=0.25, seed=3)
    test = tf.contrib.layers.dropout(x, keep_prob=0.25, is_training=False)
    assert train.op.name.startswith("Dropout/")
    assert test.op.name == "Dropout_1/Identity"
    train_v, test_v = _run([train, test])
    np.testing.assert_array_equal(test_v, np.ones((50, 40), np.float32))
    assert set(np.unique(train_v)) <= {0.0, 4.0}
    assert 0.15 < np.mean(train_v == 4.0) < 0.35


# ---- contrib initializers ----
def test_xavier_and_variance_scaling_initializers():
    tf.set_random_seed(5)
    xavier_u = tf.get_variable("xu", [200, 300], initializer=tf.contrib.layers.xavier_initializer())
    xavier_n = tf.get_variable("xn", [200, 300],
                               initializer=tf.contrib.layers.xavier_initializer(uniform=False))
    he = tf.get_variable("he", [3, 3, 40, 50],
                         initializer=tf.contrib.layers.variance_scaling_initializer())
    fan_out = tf.get_variable("fo", [100, 400], initializer=tf.contrib.layers.
                              variance_scaling_initializer(factor=1.0, mode="FAN_OUT",
                                                           uniform=True))
    u, n, h, fo = _run([xavier_u, xavier_n, he, fan_out])
    limit = np.sqrt(3.0 / 250.0)
    assert np.all(np.abs(u) <= limit) and np.abs(u).max() > 0.99 * limit
    # truncated normal with stddev sqrt(1.3 * factor / n): within 2 stddev, std ~ sqrt(1/n)
    stddev = np.sqrt(1.3 / 250.0)
    assert np.all(np.abs(n) <= 2 * stddev + 1e-7)
    np.testing.assert_allclose(n.std(), np.sqrt(1.0 / 250.0), rtol=0.05)
    np.testing.assert_allclose(h.std(), np.sqrt(2.0 / (9 * 40)), rtol=0.05)
    assert np.all(np.abs(fo) <= np.sqrt(3.0 / 400.0))
    with pytest.raises(TypeError):
        tf.contrib.layers.variance_scaling_initializer(mode="FAN_SUM")
    with pytest.raises(TypeError):
        tf.contrib.layers.xavier_initializer(dtype=tf.int32)


# ---- tf.layers: Liu-specific behaviour ----
def test_layers_training_tensor_needs_cond():
    x = tf.placeholder(tf.float32, [None, 3])
    training = tf.placeholder(tf.bool, [])
    from liu.ops import control_flow_ops
    if hasattr(control_flow_ops, "cond"):
        pytest.skip("tf.cond exists now: a tensor `training` is supported")
    with pytest.raises(NotImplementedError, match="tf.cond"):
        tf.layers.dropout(x, 0.5, training=training)
    with pytest.raises(NotImplementedError, match="tf.cond"):
        tf.layers.batch_normalization(x, training=training)


def test_layer_object_properties_and_reuse():
    x = tf.placeholder(tf.float32, [None, 3])
    layer = tf.layers.Dense(4, activation="relu", name="proj")
    y1 = layer(x)
    y2 = layer.apply(x)
    assert layer.built and layer.scope_name == "proj"
    assert [v.name for v in layer.trainable_weights] == ["proj/kernel:0", "proj/bias:0"]
    assert layer.kernel.shape.as_list() == [3, 4]
    assert (y1.op.name, y2.op.name) == ("proj/Relu", "proj/Relu_1")
    assert len(tf.global_variables()) == 2
    bn = tf.layers.BatchNormalization()
    bn(tf.placeholder(tf.float32, [None, 3]), training=True)
    assert [v.name for v in bn.non_trainable_weights] == [
        "batch_normalization/moving_mean:0", "batch_normalization/moving_variance:0"]
    assert [op.name for op in bn.updates] == ["batch_normalization/AssignMovingAvg",
                                             "batch_normalization/AssignMovingAvg_1"]
    assert bn.updates == tf.get_collection(tf.GraphKeys.UPDATE_OPS)


def test_dense_activity_regularizer_and_non_trainable():
    x = tf.placeholder(tf.float32, [None, 2])
    y = tf.layers.dense(x, 3, trainable=False, activity_regularizer=lambda t: tf.reduce_sum(t),
                        kernel_initializer=tf.ones_initializer(),
                        bias_initializer=tf.constant_initializer(1.0))
    assert tf.trainable_variables() == []
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert len(losses) == 1 and losses[0].op.name.startswith("dense/ActivityRegularizer/")
    y_val, loss = _run([y, losses[0]], {x: np.ones((4, 2), np.float32)})
    np.testing.assert_array_equal(y_val, np.full((4, 3), 3.0, np.float32))
    np.testing.assert_allclose(loss, 36.0 / 4)  # sum over the batch / batch size


def test_contrib_batch_norm_core_layer_path():
    x_val = (np.random.RandomState(2).randn(4, 3, 3, 2) * 3 + 1).astype(np.float32)
    x = tf.placeholder(tf.float32, [4, 3, 3, 2])
    y = tf.contrib.layers.batch_norm(x, decay=0.9, activation_fn=tf.nn.relu)
    names = ["BatchNorm/beta:0", "BatchNorm/moving_mean:0", "BatchNorm/moving_variance:0"]
    assert [v.name for v in tf.global_variables()] == names  # scale=False: no gamma
    assert [v.name for v in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)] == names
    assert [v.name for v in tf.trainable_variables()] == ["BatchNorm/beta:0"]
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    assert [op.name for op in updates] == ["BatchNorm/AssignMovingAvg",
                                           "BatchNorm/AssignMovingAvg_1"]
    assert y.op.name == "BatchNorm/Relu"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        y_val, _ = sess.run([y, updates], {x: x_val})
        mean, var = sess.run(tf.global_variables()[1:])
    batch_mean = x_val.mean(axis=(0, 1, 2))
    batch_var = x_val.var(axis=(0, 1, 2))
    expected = np.maximum((x_val - batch_mean) / np.sqrt(batch_var + 0.001), 0)
    np.testing.assert_allclose(y_val, expected, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(mean, 0.1 * batch_mean, rtol=1e-4, atol=1e-6)
    n = x_val.size / 2  # the fused kernel's moving variance uses the unbiased batch variance
    np.testing.assert_allclose(var, 0.9 + 0.1 * batch_var * n / (n - 1), rtol=1e-4)
    with pytest.raises(NotImplementedError):
        tf.contrib.layers.batch_norm(tf.placeholder(tf.float32, [None, 3]))
