// Optimizer update kernels (TF1 Apply* ops). Each updates var and its slot variables in place,
// under the slots' mutexes, with TensorFlow's formulas, and outputs var (Ref semantics).
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "liu/kernels/cpu/training_updates.h"
#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

constexpr int64_t kParallelThreshold = 1 << 15;

// The float Adam and RMSProp updates, per element range. The library targets baseline x86-64,
// where these loops run 4 lanes wide and their sqrt and division dominate a training step (a
// sixth of an MLP's Adam step); cloned per instruction set they run 8 or 16 wide.
__attribute__((target_clones("avx512f", "avx2", "default"))) void adam_range(
    float* var, float* m, float* v, const float* g, int64_t begin, int64_t end, float lr_t,
    float beta1, float beta2, float epsilon, bool nesterov) {
  for (int64_t i = begin; i < end; ++i) {
    m[i] += (g[i] - m[i]) * (1.0f - beta1);
    v[i] += (g[i] * g[i] - v[i]) * (1.0f - beta2);
    if (nesterov)
      var[i] -= ((g[i] * (1.0f - beta1) + beta1 * m[i]) * lr_t) / (std::sqrt(v[i]) + epsilon);
    else
      var[i] -= (m[i] * lr_t) / (std::sqrt(v[i]) + epsilon);
  }
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void rmsprop_range(
    float* var, float* ms, float* mom, const float* g, int64_t begin, int64_t end, float lr,
    float rho, float momentum, float epsilon) {
  for (int64_t i = begin; i < end; ++i) {
    ms[i] += (g[i] * g[i] - ms[i]) * (1.0f - rho);
    mom[i] = mom[i] * momentum + (g[i] * lr) / std::sqrt(ms[i] + epsilon);
    var[i] -= mom[i];
  }
}

// Calls range(begin, end) over [0, n) in blocks, in parallel for large n.
template <typename Range>
void for_blocks(int64_t n, int threads, Range range) {
  constexpr int64_t kBlock = 1 << 14;
  const int64_t blocks = (n + kBlock - 1) / kBlock;
#pragma omp parallel for if (n > kParallelThreshold) num_threads(threads) schedule(static)
  for (int64_t b = 0; b < blocks; ++b) range(b * kBlock, std::min(n, (b + 1) * kBlock));
}

// What an update step sees: the slot buffers (var first), the scalar hyper-parameters in
// input order, and the gradient.
template <typename T>
struct Step {
  std::vector<T*> ref;
  std::vector<T> s;
  const T* grad = nullptr;
  int64_t n = 0;
  int threads = 1;  // the session's intra-op thread count
};

// Refs are inputs [0, num_refs); `grad_index` is the gradient; every other input a scalar.
template <typename Update>
Status apply_update(KernelContext& ctx, int num_refs, int grad_index, Update update) {
  training::LockedSlots locked(ctx, num_refs);
  LIU_RETURN_IF_ERROR(locked.check(ctx));
  const std::vector<VariableSlot*>& slots = locked.slots();
  const Tensor& grad = ctx.input(grad_index);
  const Shape& var_shape = slots[0]->value.shape();
  if (grad.shape() != var_shape)
    return ctx.error("var and grad do not have the same shape" + var_shape.to_string() + " " +
                     grad.shape().to_string());
  for (int i = num_refs; i < ctx.num_inputs(); ++i)
    if (i != grad_index && ctx.input(i).shape().rank() != 0)
      return ctx.error("hyper-parameter input " + std::to_string(i) +
                       " is not a scalar: " + ctx.input(i).shape().to_string());

  LIU_RETURN_IF_ERROR(dispatch_floating(grad.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    Step<T> step;
    for (VariableSlot* slot : slots) step.ref.push_back(slot->value.template data<T>());
    for (int i = num_refs; i < ctx.num_inputs(); ++i)
      if (i != grad_index) step.s.push_back(ctx.input(i).template data<T>()[0]);
    step.grad = grad.template data<T>();
    step.n = grad.num_elements();
    step.threads = ctx.thread_count();
    update(step);
    return Status::ok();
  }));
  ctx.set_output(0, slots[0]->value);
  return Status::ok();
}

Status gradient_descent(KernelContext& ctx) {
  return apply_update(ctx, 1, 2, [](auto& st) {
    auto* var = st.ref[0];
    const auto alpha = st.s[0];
    const auto* g = st.grad;
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
    for (int64_t i = 0; i < st.n; ++i) var[i] -= alpha * g[i];
  });
}

class MomentumKernel : public OpKernel {
 public:
  explicit MomentumKernel(const Node& node)
      : OpKernel(node), nesterov_(node.attr<bool>("use_nesterov")) {}
  Status compute(KernelContext& ctx) const override {
    const bool nesterov = nesterov_;
    return apply_update(ctx, 2, 3, [nesterov](auto& st) {
      auto *var = st.ref[0], *accum = st.ref[1];
      const auto lr = st.s[0], momentum = st.s[1];
      const auto* g = st.grad;
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
      for (int64_t i = 0; i < st.n; ++i)
        training::momentum_step(var[i], accum[i], g[i], lr, momentum, nesterov);
    });
  }

 private:
  bool nesterov_;
};

class AdagradKernel : public OpKernel {
 public:
  explicit AdagradKernel(const Node& node)
      : OpKernel(node), update_slots_(node.attr<bool>("update_slots")) {}
  Status compute(KernelContext& ctx) const override {
    const bool update_slots = update_slots_;
    return apply_update(ctx, 2, 3, [update_slots](auto& st) {
      using T = std::remove_reference_t<decltype(st.s[0])>;
      auto *var = st.ref[0], *accum = st.ref[1];
      const T lr = st.s[0];
      const auto* g = st.grad;
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
      for (int64_t i = 0; i < st.n; ++i)
        training::adagrad_step(var[i], accum[i], g[i], lr, update_slots);
    });
  }

 private:
  bool update_slots_;
};

Status rmsprop(KernelContext& ctx) {
  return apply_update(ctx, 3, 7, [](auto& st) {
    using T = std::remove_reference_t<decltype(st.s[0])>;
    auto *var = st.ref[0], *ms = st.ref[1], *mom = st.ref[2];
    const T lr = st.s[0], rho = st.s[1], momentum = st.s[2], epsilon = st.s[3];
    const auto* g = st.grad;
    if constexpr (std::is_same_v<T, float>) {
      for_blocks(st.n, st.threads, [&](int64_t begin, int64_t end) {
        rmsprop_range(var, ms, mom, g, begin, end, lr, rho, momentum, epsilon);
      });
      return;
    }
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
    for (int64_t i = 0; i < st.n; ++i) {
      ms[i] += (g[i] * g[i] - ms[i]) * (T(1) - rho);
      mom[i] = mom[i] * momentum + (g[i] * lr) / std::sqrt(ms[i] + epsilon);
      var[i] -= mom[i];
    }
  });
}

Status centered_rmsprop(KernelContext& ctx) {
  return apply_update(ctx, 4, 8, [](auto& st) {
    using T = std::remove_reference_t<decltype(st.s[0])>;
    auto *var = st.ref[0], *mg = st.ref[1], *ms = st.ref[2], *mom = st.ref[3];
    const T lr = st.s[0], rho = st.s[1], momentum = st.s[2], epsilon = st.s[3];
    const auto* g = st.grad;
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
    for (int64_t i = 0; i < st.n; ++i) {
      ms[i] += (g[i] * g[i] - ms[i]) * (T(1) - rho);
      mg[i] += (g[i] - mg[i]) * (T(1) - rho);
      const T denom = (ms[i] - mg[i] * mg[i]) + epsilon;
      mom[i] = mom[i] * momentum + (g[i] * lr) / std::sqrt(denom);
      var[i] -= mom[i];
    }
  });
}

class AdamKernel : public OpKernel {
 public:
  explicit AdamKernel(const Node& node)
      : OpKernel(node), nesterov_(node.attr<bool>("use_nesterov")) {}
  Status compute(KernelContext& ctx) const override {
    const bool nesterov = nesterov_;
    return apply_update(ctx, 3, 9, [nesterov](auto& st) {
      using T = std::remove_reference_t<decltype(st.s[0])>;
      auto *var = st.ref[0], *m = st.ref[1], *v = st.ref[2];
      const T beta1_power = st.s[0], beta2_power = st.s[1], lr = st.s[2], beta1 = st.s[3],
              beta2 = st.s[4], epsilon = st.s[5];
      const auto* g = st.grad;
      // The bias correction folds into the step size, as TF does.
      const T lr_t = lr * std::sqrt(T(1) - beta2_power) / (T(1) - beta1_power);
      if constexpr (std::is_same_v<T, float>) {
        for_blocks(st.n, st.threads, [&](int64_t begin, int64_t end) {
          adam_range(var, m, v, g, begin, end, lr_t, beta1, beta2, epsilon, nesterov);
        });
        return;
      }
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
      for (int64_t i = 0; i < st.n; ++i) {
        m[i] += (g[i] - m[i]) * (T(1) - beta1);
        v[i] += (g[i] * g[i] - v[i]) * (T(1) - beta2);
        if (nesterov)
          var[i] -= ((g[i] * (T(1) - beta1) + beta1 * m[i]) * lr_t) / (std::sqrt(v[i]) + epsilon);
        else
          var[i] -= (m[i] * lr_t) / (std::sqrt(v[i]) + epsilon);
      }
    });
  }

 private:
  bool nesterov_;
};

Status adadelta(KernelContext& ctx) {
  return apply_update(ctx, 3, 6, [](auto& st) {
    using T = std::remove_reference_t<decltype(st.s[0])>;
    auto *var = st.ref[0], *accum = st.ref[1], *accum_update = st.ref[2];
    const T lr = st.s[0], rho = st.s[1], epsilon = st.s[2];
    const auto* g = st.grad;
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
    for (int64_t i = 0; i < st.n; ++i)
      training::adadelta_step(var[i], accum[i], accum_update[i], g[i], lr, rho, epsilon);
  });
}

// FTRL-Proximal; the formula (and V2's shrinkage) is training::ftrl_step.
template <bool kV2>
class FtrlKernel : public OpKernel {
 public:
  explicit FtrlKernel(const Node& node)
      : OpKernel(node), multiply_linear_by_lr_(node.attr<bool>("multiply_linear_by_lr")) {}
  Status compute(KernelContext& ctx) const override {
    const bool by_lr = multiply_linear_by_lr_;
    return apply_update(ctx, 3, 3, [by_lr](auto& st) {
      using T = std::remove_reference_t<decltype(st.s[0])>;
      auto *var = st.ref[0], *accum = st.ref[1], *linear = st.ref[2];
      const auto params = training::FtrlParams<T>::from_scalars(st.s, kV2, by_lr);
      const auto* g = st.grad;
#pragma omp parallel for if (st.n > kParallelThreshold) num_threads(st.threads)
      for (int64_t i = 0; i < st.n; ++i)
        training::ftrl_step(var[i], accum[i], linear[i], g[i], params);
    });
  }

 private:
  bool multiply_linear_by_lr_;
};

}  // namespace

LIU_KERNEL("ApplyGradientDescent", kCPU, gradient_descent);
LIU_KERNEL_CLASS("ApplyMomentum", kCPU, MomentumKernel);
LIU_KERNEL_CLASS("ApplyAdagrad", kCPU, AdagradKernel);
LIU_KERNEL("ApplyRMSProp", kCPU, rmsprop);
LIU_KERNEL("ApplyCenteredRMSProp", kCPU, centered_rmsprop);
LIU_KERNEL_CLASS("ApplyAdam", kCPU, AdamKernel);
LIU_KERNEL("ApplyAdadelta", kCPU, adadelta);
LIU_KERNEL_CLASS("ApplyFtrl", kCPU, FtrlKernel<false>);
LIU_KERNEL_CLASS("ApplyFtrlV2", kCPU, FtrlKernel<true>);

}  // namespace liu
