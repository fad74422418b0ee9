#pragma once
// Input checks shared by the MatMul (matmul.cc) and _FusedMatMul (nn_fused_matmul.cc) kernels:
// fed shapes can differ from the inferred ones, so both re-validate them, with TF's errors.
#include <cstdint>
#include <string>

#include "liu/kernels/op_kernel.h"

namespace liu::matmul_dims {

struct Dims {
  int64_t m, k, n;  // op(a) is [m, k], op(b) is [k, n]
};

// Inputs 0 and 1 must be matrices whose inner dims agree after the transposes.
inline Status check_inputs(KernelContext& ctx, bool transpose_a, bool transpose_b, Dims* d) {
  for (int i = 0; i < 2; ++i)
    if (ctx.input(i).rank() != 2)
      return ctx.error("In[" + std::to_string(i) + "] is not a matrix. Instead it has shape " +
                       ctx.input(i).shape().to_string());
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  const int64_t kb = b.dim(transpose_b ? 1 : 0);
  *d = {a.dim(transpose_a ? 1 : 0), a.dim(transpose_a ? 0 : 1), b.dim(transpose_b ? 0 : 1)};
  if (d->k != kb)
    return ctx.error("Matrix size-incompatible: In[0]: " + a.shape().to_string() +
                     ", In[1]: " + b.shape().to_string());
  return Status::ok();
}

// The output shape [m, n]. An empty inner dim allows a huge m x n from tiny inputs, so the
// element count is checked.
inline Status output_shape(KernelContext& ctx, const Dims& d, Shape* out) {
  const int64_t dims[2] = {d.m, d.n};
  if (!make_shape_from_dims(dims, 2, out).is_ok())
    return ctx.error("output shape [" + std::to_string(d.m) + "," + std::to_string(d.n) +
                     "] has too many elements");
  return Status::ok();
}

}  // namespace liu::matmul_dims
