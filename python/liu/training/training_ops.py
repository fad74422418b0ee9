"""Python wrappers of the Apply* optimizer update ops (TF's gen_training_ops).

Each takes the variable and its slots as ref inputs (a tf.Variable converts to its ref) and
returns the updated variable's ref tensor.
"""
from liu.ops.op_def_library import apply_op_output

__all__ = ["apply_gradient_descent", "apply_momentum", "apply_adagrad", "apply_rms_prop",
           "apply_centered_rms_prop", "apply_adam", "apply_adadelta", "apply_ftrl",
           "apply_ftrl_v2", "sparse_apply_momentum", "sparse_apply_adagrad",
           "sparse_apply_rms_prop", "sparse_apply_centered_rms_prop", "sparse_apply_adadelta",
           "sparse_apply_ftrl", "sparse_apply_ftrl_v2"]


def apply_gradient_descent(var, alpha, delta, use_locking=False, name=None):
    return apply_op_output("ApplyGradientDescent", name=name, var=var, alpha=alpha, delta=delta,
                           use_locking=use_locking)


def apply_momentum(var, accum, lr, grad, momentum, use_locking=False, use_nesterov=False,
                   name=None):
    return apply_op_output("ApplyMomentum", name=name, var=var, accum=accum, lr=lr, grad=grad,
                           momentum=momentum, use_locking=use_locking, use_nesterov=use_nesterov)


def apply_adagrad(var, accum, lr, grad, use_locking=False, update_slots=True, name=None):
    return apply_op_output("ApplyAdagrad", name=name, var=var, accum=accum, lr=lr, grad=grad,
                           use_locking=use_locking, update_slots=update_slots)


def apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False, name=None):
    return apply_op_output("ApplyRMSProp", name=name, var=var, ms=ms, mom=mom, lr=lr, rho=rho,
                           momentum=momentum, epsilon=epsilon, grad=grad, use_locking=use_locking)


def apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False,
                            name=None):
    return apply_op_output("ApplyCenteredRMSProp", name=name, var=var, mg=mg, ms=ms, mom=mom,
                           lr=lr, rho=rho, momentum=momentum, epsilon=epsilon, grad=grad,
                           use_locking=use_locking)


def apply_adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad,
               use_locking=False, use_nesterov=False, name=None):
    return apply_op_output("ApplyAdam", name=name, var=var, m=m, v=v, beta1_power=beta1_power,
                           beta2_power=beta2_power, lr=lr, beta1=beta1, beta2=beta2,
                           epsilon=epsilon, grad=grad, use_locking=use_locking,
                           use_nesterov=use_nesterov)


def apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, use_locking=False, name=None):
    return apply_op_output("ApplyAdadelta", name=name, var=var, accum=accum,
                           accum_update=accum_update, lr=lr, rho=rho, epsilon=epsilon, grad=grad,
                           use_locking=use_locking)


def apply_ftrl(var, accum, linear, grad, lr, l1, l2, lr_power, use_locking=False,
               multiply_linear_by_lr=False, name=None):
    return apply_op_output("ApplyFtrl", name=name, var=var, accum=accum, linear=linear, grad=grad,
                           lr=lr, l1=l1, l2=l2, lr_power=lr_power, use_locking=use_locking,
                           multiply_linear_by_lr=multiply_linear_by_lr)


def apply_ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False,
                  multiply_linear_by_lr=False, name=None):
    return apply_op_output("ApplyFtrlV2", name=name, var=var, accum=accum, linear=linear,
                           grad=grad, lr=lr, l1=l1, l2=l2, l2_shrinkage=l2_shrinkage,
                           lr_power=lr_power, use_locking=use_locking,
                           multiply_linear_by_lr=multiply_linear_by_lr)


# ---- SparseApply*: update only the rows `indices` of var and its slots with `grad`'s rows ----
def sparse_apply_momentum(var, accum, lr, grad, indices, momentum, use_locking=False,
                          use_nesterov=False, name=None):
    return apply_op_output("SparseApplyMomentum", name=name, var=var, accum=accum, lr=lr,
                           grad=grad, indices=indices, momentum=momentum,
                           use_locking=use_locking, use_nesterov=use_nesterov)


def sparse_apply_adagrad(var, accum, lr, grad, indices, use_locking=False, update_slots=True,
                         name=None):
    return apply_op_output("SparseApplyAdagrad", name=name, var=var, accum=accum, lr=lr,
                           grad=grad, indices=indices, use_locking=use_locking,
                           update_slots=update_slots)


def sparse_apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, indices,
                          use_locking=False, name=None):
    return apply_op_output("SparseApplyRMSProp", name=name, var=var, ms=ms, mom=mom, lr=lr,
                           rho=rho, momentum=momentum, epsilon=epsilon, grad=grad,
                           indices=indices, use_locking=use_locking)


def sparse_apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, indices,
                                   use_locking=False, name=None):
    return apply_op_output("SparseApplyCenteredRMSProp", name=name, var=var, mg=mg, ms=ms,
                           mom=mom, lr=lr, rho=rho, momentum=momentum, epsilon=epsilon,
                           grad=grad, indices=indices, use_locking=use_locking)


def sparse_apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, indices,
                          use_locking=False, name=None):
    return apply_op_output("SparseApplyAdadelta", name=name, var=var, accum=accum,
                           accum_update=accum_update, lr=lr, rho=rho, epsilon=epsilon,
                           grad=grad, indices=indices, use_locking=use_locking)


def sparse_apply_ftrl(var, accum, linear, grad, indices, lr, l1, l2, lr_power, use_locking=False,
                      multiply_linear_by_lr=False, name=None):
    return apply_op_output("SparseApplyFtrl", name=name, var=var, accum=accum, linear=linear,
                           grad=grad, indices=indices, lr=lr, l1=l1, l2=l2, lr_power=lr_power,
                           use_locking=use_locking, multiply_linear_by_lr=multiply_linear_by_lr)


def sparse_apply_ftrl_v2(var, accum, linear, grad, indices, lr, l1, l2, l2_shrinkage, lr_power,
                         use_locking=False, multiply_linear_by_lr=False, name=None):
    return apply_op_output("SparseApplyFtrlV2", name=name, var=var, accum=accum, linear=linear,
                           grad=grad, indices=indices, lr=lr, l1=l1, l2=l2,
                           l2_shrinkage=l2_shrinkage, lr_power=lr_power, use_locking=use_locking,
                           multiply_linear_by_lr=multiply_linear_by_lr)
