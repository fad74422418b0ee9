#include "liu/train/optimizer.h"

#include "liu/api/array.h"
#include "liu/autodiff/gradients.h"

namespace liu::train {

std::vector<GradAndVar> Optimizer::compute_gradients(const Output& loss,
                                                     const std::vector<Variable>& var_list) {
  std::vector<Output> xs;
  for (const Variable& v : var_list) xs.push_back(v.value());
  std::vector<Gradient> grads = sparse_gradients({loss}, xs);
  std::vector<GradAndVar> out;
  for (size_t i = 0; i < var_list.size(); ++i) out.emplace_back(grads[i], var_list[i]);
  return out;
}

Node* Optimizer::apply_gradients(const std::vector<GradAndVar>& grads_and_vars,
                                 const Variable* global_step, const std::string& name) {
  std::vector<GradAndVar> present;
  for (const GradAndVar& gv : grads_and_vars)
    if (!gv.first.is_null()) present.push_back(gv);
  if (present.empty()) {
    std::string names;
    for (const GradAndVar& gv : grads_and_vars)
      names += (names.empty() ? "" : ", ") + gv.second.name();
    throw Error(Status(Code::kInvalidArgument,
                       "No gradients provided for any variable, check your graph for ops that do "
                       "not support gradients, between variables [" +
                           names + "] and loss"));
  }
  Graph& g = *present[0].second.ref().node->graph();
  std::vector<Variable> vars;
  for (const GradAndVar& gv : present) vars.push_back(gv.second);
  create_slots(g, vars);
  NameScope scope(g, name.empty() ? name_ : name);
  prepare(g, vars[0].dtype());
  std::vector<Node*> updates;
  for (const GradAndVar& gv : present) {
    NameScope update_scope(g, "update_" + gv.second.name());
    const Gradient& grad = gv.first;
    updates.push_back(grad.is_sparse() ? apply_sparse_duplicate_indices(grad, gv.second).node
                                       : apply_dense(grad.dense, gv.second).node);
  }
  if (global_step == nullptr) return finish(g, updates, scope.scope());
  Node* done = finish(g, updates, "update");
  ControlDependencies deps(g, {done});
  return assign_add(global_step->ref(), Input(int64_t{1}), scope.scope()).node;
}

Node* Optimizer::minimize(const Output& loss, const std::vector<Variable>& var_list,
                          const Variable* global_step, const std::string& name) {
  return apply_gradients(compute_gradients(loss, var_list), global_step, name);
}

Output Optimizer::apply_sparse_duplicate_indices(const Gradient& grad, const Variable& var) {
  std::vector<Output> unique = OpBuilder("Unique", "Unique")
                                   .input(grad.indices)
                                   .attr("out_idx", grad.indices.dtype())
                                   .build_outputs();
  Output count = strided_slice(shape(unique[0]), Input(std::vector<int32_t>{0}),
                               Input(std::vector<int32_t>{1}), Input(std::vector<int32_t>{1}), 0, 0,
                               0, 0, 1, "strided_slice");
  Output summed = OpBuilder("UnsortedSegmentSum", "UnsortedSegmentSum")
                      .input(grad.values)
                      .input(unique[1])
                      .input(count)
                      .build();
  return apply_sparse(Gradient::slices(summed, unique[0], grad.dense_shape), var);
}

Output Optimizer::apply_sparse(const Gradient& grad, const Variable& var) {
  (void)grad;
  throw Error(Status(Code::kUnimplemented,
                     "optimizer " + name_ + " has no sparse update for " + var.name()));
}

Node* Optimizer::finish(Graph& g, const std::vector<Node*>& updates, const std::string& name) {
  return group(g, updates, name);
}

const Variable& Optimizer::get_slot(const Variable& var, const std::string& slot_name) const {
  auto it = slots_.find({var.name(), slot_name});
  if (it == slots_.end())
    throw Error(Status(Code::kNotFound, "no slot '" + slot_name + "' for variable " + var.name()));
  return it->second;
}

const Variable& Optimizer::make_slot(Graph& g, const Variable& var, const std::string& slot_name,
                                     const std::string& op_name, double value) {
  auto key = std::make_pair(var.name(), slot_name);
  auto it = slots_.find(key);
  if (it != slots_.end()) return it->second;
  Output init = constant(g, Input(value), var.dtype(), var.shape(), "Initializer");
  return slots_.emplace(key, Variable(g, init, var.name() + "/" + op_name, false)).first->second;
}

Output Optimizer::hyper(Graph& g, double value, DType dtype, const std::string& name) {
  return constant(g, Input(value), dtype, Shape(), name);
}

}  // namespace liu::train
