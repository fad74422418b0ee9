// Kernels of BiasAdd, BiasAddV1, BiasAddGrad and the activations Relu6, Elu, Selu, Softplus,
// Softsign, LeakyRelu with their *Grad helpers. Float32 runs through the Highway loops of
// nn_activation_simd.cc, split over OpenMP threads in blocks of rows; other types use the same
// formulas (TensorFlow's, element for element) one value at a time.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "liu/kernels/cpu/nn_activation_simd.h"
#include "liu/kernels/cpu/parallel_rows.h"
#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

// Work below this many elements stays on one thread (thread start-up would cost more).
constexpr int64_t kParallelElements = 1 << 15;

// ---- BiasAdd ----

bool nchw(const KernelContext& ctx) {
  return ctx.node().has_attr("data_format") &&
         ctx.node().attr<std::string>("data_format") == "NCHW";
}

// The channel dim: 1 for NCHW (any rank >= 2), the last one otherwise (as TF's CPU kernel).
int channel_dim(const KernelContext& ctx, const Tensor& t) {
  return nchw(ctx) ? 1 : t.shape().rank() - 1;
}

template <typename T>
void bias_add_typed(const T* in, const T* bias, T* out, int64_t outer, int64_t channels,
                    int64_t inner, int threads) {
  if (inner == 1) {  // NHWC: rows of `channels` values
    if constexpr (std::is_same_v<T, float>) {
      row_split::parallel_rows(
          kParallelElements, outer, channels, threads, [&](int64_t begin, int64_t end) {
            simd::bias_add_rows_f32(in + begin * channels, bias, out + begin * channels,
                                    end - begin, channels);
          });
    } else {
      row_split::parallel_rows(
          kParallelElements, outer, channels, threads, [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r)
              for (int64_t c = 0; c < channels; ++c)
                out[r * channels + c] = static_cast<T>(in[r * channels + c] + bias[c]);
          });
    }
    return;
  }
  // NCHW: planes of `inner` values, plane p has bias[p % channels].
  row_split::parallel_rows(
      kParallelElements, outer * channels, inner, threads, [&](int64_t begin, int64_t end) {
        for (int64_t p = begin; p < end;) {
          const int64_t c = p % channels;
          const int64_t count = std::min(end - p, channels - c);  // planes with consecutive biases
          if constexpr (std::is_same_v<T, float>) {
            simd::bias_add_planes_f32(in + p * inner, bias + c, out + p * inner, count, inner);
          } else {
            for (int64_t k = 0; k < count; ++k)
              for (int64_t i = 0; i < inner; ++i)
                out[(p + k) * inner + i] = static_cast<T>(in[(p + k) * inner + i] + bias[c + k]);
          }
          p += count;
        }
      });
}

Status bias_add_compute(KernelContext& ctx) {
  const Tensor& value = ctx.input(0);
  const Tensor& bias = ctx.input(1);
  if (value.shape().rank() < 2)
    return ctx.error("Input tensor must be at least 2D: " + value.shape().to_string());
  if (bias.shape().rank() != 1) return ctx.error("Biases must be 1D: " + bias.shape().to_string());
  const int cdim = channel_dim(ctx, value);
  const int64_t channels = value.shape().dim(cdim);
  if (bias.shape().dim(0) != channels)
    return ctx.error("Must provide as many biases as the last dimension of the input tensor: " +
                     bias.shape().to_string() + " vs. " + value.shape().to_string());
  int64_t outer = 1, inner = 1;
  for (int i = 0; i < cdim; ++i) outer *= value.shape().dim(i);
  for (int i = cdim + 1; i < value.shape().rank(); ++i) inner *= value.shape().dim(i);
  Tensor* out = ctx.forward_or_allocate(0, 0, value.shape());
  if (out->num_elements() == 0) return Status::ok();
  return dispatch_numeric(value.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    bias_add_typed<T>(value.data<T>(), bias.data<T>(), out->data<T>(), outer, channels, inner,
                      ctx.thread_count());
    return Status::ok();
  });
}

// ---- BiasAddGrad: sums over every dim but the channel one ----

// out[c] = sum over rows of in[r, c]; per-thread partial sums, each built from blocks of rows
// so float sums of long columns stay accurate.
template <typename T>
void column_sums(const T* in, int64_t rows, int64_t channels, T* out, int threads) {
  const int64_t total = rows * channels;
  const int blocks = row_split::block_count(rows, total, threads, kParallelElements);
  std::vector<T> partial(static_cast<size_t>(blocks * channels), T{});
  constexpr int64_t kBlockRows = 256;
#pragma omp parallel for num_threads(blocks) schedule(static) if (blocks > 1)
  for (int b = 0; b < blocks; ++b) {
    const int64_t begin = rows * b / blocks, end = rows * (b + 1) / blocks;
    T* acc = partial.data() + b * channels;
    std::vector<T> block(static_cast<size_t>(channels));
    for (int64_t r0 = begin; r0 < end; r0 += kBlockRows) {
      const int64_t r1 = std::min(end, r0 + kBlockRows);
      std::fill(block.begin(), block.end(), T{});
      if constexpr (std::is_same_v<T, float>) {
        simd::column_sum_f32(in + r0 * channels, r1 - r0, channels, block.data());
      } else {
        for (int64_t r = r0; r < r1; ++r)
          for (int64_t c = 0; c < channels; ++c) block[c] += in[r * channels + c];
      }
      for (int64_t c = 0; c < channels; ++c) acc[c] += block[c];
    }
  }
  for (int64_t c = 0; c < channels; ++c) {
    T sum{};
    for (int b = 0; b < blocks; ++b) sum += partial[b * channels + c];
    out[c] = sum;
  }
}

// NCHW: out[c] = sum over n of the sums of planes (n, c).
template <typename T>
void plane_sums(const T* in, int64_t outer, int64_t channels, int64_t inner, T* out, int threads) {
  const int64_t planes = outer * channels;
  std::vector<T> sums(static_cast<size_t>(planes));
  row_split::parallel_rows(kParallelElements, planes, inner, threads,
                           [&](int64_t begin, int64_t end) {
                             for (int64_t p = begin; p < end; ++p) {
                               const T* x = in + p * inner;
                               if constexpr (std::is_same_v<T, float>) {
                                 sums[p] = simd::sum_f32(x, inner);
                               } else {
                                 T s{};
                                 for (int64_t i = 0; i < inner; ++i) s += x[i];
                                 sums[p] = s;
                               }
                             }
                           });
  for (int64_t c = 0; c < channels; ++c) {
    T s{};
    for (int64_t n = 0; n < outer; ++n) s += sums[n * channels + c];
    out[c] = s;
  }
}

Status bias_add_grad_compute(KernelContext& ctx) {
  const Tensor& grad = ctx.input(0);
  if (grad.shape().rank() < 2)
    return ctx.error("Input tensor must be at least 2D: " + grad.shape().to_string());
  const int cdim = channel_dim(ctx, grad);
  const int64_t channels = grad.shape().dim(cdim);
  int64_t outer = 1, inner = 1;
  for (int i = 0; i < cdim; ++i) outer *= grad.shape().dim(i);
  for (int i = cdim + 1; i < grad.shape().rank(); ++i) inner *= grad.shape().dim(i);
  Tensor* out = ctx.allocate_output(0, Shape({channels}));
  return dispatch_numeric(grad.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    T* o = out->data<T>();
    std::fill(o, o + channels, T{});
    if (channels == 0 || grad.num_elements() == 0) return Status::ok();
    if (inner == 1)
      column_sums<T>(grad.data<T>(), outer, channels, o, ctx.thread_count());
    else
      plane_sums<T>(grad.data<T>(), outer, channels, inner, o, ctx.thread_count());
    return Status::ok();
  });
}

// ---- activations ----

using simd::ActivationF32;

// TF's Selu constants.
constexpr double kSeluScale = 1.0507009873554804934193349852946;
constexpr double kSeluScaleAlpha = 1.7580993408473768599402175208123;

// One element of an activation; the float32 SIMD loops compute the same expressions.
template <typename T>
T activate(ActivationF32 op, T x, T alpha) {
  switch (op) {
    case ActivationF32::kRelu6:
      return x < T(0) ? T(0) : (x > T(6) ? T(6) : x);
    case ActivationF32::kElu:
      return x < T(0) ? static_cast<T>(std::exp(x) - T(1)) : x;
    case ActivationF32::kSelu: {
      const T scale = static_cast<T>(kSeluScale);
      const T scale_alpha = static_cast<T>(kSeluScaleAlpha);
      return x < T(0) ? static_cast<T>(scale_alpha * (std::exp(x) - T(1))) : scale * x;
    }
    case ActivationF32::kSoftplus: {
      // exp(x) may overflow above -threshold, where softplus(x) == x to machine precision;
      // below threshold, softplus(x) == exp(x).
      const T threshold = static_cast<T>(std::log(std::numeric_limits<T>::epsilon()) + T(2));
      if (x > -threshold) return x;
      if (x < threshold) return std::exp(x);
      return std::log1p(std::exp(x));
    }
    case ActivationF32::kSoftsign:
      return x / (std::abs(x) + T(1));
    case ActivationF32::kLeakyRelu:
      return x > T(0) ? x : x * alpha;
  }
  return x;
}

// One element of the *Grad helper: g the incoming gradient, x its second input.
template <typename T>
T activate_grad(ActivationF32 op, T g, T x, T alpha) {
  switch (op) {
    case ActivationF32::kRelu6:
      return g * static_cast<T>(x > T(0) && x < T(6));
    case ActivationF32::kElu:
      return x < T(0) ? (x + T(1)) * g : g;
    case ActivationF32::kSelu: {
      const T scale_alpha = static_cast<T>(kSeluScaleAlpha);
      return x < T(0) ? g * (x + scale_alpha) : g * static_cast<T>(kSeluScale);
    }
    case ActivationF32::kSoftplus:
      return g / (std::exp(-x) + T(1));
    case ActivationF32::kSoftsign: {
      const T t = std::abs(x) + T(1);
      return g / (t * t);
    }
    case ActivationF32::kLeakyRelu:
      return x > T(0) ? g : g * alpha;
  }
  return g;
}

float alpha_of(const KernelContext& ctx) {
  return ctx.node().has_attr("alpha") ? ctx.node().attr<float>("alpha") : 0.0f;
}

template <ActivationF32 kOp>
Status activation_compute(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const float alpha = alpha_of(ctx);
  Tensor* out = ctx.forward_or_allocate(0, 0, x.shape());
  const int64_t n = x.num_elements();
  const int threads = ctx.thread_count();
  if (x.dtype() == DType::kFloat) {
    const float* in = x.data<float>();
    float* o = out->data<float>();
    row_split::parallel_rows(kParallelElements, n, 1, threads, [&](int64_t begin, int64_t end) {
      simd::activation_f32(kOp, in + begin, o + begin, end - begin, alpha);
    });
    return Status::ok();
  }
  auto run = [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T* in = x.data<T>();
    T* o = out->data<T>();
    const T a = static_cast<T>(alpha);
    row_split::parallel_rows(kParallelElements, n, 1, threads, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) o[i] = activate<T>(kOp, in[i], a);
    });
    return Status::ok();
  };
  // Relu6 alone accepts integers; integer clamps need no floating math.
  if constexpr (kOp == ActivationF32::kRelu6) {
    return dispatch_numeric(x.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_floating_point_v<T>) {
        return run(tag);
      } else {
        const T* in = x.data<T>();
        T* o = out->data<T>();
        row_split::parallel_rows(kParallelElements, n, 1, threads, [&](int64_t begin, int64_t end) {
          for (int64_t i = begin; i < end; ++i)
            o[i] = in[i] < T(0) ? T(0) : (in[i] > T(6) ? T(6) : in[i]);
        });
        return Status::ok();
      }
    });
  }
  return dispatch_floating(x.dtype(), run);
}

template <ActivationF32 kOp>
Status activation_grad_compute(KernelContext& ctx) {
  const Tensor& g = ctx.input(0);
  const Tensor& x = ctx.input(1);
  if (g.shape() != x.shape()) {
    const std::string& op = ctx.node().op();
    return ctx.error("Inputs to operation " + op + " of type " + op +
                     " must have the same size and shape.  Input 0: " + g.shape().to_string() +
                     " != input 1: " + x.shape().to_string());
  }
  const float alpha = alpha_of(ctx);
  Tensor* out = ctx.forward_or_allocate(0, 0, g.shape());
  const int64_t n = g.num_elements();
  const int threads = ctx.thread_count();
  if (g.dtype() == DType::kFloat) {
    const float* gp = g.data<float>();
    const float* xp = x.data<float>();
    float* o = out->data<float>();
    row_split::parallel_rows(kParallelElements, n, 1, threads, [&](int64_t begin, int64_t end) {
      simd::activation_grad_f32(kOp, gp + begin, xp + begin, o + begin, end - begin, alpha);
    });
    return Status::ok();
  }
  return dispatch_numeric(g.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T* gp = g.data<T>();
    const T* xp = x.data<T>();
    T* o = out->data<T>();
    const T a = static_cast<T>(alpha);
    row_split::parallel_rows(kParallelElements, n, 1, threads, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        if constexpr (std::is_floating_point_v<T>) {
          o[i] = activate_grad<T>(kOp, gp[i], xp[i], a);
        } else {  // integer Relu6Grad
          o[i] = static_cast<T>(gp[i] * static_cast<T>(xp[i] > T(0) && xp[i] < T(6)));
        }
      }
    });
    return Status::ok();
  });
}

}  // namespace

LIU_KERNEL("BiasAdd", kCPU, bias_add_compute);
LIU_KERNEL("BiasAddV1", kCPU, bias_add_compute);
LIU_KERNEL("BiasAddGrad", kCPU, bias_add_grad_compute);

LIU_KERNEL("Relu6", kCPU, activation_compute<ActivationF32::kRelu6>);
LIU_KERNEL("Elu", kCPU, activation_compute<ActivationF32::kElu>);
LIU_KERNEL("Selu", kCPU, activation_compute<ActivationF32::kSelu>);
LIU_KERNEL("Softplus", kCPU, activation_compute<ActivationF32::kSoftplus>);
LIU_KERNEL("Softsign", kCPU, activation_compute<ActivationF32::kSoftsign>);
LIU_KERNEL("LeakyRelu", kCPU, activation_compute<ActivationF32::kLeakyRelu>);

LIU_KERNEL("Relu6Grad", kCPU, activation_grad_compute<ActivationF32::kRelu6>);
LIU_KERNEL("EluGrad", kCPU, activation_grad_compute<ActivationF32::kElu>);
LIU_KERNEL("SeluGrad", kCPU, activation_grad_compute<ActivationF32::kSelu>);
LIU_KERNEL("SoftplusGrad", kCPU, activation_grad_compute<ActivationF32::kSoftplus>);
LIU_KERNEL("SoftsignGrad", kCPU, activation_grad_compute<ActivationF32::kSoftsign>);
LIU_KERNEL("LeakyReluGrad", kCPU, activation_grad_compute<ActivationF32::kLeakyRelu>);

}  // namespace liu
