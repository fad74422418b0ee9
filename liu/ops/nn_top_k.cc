// TopK / TopKV2 (the k largest entries of each last-dim row, TF's OpDefs) and InTopK /
// InTopKV2 (whether each target is among the k largest predictions of its row).
// TopK's gradient follows TF's nn_grad.py _TopKGrad op for op: the row-flattened indices
// scatter the incoming gradient back into a zero tensor of the input's shape.
#include <string>

#include "liu/api/array.h"
#include "liu/api/array_index.h"
#include "liu/api/base.h"
#include "liu/api/math.h"
#include "liu/api/operators.h"
#include "liu/api/reduction.h"
#include "liu/autodiff/grad_context.h"
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

// input with its last dim replaced by k (unknown when k is not a graph-time constant).
Status top_k_shape(InferenceContext& ctx, int64_t k) {
  const Shape& input = ctx.input(0);
  if (!input.has_rank()) {
    ctx.set_output(0, Shape::unknown());
    ctx.set_output(1, Shape::unknown());
    return Status::ok();
  }
  if (input.rank() < 1)
    return ctx.error("Shape must be at least rank 1 but is rank " + std::to_string(input.rank()) +
                     " for input 0 with shape " + input.to_string());
  const int64_t last = input.dim(input.rank() - 1);
  if (last != kUnknownDim && k != kUnknownDim && last < k)
    return ctx.error("input must have last dimension >= k = " + std::to_string(k) + " but is " +
                     std::to_string(last));
  Shape out = input;
  out.set_dim(input.rank() - 1, k);
  ctx.set_output(0, out);
  ctx.set_output(1, out);
  return Status::ok();
}

Status top_k_v1_shape(InferenceContext& ctx) { return top_k_shape(ctx, ctx.attr<int64_t>("k")); }

// k is input 1, a scalar; its value when constant.
Status top_k_v2_shape(InferenceContext& ctx) {
  const Shape& k_shape = ctx.input(1);
  if (k_shape.has_rank() && k_shape.rank() != 0)
    return ctx.error("Shape must be rank 0 but is rank " + std::to_string(k_shape.rank()) +
                     " for input 1 with shape " + k_shape.to_string());
  int64_t k = kUnknownDim;
  if (const Tensor* t = ctx.input_tensor(1)) {
    k = t->dtype() == DType::kInt64   ? t->scalar_value<int64_t>()
        : t->dtype() == DType::kInt16 ? t->scalar_value<int16_t>()
                                      : t->scalar_value<int32_t>();
    if (k < 0)
      return ctx.error("Dimension size, given by scalar input 1, must be non-negative but is " +
                       std::to_string(k));
  }
  return top_k_shape(ctx, k);
}

// predictions [batch, classes], targets [batch] -> [batch] bools.
Status in_top_k_shape(InferenceContext& ctx) {
  const Shape& predictions = ctx.input(0);
  const Shape& targets = ctx.input(1);
  if (predictions.has_rank() && predictions.rank() != 2)
    return ctx.error("Shape must be rank 2 but is rank " + std::to_string(predictions.rank()) +
                     " for input 0 with shape " + predictions.to_string());
  if (targets.has_rank() && targets.rank() != 1)
    return ctx.error("Shape must be rank 1 but is rank " + std::to_string(targets.rank()) +
                     " for input 1 with shape " + targets.to_string());
  if (ctx.num_inputs() > 2) {
    const Shape& k = ctx.input(2);
    if (k.has_rank() && k.rank() != 0)
      return ctx.error("Shape must be rank 0 but is rank " + std::to_string(k.rank()) +
                       " for input 2 with shape " + k.to_string());
  }
  const int64_t a = predictions.has_rank() ? predictions.dim(0) : kUnknownDim;
  const int64_t b = targets.has_rank() ? targets.dim(0) : kUnknownDim;
  if (a != kUnknownDim && b != kUnknownDim && a != b)
    return ctx.error("Dimensions must be equal, but are " + std::to_string(a) + " and " +
                     std::to_string(b));
  ctx.set_output(0, Shape({a != kUnknownDim ? a : b}));
  return Status::ok();
}

// TF's _TopKGrad: indices + row * last_dim, flattened, scatter the gradient of `values`.
Status top_k_grad(GradContext& ctx) {
  const Output grad = ctx.grad(0);
  if (grad.node == nullptr) return Status::ok();
  const Output input = ctx.input(0);
  const Output indices = ctx.output(1);
  Output in_shape = shape(input);
  Output ind_shape = shape(indices);
  Output ind_lastdim = gather(cast(ind_shape, DType::kInt64), size(ind_shape) - 1);
  Output ind_2d = reshape(indices, stack({Input(int64_t{-1}), ind_lastdim}));
  Output in_lastdim = gather(cast(in_shape, DType::kInt64), size(in_shape) - 1);
  Output outerdim = strided_slice(shape(ind_2d), {0}, {1}, {1}, 0, 0, 0, 0, 1);
  Output rows = range(0, cast(outerdim, DType::kInt64) * in_lastdim, in_lastdim);
  Output offsets = cast(expand_dims(rows, -1), indices.dtype());
  Output ind = reshape(ind_2d + offsets, {-1});
  Output total = reduce_prod(in_shape);
  Output scattered = OpBuilder("ScatterNd", "ScatterNd")
                         .input(expand_dims(ind, -1))
                         .input(reshape(grad, {-1}))
                         .input(stack({total}, 0, "packed"))
                         .build();
  ctx.set_input_grad(0, reshape(scattered, in_shape));
  return Status::ok();
}

}  // namespace

LIU_OP("TopK")
    .input("input: T")
    .output("values: T")
    .output("indices: int32")
    .attr("k: int >= 0")
    .attr("sorted: bool = true")
    .attr("T: {float, double, int32, uint8, int16, int8, int64, uint16}")
    .shape(top_k_v1_shape)
    .grad(top_k_grad);

LIU_OP("TopKV2")
    .input("input: T")
    .input("k: Tk")
    .output("values: T")
    .output("indices: index_type")
    .attr("sorted: bool = true")
    .attr("T: {float, double, int32, uint8, int16, int8, int64, uint16}")
    .attr("Tk: {int16, int32, int64} = DT_INT32")
    .attr("index_type: {int16, int32, int64} = DT_INT32")
    .shape(top_k_v2_shape)
    .grad(top_k_grad);

LIU_OP("InTopK")
    .input("predictions: float")
    .input("targets: T")
    .output("precision: bool")
    .attr("k: int")
    .attr("T: {int32, int64} = DT_INT32")
    .shape(in_top_k_shape)
    .no_gradient();

LIU_OP("InTopKV2")
    .input("predictions: float")
    .input("targets: T")
    .input("k: T")
    .output("precision: bool")
    .attr("T: {int32, int64} = DT_INT32")
    .shape(in_top_k_shape)
    .no_gradient();

}  // namespace liu
