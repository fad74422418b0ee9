"""Sparse gradients under real TensorFlow and Liu: tf.gradients of a gather/embedding_lookup
of a variable is an IndexedSlices with the same structure and node names, it densifies to the
same tensor, and every TF1 optimizer trains an embedding model along the same 20-step
trajectory through its sparse update path."""
import importlib

import numpy as np
import pytest

from conftest import assert_same


def _module(tf, attr, liu_module):
    """tf.<attr> path; for Liu before the top-level package exports it, the defining module."""
    obj = tf
    for part in attr.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return importlib.import_module(liu_module)
    return obj


def _embedding_lookup(tf):
    nn = getattr(tf, "nn", None)
    if nn is not None and hasattr(nn, "embedding_lookup"):
        return nn.embedding_lookup
    return importlib.import_module("liu.ops.embedding_ops").embedding_lookup


def _indexed_slices_type(tf):
    if hasattr(tf, "IndexedSlices"):
        return tf.IndexedSlices
    return importlib.import_module("liu.framework.indexed_slices").IndexedSlices


def _train(tf):
    return getattr(tf, "train", None) or importlib.import_module("liu.training")


def _kind(tf, g):
    return "IndexedSlices" if isinstance(g, _indexed_slices_type(tf)) else "Tensor"


EMB = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6], [0.7, -0.8], [0.9, 1.0]], np.float32)
IDS = np.array([0, 3, 0, 1], np.int32)
TARGET = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]], np.float32)


def _describe(tf, g):
    """Type, names, static shapes and dtypes of a gradient, comparable across engines."""
    if isinstance(g, _indexed_slices_type(tf)):
        return ("IndexedSlices", g.values.name, g.indices.name, g.dense_shape.name,
                g.values.shape.as_list(), g.indices.shape.as_list(),
                g.dense_shape.shape.as_list(), g.dtype.name, g.indices.dtype.name,
                g.name, g.op.name)
    return ("Tensor", g.name, g.shape.as_list())


def test_gather_gradient_is_indexed_slices(both):
    def program(tf):
        v = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3), name="v")
        g = tf.gradients(tf.reduce_sum(tf.gather(v, [0, 2, 0])), v)[0]
        desc = _describe(tf, g)
        dense = tf.convert_to_tensor(g)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return desc, sess.run([g.values, g.indices, g.dense_shape, dense])
    (tf_desc, tf_vals), (liu_desc, liu_vals) = both(program)
    assert tf_desc == liu_desc
    assert_same(tf_vals, liu_vals)


def test_embedding_lookup_names_and_values(both):
    def program(tf):
        v = tf.Variable(EMB, name="emb")
        e = _embedding_lookup(tf)(v, IDS)
        names = [(op.name, op.type) for op in tf.get_default_graph().get_operations()
                 if op.name.startswith("embedding_lookup")]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return names, e.name, e.shape.as_list(), sess.run(e)
    tf_r, liu_r = both(program)
    assert tf_r[:3] == liu_r[:3]
    assert_same(tf_r[3], liu_r[3])


def test_two_lookups_concatenate_and_mixed_gradient_is_dense(both):
    def program(tf):
        v = tf.Variable(EMB, name="emb")
        lookup = _embedding_lookup(tf)
        sparse = tf.gradients(tf.reduce_sum(lookup(v, [1, 3])) +
                              tf.reduce_sum(tf.gather(v, [0])), v)[0]
        mixed = tf.gradients(tf.reduce_sum(tf.gather(v, [0]) * 2.0) + tf.reduce_sum(v), v)[0]
        descs = (type(sparse).__name__, sparse.values.shape.as_list(),
                 sparse.indices.shape.as_list(), _kind(tf, mixed), mixed.op.type,
                 mixed.shape.as_list())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return descs, sess.run([tf.convert_to_tensor(sparse), mixed])
    (tf_d, tf_v), (liu_d, liu_v) = both(program)
    assert tf_d == liu_d
    assert_same(tf_v, liu_v)


def test_clip_by_global_norm_keeps_indexed_slices(both):
    def program(tf):
        v = tf.Variable(EMB, name="emb")
        w = tf.Variable([1.0, 2.0], name="w")
        loss = tf.reduce_sum(tf.gather(v, IDS) * 3.0) + tf.reduce_sum(w * w)
        grads = tf.gradients(loss, [v, w])
        clipped, norm = tf.clip_by_global_norm(grads, 1.0)
        kinds = [_kind(tf, c) for c in clipped]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return kinds, sess.run([clipped[0].values, clipped[0].indices, clipped[1], norm,
                                    tf.global_norm(grads)])
    (tf_k, tf_v), (liu_k, liu_v) = both(program)
    assert tf_k == liu_k
    assert_same(tf_v, liu_v, rtol=1e-5)


OPTIMIZERS = {
    "sgd": lambda train: train.GradientDescentOptimizer(0.1),
    "momentum": lambda train: train.MomentumOptimizer(0.1, 0.9),
    "nesterov": lambda train: train.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
    "adagrad": lambda train: train.AdagradOptimizer(0.1),
    "rmsprop": lambda train: train.RMSPropOptimizer(0.01, momentum=0.5),
    "rmsprop_centered": lambda train: train.RMSPropOptimizer(0.01, momentum=0.5, centered=True),
    "adam": lambda train: train.AdamOptimizer(0.05),
    "adadelta": lambda train: train.AdadeltaOptimizer(1.0),
    "ftrl": lambda train: train.FtrlOptimizer(0.5, l1_regularization_strength=0.001,
                                              l2_regularization_strength=0.01),
    "ftrl_shrinkage": lambda train: train.FtrlOptimizer(
        0.3, learning_rate_power=-0.6, l2_shrinkage_regularization_strength=0.01, beta=0.1),
}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_embedding_training_trajectory(both, name):
    def program(tf):
        v = tf.Variable(EMB, name="emb")
        w = tf.Variable([[0.5], [-0.5]], name="w")
        e = _embedding_lookup(tf)(v, IDS)
        loss = tf.reduce_mean(tf.square(e - TARGET)) + tf.reduce_mean(tf.matmul(e, w))
        opt = OPTIMIZERS[name](_train(tf))
        grads_and_vars = opt.compute_gradients(loss, [v, w])
        kinds = [_kind(tf, g) for g, _ in grads_and_vars]
        step = opt.apply_gradients(grads_and_vars)
        slot_names = sorted(s.op.name for s in opt.variables())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            # The loss is fetched in a run of its own: beside the update, TF's threads may
            # read w before or after ApplyGradientDescent writes it (seen flaky at step 1).
            losses = []
            for _ in range(20):
                losses.append(sess.run(loss))
                sess.run(step)
            return kinds, slot_names, np.array(losses), sess.run([v, w])
    (tf_k, tf_s, tf_l, tf_v), (liu_k, liu_s, liu_l, liu_v) = both(program)
    assert tf_k == liu_k == ["IndexedSlices", "Tensor"]
    assert tf_s == liu_s
    assert_same(tf_l, liu_l, rtol=1e-5, atol=1e-7)
    assert_same(tf_v, liu_v, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ["sgd", "adagrad", "adam", "rmsprop_centered", "ftrl"])
def test_sparse_update_node_names(both, name):
    """The sparse path's ops (dedup + update) are named as TF names them."""
    def program(tf):
        v = tf.Variable(EMB, name="emb")
        loss = tf.reduce_sum(_embedding_lookup(tf)(v, IDS))
        opt = OPTIMIZERS[name](_train(tf))
        opt.minimize(loss)
        prefix = opt.get_name() + "/update_emb"
        return sorted((op.name, op.type) for op in tf.get_default_graph().get_operations()
                      if op.name.startswith(prefix))
    tf_names, liu_names = both(program)
    assert tf_names == liu_names
