// Kernels of Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits and
// SparseSoftmaxCrossEntropyWithLogits: numerically stable (the row max is subtracted before
// exp) with TensorFlow's formulas. Float32 rows run through the Highway loops of
// nn_activation_simd.cc, split over OpenMP threads; float64 uses the same steps in scalar code.
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

constexpr int64_t kParallelElements = 1 << 14;

// ---- scalar rows (float64) ----

template <typename T>
T row_max(const T* x, int64_t n) {
  T m = -std::numeric_limits<T>::infinity();
  bool nan = false;
  for (int64_t i = 0; i < n; ++i) {
    nan |= std::isnan(x[i]);
    m = x[i] > m ? x[i] : m;
  }
  return nan ? std::numeric_limits<T>::quiet_NaN() : m;
}

template <typename T>
void softmax_rows(const T* in, T* out, int64_t rows, int64_t cols, bool log) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* x = in + r * cols;
    T* y = out + r * cols;
    const T max = row_max(x, cols);
    T sum = 0;
    if (log) {
      for (int64_t i = 0; i < cols; ++i) sum += std::exp(x[i] - max);
      const T log_sum = std::log(sum);
      for (int64_t i = 0; i < cols; ++i) y[i] = (x[i] - max) - log_sum;
    } else {
      for (int64_t i = 0; i < cols; ++i) sum += (y[i] = std::exp(x[i] - max));
      const T inverse = T(1) / sum;
      for (int64_t i = 0; i < cols; ++i) y[i] *= inverse;
    }
  }
}

template <typename T>
void xent_rows(const T* logits, const T* labels, int64_t labels_stride, T* loss, T* backprop,
               int64_t rows, int64_t cols) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* x = logits + r * cols;
    const T* t = labels + r * labels_stride;
    T* bp = backprop + r * cols;
    const T max = row_max(x, cols);
    T sum = 0;
    for (int64_t i = 0; i < cols; ++i) sum += (bp[i] = std::exp(x[i] - max));
    const T log_sum = std::log(sum);
    T total = 0;
    for (int64_t i = 0; i < cols; ++i) {
      total += t[i] * (log_sum - (x[i] - max));
      bp[i] = bp[i] / sum - t[i];
    }
    loss[r] = total;
  }
}

template <typename T>
void sparse_xent_rows(const T* logits, const int64_t* labels, T* loss, T* backprop, int64_t rows,
                      int64_t cols) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* x = logits + r * cols;
    T* bp = backprop + r * cols;
    const T max = row_max(x, cols);
    T sum = 0;
    for (int64_t i = 0; i < cols; ++i) sum += (bp[i] = std::exp(x[i] - max));
    for (int64_t i = 0; i < cols; ++i) bp[i] /= sum;
    const int64_t label = labels[r];
    bp[label] -= T(1);
    loss[r] = std::log(sum) - (x[label] - max);
  }
}

// ---- Softmax / LogSoftmax ----

template <bool kLog>
Status softmax_compute(KernelContext& ctx) {
  const Tensor& logits = ctx.input(0);
  if (logits.shape().rank() < 1)
    return ctx.error("logits must have >= 1 dimension, got " + logits.shape().to_string());
  const int64_t cols = logits.shape().dim(logits.shape().rank() - 1);
  Tensor* out = ctx.forward_or_allocate(0, 0, logits.shape());
  if (logits.num_elements() == 0) return Status::ok();
  const int64_t rows = logits.num_elements() / cols;
  return dispatch_floating(logits.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T* in = logits.data<T>();
    T* o = out->data<T>();
    row_split::parallel_rows(
        kParallelElements, rows, cols, ctx.thread_count(), [&](int64_t begin, int64_t end) {
          if constexpr (std::is_same_v<T, float>)
            simd::softmax_rows_f32(in + begin * cols, o + begin * cols, end - begin, cols, kLog);
          else
            softmax_rows<T>(in + begin * cols, o + begin * cols, end - begin, cols, kLog);
        });
    return Status::ok();
  });
}

// ---- SoftmaxCrossEntropyWithLogits ----

// Copies t broadcast (NumPy rules; already checked) to `shape`, both rank 2.
template <typename T>
Tensor broadcast_matrix(const Tensor& t, const Shape& shape) {
  Tensor out(t.dtype(), shape);
  const int64_t rows = shape.dim(0), cols = shape.dim(1);
  const int rank = t.shape().rank();
  const int64_t tr = rank >= 2 ? t.shape().dim(rank - 2) : 1;
  const int64_t tc = rank >= 1 ? t.shape().dim(rank - 1) : 1;
  const T* src = t.data<T>();
  T* dst = out.data<T>();
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      dst[r * cols + c] = src[(tr == 1 ? 0 : r) * tc + (tc == 1 ? 0 : c)];
  return out;
}

// The broadcast of two shapes, or false when they do not broadcast.
bool broadcast_shape(const Shape& a, const Shape& b, Shape* out) {
  const int rank = std::max(a.rank(), b.rank());
  std::vector<int64_t> dims(rank);
  for (int i = 0; i < rank; ++i) {
    const int ia = a.rank() - rank + i, ib = b.rank() - rank + i;
    const int64_t da = ia >= 0 ? a.dim(ia) : 1, db = ib >= 0 ? b.dim(ib) : 1;
    if (da != db && da != 1 && db != 1) return false;
    dims[i] = da == 1 ? db : da;
  }
  *out = Shape(std::move(dims));
  return true;
}

Status xent_compute(KernelContext& ctx) {
  const Tensor& logits_in = ctx.input(0);
  const Tensor& labels_in = ctx.input(1);
  Shape shape = logits_in.shape();
  const bool same = logits_in.shape() == labels_in.shape();
  if (!same && !broadcast_shape(logits_in.shape(), labels_in.shape(), &shape))
    return ctx.error(
        "logits and labels must be broadcastable: logits_size=" + logits_in.shape().to_string() +
        " labels_size=" + labels_in.shape().to_string());
  if (shape.rank() != 2)
    return ctx.error(
        "logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional");
  const int64_t rows = shape.dim(0), cols = shape.dim(1);
  Tensor* loss = ctx.allocate_output(0, Shape({rows}));
  Tensor* backprop = ctx.allocate_output(1, shape);
  return dispatch_floating(logits_in.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    T* l = loss->data<T>();
    if (cols == 0) {  // an empty sum
      std::fill(l, l + rows, T(0));
      return Status::ok();
    }
    if (rows == 0) return Status::ok();
    // Logits repeated over rows are rare: materialise them; labels repeated over rows (one
    // target distribution for the batch) are read with a row stride of 0.
    Tensor logits = logits_in.shape() == shape ? logits_in : broadcast_matrix<T>(logits_in, shape);
    Tensor labels = labels_in;
    int64_t labels_stride = cols;
    if (labels_in.shape() != shape) {
      if (labels_in.shape().rank() >= 1 && labels_in.num_elements() == cols &&
          labels_in.shape().dim(labels_in.shape().rank() - 1) == cols)
        labels_stride = 0;
      else
        labels = broadcast_matrix<T>(labels_in, shape);
    }
    const T* x = logits.data<T>();
    const T* t = labels.data<T>();
    T* bp = backprop->data<T>();
    row_split::parallel_rows(kParallelElements, rows, cols, ctx.thread_count(),
                             [&](int64_t begin, int64_t end) {
                               const T* tb = t + begin * labels_stride;
                               if constexpr (std::is_same_v<T, float>)
                                 simd::xent_rows_f32(x + begin * cols, tb, labels_stride, l + begin,
                                                     bp + begin * cols, end - begin, cols);
                               else
                                 xent_rows<T>(x + begin * cols, tb, labels_stride, l + begin,
                                              bp + begin * cols, end - begin, cols);
                             });
    return Status::ok();
  });
}

// ---- SparseSoftmaxCrossEntropyWithLogits ----

// TF's message names the smallest label when one is negative, else the largest, and lists
// every label.
template <typename L>
Status check_labels(const KernelContext& ctx, const L* labels, int64_t n, int64_t classes) {
  if (n == 0) return Status::ok();
  const auto [lo, hi] = std::minmax_element(labels, labels + n);
  if (*lo >= 0 && *hi < classes) return Status::ok();
  const int64_t bad = *lo < 0 ? static_cast<int64_t>(*lo) : static_cast<int64_t>(*hi);
  std::string values;
  for (int64_t i = 0; i < n; ++i) {
    if (i) values += ' ';
    values += std::to_string(labels[i]);
  }
  return ctx.error("Received a label value of " + std::to_string(bad) +
                   " which is outside the valid range of [0, " + std::to_string(classes) +
                   ").  Label values: " + values);
}

Status sparse_xent_compute(KernelContext& ctx) {
  const Tensor& logits = ctx.input(0);
  const Tensor& labels = ctx.input(1);
  if (logits.shape().rank() != 2)
    return ctx.error("logits must be 2-D, but got shape " + logits.shape().to_string());
  if (labels.shape().rank() != 1)
    return ctx.error("labels must be 1-D, but got shape " + labels.shape().to_string());
  if (logits.shape().dim(0) != labels.shape().dim(0))
    return ctx.error("logits and labels must have the same first dimension, got logits shape " +
                     logits.shape().to_string() + " and labels shape " +
                     labels.shape().to_string());
  const int64_t rows = logits.shape().dim(0), cols = logits.shape().dim(1);
  if (cols <= 0)
    return ctx.error("Must have at least one class, but got logits shape " +
                     logits.shape().to_string());
  // Labels as int64 (the batch is small next to batch * classes).
  std::vector<int64_t> index(static_cast<size_t>(rows));
  if (labels.dtype() == DType::kInt32) {
    LIU_RETURN_IF_ERROR(check_labels(ctx, labels.data<int32_t>(), rows, cols));
    std::copy(labels.data<int32_t>(), labels.data<int32_t>() + rows, index.begin());
  } else if (labels.dtype() == DType::kInt64) {
    LIU_RETURN_IF_ERROR(check_labels(ctx, labels.data<int64_t>(), rows, cols));
    std::copy(labels.data<int64_t>(), labels.data<int64_t>() + rows, index.begin());
  } else {
    return ctx.error(std::string("labels must be int32 or int64, got ") +
                     dtype_name(labels.dtype()));
  }
  Tensor* loss = ctx.allocate_output(0, Shape({rows}));
  Tensor* backprop = ctx.allocate_output(1, logits.shape());
  if (rows == 0) return Status::ok();
  return dispatch_floating(logits.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T* x = logits.data<T>();
    T* l = loss->data<T>();
    T* bp = backprop->data<T>();
    row_split::parallel_rows(
        kParallelElements, rows, cols, ctx.thread_count(), [&](int64_t begin, int64_t end) {
          if constexpr (std::is_same_v<T, float>)
            simd::sparse_xent_rows_f32(x + begin * cols, index.data() + begin, l + begin,
                                       bp + begin * cols, end - begin, cols);
          else
            sparse_xent_rows<T>(x + begin * cols, index.data() + begin, l + begin,
                                bp + begin * cols, end - begin, cols);
        });
    return Status::ok();
  });
}

}  // namespace

LIU_KERNEL("Softmax", kCPU, softmax_compute<false>);
LIU_KERNEL("LogSoftmax", kCPU, softmax_compute<true>);
LIU_KERNEL("SoftmaxCrossEntropyWithLogits", kCPU, xent_compute);
LIU_KERNEL("SparseSoftmaxCrossEntropyWithLogits", kCPU, sparse_xent_compute);

}  // namespace liu
