// Softmax, LogSoftmax and the fused cross-entropy losses of TF's nn_ops.cc, with the gradient
// functions of TF's nn_grad.py built from the same ops under the same names.
#include "liu/api/array.h"
#include "liu/api/math.h"
#include "liu/api/matmul.h"
#include "liu/api/operators.h"
#include "liu/api/reduction.h"
#include "liu/autodiff/grad_context.h"
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

constexpr const char* kFloats = "T: {float, double}";

std::string input_shapes(const InferenceContext& ctx) {
  std::string s;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (i) s += ", ";
    s += ctx.input(i).to_string();
  }
  return " with input shapes: " + s + ".";
}

Status rank_error(InferenceContext& ctx, const char* what, int want, int got) {
  return ctx.error(std::string("Shape must be ") + what + std::to_string(want) + " but is rank " +
                   std::to_string(got) + input_shapes(ctx));
}

// Softmax and LogSoftmax work along the last dim of a tensor of rank >= 1.
Status softmax_shape(InferenceContext& ctx) {
  const Shape& s = ctx.input(0);
  if (s.has_rank() && s.rank() < 1) return rank_error(ctx, "at least rank ", 1, s.rank());
  ctx.set_output(0, s);
  return Status::ok();
}

Shape at_rank(const Shape& s, int rank) { return s.has_rank() ? s : Shape::unknown_of_rank(rank); }

// TF's rule: features and labels of one [batch, classes] shape when they merge; otherwise they
// must broadcast to a rank-2 shape.
Status xent_shape(InferenceContext& ctx) {
  const Shape& features = ctx.input(0);
  const Shape& labels = ctx.input(1);
  Shape merged;
  if ((!features.has_rank() || features.rank() == 2) &&
      at_rank(features, 2).merge(labels, &merged).is_ok()) {
    ctx.set_output(0, Shape({merged.dim(0)}));
    ctx.set_output(1, merged);
    return Status::ok();
  }
  Shape out;
  Status s = shape_fn::broadcast_shapes(features, labels, &out);
  if (!s.is_ok()) {
    // Name the first pair of dims (from the end) that cannot broadcast, as TF does.
    for (int i = 1; i <= std::min(features.rank(), labels.rank()); ++i) {
      const int64_t a = features.dim(features.rank() - i), b = labels.dim(labels.rank() - i);
      if (a != 1 && b != 1 && a != kUnknownDim && b != kUnknownDim && a != b)
        return ctx.error("Dimensions must be equal, but are " + std::to_string(a) + " and " +
                         std::to_string(b) + input_shapes(ctx));
    }
    return ctx.error(s.message() + input_shapes(ctx));
  }
  if (!out.has_rank())
    return ctx.error("Shape must be broadcasted with rank 2, but is rank is unknown." +
                     input_shapes(ctx));
  if (out.rank() != 2)
    return ctx.error("Shape must be broadcasted with rank 2, but is rank " +
                     std::to_string(out.rank()) + input_shapes(ctx));
  ctx.set_output(0, Shape({out.dim(0)}));
  ctx.set_output(1, out);
  return Status::ok();
}

// features [batch, classes], labels [batch].
Status sparse_xent_shape(InferenceContext& ctx) {
  const Shape& features = ctx.input(0);
  const Shape& labels = ctx.input(1);
  if (features.has_rank() && features.rank() != 2)
    return rank_error(ctx, "rank ", 2, features.rank());
  if (labels.has_rank() && labels.rank() != 1) return rank_error(ctx, "rank ", 1, labels.rank());
  Shape out = at_rank(features, 2);
  const int64_t a = out.dim(0), b = labels.has_rank() ? labels.dim(0) : kUnknownDim;
  if (a != kUnknownDim && b != kUnknownDim && a != b)
    return ctx.error("Dimensions must be equal, but are " + std::to_string(a) + " and " +
                     std::to_string(b) + input_shapes(ctx));
  if (a == kUnknownDim) out.set_dim(0, b);
  ctx.set_output(0, Shape({out.dim(0)}));
  ctx.set_output(1, out);
  return Status::ok();
}

// ---- gradients (TF's nn_grad.py) ----

bool has_grad(const GradContext& ctx, int i = 0) { return ctx.grad(i).node != nullptr; }

// The autodiff driver feeds an unconnected float output a ZerosLike of it; like TF's
// _is_zeros_tensor, such a gradient adds nothing and is skipped.
bool is_zeros_for_output(const GradContext& ctx, int i) {
  const Output g = ctx.grad(i);
  return g.node == nullptr || (g.node->op() == "ZerosLike" && g.node->input(0) == ctx.output(i));
}

// (grad - sum(grad * softmax, -1)) * softmax.
Status softmax_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Output grad = ctx.grad(), softmax = ctx.output();
  Output product = multiply(grad, softmax, "mul");
  Output sum_channels = reduce_sum(product, -1, true);
  Output centred = subtract(grad, sum_channels, "sub");
  ctx.set_input_grad(0, multiply(centred, softmax, "mul_1"));
  return Status::ok();
}

// grad - sum(grad, -1) * exp(log_softmax).
Status log_softmax_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Output grad = ctx.grad();
  Output softmax = exp(ctx.output());
  Output sum = reduce_sum(grad, -1, true);
  ctx.set_input_grad(0, subtract(grad, multiply(sum, softmax, "mul"), "sub"));
  return Status::ok();
}

// vec [B] times mat [B, C], row by row (TF's _BroadcastMul).
Output broadcast_mul(const Output& vec, const Output& mat) {
  return multiply(expand_dims(vec, -1), mat, "mul");
}

// The logits gradient shared by both losses: grad_loss * backprop, plus, when the backprop
// output itself receives a gradient gg, the softmax Jacobian applied to it:
// (gg - <gg, softmax>) * softmax.
Output xent_logits_grad(GradContext& ctx) {
  const Output logits = ctx.input(0);
  Output grad;
  if (has_grad(ctx, 0)) grad = broadcast_mul(ctx.grad(0), ctx.output(1));
  if (!is_zeros_for_output(ctx, 1)) {
    const Output grad_grad = ctx.grad(1);
    Output softmax = OpBuilder("Softmax", "Softmax").input(logits).build();
    Output dot = batch_matmul(expand_dims(grad_grad, 1), expand_dims(softmax, 2));
    Output term = multiply(subtract(grad_grad, squeeze(dot, {1}), "sub"), softmax, "mul");
    grad = grad.node == nullptr ? term : add(grad, term, "add");
  }
  return grad;
}

Status xent_grad_fn(GradContext& ctx) {
  Output grad = xent_logits_grad(ctx);
  if (grad.node != nullptr) ctx.set_input_grad(0, grad);
  if (has_grad(ctx, 0)) {
    Output log_softmax = OpBuilder("LogSoftmax", "LogSoftmax").input(ctx.input(0)).build();
    ctx.set_input_grad(1, broadcast_mul(ctx.grad(0), negative(log_softmax)));
  }
  return Status::ok();
}

// Integer labels get no gradient.
Status sparse_xent_grad_fn(GradContext& ctx) {
  Output grad = xent_logits_grad(ctx);
  if (grad.node != nullptr) ctx.set_input_grad(0, grad);
  return Status::ok();
}

}  // namespace

LIU_OP("Softmax")
    .input("logits: T")
    .output("softmax: T")
    .attr(kFloats)
    .shape(softmax_shape)
    .grad(softmax_grad_fn);
LIU_OP("LogSoftmax")
    .input("logits: T")
    .output("logsoftmax: T")
    .attr(kFloats)
    .shape(softmax_shape)
    .grad(log_softmax_grad_fn);
// Per row: loss = -sum(labels * log_softmax(features)), backprop = softmax - labels.
LIU_OP("SoftmaxCrossEntropyWithLogits")
    .input("features: T")
    .input("labels: T")
    .output("loss: T")
    .output("backprop: T")
    .attr(kFloats)
    .shape(xent_shape)
    .grad(xent_grad_fn);
LIU_OP("SparseSoftmaxCrossEntropyWithLogits")
    .input("features: T")
    .input("labels: Tlabels")
    .output("loss: T")
    .output("backprop: T")
    .attr(kFloats)
    .attr("Tlabels: {int32, int64} = DT_INT64")
    .shape(sparse_xent_shape)
    .grad(sparse_xent_grad_fn);

}  // namespace liu
