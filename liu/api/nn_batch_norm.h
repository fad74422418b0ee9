#pragma once
// C++ API for batch normalisation and top-k: tf.nn.fused_batch_norm (v1), tf.nn.top_k and
// tf.nn.in_top_k (v1), with TF Python's defaults and node names.
#include <optional>

#include "liu/api/builder.h"

namespace liu {

struct FusedBatchNormOutputs {
  Output y;
  Output mean;      // batch mean (training) or the given mean (inference), blended by
                    // exponential_avg_factor
  Output variance;  // Bessel-corrected batch variance (training) or the given variance
};

// A FusedBatchNormV3 node. mean/variance may be absent only when is_training and
// exponential_avg_factor == 1 (they become empty constants, as in TF); otherwise
// InvalidArgument with TF's message.
FusedBatchNormOutputs fused_batch_norm(const Input& x, const Input& scale, const Input& offset,
                                       const std::optional<Input>& mean = std::nullopt,
                                       const std::optional<Input>& variance = std::nullopt,
                                       float epsilon = 0.001f,
                                       const std::string& data_format = "NHWC",
                                       bool is_training = true,
                                       const std::string& name = "FusedBatchNormV3",
                                       float exponential_avg_factor = 1.0f);

struct TopKOutputs {
  Output values;
  Output indices;
};

// TopKV2: the k largest entries of each last-dim row, largest first, ties by lower index.
TopKOutputs top_k(const Input& input, const Input& k = 1, bool sorted = true,
                  DType index_type = DType::kInt32, const std::string& name = "TopKV2");

// tf.compat.v1.nn.in_top_k: an InTopKV2 node in name scope `name` ("in_top_k/InTopKV2" by
// default; a given name also names the op, as TF does). k takes the targets' dtype.
Output in_top_k(const Input& predictions, const Input& targets, const Input& k,
                const std::string& name = "in_top_k");

}  // namespace liu
