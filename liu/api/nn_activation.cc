// C++ API for the bias, activation and softmax ops.
#include "liu/api/nn_activation.h"

#include <numeric>

#include "liu/api/array.h"
#include "liu/api/base.h"

namespace liu {
namespace {

Output unary(const char* op, const Input& x, const std::string& name) {
  return OpBuilder(op, name).input(x).build();
}

// The static shape of an API input: an Output's inferred shape or a literal's shape.
Shape static_shape(const Input& x) {
  return x.is_output() ? x.output().shape() : x.literal().shape();
}

// TensorShape's Python spelling: (2, 3), (None, 3), (3,), (), <unknown>.
std::string python_shape(const Shape& s) {
  if (!s.has_rank()) return "<unknown>";
  std::string out = "(";
  for (int i = 0; i < s.rank(); ++i) {
    if (i) out += ", ";
    out += s.dim(i) == kUnknownDim ? "None" : std::to_string(s.dim(i));
  }
  return out + (s.rank() == 1 ? ",)" : ")");
}

std::string python_rank(const Shape& s) { return s.has_rank() ? std::to_string(s.rank()) : "None"; }

// Softmax-like op along `axis`: the op itself for the last axis, else transposes around it.
Output along_axis(const char* op, const Input& logits, int axis, const std::string& name) {
  const Shape shape = static_shape(logits);
  if (axis == -1 || (shape.has_rank() && axis == shape.rank() - 1)) return unary(op, logits, name);
  if (!shape.has_rank())
    throw Error(invalid_argument(std::string(op) + " over axis " + std::to_string(axis) +
                                 " needs logits of known rank"));
  const int rank = shape.rank();
  if (axis < -rank || axis >= rank)
    throw Error(invalid_argument(
        "`dim` must be in the range [" + std::to_string(-rank) + ", " + std::to_string(rank) +
        ") where " + std::to_string(rank) +
        " is the number of dimensions in the input. Received: dim=" + std::to_string(axis)));
  const int a = axis < 0 ? axis + rank : axis;
  // Swapping `a` with the last dim is its own inverse.
  std::vector<int> perm(rank);
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[a], perm[rank - 1]);
  Output moved = transpose(logits, perm);
  Output result = OpBuilder(op, op).input(moved).build();
  return transpose(result, perm, name == op ? std::string("transpose_1") : name);
}

}  // namespace

Output bias_add(const Input& value, const Input& bias, const std::string& data_format,
                const std::string& name) {
  return OpBuilder("BiasAdd", name)
      .input(value)
      .input(bias)
      .attr("data_format", data_format)
      .build();
}

Output relu6(const Input& features, const std::string& name) {
  return unary("Relu6", features, name);
}
Output elu(const Input& features, const std::string& name) { return unary("Elu", features, name); }
Output selu(const Input& features, const std::string& name) {
  return unary("Selu", features, name);
}
Output softplus(const Input& features, const std::string& name) {
  return unary("Softplus", features, name);
}
Output softsign(const Input& features, const std::string& name) {
  return unary("Softsign", features, name);
}
Output leaky_relu(const Input& features, float alpha, const std::string& name) {
  return OpBuilder("LeakyRelu", name).input(features).attr("alpha", alpha).build();
}

Output softmax(const Input& logits, int axis, const std::string& name) {
  return along_axis("Softmax", logits, axis, name);
}
Output log_softmax(const Input& logits, int axis, const std::string& name) {
  return along_axis("LogSoftmax", logits, axis, name);
}

Output softmax_cross_entropy_with_logits_v2(const Input& labels, const Input& logits, int axis,
                                            const std::string& name) {
  const Shape logits_shape = static_shape(logits);
  if (axis != -1 && !(logits_shape.has_rank() && axis == logits_shape.rank() - 1)) {
    if (!logits_shape.has_rank())
      throw Error(invalid_argument("softmax_cross_entropy_with_logits over axis " +
                                   std::to_string(axis) + " needs logits of known rank"));
    const int rank = logits_shape.rank();
    if (axis < -rank || axis >= rank)
      throw Error(invalid_argument("axis " + std::to_string(axis) +
                                   " is out of range for logits of rank " + std::to_string(rank)));
    // TF moves the class dim to the end, keeping the order of the others.
    const int a = axis < 0 ? axis + rank : axis;
    std::vector<int> perm;
    for (int i = 0; i < rank; ++i)
      if (i != a) perm.push_back(i);
    perm.push_back(a);
    return softmax_cross_entropy_with_logits_v2(transpose(labels, perm), transpose(logits, perm),
                                                -1, name);
  }
  if (logits_shape.has_rank() && logits_shape.rank() == 2)
    return OpBuilder("SoftmaxCrossEntropyWithLogits", name).input(logits).input(labels).build();
  Graph* g = logits.is_output() ? logits.output().graph()
                                : (labels.is_output() ? labels.output().graph() : nullptr);
  if (g == nullptr)
    throw Error(
        invalid_argument("softmax_cross_entropy_with_logits needs labels or logits from a graph"));
  // Flatten to matrices, as TF does for any rank other than 2.
  NameScope scope(*g, name);
  auto flatten = [](const Input& x) {
    Output classes = strided_slice(liu::shape(x), std::vector<int>{-1}, std::vector<int>{0},
                                   std::vector<int>{1}, 0, 1, 0, 0, 1, "strided_slice");
    return reshape(x, stack({-1, classes}));
  };
  Output logits_dims = liu::shape(logits);
  Output flat_logits = flatten(logits);
  Output flat_labels = flatten(labels);
  Output cost = OpBuilder("SoftmaxCrossEntropyWithLogits", "SoftmaxCrossEntropyWithLogits")
                    .input(flat_logits)
                    .input(flat_labels)
                    .build();
  Output outer = strided_slice(logits_dims, std::vector<int>{0}, std::vector<int>{-1},
                               std::vector<int>{1}, 1, 0, 0, 0, 0, "strided_slice");
  Output loss = reshape(cost, outer);
  // The static shape TF sets: logits' without its last dim.
  if (logits_shape.has_rank() && logits_shape.rank() >= 1)
    throw_if_error(g->set_output_shape(
        loss,
        Shape(std::vector<int64_t>(logits_shape.dims().begin(), logits_shape.dims().end() - 1))));
  return loss;
}

Output softmax_cross_entropy_with_logits(const Input& labels, const Input& logits, int axis,
                                         const std::string& name) {
  Output stopped = stop_gradient(labels, name + "/labels_stop_gradient");
  return softmax_cross_entropy_with_logits_v2(stopped, logits, axis, name);
}

Output sparse_softmax_cross_entropy_with_logits(const Input& labels, const Input& logits,
                                                const std::string& name) {
  const Shape labels_shape = static_shape(labels);
  const Shape logits_shape = static_shape(logits);
  if (logits_shape.has_rank() && logits_shape.rank() == 0) {
    const std::string what = logits.is_output() ? logits.output().name() : std::string("Const:0");
    const DType dtype = logits.is_output() ? logits.output().dtype() : logits.literal().dtype();
    throw Error(invalid_argument("`logits` cannot be a scalar. Received logits=Tensor(\"" + what +
                                 "\", shape=(), dtype=" + dtype_name(dtype) + ")`"));
  }
  if (logits_shape.has_rank() && labels_shape.has_rank() &&
      labels_shape.rank() != logits_shape.rank() - 1)
    throw Error(invalid_argument(
        "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: labels.shape=" +
        python_shape(labels_shape) + " of rank " + python_rank(labels_shape) +
        " and logits.shape=" + python_shape(logits_shape) + " of rank " +
        python_rank(logits_shape)));
  if (labels_shape.is_fully_defined() && logits_shape.has_rank()) {
    const Shape outer(
        std::vector<int64_t>(logits_shape.dims().begin(), logits_shape.dims().end() - 1));
    if (outer.is_fully_defined() && outer != labels_shape)
      throw Error(invalid_argument(
          "`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
          "labels.shape=" +
          python_shape(labels_shape) + " and logits.shape=" + python_shape(logits_shape)));
  }
  Graph* g = logits.is_output() ? logits.output().graph()
                                : (labels.is_output() ? labels.output().graph() : nullptr);
  if (g == nullptr)
    throw Error(invalid_argument(
        "sparse_softmax_cross_entropy_with_logits needs labels or logits from a graph"));
  NameScope scope(*g, name);
  Output labels_dims = shape(labels);
  if (logits_shape.has_rank() && logits_shape.rank() == 2) {
    return OpBuilder("SparseSoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits")
        .input(logits)
        .input(labels)
        .build();
  }
  // Any other rank: flatten to [-1, classes] and [-1], and restore labels' shape afterwards.
  Output classes = strided_slice(shape(logits), std::vector<int>{-1}, std::vector<int>{0},
                                 std::vector<int>{1}, 0, 1, 0, 0, 1, "strided_slice");
  Output flat_logits = reshape(logits, stack({-1, classes}));
  Output flat_labels = reshape(labels, std::vector<int>{-1});
  Output cost =
      OpBuilder("SparseSoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits")
          .input(flat_logits)
          .input(flat_labels)
          .build();
  Output loss = reshape(cost, labels_dims);
  throw_if_error(g->set_output_shape(loss, labels_shape));
  return loss;
}

}  // namespace liu
