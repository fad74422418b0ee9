#pragma once
// The TF1 optimizers over the Apply* ops, with TF's defaults and slot names.
#include "liu/train/optimizer.h"

namespace liu::train {

// The gradient inputs of an ApplyX or SparseApplyX op (defined in optimizers.cc).
struct UpdateGrad;

class GradientDescentOptimizer : public Optimizer {
 public:
  explicit GradientDescentOptimizer(double learning_rate,
                                    const std::string& name = "GradientDescent")
      : Optimizer(name), lr_(learning_rate) {}

 protected:
  void prepare(Graph& g, DType dtype) override;
  Output apply_dense(const Output& grad, const Variable& var) override;
  // ScatterSub sums repeated rows itself: no de-duplication first (TF's override).
  Output apply_sparse_duplicate_indices(const Gradient& grad, const Variable& var) override;

 private:
  double lr_;
  Output lr_t_;
};

class MomentumOptimizer : public Optimizer {
 public:
  MomentumOptimizer(double learning_rate, double momentum, bool use_nesterov = false,
                    const std::string& name = "Momentum")
      : Optimizer(name), lr_(learning_rate), momentum_(momentum), nesterov_(use_nesterov) {}

 protected:
  void create_slots(Graph& g, const std::vector<Variable>& vars) override;
  void prepare(Graph& g, DType dtype) override;
  Output apply_dense(const Output& grad, const Variable& var) override;
  Output apply_sparse(const Gradient& grad, const Variable& var) override;

 private:
  // The ApplyX or SparseApplyX op: their inputs differ only in the gradient's.
  Output update(const UpdateGrad& grad, const Variable& var) const;
  double lr_, momentum_;
  bool nesterov_;
  Output lr_t_, momentum_t_;
};

class AdagradOptimizer : public Optimizer {
 public:
  explicit AdagradOptimizer(double learning_rate, double initial_accumulator_value = 0.1,
                            const std::string& name = "Adagrad")
      : Optimizer(name), lr_(learning_rate), initial_(initial_accumulator_value) {}

 protected:
  void create_slots(Graph& g, const std::vector<Variable>& vars) override;
  void prepare(Graph& g, DType dtype) override;
  Output apply_dense(const Output& grad, const Variable& var) override;
  Output apply_sparse(const Gradient& grad, const Variable& var) override;

 private:
  // The ApplyX or SparseApplyX op: their inputs differ only in the gradient's.
  Output update(const UpdateGrad& grad, const Variable& var) const;
  double lr_, initial_;
  Output lr_t_;
};

class RMSPropOptimizer : public Optimizer {
 public:
  explicit RMSPropOptimizer(double learning_rate, double decay = 0.9, double momentum = 0.0,
                            double epsilon = 1e-10, bool centered = false,
                            const std::string& name = "RMSProp")
      : Optimizer(name),
        lr_(learning_rate),
        decay_(decay),
        momentum_(momentum),
        epsilon_(epsilon),
        centered_(centered) {}

 protected:
  void create_slots(Graph& g, const std::vector<Variable>& vars) override;
  void prepare(Graph& g, DType dtype) override;
  Output apply_dense(const Output& grad, const Variable& var) override;
  Output apply_sparse(const Gradient& grad, const Variable& var) override;

 private:
  // The ApplyX or SparseApplyX op: their inputs differ only in the gradient's.
  Output update(const UpdateGrad& grad, const Variable& var) const;
  double lr_, decay_, momentum_, epsilon_;
  bool centered_;
  Output lr_t_, decay_t_, momentum_t_, epsilon_t_;
};

class AdamOptimizer : public Optimizer {
 public:
  explicit AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999,
                         double epsilon = 1e-8, const std::string& name = "Adam")
      : Optimizer(name), lr_(learning_rate), beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {}

 protected:
  void create_slots(Graph& g, const std::vector<Variable>& vars) override;
  void prepare(Graph& g, DType dtype) override;
  Output apply_dense(const Output& grad, const Variable& var) override;
  Output apply_sparse(const Gradient& grad, const Variable& var) override;
  Node* finish(Graph& g, const std::vector<Node*>& updates, const std::string& name) override;

 private:
  double lr_, beta1_, beta2_, epsilon_;
  Output lr_t_, beta1_t_, beta2_t_, epsilon_t_;
  std::vector<Variable> beta_powers_;  // beta1_power, beta2_power (created once per optimizer)
};

class AdadeltaOptimizer : public Optimizer {
 public:
  explicit AdadeltaOptimizer(double learning_rate = 0.001, double rho = 0.95, double epsilon = 1e-8,
                             const std::string& name = "Adadelta")
      : Optimizer(name), lr_(learning_rate), rho_(rho), epsilon_(epsilon) {}

 protected:
  void create_slots(Graph& g, const std::vector<Variable>& vars) override;
  void prepare(Graph& g, DType dtype) override;
  Output apply_dense(const Output& grad, const Variable& var) override;
  Output apply_sparse(const Gradient& grad, const Variable& var) override;

 private:
  // The ApplyX or SparseApplyX op: their inputs differ only in the gradient's.
  Output update(const UpdateGrad& grad, const Variable& var) const;
  double lr_, rho_, epsilon_;
  Output lr_t_, rho_t_, epsilon_t_;
};

}  // namespace liu::train
