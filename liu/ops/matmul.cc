// Matrix products: MatMul (rank 2), BatchMatMul (equal batch dims) and BatchMatMulV2
// (broadcasting batch dims). Type lists are TF's, restricted to the dtypes Liu has.
// Gradients follow TF's math_grad.py (_MatMulGrad, _BatchMatMul, _BatchMatMulV2).
#include "liu/api/array.h"
#include "liu/api/reduction.h"
#include "liu/autodiff/grad_context.h"
#include "liu/ops/matmul_shape.h"

namespace liu {
namespace {

// A dim that may be unknown (-1) must equal another that may be unknown.
bool dims_conflict(int64_t a, int64_t b) { return a >= 0 && b >= 0 && a != b; }
int64_t merge_dim(int64_t a, int64_t b) { return a >= 0 ? a : b; }

}  // namespace

Status matmul_matrix_dims(InferenceContext& ctx, bool note_transposes, int64_t* m, int64_t* n) {
  const Shape& a = ctx.input(0);
  const Shape& b = ctx.input(1);
  for (int i = 0; i < 2; ++i) {
    const Shape& s = ctx.input(i);
    if (s.has_rank() && s.rank() != 2)
      return ctx.error("Shape must be rank 2 but is rank " + std::to_string(s.rank()) +
                       " for input " + std::to_string(i) + " with shape " + s.to_string());
  }
  const bool ta = ctx.attr<bool>("transpose_a");
  const bool tb = ctx.attr<bool>("transpose_b");
  auto dim = [](const Shape& s, int i) { return s.has_rank() ? s.dim(i) : kUnknownDim; };
  *m = dim(a, ta ? 1 : 0);
  *n = dim(b, tb ? 0 : 1);
  const int64_t ka = dim(a, ta ? 0 : 1), kb = dim(b, tb ? 1 : 0);
  if (dims_conflict(ka, kb))
    return ctx.error(
        "Matrix size-incompatible: In[0]: " + a.to_string() + ", In[1]: " + b.to_string() +
        (note_transposes && (ta || tb) ? std::string(" (transpose_a=") + (ta ? "true" : "false") +
                                             ", transpose_b=" + (tb ? "true" : "false") + ")"
                                       : std::string()));
  return Status::ok();
}

namespace {

Status matmul_shape(InferenceContext& ctx) {
  int64_t m, n;
  LIU_RETURN_IF_ERROR(matmul_matrix_dims(ctx, /*note_transposes=*/true, &m, &n));
  ctx.set_output(0, Shape({m, n}));
  return Status::ok();
}

// Checks the rank >= 2 of both batch-matmul inputs and the inner dims; returns the matrix
// dims (rows of x, cols of y) of the output.
Status batch_matrix_dims(InferenceContext& ctx, int64_t* rows, int64_t* cols) {
  for (int i = 0; i < 2; ++i) {
    const Shape& s = ctx.input(i);
    if (s.has_rank() && s.rank() < 2)
      return ctx.error("Shape must be at least rank 2 but is rank " + std::to_string(s.rank()) +
                       " for input " + std::to_string(i) + " with shape " + s.to_string());
  }
  const Shape& x = ctx.input(0);
  const Shape& y = ctx.input(1);
  const bool adj_x = ctx.attr<bool>("adj_x");
  const bool adj_y = ctx.attr<bool>("adj_y");
  auto dim_from_end = [](const Shape& s, int back) {
    return s.has_rank() ? s.dim(s.rank() - back) : kUnknownDim;
  };
  int64_t kx = dim_from_end(x, adj_x ? 2 : 1);
  int64_t ky = dim_from_end(y, adj_y ? 1 : 2);
  if (dims_conflict(kx, ky))
    return ctx.error("Matrix size-incompatible: In[0]: " + x.to_string() +
                     ", In[1]: " + y.to_string() + " (inner dimensions " + std::to_string(kx) +
                     " and " + std::to_string(ky) + " with adj_x=" + (adj_x ? "true" : "false") +
                     ", adj_y=" + (adj_y ? "true" : "false") + ")");
  *rows = dim_from_end(x, adj_x ? 1 : 2);
  *cols = dim_from_end(y, adj_y ? 2 : 1);
  return Status::ok();
}

Shape batch_part(const Shape& s) {
  if (!s.has_rank()) return Shape::unknown();
  return Shape(std::vector<int64_t>(s.dims().begin(), s.dims().end() - 2));
}

// BatchMatMul (v1): both inputs have the same rank and the same batch dims.
Status batch_matmul_shape(InferenceContext& ctx) {
  int64_t rows = 0, cols = 0;
  LIU_RETURN_IF_ERROR(batch_matrix_dims(ctx, &rows, &cols));
  const Shape& x = ctx.input(0);
  const Shape& y = ctx.input(1);
  if (x.has_rank() && y.has_rank() && x.rank() != y.rank())
    return ctx.error("In[0] and In[1] has different ndims: " + x.to_string() + " vs. " +
                     y.to_string());
  Shape bx = batch_part(x), by = batch_part(y);
  Shape batch = bx.has_rank() ? bx : by;
  if (bx.has_rank() && by.has_rank()) {
    for (int i = 0; i < bx.rank(); ++i) {
      if (dims_conflict(bx.dim(i), by.dim(i)))
        return ctx.error("In[0].dim(" + std::to_string(i) + ") and In[1].dim(" + std::to_string(i) +
                         ") must be the same: " + x.to_string() + " vs " + y.to_string());
      batch.set_dim(i, merge_dim(bx.dim(i), by.dim(i)));
    }
  }
  if (!batch.has_rank()) {
    ctx.set_output(0, Shape::unknown());
    return Status::ok();
  }
  batch.append(rows);
  batch.append(cols);
  ctx.set_output(0, batch);
  return Status::ok();
}

// BatchMatMulV2: batch dims broadcast like NumPy.
Status batch_matmul_v2_shape(InferenceContext& ctx) {
  int64_t rows = 0, cols = 0;
  LIU_RETURN_IF_ERROR(batch_matrix_dims(ctx, &rows, &cols));
  const Shape& x = ctx.input(0);
  const Shape& y = ctx.input(1);
  if (!x.has_rank() || !y.has_rank()) {
    ctx.set_output(0, Shape::unknown());
    return Status::ok();
  }
  Shape batch;
  if (!shape_fn::broadcast_shapes(batch_part(x), batch_part(y), &batch).is_ok())
    return ctx.error("In[0] and In[1] must have compatible batch dimensions: " + x.to_string() +
                     " vs. " + y.to_string());
  batch.append(rows);
  batch.append(cols);
  ctx.set_output(0, batch);
  return Status::ok();
}

// ---- gradients ----

// Integer products have no gradient (tf.gradients gives None for them), so only floating
// ones pass anything back.
bool differentiable(const GradContext& ctx) {
  return ctx.grad(0).node != nullptr && is_floating(ctx.input(0).dtype());
}

// One product of the gradient graph: a MatMul, or a BatchMatMulV2 for the batched ops (TF's
// math_ops.matmul with adjoint_* builds those), named "MatMul" like TF's.
Output grad_product(bool batched, const Output& a, const Output& b, bool ta, bool tb,
                    bool for_first_input) {
  OpBuilder op(batched ? "BatchMatMulV2" : "MatMul", "MatMul");
  op.input(a).input(b);
  op.attr(batched ? "adj_x" : "transpose_a", ta).attr(batched ? "adj_y" : "transpose_b", tb);
  // TF marks which operand's gradient a product computes (grad_a / grad_b, batched: grad_x /
  // grad_y); kernels may use it to pick an algorithm.
  const char* mark =
      for_first_input ? (batched ? "grad_x" : "grad_a") : (batched ? "grad_y" : "grad_b");
  op.attr(mark, true);
  return op.build();
}

// For C = op(A) op(B), dA and dB are products of dC with the other input, arranged so the
// result has A's and B's (not op(A)'s) layout: the four transpose cases of _MatMulGrad.
void product_grads(GradContext& ctx, bool batched, bool ta, bool tb, Output* ga, Output* gb) {
  const Output a = ctx.input(0), b = ctx.input(1), g = ctx.grad(0);
  if (!ta && !tb) {
    *ga = grad_product(batched, g, b, false, true, true);
    *gb = grad_product(batched, a, g, true, false, false);
  } else if (!ta && tb) {
    *ga = grad_product(batched, g, b, false, false, true);
    *gb = grad_product(batched, g, a, true, false, false);
  } else if (ta && !tb) {
    *ga = grad_product(batched, b, g, false, true, true);
    *gb = grad_product(batched, a, g, false, false, false);
  } else {
    *ga = grad_product(batched, b, g, true, true, true);
    *gb = grad_product(batched, g, a, true, true, false);
  }
}

Status matmul_grad(GradContext& ctx) {
  if (!differentiable(ctx)) return Status::ok();
  Output ga, gb;
  product_grads(ctx, false, ctx.attr<bool>("transpose_a"), ctx.attr<bool>("transpose_b"), &ga, &gb);
  ctx.set_input_grad(0, ga);
  ctx.set_input_grad(1, gb);
  return Status::ok();
}

// BatchMatMul: both inputs have the same batch dims, so the products need no reduction.
Status batch_matmul_grad(GradContext& ctx) {
  if (!differentiable(ctx)) return Status::ok();
  Output gx, gy;
  product_grads(ctx, true, ctx.attr<bool>("adj_x"), ctx.attr<bool>("adj_y"), &gx, &gy);
  ctx.set_input_grad(0, gx);
  ctx.set_input_grad(1, gy);
  return Status::ok();
}

// The leading axes of `full` (a known batched product's gradient shape) that broadcasting
// added to or stretched from `in`'s batch dims.
std::vector<int32_t> stretched_batch_axes(const Shape& in, const Shape& full) {
  std::vector<int32_t> axes;
  const int batch_rank = full.rank() - 2;
  const int offset = batch_rank - (in.rank() - 2);
  for (int i = 0; i < batch_rank; ++i)
    if (i < offset || (in.dim(i - offset) == 1 && full.dim(i) != 1)) axes.push_back(i);
  return axes;
}

// BatchMatMulV2: the products have the broadcast batch dims; each is summed over the batch
// axes its input was broadcast along and reshaped back to that input's shape, as TF does
// (Sum + Reshape, "Sum"/"Reshape" and "Sum_1"/"Reshape_1"). Nothing is added when both batch
// shapes are known and equal. With fully known shapes the axes are constants; otherwise
// Shape, StridedSlice and BroadcastGradientArgs find them at run time.
Status batch_matmul_v2_grad(GradContext& ctx) {
  if (!differentiable(ctx)) return Status::ok();
  Output grads[2];
  product_grads(ctx, true, ctx.attr<bool>("adj_x"), ctx.attr<bool>("adj_y"), &grads[0], &grads[1]);
  const Shape& sx = ctx.input(0).shape();
  const Shape& sy = ctx.input(1).shape();
  const bool known = sx.is_fully_defined() && sy.is_fully_defined();
  if (known && batch_part(sx) == batch_part(sy)) {
    ctx.set_input_grad(0, grads[0]);
    ctx.set_input_grad(1, grads[1]);
    return Status::ok();
  }
  if (known && grads[0].shape().is_fully_defined() && grads[1].shape().is_fully_defined()) {
    for (int i = 0; i < 2; ++i) {
      const Shape& in = i == 0 ? sx : sy;
      std::vector<int32_t> axes = stretched_batch_axes(in, grads[i].shape());
      Output summed = reduce_sum(grads[i], Tensor::from_vector(axes), false, "Sum");
      std::vector<int32_t> dims(in.dims().begin(), in.dims().end());
      ctx.set_input_grad(i, reshape(summed, Tensor::from_vector(dims), "Reshape"));
    }
    return Status::ok();
  }
  Output shapes[2], batches[2];
  for (int i = 0; i < 2; ++i) {
    shapes[i] = shape(ctx.input(i), DType::kInt32, "Shape");
    batches[i] = strided_slice(shapes[i], std::vector<int32_t>{0}, std::vector<int32_t>{-2},
                               std::vector<int32_t>{1}, 0, 0, 0, 0, 0, "strided_slice");
  }
  std::vector<Output> axes = OpBuilder("BroadcastGradientArgs", "BroadcastGradientArgs")
                                 .input(batches[0])
                                 .input(batches[1])
                                 .build_outputs();
  for (int i = 0; i < 2; ++i) {
    Output summed = reduce_sum(grads[i], axes[i], false, "Sum");
    ctx.set_input_grad(i, reshape(summed, shapes[i], "Reshape"));
  }
  return Status::ok();
}

}  // namespace

LIU_OP("MatMul")
    .input("a: T")
    .input("b: T")
    .output("product: T")
    .attr("transpose_a: bool = false")
    .attr("transpose_b: bool = false")
    .attr("T: {float, double, int32, int64, uint8, uint16}")
    .attr("grad_a: bool = false")
    .attr("grad_b: bool = false")
    .shape(matmul_shape)
    .grad(matmul_grad);

LIU_OP("BatchMatMul")
    .input("x: T")
    .input("y: T")
    .output("output: T")
    .attr("T: {float, double, int32, int64}")
    .attr("adj_x: bool = false")
    .attr("adj_y: bool = false")
    .attr("grad_x: bool = false")
    .attr("grad_y: bool = false")
    .shape(batch_matmul_shape)
    .grad(batch_matmul_grad);

LIU_OP("BatchMatMulV2")
    .input("x: T")
    .input("y: T")
    .output("output: T")
    .attr("T: {float, double, int16, int32, int64, uint8, uint16}")
    .attr("adj_x: bool = false")
    .attr("adj_y: bool = false")
    .attr("grad_x: bool = false")
    .attr("grad_y: bool = false")
    .shape(batch_matmul_v2_shape)
    .grad(batch_matmul_v2_grad);

}  // namespace liu
