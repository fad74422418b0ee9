#pragma once
// C++ API: pooling and local response normalisation (tf.nn.max_pool, tf.nn.avg_pool,
// tf.nn.local_response_normalization), with TF's Python defaults.
#include <vector>

#include "liu/api/builder.h"

namespace liu {

// ksize and strides have 4 entries in data_format's order. padding: "SAME", "VALID", or
// "EXPLICIT" with explicit_paddings (8 values, 2 per dimension; max_pool only).
Output max_pool(const Input& value, const std::vector<int64_t>& ksize,
                const std::vector<int64_t>& strides, const std::string& padding,
                const std::string& data_format = "NHWC", const std::string& name = "MaxPool",
                const std::vector<int64_t>& explicit_paddings = {});
Output avg_pool(const Input& value, const std::vector<int64_t>& ksize,
                const std::vector<int64_t>& strides, const std::string& padding,
                const std::string& data_format = "NHWC", const std::string& name = "AvgPool");
Output local_response_normalization(const Input& input, int64_t depth_radius = 5, float bias = 1,
                                    float alpha = 1, float beta = 0.5f,
                                    const std::string& name = "LRN");
Output lrn(const Input& input, int64_t depth_radius = 5, float bias = 1, float alpha = 1,
           float beta = 0.5f, const std::string& name = "LRN");

// The gradient ops themselves (gen_nn_ops' max_pool_grad, avg_pool_grad, max_pool_grad_grad,
// lrn_grad).
Output max_pool_grad(const Input& orig_input, const Input& orig_output, const Input& grad,
                     const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                     const std::string& padding, const std::string& data_format = "NHWC",
                     const std::string& name = "MaxPoolGrad",
                     const std::vector<int64_t>& explicit_paddings = {});
Output max_pool_grad_grad(const Input& orig_input, const Input& orig_output, const Input& grad,
                          const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                          const std::string& padding, const std::string& data_format = "NHWC",
                          const std::string& name = "MaxPoolGradGrad");
Output avg_pool_grad(const Input& orig_input_shape, const Input& grad,
                     const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                     const std::string& padding, const std::string& data_format = "NHWC",
                     const std::string& name = "AvgPoolGrad");
Output lrn_grad(const Input& input_grads, const Input& input_image, const Input& output_image,
                int64_t depth_radius = 5, float bias = 1, float alpha = 1, float beta = 0.5f,
                const std::string& name = "LRNGrad");

}  // namespace liu
