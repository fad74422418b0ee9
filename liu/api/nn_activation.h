#pragma once
// C++ API for the bias, activation and softmax ops (TF's tf.nn names and Python defaults).
#include "liu/api/builder.h"

namespace liu {

// value + bias along the channel dim: the last one ("NHWC") or dim 1 ("NCHW").
Output bias_add(const Input& value, const Input& bias, const std::string& data_format = "NHWC",
                const std::string& name = "BiasAdd");

Output relu6(const Input& features, const std::string& name = "Relu6");
Output elu(const Input& features, const std::string& name = "Elu");
Output selu(const Input& features, const std::string& name = "Selu");
Output softplus(const Input& features, const std::string& name = "Softplus");
Output softsign(const Input& features, const std::string& name = "Softsign");
Output leaky_relu(const Input& features, float alpha = 0.2f, const std::string& name = "LeakyRelu");

// Softmax / LogSoftmax along `axis`. A non-last axis is moved last and back with transposes,
// as TF's Python does (the rank must then be known); axis out of [-rank, rank) throws
// InvalidArgument with TF's message.
Output softmax(const Input& logits, int axis = -1, const std::string& name = "Softmax");
Output log_softmax(const Input& logits, int axis = -1, const std::string& name = "LogSoftmax");

// tf.nn.softmax_cross_entropy_with_logits_v2: the SoftmaxCrossEntropyWithLogits op (named
// `name`) on [batch, classes] logits and labels (labels may broadcast); returns the loss
// [batch]. Other ranks are flattened to [-1, classes] and the loss reshaped to logits' shape
// without its last dim; a non-last axis is moved last with transposes (known rank only).
// Labels receive a gradient.
Output softmax_cross_entropy_with_logits_v2(
    const Input& labels, const Input& logits, int axis = -1,
    const std::string& name = "softmax_cross_entropy_with_logits");
// TF1's tf.nn.softmax_cross_entropy_with_logits: the same with labels behind StopGradient.
Output softmax_cross_entropy_with_logits(
    const Input& labels, const Input& logits, int axis = -1,
    const std::string& name = "softmax_cross_entropy_with_logits_sg");
// tf.nn.sparse_softmax_cross_entropy_with_logits: labels (int32/int64) have logits' shape
// without its last dim; returns the loss in labels' shape. Static rank and shape mismatches
// throw InvalidArgument with TF's messages. Builds its ops under the name scope `name`.
Output sparse_softmax_cross_entropy_with_logits(
    const Input& labels, const Input& logits,
    const std::string& name = "SparseSoftmaxCrossEntropyWithLogits");

}  // namespace liu
