#pragma once
// C++ API of the convolution ops (TF Python's tf.nn.conv2d and friends). Strides and
// dilations take 1, 2 or 4 values like TF's Python (1 or 2 are the spatial ones).
#include <vector>

#include "liu/api/builder.h"

namespace liu {

Output conv2d(const Input& input, const Input& filter, const std::vector<int64_t>& strides,
              const std::string& padding, bool use_cudnn_on_gpu = true,
              const std::string& data_format = "NHWC",
              const std::vector<int64_t>& dilations = {1, 1, 1, 1},
              const std::string& name = "Conv2D");
// Explicit padding: [[top, bottom], [left, right]] (TF's padding list, spatial dims only).
Output conv2d(const Input& input, const Input& filter, const std::vector<int64_t>& strides,
              const std::vector<std::vector<int64_t>>& explicit_padding,
              bool use_cudnn_on_gpu = true, const std::string& data_format = "NHWC",
              const std::vector<int64_t>& dilations = {1, 1, 1, 1},
              const std::string& name = "Conv2D");
Output conv2d_backprop_input(const Input& input_sizes, const Input& filter,
                             const Input& out_backprop, const std::vector<int64_t>& strides,
                             const std::string& padding, bool use_cudnn_on_gpu = true,
                             const std::string& data_format = "NHWC",
                             const std::vector<int64_t>& dilations = {1, 1, 1, 1},
                             const std::string& name = "Conv2DBackpropInput");
Output conv2d_backprop_filter(const Input& input, const Input& filter_sizes,
                              const Input& out_backprop, const std::vector<int64_t>& strides,
                              const std::string& padding, bool use_cudnn_on_gpu = true,
                              const std::string& data_format = "NHWC",
                              const std::vector<int64_t>& dilations = {1, 1, 1, 1},
                              const std::string& name = "Conv2DBackpropFilter");
// tf.nn.conv2d_transpose: a Conv2DBackpropInput named `name` whose input_sizes constant is
// "<name>/input_sizes" (output_shape may also be a tensor).
Output conv2d_transpose(const Input& value, const Input& filter, const Input& output_shape,
                        const std::vector<int64_t>& strides, const std::string& padding = "SAME",
                        const std::string& data_format = "NHWC",
                        const std::vector<int64_t>& dilations = {1, 1, 1, 1},
                        const std::string& name = "conv2d_transpose");
Output depthwise_conv2d_native(const Input& input, const Input& filter,
                               const std::vector<int64_t>& strides, const std::string& padding,
                               const std::string& data_format = "NHWC",
                               const std::vector<int64_t>& dilations = {1, 1, 1, 1},
                               const std::string& name = "DepthwiseConv2dNative");
Output depthwise_conv2d_native_backprop_input(
    const Input& input_sizes, const Input& filter, const Input& out_backprop,
    const std::vector<int64_t>& strides, const std::string& padding,
    const std::string& data_format = "NHWC", const std::vector<int64_t>& dilations = {1, 1, 1, 1},
    const std::string& name = "DepthwiseConv2dNativeBackpropInput");
Output depthwise_conv2d_native_backprop_filter(
    const Input& input, const Input& filter_sizes, const Input& out_backprop,
    const std::vector<int64_t>& strides, const std::string& padding,
    const std::string& data_format = "NHWC", const std::vector<int64_t>& dilations = {1, 1, 1, 1},
    const std::string& name = "DepthwiseConv2dNativeBackpropFilter");
// tf.shape_n.
std::vector<Output> shape_n(const InputList& inputs, DType out_type = DType::kInt32,
                            const std::string& name = "ShapeN");

}  // namespace liu
