#include "liu/api/nn_pool.h"

namespace liu {

Output max_pool(const Input& value, const std::vector<int64_t>& ksize,
                const std::vector<int64_t>& strides, const std::string& padding,
                const std::string& data_format, const std::string& name,
                const std::vector<int64_t>& explicit_paddings) {
  return OpBuilder("MaxPool", name)
      .input(value)
      .attr("ksize", ksize)
      .attr("strides", strides)
      .attr("padding", padding)
      .attr("explicit_paddings", explicit_paddings)
      .attr("data_format", data_format)
      .build();
}

Output avg_pool(const Input& value, const std::vector<int64_t>& ksize,
                const std::vector<int64_t>& strides, const std::string& padding,
                const std::string& data_format, const std::string& name) {
  return OpBuilder("AvgPool", name)
      .input(value)
      .attr("ksize", ksize)
      .attr("strides", strides)
      .attr("padding", padding)
      .attr("data_format", data_format)
      .build();
}

Output local_response_normalization(const Input& input, int64_t depth_radius, float bias,
                                    float alpha, float beta, const std::string& name) {
  return OpBuilder("LRN", name)
      .input(input)
      .attr("depth_radius", depth_radius)
      .attr("bias", bias)
      .attr("alpha", alpha)
      .attr("beta", beta)
      .build();
}

Output lrn(const Input& input, int64_t depth_radius, float bias, float alpha, float beta,
           const std::string& name) {
  return local_response_normalization(input, depth_radius, bias, alpha, beta, name);
}

Output max_pool_grad(const Input& orig_input, const Input& orig_output, const Input& grad,
                     const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                     const std::string& padding, const std::string& data_format,
                     const std::string& name, const std::vector<int64_t>& explicit_paddings) {
  return OpBuilder("MaxPoolGrad", name)
      .input(orig_input)
      .input(orig_output)
      .input(grad)
      .attr("ksize", ksize)
      .attr("strides", strides)
      .attr("padding", padding)
      .attr("explicit_paddings", explicit_paddings)
      .attr("data_format", data_format)
      .build();
}

Output max_pool_grad_grad(const Input& orig_input, const Input& orig_output, const Input& grad,
                          const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                          const std::string& padding, const std::string& data_format,
                          const std::string& name) {
  return OpBuilder("MaxPoolGradGrad", name)
      .input(orig_input)
      .input(orig_output)
      .input(grad)
      .attr("ksize", ksize)
      .attr("strides", strides)
      .attr("padding", padding)
      .attr("data_format", data_format)
      .build();
}

Output avg_pool_grad(const Input& orig_input_shape, const Input& grad,
                     const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                     const std::string& padding, const std::string& data_format,
                     const std::string& name) {
  return OpBuilder("AvgPoolGrad", name)
      .input(orig_input_shape)
      .input(grad)
      .attr("ksize", ksize)
      .attr("strides", strides)
      .attr("padding", padding)
      .attr("data_format", data_format)
      .build();
}

Output lrn_grad(const Input& input_grads, const Input& input_image, const Input& output_image,
                int64_t depth_radius, float bias, float alpha, float beta,
                const std::string& name) {
  return OpBuilder("LRNGrad", name)
      .input(input_grads)
      .input(input_image)
      .input(output_image)
      .attr("depth_radius", depth_radius)
      .attr("bias", bias)
      .attr("alpha", alpha)
      .attr("beta", beta)
      .build();
}

}  // namespace liu
