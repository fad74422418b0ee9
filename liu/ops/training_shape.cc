#include "liu/ops/training_shape.h"

#include <string>

namespace liu::training {

Status merge_with_var(InferenceContext& ctx, int i, Shape* var) {
  Shape next;
  if (!var->merge(ctx.input(i), &next).is_ok())
    return ctx.error(ctx.node().op() + " requires input " + std::to_string(i) +
                     " to have the shape of var: var shape= " + ctx.input(0).to_string() +
                     " input shape= " + ctx.input(i).to_string());
  *var = next;
  return Status::ok();
}

Status check_scalar(InferenceContext& ctx, int i) {
  if (ctx.input(i).has_rank() && ctx.input(i).rank() != 0)
    return ctx.error(ctx.node().op() + " hyper-parameter input " + std::to_string(i) +
                     " must be a scalar, got shape " + ctx.input(i).to_string());
  return Status::ok();
}

}  // namespace liu::training
