// Elementwise math ops: unary functions, broadcasting arithmetic, comparisons and logic,
// Select/SelectV2, AddN, Cast, and the helper ops of their gradients (TanhGrad, ReluGrad, ...;
// gradient functions in math_grad.cc). Signatures follow TensorFlow's math_ops.cc (Relu is
// TF's nn_ops) with the type lists narrowed to the dtypes Liu has.
#include "liu/ops/math_grad.h"
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

// Equal/NotEqual: with incompatible_shape_error=false, shapes that cannot broadcast give a
// scalar instead of an error; when unknown dims leave that open, the shape is unknown.
Status equality_shape(InferenceContext& ctx) {
  if (ctx.attr<bool>("incompatible_shape_error")) return shape_fn::broadcast_binary(ctx);
  const Shape& a = ctx.input(0);
  const Shape& b = ctx.input(1);
  Shape out;
  if (!shape_fn::broadcast_shapes(a, b, &out).is_ok()) {
    ctx.set_output(0, Shape());
    return Status::ok();
  }
  // A broadcast that only succeeded because a dim is unknown may still fail at run time.
  if (a.has_rank() && b.has_rank()) {
    const int rank = std::max(a.rank(), b.rank());
    for (int i = 0; i < rank; ++i) {
      const int ia = a.rank() - rank + i, ib = b.rank() - rank + i;
      const int64_t da = ia >= 0 ? a.dim(ia) : 1, db = ib >= 0 ? b.dim(ib) : 1;
      if ((da == kUnknownDim && db != 1) || (db == kUnknownDim && da != 1)) {
        ctx.set_output(0, Shape::unknown());
        return Status::ok();
      }
    }
  }
  ctx.set_output(0, out);
  return Status::ok();
}

// TF1 Select: t and e have one shape; the condition is a scalar, that same shape, or a
// vector as long as t's first dim.
Status select_shape(InferenceContext& ctx) {
  Shape data;
  if (!ctx.input(1).merge(ctx.input(2), &data).is_ok())
    return ctx.error("'then' and 'else' must have the same shape, got " + ctx.input(1).to_string() +
                     " and " + ctx.input(2).to_string());
  const Shape& cond = ctx.input(0);
  if (!cond.has_rank() || !data.has_rank() || cond.rank() == 0) {
    ctx.set_output(0, data);
    return Status::ok();
  }
  if (cond.rank() == 1 && data.rank() > 1) {
    Shape first({cond.dim(0)}), merged;
    if (!first.merge(Shape({data.dim(0)}), &merged).is_ok())
      return ctx.error("condition of shape " + cond.to_string() +
                       " must be as long as the first dim of 'then' " + data.to_string());
    data.set_dim(0, merged.dim(0));
    ctx.set_output(0, data);
    return Status::ok();
  }
  Shape merged;
  if (!data.merge(cond, &merged).is_ok())
    return ctx.error("condition of shape " + cond.to_string() +
                     " must be a scalar, a vector over the first dim, or the shape of 'then' " +
                     data.to_string());
  ctx.set_output(0, merged);
  return Status::ok();
}

Status select_v2_shape(InferenceContext& ctx) {
  Shape te, out;
  if (!shape_fn::broadcast_shapes(ctx.input(1), ctx.input(2), &te).is_ok() ||
      !shape_fn::broadcast_shapes(ctx.input(0), te, &out).is_ok())
    return ctx.error("condition " + ctx.input(0).to_string() + ", then " +
                     ctx.input(1).to_string() + ", and else " + ctx.input(2).to_string() +
                     " must be broadcastable");
  ctx.set_output(0, out);
  return Status::ok();
}

Status add_n_shape(InferenceContext& ctx) {
  Shape merged = ctx.input(0);
  for (int i = 1; i < ctx.num_inputs(); ++i) {
    Shape next;
    if (!merged.merge(ctx.input(i), &next).is_ok())
      return ctx.error(
          "Shapes of all inputs must match: inputs[0].shape = " + ctx.input(0).to_string() +
          " vs. inputs[" + std::to_string(i) + "].shape = " + ctx.input(i).to_string());
    merged = next;
  }
  ctx.set_output(0, merged);
  return Status::ok();
}

Status cast_shape(InferenceContext& ctx) {
  const DType src = ctx.attr<DType>("SrcT"), dst = ctx.attr<DType>("DstT");
  if (src != dst && (src == DType::kString || dst == DType::kString))
    return ctx.error(std::string("Cast ") + dtype_name(src) + " to " + dtype_name(dst) +
                     " is not supported");
  return shape_fn::unchanged(ctx);
}

// TanhGrad etc.: both inputs have one shape (TF's MergeBothInputsShapeFn).
Status merge_both_shape(InferenceContext& ctx) {
  Shape merged;
  if (!ctx.input(0).merge(ctx.input(1), &merged).is_ok())
    return ctx.error("Incompatible shapes: " + ctx.input(0).to_string() + " vs. " +
                     ctx.input(1).to_string());
  ctx.set_output(0, merged);
  return Status::ok();
}

// The type lists of TF's OpDefs, restricted to Liu's dtypes.
constexpr const char* kFloats = "T: {float, double}";
constexpr const char* kSignedNumbers = "T: {float, double, int8, int16, int32, int64}";
constexpr const char* kArithmetic = "T: {float, double, uint8, int8, uint16, int16, int32, int64}";
constexpr const char* kOrdered = "T: {float, double, int32, uint8, int16, int8, int64, uint16}";
constexpr const char* kMinMax = "T: {float, double, int8, uint8, int16, uint16, int32, int64}";

}  // namespace

// ---- unary ----
LIU_OP("Neg")
    .input("x: T")
    .output("y: T")
    .attr(kSignedNumbers)
    .shape(shape_fn::unchanged)
    .grad(math_grad::neg);
LIU_OP("Abs")
    .input("x: T")
    .output("y: T")
    .attr(kSignedNumbers)
    .shape(shape_fn::unchanged)
    .grad(math_grad::abs);
LIU_OP("Sign")
    .input("x: T")
    .output("y: T")
    .attr(kSignedNumbers)
    .shape(shape_fn::unchanged)
    .grad(math_grad::sign);
LIU_OP("Square")
    .input("x: T")
    .output("y: T")
    .attr("T: {float, double, int8, int16, int32, int64, uint8, uint16}")
    .shape(shape_fn::unchanged)
    .grad(math_grad::square);
LIU_OP("Sqrt")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::sqrt);
LIU_OP("Rsqrt")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::rsqrt);
LIU_OP("Exp")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::exp);
LIU_OP("Log")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::log);
LIU_OP("Log1p")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::log1p);
LIU_OP("Sin")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::sin);
LIU_OP("Cos")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::cos);
LIU_OP("Tanh")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::tanh);
LIU_OP("Sigmoid")
    .input("x: T")
    .output("y: T")
    .attr(kFloats)
    .shape(shape_fn::unchanged)
    .grad(math_grad::sigmoid);
LIU_OP("Floor").input("x: T").output("y: T").attr(kFloats).shape(shape_fn::unchanged).no_gradient();
LIU_OP("Ceil").input("x: T").output("y: T").attr(kFloats).shape(shape_fn::unchanged).no_gradient();
LIU_OP("Round")
    .input("x: T")
    .output("y: T")
    .attr(kSignedNumbers)
    .shape(shape_fn::unchanged)
    .no_gradient();
LIU_OP("Reciprocal")
    .input("x: T")
    .output("y: T")
    .attr(kSignedNumbers)
    .shape(shape_fn::unchanged)
    .grad(math_grad::reciprocal);
LIU_OP("Relu")
    .input("features: T")
    .output("activations: T")
    .attr(kOrdered)
    .shape(shape_fn::unchanged)
    .grad(math_grad::relu);
LIU_OP("LogicalNot").input("x: bool").output("y: bool").shape(shape_fn::unchanged).no_gradient();

// ---- binary arithmetic ----
LIU_OP("Add")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr("T: {float, double, uint8, int8, int16, int32, int64, string}")
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::add);
LIU_OP("AddV2")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr("T: {float, double, uint8, uint16, int8, int16, int32, int64}")
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::add);
LIU_OP("Sub")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kArithmetic)
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::sub);
LIU_OP("Mul")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kArithmetic)
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::mul);
LIU_OP("RealDiv")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kArithmetic)
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::real_div);
LIU_OP("DivNoNan")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr("T: {float, double}")
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::div_no_nan);
LIU_OP("Div")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kArithmetic)
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::div);
LIU_OP("FloorDiv")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kArithmetic)
    .shape(shape_fn::broadcast_binary)
    .no_gradient();
LIU_OP("FloorMod")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr("T: {int8, int16, int32, int64, uint8, uint16, float, double}")
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::floor_mod);
LIU_OP("Pow")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kSignedNumbers)
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::pow);
LIU_OP("Maximum")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kMinMax)
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::maximum);
LIU_OP("Minimum")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr(kMinMax)
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::minimum);
LIU_OP("SquaredDifference")
    .input("x: T")
    .input("y: T")
    .output("z: T")
    .attr("T: {float, double, int32, int64}")
    .shape(shape_fn::broadcast_binary)
    .grad_with_broadcast(math_grad::squared_difference);

// ---- comparisons and logic ----
LIU_OP("Equal")
    .input("x: T")
    .input("y: T")
    .output("z: bool")
    .attr("T: type")
    .attr("incompatible_shape_error: bool = true")
    .shape(equality_shape)
    .no_gradient();
LIU_OP("NotEqual")
    .input("x: T")
    .input("y: T")
    .output("z: bool")
    .attr("T: type")
    .attr("incompatible_shape_error: bool = true")
    .shape(equality_shape)
    .no_gradient();
LIU_OP("Less")
    .input("x: T")
    .input("y: T")
    .output("z: bool")
    .attr(kOrdered)
    .shape(shape_fn::broadcast_binary)
    .no_gradient();
LIU_OP("LessEqual")
    .input("x: T")
    .input("y: T")
    .output("z: bool")
    .attr(kOrdered)
    .shape(shape_fn::broadcast_binary)
    .no_gradient();
LIU_OP("Greater")
    .input("x: T")
    .input("y: T")
    .output("z: bool")
    .attr(kOrdered)
    .shape(shape_fn::broadcast_binary)
    .no_gradient();
LIU_OP("GreaterEqual")
    .input("x: T")
    .input("y: T")
    .output("z: bool")
    .attr(kOrdered)
    .shape(shape_fn::broadcast_binary)
    .no_gradient();
LIU_OP("LogicalAnd")
    .input("x: bool")
    .input("y: bool")
    .output("z: bool")
    .shape(shape_fn::broadcast_binary)
    .no_gradient();
LIU_OP("LogicalOr")
    .input("x: bool")
    .input("y: bool")
    .output("z: bool")
    .shape(shape_fn::broadcast_binary)
    .no_gradient();

LIU_OP("Select")
    .input("condition: bool")
    .input("t: T")
    .input("e: T")
    .output("output: T")
    .attr("T: type")
    .shape(select_shape)
    .grad(math_grad::select);

LIU_OP("SelectV2")
    .input("condition: bool")
    .input("t: T")
    .input("e: T")
    .output("output: T")
    .attr("T: type")
    .shape(select_v2_shape)
    .grad(math_grad::select_v2);

LIU_OP("AddN")
    .input("inputs: N * T")
    .output("sum: T")
    .attr("N: int >= 1")
    .attr("T: {float, double, int32, uint8, int16, int8, int64, uint16}")
    .shape(add_n_shape)
    .grad(math_grad::add_n);

LIU_OP("Cast")
    .input("x: SrcT")
    .output("y: DstT")
    .attr("SrcT: type")
    .attr("DstT: type")
    .attr("Truncate: bool = false")
    .shape(cast_shape)
    .grad(math_grad::cast);

// ---- gradient helpers (TF's names, so gradient graphs look like TF's) ----
// TanhGrad(y, dy) = dy (1 - y^2) for y = tanh(x), and likewise: SigmoidGrad = dy y (1 - y),
// SqrtGrad = 0.5 dy / y, RsqrtGrad = -0.5 dy y^3, ReciprocalGrad = -dy y^2 (the last three
// give 0 where dy is 0).
LIU_OP("TanhGrad")
    .input("y: T")
    .input("dy: T")
    .output("z: T")
    .attr(kFloats)
    .shape(merge_both_shape)
    .grad(math_grad::tanh_grad);
LIU_OP("SigmoidGrad")
    .input("y: T")
    .input("dy: T")
    .output("z: T")
    .attr(kFloats)
    .shape(merge_both_shape)
    .grad(math_grad::sigmoid_grad);
LIU_OP("SqrtGrad")
    .input("y: T")
    .input("dy: T")
    .output("z: T")
    .attr(kFloats)
    .shape(merge_both_shape)
    .grad(math_grad::sqrt_grad);
LIU_OP("RsqrtGrad")
    .input("y: T")
    .input("dy: T")
    .output("z: T")
    .attr(kFloats)
    .shape(merge_both_shape)
    .grad(math_grad::rsqrt_grad);
LIU_OP("ReciprocalGrad")
    .input("y: T")
    .input("dy: T")
    .output("z: T")
    .attr(kFloats)
    .shape(merge_both_shape)
    .grad(math_grad::reciprocal_grad);
// gradients where features > 0, else 0 (TF's nn_ops).
LIU_OP("ReluGrad")
    .input("gradients: T")
    .input("features: T")
    .output("backprops: T")
    .attr(kOrdered)
    .shape(merge_both_shape)
    .grad(math_grad::relu_grad);

}  // namespace liu
