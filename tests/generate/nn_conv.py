"""Expected values for tests/cpp/nn_conv_test.cc from real TensorFlow (2.21).

Writes tests/cpp/data/nn_conv_cases.inc: for each case the inputs, the forward output and the
gradients of sum(y * dy) for a fixed dy (what Conv2DBackpropInput/Filter compute).
Run: /tmp/tfvenv/bin/python tests/generate/nn_conv.py
NCHW cases are computed by TF in NHWC and transposed (TF's CPU kernels reject NCHW).
"""
import os
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def values(shape, seed):
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.float64)
    return (np.sin(i * 0.731 + seed) * 0.9 + 0.05 * np.cos(i * 0.17 * seed)).astype(np.float32).reshape(shape)


# name, op, x_shape (NHWC), f_shape, strides (NHWC), padding, dilations, explicit, format
CASES = [
    ("basic_same", "Conv2D", [1, 5, 5, 1], [3, 3, 1, 1], [1, 1, 1, 1], "SAME", [1, 1, 1, 1], [], "NHWC"),
    ("stride2_same", "Conv2D", [2, 7, 6, 3], [3, 2, 3, 4], [1, 2, 2, 1], "SAME", [1, 1, 1, 1], [], "NHWC"),
    ("stride2_valid", "Conv2D", [2, 7, 6, 3], [3, 3, 3, 5], [1, 2, 2, 1], "VALID", [1, 1, 1, 1], [], "NHWC"),
    ("dilation2", "Conv2D", [1, 9, 8, 2], [3, 3, 2, 3], [1, 1, 1, 1], "SAME", [1, 2, 2, 1], [], "NHWC"),
    ("nchw", "Conv2D", [2, 7, 6, 3], [3, 3, 3, 4], [1, 2, 2, 1], "SAME", [1, 1, 1, 1], [], "NCHW"),
    ("explicit", "Conv2D", [1, 6, 5, 2], [2, 3, 2, 3], [1, 1, 1, 1], "EXPLICIT", [1, 1, 1, 1],
     [0, 0, 1, 2, 0, 1, 0, 0], "NHWC"),
    ("odd", "Conv2D", [3, 5, 4, 3], [5, 5, 3, 2], [1, 3, 2, 1], "SAME", [1, 1, 1, 1], [], "NHWC"),
    ("grouped", "Conv2D", [1, 5, 5, 4], [3, 3, 2, 6], [1, 1, 1, 1], "SAME", [1, 1, 1, 1], [], "NHWC"),
    ("dw_same", "DepthwiseConv2dNative", [2, 6, 5, 3], [3, 3, 3, 2], [1, 1, 1, 1], "SAME", [1, 1, 1, 1], [], "NHWC"),
    ("dw_valid_s2", "DepthwiseConv2dNative", [1, 7, 7, 2], [3, 2, 2, 1], [1, 2, 2, 1], "VALID", [1, 1, 1, 1], [], "NHWC"),
    ("dw_dilation", "DepthwiseConv2dNative", [1, 8, 8, 2], [2, 2, 2, 2], [1, 1, 1, 1], "SAME", [1, 2, 2, 1], [], "NHWC"),
    ("dw_nchw", "DepthwiseConv2dNative", [2, 6, 5, 3], [3, 3, 3, 2], [1, 2, 2, 1], "SAME", [1, 1, 1, 1], [], "NCHW"),
]


def grouped_conv(x, f, strides, padding, dilations):
    groups = x.shape[-1] // f.shape[2]
    xs = tf.split(x, groups, axis=3)
    fs = tf.split(f, groups, axis=3)
    return tf.concat([tf.nn.conv2d(a, b, strides, padding, dilations=dilations) for a, b in zip(xs, fs)], 3)


def run_case(case):
    name, op, xs, fs, strides, padding, dil, expl, fmt = case
    x = values(xs, 1.0)
    f = values(fs, 2.0)
    g = tf.Graph()
    with g.as_default():
        xt = tf.constant(x)
        ft = tf.constant(f)
        pad = padding
        if padding == "EXPLICIT":
            pad = [[expl[0], expl[1]], [expl[2], expl[3]], [expl[4], expl[5]], [expl[6], expl[7]]]
        if op == "Conv2D":
            if xs[3] != fs[2]:
                y = grouped_conv(xt, ft, strides, pad, dil)
            else:
                y = tf.nn.conv2d(xt, ft, strides, pad, dilations=dil)
        elif dil != [1, 1, 1, 1]:
            # TF's CPU DepthwiseConv2dNativeBackprop* kernels ignore dilations (their gradients
            # disagree with finite differences), so dilated cases take the gradient through
            # tf.nn.depthwise_conv2d, which dilates with space_to_batch.
            y = tf.nn.depthwise_conv2d(xt, ft, strides, pad, dilations=dil[1:3])
        else:
            y = tf.nn.depthwise_conv2d_native(xt, ft, strides, pad, dilations=dil)
        dy = values(y.shape.as_list(), 3.0)
        dx, df = tf.gradients(y, [xt, ft], grad_ys=tf.constant(dy))
        with tf.Session() as s:
            yv, dxv, dfv = s.run([y, dx, df])
    to_fmt = (lambda a: a.transpose(0, 3, 1, 2)) if fmt == "NCHW" else (lambda a: a)
    perm = lambda v: [v[0], v[3], v[1], v[2]] if fmt == "NCHW" else v
    return dict(name=name, op=op, x_shape=perm(xs), f_shape=fs, strides=perm(strides), padding=padding,
                dilations=perm(dil), explicit=expl, format=fmt, x=to_fmt(x), f=f, dy=to_fmt(dy),
                y=to_fmt(yv), dx=to_fmt(dxv), df=dfv)


def fused_cases():
    """Conv2D + BiasAdd + activation, as _FusedConv2D must compute."""
    x = values([2, 6, 5, 3], 1.0)
    f = values([3, 3, 3, 4], 2.0)
    b = values([4], 4.0)
    out = []
    g = tf.Graph()
    with g.as_default():
        y = tf.nn.bias_add(tf.nn.conv2d(x, f, [1, 1, 1, 1], "SAME"), b)
        acts = {"BiasAdd": y, "Relu": tf.nn.relu(y), "Relu6": tf.nn.relu6(y), "Elu": tf.nn.elu(y)}
        with tf.Session() as s:
            vals = s.run(acts)
    for k, v in vals.items():
        out.append((k, v))
    return x, f, b, out


def float_literal(v):
    text = "%.9g" % v
    if "." not in text and "e" not in text and "n" not in text:
        text += ".0"
    return text + "f"


def arr(a, typ="float"):
    flat = np.asarray(a).reshape(-1)
    if typ == "float":
        body = ", ".join(float_literal(v) for v in flat)
    else:
        body = ", ".join(str(int(v)) for v in flat)
    return "{" + body + "}"


def main():
    lines = ["// Generated by tests/generate/nn_conv.py from TensorFlow %s. Do not edit." % tf.__version__]
    lines.append("static const ConvCase kConvCases[] = {")
    for case in CASES:
        c = run_case(case)
        lines.append("  {\"%s\", \"%s\", %s, %s, %s, \"%s\", %s, %s, \"%s\"," % (
            c["name"], c["op"], arr(c["x_shape"], "int"), arr(c["f_shape"], "int"), arr(c["strides"], "int"),
            c["padding"], arr(c["dilations"], "int"), arr(c["explicit"], "int"), c["format"]))
        for key in ["x", "f", "dy", "y", "dx", "df"]:
            lines.append("   %s%s" % (arr(c[key]), "," if key != "df" else "},"))
    lines.append("};")
    x, f, b, outs = fused_cases()
    lines.append("static const std::vector<float> kFusedX = %s;" % arr(x))
    lines.append("static const std::vector<float> kFusedF = %s;" % arr(f))
    lines.append("static const std::vector<float> kFusedB = %s;" % arr(b))
    lines.append("static const FusedCase kFusedCases[] = {")
    for k, v in outs:
        lines.append("  {\"%s\", %s}," % (k, arr(v)))
    lines.append("};")
    path = os.path.join(os.path.dirname(__file__), "..", "cpp", "data", "nn_conv_cases.inc")
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
