"""tf.nn.embedding_lookup: rows of a params table (a tensor or variable) gathered by id, built
as TF builds it (a GatherV2 named after the "embedding_lookup" scope, then an Identity), so
its gradient is the IndexedSlices the sparse optimizer updates consume."""
from liu.framework import ops
from liu.ops import array_ops
from liu.ops import clip_ops

__all__ = ["embedding_lookup"]


def _rank(x):
    """(rank, True) when static, else (a Rank tensor, False)."""
    rank = ops.convert_to_tensor(x).shape.ndims
    if rank is not None:
        return rank, True
    return array_ops.rank(x), False


def _clip(params, ids, max_norm):
    """Each looked-up embedding clipped to L2 norm max_norm (over its own dims)."""
    if max_norm is None:
        return params
    ids_rank, ids_static = _rank(ids)
    params_rank, params_static = _rank(params)
    axes = (list(range(ids_rank, params_rank)) if ids_static and params_static
            else array_ops.range(ids_rank, params_rank))
    return clip_ops.clip_by_norm(params, max_norm, axes=axes)


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,
                     max_norm=None):
    """params[ids] along the first axis. `params` is one tensor/variable, or a list of shards
    (a single-element list is the same table)."""
    if params is None:
        raise ValueError("params must be specified")
    if isinstance(params, (list, tuple)) and not params:
        raise ValueError("Need at least one param")
    if isinstance(params, (list, tuple)):
        params = list(params)
    else:
        params = [params]
    if partition_strategy not in ("mod", "div"):
        raise ValueError("Unrecognized partition strategy: " + partition_strategy)
    with ops.name_scope(name, "embedding_lookup", params + [ids]) as name:
        ids = ops.convert_to_tensor(ids, name="ids")
        if len(params) == 1:
            with ops.colocate_with(params[0]):
                result = _clip(array_ops.gather(params[0], ids, name=name), ids, max_norm)
            # The final result carries no colocation with the params (TF's Identity).
            return array_ops.identity(result)
        # Sharded tables need DynamicPartition/DynamicStitch, which the C++ core lacks yet.
        raise NotImplementedError(
            "embedding_lookup over %d partitioned params needs the DynamicPartition and "
            "DynamicStitch ops, which are not implemented" % len(params))
