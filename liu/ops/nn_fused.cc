// _FusedMatMul: MatMul followed by BiasAdd and an optional activation in one kernel. Users do
// not write it: the run-plan rewrite in liu/runtime/fuse_nodes.cc creates it (after gradients
// were built), so it has no gradient. Signature and attrs are TF's; T is float only (TF also
// allows bfloat16 and half, which Liu does not have).
#include "liu/ops/matmul_shape.h"

namespace liu {
namespace {

bool dims_conflict(int64_t a, int64_t b) { return a >= 0 && b >= 0 && a != b; }

Status fused_matmul_shape(InferenceContext& ctx) {
  int64_t m, n;
  LIU_RETURN_IF_ERROR(matmul_matrix_dims(ctx, /*note_transposes=*/false, &m, &n));
  // Every supported fusion starts with BiasAdd: exactly one argument, a vector of n.
  if (ctx.num_inputs() != 3)
    return ctx.error("expected one fused argument (the bias), got " +
                     std::to_string(ctx.num_inputs() - 2));
  const Shape& bias = ctx.input(2);
  if (bias.has_rank() && bias.rank() != 1)
    return ctx.error("bias must be 1-D: " + bias.to_string());
  if (bias.has_rank() && dims_conflict(bias.dim(0), n))
    return ctx.error("Must provide as many biases as the last dimension of the input tensor: " +
                     bias.to_string() + " vs. " + Shape({m, n}).to_string());
  ctx.set_output(0, Shape({m, n}));
  return Status::ok();
}

}  // namespace

LIU_OP("_FusedMatMul")
    .input("a: T")
    .input("b: T")
    .input("args: num_args * T")
    .output("product: T")
    .attr("transpose_a: bool = false")
    .attr("transpose_b: bool = false")
    .attr("T: {float}")
    .attr("num_args: int >= 0")
    .attr("fused_ops: list(string) = []")
    .attr("epsilon: float = 0.0001")
    .attr("leakyrelu_alpha: float = 0.2")
    .shape(fused_matmul_shape)
    .no_gradient();

}  // namespace liu
