"""Expected values for tests/cpp/nn_pool_test.cc: pooling and LRN under real TensorFlow.

Run: /tmp/tfvenv/bin/python -P tests/generate/nn_pool.py > tests/cpp/data/nn_pool.inc
Each pooling case: input x, forward output y, upstream gradient dy, tf.gradients' dx, and for
max pooling a second-order upstream ddx with MaxPoolGradGrad(x, y, ddx). NCHW cases are run
by TF in NHWC on transposed data (TF's CPU kernels refuse NCHW) and transposed back.
"""
import numpy as np
import tensorflow.compat.v1 as tf
from tensorflow.python.ops import gen_nn_ops

tf.disable_v2_behavior()

# name, op, NHWC-or-NCHW shape, ksize, strides, padding, format, explicit_paddings, ties
CASES = [
    ("Max2x2s2Valid", "MaxPool", [2, 4, 4, 3], [1, 2, 2, 1], [1, 2, 2, 1], "VALID", "NHWC", [], False),
    ("Max3x3s2Same", "MaxPool", [1, 5, 7, 2], [1, 3, 3, 1], [1, 2, 2, 1], "SAME", "NHWC", [], False),
    ("Max3x3s1SameTies", "MaxPool", [1, 4, 5, 2], [1, 3, 3, 1], [1, 1, 1, 1], "SAME", "NHWC", [], True),
    ("Max2x3s12ValidTies", "MaxPool", [2, 5, 6, 3], [1, 2, 3, 1], [1, 1, 2, 1], "VALID", "NHWC", [], True),
    ("Max2x2s2SameNCHW", "MaxPool", [2, 3, 5, 5], [1, 1, 2, 2], [1, 1, 2, 2], "SAME", "NCHW", [], False),
    ("Max3x3s1SameNCHWTies", "MaxPool", [1, 2, 4, 5], [1, 1, 3, 3], [1, 1, 1, 1], "SAME", "NCHW", [], True),
    ("Max3x2Explicit", "MaxPool", [1, 5, 4, 2], [1, 3, 2, 1], [1, 2, 1, 1], "EXPLICIT", "NHWC",
     [0, 0, 1, 2, 0, 1, 0, 0], False),
    ("Max1x1s32Valid", "MaxPool", [1, 7, 5, 2], [1, 1, 1, 1], [1, 3, 2, 1], "VALID", "NHWC", [], False),
    ("MaxDepth2", "MaxPool", [1, 2, 3, 4], [1, 1, 1, 2], [1, 1, 1, 2], "VALID", "NHWC", [], False),
    ("Avg2x2s2Valid", "AvgPool", [2, 4, 4, 3], [1, 2, 2, 1], [1, 2, 2, 1], "VALID", "NHWC", [], False),
    ("Avg3x3s2Same", "AvgPool", [1, 5, 7, 2], [1, 3, 3, 1], [1, 2, 2, 1], "SAME", "NHWC", [], False),
    ("Avg3x2s21SameNCHW", "AvgPool", [2, 3, 5, 4], [1, 1, 3, 2], [1, 1, 2, 1], "SAME", "NCHW", [], False),
    ("Avg5x5s1SameBig", "AvgPool", [1, 3, 4, 2], [1, 5, 5, 1], [1, 1, 1, 1], "SAME", "NHWC", [], False),
]

# name, shape, depth_radius, bias, alpha, beta
LRN_CASES = [
    ("Defaults", [2, 2, 3, 7], 5, 1.0, 1.0, 0.5),
    ("Radius2", [1, 3, 2, 9], 2, 2.0, 0.1, 0.75),
    ("Radius0", [1, 2, 2, 4], 0, 1.5, 0.5, 1.0),
    ("Beta03", [1, 1, 3, 6], 1, 0.5, 2.0, 0.3),
]


def to_nhwc(shape_or_array, fmt, is_shape=False):
    if fmt == "NHWC":
        return shape_or_array
    if is_shape:
        n, c, h, w = shape_or_array
        return [n, h, w, c]
    return np.transpose(shape_or_array, [0, 2, 3, 1])


def to_nchw(a):
    return np.transpose(a, [0, 3, 1, 2])


def nhwc_attr(v, fmt):
    return v if fmt == "NHWC" else [v[0], v[2], v[3], v[1]]


def fmt_list(values, kind=float):
    if kind is int:
        return "{" + ", ".join(str(int(v)) for v in values) + "}"
    return "{" + ", ".join(repr(float(v)) for v in np.asarray(values).ravel()) + "}"


def run_pool(case, rng):
    name, op, shape, ksize, strides, padding, fmt, explicit, ties = case
    if ties:
        x = rng.randint(0, 3, size=shape).astype(np.float32)
    else:
        x = rng.permutation(np.prod(shape)).reshape(shape).astype(np.float32) / 10 - 1
    x_nhwc = to_nhwc(x, fmt)
    k, s = nhwc_attr(ksize, fmt), nhwc_attr(strides, fmt)
    p = explicit if fmt == "NHWC" else explicit  # only NHWC cases use EXPLICIT
    with tf.Graph().as_default():
        xt = tf.constant(x_nhwc)
        if op == "MaxPool":
            y = gen_nn_ops.max_pool(xt, ksize=k, strides=s, padding=padding, explicit_paddings=p)
        else:
            y = gen_nn_ops.avg_pool(xt, ksize=k, strides=s, padding=padding)
        dy_val = rng.uniform(-1, 1, size=y.shape.as_list()).astype(np.float32)
        dy = tf.constant(dy_val)
        depth_pool = ksize[3 if fmt == "NHWC" else 1] > 1
        # TF's AvgPoolGrad is not the gradient of its AvgPool when a SAME window is wider than
        # the input (it shifts the counts; finite differences of TF's own forward disagree), so
        # that case has no TF gradient here; the C++ test checks it by finite differences.
        wider = op == "AvgPool" and padding == "SAME" and (k[1] > x_nhwc.shape[1] or k[2] > x_nhwc.shape[2])
        dx = None if depth_pool or wider else tf.gradients(y, xt, dy)[0]
        ddx_val = rng.uniform(-1, 1, size=x_nhwc.shape).astype(np.float32)
        ddy = None
        if op == "MaxPool" and not depth_pool and padding != "EXPLICIT":
            ddy = gen_nn_ops.max_pool_grad_grad(xt, y, tf.constant(ddx_val), ksize=k, strides=s,
                                                padding=padding)
        with tf.Session() as sess:
            y_v, dx_v, ddy_v = sess.run([y, dx if dx is not None else y,
                                         ddy if ddy is not None else y])
    back = (lambda a: a) if fmt == "NHWC" else to_nchw
    out = {"x": x, "y": back(y_v), "dy": back(dy_val)}
    out["dx"] = back(dx_v) if dx is not None else np.zeros(0)
    out["ddx"] = back(ddx_val) if ddy is not None else np.zeros(0)
    out["ddy"] = back(ddy_v) if ddy is not None else np.zeros(0)
    return out


def run_lrn(case, rng):
    name, shape, r, bias, alpha, beta = case
    x = rng.uniform(-2, 2, size=shape).astype(np.float32)
    dy = rng.uniform(-1, 1, size=shape).astype(np.float32)
    with tf.Graph().as_default():
        xt = tf.constant(x)
        y = tf.nn.local_response_normalization(xt, r, bias, alpha, beta)
        dx = tf.gradients(y, xt, tf.constant(dy))[0]
        with tf.Session() as sess:
            y_v, dx_v = sess.run([y, dx])
    return x, y_v, dy, dx_v


def main():
    rng = np.random.RandomState(5)
    print("// Generated by tests/generate/nn_pool.py (real TensorFlow %s); do not edit."
          % tf.__version__)
    print("#ifdef LIU_NN_POOL_CASES")
    for case in CASES:
        name, op, shape, ksize, strides, padding, fmt, explicit, _ = case
        v = run_pool(case, rng)
        print('{"%s", "%s", %s, %s, %s, "%s", "%s", %s,\n %s,\n %s,\n %s,\n %s,\n %s,\n %s},' % (
            name, op, fmt_list(shape, int), fmt_list(ksize, int), fmt_list(strides, int), padding,
            fmt, fmt_list(explicit, int), fmt_list(v["x"]), fmt_list(v["y"]), fmt_list(v["dy"]),
            fmt_list(v["dx"]), fmt_list(v["ddx"]), fmt_list(v["ddy"])))
    print("#endif")
    print("#ifdef LIU_NN_LRN_CASES")
    for case in LRN_CASES:
        name, shape, r, bias, alpha, beta = case
        x, y, dy, dx = run_lrn(case, rng)
        print('{"%s", %s, %d, %r, %r, %r,\n %s,\n %s,\n %s,\n %s},' % (
            name, fmt_list(shape, int), r, bias, alpha, beta, fmt_list(x), fmt_list(y),
            fmt_list(dy), fmt_list(dx)))
    print("#endif")


if __name__ == "__main__":
    main()
