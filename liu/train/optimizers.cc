#include "liu/train/optimizers.h"

#include "liu/api/math.h"

namespace liu::train {

// TF's ApplyX takes the whole gradient where SparseApplyX takes its (values, indices); the
// other inputs are the same, so each optimizer builds both ops in one place.
struct UpdateGrad {
  std::string op_prefix;
  std::vector<Output> inputs;
};

namespace {

UpdateGrad dense_grad(const Output& grad) { return {"", {grad}}; }
UpdateGrad sparse_grad(const Gradient& grad) { return {"Sparse", {grad.values, grad.indices}}; }

// `op` (without the "Sparse" prefix) with `before`, then the gradient, then `after`.
OpBuilder update_op(const std::string& op, const UpdateGrad& grad,
                    const std::vector<Output>& before, const std::vector<Output>& after = {}) {
  OpBuilder builder(grad.op_prefix + op);
  for (const Output& in : before) builder.input(in);
  for (const Output& in : grad.inputs) builder.input(in);
  for (const Output& in : after) builder.input(in);
  return builder;
}

}  // namespace

void GradientDescentOptimizer::prepare(Graph& g, DType dtype) {
  lr_t_ = hyper(g, lr_, dtype, "learning_rate");
}
Output GradientDescentOptimizer::apply_dense(const Output& grad, const Variable& var) {
  return OpBuilder("ApplyGradientDescent").input(var.ref()).input(lr_t_).input(grad).build();
}

void MomentumOptimizer::create_slots(Graph& g, const std::vector<Variable>& vars) {
  for (const Variable& v : vars) make_slot(g, v, "momentum", name(), 0.0);
}
void MomentumOptimizer::prepare(Graph& g, DType dtype) {
  lr_t_ = hyper(g, lr_, dtype, "learning_rate");
  momentum_t_ = hyper(g, momentum_, dtype, "momentum");
}
Output MomentumOptimizer::update(const UpdateGrad& grad, const Variable& var) const {
  return update_op("ApplyMomentum", grad, {var.ref(), get_slot(var, "momentum").ref(), lr_t_},
                   {momentum_t_})
      .attr("use_nesterov", nesterov_)
      .build();
}
Output MomentumOptimizer::apply_dense(const Output& grad, const Variable& var) {
  return update(dense_grad(grad), var);
}

void AdagradOptimizer::create_slots(Graph& g, const std::vector<Variable>& vars) {
  for (const Variable& v : vars) make_slot(g, v, "accumulator", name(), initial_);
}
void AdagradOptimizer::prepare(Graph& g, DType dtype) {
  lr_t_ = hyper(g, lr_, dtype, "learning_rate");
}
Output AdagradOptimizer::update(const UpdateGrad& grad, const Variable& var) const {
  return update_op("ApplyAdagrad", grad, {var.ref(), get_slot(var, "accumulator").ref(), lr_t_})
      .build();
}
Output AdagradOptimizer::apply_dense(const Output& grad, const Variable& var) {
  return update(dense_grad(grad), var);
}

void RMSPropOptimizer::create_slots(Graph& g, const std::vector<Variable>& vars) {
  // TF's creation order fixes the slot names: rms, then mg (centered), then momentum.
  for (const Variable& v : vars) {
    make_slot(g, v, "rms", name(), 1.0);
    if (centered_) make_slot(g, v, "mg", name(), 0.0);
    make_slot(g, v, "momentum", name(), 0.0);
  }
}
void RMSPropOptimizer::prepare(Graph& g, DType dtype) {
  lr_t_ = hyper(g, lr_, dtype, "learning_rate");
  decay_t_ = hyper(g, decay_, dtype, "decay");
  momentum_t_ = hyper(g, momentum_, dtype, "momentum");
  epsilon_t_ = hyper(g, epsilon_, dtype, "epsilon");
}
Output RMSPropOptimizer::update(const UpdateGrad& grad, const Variable& var) const {
  std::vector<Output> before = {var.ref()};
  if (centered_) before.push_back(get_slot(var, "mg").ref());
  before.insert(before.end(), {get_slot(var, "rms").ref(), get_slot(var, "momentum").ref(), lr_t_,
                               decay_t_, momentum_t_, epsilon_t_});
  return update_op(centered_ ? "ApplyCenteredRMSProp" : "ApplyRMSProp", grad, before).build();
}
Output RMSPropOptimizer::apply_dense(const Output& grad, const Variable& var) {
  return update(dense_grad(grad), var);
}

void AdamOptimizer::create_slots(Graph& g, const std::vector<Variable>& vars) {
  if (beta_powers_.empty()) {
    const DType dtype = vars[0].dtype();
    beta_powers_.emplace_back(
        g, constant(g, Input(beta1_), dtype, Shape(), "beta1_power/initial_value"), "beta1_power",
        false);
    beta_powers_.emplace_back(
        g, constant(g, Input(beta2_), dtype, Shape(), "beta2_power/initial_value"), "beta2_power",
        false);
  }
  for (const Variable& v : vars) {
    make_slot(g, v, "m", name(), 0.0);
    make_slot(g, v, "v", name(), 0.0);
  }
}
void AdamOptimizer::prepare(Graph& g, DType dtype) {
  lr_t_ = hyper(g, lr_, dtype, "learning_rate");
  beta1_t_ = hyper(g, beta1_, dtype, "beta1");
  beta2_t_ = hyper(g, beta2_, dtype, "beta2");
  epsilon_t_ = hyper(g, epsilon_, dtype, "epsilon");
}
Output AdamOptimizer::apply_dense(const Output& grad, const Variable& var) {
  return OpBuilder("ApplyAdam")
      .input(var.ref())
      .input(get_slot(var, "m").ref())
      .input(get_slot(var, "v").ref())
      .input(beta_powers_[0].value())
      .input(beta_powers_[1].value())
      .input(lr_t_)
      .input(beta1_t_)
      .input(beta2_t_)
      .input(epsilon_t_)
      .input(grad)
      .build();
}
Node* AdamOptimizer::finish(Graph& g, const std::vector<Node*>& updates, const std::string& name) {
  // The beta powers advance only after every variable used the current ones.
  std::vector<Node*> all = updates;
  {
    ControlDependencies deps(g, updates);
    all.push_back(
        assign(beta_powers_[0].ref(), multiply(beta_powers_[0].value(), beta1_t_), false).node);
    all.push_back(
        assign(beta_powers_[1].ref(), multiply(beta_powers_[1].value(), beta2_t_), false).node);
  }
  return group(g, all, name);
}

void AdadeltaOptimizer::create_slots(Graph& g, const std::vector<Variable>& vars) {
  for (const Variable& v : vars) {
    make_slot(g, v, "accum", name(), 0.0);
    make_slot(g, v, "accum_update", name(), 0.0);
  }
}
void AdadeltaOptimizer::prepare(Graph& g, DType dtype) {
  lr_t_ = hyper(g, lr_, dtype, "lr");
  rho_t_ = hyper(g, rho_, dtype, "rho");
  epsilon_t_ = hyper(g, epsilon_, dtype, "epsilon");
}
Output AdadeltaOptimizer::update(const UpdateGrad& grad, const Variable& var) const {
  return update_op("ApplyAdadelta", grad,
                   {var.ref(), get_slot(var, "accum").ref(), get_slot(var, "accum_update").ref(),
                    lr_t_, rho_t_, epsilon_t_})
      .build();
}
Output AdadeltaOptimizer::apply_dense(const Output& grad, const Variable& var) {
  return update(dense_grad(grad), var);
}

}  // namespace liu::train

// Sparse updates (TF1.15's _apply_sparse): the gradient's indices are unique here.
namespace liu::train {

Output GradientDescentOptimizer::apply_sparse_duplicate_indices(const Gradient& grad,
                                                                const Variable& var) {
  Output delta = multiply(grad.values, lr_t_);
  return OpBuilder("ScatterSub").input(var.ref()).input(grad.indices).input(delta).build();
}

Output MomentumOptimizer::apply_sparse(const Gradient& grad, const Variable& var) {
  return update(sparse_grad(grad), var);
}

Output AdagradOptimizer::apply_sparse(const Gradient& grad, const Variable& var) {
  return update(sparse_grad(grad), var);
}

Output RMSPropOptimizer::apply_sparse(const Gradient& grad, const Variable& var) {
  return update(sparse_grad(grad), var);
}

// TF's _apply_sparse_shared: the slots decay densely (m = m * beta1), then the scaled
// gradient rows are scatter-added; var moves by the whole m / (sqrt(v) + eps).
Output AdamOptimizer::apply_sparse(const Gradient& grad, const Variable& var) {
  Graph& g = *var.ref().node->graph();
  Output lr = truediv(multiply(lr_t_, sqrt(subtract(1.0, beta_powers_[1].value()))),
                      subtract(1.0, beta_powers_[0].value()));
  auto decay_and_add = [&](const Variable& slot, const Output& beta, const Output& rows) {
    Output decayed = assign(slot.ref(), multiply(slot.value(), beta), false);
    ControlDependencies deps(g, {decayed.node});
    return OpBuilder("ScatterAdd").input(slot.ref()).input(grad.indices).input(rows).build();
  };
  Output m_rows = multiply(grad.values, subtract(1.0, beta1_t_));
  Output m_t = decay_and_add(get_slot(var, "m"), beta1_t_, m_rows);
  Output v_rows = multiply(multiply(grad.values, grad.values), subtract(1.0, beta2_t_));
  Output v_t = decay_and_add(get_slot(var, "v"), beta2_t_, v_rows);
  Output step = truediv(multiply(lr, m_t), add(sqrt(v_t), epsilon_t_));
  Output var_update = assign_sub(var.ref(), step);
  return Output(group(g, {var_update.node, m_t.node, v_t.node}), 0);
}

Output AdadeltaOptimizer::apply_sparse(const Gradient& grad, const Variable& var) {
  return update(sparse_grad(grad), var);
}

}  // namespace liu::train
