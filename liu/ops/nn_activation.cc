// Bias and activation ops of TF's nn_ops.cc (BiasAdd, BiasAddV1, BiasAddGrad, Relu6, Elu,
// Selu, Softplus, Softsign, LeakyRelu and their *Grad helpers) with the gradient functions of
// TF's nn_grad.py, built from the same ops under the same names so gradient graphs look like
// TensorFlow's. Relu and ReluGrad live in math.cc.
#include "liu/api/array.h"
#include "liu/api/array_index.h"
#include "liu/api/math.h"
#include "liu/api/operators.h"
#include "liu/api/reduction.h"
#include "liu/autodiff/grad_context.h"
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

// TF's numbertype / realnumbertypes narrowed to the dtypes Liu has.
constexpr const char* kRealNumbers = "T: {float, double, int32, uint8, int16, int8, int64, uint16}";
constexpr const char* kFloats = "T: {float, double}";

std::string input_shapes(const InferenceContext& ctx) {
  std::string s;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (i) s += ", ";
    s += ctx.input(i).to_string();
  }
  return " with input shapes: " + s + ".";
}

bool is_nchw(const InferenceContext& ctx) {
  return ctx.node().has_attr("data_format") && ctx.attr<std::string>("data_format") == "NCHW";
}

Status rank_at_least(InferenceContext& ctx, int i, int rank) {
  const Shape& s = ctx.input(i);
  if (s.has_rank() && s.rank() < rank)
    return ctx.error("Shape must be at least rank " + std::to_string(rank) + " but is rank " +
                     std::to_string(s.rank()) + input_shapes(ctx));
  return Status::ok();
}

// value [..., C] (NHWC) or [N, C, ...] (NCHW) plus bias [C]: value's shape with C refined.
Status bias_add_shape(InferenceContext& ctx) {
  const bool nchw = is_nchw(ctx);
  LIU_RETURN_IF_ERROR(rank_at_least(ctx, 0, nchw ? 3 : 2));
  const Shape& bias = ctx.input(1);
  if (bias.has_rank() && bias.rank() != 1)
    return ctx.error("Shape must be rank 1 but is rank " + std::to_string(bias.rank()) +
                     input_shapes(ctx));
  Shape out = ctx.input(0);
  if (!out.has_rank()) {
    ctx.set_output(0, Shape::unknown());
    return Status::ok();
  }
  const int channel = nchw ? 1 : out.rank() - 1;
  const int64_t a = out.dim(channel), b = bias.has_rank() ? bias.dim(0) : kUnknownDim;
  if (a != kUnknownDim && b != kUnknownDim && a != b)
    return ctx.error("Dimensions must be equal, but are " + std::to_string(a) + " and " +
                     std::to_string(b) + input_shapes(ctx));
  if (a == kUnknownDim) out.set_dim(channel, b);
  ctx.set_output(0, out);
  return Status::ok();
}

// The bias-shaped sum of out_backprop: [C].
Status bias_add_grad_shape(InferenceContext& ctx) {
  const bool nchw = is_nchw(ctx);
  LIU_RETURN_IF_ERROR(rank_at_least(ctx, 0, nchw ? 3 : 2));
  const Shape& in = ctx.input(0);
  if (!in.has_rank()) {
    ctx.set_output(0, Shape({kUnknownDim}));
    return Status::ok();
  }
  ctx.set_output(0, Shape({in.dim(nchw ? 1 : in.rank() - 1)}));
  return Status::ok();
}

// Elementwise helpers (gradients, features): both inputs have one shape.
Status same_shape_pair(InferenceContext& ctx) {
  const Shape& a = ctx.input(0);
  const Shape& b = ctx.input(1);
  if (a.has_rank() && b.has_rank()) {
    if (a.rank() != b.rank())
      return ctx.error("Shapes must be equal rank, but are " + std::to_string(a.rank()) + " and " +
                       std::to_string(b.rank()) + input_shapes(ctx));
    for (int i = 0; i < a.rank(); ++i)
      if (a.dim(i) != kUnknownDim && b.dim(i) != kUnknownDim && a.dim(i) != b.dim(i))
        return ctx.error("Dimension " + std::to_string(i) +
                         " in both shapes must be equal, but are " + std::to_string(a.dim(i)) +
                         " and " + std::to_string(b.dim(i)) + ". Shapes are " + a.to_string() +
                         " and " + b.to_string() + "." + input_shapes(ctx));
  }
  Shape merged;
  LIU_RETURN_IF_ERROR(a.merge(b, &merged));
  ctx.set_output(0, merged);
  return Status::ok();
}

// ---- gradients (TF's nn_grad.py) ----

bool has_grad(const GradContext& ctx) { return ctx.grad(0).node != nullptr; }

Output helper(const char* op, const Output& a, const Output& b) {
  return OpBuilder(op, op).input(a).input(b).build();
}

Output leaky_helper(const Output& a, const Output& b, float alpha) {
  return OpBuilder("LeakyReluGrad", "LeakyReluGrad").input(a).input(b).attr("alpha", alpha).build();
}

Status bias_add_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  ctx.set_input_grad(0, ctx.grad());
  ctx.set_input_grad(1, OpBuilder("BiasAddGrad", "BiasAddGrad")
                            .input(ctx.grad())
                            .attr("data_format", ctx.attr<std::string>("data_format"))
                            .build());
  return Status::ok();
}

// The bias gradient of BiasAddV1 sums every dim but the last.
Status bias_add_v1_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Output grad = ctx.grad();
  Output last = subtract(rank(grad), 1, "sub");
  Output axes = range(0, last, 1, "range");
  ctx.set_input_grad(0, grad);
  ctx.set_input_grad(1, reduce_sum(grad, Axes(axes)));
  return Status::ok();
}

// BiasAddGrad sums out_backprop down to the bias: its gradient tiles the bias-shaped gradient
// back over every other dim.
Status bias_add_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  using V = std::vector<int>;
  const Output grad = ctx.grad();
  Output in_shape = shape(ctx.input(0));
  Output bias_shape = shape(grad);
  Output expanded_shape, multiples;
  if (ctx.attr<std::string>("data_format") == "NCHW") {
    Output head = strided_slice(in_shape, V{0}, V{1}, V{1}, 0, 0, 0, 0, 0, "strided_slice");
    Output tail = strided_slice(in_shape, V{2}, V{0}, V{1}, 0, 1, 0, 0, 0, "strided_slice_1");
    expanded_shape = concat({ones_like(head), bias_shape, ones_like(tail)}, 0);
    multiples = concat({head, V{1}, tail}, 0, "concat_1");
  } else {
    Output head = strided_slice(in_shape, V{0}, V{-1}, V{1}, 1, 0, 0, 0, 0, "strided_slice");
    expanded_shape = concat({ones_like(head), bias_shape}, 0);
    multiples = concat({head, V{1}}, 0, "concat_1");
  }
  ctx.set_input_grad(0, tile(reshape(grad, expanded_shape), multiples));
  return Status::ok();
}

// Activations whose gradient helper takes (grad, forward output).
template <const char* kHelper>
Status grad_from_output(GradContext& ctx) {
  if (has_grad(ctx)) ctx.set_input_grad(0, helper(kHelper, ctx.grad(), ctx.output()));
  return Status::ok();
}

// Activations whose gradient helper takes (grad, forward input).
template <const char* kHelper>
Status grad_from_input(GradContext& ctx) {
  if (has_grad(ctx)) ctx.set_input_grad(0, helper(kHelper, ctx.grad(), ctx.input(0)));
  return Status::ok();
}

constexpr char kRelu6Grad[] = "Relu6Grad";
constexpr char kEluGrad[] = "EluGrad";
constexpr char kSeluGrad[] = "SeluGrad";
constexpr char kSoftsignGrad[] = "SoftsignGrad";

// Relu6Grad(g, x) is linear in g and piecewise constant in x.
Status relu6_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Output x = ctx.input(1);
  ctx.set_input_grad(0, helper("Relu6Grad", ctx.grad(), x));
  ctx.set_input_grad(1, zeros_like(x));
  return Status::ok();
}

// EluGrad(g, y) = g * (y + 1) where y < 0, else g (SeluGrad likewise with its constants), so
// d/dy = g_in * grad where y < 0.
template <const char* kHelper>
Status elu_like_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Output grad = ctx.grad();
  const Output y = ctx.input(1);
  ctx.set_input_grad(0, helper(kHelper, grad, y));
  Output negative = less(y, 0.0);
  Output product = multiply(grad, ctx.input(0), "mul");
  ctx.set_input_grad(1, where(negative, product, zeros_like(y)));
  return Status::ok();
}

Status leaky_relu_grad_fn(GradContext& ctx) {
  if (has_grad(ctx))
    ctx.set_input_grad(0, leaky_helper(ctx.grad(), ctx.input(0), ctx.attr<float>("alpha")));
  return Status::ok();
}

Status leaky_relu_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Output x = ctx.input(1);
  ctx.set_input_grad(0, leaky_helper(ctx.grad(), x, ctx.attr<float>("alpha")));
  ctx.set_input_grad(1, zeros_like(x));
  return Status::ok();
}

// d softplus(x) = sigmoid(x).
Status softplus_grad_fn(GradContext& ctx) {
  if (has_grad(ctx)) ctx.set_input_grad(0, multiply(ctx.grad(), sigmoid(ctx.input(0)), "mul"));
  return Status::ok();
}

// SoftplusGrad(dy, x) = dy / (1 + exp(-x)); d/dx = dy / (exp(-x) + 2 + exp(x)).
Status softplus_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Output grad = ctx.grad();
  const Output dy = ctx.input(0), x = ctx.input(1);
  ctx.set_input_grad(0, helper("SoftplusGrad", grad, x));
  Output numerator = grad * dy;
  Output denominator = add(exp(-x), 2.0, "add");
  denominator = add(denominator, exp(x), "add_1");
  ctx.set_input_grad(1, numerator / denominator);
  return Status::ok();
}

}  // namespace

LIU_OP("BiasAdd")
    .input("value: T")
    .input("bias: T")
    .output("output: T")
    .attr(kRealNumbers)
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .shape(bias_add_shape)
    .grad(bias_add_grad_fn);
// The old BiasAdd: always NHWC.
LIU_OP("BiasAddV1")
    .input("value: T")
    .input("bias: T")
    .output("output: T")
    .attr(kRealNumbers)
    .shape(bias_add_shape)
    .grad(bias_add_v1_grad_fn);
LIU_OP("BiasAddGrad")
    .input("out_backprop: T")
    .output("output: T")
    .attr(kRealNumbers)
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .shape(bias_add_grad_shape)
    .grad(bias_add_grad_grad_fn);

LIU_OP("Relu6")
    .input("features: T")
    .output("activations: T")
    .attr(kRealNumbers)
    .shape(shape_fn::unchanged)
    .grad(grad_from_output<kRelu6Grad>);
LIU_OP("Relu6Grad")
    .input("gradients: T")
    .input("features: T")
    .output("backprops: T")
    .attr(kRealNumbers)
    .shape(same_shape_pair)
    .grad(relu6_grad_grad_fn);
LIU_OP("Elu")
    .input("features: T")
    .output("activations: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(grad_from_output<kEluGrad>);
LIU_OP("EluGrad")
    .input("gradients: T")
    .input("outputs: T")
    .output("backprops: T")
    .attr(kFloats)
    .shape(same_shape_pair)
    .grad(elu_like_grad_grad_fn<kEluGrad>);
LIU_OP("Selu")
    .input("features: T")
    .output("activations: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(grad_from_output<kSeluGrad>);
LIU_OP("SeluGrad")
    .input("gradients: T")
    .input("outputs: T")
    .output("backprops: T")
    .attr(kFloats)
    .shape(same_shape_pair)
    .grad(elu_like_grad_grad_fn<kSeluGrad>);
LIU_OP("Softplus")
    .input("features: T")
    .output("activations: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(softplus_grad_fn);
LIU_OP("SoftplusGrad")
    .input("gradients: T")
    .input("features: T")
    .output("backprops: T")
    .attr(kFloats)
    .shape(same_shape_pair)
    .grad(softplus_grad_grad_fn);
LIU_OP("Softsign")
    .input("features: T")
    .output("activations: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(grad_from_input<kSoftsignGrad>);
// TF registers no gradient for SoftsignGrad: asking for one is an error, as there.
LIU_OP("SoftsignGrad")
    .input("gradients: T")
    .input("features: T")
    .output("backprops: T")
    .attr(kFloats)
    .shape(same_shape_pair);
LIU_OP("LeakyRelu")
    .input("features: T")
    .output("activations: T")
    .attr("alpha: float = 0.2")
    .attr("T: {float, double} = DT_FLOAT")
    .shape(shape_fn::unchanged)
    .grad(leaky_relu_grad_fn);
LIU_OP("LeakyReluGrad")
    .input("gradients: T")
    .input("features: T")
    .output("backprops: T")
    .attr("alpha: float = 0.2")
    .attr("T: {float, double} = DT_FLOAT")
    .shape(same_shape_pair)
    .grad(leaky_relu_grad_grad_fn);

}  // namespace liu
