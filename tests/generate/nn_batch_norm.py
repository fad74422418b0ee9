"""Expected values for tests/cpp/nn_batch_norm_test.cc, nn_top_k_test.cc and nn_composite_test.cc,
computed by real TensorFlow (TF's own CPU kernels: oneDNN rewrites and grappler are switched
off so the Eigen kernels that define the ops' semantics run).

Run: TF_ENABLE_ONEDNN_OPTS=0 /tmp/tfvenv/bin/python -P tests/generate/nn_batch_norm.py \
         > tests/cpp/data/nn_batch_norm.inc
Inputs are written next to the outputs, so the C++ tests feed exactly what TF saw.
"""
import os
import sys

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import tensorflow.compat.v1 as tf
from tensorflow.core.protobuf import rewriter_config_pb2
from tensorflow.python.ops import gen_nn_ops

tf.disable_v2_behavior()


def session(graph):
    config = tf.ConfigProto()
    config.graph_options.rewrite_options.disable_meta_optimizer = True
    config.graph_options.rewrite_options.constant_folding = rewriter_config_pb2.RewriterConfig.OFF
    return tf.Session(graph=graph, config=config)


def floats(a):
    a = np.asarray(a, np.float64).reshape(-1)
    return "{" + ", ".join(repr(float(v)) if np.isfinite(v) else
                           ("NAN" if np.isnan(v) else ("INFINITY" if v > 0 else "-INFINITY"))
                           for v in a) + "}"


def ints(a):
    return "{" + ", ".join(str(int(v)) for v in np.asarray(a).reshape(-1)) + "}"


def values(n, seed, lo=-2.0, hi=2.0):
    rng = np.random.RandomState(seed)
    return rng.uniform(lo, hi, size=n).astype(np.float32)


BN_OPS = {
    "FusedBatchNorm": gen_nn_ops._fused_batch_norm,
    "FusedBatchNormV2": gen_nn_ops.fused_batch_norm_v2,
    "FusedBatchNormV3": gen_nn_ops.fused_batch_norm_v3,
}


def batch_norm_case(op, shape, fmt, training, factor, epsilon, seed):
    c = shape[1] if fmt in ("NCHW", "NCDHW") else shape[-1]
    n = int(np.prod(shape))
    x = values(n, seed).reshape(shape) + 0.5
    scale = values(c, seed + 1, 0.5, 2.0)
    offset = values(c, seed + 2, -1.0, 1.0)
    mean = values(c, seed + 3, -0.5, 0.5)
    var = values(c, seed + 4, 0.5, 2.0)
    dy = values(n, seed + 5).reshape(shape)
    g = tf.Graph()
    with g.as_default():
        px = tf.placeholder(tf.float32, shape)
        ps = tf.placeholder(tf.float32, [c])
        po = tf.placeholder(tf.float32, [c])
        outs = BN_OPS[op](px, ps, po, mean, var, epsilon=epsilon, exponential_avg_factor=factor,
                          data_format=fmt, is_training=training)
        loss = tf.reduce_sum(outs[0] * dy)
        grads = tf.gradients(loss, [px, ps, po])
        with session(g) as s:
            r = s.run(list(outs[:5]) + grads, {px: x, ps: scale, po: offset})
    fields = [x, scale, offset, mean, var, dy] + r
    head = '    {"%s", "%s", %s, %rf, %rf, %s,\n     ' % (
        op, fmt, "true" if training else "false", float(factor), float(epsilon), ints(shape))
    return head + ",\n     ".join(floats(f) for f in fields) + "},\n"


def batch_norm_cases():
    out = ["// name, data_format, is_training, exponential_avg_factor, epsilon, shape,\n"
           "// x, scale, offset, mean, variance, dy, y, batch_mean, batch_variance,\n"
           "// reserve_space_1, reserve_space_2, dx, dscale, doffset (gradients of sum(y * dy)).\n"
           "const BatchNormCase kBatchNormCases[] = {\n"]
    seed = 10
    for op in ["FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3"]:
        for fmt, shape in [("NHWC", [2, 3, 2, 3]), ("NCHW", [2, 3, 2, 2])]:
            for training in [True, False]:
                for factor in ([1.0, 0.25] if training else [1.0]):
                    seed += 10
                    out.append(batch_norm_case(op, shape, fmt, training, factor, 0.001, seed))
    out.append(batch_norm_case("FusedBatchNormV3", [1, 1, 1, 2], "NHWC", True, 1.0, 0.0001, 500))
    out.append(batch_norm_case("FusedBatchNormV3", [2, 2, 1, 2, 3], "NDHWC", True, 1.0, 0.01, 510))
    out.append(batch_norm_case("FusedBatchNormV3", [2, 3, 2, 1, 2], "NCDHW", False, 1.0, 0.01, 520))
    out.append(batch_norm_case("FusedBatchNormV3", [4, 5, 6, 7], "NHWC", True, 0.5, 0.001, 530))
    out.append("};\n")
    return "".join(out)


def top_k_cases():
    out = ["// input shape, input, k, values, indices\n", "const TopKCase kTopKCases[] = {\n"]
    rng = np.random.RandomState(7)
    cases = [
        ([6], [3, 1, 3, 2, 3, 0], 3),
        ([2, 5], [1, 1, 1, 1, 1, 5, 4, 5, 4, 5], 4),
        ([2, 3, 4], np.round(rng.uniform(-3, 3, 24)).tolist(), 2),
        ([3, 4], rng.uniform(-1, 1, 12).tolist(), 4),
        ([2, 3], rng.uniform(-1, 1, 6).tolist(), 0),
        ([3, 40], rng.uniform(-1, 1, 120).tolist(), 1),
        ([2, 40], np.round(rng.uniform(-5, 5, 80)).tolist(), 7),
    ]
    for shape, data, k in cases:
        x = np.array(data, np.float32).reshape(shape)
        g = tf.Graph()
        with g.as_default():
            v, i = tf.nn.top_k(tf.constant(x), k)
            with session(g) as s:
                rv, ri = s.run([v, i])
        out.append("    {%s, %s, %d, %s, %s},\n" % (ints(shape), floats(x), k, floats(rv), ints(ri)))
    out.append("};\n")
    # Gradient of TopKV2 against a fixed upstream gradient.
    x = np.array([[0.5, 2.0, -1.0, 2.0, 3.0], [1.0, 0.0, -2.0, 4.0, 1.0]], np.float32)
    up = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]], np.float32)
    g = tf.Graph()
    with g.as_default():
        px = tf.placeholder(tf.float32, [2, 5])
        v, _ = tf.nn.top_k(px, 3)
        (dx,) = tf.gradients(v, [px], grad_ys=[tf.constant(up)])
        with session(g) as s:
            r = s.run(dx, {px: x})
    out.append("const float kTopKGradInput[] = %s;\n" % floats(x))
    out.append("const float kTopKGradUpstream[] = %s;\n" % floats(up))
    out.append("const float kTopKGradExpected[] = %s;\n" % floats(r))
    # InTopK with ties, non-finite predictions and out-of-range targets.
    pred = np.array([[0.1, 0.3, 0.3, 0.2], [0.5, 0.5, 0.5, 0.5], [0.1, np.nan, 0.3, 0.2],
                     [0.1, 0.2, np.inf, 0.0], [0.4, 0.3, 0.2, 0.1], [0.4, 0.3, 0.2, 0.1]],
                    np.float32)
    targets = np.array([2, 3, 2, 0, 4, -1], np.int32)
    res = []
    for k in [0, 1, 2, 3, 4]:
        g = tf.Graph()
        with g.as_default():
            r = tf.nn.in_top_k(tf.constant(pred), tf.constant(targets), k)
            with session(g) as s:
                res.append(s.run(r))
    out.append("const float kInTopKPredictions[] = %s;\n" % floats(pred))
    out.append("const int kInTopKTargets[] = %s;\n" % ints(targets))
    out.append("const bool kInTopKExpected[5][6] = {%s};\n" %
               ", ".join("{" + ", ".join("true" if b else "false" for b in r) + "}" for r in res))
    return "".join(out)


def composite_cases():
    out = []
    x = values(24, 3).reshape([2, 3, 4])
    g = tf.Graph()
    with g.as_default():
        px = tf.placeholder(tf.float32, [2, 3, 4])
        m, v = tf.nn.moments(px, [0, 2])
        mk, vk = tf.nn.moments(px, [1], keep_dims=True)
        l2 = tf.nn.l2_normalize(px, 2)
        scale = tf.constant(values(4, 4, 0.5, 1.5))
        offset = tf.constant(values(4, 5))
        mean = tf.constant(values(4, 6))
        var = tf.constant(values(4, 7, 0.5, 2.0))
        bn = tf.nn.batch_normalization(px, mean, var, offset, scale, 0.001)
        labels = tf.constant(values(24, 8, 0.0, 1.0).reshape([2, 3, 4]))
        sig = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=px * 5)
        wce = tf.nn.weighted_cross_entropy_with_logits(labels=labels, logits=px * 5, pos_weight=2.5)
        gm, gv = tf.gradients([tf.reduce_sum(m * 1.5), tf.reduce_sum(v)], [px, px])
        (gs,) = tf.gradients(tf.reduce_sum(sig), [px])
        with session(g) as s:
            r = s.run([m, v, mk, vk, l2, bn, sig, wce, gm + gv, gs], {px: x})
    names = ["x", "moments_mean", "moments_variance", "moments_mean_keep", "moments_variance_keep",
             "l2_normalize", "batch_normalization", "sigmoid_xent", "weighted_xent",
             "moments_grad", "sigmoid_xent_grad"]
    vals = [x] + r
    for name, val in zip(names, vals):
        out.append("const std::vector<float> k%s = %s;\n" %
                   ("".join(p.capitalize() for p in name.split("_")), floats(val)))
    out.append("const std::vector<float> kBnScale = %s;\n" % floats(values(4, 4, 0.5, 1.5)))
    out.append("const std::vector<float> kBnOffset = %s;\n" % floats(values(4, 5)))
    out.append("const std::vector<float> kBnMean = %s;\n" % floats(values(4, 6)))
    out.append("const std::vector<float> kBnVariance = %s;\n" % floats(values(4, 7, 0.5, 2.0)))
    out.append("const std::vector<float> kXentLabels = %s;\n" % floats(values(24, 8, 0.0, 1.0)))
    # Dropout with a graph seed and an op seed, by keep_prob and by rate, and with noise_shape.
    xd = values(60, 9).reshape([3, 4, 5])
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1234)
        px = tf.placeholder(tf.float32, [3, 4, 5])
        d1 = tf.nn.dropout(px, keep_prob=0.7, seed=42)
        d2 = tf.nn.dropout(px, rate=0.25)
        d3 = tf.nn.dropout(px, rate=0.5, noise_shape=[3, 1, 5], seed=7)
        with session(g) as s:
            r = s.run([d1, d2, d3], {px: xd})
        names = sorted(n.name for n in g.as_graph_def().node if n.name.startswith("dropout"))
    out.append("const std::vector<float> kDropoutX = %s;\n" % floats(xd))
    for i, v in enumerate(r):
        out.append("const std::vector<float> kDropout%d = %s;\n" % (i + 1, floats(v)))
    out.append("// TF's node names: %s\n" % " ".join(names))
    return "".join(out)


if __name__ == "__main__":
    sys.stdout.write("// Generated by tests/generate/nn_batch_norm.py from TensorFlow %s; do not edit.\n"
                     % tf.__version__)
    sys.stdout.write(batch_norm_cases())
    sys.stdout.write(top_k_cases())
    sys.stdout.write(composite_cases())
