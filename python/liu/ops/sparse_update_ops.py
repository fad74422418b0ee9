"""The ops behind sparse gradients and sparse variable updates (TF's gen_state_ops scatter_*,
array_ops.unique, math_ops.unsorted_segment_sum), with TF's signatures and default names."""
from liu.framework import dtypes
from liu.ops.op_def_library import apply_op
from liu.ops.op_def_library import apply_op_output

__all__ = ["scatter_add", "scatter_sub", "scatter_update", "unique", "unsorted_segment_sum"]


def _ref(v):
    """A tf.Variable updates through its ref tensor."""
    return v._ref() if hasattr(v, "_ref") else v


def scatter_add(ref, indices, updates, use_locking=False, name=None):
    return apply_op_output("ScatterAdd", name=name, ref=_ref(ref), indices=indices,
                           updates=updates, use_locking=use_locking)


def scatter_sub(ref, indices, updates, use_locking=False, name=None):
    return apply_op_output("ScatterSub", name=name, ref=_ref(ref), indices=indices,
                           updates=updates, use_locking=use_locking)


def scatter_update(ref, indices, updates, use_locking=True, name=None):
    return apply_op_output("ScatterUpdate", name=name, ref=_ref(ref), indices=indices,
                           updates=updates, use_locking=use_locking)


def unique(x, out_idx=dtypes.int32, name=None):
    """(y, idx): the distinct values of x in order of first appearance, and x's positions."""
    op = apply_op("Unique", name=name, x=x, out_idx=dtypes.as_dtype(out_idx))
    return op.outputs[0], op.outputs[1]


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    return apply_op_output("UnsortedSegmentSum", name=name, data=data, segment_ids=segment_ids,
                           num_segments=num_segments)
