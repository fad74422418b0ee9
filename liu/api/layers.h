#pragma once
// C++ API: TF1's tf.layers in functional form. Each call opens a uniquified name scope
// ("dense", "dense_1", ...) holding its variables ("dense/kernel", "dense/bias") and ops, with
// tf.layers' defaults: Glorot-uniform kernels, zero biases, no activation, "valid" padding.
#include <array>
#include <functional>
#include <optional>

#include "liu/api/state.h"

namespace liu::layers {

// An activation applied to a layer's output, e.g. `[](const Output& x) { return relu(x); }`.
using Activation = std::function<Output(const Output&)>;

// The variables a layer created, for optimizers and savers.
struct LayerVariables {
  std::optional<Variable> kernel;
  std::optional<Variable> bias;
};

// inputs [batch, in] -> activation(inputs . kernel + bias), kernel [in, units].
Output dense(const Output& inputs, int64_t units, const Activation& activation = nullptr,
             bool use_bias = true, const std::string& name = "dense",
             LayerVariables* created = nullptr, std::optional<int64_t> seed = std::nullopt);

// NHWC inputs -> activation(conv2d(inputs, kernel) + bias), kernel [kh, kw, in, filters].
// padding is "valid" or "same" (either case).
Output conv2d(const Output& inputs, int64_t filters, std::array<int64_t, 2> kernel_size,
              std::array<int64_t, 2> strides = {1, 1}, const std::string& padding = "valid",
              const Activation& activation = nullptr, bool use_bias = true,
              const std::string& name = "conv2d", LayerVariables* created = nullptr,
              std::optional<int64_t> seed = std::nullopt);

Output max_pooling2d(const Output& inputs, std::array<int64_t, 2> pool_size,
                     std::array<int64_t, 2> strides, const std::string& padding = "valid",
                     const std::string& name = "max_pooling2d");
Output average_pooling2d(const Output& inputs, std::array<int64_t, 2> pool_size,
                         std::array<int64_t, 2> strides, const std::string& padding = "valid",
                         const std::string& name = "average_pooling2d");

// [batch, d1, d2, ...] -> [batch, d1*d2*...]; the trailing dims must be known.
Output flatten(const Output& inputs, const std::string& name = "flatten");

// Zeroes each element with probability `rate` and scales the rest by 1/(1-rate) when
// `training` is a true scalar bool tensor (a placeholder, usually); the identity otherwise.
Output dropout(const Output& inputs, double rate, const Output& training,
               std::optional<int64_t> seed = std::nullopt, const std::string& name = "dropout");

}  // namespace liu::layers
