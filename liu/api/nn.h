#pragma once
// C++ API for tf.nn functions that TF writes in Python over other ops (nn_impl.py, nn_ops.py):
// the same ops, in the same order, under the same name scopes, so graphs and values match
// TensorFlow's (dropout draws the same numbers for the same graph and op seeds).
#include <optional>
#include <vector>

#include "liu/api/builder.h"
#include "liu/api/reduction.h"

namespace liu {

struct MomentsOutputs {
  Output mean;
  Output variance;
};

// tf.nn.moments (v1): mean and (biased) variance over `axes`, in name scope "moments".
MomentsOutputs moments(const Input& x, const std::vector<int64_t>& axes, bool keep_dims = false,
                       const std::string& name = "moments");

// tf.nn.batch_normalization: x * inv + (offset - mean * inv), inv = rsqrt(variance + eps) *
// scale. offset and scale may be absent (TF's None).
Output batch_normalization(const Input& x, const Input& mean, const Input& variance,
                           const std::optional<Input>& offset, const std::optional<Input>& scale,
                           double variance_epsilon, const std::string& name = "batchnorm");

// tf.nn.l2_normalize: x / sqrt(max(sum(x^2, axis), epsilon)); the last op is named like the
// scope ("l2_normalize").
Output l2_normalize(const Input& x, const Axes& axis = {}, double epsilon = 1e-12,
                    const std::string& name = "l2_normalize");

// tf.compat.v1.nn.xw_plus_b: BiasAdd(MatMul(x, weights), biases).
Output xw_plus_b(const Input& x, const Input& weights, const Input& biases,
                 const std::string& name = "xw_plus_b");

// tf.nn.sigmoid_cross_entropy_with_logits: the stable
// max(x, 0) - x * z + log1p(exp(-|x|)); labels and logits must have compatible shapes.
Output sigmoid_cross_entropy_with_logits(const Input& labels, const Input& logits,
                                         const std::string& name = "logistic_loss");

// tf.nn.weighted_cross_entropy_with_logits:
// (1 - z) * x + (1 + (pos_weight - 1) * z) * (log1p(exp(-|x|)) + relu(-x)).
Output weighted_cross_entropy_with_logits(const Input& labels, const Input& logits,
                                          const Input& pos_weight,
                                          const std::string& name = "logistic_loss");

// tf.nn.dropout (v2): keeps each element with probability 1 - rate, scaled by 1 / (1 - rate).
// rate is a number in [0, 1) or a scalar tensor. noise_shape: -1 entries take x's static dim.
Output dropout_v2(const Input& x, const Input& rate,
                  const std::optional<std::vector<int64_t>>& noise_shape = std::nullopt,
                  std::optional<int64_t> seed = std::nullopt, const std::string& name = "dropout");

// tf.compat.v1.nn.dropout: exactly one of keep_prob and rate (rate = 1 - keep_prob).
Output dropout(const Input& x, std::optional<double> keep_prob,
               const std::optional<std::vector<int64_t>>& noise_shape = std::nullopt,
               std::optional<int64_t> seed = std::nullopt, const std::string& name = "dropout",
               std::optional<double> rate = std::nullopt);

}  // namespace liu
