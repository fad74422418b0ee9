// Unique (array_ops.cc): the distinct values of a vector in order of first appearance, and for
// each element the position of its value in that list. The shape of y is data dependent.
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

Status unique_shape(InferenceContext& ctx) {
  const Shape& x = ctx.input(0);
  if (x.has_rank() && x.rank() != 1)
    return ctx.error("unique expects a 1D vector, got shape " + x.to_string());
  ctx.set_output(0, Shape({kUnknownDim}));
  ctx.set_output(1, x.has_rank() ? x : Shape({kUnknownDim}));
  return Status::ok();
}

}  // namespace

LIU_OP("Unique")
    .input("x: T")
    .output("y: T")
    .output("idx: out_idx")
    .attr("T: type")
    .attr("out_idx: {int32, int64} = DT_INT32")
    .shape(unique_shape)
    .no_gradient();

}  // namespace liu
