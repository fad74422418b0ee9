// Pieces shared by the dense (training.cc) and sparse (training_sparse.cc) optimizer kernels:
// locking and checking the variable slots, and the per-element update formulas that TensorFlow
// uses identically for Apply* and SparseApply*. Keeping one copy of each formula means the
// dense and sparse ops cannot drift apart. (RMSProp is not here: TF's dense and sparse
// kernels round differently, and Liu matches each bit for bit.)
#pragma once

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string>
#include <vector>

#include "liu/kernels/op_kernel.h"

namespace liu::training {

// The ref inputs [0, num_refs) of an update op, locked for the object's lifetime. Every
// distinct slot is locked in address order so concurrent updates cannot deadlock.
class LockedSlots {
 public:
  LockedSlots(KernelContext& ctx, int num_refs) {
    for (int i = 0; i < num_refs; ++i) slots_.push_back(ctx.ref_input(i));
    std::vector<VariableSlot*> order = slots_;
    std::sort(order.begin(), order.end());
    order.erase(std::unique(order.begin(), order.end()), order.end());
    for (VariableSlot* slot : order) locks_.emplace_back(slot->mutex);
  }

  // Every slot must be initialized and have var's (slot 0's) shape.
  Status check(KernelContext& ctx) const {
    for (VariableSlot* slot : slots_)
      if (!slot->initialized())
        return ctx.error("Attempting to use uninitialized value " + slot->name,
                         Code::kFailedPrecondition);
    const Shape& var_shape = slots_[0]->value.shape();
    for (size_t i = 1; i < slots_.size(); ++i)
      if (slots_[i]->value.shape() != var_shape)
        return ctx.error("var and " + slots_[i]->name + " do not have the same shape" +
                         var_shape.to_string() + " " + slots_[i]->value.shape().to_string());
    return Status::ok();
  }

  const std::vector<VariableSlot*>& slots() const { return slots_; }

 private:
  std::vector<VariableSlot*> slots_;
  std::vector<std::unique_lock<std::mutex>> locks_;
};

// The per-element steps below take the element of var and of each slot by reference and the
// gradient element by value.

template <typename T>
inline void momentum_step(T& var, T& accum, T g, T lr, T momentum, bool nesterov) {
  accum = accum * momentum + g;
  if (nesterov)
    var -= g * lr + accum * momentum * lr;
  else
    var -= accum * lr;
}

template <typename T>
inline void adagrad_step(T& var, T& accum, T g, T lr, bool update_slots) {
  if (update_slots) accum += g * g;
  var -= g * lr * (T(1) / std::sqrt(accum));
}

template <typename T>
inline void adadelta_step(T& var, T& accum, T& accum_update, T g, T lr, T rho, T epsilon) {
  accum = accum * rho + g * g * (T(1) - rho);
  const T update = std::sqrt(accum_update + epsilon) * (T(1) / std::sqrt(accum + epsilon)) * g;
  var -= update * lr;
  accum_update = accum_update * rho + update * update * (T(1) - rho);
}

// FTRL-Proximal (McMahan et al.). V2 adds L2 shrinkage to the gradient that feeds `linear`
// (the accumulator still sums the raw gradient's squares).
template <typename T>
struct FtrlParams {
  T lr, l1, l2, shrinkage, lr_power;
  bool v2, multiply_linear_by_lr;

  // The scalar inputs in op order: lr, l1, l2, [l2_shrinkage,] lr_power.
  static FtrlParams from_scalars(const std::vector<T>& s, bool v2, bool by_lr) {
    return {s[0], s[1], s[2], v2 ? s[3] : T(0), v2 ? s[4] : s[3], v2, by_lr};
  }
  // accum^(-lr_power), with the common lr_power = -0.5 as a square root.
  T power(T a) const { return lr_power == T(-0.5) ? std::sqrt(a) : std::pow(a, -lr_power); }
};

template <typename T>
inline void ftrl_step(T& var, T& accum, T& linear, T g, const FtrlParams<T>& p) {
  const T grad_to_use = p.v2 ? g + T(2) * p.shrinkage * var : g;
  const T new_accum = accum + g * g;
  const T sigma = p.power(new_accum) - p.power(accum);
  T x, y;
  if (p.multiply_linear_by_lr) {
    linear += grad_to_use * p.lr - sigma * var;
    const T l1_lr = p.l1 * p.lr;
    x = std::clamp(linear, -l1_lr, l1_lr) - linear;
    y = p.power(new_accum) + T(2) * p.l2 * p.lr;
  } else {
    linear += grad_to_use - sigma / p.lr * var;
    x = std::clamp(linear, -p.l1, p.l1) - linear;
    y = p.power(new_accum) / p.lr + T(2) * p.l2;
  }
  var = x / y;
  accum = new_accum;
}

}  // namespace liu::training
