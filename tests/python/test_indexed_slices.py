"""liu's IndexedSlices: the sparse gradient of a gather, its properties, densifying, and the
sparse optimizer ops it feeds (values derived by hand)."""
import warnings

import numpy as np
import pytest

import liu as tf
from liu.framework.indexed_slices import IndexedSlices, convert_to_tensor_or_indexed_slices
from liu.ops import embedding_ops
from liu.ops import sparse_update_ops
from liu.training import gradient_descent


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default():
        yield


def _table():
    return tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3), name="v")


def test_gradient_of_gather_is_indexed_slices_with_tf_names():
    v = _table()
    g = tf.gradients(tf.reduce_sum(tf.gather(v, [0, 2, 0])), v)[0]
    assert isinstance(g, IndexedSlices)
    assert g.values.name == "gradients/GatherV2_grad/Reshape:0"
    assert g.indices.name == "gradients/GatherV2_grad/Reshape_1:0"
    assert g.dense_shape.name == "gradients/GatherV2_grad/Shape:0"
    assert g.name == g.values.name and g.op is g.values.op and g.dtype == tf.float32
    assert g.graph is tf.get_default_graph()
    assert g.shape.as_list() == [4, 3]
    assert str(g).startswith("IndexedSlices(indices=Tensor(")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, indices, shape, dense = sess.run(
            [g.values, g.indices, g.dense_shape, tf.convert_to_tensor(g)])
    np.testing.assert_array_equal(values, np.ones((3, 3), np.float32))
    np.testing.assert_array_equal(indices, [0, 2, 0])
    np.testing.assert_array_equal(shape, [4, 3])
    np.testing.assert_array_equal(dense, [[2, 2, 2], [0, 0, 0], [1, 1, 1], [0, 0, 0]])


def test_negation_and_conversion_helpers():
    v = _table()
    g = tf.gradients(tf.reduce_sum(tf.gather(v, [1])), v)[0]
    neg = -g
    assert isinstance(neg, IndexedSlices) and neg.indices is g.indices
    assert convert_to_tensor_or_indexed_slices(g) is g
    with pytest.raises(ValueError):
        convert_to_tensor_or_indexed_slices(g, dtype=tf.int32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(neg.values), -np.ones((1, 3), np.float32))


def test_unknown_dense_shape_warns_when_densified():
    x = tf.placeholder(tf.float32, [None, 3])
    g = tf.gradients(tf.reduce_sum(tf.gather(x, [0])), x)[0]
    assert isinstance(g, IndexedSlices)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tf.convert_to_tensor(g)
    assert any("unknown shape" in str(w.message) for w in caught)


def test_embedding_lookup_single_and_unsupported_partitions():
    v = _table()
    e = embedding_ops.embedding_lookup(v, [3, 1])
    assert e.op.type == "Identity" and e.op.name == "embedding_lookup/Identity"
    assert e.op.inputs[0].op.name == "embedding_lookup"
    clipped = embedding_ops.embedding_lookup([v], [3], max_norm=1.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(e), [[9, 10, 11], [3, 4, 5]])
        row = sess.run(clipped)[0]
        np.testing.assert_allclose(np.linalg.norm(row), 1.0, rtol=1e-6)
    with pytest.raises(ValueError):
        embedding_ops.embedding_lookup([], [0])
    with pytest.raises(ValueError):
        embedding_ops.embedding_lookup(v, [0], partition_strategy="bogus")
    with pytest.raises(NotImplementedError):
        embedding_ops.embedding_lookup([v, v], [0])


def test_gradient_descent_sparse_update_touches_only_gathered_rows():
    v = _table()
    loss = tf.reduce_sum(tf.gather(v, [2, 2, 0]))
    step = gradient_descent.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(step)
        after = sess.run(v)
    want = np.arange(12, dtype=np.float32).reshape(4, 3)
    want[2] -= 1.0  # two gathers of row 2, each with gradient 1, times 0.5
    want[0] -= 0.5
    np.testing.assert_array_equal(after, want)


def test_scatter_and_unique_ops():
    v = _table()
    add = sparse_update_ops.scatter_add(v, [1, 1], np.ones((2, 3), np.float32))
    y, idx = sparse_update_ops.unique(tf.constant([5, 3, 5]))
    assert add.op.type == "ScatterAdd" and add.op.name == "ScatterAdd"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(add)[1], [5, 6, 7])
        np.testing.assert_array_equal(sess.run(y), [5, 3])
        np.testing.assert_array_equal(sess.run(idx), [0, 1, 0])
        bad = sparse_update_ops.scatter_sub(v, [7], np.ones((1, 3), np.float32))
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(bad)
