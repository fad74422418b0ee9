"""tf.gradients / tf.hessians: the graph transformation lives in C++ (liu/autodiff)."""
from liu import _C
from liu import errors
from liu.framework import ops
from liu.framework.indexed_slices import IndexedSlices

__all__ = ["gradients", "hessians"]


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None):
    """Symbolic d(sum ys)/d(xs); None for each x not connected to ys (TF1 semantics)."""
    ys = [ops.convert_to_tensor(y) for y in _as_list(ys)]
    xs_list = [ops.convert_to_tensor(x) for x in _as_list(xs)]
    grad_ys = [None] * len(ys) if grad_ys is None else [
        None if g is None else ops.convert_to_tensor(g) for g in _as_list(grad_ys)]
    if len(grad_ys) != len(ys):
        raise ValueError("Passed %d grad_ys for %d ys" % (len(grad_ys), len(ys)))
    stops = [ops.convert_to_tensor(s) for s in _as_list(stop_gradients or [])]
    graph = ys[0].graph
    try:
        dxs = _C.add_gradients(graph._c, [y._output for y in ys], [x._output for x in xs_list],
                               [None if g is None else g._output for g in grad_ys], name or "gradients",
                               [s._output for s in stops])
    except errors.NotFoundError as e:
        raise LookupError(str(e)) from None
    except errors.InvalidArgumentError as e:
        raise ValueError(str(e)) from None
    return [_wrap_gradient(graph, dx) for dx in dxs]


def _wrap_gradient(graph, dx):
    """None, a Tensor, or TF's IndexedSlices (a gather's gradient, when every contribution to
    that x is one)."""
    if dx is None:
        return None
    if isinstance(dx, tuple):
        values, indices, dense_shape = (graph._tensor_for(t) for t in dx)
        return IndexedSlices(values, indices, dense_shape)
    return graph._tensor_for(dx)


def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None):
    """Second derivatives d^2 ys / d xs^2, row by row (TF builds them the same way)."""
    from liu.ops import array_ops
    xs = _as_list(xs)
    results = []
    for x in xs:
        grad = ops.convert_to_tensor(gradients(ys, x)[0])
        flat = array_ops.reshape(grad, [-1])
        n = flat.shape[0].value
        if n is None:
            raise ValueError("tf.hessians needs a fully defined shape for %s" % x.name)
        rows = [gradients(flat[i], x)[0] for i in range(n)]
        rows = [None if r is None else ops.convert_to_tensor(r) for r in rows]
        rows = [array_ops.zeros_like(x) if r is None else r for r in rows]
        shape = x.shape.as_list()
        results.append(array_ops.reshape(array_ops.stack(rows), shape + shape))
    return results


