"""tf.nn ops under real TensorFlow and under Liu: values, dtypes, static shapes (also with None
dims), node names, gradients, dropout's random mask bit for bit, and the error classes (and
TF's own Python messages) for bad arguments at graph construction.

Each `compare` builds the same graph under both, checks the forward graph's (name, type) list
and the outputs' static shapes and dtypes are equal, then runs the outputs and their gradients
with respect to the inputs (with fixed non-uniform grad_ys) and compares the values.
A test of an op Liu's C++ core does not have yet is an expected failure (strict), so it starts
passing, loudly, the day the op lands.
"""
import numpy as np
import pytest

from conftest import assert_same


def _registered_ops():
    import liu
    return set(liu._C.registered_ops())


def needs(*op_types):
    """xfail(strict) while any of op_types is missing from Liu's C++ registry."""
    missing = [t for t in op_types if t not in _registered_ops()]
    return pytest.mark.xfail(bool(missing), strict=True,
                             reason="op %s not in C++ yet" % ", ".join(missing))


def _rand(shape, seed=0, dtype=np.float32):
    return np.asarray(np.random.RandomState(seed).randn(*shape)).astype(dtype)


def forward_graph(graph):
    return [(op.name, op.type) for op in graph.get_operations()]


def compare(both, build, feeds=(), grads=True, rtol=1e-5, atol=1e-5, names=True):
    """build(tf) -> (outputs, xs): creates placeholders named as in `feeds` (name -> array)
    and returns the tensors to compare and the tensors to differentiate against."""
    feeds = dict(feeds)

    def program(tf):
        graph = tf.get_default_graph()
        outs, xs = build(tf)
        outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
        meta = {"graph": forward_graph(graph),
                "shapes": [str(t.shape) for t in outs],
                "dtypes": [t.dtype.name for t in outs]}
        fetches = list(outs)
        if grads and xs:
            out = outs[0]
            grad_ys = None
            if out.shape.is_fully_defined():
                grad_ys = tf.constant(_rand(out.shape.as_list(), seed=7,
                                            dtype=out.dtype.as_numpy_dtype))
            g = tf.gradients(out, xs, grad_ys=grad_ys)
            meta["no_gradient"] = [t is None for t in g]
            g = [t for t in g if t is not None]
            # Gradient static shapes are not compared: Liu's Reshape does not yet read partial
            # shapes from a Shape tensor (Mul's gradient of an [?, 3] input is [?, ?]).
            fetches += g
        with tf.Session() as sess:
            values = sess.run(fetches, {graph.get_tensor_by_name(k + ":0"): v
                                        for k, v in feeds.items()})
        return meta, values

    (tf_meta, tf_values), (liu_meta, liu_values) = both(program)
    if not names:
        tf_meta.pop("graph")
        liu_meta.pop("graph")
    assert liu_meta == tf_meta
    assert_same(tf_values, liu_values, rtol=rtol, atol=atol)


def construction_error(both, build):
    """The error class (and message, for TF's own Python checks) building a bad graph."""
    def program(tf):
        try:
            build(tf)
        except Exception as e:  # noqa: BLE001 - the class is what is compared
            return type(e).__name__, str(e)
        return None, None
    return both(program)


def run_error(both, build):
    """The error class running a graph that builds but cannot run (shapes known only then)."""
    def program(tf):
        fetch = build(tf)
        try:
            with tf.Session() as sess:
                sess.run(fetch)
        except Exception as e:  # noqa: BLE001 - the class is what is compared
            return type(e).__name__
        return None
    tf_cls, liu_cls = both(program)
    assert tf_cls is not None
    assert liu_cls == tf_cls


def same_error(both, build, same_message=False):
    (tf_cls, tf_msg), (liu_cls, liu_msg) = construction_error(both, build)
    assert tf_cls is not None
    assert liu_cls == tf_cls, (tf_msg, liu_msg)
    if same_message:
        assert liu_msg == tf_msg


X23 = _rand([2, 3])
X4 = _rand([2, 5, 5, 3], seed=1)
F4 = _rand([3, 3, 3, 4], seed=2)


# ---- activations ----
_ACTIVATIONS = [("relu", "Relu", "ReluGrad"), ("relu6", "Relu6", "Relu6Grad"),
                ("elu", "Elu", "EluGrad"), ("selu", "Selu", "SeluGrad"),
                ("softplus", "Softplus", "SoftplusGrad"), ("softsign", "Softsign", "SoftsignGrad"),
                ("leaky_relu", "LeakyRelu", "LeakyReluGrad"), ("sigmoid", "Sigmoid", "SigmoidGrad"),
                ("tanh", "Tanh", "TanhGrad"), ("crelu", "Relu", "ReluGrad")]


@pytest.mark.parametrize("fn", [pytest.param(fn, marks=needs(op, grad))
                                for fn, op, grad in _ACTIVATIONS])
def test_activation(both, fn):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        y = getattr(tf.nn, fn)(x * 3.0)
        named = getattr(tf.nn, fn)(x, name="act")
        literal = getattr(tf.nn, fn)([[-1.0, 0.5, 2.0]])
        return [y, named, literal], [x]
    compare(both, build, {"x": X23})


@needs("Elu", "LeakyRelu", "Relu6", "EluGrad", "LeakyReluGrad", "Relu6Grad")
def test_activations_float64_and_int_leaky_relu(both):
    def build(tf):
        x = tf.placeholder(tf.float64, [2, 3], name="x")
        ys = [tf.nn.elu(x), tf.nn.relu6(x * 4.0), tf.nn.leaky_relu(x, alpha=0.1),
              tf.nn.leaky_relu(tf.constant([1, -2, 3])),
              tf.nn.leaky_relu(x, alpha=np.array(0.3))]
        return ys, [x]
    compare(both, build, {"x": X23.astype(np.float64)})


# ---- softmax ----
@needs("Softmax", "LogSoftmax")
@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
@pytest.mark.parametrize("kwargs", [{}, {"axis": -1}, {"axis": 0}, {"dim": 1},
                                    {"axis": 0, "name": "sm"}, {"axis": -2}])
def test_softmax(both, fn, kwargs):
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        return getattr(tf.nn, fn)(x * 2.0, **kwargs), [x]
    compare(both, build, {"x": X23})


@needs("Softmax", "LogSoftmax")
def test_softmax_partial_shapes_and_literal(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        y = tf.placeholder(tf.float32, None, name="y")
        return [tf.nn.softmax(x), tf.nn.log_softmax(x, axis=0), tf.nn.softmax(y),
                tf.nn.softmax([1.0, 2.0, 3.0]), tf.nn.softmax(x, axis=1)], [x]
    compare(both, build, {"x": X23, "y": X23})


def test_softmax_bad_axis(both):
    def build(tf):
        tf.nn.softmax(tf.placeholder(tf.float32, [2, 3]), axis=2)
    same_error(both, build, same_message=True)


# ---- bias_add, xw_plus_b, l2_loss ----
@needs("BiasAdd", "BiasAddGrad")
def test_bias_add(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        b = tf.placeholder(tf.float32, [3], name="b")
        x4 = tf.placeholder(tf.float32, [2, 3, 2, 2], name="x4")
        return [tf.nn.bias_add(x, b), tf.nn.bias_add(x, b, name="ba"),
                tf.nn.bias_add(x, [1.0, 2.0, 3.0]),
                tf.nn.bias_add(x4, b, data_format="NCHW")], [x, b]
    compare(both, build, {"x": X23, "b": _rand([3], 3), "x4": _rand([2, 3, 2, 2], 4)})


@needs("BiasAdd")
def test_bias_add_errors(both):
    same_error(both, lambda tf: tf.nn.bias_add(tf.zeros([2, 3]), tf.zeros([4])))
    same_error(both, lambda tf: tf.nn.bias_add(tf.zeros([2, 3]), tf.zeros([3]),
                                               data_format="CHWN"), same_message=True)
    same_error(both, lambda tf: tf.nn.bias_add(tf.zeros([2, 3]), tf.zeros([3], tf.float64)))


@needs("BiasAdd", "BiasAddGrad")
def test_xw_plus_b(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        w = tf.constant(_rand([3, 4], 5))
        b = tf.constant(_rand([4], 6))
        return [tf.nn.xw_plus_b(x, w, b), tf.nn.xw_plus_b(x, w, b, name="lin")], [x, w, b]
    compare(both, build, {"x": X23})


def test_l2_loss(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        return [tf.nn.l2_loss(x), tf.nn.l2_loss(x, name="l2")], [x]
    compare(both, build, {"x": X23})


# ---- convolutions ----
SPEC_IMAGE = np.array([[4, 3, 1, 0], [2, 1, 0, 1], [1, 2, 4, 1], [3, 1, 0, 2]], np.float32)
SPEC_KERNEL = np.array([[1, 0, 1], [2, 1, 0], [0, 0, 1]], np.float32)


@needs("Conv2D")
def test_conv2d_spec_example(both):
    """The study notes' example: VALID ⇒ [[14, 6], [6, 12]]; SAME pads right/bottom more."""
    def build(tf):
        image = tf.constant(SPEC_IMAGE.reshape(1, 4, 4, 1))
        kernel = tf.constant(SPEC_KERNEL.reshape(3, 3, 1, 1))
        return [tf.nn.conv2d(image, kernel, strides=[1, 1, 1, 1], padding="VALID"),
                tf.nn.conv2d(image, kernel, [1, 1, 1, 1], "SAME"),
                tf.nn.conv2d(image, kernel, 2, "SAME")], []
    compare(both, build)


@needs("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter")
@pytest.mark.parametrize("kwargs", [
    {"strides": [1, 1, 1, 1], "padding": "SAME"},
    {"strides": [1, 2, 2, 1], "padding": "VALID"},
    {"strides": 2, "padding": "SAME"},
    {"strides": [2, 1], "padding": "SAME", "name": "c"},
    {"strides": 1, "padding": [[0, 0], [1, 2], [0, 1], [0, 0]]},
    {"strides": [1, 1, 1, 1], "padding": "SAME", "use_cudnn_on_gpu": False},
])
def test_conv2d(both, kwargs):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 5, 5, 3], name="x")
        f = tf.placeholder(tf.float32, [3, 3, 3, 4], name="f")
        return tf.nn.conv2d(x, f, **kwargs), [x, f]
    compare(both, build, {"x": X4, "f": F4}, names=True, rtol=1e-4, atol=1e-4)


@needs("Conv2D")
@pytest.mark.parametrize("kwargs", [{"strides": [1], "padding": "VALID", "dilations": 2},
                                    {"strides": 1, "padding": "SAME", "dilations": [1, 2, 1, 1]}])
def test_conv2d_dilations(both, kwargs):
    """Forward only: TF's CPU kernels have no dilated backprop."""
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 5, 5, 3], name="x")
        f = tf.placeholder(tf.float32, [3, 3, 3, 4], name="f")
        return tf.nn.conv2d(x, f, **kwargs), []
    compare(both, build, {"x": X4, "f": F4}, rtol=1e-4, atol=1e-4)


@needs("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter")
def test_conv2d_filters_alias_float64_and_unknown_shapes(both):
    def build(tf):
        x = tf.placeholder(tf.float64, None, name="x")
        f = tf.placeholder(tf.float64, [3, 3, 3, None], name="f")
        y = tf.placeholder(tf.float64, [None, None, None, 3], name="y")
        return [tf.nn.conv2d(x, filters=f, strides=1, padding="SAME"),
                tf.nn.conv2d(input=y, filter=f, strides=[1, 2, 2, 1], padding="VALID")], [x, f]
    compare(both, build, {"x": X4.astype(np.float64), "f": F4.astype(np.float64),
                          "y": X4.astype(np.float64)})


@needs("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter")
@pytest.mark.parametrize("kwargs", [{"padding": "SAME"}, {"padding": "VALID", "strides": [2, 2]},
                                    {"padding": "SAME", "name": "conv", "dilation_rate": [1, 1]},
                                    {"padding": "VALID", "data_format": "NHWC", "strides": [1, 2]}])
def test_convolution_2d(both, kwargs):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 5, 5, 3], name="x")
        f = tf.placeholder(tf.float32, [3, 3, 3, 4], name="f")
        return [tf.nn.convolution(x, f, **kwargs),
                tf.nn.convolution(x, F4, **kwargs)], [x, f]
    compare(both, build, {"x": X4, "f": F4}, rtol=1e-4, atol=1e-4)


@pytest.mark.xfail(strict=True, reason="static shape: Liu's Reshape shape function does not yet "
                   "evaluate a ConcatV2 of Consts as TF's shape inference does")
def test_conv2d_rank5_input(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 1, 5, 5, 3], name="x")
        return [tf.nn.conv2d(x, F4, 1, "SAME"), tf.nn.convolution(x, F4, "VALID")], []
    compare(both, build, {"x": X4.reshape(2, 1, 5, 5, 3)}, rtol=1e-4, atol=1e-4)


@needs("Conv2D")
def test_conv2d_errors(both):
    x = lambda tf: tf.zeros([1, 5, 5, 3])  # noqa: E731
    f = lambda tf: tf.zeros([3, 3, 3, 4])  # noqa: E731
    # A bad padding string, wrong strides lengths, explicit padding lists of the wrong form.
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), f(tf), [1, 1, 1, 1], "FOO"))
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), f(tf), [1, 1, 1], "SAME"),
               same_message=True)
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), f(tf), 1, "EXPLICIT"), same_message=True)
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), f(tf), 1, [[0, 0], [1, 1], [1, 1]]),
               same_message=True)
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), f(tf), 1, [[0, 0], [1], [1, 1], [0, 0]]),
               same_message=True)
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), f(tf), 1, [0, 0, 1, 1]), same_message=True)
    # Mismatched channels, ranks, strides on the batch dim, dtypes.
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), tf.zeros([3, 3, 2, 4]), 1, "SAME"))
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), tf.zeros([3, 3, 4]), 1, "SAME"))
    same_error(both, lambda tf: tf.nn.conv2d(x(tf), tf.zeros([3, 3, 3, 4], tf.float64), 1,
                                             "SAME"))
    same_error(both, lambda tf: tf.nn.conv2d(tf.zeros([1, 2, 2, 3]), f(tf), 1, "VALID"))
    # Strides on the batch dim: TF's kernel refuses them when run.
    run_error(both, lambda tf: tf.nn.conv2d(x(tf), f(tf), [2, 1, 1, 1], "SAME"))


@needs("Conv2DBackpropInput", "Conv2DBackpropFilter")
def test_conv2d_backprop_functions(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 5, 5, 3], name="x")
        f = tf.placeholder(tf.float32, [3, 3, 3, 4], name="f")
        dy = tf.placeholder(tf.float32, [2, 3, 3, 4], name="dy")
        return [tf.nn.conv2d_backprop_input([2, 5, 5, 3], f, dy, [1, 2, 2, 1], "SAME"),
                tf.nn.conv2d_backprop_input(tf.constant([2, 5, 5, 3]), filters=f,
                                            out_backprop=dy, strides=[1, 1, 1, 1],
                                            padding="VALID", name="bi"),
                tf.nn.conv2d_backprop_filter(x, [3, 3, 3, 4], dy, [1, 2, 2, 1], "SAME"),
                tf.nn.conv2d_backprop_filter(x, tf.constant([3, 3, 3, 4]), dy, [1, 1, 1, 1],
                                             "VALID", name="bf")], [f, dy]
    compare(both, build, {"x": X4, "f": F4, "dy": _rand([2, 3, 3, 4], 8)}, rtol=1e-4,
            atol=1e-4)


@needs("Conv2DBackpropInput", "Conv2D", "Conv2DBackpropFilter")
def test_conv2d_transpose_spec_example(both):
    """x [1,3,3,1], kernel [2,2,3,1], strides 2 ⇒ [1,5,5,3] (SAME/VALID) or [1,6,6,3]."""
    def build(tf):
        x = tf.placeholder(tf.float32, [1, 3, 3, 1], name="x")
        k = tf.placeholder(tf.float32, [2, 2, 3, 1], name="k")
        return [tf.nn.conv2d_transpose(x, k, [1, 6, 6, 3], [1, 2, 2, 1], "SAME"),
                tf.nn.conv2d_transpose(x, k, [1, 5, 5, 3], [1, 2, 2, 1], "SAME"),
                tf.nn.conv2d_transpose(x, k, [1, 6, 6, 3], 2, "VALID", name="up"),
                tf.nn.conv2d_transpose(value=x, filter=k, output_shape=tf.constant([1, 6, 6, 3]),
                                       strides=[2, 2])], [x, k]
    compare(both, build, {"x": _rand([1, 3, 3, 1], 9), "k": _rand([2, 2, 3, 1], 10)})


@needs("Conv2DBackpropInput")
def test_conv2d_transpose_errors(both):
    x = lambda tf: tf.zeros([1, 3, 3, 1])  # noqa: E731
    # Filter's in_channels differ from the input's: at construction.
    same_error(both, lambda tf: tf.nn.conv2d_transpose(x(tf), tf.zeros([2, 2, 3, 2]),
                                                       [1, 6, 6, 3], [1, 2, 2, 1], "SAME"))
    # An output shape inconsistent with the input or the filter: when run (TF 2.21 checks
    # output_shape in the kernel, naming both shapes).
    run_error(both, lambda tf: tf.nn.conv2d_transpose(x(tf), tf.zeros([2, 2, 3, 1]),
                                                      [1, 5, 5, 3], [1, 2, 2, 1], "VALID"))
    run_error(both, lambda tf: tf.nn.conv2d_transpose(x(tf), tf.zeros([2, 2, 3, 1]),
                                                      [1, 6, 6, 4], [1, 2, 2, 1], "SAME"))
    same_error(both, lambda tf: tf.nn.conv2d_transpose(x(tf), tf.zeros([2, 2, 3, 1]),
                                                       [1, 6, 6, 3], [1, 2, 2], "SAME"),
               same_message=True)


@needs("DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput",
       "DepthwiseConv2dNativeBackpropFilter")
@pytest.mark.parametrize("fn", ["depthwise_conv2d", "depthwise_conv2d_native"])
@pytest.mark.parametrize("strides,padding", [([1, 1, 1, 1], "SAME"), ([1, 2, 2, 1], "VALID")])
def test_depthwise_conv2d(both, fn, strides, padding):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 5, 5, 3], name="x")
        f = tf.placeholder(tf.float32, [3, 3, 3, 2], name="f")
        return [getattr(tf.nn, fn)(x, f, strides, padding),
                getattr(tf.nn, fn)(x, f, strides, padding, name="dw")], [x, f]
    compare(both, build, {"x": X4, "f": _rand([3, 3, 3, 2], 11)}, rtol=1e-4, atol=1e-4)


@needs("DepthwiseConv2dNativeBackpropInput", "DepthwiseConv2dNativeBackpropFilter")
def test_depthwise_backprop_functions(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 5, 5, 3], name="x")
        f = tf.placeholder(tf.float32, [3, 3, 3, 2], name="f")
        dy = tf.placeholder(tf.float32, [2, 5, 5, 6], name="dy")
        return [tf.nn.depthwise_conv2d_native_backprop_input([2, 5, 5, 3], f, dy, [1, 1, 1, 1],
                                                             "SAME"),
                tf.nn.depthwise_conv2d_native_backprop_filter(x, [3, 3, 3, 2], dy,
                                                              [1, 1, 1, 1], "SAME")], []
    compare(both, build, {"x": X4, "f": _rand([3, 3, 3, 2], 11), "dy": _rand([2, 5, 5, 6], 12)},
            rtol=1e-4, atol=1e-4)


# ---- pooling, LRN ----
@needs("MaxPool", "AvgPool", "MaxPoolGrad", "AvgPoolGrad")
@pytest.mark.parametrize("fn", ["max_pool", "avg_pool"])
@pytest.mark.parametrize("kwargs", [
    {"ksize": [1, 2, 2, 1], "strides": [1, 2, 2, 1], "padding": "VALID"},
    {"ksize": 3, "strides": 2, "padding": "SAME"},
    {"ksize": [2, 3], "strides": [1], "padding": "SAME", "name": "pool"},
])
def test_pool(both, fn, kwargs):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 5, 5, 3], name="x")
        return getattr(tf.nn, fn)(x, **kwargs), [x]
    compare(both, build, {"x": X4})


@needs("MaxPool", "MaxPoolGrad", "AvgPool", "AvgPoolGrad")
def test_max_pool_explicit_padding_and_input_alias(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 5, 5, 3], name="x")
        return [tf.nn.max_pool(x, 2, 2, [[0, 0], [1, 0], [0, 1], [0, 0]]),
                tf.nn.max_pool2d(x, 2, 2, "SAME"),
                tf.nn.max_pool2d(x, [3, 2], 1, "VALID", name="mp"),
                tf.nn.avg_pool2d(x, 2, 2, "SAME"),
                tf.nn.max_pool(None, 2, 1, "VALID", input=x),
                tf.nn.avg_pool(None, 2, 1, "VALID", input=x)], [x]
    compare(both, build, {"x": X4})


@needs("MaxPool", "MaxPoolGrad", "MaxPoolGradGrad", "AvgPool", "AvgPoolGrad")
def test_pool_second_order(both):
    """Gradients of the pooling gradients (MaxPoolGradGrad; AvgPool's grad of grad)."""
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 5, 5, 3], name="x")
        dy = tf.placeholder(tf.float32, [2, 3, 3, 3], name="dy")
        g_max = tf.gradients(tf.nn.max_pool(x, 2, 2, "SAME"), x, grad_ys=dy)[0]
        g_avg = tf.gradients(tf.nn.avg_pool(x, 3, 2, "SAME"), x, grad_ys=dy)[0]
        return [g_max + g_avg], [dy]
    compare(both, build, {"x": X4, "dy": _rand([2, 3, 3, 3], 41)}, names=False)


@needs("MaxPool", "AvgPool")
def test_pool_errors(both):
    x = lambda tf: tf.zeros([1, 4, 4, 3])  # noqa: E731
    same_error(both, lambda tf: tf.nn.max_pool(x(tf), 2, 2, "FOO"))
    same_error(both, lambda tf: tf.nn.avg_pool(x(tf), 2, 2, "FOO"))
    same_error(both, lambda tf: tf.nn.max_pool(x(tf), [1, 2, 2], 2, "SAME"), same_message=True)
    same_error(both, lambda tf: tf.nn.max_pool(x(tf), 0, 2, "SAME"), same_message=True)
    same_error(both, lambda tf: tf.nn.avg_pool(x(tf), 2, [1, 2, 2], "SAME"), same_message=True)
    same_error(both, lambda tf: tf.nn.max_pool(tf.zeros([4, 4]), 2, 2, "SAME"))
    same_error(both, lambda tf: tf.nn.max_pool(x(tf), 5, 1, "VALID"))


@needs("MaxPoolWithArgmax")
def test_max_pool_with_argmax(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 4, 4, 3], name="x")
        out, argmax = tf.nn.max_pool_with_argmax(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
        r = tf.nn.max_pool_with_argmax(x, [1, 2, 2, 1], [1, 1, 1, 1], "VALID",
                                       include_batch_in_index=True, name="mpa")
        return [out, argmax, r.output, r.argmax], [x]
    compare(both, build, {"x": _rand([2, 4, 4, 3], 13)})


@needs("LRN", "LRNGrad")
def test_lrn(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 3, 3, 6], name="x")
        return [tf.nn.lrn(x), tf.nn.local_response_normalization(x, 2, 1.5, 0.3, 0.75),
                tf.nn.lrn(x, depth_radius=1, name="norm")], [x]
    compare(both, build, {"x": _rand([2, 3, 3, 6], 14)}, rtol=1e-4, atol=1e-5)


# ---- cross-entropy ----
SPEC_LABELS = np.array([[0.2, 0.3, 0.5], [0.1, 0.6, 0.3]], np.float32)
SPEC_LOGITS = np.array([[2, 0.5, 1], [0.1, 1, 3]], np.float32)


@needs("SoftmaxCrossEntropyWithLogits")
def test_softmax_cross_entropy_spec_values(both):
    """labels [[.2,.3,.5],[.1,.6,.3]], logits [[2,.5,1],[.1,1,3]] ⇒ [1.41436887 1.66425455]."""
    def build(tf):
        return [tf.nn.softmax_cross_entropy_with_logits(labels=SPEC_LABELS, logits=SPEC_LOGITS),
                tf.nn.softmax_cross_entropy_with_logits_v2(labels=SPEC_LABELS,
                                                           logits=SPEC_LOGITS)], []
    compare(both, build)


_PERM_SHAPE = pytest.mark.xfail(
    strict=True, reason="static shape: Liu's Transpose shape function does not yet evaluate a "
    "perm built by ConcatV2(Range, Range, Const) as TF's shape inference does, so TF's Const "
    "Shape nodes are Shape ops in Liu")


@_PERM_SHAPE
@needs("SoftmaxCrossEntropyWithLogits")
def test_softmax_cross_entropy_other_axis(both):
    def build(tf):
        return [tf.nn.softmax_cross_entropy_with_logits_v2(labels=SPEC_LABELS.T,
                                                           logits=SPEC_LOGITS.T, axis=0)], []
    compare(both, build)


@needs("SoftmaxCrossEntropyWithLogits", "Transpose")
def test_softmax_cross_entropy_other_axis_values(both):
    """The values (and op types) with the axis moved, apart from the static-shape gap above."""
    def build(tf):
        x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
        return [tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(x * 0.5, axis=1),
                                                           logits=x, axis=1),
                tf.nn.softmax_cross_entropy_with_logits(labels=SPEC_LABELS.T,
                                                        logits=SPEC_LOGITS.T, dim=0)], [x]
    compare(both, build, {"x": _rand([2, 4, 3], 40)}, names=False)


@needs("SoftmaxCrossEntropyWithLogits")
@pytest.mark.parametrize("fn", ["softmax_cross_entropy_with_logits",
                                "softmax_cross_entropy_with_logits_v2"])
@pytest.mark.parametrize("shape,kwargs", [
    ([None, 3], {}),
    ([2, 3], {"name": "xent"}),
    pytest.param([2, 3], {"dim": 0}, marks=_PERM_SHAPE),
    ([2, 4, 3], {}),
    pytest.param([2, 4, 3], {"dim": 1}, marks=_PERM_SHAPE),
    ([None, 4, 3], {"dim": -1}),
    (None, {}),
])
def test_softmax_cross_entropy(both, fn, shape, kwargs):
    full = [2, 4, 3] if shape is None or len(shape) == 3 else [2, 3]
    logits = _rand(full, 15)
    labels = np.abs(_rand(full, 16))
    labels /= labels.sum(axis=-1, keepdims=True)

    def build(tf):
        x = tf.placeholder(tf.float32, shape, name="logits")
        y = tf.placeholder(tf.float32, shape, name="labels")
        return getattr(tf.nn, fn)(labels=y, logits=x, **kwargs), [x, y]
    compare(both, build, {"logits": logits, "labels": labels})


@needs("SoftmaxCrossEntropyWithLogits")
def test_softmax_cross_entropy_errors(both):
    same_error(both, lambda tf: tf.nn.softmax_cross_entropy_with_logits(logits=tf.zeros([2, 3])),
               same_message=True)
    same_error(both, lambda tf: tf.nn.softmax_cross_entropy_with_logits_v2(
        labels=tf.zeros([2, 4]), logits=tf.zeros([2, 3])))


@needs("SparseSoftmaxCrossEntropyWithLogits")
@pytest.mark.parametrize("labels_dtype", ["int32", "int64"])
@pytest.mark.parametrize("logits_shape,labels_shape", [
    ([2, 3], [2]), ([None, 3], [None]), ([2, 4, 3], [2, 4]),
    pytest.param([2, 4, 3], [2, None], marks=pytest.mark.xfail(
        strict=True, reason="op Assert not in C++ yet (TF adds an assert_equal of the shapes "
        "when they are not static)")),
])
def test_sparse_softmax_cross_entropy(both, labels_dtype, logits_shape, labels_shape):
    full = [2, 3] if len(logits_shape) == 2 else [2, 4, 3]
    labels = np.random.RandomState(17).randint(0, 3, size=full[:-1]).astype(labels_dtype)

    def build(tf):
        x = tf.placeholder(tf.float32, logits_shape, name="logits")
        y = tf.placeholder(labels_dtype, labels_shape, name="labels")
        return [tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x),
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x,
                                                               name="sxent")], [x]
    compare(both, build, {"logits": _rand(full, 18), "labels": labels})


@needs("SparseSoftmaxCrossEntropyWithLogits")
def test_sparse_softmax_cross_entropy_spec_values(both):
    """labels [0, 2] with the spec's logits ⇒ [0.46436879 0.17425454]."""
    def build(tf):
        return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 2],
                                                              logits=SPEC_LOGITS), []
    compare(both, build)


def test_sparse_softmax_cross_entropy_static_errors(both):
    """TF's own Python checks: scalar logits, rank mismatch, shape mismatch (same text)."""
    sparse = lambda tf, labels, logits: (  # noqa: E731
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    same_error(both, lambda tf: sparse(tf, tf.zeros([], tf.int32), tf.zeros([])),
               same_message=True)
    same_error(both, lambda tf: sparse(tf, tf.zeros([2, 1], tf.int32), tf.zeros([2, 3])),
               same_message=True)
    same_error(both, lambda tf: sparse(tf, tf.zeros([3], tf.int32), tf.zeros([2, 3])),
               same_message=True)
    same_error(both, lambda tf: sparse(tf, None, tf.zeros([2, 3])), same_message=True)


# ---- dropout ----
def _dropout_program(make):
    def program(tf):
        graph = tf.get_default_graph()
        tf.set_random_seed(1234)
        outs = make(tf)
        structure = [(op.name, op.type, [t.name for t in op.inputs]) for op in
                     graph.get_operations()]
        shapes = [str(t.shape) for t in outs]
        with tf.Session() as sess:
            first = sess.run(outs, {graph.get_tensor_by_name("x:0"): _rand([4, 6], 19) + 3.0})
            second = sess.run(outs, {graph.get_tensor_by_name("x:0"): _rand([4, 6], 19) + 3.0})
        return structure, shapes, first, second
    return program


@pytest.mark.parametrize("case", [
    "keep_prob", "rate_seed", "noise_shape", "keep_prob_tensor", "rate_tensor_f64", "two",
    "partial_shape", "named", "rate_zero_then_random",
])
def test_dropout_bit_exact(both, case):
    def make(tf):
        shape = [None, 6] if case == "partial_shape" else [4, 6]
        dtype = tf.float64 if case == "rate_tensor_f64" else tf.float32
        x = tf.placeholder(dtype, shape, name="x")
        if case == "keep_prob":
            return [tf.nn.dropout(x, 0.5)]
        if case == "rate_seed":
            return [tf.nn.dropout(x, rate=0.3, seed=42)]
        if case == "noise_shape":
            return [tf.nn.dropout(x, keep_prob=0.7, noise_shape=[4, 1], seed=3),
                    tf.nn.dropout(x, keep_prob=0.7, noise_shape=[1, None])]
        if case == "keep_prob_tensor":
            # Not a Const: TF's grappler turns x / const into x * (1 / const), 1 ulp off.
            return [tf.nn.dropout(x, keep_prob=tf.placeholder_with_default(0.6, []))]
        if case == "rate_tensor_f64":
            return [tf.nn.dropout(x, rate=tf.placeholder_with_default(
                tf.constant(0.5, tf.float64), []), seed=5)]
        if case == "two":
            return [tf.nn.dropout(x, 0.5), tf.nn.dropout(x, 0.5), tf.nn.dropout(x, 0.9, seed=1)]
        if case == "partial_shape":
            return [tf.nn.dropout(x, 0.4)]
        if case == "named":
            return [tf.nn.dropout(x, 0.4, name="drop")]
        if case == "rate_zero_then_random":
            return [tf.nn.dropout(x, rate=0.0), tf.nn.dropout(x, keep_prob=1.0),
                    tf.nn.dropout(x, 0.5), tf.random_uniform([3])]
        raise AssertionError(case)
    tf_result, liu_result = both(_dropout_program(make))
    assert liu_result[0] == tf_result[0]
    assert liu_result[1] == tf_result[1]
    assert_same(tf_result[2:], liu_result[2:], rtol=0, atol=0)


def test_dropout_errors(both):
    x = lambda tf: tf.zeros([2, 3])  # noqa: E731
    for kwargs in [{"keep_prob": 0.0}, {"keep_prob": 1.5}, {"rate": 1.0}, {"rate": -0.1},
                   {}, {"keep_prob": "half"}, {"keep_prob": 0.5, "rate": 0.5}]:
        same_error(both, lambda tf: tf.nn.dropout(x(tf), **kwargs), same_message=True)
    same_error(both, lambda tf: tf.nn.dropout(tf.zeros([2], tf.int32), 0.5), same_message=True)
    same_error(both, lambda tf: tf.nn.dropout(x(tf), rate=tf.constant([0.5, 0.5])))
    same_error(both, lambda tf: tf.nn.dropout(x(tf), rate=tf.constant(0.5, tf.float64)),
               same_message=True)


# ---- top_k, in_top_k ----
@needs("TopKV2")
def test_top_k(both):
    def build(tf):
        x = tf.placeholder(tf.float32, [None, 5], name="x")
        values, indices = tf.nn.top_k(x, 2)
        r = tf.nn.top_k(x, k=3, sorted=True, name="best")
        return [values, indices, r.values, r.indices, tf.nn.top_k(x)[0],
                tf.nn.top_k([3.0, 1.0, 2.0], 2).indices], [x]
    compare(both, build, {"x": _rand([3, 5], 20)})


@needs("TopKV2")
def test_top_k_errors(both):
    same_error(both, lambda tf: tf.nn.top_k(tf.zeros([2, 3]), 4))
    same_error(both, lambda tf: tf.nn.top_k(tf.zeros([]), 1))


@needs("InTopKV2")
def test_in_top_k(both):
    def build(tf):
        p = tf.placeholder(tf.float32, [None, 4], name="p")
        t = tf.placeholder(tf.int32, [None], name="t")
        return [tf.nn.in_top_k(p, t, 1), tf.nn.in_top_k(p, t, 2, name="top2"),
                tf.nn.in_top_k(p, tf.cast(t, tf.int64), tf.constant(3, tf.int64))], []
    compare(both, build, {"p": _rand([3, 4], 21), "t": np.array([0, 3, 1], np.int32)})


# ---- a small CNN, forward and backward ----
@needs("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", "BiasAdd", "BiasAddGrad",
       "MaxPool", "MaxPoolGrad", "SoftmaxCrossEntropyWithLogits")
def test_small_cnn_forward_backward(both):
    images = _rand([4, 8, 8, 1], 22)
    labels = np.eye(3, dtype=np.float32)[[0, 2, 1, 2]]

    def build(tf):
        x = tf.placeholder(tf.float32, [None, 8, 8, 1], name="images")
        y = tf.placeholder(tf.float32, [None, 3], name="labels")
        w1 = tf.constant(_rand([3, 3, 1, 4], 23) * 0.5, name="w1")
        b1 = tf.constant(_rand([4], 24) * 0.1, name="b1")
        w2 = tf.constant(_rand([4 * 4 * 4, 3], 25) * 0.2, name="w2")
        with tf.name_scope("conv1"):
            h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, w1, [1, 1, 1, 1], "SAME"), b1))
            h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
        logits = tf.matmul(tf.reshape(h, [-1, 4 * 4 * 4]), w2)
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y,
                                                                          logits=logits))
        return [loss, logits], [w1, b1, w2, x]
    compare(both, build, {"images": images, "labels": labels}, rtol=1e-4, atol=1e-5)
