"""tf.layers.conv2d / conv2d_transpose and their classes (TF1 layers over tf_keras' Conv2D and
Conv2DTranspose). Kernel [kh, kw, in, filters] (transpose: [kh, kw, filters, in]), bias
[filters]; ops "Conv2D" (transpose: "conv2d_transpose"), "BiasAdd", then the activation."""
from liu.framework import tensor_shape
from liu.layers import base
from liu.layers.core import _normalize_data_format
from liu.ops import init_ops

__all__ = ["Conv2D", "conv2d", "Conv2DTranspose", "conv2d_transpose",
           "Convolution2D", "convolution2d", "Convolution2DTranspose",
           "convolution2d_transpose"]


def _nn():
    from liu.ops import nn_ops
    return nn_ops


def _normalize_tuple(value, n, name):
    """An int or an iterable of n ints -> a tuple of n ints (tf_keras' conv_utils)."""
    if isinstance(value, int):
        return (value,) * n
    try:
        value_tuple = tuple(value)
    except TypeError:
        raise ValueError("The `%s` argument must be a tuple of %d integers. Received: %s" %
                         (name, n, value)) from None
    if len(value_tuple) != n:
        raise ValueError("The `%s` argument must be a tuple of %d integers. Received: %s" %
                         (name, n, value))
    for single_value in value_tuple:
        if not isinstance(single_value, int):
            raise ValueError("The `%s` argument must be a tuple of %d integers. Received: %s "
                             "including element %s of type %s" %
                             (name, n, value, single_value, type(single_value)))
    return value_tuple


def _normalize_padding(value):
    padding = value.lower() if isinstance(value, str) else value
    if padding not in {"valid", "same", "causal"}:
        raise ValueError("The `padding` argument must be a list/tuple or one of \"valid\", "
                         "\"same\" (or \"causal\", only for `Conv1D). Received: " + str(padding))
    return padding


def _conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    if input_length is None:
        return None
    dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if padding in ("same", "causal"):
        output_length = input_length
    else:
        output_length = input_length - dilated_filter_size + 1
    return (output_length + stride - 1) // stride


def _deconv_output_length(input_length, filter_size, padding, output_padding=None, stride=0,
                          dilation=1):
    if input_length is None:
        return None
    filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            length = input_length * stride + max(filter_size - stride, 0)
        elif padding == "full":
            length = input_length * stride - (stride + filter_size - 2)
        else:
            length = input_length * stride
    else:
        pad = {"same": filter_size // 2, "valid": 0, "full": filter_size - 1}[padding]
        length = (input_length - 1) * stride + filter_size - 2 * pad + output_padding
    return length


class Conv2D(base.Layer):
    """2-D convolution layer: activation(conv2d(inputs, kernel) + bias)."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), activation=None,
                 use_bias=True, kernel_initializer=None,
                 bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.filters = int(filters) if filters is not None else None
        if self.filters is not None and self.filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive "
                             "value. Received filters=%s." % filters)
        self.kernel_size = _normalize_tuple(kernel_size, 2, "kernel_size")
        self.strides = _normalize_tuple(strides, 2, "strides")
        self.padding = _normalize_padding(padding)
        self.data_format = _normalize_data_format(data_format)
        self.dilation_rate = _normalize_tuple(dilation_rate, 2, "dilation_rate")
        self.activation = base.get_activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = base.InputSpec(min_ndim=4)

    @property
    def _channel_axis(self):
        return 1 if self.data_format == "channels_first" else -1

    @property
    def _tf_data_format(self):
        return "NCHW" if self.data_format == "channels_first" else "NHWC"

    def _kernel_shape(self, input_channel):
        return self.kernel_size + (input_channel, self.filters)

    def build(self, input_shape):
        input_shape = tensor_shape.TensorShape(input_shape)
        if input_shape.ndims is None:
            raise ValueError("The rank of the inputs to %s should be defined." % self.name)
        input_channel = tensor_shape.dimension_value(input_shape[self._channel_axis])
        if input_channel is None:
            raise ValueError("The number of input channels must be evenly divisible by the "
                             "number of groups. Received groups=1, but the input has None "
                             "channels (full input shape is %s)." % input_shape)
        self.kernel = self.add_weight(name="kernel", shape=self._kernel_shape(input_channel),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True,
                                      dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True,
                                        dtype=self.dtype)
        else:
            self.bias = None
        self.built = True

    def _convolution_op(self, inputs):
        # tf.nn.convolution(..., name="Conv2D") names the node "Conv2D".
        return _nn().conv2d(inputs, self.kernel, strides=list(self.strides),
                            padding=self.padding.upper(), data_format=self._tf_data_format,
                            dilations=list(self.dilation_rate), name="Conv2D")

    def call(self, inputs):
        outputs = self._convolution_op(inputs)
        if self.use_bias:
            outputs = _nn().bias_add(outputs, self.bias, data_format=self._tf_data_format)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        shape = tensor_shape.TensorShape(input_shape).as_list()
        space = shape[2:] if self.data_format == "channels_first" else shape[1:-1]
        new_space = [_conv_output_length(space[i], self.kernel_size[i], self.padding,
                                         self.strides[i], self.dilation_rate[i])
                     for i in range(len(space))]
        if self.data_format == "channels_first":
            return tensor_shape.TensorShape([shape[0], self.filters] + new_space)
        return tensor_shape.TensorShape([shape[0]] + new_space + [self.filters])


class Conv2DTranspose(Conv2D):
    """Transposed 2-D convolution (Conv2DBackpropInput), kernel [kh, kw, filters, in]."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        output_padding = kwargs.pop("output_padding", None)
        dilation_rate = kwargs.pop("dilation_rate", (1, 1))
        super().__init__(filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         trainable=trainable, name=name, **kwargs)
        self.output_padding = (None if output_padding is None
                               else _normalize_tuple(output_padding, 2, "output_padding"))

    def build(self, input_shape):
        input_shape = tensor_shape.TensorShape(input_shape)
        if input_shape.ndims != 4:
            raise ValueError("Inputs should have rank 4. Received input_shape=%s." % input_shape)
        super().build(input_shape)

    def _kernel_shape(self, input_channel):
        return self.kernel_size + (self.filters, input_channel)

    def call(self, inputs):
        from liu.ops import array_ops
        inputs_shape = array_ops.shape(inputs)
        batch_size = inputs_shape[0]
        h_axis, w_axis = (2, 3) if self.data_format == "channels_first" else (1, 2)
        dims = inputs.get_shape().as_list() if inputs.get_shape().ndims is not None else None
        height = dims[h_axis] if dims is not None else None
        width = dims[w_axis] if dims is not None else None
        height = height if height is not None else inputs_shape[h_axis]
        width = width if width is not None else inputs_shape[w_axis]
        kernel_h, kernel_w = self.kernel_size
        stride_h, stride_w = self.strides
        out_pad_h, out_pad_w = self.output_padding or (None, None)
        out_height = _deconv_output_length(height, kernel_h, padding=self.padding,
                                           output_padding=out_pad_h, stride=stride_h,
                                           dilation=self.dilation_rate[0])
        out_width = _deconv_output_length(width, kernel_w, padding=self.padding,
                                          output_padding=out_pad_w, stride=stride_w,
                                          dilation=self.dilation_rate[1])
        if self.data_format == "channels_first":
            output_shape = (batch_size, self.filters, out_height, out_width)
        else:
            output_shape = (batch_size, out_height, out_width, self.filters)
        output_shape_tensor = array_ops.stack(output_shape)
        # tf_keras' backend.conv2d_transpose checks output_shape[0] (a strided slice).
        _ = output_shape_tensor[0]
        outputs = _nn().conv2d_transpose(inputs, self.kernel, output_shape_tensor,
                                         strides=(1,) + self.strides + (1,)
                                         if self.data_format != "channels_first"
                                         else (1, 1) + self.strides,
                                         padding=self.padding.upper(),
                                         data_format=self._tf_data_format)
        if inputs.get_shape().ndims:
            outputs.set_shape(self.compute_output_shape(inputs.get_shape()))
        if self.use_bias:
            outputs = _nn().bias_add(outputs, self.bias, data_format=self._tf_data_format)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        output_shape = tensor_shape.TensorShape(input_shape).as_list()
        c_axis, h_axis, w_axis = (1, 2, 3) if self.data_format == "channels_first" else (3, 1, 2)
        out_pad_h, out_pad_w = self.output_padding or (None, None)
        output_shape[c_axis] = self.filters
        output_shape[h_axis] = _deconv_output_length(
            output_shape[h_axis], self.kernel_size[0], padding=self.padding,
            output_padding=out_pad_h, stride=self.strides[0], dilation=self.dilation_rate[0])
        output_shape[w_axis] = _deconv_output_length(
            output_shape[w_axis], self.kernel_size[1], padding=self.padding,
            output_padding=out_pad_w, stride=self.strides[1], dilation=self.dilation_rate[1])
        return tensor_shape.TensorShape(output_shape)


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
           kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
           kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None):
    """Functional interface for the 2-D convolution layer (tf.compat.v1.layers.conv2d)."""
    layer = Conv2D(filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                   data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                   use_bias=use_bias, kernel_initializer=kernel_initializer,
                   bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                   bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                   kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                   trainable=trainable, name=name, _reuse=reuse, _scope=name)
    return layer(inputs)


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True,
                     kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                     reuse=None):
    """Functional interface for the transposed 2-D convolution layer."""
    layer = Conv2DTranspose(filters=filters, kernel_size=kernel_size, strides=strides,
                            padding=padding, data_format=data_format, activation=activation,
                            use_bias=use_bias, kernel_initializer=kernel_initializer,
                            bias_initializer=bias_initializer,
                            kernel_regularizer=kernel_regularizer,
                            bias_regularizer=bias_regularizer,
                            activity_regularizer=activity_regularizer,
                            kernel_constraint=kernel_constraint,
                            bias_constraint=bias_constraint, trainable=trainable, name=name,
                            _reuse=reuse, _scope=name)
    return layer(inputs)


Convolution2D = Conv2D
Convolution2DTranspose = Conv2DTranspose
convolution2d = conv2d
convolution2d_transpose = conv2d_transpose
