// Highway SIMD float32 loops; this file is compiled once per SIMD target through
// foreach_target.h and the best target is chosen at run time.
#include "liu/kernels/cpu/elementwise_simd.h"

#include <cstddef>
#include <cstring>
#include <limits>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "liu/kernels/cpu/elementwise_simd.cc"
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
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
// Smallest float whose exp rounds to +inf; Highway's Exp is only valid up to 104.
constexpr float kExpOverflow = 88.72283935546875f;

// Highway's Exp/Log leave IEEE special cases undefined; these restore them.
HWY_INLINE V ExpIeee(D d, V x) {
  V r = hn::Exp(d, x);
  r = hn::IfThenElse(hn::Ge(x, hn::Set(d, kExpOverflow)), hn::Set(d, kInf), r);
  return hn::IfThenElse(hn::IsNaN(x), x, r);
}

HWY_INLINE V LogIeee(D d, V x) {
  const V zero = hn::Zero(d);
  V r = hn::Log(d, x);
  r = hn::IfThenElse(hn::Eq(x, zero), hn::Set(d, -kInf), r);
  r = hn::IfThenElse(hn::Eq(x, hn::Set(d, kInf)), x, r);
  return hn::IfThenElse(hn::Or(hn::Lt(x, zero), hn::IsNaN(x)), hn::Set(d, kNaN), r);
}

template <class Op>
HWY_INLINE void UnaryLoop(const float* in, float* out, size_t n, const Op& op) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t i = 0;
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const V x0 = hn::LoadU(d, in + i);
    const V x1 = hn::LoadU(d, in + i + lanes);
    hn::StoreU(op(d, x0), d, out + i);
    hn::StoreU(op(d, x1), d, out + i + lanes);
  }
  for (; i + lanes <= n; i += lanes) hn::StoreU(op(d, hn::LoadU(d, in + i)), d, out + i);
  if (i < n) {  // the tail goes through the same vector code, so every position agrees
    HWY_ALIGN float buf[kMaxLanes] = {};
    std::memcpy(buf, in + i, (n - i) * sizeof(float));
    hn::Store(op(d, hn::Load(d, buf)), d, buf);
    std::memcpy(out + i, buf, (n - i) * sizeof(float));
  }
}

void UnaryF32Target(UnaryF32 op, const float* in, float* out, int64_t count) {
  const size_t n = static_cast<size_t>(count);
  switch (op) {
    case UnaryF32::kNeg:
      return UnaryLoop(in, out, n, [](D, V x) { return hn::Neg(x); });
    case UnaryF32::kAbs:
      return UnaryLoop(in, out, n, [](D, V x) { return hn::Abs(x); });
    case UnaryF32::kSquare:
      return UnaryLoop(in, out, n, [](D, V x) { return hn::Mul(x, x); });
    case UnaryF32::kSqrt:
      return UnaryLoop(in, out, n, [](D, V x) { return hn::Sqrt(x); });
    case UnaryF32::kRsqrt:
      // An exact divide rather than the ~12-bit approximate rsqrt instruction.
      return UnaryLoop(in, out, n, [](D d, V x) { return hn::Div(hn::Set(d, 1.0f), hn::Sqrt(x)); });
    case UnaryF32::kExp:
      return UnaryLoop(in, out, n, [](D d, V x) { return ExpIeee(d, x); });
    case UnaryF32::kLog:
      return UnaryLoop(in, out, n, [](D d, V x) { return LogIeee(d, x); });
    case UnaryF32::kTanh:
      return UnaryLoop(in, out, n, [](D d, V x) { return hn::Tanh(d, x); });
    case UnaryF32::kSigmoid:
      return UnaryLoop(in, out, n, [](D d, V x) {
        const V one = hn::Set(d, 1.0f);
        return hn::Div(one, hn::Add(one, ExpIeee(d, hn::Neg(x))));
      });
    case UnaryF32::kRelu:
      // x <= 0 ? 0 : x keeps NaN and turns -0 into +0, as TF's vectorized Relu does.
      return UnaryLoop(in, out, n, [](D d, V x) {
        return hn::IfThenElse(hn::Le(x, hn::Zero(d)), hn::Zero(d), x);
      });
    // The result always has x's sign; CopySign restores -0 (ceil(-0.5), round(-0.4)), which
    // the emulated rounding of the SSSE3 and scalar targets loses.
    case UnaryF32::kFloor:
      return UnaryLoop(in, out, n, [](D, V x) { return hn::CopySign(hn::Floor(x), x); });
    case UnaryF32::kCeil:
      return UnaryLoop(in, out, n, [](D, V x) { return hn::CopySign(hn::Ceil(x), x); });
    case UnaryF32::kRound:
      return UnaryLoop(in, out, n, [](D, V x) { return hn::CopySign(hn::Round(x), x); });
    case UnaryF32::kReciprocal:
      return UnaryLoop(in, out, n, [](D d, V x) { return hn::Div(hn::Set(d, 1.0f), x); });
  }
}

// One of the three stride patterns, so each inner loop has only loads that advance.
template <bool kRepeatA, bool kRepeatB, class Op>
HWY_INLINE void BinaryLoopFixed(const float* a, const float* b, float* out, size_t n,
                                const Op& op) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const V va = hn::Set(d, a[0]);
  const V vb = hn::Set(d, b[0]);
  auto load_a = [&](size_t i) { return kRepeatA ? va : hn::LoadU(d, a + i); };
  auto load_b = [&](size_t i) { return kRepeatB ? vb : hn::LoadU(d, b + i); };
  size_t i = 0;
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const V r0 = op(d, load_a(i), load_b(i));
    const V r1 = op(d, load_a(i + lanes), load_b(i + lanes));
    hn::StoreU(r0, d, out + i);
    hn::StoreU(r1, d, out + i + lanes);
  }
  for (; i + lanes <= n; i += lanes) hn::StoreU(op(d, load_a(i), load_b(i)), d, out + i);
  if (i < n) {
    HWY_ALIGN float ba[kMaxLanes] = {};
    HWY_ALIGN float bb[kMaxLanes] = {};
    if (!kRepeatA) std::memcpy(ba, a + i, (n - i) * sizeof(float));
    if (!kRepeatB) std::memcpy(bb, b + i, (n - i) * sizeof(float));
    const V x = kRepeatA ? va : hn::Load(d, ba);
    const V y = kRepeatB ? vb : hn::Load(d, bb);
    hn::Store(op(d, x, y), d, ba);
    std::memcpy(out + i, ba, (n - i) * sizeof(float));
  }
}

template <class Op>
HWY_INLINE void BinaryLoop(const float* a, int64_t sa, const float* b, int64_t sb, float* out,
                           size_t n, const Op& op) {
  if (sa == 0 && sb != 0) return BinaryLoopFixed<true, false>(a, b, out, n, op);
  if (sb == 0 && sa != 0) return BinaryLoopFixed<false, true>(a, b, out, n, op);
  if (sa == 0 && sb == 0) return BinaryLoopFixed<true, true>(a, b, out, n, op);
  return BinaryLoopFixed<false, false>(a, b, out, n, op);
}

void BinaryF32Target(BinaryF32 op, const float* a, int64_t sa, const float* b, int64_t sb,
                     float* out, int64_t count) {
  const size_t n = static_cast<size_t>(count);
  switch (op) {
    case BinaryF32::kAdd:
      return BinaryLoop(a, sa, b, sb, out, n, [](D, V x, V y) { return hn::Add(x, y); });
    case BinaryF32::kSub:
      return BinaryLoop(a, sa, b, sb, out, n, [](D, V x, V y) { return hn::Sub(x, y); });
    case BinaryF32::kMul:
      return BinaryLoop(a, sa, b, sb, out, n, [](D, V x, V y) { return hn::Mul(x, y); });
    case BinaryF32::kDiv:
      return BinaryLoop(a, sa, b, sb, out, n, [](D, V x, V y) { return hn::Div(x, y); });
    case BinaryF32::kMax:
      return BinaryLoop(a, sa, b, sb, out, n, [](D, V x, V y) {
        const V r = hn::IfThenElse(hn::Lt(x, y), y, x);
        return hn::IfThenElse(hn::IsNaN(y), y, r);
      });
    case BinaryF32::kMin:
      return BinaryLoop(a, sa, b, sb, out, n, [](D, V x, V y) {
        const V r = hn::IfThenElse(hn::Lt(y, x), y, x);
        return hn::IfThenElse(hn::IsNaN(y), y, r);
      });
    case BinaryF32::kSquaredDifference:
      return BinaryLoop(a, sa, b, sb, out, n, [](D, V x, V y) {
        const V t = hn::Sub(x, y);
        return hn::Mul(t, t);
      });
  }
}

// Comparisons write one bool byte per lane: the mask becomes 0/1 in 32-bit lanes, which
// narrow to bytes; kNegate flips them (kNe is !Eq: Highway's Ne is false for NaN on x86).
// The tail is scalar (exact ops, so it agrees with the vector lanes).
template <bool kRepeatA, bool kRepeatB, bool kNegate, class Op, class ScalarOp>
HWY_INLINE void CompareLoopFixed(const float* a, const float* b, bool* out, size_t n, const Op& op,
                                 const ScalarOp& scalar_op) {
  const D d;
  const hn::RebindToSigned<D> di;
  const hn::Rebind<uint8_t, D> d8;
  const size_t lanes = hn::Lanes(d);
  const V va = hn::Set(d, a[0]);
  const V vb = hn::Set(d, b[0]);
  const auto one = hn::Set(di, 1);
  auto load_a = [&](size_t i) { return kRepeatA ? va : hn::LoadU(d, a + i); };
  auto load_b = [&](size_t i) { return kRepeatB ? vb : hn::LoadU(d, b + i); };
  uint8_t* bytes = reinterpret_cast<uint8_t*>(out);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto m = op(load_a(i), load_b(i));
    const auto mask = hn::BitCast(di, hn::VecFromMask(d, m));
    const auto bits = kNegate ? hn::AndNot(mask, one) : hn::And(mask, one);
    hn::StoreU(hn::DemoteTo(d8, bits), d8, bytes + i);
  }
  for (; i < n; ++i) out[i] = scalar_op(a[kRepeatA ? 0 : i], b[kRepeatB ? 0 : i]);
}

template <bool kNegate = false, class Op, class ScalarOp>
HWY_INLINE void CompareLoop(const float* a, int64_t sa, const float* b, int64_t sb, bool* out,
                            size_t n, const Op& op, const ScalarOp& scalar_op) {
  if (sa == 0 && sb != 0)
    return CompareLoopFixed<true, false, kNegate>(a, b, out, n, op, scalar_op);
  if (sb == 0 && sa != 0)
    return CompareLoopFixed<false, true, kNegate>(a, b, out, n, op, scalar_op);
  if (sa == 0 && sb == 0) return CompareLoopFixed<true, true, kNegate>(a, b, out, n, op, scalar_op);
  return CompareLoopFixed<false, false, kNegate>(a, b, out, n, op, scalar_op);
}

void CompareF32Target(CompareF32 op, const float* a, int64_t sa, const float* b, int64_t sb,
                      bool* out, int64_t count) {
  const size_t n = static_cast<size_t>(count);
  switch (op) {
    case CompareF32::kEq:
      return CompareLoop(
          a, sa, b, sb, out, n, [](V x, V y) { return hn::Eq(x, y); },
          [](float x, float y) { return x == y; });
    case CompareF32::kNe:
      return CompareLoop<true>(
          a, sa, b, sb, out, n, [](V x, V y) { return hn::Eq(x, y); },
          [](float x, float y) { return x != y; });
    case CompareF32::kLt:
      return CompareLoop(
          a, sa, b, sb, out, n, [](V x, V y) { return hn::Lt(x, y); },
          [](float x, float y) { return x < y; });
    case CompareF32::kLe:
      return CompareLoop(
          a, sa, b, sb, out, n, [](V x, V y) { return hn::Le(x, y); },
          [](float x, float y) { return x <= y; });
    case CompareF32::kGt:
      return CompareLoop(
          a, sa, b, sb, out, n, [](V x, V y) { return hn::Gt(x, y); },
          [](float x, float y) { return x > y; });
    case CompareF32::kGe:
      return CompareLoop(
          a, sa, b, sb, out, n, [](V x, V y) { return hn::Ge(x, y); },
          [](float x, float y) { return x >= y; });
  }
}

const char* TargetNameTarget() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace liu::simd
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace liu::simd {

HWY_EXPORT(UnaryF32Target);
HWY_EXPORT(BinaryF32Target);
HWY_EXPORT(CompareF32Target);
HWY_EXPORT(TargetNameTarget);

void unary_f32(UnaryF32 op, const float* in, float* out, int64_t n) {
  if (n > 0) HWY_DYNAMIC_DISPATCH(UnaryF32Target)(op, in, out, n);
}

void binary_f32(BinaryF32 op, const float* a, int64_t sa, const float* b, int64_t sb, float* out,
                int64_t n) {
  if (n > 0) HWY_DYNAMIC_DISPATCH(BinaryF32Target)(op, a, sa, b, sb, out, n);
}

void compare_f32(CompareF32 op, const float* a, int64_t sa, const float* b, int64_t sb, bool* out,
                 int64_t n) {
  if (n > 0) HWY_DYNAMIC_DISPATCH(CompareF32Target)(op, a, sa, b, sb, out, n);
}

const char* target_name() { return HWY_DYNAMIC_DISPATCH(TargetNameTarget)(); }

std::vector<std::string> available_targets() {
  std::vector<std::string> names;
  for (int64_t target : hwy::SupportedAndGeneratedTargets())
    names.push_back(hwy::TargetName(target));
  return names;
}

bool force_target(const std::string& name) {
  int64_t chosen = 0;
  if (!name.empty()) {
    hwy::SetSupportedTargetsForTest(0);
    for (int64_t target : hwy::SupportedAndGeneratedTargets())
      if (name == hwy::TargetName(target)) chosen = target;
    if (chosen == 0) return false;
  }
  hwy::SetSupportedTargetsForTest(chosen);
  hwy::GetChosenTarget().Update(hwy::SupportedTargets());
  return true;
}

}  // namespace liu::simd
#endif  // HWY_ONCE
