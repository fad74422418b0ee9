"""tf.layers.max_pooling2d / average_pooling2d and their classes (TF1 layers over tf_keras'
Pooling2D): one MaxPool / AvgPool op in the layer's scope ("max_pooling2d/MaxPool")."""
from liu.framework import tensor_shape
from liu.layers import base
from liu.layers.convolutional import _conv_output_length, _normalize_padding, _normalize_tuple
from liu.layers.core import _normalize_data_format

__all__ = ["MaxPooling2D", "max_pooling2d", "AveragePooling2D", "average_pooling2d",
           "MaxPool2D", "AvgPool2D"]


def _nn():
    from liu.ops import nn_ops
    return nn_ops


class _Pooling2D(base.Layer):
    _pool_function_name = None

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        if data_format is None:
            data_format = "channels_last"
        if strides is None:
            strides = pool_size
        super().__init__(name=name, **kwargs)
        self.pool_size = _normalize_tuple(pool_size, 2, "pool_size")
        self.strides = _normalize_tuple(strides, 2, "strides")
        self.padding = _normalize_padding(padding)
        self.data_format = _normalize_data_format(data_format)
        self.input_spec = base.InputSpec(ndim=4)

    def call(self, inputs):
        if self.data_format == "channels_last":
            pool_shape = (1,) + self.pool_size + (1,)
            strides = (1,) + self.strides + (1,)
            tf_format = "NHWC"
        else:
            pool_shape = (1, 1) + self.pool_size
            strides = (1, 1) + self.strides
            tf_format = "NCHW"
        pool_function = getattr(_nn(), self._pool_function_name)
        return pool_function(inputs, ksize=pool_shape, strides=strides,
                             padding=self.padding.upper(), data_format=tf_format)

    def compute_output_shape(self, input_shape):
        shape = tensor_shape.TensorShape(input_shape).as_list()
        if self.data_format == "channels_first":
            rows, cols = shape[2], shape[3]
        else:
            rows, cols = shape[1], shape[2]
        rows = _conv_output_length(rows, self.pool_size[0], self.padding, self.strides[0])
        cols = _conv_output_length(cols, self.pool_size[1], self.padding, self.strides[1])
        if self.data_format == "channels_first":
            return tensor_shape.TensorShape([shape[0], shape[1], rows, cols])
        return tensor_shape.TensorShape([shape[0], rows, cols, shape[3]])


class MaxPooling2D(_Pooling2D):
    """Max pooling layer for 2-D inputs (images)."""
    _pool_function_name = "max_pool"

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        if strides is None:
            raise ValueError("Argument `strides` must not be None.")
        super().__init__(pool_size, strides, padding=padding, data_format=data_format,
                         name=name, **kwargs)


class AveragePooling2D(_Pooling2D):
    """Average pooling layer for 2-D inputs (images)."""
    _pool_function_name = "avg_pool"

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        if strides is None:
            raise ValueError("Argument `strides` must not be None.")
        super().__init__(pool_size, strides, padding=padding, data_format=data_format,
                         name=name, **kwargs)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    """Functional interface for the max pooling layer (tf.compat.v1.layers.max_pooling2d)."""
    layer = MaxPooling2D(pool_size=pool_size, strides=strides, padding=padding,
                         data_format=data_format, name=name)
    return layer(inputs)


def average_pooling2d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
    """Functional interface for the average pooling layer."""
    layer = AveragePooling2D(pool_size=pool_size, strides=strides, padding=padding,
                             data_format=data_format, name=name)
    return layer(inputs)


MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D
