// Select (TF1: condition a scalar, the shape of `t`, or a vector over t's first dim) and
// SelectV2 (condition, t and e broadcast together). Both only move elements, so they are
// instantiated per element size rather than per dtype.
#include <algorithm>
#include <cstring>

#include "liu/kernels/cpu/elementwise.h"

namespace liu {
namespace {

template <typename T>
void select_row(const bool* c, int64_t sc, const T* t, int64_t st, const T* e, int64_t se, T* out,
                int64_t n) {
  if (sc == 1 && st == 1 && se == 1) {
    if constexpr (std::is_integral_v<T>) {
      // Blending through a mask lets the compiler vectorize; a ?: on loads does not.
      for (int64_t i = 0; i < n; ++i) {
        const T mask = static_cast<T>(T(0) - static_cast<T>(c[i]));
        out[i] = static_cast<T>((t[i] & mask) | (e[i] & static_cast<T>(~mask)));
      }
    } else {
      for (int64_t i = 0; i < n; ++i) out[i] = c[i] ? t[i] : e[i];
    }
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = c[i * sc] ? t[i * st] : e[i * se];
  }
}

// One contiguous run of SelectV2 where each operand is contiguous (stride 1) or one value
// (stride 0). Separate loops per pattern keep every load advancing, so the compiler
// vectorizes them (the mask blend for the integer element types select moves); the dropout
// graph's SelectV2(keep, x, 0) is the (1, 1, 0) loop. `omp simd` because out may be the
// forwarded buffer of t or e, which is safe elementwise but defeats the alias check.
template <typename T>
void select_flat(const bool* c, int64_t sc, const T* t, int64_t st, const T* e, int64_t se, T* out,
                 int64_t n) {
  if constexpr (std::is_integral_v<T>) {
    auto blend = [](bool k, T x, T y) {
      const T mask = static_cast<T>(T(0) - static_cast<T>(k));
      return static_cast<T>((x & mask) | (y & static_cast<T>(~mask)));
    };
    if (sc == 0) {  // a single condition: all of one side
      const T* src = c[0] ? t : e;
      const int64_t ss = c[0] ? st : se;
      if (ss == 1) {
        if (src != out) std::memcpy(out, src, n * sizeof(T));
      } else {
        std::fill(out, out + n, src[0]);
      }
    } else if (st == 1 && se == 1) {
#pragma omp simd
      for (int64_t i = 0; i < n; ++i) out[i] = blend(c[i], t[i], e[i]);
    } else if (st == 1) {
      const T y = e[0];
#pragma omp simd
      for (int64_t i = 0; i < n; ++i) out[i] = blend(c[i], t[i], y);
    } else if (se == 1) {
      const T x = t[0];
#pragma omp simd
      for (int64_t i = 0; i < n; ++i) out[i] = blend(c[i], x, e[i]);
    } else {
      const T x = t[0], y = e[0];
#pragma omp simd
      for (int64_t i = 0; i < n; ++i) out[i] = blend(c[i], x, y);
    }
  } else {
    select_row<T>(c, sc, t, st, e, se, out, n);
  }
}

// Stride 1 when `t` has all n elements of the output, 0 when it is a single one, -1 when it
// is broadcast some other way (then the rows driver is needed).
int64_t flat_stride(const Tensor& t, int64_t n) {
  if (t.num_elements() == n) return 1;
  return t.num_elements() == 1 ? 0 : -1;
}

// Copies n elements unless source and destination are the same buffer (a forwarded input).
template <typename T>
void copy_elements(const T* from, T* to, int64_t n) {
  if (from == to) return;
  if constexpr (std::is_trivially_copyable_v<T>) {
    std::memcpy(to, from, n * sizeof(T));
  } else {
    for (int64_t i = 0; i < n; ++i) to[i] = from[i];
  }
}

Status select_compute(KernelContext& ctx) {
  const Tensor& cond = ctx.input(0);
  const Tensor& t = ctx.input(1);
  const Tensor& e = ctx.input(2);
  if (t.shape() != e.shape())
    return ctx.error("'then' and 'else' must have the same size.  but received: " +
                     t.shape().to_string() + " vs. " + e.shape().to_string());
  if (cond.rank() == 0) {  // the whole of t or e, without copying
    ctx.set_output(0, cond.scalar_value<bool>() ? t : e);
    return Status::ok();
  }
  const bool by_rows = cond.rank() == 1 && t.rank() > 1;
  if (by_rows && cond.dim(0) != t.dim(0))
    return ctx.error("Number of batches of 'then' must match size of 'cond', but saw: " +
                     std::to_string(t.dim(0)) + " vs. " + std::to_string(cond.dim(0)));
  if (!by_rows && cond.shape() != t.shape())
    return ctx.error("'cond' and 'then' must have the same size.  but received: " +
                     cond.shape().to_string() + " vs. " + t.shape().to_string());
  Tensor* out = ew::forward_or_allocate_any(ctx, t.shape());
  const bool* c = cond.data<bool>();
  const int threads = ew::threads(ctx);
  return dispatch_by_size(t.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T* pt = t.data<T>();
    const T* pe = e.data<T>();
    T* po = out->data<T>();
    if (!by_rows) {
      bcast::parallel_chunks(t.num_elements(), threads, 1, [&](int64_t b, int64_t end) {
        select_row<T>(c + b, 1, pt + b, 1, pe + b, 1, po + b, end - b);
      });
      return Status::ok();
    }
    const int64_t rows = cond.dim(0);
    const int64_t row = rows == 0 ? 0 : t.num_elements() / rows;
    bcast::run_tasks(rows, threads, t.num_elements() >= bcast::kParallelThreshold, [&](int64_t r) {
      copy_elements((c[r] ? pt : pe) + r * row, po + r * row, row);
    });
    return Status::ok();
  });
}

Status select_v2_compute(KernelContext& ctx) {
  const Tensor& cond = ctx.input(0);
  const Tensor& t = ctx.input(1);
  const Tensor& e = ctx.input(2);
  Shape te, out_shape;
  if (!bcast::broadcast_shape(t.shape(), e.shape(), &te).is_ok() ||
      !bcast::broadcast_shape(cond.shape(), te, &out_shape).is_ok())
    return ctx.error("condition " + cond.shape().to_string() + ", then " + t.shape().to_string() +
                     ", and else " + e.shape().to_string() + " must be broadcastable");
  if (cond.rank() == 0 && t.shape() == out_shape && e.shape() == out_shape) {
    ctx.set_output(0, cond.scalar_value<bool>() ? t : e);
    return Status::ok();
  }
  Tensor* out = ew::forward_or_allocate_any(ctx, out_shape);
  const int64_t n = out_shape.num_elements();
  if (n == 0) return Status::ok();
  const bool* c = cond.data<bool>();
  // Same shapes or single elements (broadcasting that keeps the flat order): one flat loop.
  const int64_t fc = flat_stride(cond, n), ft = flat_stride(t, n), fe = flat_stride(e, n);
  if (fc >= 0 && ft >= 0 && fe >= 0) {
    return dispatch_by_size(t.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      const T* pt = t.data<T>();
      const T* pe = e.data<T>();
      T* po = out->data<T>();
      bcast::parallel_chunks(n, ew::threads(ctx), 1, [&](int64_t b, int64_t end) {
        select_flat<T>(c + b * fc, fc, pt + b * ft, ft, pe + b * fe, fe, po + b, end - b);
      });
      return Status::ok();
    });
  }
  const bcast::Plan plan = bcast::make_plan({&cond.shape(), &t.shape(), &e.shape()}, out_shape);
  return dispatch_by_size(t.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T* pt = t.data<T>();
    const T* pe = e.data<T>();
    T* po = out->data<T>();
    const int64_t sc = plan.inner_stride(0), st = plan.inner_stride(1), se = plan.inner_stride(2);
    bcast::for_each_row(plan, ew::threads(ctx), 1, [&](const bcast::RowOffsets& off, int64_t n) {
      select_row<T>(c + off.in[0], sc, pt + off.in[1], st, pe + off.in[2], se, po + off.out, n);
    });
    return Status::ok();
  });
}

}  // namespace

LIU_KERNEL("Select", kCPU, select_compute);
LIU_KERNEL("SelectV2", kCPU, select_v2_compute);

}  // namespace liu
