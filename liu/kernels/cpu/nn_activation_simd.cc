// Highway SIMD float32 loops of the bias, activation and softmax kernels; compiled once per
// SIMD target through foreach_target.h, the best target chosen at run time.
#include "liu/kernels/cpu/nn_activation_simd.h"

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "liu/kernels/cpu/nn_activation_simd.cc"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
// Highway's per-target headers must follow foreach_target.h.
#include <hwy/contrib/math/math-inl.h>
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace liu::simd {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using D = hn::ScalableTag<float>;
using V = hn::Vec<D>;

// Room for one vector of any target (SVE may reach 2048 bits).
constexpr size_t kMaxLanes = 64;
constexpr float kInf = std::numeric_limits<float>::infinity();
// exp overflows to +inf from here; Highway's Exp is only specified up to 104.
constexpr float kExpOverflow = 88.72283935546875f;
// exp is 0 in float below this; Highway's Exp is not specified for -inf.
constexpr float kExpUnderflow = -104.0f;
// TF's Softplus switch points: log(float epsilon) + 2; exp(x) alone below it, x above -it.
constexpr float kSoftplusThreshold = -13.942384719848633f;
// TF's Selu constants: scale and scale * alpha.
constexpr float kSeluScale = 1.0507009873554804934193349852946f;
constexpr float kSeluScaleAlpha = 1.7580993408473768599402175208123f;

// exp with IEEE behaviour at the ends: +inf above the overflow point, 0 far below, NaN kept.
HWY_INLINE V ExpIeee(D d, V x) {
  V r = hn::Exp(d, x);
  r = hn::IfThenElse(hn::Ge(x, hn::Set(d, kExpOverflow)), hn::Set(d, kInf), r);
  r = hn::IfThenElseZero(hn::Ge(x, hn::Set(d, kExpUnderflow)), r);
  return hn::IfThenElse(hn::IsNaN(x), x, r);
}

// ---- bias ----

HWY_INLINE void AddRow(const float* in, const float* bias, float* out, size_t n) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t i = 0;
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const V a = hn::Add(hn::LoadU(d, in + i), hn::LoadU(d, bias + i));
    const V b = hn::Add(hn::LoadU(d, in + i + lanes), hn::LoadU(d, bias + i + lanes));
    hn::StoreU(a, d, out + i);
    hn::StoreU(b, d, out + i + lanes);
  }
  for (; i + lanes <= n; i += lanes)
    hn::StoreU(hn::Add(hn::LoadU(d, in + i), hn::LoadU(d, bias + i)), d, out + i);
  for (; i < n; ++i) out[i] = in[i] + bias[i];
}

void BiasAddRowsTarget(const float* in, const float* bias, float* out, int64_t rows, int64_t cols) {
  const size_t n = static_cast<size_t>(cols);
  if (n == 1) {  // one channel: a scalar add over everything
    const float b = bias[0];
    for (int64_t r = 0; r < rows; ++r) out[r] = in[r] + b;
    return;
  }
  for (int64_t r = 0; r < rows; ++r) AddRow(in + r * cols, bias, out + r * cols, n);
}

void BiasAddPlanesTarget(const float* in, const float* bias, float* out, int64_t rows,
                         int64_t cols) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const size_t n = static_cast<size_t>(cols);
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = in + r * cols;
    float* y = out + r * cols;
    const V b = hn::Set(d, bias[r]);
    size_t i = 0;
    for (; i + 2 * lanes <= n; i += 2 * lanes) {
      const V a0 = hn::Add(hn::LoadU(d, x + i), b);
      const V a1 = hn::Add(hn::LoadU(d, x + i + lanes), b);
      hn::StoreU(a0, d, y + i);
      hn::StoreU(a1, d, y + i + lanes);
    }
    for (; i + lanes <= n; i += lanes) hn::StoreU(hn::Add(hn::LoadU(d, x + i), b), d, y + i);
    for (; i < n; ++i) y[i] = x[i] + bias[r];
  }
}

void ColumnSumTarget(const float* in, int64_t rows, int64_t cols, float* acc) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const size_t n = static_cast<size_t>(cols);
  int64_t r = 0;
  // Four rows per pass halve the accumulator traffic.
  for (; r + 4 <= rows; r += 4) {
    const float* x0 = in + r * cols;
    const float* x1 = x0 + cols;
    const float* x2 = x1 + cols;
    const float* x3 = x2 + cols;
    size_t i = 0;
    for (; i + lanes <= n; i += lanes) {
      const V s01 = hn::Add(hn::LoadU(d, x0 + i), hn::LoadU(d, x1 + i));
      const V s23 = hn::Add(hn::LoadU(d, x2 + i), hn::LoadU(d, x3 + i));
      hn::StoreU(hn::Add(hn::LoadU(d, acc + i), hn::Add(s01, s23)), d, acc + i);
    }
    for (; i < n; ++i) acc[i] += (x0[i] + x1[i]) + (x2[i] + x3[i]);
  }
  for (; r < rows; ++r) {
    const float* x = in + r * cols;
    size_t i = 0;
    for (; i + lanes <= n; i += lanes)
      hn::StoreU(hn::Add(hn::LoadU(d, acc + i), hn::LoadU(d, x + i)), d, acc + i);
    for (; i < n; ++i) acc[i] += x[i];
  }
}

float SumTarget(const float* in, int64_t count) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const size_t n = static_cast<size_t>(count);
  V s0 = hn::Zero(d), s1 = hn::Zero(d), s2 = hn::Zero(d), s3 = hn::Zero(d);
  size_t i = 0;
  for (; i + 4 * lanes <= n; i += 4 * lanes) {
    s0 = hn::Add(s0, hn::LoadU(d, in + i));
    s1 = hn::Add(s1, hn::LoadU(d, in + i + lanes));
    s2 = hn::Add(s2, hn::LoadU(d, in + i + 2 * lanes));
    s3 = hn::Add(s3, hn::LoadU(d, in + i + 3 * lanes));
  }
  for (; i + lanes <= n; i += lanes) s0 = hn::Add(s0, hn::LoadU(d, in + i));
  float sum = hn::GetLane(hn::SumOfLanes(d, hn::Add(hn::Add(s0, s1), hn::Add(s2, s3))));
  for (; i < n; ++i) sum += in[i];
  return sum;
}

// ---- activations ----

template <class Op>
HWY_INLINE void UnaryLoop(const float* in, float* out, size_t n, const Op& op) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) hn::StoreU(op(d, hn::LoadU(d, in + i)), d, out + i);
  if (i < n) {  // the tail goes through the same vector code, so every position agrees
    HWY_ALIGN float buf[kMaxLanes] = {};
    std::memcpy(buf, in + i, (n - i) * sizeof(float));
    hn::Store(op(d, hn::Load(d, buf)), d, buf);
    std::memcpy(out + i, buf, (n - i) * sizeof(float));
  }
}

template <class Op>
HWY_INLINE void BinaryLoop(const float* a, const float* b, float* out, size_t n, const Op& op) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes)
    hn::StoreU(op(d, hn::LoadU(d, a + i), hn::LoadU(d, b + i)), d, out + i);
  if (i < n) {
    HWY_ALIGN float ba[kMaxLanes] = {};
    HWY_ALIGN float bb[kMaxLanes] = {};
    std::memcpy(ba, a + i, (n - i) * sizeof(float));
    std::memcpy(bb, b + i, (n - i) * sizeof(float));
    hn::Store(op(d, hn::Load(d, ba), hn::Load(d, bb)), d, ba);
    std::memcpy(out + i, ba, (n - i) * sizeof(float));
  }
}

void ActivationTarget(ActivationF32 op, const float* in, float* out, int64_t count, float alpha) {
  const size_t n = static_cast<size_t>(count);
  switch (op) {
    case ActivationF32::kRelu6:  // NaN stays NaN
      return UnaryLoop(in, out, n, [](D d, V x) {
        const V six = hn::Set(d, 6.0f);
        return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), hn::Zero(d),
                              hn::IfThenElse(hn::Gt(x, six), six, x));
      });
    case ActivationF32::kElu:  // TF's exp(x) - 1, not expm1
      return UnaryLoop(in, out, n, [](D d, V x) {
        const V em1 = hn::Sub(ExpIeee(d, x), hn::Set(d, 1.0f));
        return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), em1, x);
      });
    case ActivationF32::kSelu:
      return UnaryLoop(in, out, n, [](D d, V x) {
        const V em1 = hn::Sub(ExpIeee(d, x), hn::Set(d, 1.0f));
        return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), hn::Mul(hn::Set(d, kSeluScaleAlpha), em1),
                              hn::Mul(hn::Set(d, kSeluScale), x));
      });
    case ActivationF32::kSoftplus:
      return UnaryLoop(in, out, n, [](D d, V x) {
        // TF: x above -threshold, exp(x) below threshold, log1p(exp(x)) between.
        const V e = ExpIeee(d, x);
        const V mid = hn::Log1p(d, e);
        const V r = hn::IfThenElse(hn::Lt(x, hn::Set(d, kSoftplusThreshold)), e, mid);
        return hn::IfThenElse(hn::Gt(x, hn::Set(d, -kSoftplusThreshold)), x, r);
      });
    case ActivationF32::kSoftsign:
      return UnaryLoop(in, out, n,
                       [](D d, V x) { return hn::Div(x, hn::Add(hn::Abs(x), hn::Set(d, 1.0f))); });
    case ActivationF32::kLeakyRelu:
      return UnaryLoop(in, out, n, [alpha](D d, V x) {
        return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), x, hn::Mul(x, hn::Set(d, alpha)));
      });
  }
}

void ActivationGradTarget(ActivationF32 op, const float* g, const float* x, float* out,
                          int64_t count, float alpha) {
  const size_t n = static_cast<size_t>(count);
  switch (op) {
    case ActivationF32::kRelu6:  // a product with the 0/1 mask, as TF (NaN/inf grads stay)
      return BinaryLoop(g, x, out, n, [](D d, V dy, V f) {
        const auto inside = hn::And(hn::Gt(f, hn::Zero(d)), hn::Lt(f, hn::Set(d, 6.0f)));
        return hn::Mul(dy, hn::IfThenElseZero(inside, hn::Set(d, 1.0f)));
      });
    case ActivationF32::kElu:  // x is the forward output y
      return BinaryLoop(g, x, out, n, [](D d, V dy, V y) {
        return hn::IfThenElse(hn::Lt(y, hn::Zero(d)), hn::Mul(hn::Add(y, hn::Set(d, 1.0f)), dy),
                              dy);
      });
    case ActivationF32::kSelu:
      return BinaryLoop(g, x, out, n, [](D d, V dy, V y) {
        const V neg = hn::Mul(dy, hn::Add(y, hn::Set(d, kSeluScaleAlpha)));
        return hn::IfThenElse(hn::Lt(y, hn::Zero(d)), neg, hn::Mul(dy, hn::Set(d, kSeluScale)));
      });
    case ActivationF32::kSoftplus:
      return BinaryLoop(g, x, out, n, [](D d, V dy, V f) {
        return hn::Div(dy, hn::Add(ExpIeee(d, hn::Neg(f)), hn::Set(d, 1.0f)));
      });
    case ActivationF32::kSoftsign:
      return BinaryLoop(g, x, out, n, [](D d, V dy, V f) {
        const V t = hn::Add(hn::Abs(f), hn::Set(d, 1.0f));
        return hn::Div(dy, hn::Mul(t, t));
      });
    case ActivationF32::kLeakyRelu:
      return BinaryLoop(g, x, out, n, [alpha](D d, V dy, V f) {
        return hn::IfThenElse(hn::Gt(f, hn::Zero(d)), dy, hn::Mul(dy, hn::Set(d, alpha)));
      });
  }
}

// ---- softmax rows ----

HWY_INLINE float RowMax(const float* x, size_t n) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  V m = hn::Set(d, -kInf);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) m = hn::Max(m, hn::LoadU(d, x + i));
  float result = hn::GetLane(hn::MaxOfLanes(d, m));
  for (; i < n; ++i) result = x[i] > result ? x[i] : result;
  return result;
}

// out[i] = exp(x[i] - max); returns the sum of out. out may equal x.
HWY_INLINE float ExpShiftSum(const float* x, float max, float* out, size_t n) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const V vmax = hn::Set(d, max);
  V sum = hn::Zero(d);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const V e = ExpIeee(d, hn::Sub(hn::LoadU(d, x + i), vmax));
    hn::StoreU(e, d, out + i);
    sum = hn::Add(sum, e);
  }
  if (i < n) {
    HWY_ALIGN float buf[kMaxLanes];
    for (size_t k = 0; k < kMaxLanes; ++k) buf[k] = -kInf;  // exp(-inf) = 0 in the sum
    std::memcpy(buf, x + i, (n - i) * sizeof(float));
    const V e = ExpIeee(d, hn::Sub(hn::Load(d, buf), vmax));
    hn::Store(e, d, buf);
    std::memcpy(out + i, buf, (n - i) * sizeof(float));
    sum = hn::Add(sum, e);
  }
  return hn::GetLane(hn::SumOfLanes(d, sum));
}

// out[i] = op(x[i]) for a row, scalar tail through the same vector op.
template <class Op>
HWY_INLINE void RowMap(const float* x, float* out, size_t n, const Op& op) {
  UnaryLoop(x, out, n, op);
}

void SoftmaxRowsTarget(const float* in, float* out, int64_t rows, int64_t cols, bool log) {
  const size_t n = static_cast<size_t>(cols);
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = in + r * cols;
    float* y = out + r * cols;
    const float max = RowMax(x, n);
    if (log) {
      // TF: shifted - log(sum(exp(shifted))).
      HWY_ALIGN float scratch[kMaxLanes * 4];
      float sum = 0;
      for (size_t i = 0; i < n; i += kMaxLanes * 4) {
        const size_t m = n - i < kMaxLanes * 4 ? n - i : kMaxLanes * 4;
        sum += ExpShiftSum(x + i, max, scratch, m);
      }
      const float shift = max;
      const float log_sum = std::log(sum);
      RowMap(x, y, n, [shift, log_sum](D d, V v) {
        return hn::Sub(hn::Sub(v, hn::Set(d, shift)), hn::Set(d, log_sum));
      });
    } else {
      // TF: exp(shifted) * (1 / sum).
      const float sum = ExpShiftSum(x, max, y, n);
      const float inverse = 1.0f / sum;
      RowMap(y, y, n, [inverse](D d, V v) { return hn::Mul(v, hn::Set(d, inverse)); });
    }
  }
}

void XentRowsTarget(const float* logits, const float* labels, int64_t labels_stride, float* loss,
                    float* backprop, int64_t rows, int64_t cols) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const size_t n = static_cast<size_t>(cols);
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = logits + r * cols;
    const float* t = labels + r * labels_stride;
    float* bp = backprop + r * cols;
    const float max = RowMax(x, n);
    const float sum = ExpShiftSum(x, max, bp, n);  // bp holds exp(x - max) for now
    const float log_sum = std::log(sum);
    // loss = sum(labels * (log_sum - (x - max))); backprop = exp(x - max) / sum - labels.
    const V vmax = hn::Set(d, max), vlog = hn::Set(d, log_sum), vsum = hn::Set(d, sum);
    V acc = hn::Zero(d);
    size_t i = 0;
    for (; i + lanes <= n; i += lanes) {
      const V lab = hn::LoadU(d, t + i);
      const V shifted = hn::Sub(hn::LoadU(d, x + i), vmax);
      acc = hn::Add(acc, hn::Mul(lab, hn::Sub(vlog, shifted)));
      hn::StoreU(hn::Sub(hn::Div(hn::LoadU(d, bp + i), vsum), lab), d, bp + i);
    }
    float total = hn::GetLane(hn::SumOfLanes(d, acc));
    for (; i < n; ++i) {
      total += t[i] * (log_sum - (x[i] - max));
      bp[i] = bp[i] / sum - t[i];
    }
    loss[r] = total;
  }
}

void SparseXentRowsTarget(const float* logits, const int64_t* labels, float* loss, float* backprop,
                          int64_t rows, int64_t cols) {
  const size_t n = static_cast<size_t>(cols);
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = logits + r * cols;
    float* bp = backprop + r * cols;
    const float max = RowMax(x, n);
    const float sum = ExpShiftSum(x, max, bp, n);
    const float log_sum = std::log(sum);
    RowMap(bp, bp, n, [sum](D d, V v) { return hn::Div(v, hn::Set(d, sum)); });
    const int64_t label = labels[r];
    bp[label] -= 1.0f;
    loss[r] = log_sum - (x[label] - max);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace liu::simd
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace liu::simd {

HWY_EXPORT(BiasAddRowsTarget);
HWY_EXPORT(BiasAddPlanesTarget);
HWY_EXPORT(ColumnSumTarget);
HWY_EXPORT(SumTarget);
HWY_EXPORT(ActivationTarget);
HWY_EXPORT(ActivationGradTarget);
HWY_EXPORT(SoftmaxRowsTarget);
HWY_EXPORT(XentRowsTarget);
HWY_EXPORT(SparseXentRowsTarget);

void bias_add_rows_f32(const float* in, const float* bias, float* out, int64_t rows, int64_t cols) {
  if (rows > 0 && cols > 0) HWY_DYNAMIC_DISPATCH(BiasAddRowsTarget)(in, bias, out, rows, cols);
}

void bias_add_planes_f32(const float* in, const float* bias, float* out, int64_t rows,
                         int64_t cols) {
  if (rows > 0 && cols > 0) HWY_DYNAMIC_DISPATCH(BiasAddPlanesTarget)(in, bias, out, rows, cols);
}

void column_sum_f32(const float* in, int64_t rows, int64_t cols, float* acc) {
  if (rows > 0 && cols > 0) HWY_DYNAMIC_DISPATCH(ColumnSumTarget)(in, rows, cols, acc);
}

float sum_f32(const float* in, int64_t n) {
  return n > 0 ? HWY_DYNAMIC_DISPATCH(SumTarget)(in, n) : 0.0f;
}

void activation_f32(ActivationF32 op, const float* in, float* out, int64_t n, float alpha) {
  if (n > 0) HWY_DYNAMIC_DISPATCH(ActivationTarget)(op, in, out, n, alpha);
}

void activation_grad_f32(ActivationF32 op, const float* g, const float* x, float* out, int64_t n,
                         float alpha) {
  if (n > 0) HWY_DYNAMIC_DISPATCH(ActivationGradTarget)(op, g, x, out, n, alpha);
}

void softmax_rows_f32(const float* in, float* out, int64_t rows, int64_t cols, bool log) {
  if (rows > 0 && cols > 0) HWY_DYNAMIC_DISPATCH(SoftmaxRowsTarget)(in, out, rows, cols, log);
}

void xent_rows_f32(const float* logits, const float* labels, int64_t labels_stride, float* loss,
                   float* backprop, int64_t rows, int64_t cols) {
  if (rows > 0 && cols > 0)
    HWY_DYNAMIC_DISPATCH(XentRowsTarget)(logits, labels, labels_stride, loss, backprop, rows, cols);
}

void sparse_xent_rows_f32(const float* logits, const int64_t* labels, float* loss, float* backprop,
                          int64_t rows, int64_t cols) {
  if (rows > 0 && cols > 0)
    HWY_DYNAMIC_DISPATCH(SparseXentRowsTarget)(logits, labels, loss, backprop, rows, cols);
}

}  // namespace liu::simd
#endif  // HWY_ONCE
