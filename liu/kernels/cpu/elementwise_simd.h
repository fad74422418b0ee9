#pragma once
// Float32 elementwise loops in Google Highway SIMD, compiled for every x86 target Highway
// supports and picked at run time (no -march=native). Results equal the scalar definitions
// for the exact ops (add, max, ...) and stay within a few ulp for the transcendentals;
// special values (inf, nan, 0, negative log arguments) follow IEEE / TensorFlow.
#include <cstdint>
#include <string>
#include <vector>

namespace liu::simd {

enum class UnaryF32 {
  kNeg,
  kAbs,
  kSquare,
  kSqrt,
  kRsqrt,
  kExp,
  kLog,
  kTanh,
  kSigmoid,
  kRelu,
  kFloor,
  kCeil,
  kRound,  // half to even
  kReciprocal,
};

enum class BinaryF32 {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMax,  // NaN if either is NaN; x when equal (TF's choice for -0 vs 0)
  kMin,
  kSquaredDifference,
};

// IEEE comparisons: false whenever an operand is NaN, except kNe which is then true.
enum class CompareF32 { kEq, kNe, kLt, kLe, kGt, kGe };

// out[i] = op(in[i]) for i < n; out may equal in.
void unary_f32(UnaryF32 op, const float* in, float* out, int64_t n);

// out[i] = op(a[i * sa], b[i * sb]) where sa, sb are 0 (repeat one value) or 1; out may equal
// a or b when that side has stride 1.
void binary_f32(BinaryF32 op, const float* a, int64_t sa, const float* b, int64_t sb, float* out,
                int64_t n);

// out[i] = op(a[i * sa], b[i * sb]) as bool, strides 0 or 1 as for binary_f32.
void compare_f32(CompareF32 op, const float* a, int64_t sa, const float* b, int64_t sb, bool* out,
                 int64_t n);

// The name of the SIMD target chosen at run time, e.g. "AVX2" (for tests and benchmarks).
const char* target_name();

// Test and benchmark hooks: the targets compiled in and usable on this CPU, best first, and a
// way to run on one of them ("" restores the best). Not thread-safe: call between runs.
std::vector<std::string> available_targets();
bool force_target(const std::string& name);

}  // namespace liu::simd
