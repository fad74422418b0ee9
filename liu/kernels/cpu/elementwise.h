#pragma once
// Drivers shared by the elementwise kernels: one input -> one output of the same shape, and
// two broadcast inputs -> one output. Outputs reuse an input buffer when this run holds its
// only reference; float32 functors with a kSimd member run through Highway.
#include <algorithm>
#include <type_traits>

#include "liu/kernels/cpu/broadcast.h"
#include "liu/kernels/cpu/elementwise_functors.h"
#include "liu/kernels/op_kernel.h"

namespace liu::ew {

template <typename Op>
inline constexpr bool kHasUnarySimd = requires {
  requires std::is_same_v<std::decay_t<decltype(Op::kSimd)>, simd::UnaryF32>;
};
template <typename Op>
inline constexpr bool kHasBinarySimd = requires {
  requires std::is_same_v<std::decay_t<decltype(Op::kSimd)>, simd::BinaryF32>;
};

// The Highway version of a float comparison functor, if it is one.
template <typename Op>
inline constexpr bool kHasCompareSimd =
    std::is_same_v<Op, Equal> || std::is_same_v<Op, NotEqual> || std::is_same_v<Op, Less> ||
    std::is_same_v<Op, LessEqual> || std::is_same_v<Op, Greater> ||
    std::is_same_v<Op, GreaterEqual>;

template <typename Op>
constexpr simd::CompareF32 compare_simd_of() {
  if constexpr (std::is_same_v<Op, Equal>) return simd::CompareF32::kEq;
  if constexpr (std::is_same_v<Op, NotEqual>) return simd::CompareF32::kNe;
  if constexpr (std::is_same_v<Op, Less>) return simd::CompareF32::kLt;
  if constexpr (std::is_same_v<Op, LessEqual>) return simd::CompareF32::kLe;
  if constexpr (std::is_same_v<Op, Greater>) return simd::CompareF32::kGt;
  return simd::CompareF32::kGe;
}

inline int threads(const KernelContext& ctx) { return bcast::thread_count(ctx.intra_op_threads()); }

template <typename T, typename Out, typename Op>
inline void unary_row(const Op& op, const T* in, Out* out, int64_t n) {
  if constexpr (std::is_same_v<T, float> && std::is_same_v<Out, float> && kHasUnarySimd<Op>) {
    simd::unary_f32(Op::kSimd, in, out, n);
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<Out>(op(in[i]));
  }
}

template <typename T, typename Out = T, typename Op>
Status unary(KernelContext& ctx, const Op& op) {
  const Tensor& x = ctx.input(0);
  Tensor* y = ctx.forward_or_allocate(0, 0, x.shape());
  const T* in = x.data<T>();
  Out* out = y->data<Out>();
  bcast::parallel_chunks(x.num_elements(), threads(ctx), cost_of<Op>(), [&](int64_t b, int64_t e) {
    unary_row<T, Out>(op, in + b, out + b, e - b);
  });
  return Status::ok();
}

// out[i] = op(a[i * sa], b[i * sb]) with strides 0 or 1.
template <typename T, typename Out, typename Op>
inline void binary_row(const Op& op, const T* a, int64_t sa, const T* b, int64_t sb, Out* out,
                       int64_t n) {
  if constexpr (std::is_same_v<T, float> && std::is_same_v<Out, float> && kHasBinarySimd<Op>) {
    simd::binary_f32(Op::kSimd, a, sa, b, sb, out, n);
  } else if constexpr (std::is_same_v<T, float> && std::is_same_v<Out, bool> &&
                       kHasCompareSimd<Op>) {
    simd::compare_f32(compare_simd_of<Op>(), a, sa, b, sb, out, n);
  } else {
    // Separate loops per stride pattern so the compiler vectorizes each.
    if (sa == 1 && sb == 1) {
      for (int64_t i = 0; i < n; ++i) out[i] = op(a[i], b[i]);
    } else if (sa == 1) {
      const T& y = b[0];
      for (int64_t i = 0; i < n; ++i) out[i] = op(a[i], y);
    } else if (sb == 1) {
      const T& x = a[0];
      for (int64_t i = 0; i < n; ++i) out[i] = op(x, b[i]);
    } else {
      const Out v = op(a[0], b[0]);
      for (int64_t i = 0; i < n; ++i) out[i] = v;
    }
  }
}

// Output 0 of `shape`, in the buffer of an input with the same element count (and so no
// broadcasting) when possible.
inline Tensor* forward_or_allocate_any(KernelContext& ctx, const Shape& shape) {
  const DType out_type = ctx.node().output_type(0);
  const int64_t n = shape.num_elements();
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const Tensor& in = ctx.input(i);
    if (in.dtype() == out_type && in.num_elements() == n && in.owns_buffer_exclusively())
      return ctx.forward_or_allocate(i, 0, shape);
  }
  return ctx.allocate_output(0, shape);
}

// Broadcasts inputs 0 and 1 (shapes re-checked: feeds can change them) into output 0.
template <typename T, typename Out, typename Op>
Status binary(KernelContext& ctx, const Op& op) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  Shape out_shape;
  Status s = bcast::broadcast_shape(a.shape(), b.shape(), &out_shape);
  if (!s.is_ok()) return ctx.error(s.message());
  Tensor* out = forward_or_allocate_any(ctx, out_shape);
  if (out_shape.num_elements() == 0) return Status::ok();
  const T* pa = a.data<T>();
  const T* pb = b.data<T>();
  Out* po = out->data<Out>();
  // Same element counts or a single element (the broadcasts that keep the flat order, such
  // as x * scalar): one flat run split into chunks, without planning rows.
  const int64_t n = out_shape.num_elements();
  const int64_t na = a.num_elements(), nb = b.num_elements();
  if ((na == n || na == 1) && (nb == n || nb == 1)) {
    const int64_t fa = na == n ? 1 : 0, fb = nb == n ? 1 : 0;
    bcast::parallel_chunks(n, threads(ctx), cost_of<Op>(), [&](int64_t begin, int64_t end) {
      binary_row<T, Out>(op, pa + begin * fa, fa, pb + begin * fb, fb, po + begin, end - begin);
    });
    return Status::ok();
  }
  const bcast::Plan plan = bcast::make_plan({&a.shape(), &b.shape()}, out_shape);
  const int64_t sa = plan.inner_stride(0), sb = plan.inner_stride(1);
  bcast::for_each_row(
      plan, threads(ctx), cost_of<Op>(), [&](const bcast::RowOffsets& off, int64_t n) {
        binary_row<T, Out>(op, pa + off.in[0], sa, pb + off.in[1], sb, po + off.out, n);
      });
  return Status::ok();
}

// True when any element equals zero (integer divisors are checked before dividing).
template <typename T>
bool any_zero(const Tensor& t) {
  const T* p = t.data<T>();
  const int64_t n = t.num_elements();
  bool found = false;
  for (int64_t i = 0; i < n; ++i) found |= (p[i] == T(0));
  return found;
}

template <typename T>
bool any_negative(const Tensor& t) {
  if constexpr (std::is_unsigned_v<T>) {
    return false;
  } else {
    const T* p = t.data<T>();
    const int64_t n = t.num_elements();
    bool found = false;
    for (int64_t i = 0; i < n; ++i) found |= (p[i] < T(0));
    return found;
  }
}

}  // namespace liu::ew
