#pragma once
// Gradient functions of the elementwise math ops (TF's math_grad.py and Relu's from
// nn_grad.py), attached to the op declarations in liu/ops/math.cc. Each builds ordinary
// differentiable ops, so gradients of gradients work. Functions registered with
// grad_with_broadcast return the gradients of inputs 0 and 1 in the output's broadcast shape;
// the autodiff driver sums them back to each input's shape.
#include "liu/autodiff/grad_context.h"

namespace liu::math_grad {

// ---- unary ----
Status neg(GradContext& ctx);
Status abs(GradContext& ctx);
Status sign(GradContext& ctx);
Status square(GradContext& ctx);
Status sqrt(GradContext& ctx);
Status rsqrt(GradContext& ctx);
Status exp(GradContext& ctx);
Status log(GradContext& ctx);
Status log1p(GradContext& ctx);
Status sin(GradContext& ctx);
Status cos(GradContext& ctx);
Status tanh(GradContext& ctx);
Status sigmoid(GradContext& ctx);
Status relu(GradContext& ctx);
Status reciprocal(GradContext& ctx);

// ---- the helper ops' own gradients (second derivatives) ----
Status tanh_grad(GradContext& ctx);
Status sigmoid_grad(GradContext& ctx);
Status sqrt_grad(GradContext& ctx);
Status rsqrt_grad(GradContext& ctx);
Status reciprocal_grad(GradContext& ctx);
Status relu_grad(GradContext& ctx);

// ---- binary, in the broadcast shape (grad_with_broadcast) ----
Status add(GradContext& ctx);
Status sub(GradContext& ctx);
Status mul(GradContext& ctx);
Status real_div(GradContext& ctx);
Status div_no_nan(GradContext& ctx);
Status div(GradContext& ctx);
Status pow(GradContext& ctx);
Status maximum(GradContext& ctx);
Status minimum(GradContext& ctx);
Status squared_difference(GradContext& ctx);
Status floor_mod(GradContext& ctx);

// ---- others ----
Status select(GradContext& ctx);
// SelectV2 broadcasts three inputs, so it reduces its own gradients to t's and e's shapes.
Status select_v2(GradContext& ctx);
Status add_n(GradContext& ctx);
Status cast(GradContext& ctx);

}  // namespace liu::math_grad
