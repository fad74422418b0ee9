// TF1 sparse optimizer updates (training_ops.cc SparseApply*): like the Apply* ops, but `grad`
// holds rows of var's gradient and `indices` says which rows of var (and of the slots) they
// update. Duplicate indices are applied one after the other, in order, as TensorFlow does.
#include <set>

#include "liu/ops/training_shape.h"

namespace liu {
namespace {

// Refs [0, num_refs) share var's shape; `scalars` are rank 0; grad has indices' length as its
// first dim and var's inner dims; indices is a vector. The output has var's shape.
ShapeFn sparse_apply_shape(int num_refs, int grad, int indices, std::set<int> scalars) {
  return [=](InferenceContext& ctx) -> Status {
    Shape var = ctx.input(0);
    for (int i = 1; i < num_refs; ++i) LIU_RETURN_IF_ERROR(training::merge_with_var(ctx, i, &var));
    for (int i : scalars) LIU_RETURN_IF_ERROR(training::check_scalar(ctx, i));
    const Shape& g = ctx.input(grad);
    const Shape& idx = ctx.input(indices);
    if (idx.has_rank() && idx.rank() != 1)
      return ctx.error("indices must be one-dimensional, got shape " + idx.to_string());
    if (g.has_rank() && g.rank() == 0)
      return ctx.error("grad must be at least one dimensional, got shape " + g.to_string());
    if (g.has_rank() && var.has_rank()) {
      if (g.rank() != var.rank())
        return ctx.error("var and grad must have the same rank: var shape= " + var.to_string() +
                         " grad shape= " + g.to_string());
      for (int d = 1; d < g.rank(); ++d)
        if (g.dim(d) >= 0 && var.dim(d) >= 0 && g.dim(d) != var.dim(d))
          return ctx.error("var and grad must match in dimension " + std::to_string(d) +
                           ": var shape= " + var.to_string() + " grad shape= " + g.to_string());
    }
    if (g.has_rank() && idx.has_rank() && g.dim(0) >= 0 && idx.dim(0) >= 0 &&
        g.dim(0) != idx.dim(0))
      return ctx.error(
          "grad must be the same size as indices in the first dimension: grad shape= " +
          g.to_string() + " indices shape= " + idx.to_string());
    ctx.set_output(0, var);
    return Status::ok();
  };
}

}  // namespace

LIU_OP("SparseApplyMomentum")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("lr: T")
    .input("grad: T")
    .input("indices: Tindices")
    .input("momentum: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .attr("use_nesterov: bool = false")
    .set_stateful()
    .shape(sparse_apply_shape(2, 3, 4, {2, 5}))
    .no_gradient();

LIU_OP("SparseApplyAdagrad")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("lr: T")
    .input("grad: T")
    .input("indices: Tindices")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .attr("update_slots: bool = true")
    .set_stateful()
    .shape(sparse_apply_shape(2, 3, 4, {2}))
    .no_gradient();

LIU_OP("SparseApplyRMSProp")
    .input("var: Ref(T)")
    .input("ms: Ref(T)")
    .input("mom: Ref(T)")
    .input("lr: T")
    .input("rho: T")
    .input("momentum: T")
    .input("epsilon: T")
    .input("grad: T")
    .input("indices: Tindices")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(sparse_apply_shape(3, 7, 8, {3, 4, 5, 6}))
    .no_gradient();

LIU_OP("SparseApplyCenteredRMSProp")
    .input("var: Ref(T)")
    .input("mg: Ref(T)")
    .input("ms: Ref(T)")
    .input("mom: Ref(T)")
    .input("lr: T")
    .input("rho: T")
    .input("momentum: T")
    .input("epsilon: T")
    .input("grad: T")
    .input("indices: Tindices")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(sparse_apply_shape(4, 8, 9, {4, 5, 6, 7}))
    .no_gradient();

LIU_OP("SparseApplyAdadelta")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("accum_update: Ref(T)")
    .input("lr: T")
    .input("rho: T")
    .input("epsilon: T")
    .input("grad: T")
    .input("indices: Tindices")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(sparse_apply_shape(3, 6, 7, {3, 4, 5}))
    .no_gradient();

LIU_OP("SparseApplyFtrl")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("linear: Ref(T)")
    .input("grad: T")
    .input("indices: Tindices")
    .input("lr: T")
    .input("l1: T")
    .input("l2: T")
    .input("lr_power: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .attr("multiply_linear_by_lr: bool = false")
    .set_stateful()
    .shape(sparse_apply_shape(3, 3, 4, {5, 6, 7, 8}))
    .no_gradient();

LIU_OP("SparseApplyFtrlV2")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("linear: Ref(T)")
    .input("grad: T")
    .input("indices: Tindices")
    .input("lr: T")
    .input("l1: T")
    .input("l2: T")
    .input("l2_shrinkage: T")
    .input("lr_power: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .attr("multiply_linear_by_lr: bool = false")
    .set_stateful()
    .shape(sparse_apply_shape(3, 3, 4, {5, 6, 7, 8, 9}))
    .no_gradient();

}  // namespace liu
