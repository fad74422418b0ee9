#pragma once
// Scalar definitions of the elementwise ops, with TensorFlow's semantics: integer arithmetic
// wraps (no signed-overflow UB), floor division/modulo round toward -inf, Round is half to
// even, Maximum/Minimum propagate NaN. A functor with kSimd has a Highway float32 version
// (elementwise_simd.h) that the drivers use instead; kCost > 1 marks expensive ops so they go
// parallel on smaller tensors.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "liu/kernels/cpu/elementwise_simd.h"

namespace liu::ew {

template <typename T>
inline constexpr bool kIsInt = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// Unsigned type at least as wide as int, so arithmetic on it neither promotes to signed int
// nor overflows: the low bits are the wrapped result.
template <typename T>
using Wide = std::conditional_t<sizeof(T) < 8, uint32_t, uint64_t>;

template <typename T>
inline T wrap_add(T a, T b) {
  if constexpr (kIsInt<T>)
    return static_cast<T>(static_cast<Wide<T>>(a) + static_cast<Wide<T>>(b));
  else
    return a + b;
}
template <typename T>
inline T wrap_sub(T a, T b) {
  if constexpr (kIsInt<T>)
    return static_cast<T>(static_cast<Wide<T>>(a) - static_cast<Wide<T>>(b));
  else
    return a - b;
}
template <typename T>
inline T wrap_mul(T a, T b) {
  if constexpr (kIsInt<T>)
    return static_cast<T>(static_cast<Wide<T>>(a) * static_cast<Wide<T>>(b));
  else
    return a * b;
}
template <typename T>
inline T wrap_neg(T a) {
  if constexpr (kIsInt<T>)
    return static_cast<T>(Wide<T>{0} - static_cast<Wide<T>>(a));
  else
    return -a;
}

// ---- unary ----

struct Neg {
  static constexpr auto kSimd = simd::UnaryF32::kNeg;
  template <typename T>
  T operator()(T x) const {
    return wrap_neg(x);
  }
};

struct Abs {
  static constexpr auto kSimd = simd::UnaryF32::kAbs;
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)
      return std::fabs(x);
    else if constexpr (std::is_signed_v<T>)
      return x < 0 ? wrap_neg(x) : x;
    else
      return x;
  }
};

struct Sign {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)  // +0 for both zeros, NaN stays NaN
      return x > 0 ? T(1) : x < 0 ? T(-1) : x == 0 ? T(0) : x;
    else
      return static_cast<T>((x > 0) - (x < 0));
  }
};

struct Square {
  static constexpr auto kSimd = simd::UnaryF32::kSquare;
  template <typename T>
  T operator()(T x) const {
    return wrap_mul(x, x);
  }
};

struct Sqrt {
  static constexpr auto kSimd = simd::UnaryF32::kSqrt;
  template <typename T>
  T operator()(T x) const {
    return std::sqrt(x);
  }
};

struct Rsqrt {
  static constexpr auto kSimd = simd::UnaryF32::kRsqrt;
  template <typename T>
  T operator()(T x) const {
    return T(1) / std::sqrt(x);
  }
};

struct Exp {
  static constexpr auto kSimd = simd::UnaryF32::kExp;
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T x) const {
    return std::exp(x);
  }
};

struct Log {
  static constexpr auto kSimd = simd::UnaryF32::kLog;
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T x) const {
    return std::log(x);
  }
};

struct Log1p {
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T x) const {
    return std::log1p(x);
  }
};

struct Sin {
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T x) const {
    return std::sin(x);
  }
};

struct Cos {
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T x) const {
    return std::cos(x);
  }
};

struct Tanh {
  static constexpr auto kSimd = simd::UnaryF32::kTanh;
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T x) const {
    return std::tanh(x);
  }
};

struct Sigmoid {
  static constexpr auto kSimd = simd::UnaryF32::kSigmoid;
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T x) const {
    return T(1) / (T(1) + std::exp(-x));
  }
};

struct Relu {
  static constexpr auto kSimd = simd::UnaryF32::kRelu;
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_signed_v<T>)
      return x <= 0 ? T(0) : x;  // NaN stays NaN, -0 becomes +0
    else
      return x;
  }
};

struct Floor {
  static constexpr auto kSimd = simd::UnaryF32::kFloor;
  template <typename T>
  T operator()(T x) const {
    return std::floor(x);
  }
};

struct Ceil {
  static constexpr auto kSimd = simd::UnaryF32::kCeil;
  template <typename T>
  T operator()(T x) const {
    return std::ceil(x);
  }
};

struct Round {
  static constexpr auto kSimd = simd::UnaryF32::kRound;
  template <typename T>
  T operator()(T x) const {
    // nearbyint rounds half to even in the default rounding mode.
    if constexpr (std::is_floating_point_v<T>)
      return std::nearbyint(x);
    else
      return x;
  }
};

// Integer inputs are checked for zero before this runs.
struct Reciprocal {
  static constexpr auto kSimd = simd::UnaryF32::kReciprocal;
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(T(1) / x);
  }
};

struct LogicalNot {
  bool operator()(bool x) const { return !x; }
};

// ---- binary ----

struct Add {
  static constexpr auto kSimd = simd::BinaryF32::kAdd;
  template <typename T>
  T operator()(const T& a, const T& b) const {
    if constexpr (std::is_same_v<T, std::string>)
      return a + b;
    else
      return wrap_add(a, b);
  }
};

struct Sub {
  static constexpr auto kSimd = simd::BinaryF32::kSub;
  template <typename T>
  T operator()(T a, T b) const {
    return wrap_sub(a, b);
  }
};

struct Mul {
  static constexpr auto kSimd = simd::BinaryF32::kMul;
  template <typename T>
  T operator()(T a, T b) const {
    return wrap_mul(a, b);
  }
};

// Truncating for integers (RealDiv and Div); b != 0 is checked before this runs, and
// MIN / -1 wraps to MIN as TF's x86 build gives instead of trapping.
struct Div {
  static constexpr auto kSimd = simd::BinaryF32::kDiv;
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T> && std::is_signed_v<T>)
      if (b == -1) return wrap_neg(a);
    return static_cast<T>(a / b);
  }
};

// 0 where the divisor is 0, even for 0/0 and inf/0 (floating types only).
struct DivNoNan {
  template <typename T>
  T operator()(T a, T b) const {
    return b == T(0) ? T(0) : static_cast<T>(a / b);
  }
};

struct FloorDiv {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      return std::floor(a / b);
    } else if constexpr (std::is_signed_v<T>) {
      if (b == -1) return wrap_neg(a);
      const T q = static_cast<T>(a / b);
      return (a % b != 0 && ((a < 0) != (b < 0))) ? static_cast<T>(q - 1) : q;
    } else {
      return static_cast<T>(a / b);
    }
  }
};

// The result takes the sign of the divisor.
struct FloorMod {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      const T r = std::fmod(a, b);
      return (r != 0 && ((b < 0) != (r < 0))) ? r + b : r;
    } else if constexpr (std::is_signed_v<T>) {
      if (b == -1) return T(0);
      const T r = static_cast<T>(a % b);
      return (r != 0 && ((b < 0) != (r < 0))) ? static_cast<T>(r + b) : r;
    } else {
      return static_cast<T>(a % b);
    }
  }
};

// Integer exponents are checked to be >= 0 before this runs; integer powers wrap.
struct Pow {
  static constexpr int64_t kCost = 8;
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      return std::pow(a, b);
    } else {
      T result = 1, base = a;
      for (auto e = b; e > 0; e = static_cast<T>(e >> 1)) {
        if (e & 1) result = wrap_mul(result, base);
        base = wrap_mul(base, base);
      }
      return result;
    }
  }
};

struct Maximum {
  static constexpr auto kSimd = simd::BinaryF32::kMax;
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(b)) return b;
    return a < b ? b : a;
  }
};

struct Minimum {
  static constexpr auto kSimd = simd::BinaryF32::kMin;
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(b)) return b;
    return b < a ? b : a;
  }
};

struct SquaredDifference {
  static constexpr auto kSimd = simd::BinaryF32::kSquaredDifference;
  template <typename T>
  T operator()(T a, T b) const {
    const T d = wrap_sub(a, b);
    return wrap_mul(d, d);
  }
};

// ---- comparisons and logic (bool results) ----

struct Equal {
  template <typename T>
  bool operator()(const T& a, const T& b) const {
    return a == b;
  }
};
struct NotEqual {
  template <typename T>
  bool operator()(const T& a, const T& b) const {
    return a != b;
  }
};
struct Less {
  template <typename T>
  bool operator()(T a, T b) const {
    return a < b;
  }
};
struct LessEqual {
  template <typename T>
  bool operator()(T a, T b) const {
    return a <= b;
  }
};
struct Greater {
  template <typename T>
  bool operator()(T a, T b) const {
    return a > b;
  }
};
struct GreaterEqual {
  template <typename T>
  bool operator()(T a, T b) const {
    return a >= b;
  }
};
struct LogicalAnd {
  bool operator()(bool a, bool b) const { return a && b; }
};
struct LogicalOr {
  bool operator()(bool a, bool b) const { return a || b; }
};

template <typename Op>
constexpr int64_t cost_of() {
  if constexpr (requires { Op::kCost; })
    return Op::kCost;
  else
    return 1;
}

}  // namespace liu::ew
