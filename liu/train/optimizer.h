#pragma once
// C++ optimizers (tf.train.Optimizer): minimize() adds the gradients of a loss and one Apply*
// update per variable, so a C++ program can train a TF1-style graph:
//
//   train::GradientDescentOptimizer opt(0.5);
//   Node* step = opt.minimize(loss, {w, b});
//   session.run_targets({step});
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "liu/api/state.h"
#include "liu/autodiff/grad_context.h"

namespace liu::train {

// A null gradient (no path) is skipped; a sparse one (TF's IndexedSlices, from a gather of the
// variable) updates only its rows.
using GradAndVar = std::pair<Gradient, Variable>;

class Optimizer {
 public:
  explicit Optimizer(std::string name) : name_(std::move(name)) {}
  virtual ~Optimizer() = default;
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  // d(loss)/d(var) for each variable (a null Output where loss does not depend on it).
  std::vector<GradAndVar> compute_gradients(const Output& loss,
                                            const std::vector<Variable>& var_list);
  // One update op per variable with a gradient, grouped; with a global step, the step is
  // incremented (AssignAdd) after every update ran. InvalidArgument (thrown) when no variable
  // has a gradient.
  Node* apply_gradients(const std::vector<GradAndVar>& grads_and_vars,
                        const Variable* global_step = nullptr, const std::string& name = "");
  Node* minimize(const Output& loss, const std::vector<Variable>& var_list,
                 const Variable* global_step = nullptr, const std::string& name = "");

  // The slot variable `slot_name` (e.g. "m") created for `var`; throws NotFound otherwise.
  const Variable& get_slot(const Variable& var, const std::string& slot_name) const;
  const std::string& name() const { return name_; }

 protected:
  // Hooks in the order apply_gradients calls them (TF's
  // _create_slots/_prepare/_apply_dense/_finish).
  virtual void create_slots(Graph& g, const std::vector<Variable>& vars) { (void)g, (void)vars; }
  virtual void prepare(Graph& g, DType dtype) { (void)g, (void)dtype; }
  virtual Output apply_dense(const Output& grad, const Variable& var) = 0;
  // TF's _apply_sparse_duplicate_indices: sums the rows of repeated indices (Unique +
  // UnsortedSegmentSum), then apply_sparse.
  virtual Output apply_sparse_duplicate_indices(const Gradient& grad, const Variable& var);
  // Applies slices whose indices are unique. Unimplemented unless overridden.
  virtual Output apply_sparse(const Gradient& grad, const Variable& var);
  // Groups the updates as `name`; Adam also advances its beta powers here.
  virtual Node* finish(Graph& g, const std::vector<Node*>& updates, const std::string& name);

  // A slot variable "<var>/<op_name>" of var's shape and dtype filled with `value`.
  const Variable& make_slot(Graph& g, const Variable& var, const std::string& slot_name,
                            const std::string& op_name, double value);
  // A scalar hyper-parameter constant of the given dtype.
  static Output hyper(Graph& g, double value, DType dtype, const std::string& name);

 private:
  std::string name_;
  std::map<std::pair<std::string, std::string>, Variable> slots_;  // (var, slot) -> slot
};

}  // namespace liu::train
