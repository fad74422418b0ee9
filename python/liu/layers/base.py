"""tf.layers.Layer: the TF1 layer base (tf_keras' legacy_tf_layers/base.py semantics).

How a TF1 layer names things, which the subclasses rely on:
- The first call (or the constructor, when a `name` is given) opens
  variable_scope(name or None, default_name=<snake_case class name>): "dense", "dense_1", ...
  That scope is captured; its original name scope ("dense/") is where every op of the layer
  goes, and variables are get_variable("kernel") inside it ("dense/kernel").
- `reuse=True` (or a layer object that is already built) reuses the variables of the scope.
- A regularizer is applied once, when the variable is created, under "<var>/Regularizer"; its
  result goes to the layer's losses and to REGULARIZATION_LOSSES.
- After each call, the layer's update ops (batch norm's moving averages) are added to
  UPDATE_OPS.
"""
import re

from liu.framework import dtypes
from liu.framework import ops
from liu.ops import init_ops
from liu.ops import variable_scope as vs
from liu.ops import variables as tf_variables

__all__ = ["Layer", "InputSpec"]


def _to_snake_case(name):
    intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    if insecure[0] != "_":
        return insecure
    return "private" + insecure


def _unique_layer_name(base_name):
    """tf_keras' backend.unique_object_name (not zero based): 'dense_1', 'dense_2', ...
    per graph. Only the layer's `.name` uses it; scopes are uniquified by variable_scope."""
    graph = ops.get_default_graph()
    uids = getattr(graph, "_liu_layer_name_uids", None)
    if uids is None:
        uids = graph._liu_layer_name_uids = {}
    uids[base_name] = uids.get(base_name, 0) + 1
    return "%s_%d" % (base_name, uids[base_name])


class InputSpec:
    """The shape constraints a layer declares for its input (kept for API compatibility)."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None):
        self.dtype = dtype
        self.shape = shape
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = axes or {}


_INITIALIZER_NAMES = {
    "zeros": init_ops.Zeros, "zero": init_ops.Zeros, "ones": init_ops.Ones,
    "one": init_ops.Ones, "glorot_uniform": init_ops.GlorotUniform,
    "glorot_normal": init_ops.GlorotNormal, "random_uniform": init_ops.RandomUniform,
    "random_normal": init_ops.RandomNormal, "truncated_normal": init_ops.TruncatedNormal,
    "he_normal": init_ops.he_normal, "he_uniform": init_ops.he_uniform,
    "lecun_normal": init_ops.lecun_normal, "lecun_uniform": init_ops.lecun_uniform,
}


def get_initializer(identifier):
    """keras initializers.get: None, a callable, a class, or one of the usual string names."""
    if identifier is None or callable(identifier) and not isinstance(identifier, str):
        return identifier
    if isinstance(identifier, str):
        try:
            return _INITIALIZER_NAMES[identifier]()
        except KeyError:
            raise ValueError("Unknown initializer: %s" % identifier) from None
    raise ValueError("Could not interpret initializer identifier: %r" % (identifier,))


def get_activation(identifier):
    """keras activations.get: None, a callable or a name ('relu', 'softmax', ...)."""
    if identifier is None or callable(identifier):
        return identifier
    from liu.ops import math_ops
    from liu.ops import nn_ops
    names = {"linear": None, "relu": nn_ops.relu, "sigmoid": math_ops.sigmoid,
             "tanh": math_ops.tanh}
    for extra in ("softmax", "elu", "selu", "softplus", "softsign", "relu6"):
        if hasattr(nn_ops, extra):
            names[extra] = getattr(nn_ops, extra)
    if identifier in names:
        return names[identifier]
    raise ValueError("Unknown activation function: %s" % identifier)


class Layer:
    """Base class of the TF1 layers (Dense, Conv2D, ...): a callable owning variables."""

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        scope = kwargs.pop("_scope", None)
        self._reuse = kwargs.pop("_reuse", None)
        self._activity_regularizer = kwargs.pop("activity_regularizer", None)
        for key in kwargs:
            if key not in ("input_shape", "batch_input_shape", "batch_size", "weights",
                           "autocast"):
                raise TypeError("Keyword argument not understood:", key)
        self.trainable = trainable
        self.built = False
        self._dtype = None if dtype is None else dtypes.as_dtype(dtype).base_dtype
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._updates = []
        self._losses = []
        self.input_spec = None
        self._init_set_name(name)
        if scope:
            with vs.variable_scope(scope) as captured_scope:
                self._scope = captured_scope
        else:
            self._scope = None
        self._current_scope = None
        self._always_reuse_variable_scope = None

    # ---- names and scopes ----
    def _init_set_name(self, name):
        if isinstance(name, vs.VariableScope):
            base_name = name.name
            self._name = _unique_layer_name(_to_snake_case(type(self).__name__))
        else:
            base_name = name
            self._name = name
        if not name:
            base_name = _to_snake_case(type(self).__name__)
            self._name = _unique_layer_name(base_name)
        self._base_name = base_name

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def scope_name(self):
        if not self._scope:
            raise ValueError('No name available for layer scope because the layer "' +
                             self._name + '" has not been used yet. The scope name  is '
                             "determined the first time the layer instance is called. You must "
                             "therefore call the layer before querying `scope_name`.")
        return self._scope.name

    def _name_scope(self):
        return self._current_scope.original_name_scope

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                with vs.variable_scope(scope if scope is not None else self._base_name) as s:
                    self._scope = s
            else:
                with vs.variable_scope(scope, default_name=self._base_name) as s:
                    self._scope = s

    # ---- weights, losses, updates ----
    @property
    def trainable_weights(self):
        return list(self._trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return list(self._non_trainable_weights)
        return self._trainable_weights + self._non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    variables = weights

    @property
    def updates(self):
        # tf_keras skips the updates of a layer that is neither trainable nor stateful.
        return list(self._updates) if self.trainable else []

    @property
    def losses(self):
        return list(self._losses)

    def add_loss(self, losses, inputs=None):
        new = [l for l in (losses if isinstance(losses, (list, tuple)) else [losses])
               if l is not None]
        self._losses.extend(new)
        _add_elements_to_collection(new, ops.GraphKeys.REGULARIZATION_LOSSES)

    def add_update(self, updates, inputs=None):
        """Update ops (callables are called now, as tf_keras does when building a graph)."""
        for u in updates if isinstance(updates, (list, tuple)) else [updates]:
            if callable(u):
                u = u()
            self._updates.append(u.op if isinstance(u, ops.Tensor) else u)

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, use_resource=None, partitioner=None,
                   **kwargs):
        """get_variable(name) in the layer's variable scope, with TF1 layers' conventions."""
        if trainable is None:
            trainable = True
        existing_variables = set(tf_variables.global_variables())
        if dtype is None:
            dtype = self.dtype or dtypes.float32
        dtype = dtypes.as_dtype(dtype)
        self._set_scope(None)
        reuse = self.built or self._reuse
        with vs.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with ops.name_scope(self._name_scope()):
                if initializer is None:
                    initializer = scope.initializer
                if initializer is None:
                    # tf_keras' add_weight default: glorot_uniform for floats, zeros otherwise.
                    if dtype.is_floating:
                        initializer = init_ops.GlorotUniform()
                    elif dtype.is_integer or dtype.is_unsigned or dtype.is_bool:
                        initializer = init_ops.Zeros()
                    else:
                        raise ValueError("An initializer for variable %s of type %s is required "
                                         "for layer %s" % (name, dtype.base_dtype, self.name))
                variable = vs.get_variable(name, shape=shape, dtype=dtype,
                                           initializer=get_initializer(initializer),
                                           trainable=trainable and self.trainable,
                                           constraint=constraint, partitioner=partitioner)
                if trainable and self.trainable:
                    if variable not in self._trainable_weights:
                        self._trainable_weights.append(variable)
                elif variable not in self._non_trainable_weights:
                    self._non_trainable_weights.append(variable)
                if regularizer and variable not in existing_variables:
                    with ops.name_scope(name + "/Regularizer"):
                        loss = regularizer(variable)
                    if loss is not None:
                        self.add_loss(loss)
                if trainable and self.trainable and \
                        variable not in tf_variables.trainable_variables():
                    # A variable reused from a non-trainable creation stays non-trainable.
                    self._trainable_weights.remove(variable)
                    self._non_trainable_weights.append(variable)
        return variable

    # ---- building and calling ----
    def build(self, input_shape):
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def apply(self, inputs, *args, **kwargs):
        return self.__call__(inputs, *args, **kwargs)

    def compute_output_shape(self, input_shape):
        raise NotImplementedError

    def __call__(self, inputs, *args, **kwargs):
        scope = kwargs.pop("scope", None)
        if isinstance(inputs, (list, tuple)):
            inputs = type(inputs)(ops.convert_to_tensor(i) for i in inputs)
        else:
            inputs = ops.convert_to_tensor(inputs)
        self._set_scope(scope)
        if self.built:
            if self._always_reuse_variable_scope is None:
                self._always_reuse_variable_scope = vs.variable_scope(
                    self._scope, reuse=True, auxiliary_name_scope=False)
            scope_context_manager = self._always_reuse_variable_scope
        else:
            scope_context_manager = vs.variable_scope(self._scope, reuse=self._reuse,
                                                      auxiliary_name_scope=False)
        with scope_context_manager as scope:
            self._current_scope = scope
            with ops.name_scope(self._name_scope()):
                if not self.built:
                    first = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
                    if self._dtype is None and first.dtype.base_dtype.is_floating:
                        self._dtype = first.dtype.base_dtype  # tf_keras' "_infer" policy
                    input_shapes = ([i.get_shape() for i in inputs]
                                    if isinstance(inputs, (list, tuple)) else inputs.get_shape())
                    self.build(input_shapes)
                    self.built = True
                outputs = self.call(inputs, *args, **kwargs)
                if outputs is None:
                    raise ValueError("A layer's `call` method should return a Tensor or a list "
                                     "of Tensors, not None (layer: " + self.name + ").")
                self._handle_activity_regularization(outputs)
        _add_elements_to_collection(self.updates, ops.GraphKeys.UPDATE_OPS)
        return outputs

    def _handle_activity_regularization(self, outputs):
        if not self._activity_regularizer:
            return
        from liu.ops import array_ops
        from liu.ops import math_ops
        with ops.name_scope("ActivityRegularizer"):
            for output in outputs if isinstance(outputs, (list, tuple)) else [outputs]:
                activity_loss = ops.convert_to_tensor(self._activity_regularizer(output))
                batch_size = math_ops.cast(array_ops.shape(output)[0], activity_loss.dtype)
                self.add_loss(activity_loss / batch_size)

    @property
    def activity_regularizer(self):
        return self._activity_regularizer


def _add_elements_to_collection(elements, collection_name):
    collection = ops.get_collection_ref(collection_name)
    present = {id(e) for e in collection}
    for element in elements:
        if id(element) not in present:
            collection.append(element)
            present.add(id(element))
