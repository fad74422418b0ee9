// TF1 optimizer update ops (training_ops.cc): each Apply* updates `var` and its slot
// variables in place through Ref(T) inputs and returns `var` as its Ref output.
#include <set>

#include "liu/ops/training_shape.h"

namespace liu {
namespace {

// Every non-scalar input (var, slots, grad) must have var's shape; the hyper-parameters at
// `scalars` must be scalars. The output is the merge of all the tensor shapes.
ShapeFn apply_shape(std::set<int> scalars) {
  return [scalars](InferenceContext& ctx) -> Status {
    Shape merged = ctx.input(0);
    // Input order, so the first bad input is the one reported.
    for (int i = 1; i < ctx.num_inputs(); ++i)
      LIU_RETURN_IF_ERROR(scalars.count(i) ? training::check_scalar(ctx, i)
                                           : training::merge_with_var(ctx, i, &merged));
    ctx.set_output(0, merged);
    return Status::ok();
  };
}

}  // namespace

LIU_OP("ApplyGradientDescent")
    .input("var: Ref(T)")
    .input("alpha: T")
    .input("delta: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(apply_shape({1}))
    .no_gradient();

LIU_OP("ApplyMomentum")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("lr: T")
    .input("grad: T")
    .input("momentum: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .attr("use_nesterov: bool = false")
    .set_stateful()
    .shape(apply_shape({2, 4}))
    .no_gradient();

LIU_OP("ApplyAdagrad")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("lr: T")
    .input("grad: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .attr("update_slots: bool = true")
    .set_stateful()
    .shape(apply_shape({2}))
    .no_gradient();

LIU_OP("ApplyRMSProp")
    .input("var: Ref(T)")
    .input("ms: Ref(T)")
    .input("mom: Ref(T)")
    .input("lr: T")
    .input("rho: T")
    .input("momentum: T")
    .input("epsilon: T")
    .input("grad: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(apply_shape({3, 4, 5, 6}))
    .no_gradient();

LIU_OP("ApplyCenteredRMSProp")
    .input("var: Ref(T)")
    .input("mg: Ref(T)")
    .input("ms: Ref(T)")
    .input("mom: Ref(T)")
    .input("lr: T")
    .input("rho: T")
    .input("momentum: T")
    .input("epsilon: T")
    .input("grad: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(apply_shape({4, 5, 6, 7}))
    .no_gradient();

LIU_OP("ApplyAdam")
    .input("var: Ref(T)")
    .input("m: Ref(T)")
    .input("v: Ref(T)")
    .input("beta1_power: T")
    .input("beta2_power: T")
    .input("lr: T")
    .input("beta1: T")
    .input("beta2: T")
    .input("epsilon: T")
    .input("grad: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .attr("use_nesterov: bool = false")
    .set_stateful()
    .shape(apply_shape({3, 4, 5, 6, 7, 8}))
    .no_gradient();

LIU_OP("ApplyAdadelta")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("accum_update: Ref(T)")
    .input("lr: T")
    .input("rho: T")
    .input("epsilon: T")
    .input("grad: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .set_stateful()
    .shape(apply_shape({3, 4, 5}))
    .no_gradient();

LIU_OP("ApplyFtrl")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("linear: Ref(T)")
    .input("grad: T")
    .input("lr: T")
    .input("l1: T")
    .input("l2: T")
    .input("lr_power: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .attr("multiply_linear_by_lr: bool = false")
    .set_stateful()
    .shape(apply_shape({4, 5, 6, 7}))
    .no_gradient();

LIU_OP("ApplyFtrlV2")
    .input("var: Ref(T)")
    .input("accum: Ref(T)")
    .input("linear: Ref(T)")
    .input("grad: T")
    .input("lr: T")
    .input("l1: T")
    .input("l2: T")
    .input("l2_shrinkage: T")
    .input("lr_power: T")
    .output("out: Ref(T)")
    .attr("T: {float, double}")
    .attr("use_locking: bool = false")
    .attr("multiply_linear_by_lr: bool = false")
    .set_stateful()
    .shape(apply_shape({4, 5, 6, 7, 8}))
    .no_gradient();

}  // namespace liu
