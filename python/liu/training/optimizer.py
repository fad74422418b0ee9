"""tf.train.Optimizer (TF1): gradients, slot variables and the grouped update op.

Subclasses supply TF's hooks: _create_slots, _prepare, _apply_dense, _finish. Slot variables
are named as TF names them ("<var>/<OptimizerName>", then "_1", "_2"...), built at the root
name scope outside any control dependencies, and are not trainable.
"""
from liu.framework import dtypes
from liu.framework import ops
from liu.framework.indexed_slices import IndexedSlices
from liu.ops import control_flow_ops
from liu.ops import gradients_impl
from liu.ops import init_ops
from liu.ops import math_ops
from liu.ops import sparse_update_ops
from liu.ops import state_ops
from liu.ops import variables

__all__ = ["Optimizer"]

_VALID_DTYPES = (dtypes.float32, dtypes.float64)


def _var_key(var):
    return (id(var.op.graph), var.op.name)


def _check_dtype(t):
    dtype = t.dtype.base_dtype
    if dtype not in _VALID_DTYPES:
        raise ValueError("Invalid type %r for %s, expected: %s." % (
            dtype, t.name, [v for v in _VALID_DTYPES]))


class Optimizer:
    """Base class of the TF1 optimizers."""

    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots = {}          # slot name -> {var key: Variable}
        self._non_slot_dict = {}  # (name, graph id) -> Variable

    def get_name(self):
        return self._name

    # ---- the public TF1 API ----
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None):
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss)
        vars_with_grad = [v for g, v in grads_and_vars if g is not None]
        if not vars_with_grad:
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do not "
                "support gradients, between variables %s and loss %s." % (
                    [str(v) for _, v in grads_and_vars], loss))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None):
        if callable(loss):
            raise RuntimeError("`loss` passed to Optimizer.compute_gradients should be a "
                               "function when eager execution is enabled.")
        if gate_gradients not in (Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH):
            raise ValueError("gate_gradients must be one of: Optimizer.GATE_NONE, "
                             "Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not %s" % gate_gradients)
        loss = ops.convert_to_tensor(loss)
        _check_dtype(loss)
        if grad_loss is not None:
            grad_loss = ops.convert_to_tensor(grad_loss)
        if var_list is None:
            var_list = variables.trainable_variables()
        else:
            var_list = list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients_impl.gradients(
            loss, [v.value() if hasattr(v, "value") and not isinstance(v, ops.Tensor) else v
                   for v in var_list],
            grad_ys=None if grad_loss is None else [grad_loss],
            gate_gradients=(gate_gradients == Optimizer.GATE_OP),
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops)
        if gate_gradients == Optimizer.GATE_GRAPH:
            grads = control_flow_ops.tuple(grads)
        grads_and_vars = list(zip(grads, var_list))
        for _, v in grads_and_vars:
            _check_dtype(v)
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        converted = []
        for g, v in grads_and_vars:
            if g is not None and not isinstance(g, IndexedSlices):
                try:
                    g = ops.convert_to_tensor(g)
                except (TypeError, ValueError):
                    raise TypeError("Gradient must be convertible to a Tensor or "
                                    "IndexedSlices, or None: %s" % g) from None
            converted.append((g, v))
        var_list = [v for g, v in converted if g is not None]
        if not var_list:
            raise ValueError("No gradients provided for any variable: %s." % (
                [str(v) for _, v in converted],))
        graph = ops.get_default_graph()
        with graph.control_dependencies(None):
            self._create_slots(var_list)
        update_ops = []
        with ops.name_scope(name, self._name) as name:
            self._prepare()
            for grad, var in converted:
                if grad is None:
                    continue
                with ops.name_scope("update_" + var.op.name), ops.colocate_with(var.op):
                    if isinstance(grad, IndexedSlices):
                        update_ops.append(self._apply_sparse_duplicate_indices(grad, var))
                    else:
                        update_ops.append(self._apply_dense(grad, var))
            if global_step is None:
                apply_updates = self._finish(update_ops, name)
            else:
                with ops.control_dependencies([self._finish(update_ops, "update")]):
                    with ops.colocate_with(global_step.op):
                        apply_updates = state_ops.assign_add(global_step, 1, name=name)
            if isinstance(apply_updates, ops.Tensor):
                apply_updates = apply_updates.op  # TF returns the Operation
        train_op = ops.get_collection_ref(ops.GraphKeys.TRAIN_OP)
        if apply_updates not in train_op:
            train_op.append(apply_updates)
        return apply_updates

    def get_slot(self, var, name):
        named_slots = self._slots.get(name)
        if not named_slots:
            return None
        return named_slots.get(_var_key(var))

    def get_slot_names(self):
        return sorted(self._slots.keys())

    def variables(self):
        """The optimizer's own variables (slots and non-slot ones) in the default graph."""
        graph = ops.get_default_graph()
        out = [v for (n, gid), v in self._non_slot_dict.items() if gid == id(graph)]
        for slots in self._slots.values():
            out.extend(v for (gid, _), v in slots.items() if gid == id(graph))
        return sorted(out, key=lambda v: v.name)

    # ---- hooks ----
    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError()

    def _apply_sparse_duplicate_indices(self, grad, var):
        """Sums the rows of repeated indices, then _apply_sparse (TF1's default)."""
        summed_values, unique_indices = _deduplicate_indexed_slices(grad.values, grad.indices)
        return self._apply_sparse(
            IndexedSlices(indices=unique_indices, values=summed_values,
                          dense_shape=grad.dense_shape), var)

    def _apply_sparse(self, grad, var):
        raise NotImplementedError()

    def _finish(self, update_ops, name_scope):
        return control_flow_ops.group(*update_ops, name=name_scope)

    # ---- helpers for subclasses ----
    @staticmethod
    def _call_if_callable(param):
        return param() if callable(param) else param

    def _hyper(self, value, name):
        return ops.convert_to_tensor(self._call_if_callable(value), name=name)

    @staticmethod
    def _cast(t, var):
        return math_ops.cast(t, var.dtype.base_dtype)

    def _slot_dict(self, slot_name):
        return self._slots.setdefault(slot_name, {})

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name,
                                           op_name):
        named_slots = self._slot_dict(slot_name)
        key = _var_key(var)
        if key not in named_slots:
            named_slots[key] = _create_slot(var, initializer, shape, dtype, op_name)
        return named_slots[key]

    def _zeros_slot(self, var, slot_name, op_name):
        return self._get_or_make_slot_with_initializer(
            var, init_ops.zeros_initializer(), var.get_shape(), var.dtype.base_dtype, slot_name,
            op_name)

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        graph = colocate_with.graph
        key = (name, id(graph))
        v = self._non_slot_dict.get(key)
        if v is None:
            with graph.control_dependencies(None):
                v = variables.Variable(initial_value, name=name, trainable=False)
            self._non_slot_dict[key] = v
        return v

    def _get_non_slot_variable(self, name, graph=None):
        graph = graph or ops.get_default_graph()
        return self._non_slot_dict.get((name, id(graph)))


def _deduplicate_indexed_slices(values, indices):
    """(summed values, unique indices): rows of equal indices added together (Unique +
    UnsortedSegmentSum), as TF's _deduplicate_indexed_slices."""
    from liu.ops import array_ops
    unique_indices, new_index_positions = sparse_update_ops.unique(indices)
    summed_values = sparse_update_ops.unsorted_segment_sum(
        values, new_index_positions, array_ops.shape(unique_indices)[0])
    return summed_values, unique_indices


def _create_slot(primary, initializer, shape, dtype, op_name):
    """A non-trainable variable "<primary>/<op_name>" (uniquified) at the root name scope."""
    graph = primary.op.graph
    shape = shape.as_list() if hasattr(shape, "as_list") else shape
    with graph.name_scope(None):
        return variables.Variable(lambda: initializer(shape, dtype=dtype),
                                  name=primary.op.name + "/" + op_name, trainable=False)
