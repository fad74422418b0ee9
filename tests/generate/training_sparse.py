r"""Expected values for tests/cpp/training_sparse_test.cc: one step of each TF1 SparseApply* op
(and ScatterAdd/Sub/Update, Unique) on a 4x3 float32 variable with indices [2, 0, 2]
(a duplicate), and 20-step embedding trajectories of the TF1 optimizers, as C++ definitions.
Run: python3 tests/generate/training_sparse.py | grep -E '^(// |const |    \{|\};)' > tests/cpp/data/training_sparse.inc"""
import numpy as np
import tensorflow.compat.v1 as tf
from tensorflow.python.ops import gen_state_ops
from tensorflow.python.ops import gen_training_ops as ops

tf.disable_v2_behavior()

VAR = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 3.0, 0.1], [0.3, 0.6, -0.9]],
               np.float32)
GRAD = np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9]], np.float32)
IDX = np.array([2, 0, 2], np.int32)


def fmt(a):
    def lit(x):
        text = "%.9g" % x
        return text + ("f" if ("." in text or "e" in text) else ".f")
    return "{" + ", ".join(lit(x) for x in np.asarray(a).ravel()) + "}"


def run(name, op_fn, slot_inits):
    g = tf.Graph()
    with g.as_default():
        var = tf.Variable(VAR, use_resource=False)
        slots = [tf.Variable(np.full_like(VAR, s), use_resource=False) for s in slot_inits]
        op = op_fn(var, slots)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(op)
            vals = sess.run([var] + slots)
    print("// %s" % name)
    for i, v in enumerate(vals):
        print("const std::vector<float> k%s_%d = %s;" % (name, i, fmt(v)))


c = lambda x: tf.constant(x, tf.float32)
run("Momentum", lambda v, s: ops.sparse_apply_momentum(v, s[0], c(0.1), GRAD, IDX, c(0.9)), [0.2])
run("MomentumNesterov", lambda v, s: ops.sparse_apply_momentum(
    v, s[0], c(0.1), GRAD, IDX, c(0.9), use_nesterov=True), [0.2])
run("Adagrad", lambda v, s: ops.sparse_apply_adagrad(v, s[0], c(0.1), GRAD, IDX), [0.1])
run("RMSProp", lambda v, s: ops.sparse_apply_rms_prop(
    v, s[0], s[1], c(0.01), c(0.9), c(0.5), c(1e-6), GRAD, IDX), [1.0, 0.1])
run("CenteredRMSProp", lambda v, s: ops.sparse_apply_centered_rms_prop(
    v, s[0], s[1], s[2], c(0.01), c(0.9), c(0.5), c(1e-6), GRAD, IDX), [0.05, 1.0, 0.1])
run("Adadelta", lambda v, s: ops.sparse_apply_adadelta(
    v, s[0], s[1], c(1.0), c(0.95), c(1e-6), GRAD, IDX), [0.1, 0.2])
run("Ftrl", lambda v, s: ops.sparse_apply_ftrl(
    v, s[0], s[1], GRAD, IDX, c(0.1), c(0.01), c(0.02), c(-0.5)), [0.1, 0.0])
run("FtrlPow", lambda v, s: ops.sparse_apply_ftrl(
    v, s[0], s[1], GRAD, IDX, c(0.1), c(0.01), c(0.02), c(-0.3)), [0.1, 0.05])
run("FtrlV2", lambda v, s: ops.sparse_apply_ftrl_v2(
    v, s[0], s[1], GRAD, IDX, c(0.1), c(0.01), c(0.02), c(0.05), c(-0.5)), [0.1, 0.0])
run("ScatterAdd", lambda v, s: gen_state_ops.scatter_add(v, IDX, GRAD), [])
run("ScatterSub", lambda v, s: gen_state_ops.scatter_sub(v, IDX, GRAD), [])
run("ScatterUpdate", lambda v, s: gen_state_ops.scatter_update(v, [3, 1], GRAD[:2]), [])

# Error texts for an out-of-range index.
for name, fn in [("Adagrad", lambda v, s: ops.sparse_apply_adagrad(v, s[0], c(0.1), GRAD, [0, 4, 1])),
                 ("ScatterAdd", lambda v, s: gen_state_ops.scatter_add(v, [0, 4, 1], GRAD))]:
    g = tf.Graph()
    with g.as_default():
        var = tf.Variable(VAR, use_resource=False)
        slots = [tf.Variable(np.full_like(VAR, 0.1), use_resource=False)]
        op = fn(var, slots)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            try:
                sess.run(op)
            except tf.errors.InvalidArgumentError as e:
                print("// %s error: %s" % (name, [l for l in e.message.splitlines() if "ndex" in l]))

with tf.Graph().as_default():
    y, idx = tf.unique(tf.constant([4, 1, 4, 7, 1, 1], tf.int64))
    with tf.Session() as sess:
        print("// Unique", sess.run([y, idx]))

# 20 steps of each TF1 optimizer on an embedding model, loss = mean((gather(v, ids) - t)^2)
# with a duplicated id, through IndexedSlices and the optimizers' sparse paths.
EMB = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6], [0.7, -0.8], [0.9, 1.0]], np.float32)
IDS = np.array([0, 3, 0, 1], np.int32)
TARGET = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]], np.float32)
OPTIMIZERS = [
    ("GradientDescent", lambda: tf.train.GradientDescentOptimizer(0.1)),
    ("Momentum", lambda: tf.train.MomentumOptimizer(0.1, 0.9)),
    ("MomentumNesterov", lambda: tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True)),
    ("Adagrad", lambda: tf.train.AdagradOptimizer(0.1)),
    ("RMSProp", lambda: tf.train.RMSPropOptimizer(0.01, momentum=0.5)),
    ("CenteredRMSProp", lambda: tf.train.RMSPropOptimizer(0.01, momentum=0.5, centered=True)),
    ("Adam", lambda: tf.train.AdamOptimizer(0.05)),
    ("Adadelta", lambda: tf.train.AdadeltaOptimizer(1.0)),
]
print("const std::vector<Trajectory> kTrajectories = {")
for name, make in OPTIMIZERS:
    with tf.Graph().as_default():
        v = tf.Variable(EMB, use_resource=False, name="emb")
        loss = tf.reduce_mean(tf.square(tf.gather(v, IDS) - TARGET))
        step = make().minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([loss, step])[0] for _ in range(20)]
            final = sess.run(v)
    print('    {"%s", %s, %s},' % (name, fmt(losses), fmt(final)))
print("};")
