// Sparse optimizer update kernels (TF1 SparseApply* ops). Row indices[i] of var and of every
// slot is updated with row i of grad, with TensorFlow's sparse formulas. Rows are applied in
// order, so a duplicated index is updated twice (TF's semantics; the Python optimizers sum
// duplicates first when they must not be).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "liu/kernels/cpu/training_updates.h"
#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

// One row update: refs point at the row in var and each slot, g at grad's row, s holds the
// scalar hyper-parameters in input order.
template <typename T>
struct Row {
  T* ref[4];
  const T* g;
  int64_t n;  // elements per row
};

// Refs are inputs [0, num_refs); grad and indices at their positions; every other input is a
// scalar hyper-parameter. `update(row, scalars)` is called once per index, in order.
template <typename Update>
Status sparse_update(KernelContext& ctx, int num_refs, int grad_index, int indices_index,
                     Update update) {
  training::LockedSlots locked(ctx, num_refs);
  LIU_RETURN_IF_ERROR(locked.check(ctx));
  const std::vector<VariableSlot*>& slots = locked.slots();
  const Shape& var_shape = slots[0]->value.shape();
  if (var_shape.rank() < 1) return ctx.error("var must be at least 1 dimensional");
  const Tensor& grad = ctx.input(grad_index);
  const Tensor& indices = ctx.input(indices_index);
  if (indices.shape().rank() != 1)
    return ctx.error("indices must be one-dimensional, got shape " + indices.shape().to_string());
  bool same_inner = grad.shape().rank() == var_shape.rank();
  for (int d = 1; same_inner && d < var_shape.rank(); ++d)
    same_inner = grad.shape().dim(d) == var_shape.dim(d);
  if (!same_inner)
    return ctx.error("var and grad must match in every dimension but the first: var shape " +
                     var_shape.to_string() + ", grad shape " + grad.shape().to_string());
  const int64_t num = indices.num_elements();
  if (grad.shape().dim(0) != num)
    return ctx.error("grad must be the same size as indices in the first dimension.");
  for (int i = 0; i < ctx.num_inputs(); ++i)
    if (i >= num_refs && i != grad_index && i != indices_index && ctx.input(i).shape().rank() != 0)
      return ctx.error("hyper-parameter input " + std::to_string(i) +
                       " is not a scalar: " + ctx.input(i).shape().to_string());
  std::vector<int64_t> rows(num);
  if (indices.dtype() == DType::kInt64) {
    std::copy_n(indices.data<int64_t>(), num, rows.begin());
  } else {
    std::copy_n(indices.data<int32_t>(), num, rows.begin());
  }
  const int64_t first_dim = var_shape.dim(0);
  for (int64_t i = 0; i < num; ++i)
    if (rows[i] < 0 || rows[i] >= first_dim)
      return ctx.error("Index " + std::to_string(rows[i]) + " at offset " + std::to_string(i) +
                       " in indices is out of range");
  const int64_t inner = first_dim == 0 ? 0 : var_shape.num_elements() / first_dim;

  LIU_RETURN_IF_ERROR(dispatch_floating(grad.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    std::vector<T> s;
    for (int i = num_refs; i < ctx.num_inputs(); ++i)
      if (i != grad_index && i != indices_index) s.push_back(ctx.input(i).template data<T>()[0]);
    const T* g = grad.template data<T>();
    for (int64_t i = 0; i < num; ++i) {
      Row<T> row{};
      for (int r = 0; r < num_refs; ++r)
        row.ref[r] = slots[r]->value.template data<T>() + rows[i] * inner;
      row.g = g + i * inner;
      row.n = inner;
      update(row, s);
    }
    return Status::ok();
  }));
  ctx.set_output(0, slots[0]->value);
  return Status::ok();
}

class SparseMomentumKernel : public OpKernel {
 public:
  explicit SparseMomentumKernel(const Node& node)
      : OpKernel(node), nesterov_(node.attr<bool>("use_nesterov")) {}
  Status compute(KernelContext& ctx) const override {
    const bool nesterov = nesterov_;
    return sparse_update(ctx, 2, 3, 4, [nesterov](auto& row, const auto& s) {
      auto *var = row.ref[0], *accum = row.ref[1];
      const auto lr = s[0], momentum = s[1];
      for (int64_t k = 0; k < row.n; ++k)
        training::momentum_step(var[k], accum[k], row.g[k], lr, momentum, nesterov);
    });
  }

 private:
  bool nesterov_;
};

class SparseAdagradKernel : public OpKernel {
 public:
  explicit SparseAdagradKernel(const Node& node)
      : OpKernel(node), update_slots_(node.attr<bool>("update_slots")) {}
  Status compute(KernelContext& ctx) const override {
    const bool update_slots = update_slots_;
    return sparse_update(ctx, 2, 3, 4, [update_slots](auto& row, const auto& s) {
      using T = std::remove_cv_t<std::remove_reference_t<decltype(s[0])>>;
      auto *var = row.ref[0], *accum = row.ref[1];
      const T lr = s[0];
      for (int64_t k = 0; k < row.n; ++k)
        training::adagrad_step(var[k], accum[k], row.g[k], lr, update_slots);
    });
  }

 private:
  bool update_slots_;
};

Status sparse_rmsprop(KernelContext& ctx) {
  return sparse_update(ctx, 3, 7, 8, [](auto& row, const auto& s) {
    using T = std::remove_cv_t<std::remove_reference_t<decltype(s[0])>>;
    auto *var = row.ref[0], *ms = row.ref[1], *mom = row.ref[2];
    const T lr = s[0], rho = s[1], momentum = s[2], epsilon = s[3];
    for (int64_t k = 0; k < row.n; ++k) {
      const T g = row.g[k];
      ms[k] = ms[k] * rho + g * g * (T(1) - rho);
      mom[k] = mom[k] * momentum + (T(1) / std::sqrt(ms[k] + epsilon)) * lr * g;
      var[k] -= mom[k];
    }
  });
}

Status sparse_centered_rmsprop(KernelContext& ctx) {
  return sparse_update(ctx, 4, 8, 9, [](auto& row, const auto& s) {
    using T = std::remove_cv_t<std::remove_reference_t<decltype(s[0])>>;
    auto *var = row.ref[0], *mg = row.ref[1], *ms = row.ref[2], *mom = row.ref[3];
    const T lr = s[0], rho = s[1], momentum = s[2], epsilon = s[3];
    for (int64_t k = 0; k < row.n; ++k) {
      const T g = row.g[k];
      ms[k] = ms[k] * rho + g * g * (T(1) - rho);
      mg[k] = mg[k] * rho + g * (T(1) - rho);
      const T denom = (ms[k] + epsilon) - mg[k] * mg[k];
      mom[k] = mom[k] * momentum + (T(1) / std::sqrt(denom)) * lr * g;
      var[k] -= mom[k];
    }
  });
}

Status sparse_adadelta(KernelContext& ctx) {
  return sparse_update(ctx, 3, 6, 7, [](auto& row, const auto& s) {
    using T = std::remove_cv_t<std::remove_reference_t<decltype(s[0])>>;
    auto *var = row.ref[0], *accum = row.ref[1], *accum_update = row.ref[2];
    const T lr = s[0], rho = s[1], epsilon = s[2];
    for (int64_t k = 0; k < row.n; ++k)
      training::adadelta_step(var[k], accum[k], accum_update[k], row.g[k], lr, rho, epsilon);
  });
}

// FTRL-Proximal on the selected rows; the formula is training::ftrl_step.
template <bool kV2>
class SparseFtrlKernel : public OpKernel {
 public:
  explicit SparseFtrlKernel(const Node& node)
      : OpKernel(node), multiply_linear_by_lr_(node.attr<bool>("multiply_linear_by_lr")) {}
  Status compute(KernelContext& ctx) const override {
    const bool by_lr = multiply_linear_by_lr_;
    return sparse_update(ctx, 3, 3, 4, [by_lr](auto& row, const auto& s) {
      using T = std::remove_cv_t<std::remove_reference_t<decltype(s[0])>>;
      auto *var = row.ref[0], *accum = row.ref[1], *linear = row.ref[2];
      const auto params = training::FtrlParams<T>::from_scalars(s, kV2, by_lr);
      for (int64_t k = 0; k < row.n; ++k)
        training::ftrl_step(var[k], accum[k], linear[k], row.g[k], params);
    });
  }

 private:
  bool multiply_linear_by_lr_;
};

}  // namespace

LIU_KERNEL_CLASS("SparseApplyMomentum", kCPU, SparseMomentumKernel);
LIU_KERNEL_CLASS("SparseApplyAdagrad", kCPU, SparseAdagradKernel);
LIU_KERNEL("SparseApplyRMSProp", kCPU, sparse_rmsprop);
LIU_KERNEL("SparseApplyCenteredRMSProp", kCPU, sparse_centered_rmsprop);
LIU_KERNEL("SparseApplyAdadelta", kCPU, sparse_adadelta);
LIU_KERNEL_CLASS("SparseApplyFtrl", kCPU, SparseFtrlKernel<false>);
LIU_KERNEL_CLASS("SparseApplyFtrlV2", kCPU, SparseFtrlKernel<true>);

}  // namespace liu
