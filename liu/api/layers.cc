#include "liu/api/layers.h"

#include <cctype>
#include <cmath>

#include "liu/api/array.h"
#include "liu/api/builder.h"
#include "liu/api/math.h"
#include "liu/api/matmul.h"
#include "liu/api/nn.h"
#include "liu/api/random.h"

namespace liu::layers {
namespace {

Graph& graph_of(const Output& x) { return *x.node->graph(); }

// Glorot (Xavier) uniform: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)).
Output glorot_uniform(Graph& g, const Shape& shape, int64_t fan_in, int64_t fan_out,
                      std::optional<int64_t> seed) {
  NameScope scope(g, "Initializer");
  const double limit = std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
  return random_uniform(g, Input(shape.dims()), -limit, limit, DType::kFloat, seed);
}

Output zeros(Graph& g, int64_t n) {
  return constant(g, Tensor::zeros(DType::kFloat, Shape({n})), "Initializer/zeros");
}

// The static size of dim i, or an InvalidArgument naming the layer.
int64_t known_dim(const Output& x, int i, const std::string& layer) {
  const Shape& s = x.shape();
  if (!s.has_rank() || s.dim(i) < 0)
    throw Error(invalid_argument("The last dimension of the inputs to `" + layer +
                                 "` should be defined. Found `None`."));
  return s.dim(i);
}

std::string padding_attr(const std::string& padding) {
  std::string upper;
  for (char c : padding) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper != "VALID" && upper != "SAME")
    throw Error(
        invalid_argument("The `padding` argument must be one of \"valid\", \"same\". "
                         "Received: " +
                         padding));
  return upper;
}

Output bias_add(const Output& x, const Output& bias) {
  return OpBuilder("BiasAdd", "BiasAdd").input(x).input(bias).attr("data_format", "NHWC").build();
}

Output pool(const char* op, const Output& inputs, std::array<int64_t, 2> pool_size,
            std::array<int64_t, 2> strides, const std::string& padding, const std::string& name) {
  NameScope scope(graph_of(inputs), name);
  return OpBuilder(op, op)
      .input(inputs)
      .attr("ksize", std::vector<int64_t>{1, pool_size[0], pool_size[1], 1})
      .attr("strides", std::vector<int64_t>{1, strides[0], strides[1], 1})
      .attr("padding", padding_attr(padding))
      .attr("data_format", "NHWC")
      .build();
}

}  // namespace

Output dense(const Output& inputs, int64_t units, const Activation& activation, bool use_bias,
             const std::string& name, LayerVariables* created, std::optional<int64_t> seed) {
  Graph& g = graph_of(inputs);
  const int64_t in = known_dim(inputs, inputs.shape().rank() - 1, "Dense");
  NameScope scope(g, name);
  LayerVariables vars;
  vars.kernel.emplace(g, glorot_uniform(g, Shape({in, units}), in, units, seed), "kernel");
  Output y = matmul(inputs, vars.kernel->value(), false, false, "MatMul");
  if (use_bias) {
    vars.bias.emplace(g, zeros(g, units), "bias");
    y = bias_add(y, vars.bias->value());
  }
  if (activation) y = activation(y);
  if (created) *created = vars;
  return y;
}

Output conv2d(const Output& inputs, int64_t filters, std::array<int64_t, 2> kernel_size,
              std::array<int64_t, 2> strides, const std::string& padding,
              const Activation& activation, bool use_bias, const std::string& name,
              LayerVariables* created, std::optional<int64_t> seed) {
  Graph& g = graph_of(inputs);
  const int64_t in = known_dim(inputs, 3, "Conv2D");
  const std::string pad = padding_attr(padding);
  NameScope scope(g, name);
  LayerVariables vars;
  const int64_t area = kernel_size[0] * kernel_size[1];
  vars.kernel.emplace(g,
                      glorot_uniform(g, Shape({kernel_size[0], kernel_size[1], in, filters}),
                                     area * in, area * filters, seed),
                      "kernel");
  Output y = OpBuilder("Conv2D", "Conv2D")
                 .input(inputs)
                 .input(vars.kernel->value())
                 .attr("strides", std::vector<int64_t>{1, strides[0], strides[1], 1})
                 .attr("padding", pad)
                 .attr("data_format", "NHWC")
                 .build();
  if (use_bias) {
    vars.bias.emplace(g, zeros(g, filters), "bias");
    y = bias_add(y, vars.bias->value());
  }
  if (activation) y = activation(y);
  if (created) *created = vars;
  return y;
}

Output max_pooling2d(const Output& inputs, std::array<int64_t, 2> pool_size,
                     std::array<int64_t, 2> strides, const std::string& padding,
                     const std::string& name) {
  return pool("MaxPool", inputs, pool_size, strides, padding, name);
}

Output average_pooling2d(const Output& inputs, std::array<int64_t, 2> pool_size,
                         std::array<int64_t, 2> strides, const std::string& padding,
                         const std::string& name) {
  return pool("AvgPool", inputs, pool_size, strides, padding, name);
}

Output flatten(const Output& inputs, const std::string& name) {
  const Shape& s = inputs.shape();
  if (!s.has_rank() || s.rank() < 1)
    throw Error(invalid_argument("flatten needs inputs of known rank >= 1, got " + s.to_string()));
  int64_t size = 1;
  for (int i = 1; i < s.rank(); ++i) {
    if (s.dim(i) < 0)
      throw Error(invalid_argument("flatten needs the non-batch dims known, got " + s.to_string()));
    size *= s.dim(i);
  }
  NameScope scope(graph_of(inputs), name);
  return reshape(inputs, std::vector<int64_t>{-1, size}, "Reshape");
}

Output dropout(const Output& inputs, double rate, const Output& training,
               std::optional<int64_t> seed, const std::string& name) {
  if (!(rate >= 0 && rate < 1))
    throw Error(
        invalid_argument("rate must be a scalar tensor or a float in the range [0, 1), "
                         "got " +
                         std::to_string(rate)));
  NameScope scope(graph_of(inputs), name);
  // rate while training, 0 (the identity) otherwise: one graph serves both modes.
  Output active_rate =
      multiply(cast(training, DType::kFloat, "Cast"), static_cast<float>(rate), "rate");
  return dropout_v2(inputs, active_rate, std::nullopt, seed, "dropout");
}

}  // namespace liu::layers
