// TF1 scatter updates of a Ref variable (state_ops.cc ScatterAdd/ScatterSub/ScatterUpdate):
// ref[indices[i], ...] (+=, -=, =) updates[i, ...]. The optimizers' sparse paths use them.
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

// updates must have shape indices.shape + ref.shape[1:] (or be a scalar); output is ref's.
Status scatter_shape(InferenceContext& ctx) {
  const Shape& ref = ctx.input(0);
  const Shape& idx = ctx.input(1);
  const Shape& upd = ctx.input(2);
  if (ref.has_rank() && ref.rank() == 0)
    return ctx.error("Expected ref to be at least 1-D, got shape " + ref.to_string());
  if (ref.has_rank() && idx.has_rank() && upd.has_rank() && upd.rank() != 0) {
    bool ok = upd.rank() == idx.rank() + ref.rank() - 1;
    for (int d = 0; ok && d < upd.rank(); ++d) {
      const int64_t want = d < idx.rank() ? idx.dim(d) : ref.dim(d - idx.rank() + 1);
      ok = want < 0 || upd.dim(d) < 0 || want == upd.dim(d);
    }
    if (!ok)
      return ctx.error(
          "Shapes must be equal rank, or updates.shape = indices.shape + "
          "ref.shape[1:]: updates shape " +
          upd.to_string() + ", indices shape " + idx.to_string() + ", ref shape " +
          ref.to_string());
  }
  ctx.set_output(0, ref);
  return Status::ok();
}

}  // namespace

LIU_OP("ScatterAdd")
    .input("ref: Ref(T)")
    .input("indices: Tindices")
    .input("updates: T")
    .output("output_ref: Ref(T)")
    .attr("T: {float, double, int32, int64}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(scatter_shape)
    .no_gradient();

LIU_OP("ScatterSub")
    .input("ref: Ref(T)")
    .input("indices: Tindices")
    .input("updates: T")
    .output("output_ref: Ref(T)")
    .attr("T: {float, double, int32, int64}")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(scatter_shape)
    .no_gradient();

LIU_OP("ScatterUpdate")
    .input("ref: Ref(T)")
    .input("indices: Tindices")
    .input("updates: T")
    .output("output_ref: Ref(T)")
    .attr("T: type")
    .attr("Tindices: {int32, int64}")
    .attr("use_locking: bool = true")
    .set_stateful()
    .shape(scatter_shape)
    .no_gradient();

}  // namespace liu
