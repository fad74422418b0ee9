"""tf.clip_by_value, clip_by_norm, global_norm, clip_by_global_norm: composed from ordinary
ops exactly as TensorFlow's Python builds them (their gradients come from those ops)."""
from liu.framework import ops
from liu.framework.indexed_slices import IndexedSlices
from liu.ops import array_ops
from liu.ops import math_ops
from liu.ops.op_def_library import apply_op_output

__all__ = ["clip_by_value", "clip_by_norm", "global_norm", "clip_by_global_norm"]


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    with ops.name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as name:
        values = ops.convert_to_tensor(t, name="t")
        t_min = math_ops.minimum(values, clip_value_max)
        values.shape.merge_with(t_min.shape)  # no broadcasting beyond t's shape
        t_max = math_ops.maximum(t_min, clip_value_min, name=name)
        values.shape.merge_with(t_max.shape)
        return t_max


def _dense_part(t):
    """An IndexedSlices is clipped/measured through its values (TF's clip ops do so)."""
    return t.values if isinstance(t, IndexedSlices) else t


def clip_by_norm(t, clip_norm, axes=None, name=None):
    with ops.name_scope(name, "clip_by_norm", [_dense_part(t), clip_norm]) as name:
        values = ops.convert_to_tensor(_dense_part(t), name="t")
        l2sum = math_ops.reduce_sum(values * values, axes, keepdims=True)
        pred = l2sum > 0
        # The two-sided where keeps the gradient finite where the norm is zero.
        l2sum_safe = math_ops.where(pred, l2sum, array_ops.ones_like(l2sum))
        l2norm = math_ops.where(pred, math_ops.sqrt(l2sum_safe), l2sum)
        intermediate = values * clip_norm
        values.shape.assert_is_compatible_with(intermediate.shape)
        values_clip = array_ops.identity(intermediate / math_ops.maximum(l2norm, clip_norm),
                                         name=name)
        if isinstance(t, IndexedSlices):
            return IndexedSlices(values_clip, t.indices, t.dense_shape)
        return values_clip


def global_norm(t_list, name=None):
    if not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    with ops.name_scope(name, "global_norm",
                        [_dense_part(t) for t in t_list if t is not None]) as name:
        values = [None if t is None else ops.convert_to_tensor(_dense_part(t), name="t_%d" % i)
                  for i, t in enumerate(t_list)]
        half_squared_norms = [apply_op_output("L2Loss", t=v) for v in values if v is not None]
        half_squared_norm = math_ops.reduce_sum(array_ops.stack(half_squared_norms))
        two = ops.convert_to_tensor(2.0, dtype=half_squared_norm.dtype)
        return math_ops.sqrt(half_squared_norm * two, name="global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    if not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with ops.name_scope(name, "clip_by_global_norm",
                        [_dense_part(t) for t in t_list if t is not None] + [clip_norm]) as name:
        one = ops.convert_to_tensor(1.0, dtype=use_norm.dtype)
        scale_for_finite = clip_norm * math_ops.minimum(1.0 / use_norm, one / clip_norm)
        # A finite norm leaves the scale alone; inf or NaN makes it NaN, as in TF.
        scale = scale_for_finite + (use_norm - use_norm)
        clipped = []
        for i, t in enumerate(t_list):
            if t is None:
                clipped.append(None)
                continue
            v = ops.convert_to_tensor(_dense_part(t), name="t_%d" % i)
            c = array_ops.identity(v * scale, name="%s_%d" % (name, i))
            clipped.append(IndexedSlices(c, t.indices, t.dense_shape)
                           if isinstance(t, IndexedSlices) else c)
        return clipped, use_norm
