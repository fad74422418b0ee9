"""tf.contrib.layers: regularizers, initializers and layers (fully_connected, conv2d, pooling,
flatten, dropout), built as TF1.15's contrib built them on top of tf.layers."""
import math
import numbers

from liu.framework import dtypes
from liu.framework import ops
from liu.ops import init_ops
from liu.ops import math_ops
from liu.ops import nn_ops
from liu.ops import random_ops
from liu.ops import variable_scope

__all__ = ["l1_regularizer", "l2_regularizer", "sum_regularizer", "apply_regularization",
           "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
           "fully_connected", "conv2d", "convolution2d", "max_pool2d", "avg_pool2d", "flatten",
           "dropout", "batch_norm"]


def _check_scale(scale):
    if isinstance(scale, numbers.Integral):
        raise ValueError("scale cannot be an integer: %s" % (scale,))
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g" % scale)
        return scale != 0.0
    return True


def l1_regularizer(scale, scope=None):
    if not _check_scale(scale):
        return lambda _: None

    def l1(weights, name=None):
        with ops.name_scope(scope, "l1_regularizer", [weights]) as name:
            my_scale = ops.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return math_ops.multiply(my_scale, math_ops.reduce_sum(math_ops.abs(weights)), name=name)
    return l1


def l2_regularizer(scale, scope=None):
    if not _check_scale(scale):
        return lambda _: None

    def l2(weights):
        with ops.name_scope(scope, "l2_regularizer", [weights]) as name:
            my_scale = ops.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return math_ops.multiply(my_scale, nn_ops.l2_loss(weights), name=name)
    return l2


def sum_regularizer(regularizer_list, scope=None):
    regularizer_list = [reg for reg in regularizer_list if reg is not None]
    if not regularizer_list:
        return None

    def sum_reg(weights):
        with ops.name_scope(scope, "sum_regularizer", [weights]) as name:
            tensors = [t for t in (reg(weights) for reg in regularizer_list) if t is not None]
            return math_ops.add_n(tensors, name=name) if tensors else None
    return sum_reg


def apply_regularization(regularizer, weights_list=None):
    if not weights_list:
        weights_list = ops.get_collection(ops.GraphKeys.WEIGHTS)
    if not weights_list:
        raise ValueError("No weights to regularize.")
    with ops.name_scope("get_regularization_penalty", values=weights_list) as scope:
        penalties = [regularizer(w) for w in weights_list]
        penalties = [p if p is not None else ops.convert_to_tensor(0.0) for p in penalties]
        for p in penalties:
            if p.shape.ndims != 0:
                raise ValueError("regularizer must return a scalar Tensor instead of a Tensor "
                                 "with rank %d." % p.shape.ndims)
        summed = math_ops.add_n(penalties, name=scope)
        ops.add_to_collection(ops.GraphKeys.REGULARIZATION_LOSSES, summed)
        return summed


# ---- initializers (tf.contrib.layers.xavier_initializer, variance_scaling_initializer) ----
def xavier_initializer(uniform=True, seed=None, dtype=dtypes.float32):
    """Glorot & Bengio (2010): variance_scaling_initializer(1.0, 'FAN_AVG', uniform)."""
    return variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed,
                                        dtype=dtype)


xavier_initializer_conv2d = xavier_initializer


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None,
                                 dtype=dtypes.float32):
    """TF1 contrib's variance scaling: uniform limit sqrt(3 * factor / n), or truncated normal
    with stddev sqrt(1.3 * factor / n), n = fan_in, fan_out or their mean."""
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_floating:
        raise TypeError("Cannot create initializer for non-floating point type.")
    if mode not in ["FAN_IN", "FAN_OUT", "FAN_AVG"]:
        raise TypeError("Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]" % mode)

    def _initializer(shape, dtype=dtype, partition_info=None):
        dtype = dtypes.as_dtype(dtype)
        if not dtype.is_floating:
            raise TypeError("Cannot create initializer for non-floating point type.")
        if shape:
            fan_in = float(shape[-2]) if len(shape) > 1 else float(shape[-1])
            fan_out = float(shape[-1])
        else:
            fan_in = 1.0
            fan_out = 1.0
        for dim in shape[:-2]:
            fan_in *= float(dim)
            fan_out *= float(dim)
        if mode == "FAN_IN":
            n = fan_in
        elif mode == "FAN_OUT":
            n = fan_out
        else:
            n = (fan_in + fan_out) / 2.0
        if uniform:
            limit = math.sqrt(3.0 * factor / n)
            return random_ops.random_uniform(shape, -limit, limit, dtype, seed=seed)
        trunc_stddev = math.sqrt(1.3 * factor / n)
        return random_ops.truncated_normal(shape, 0.0, trunc_stddev, dtype, seed=seed)

    return _initializer


# ---- layers (TF1.15 contrib/layers/python/layers/layers.py over tf.layers) ----
def _model_variable_getter(getter, name, shape=None, dtype=None, initializer=None,
                           regularizer=None, trainable=True, collections=None,
                           caching_device=None, partitioner=None, rename=None,
                           use_resource=None, **kwargs):
    """Creates model variables (GLOBAL_VARIABLES + MODEL_VARIABLES), renaming the layer's
    "kernel"/"bias" to contrib's "weights"/"biases"."""
    short_name = name.split("/")[-1]
    if rename and short_name in rename:
        name_components = name.split("/")
        name_components[-1] = rename[short_name]
        name = "/".join(name_components)
    collections = list(collections or [])
    collections += [ops.GraphKeys.GLOBAL_VARIABLES, ops.GraphKeys.MODEL_VARIABLES]
    collections = list(dict.fromkeys(collections))
    return getter(name, shape=shape, dtype=dtype, initializer=initializer,
                  regularizer=regularizer, trainable=trainable, collections=collections,
                  caching_device=caching_device, partitioner=partitioner,
                  use_resource=use_resource, reuse=variable_scope.get_variable_scope().reuse)


def _build_variable_getter(rename=None):
    def layer_variable_getter(getter, *args, **kwargs):
        kwargs["rename"] = rename
        return _model_variable_getter(getter, *args, **kwargs)
    return layer_variable_getter


def _add_variable_to_collections(variable, collections_set, collections_name):
    """Adds `variable` to the collections named in collections_set (a dict keyed by
    collections_name, or a list)."""
    collections = _get_collections(collections_set, collections_name) or []
    variables_list = [variable]
    for collection in collections:
        for var in variables_list:
            if var not in ops.get_collection(collection):
                ops.add_to_collection(collection, var)


def _get_collections(collections_set, collections_name):
    if collections_set is None:
        return []
    if isinstance(collections_set, dict):
        collections = collections_set.get(collections_name, None) or []
        return [collections] if isinstance(collections, str) else list(collections)
    return list(collections_set)


def collect_named_outputs(collections, alias, outputs):
    """Adds `outputs` to `collections` with `alias` recorded on it (contrib's utils)."""
    if collections:
        if alias[-1] == "/":
            alias = alias[:-1]
        try:
            if hasattr(outputs, "aliases"):
                outputs.aliases.append(alias)
            else:
                outputs.aliases = [alias]
        except AttributeError:
            pass  # a Tensor without a __dict__: the alias is not recorded
        ops.add_to_collections(collections, outputs)
    return outputs


_DENSE_RENAME = {"bias": "biases", "kernel": "weights"}


def fully_connected(inputs, num_outputs, activation_fn=nn_ops.relu, normalizer_fn=None,
                    normalizer_params=None, weights_initializer=xavier_initializer(),
                    weights_regularizer=None,
                    biases_initializer=init_ops.zeros_initializer(), biases_regularizer=None,
                    reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    """A fully connected layer: variables "<scope>/weights", "<scope>/biases"; relu by default."""
    if not isinstance(num_outputs, numbers.Integral) or isinstance(num_outputs, bool):
        raise ValueError("num_outputs type should be one of %s, got %s." %
                         ([int], type(num_outputs)))
    from liu import layers as core_layers
    layer_variable_getter = _build_variable_getter(_DENSE_RENAME)
    with variable_scope.variable_scope(scope, "fully_connected", [inputs], reuse=reuse,
                                       custom_getter=layer_variable_getter) as sc:
        inputs = ops.convert_to_tensor(inputs)
        layer = core_layers.Dense(units=num_outputs, activation=None,
                                  use_bias=not normalizer_fn and bool(biases_initializer),
                                  kernel_initializer=weights_initializer,
                                  bias_initializer=biases_initializer,
                                  kernel_regularizer=weights_regularizer,
                                  bias_regularizer=biases_regularizer,
                                  activity_regularizer=None, trainable=trainable, name=sc.name,
                                  dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.bias is not None:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def convolution2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                  rate=1, activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None,
                  weights_initializer=xavier_initializer(), weights_regularizer=None,
                  biases_initializer=init_ops.zeros_initializer(), biases_regularizer=None,
                  reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    """A 2-D convolution layer: variables "Conv/weights" [kh, kw, in, out], "Conv/biases";
    padding SAME and relu by default."""
    if data_format not in [None, "NHWC", "NCHW"]:
        raise ValueError("Invalid data_format: %r" % (data_format,))
    from liu import layers as core_layers
    layer_variable_getter = _build_variable_getter(_DENSE_RENAME)
    with variable_scope.variable_scope(scope, "Conv", [inputs], reuse=reuse,
                                       custom_getter=layer_variable_getter) as sc:
        inputs = ops.convert_to_tensor(inputs)
        input_rank = inputs.get_shape().ndims
        if input_rank != 4:
            raise ValueError("Convolution not supported for input with rank", input_rank)
        df = ("channels_first" if data_format and data_format.startswith("NC")
              else "channels_last")
        layer = core_layers.Conv2D(filters=num_outputs, kernel_size=kernel_size, strides=stride,
                                   padding=padding, data_format=df, dilation_rate=rate,
                                   activation=None,
                                   use_bias=not normalizer_fn and bool(biases_initializer),
                                   kernel_initializer=weights_initializer,
                                   bias_initializer=biases_initializer,
                                   kernel_regularizer=weights_regularizer,
                                   bias_regularizer=biases_regularizer,
                                   activity_regularizer=None, trainable=trainable,
                                   name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc,
                                   _reuse=reuse)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.use_bias:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


conv2d = convolution2d
convolution = convolution2d


def _pool2d(layer_cls, default_name, inputs, kernel_size, stride, padding, data_format,
            outputs_collections, scope):
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    from liu import layers as core_layers
    with ops.name_scope(scope, default_name, [inputs]) as sc:
        inputs = ops.convert_to_tensor(inputs)
        df = "channels_first" if data_format and data_format.startswith("NC") else \
            "channels_last"
        layer = getattr(core_layers, layer_cls)(pool_size=kernel_size, strides=stride,
                                                padding=padding, data_format=df, _scope=sc)
        outputs = layer.apply(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC",
               outputs_collections=None, scope=None):
    """2-D max pooling, ops under "MaxPool2D" (stride 2, VALID by default)."""
    return _pool2d("MaxPooling2D", "MaxPool2D", inputs, kernel_size, stride, padding,
                   data_format, outputs_collections, scope)


def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC",
               outputs_collections=None, scope=None):
    """2-D average pooling, ops under "AvgPool2D" (stride 2, VALID by default)."""
    return _pool2d("AveragePooling2D", "AvgPool2D", inputs, kernel_size, stride, padding,
                   data_format, outputs_collections, scope)


def flatten(inputs, outputs_collections=None, scope=None):
    """Flattens all but the first dimension, ops under "Flatten"."""
    from liu import layers as core_layers
    with ops.name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = ops.convert_to_tensor(inputs)
        outputs = core_layers.flatten(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True,
            outputs_collections=None, scope=None, seed=None):
    """Dropout keeping `keep_prob` of the inputs when is_training (True by default in
    contrib), ops under "Dropout"."""
    from liu import layers as core_layers
    with variable_scope.variable_scope(scope, "Dropout", [inputs],
                                       custom_getter=_model_variable_getter) as sc:
        inputs = ops.convert_to_tensor(inputs)
        layer = core_layers.Dropout(rate=1 - keep_prob, noise_shape=noise_shape, seed=seed,
                                    name=sc.name, _scope=sc)
        outputs = layer.apply(inputs, training=is_training)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None,
               updates_collections=ops.GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format="NHWC",
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
    """contrib's batch norm over tf.layers.BatchNormalization (the path TF1.15 takes for the
    default updates_collections): variables "BatchNorm/beta" (and "gamma" when scale=True),
    "BatchNorm/moving_mean", "BatchNorm/moving_variance"; update ops go to UPDATE_OPS.

    contrib's own implementations (rank-2 inputs with fused batch norm, updates_collections
    other than UPDATE_OPS, batch_weights, zero_debias_moving_mean) are not in Liu yet."""
    if fused is None:
        fused = True
    inputs = ops.convert_to_tensor(inputs)
    rank = inputs.get_shape().ndims
    possible_to_fuse = (batch_weights is None and not renorm and rank in [2, 4] and
                        adjustment is None)
    if (fused and possible_to_fuse and (zero_debias_moving_mean or rank == 2 or
                                        updates_collections is not ops.GraphKeys.UPDATE_OPS)):
        raise NotImplementedError("tf.contrib.layers.batch_norm's own fused implementation "
                                  "(rank-2 inputs, zero_debias_moving_mean or "
                                  "updates_collections other than UPDATE_OPS) is not in Liu "
                                  "yet; pass fused=False for rank-2 inputs.")
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    if batch_weights is not None or updates_collections is not ops.GraphKeys.UPDATE_OPS or \
            zero_debias_moving_mean:
        raise NotImplementedError("tf.contrib.layers.batch_norm with batch_weights, "
                                  "zero_debias_moving_mean or updates_collections other than "
                                  "UPDATE_OPS is not in Liu yet.")
    from liu import layers as core_layers
    layer_variable_getter = _build_variable_getter()
    with variable_scope.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse,
                                       custom_getter=layer_variable_getter) as sc:
        inputs = ops.convert_to_tensor(inputs)
        axis = 1 if data_format == "NCHW" else -1
        param_initializers = param_initializers or {}
        param_regularizers = param_regularizers or {}
        layer = core_layers.BatchNormalization(
            axis=axis, momentum=decay, epsilon=epsilon, center=center, scale=scale,
            beta_initializer=param_initializers.get("beta", init_ops.zeros_initializer()),
            gamma_initializer=param_initializers.get("gamma", init_ops.ones_initializer()),
            moving_mean_initializer=param_initializers.get("moving_mean",
                                                           init_ops.zeros_initializer()),
            moving_variance_initializer=param_initializers.get("moving_variance",
                                                               init_ops.ones_initializer()),
            beta_regularizer=param_regularizers.get("beta"),
            gamma_regularizer=param_regularizers.get("gamma"), trainable=trainable,
            renorm=renorm, renorm_clipping=renorm_clipping, renorm_momentum=renorm_decay,
            adjustment=adjustment, name=sc.name, _scope=sc, _reuse=reuse, fused=fused)
        outputs = layer.apply(inputs, training=is_training)
        _add_variable_to_collections(layer.moving_mean, variables_collections, "moving_mean")
        _add_variable_to_collections(layer.moving_variance, variables_collections,
                                     "moving_variance")
        if layer.beta is not None:
            _add_variable_to_collections(layer.beta, variables_collections, "beta")
        if layer.gamma is not None:
            _add_variable_to_collections(layer.gamma, variables_collections, "gamma")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)
