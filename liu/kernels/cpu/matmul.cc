// MatMul / BatchMatMul / BatchMatMulV2 kernels. float32 goes to oneDNN's sgemm; float64 and
// the integers to the blocked GEMM in matmul_blocked.cc. Shapes are re-checked here because
// feeds can change them after graph construction.
#include <omp.h>
#include <oneapi/dnnl/dnnl.h>

#include <algorithm>
#include <type_traits>

#include "liu/kernels/cpu/matmul_blocked.h"
#include "liu/kernels/cpu/matmul_dims.h"
#include "liu/kernels/cpu/onednn.h"
#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

template <typename T>
constexpr bool kHasGemm =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, int16_t> ||
    std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t> || std::is_same_v<T, uint8_t> ||
    std::is_same_v<T, uint16_t>;

// One product C = op(A) op(B); `threads` <= 1 keeps it on the calling thread.
template <typename T>
Status gemm(const GemmProblem<T>& p, int threads) {
  if (p.m == 0 || p.n == 0) return Status::ok();
  if (p.k == 0) {  // an empty sum: oneDNN may leave C untouched
    for (int64_t i = 0; i < p.m; ++i) std::fill(p.c + i * p.ldc, p.c + i * p.ldc + p.n, T(0));
    return Status::ok();
  }
  if constexpr (std::is_same_v<T, float>) {
    onednn::OmpThreadScope scope(std::max(threads, 1));
    dnnl_status_t s = dnnl_sgemm(p.trans_a ? 'T' : 'N', p.trans_b ? 'T' : 'N', p.m, p.n, p.k, 1.0f,
                                 p.a, p.lda, p.b, p.ldb, 0.0f, p.c, p.ldc);
    if (s != dnnl_success)
      return internal_error("oneDNN sgemm failed with status " + std::to_string(s));
  } else {
    blocked_gemm(p, threads);
  }
  return Status::ok();
}

template <typename T>
GemmProblem<T> problem(const Tensor& a, bool ta, const Tensor& b, bool tb, T* c, int64_t m,
                       int64_t n, int64_t k) {
  GemmProblem<T> p;
  p.m = m;
  p.n = n;
  p.k = k;
  p.a = a.data<T>();
  p.lda = ta ? m : k;
  p.trans_a = ta;
  p.b = b.data<T>();
  p.ldb = tb ? k : n;
  p.trans_b = tb;
  p.c = c;
  p.ldc = n;
  return p;
}

class MatMulKernel : public OpKernel {
 public:
  explicit MatMulKernel(const Node& node)
      : OpKernel(node),
        transpose_a_(node.attr<bool>("transpose_a")),
        transpose_b_(node.attr<bool>("transpose_b")) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    matmul_dims::Dims d;
    LIU_RETURN_IF_ERROR(matmul_dims::check_inputs(ctx, transpose_a_, transpose_b_, &d));
    const int64_t m = d.m, k = d.k, n = d.n;
    Shape out_shape;
    LIU_RETURN_IF_ERROR(matmul_dims::output_shape(ctx, d, &out_shape));
    Tensor* out = ctx.allocate_output(0, out_shape);
    const int threads = onednn::threads_for_work(
        2.0 * static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k),
        ctx.thread_count());
    return dispatch_numeric(a.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      if constexpr (kHasGemm<T>) {
        return gemm(problem<T>(a, transpose_a_, b, transpose_b_, out->data<T>(), m, n, k), threads);
      } else {
        return ctx.error(std::string("MatMul has no kernel for ") + dtype_name(a.dtype()));
      }
    });
  }

 private:
  bool transpose_a_;
  bool transpose_b_;
};

// BatchMatMul (equal batch dims) and BatchMatMulV2 (broadcast batch dims).
class BatchMatMulKernel : public OpKernel {
 public:
  explicit BatchMatMulKernel(const Node& node)
      : OpKernel(node),
        adj_x_(node.attr<bool>("adj_x")),
        adj_y_(node.attr<bool>("adj_y")),
        broadcast_(node.op() == "BatchMatMulV2") {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& y = ctx.input(1);
    for (int i = 0; i < 2; ++i)
      if (ctx.input(i).rank() < 2)
        return ctx.error("In[" + std::to_string(i) +
                         "] ndims must be >= 2: " + std::to_string(ctx.input(i).rank()));
    const int rx = x.rank() - 2, ry = y.rank() - 2;
    // Output batch dims, and each input's batch stride per output batch dim (0: broadcast).
    const int rb = std::max(rx, ry);
    std::vector<int64_t> batch(rb), dim_x(rb, 1), dim_y(rb, 1);
    if (!broadcast_ && rx != ry)
      return ctx.error("In[0] and In[1] has different ndims: " + x.shape().to_string() + " vs. " +
                       y.shape().to_string());
    for (int i = 0; i < rb; ++i) {
      if (i - (rb - rx) >= 0) dim_x[i] = x.dim(i - (rb - rx));
      if (i - (rb - ry) >= 0) dim_y[i] = y.dim(i - (rb - ry));
      if (dim_x[i] == dim_y[i] || (broadcast_ && (dim_x[i] == 1 || dim_y[i] == 1))) {
        batch[i] = dim_x[i] == 1 ? dim_y[i] : dim_x[i];
      } else if (broadcast_) {
        return ctx.error("In[0] and In[1] must have compatible batch dimensions: " +
                         x.shape().to_string() + " vs. " + y.shape().to_string());
      } else {
        return ctx.error("In[0].dim(" + std::to_string(i) + ") and In[1].dim(" + std::to_string(i) +
                         ") must be the same: " + x.shape().to_string() + " vs " +
                         y.shape().to_string());
      }
    }
    const int64_t m = x.dim(rx + (adj_x_ ? 1 : 0)), k = x.dim(rx + (adj_x_ ? 0 : 1));
    const int64_t ky = y.dim(ry + (adj_y_ ? 1 : 0)), n = y.dim(ry + (adj_y_ ? 0 : 1));
    if (k != ky)
      return ctx.error("Matrix size-incompatible: In[0]: " + x.shape().to_string() +
                       ", In[1]: " + y.shape().to_string());
    std::vector<int64_t> out_dims = batch;
    out_dims.push_back(m);
    out_dims.push_back(n);
    Shape out_shape;
    if (!make_shape_from_dims(out_dims.data(), static_cast<int64_t>(out_dims.size()), &out_shape)
             .is_ok())
      return ctx.error("output shape " + Shape(out_dims).to_string() + " has too many elements");
    Tensor* out = ctx.allocate_output(0, out_shape);
    if (out->num_elements() == 0) return Status::ok();

    // Element offsets of each product's operands, walking the output batch in row-major order.
    int64_t count = 1;
    for (int64_t d : batch) count *= d;
    std::vector<int64_t> off_x(count), off_y(count);
    {
      std::vector<int64_t> stride_x(rb), stride_y(rb), index(rb, 0);
      int64_t sx = m * k, sy = k * n;
      for (int i = rb - 1; i >= 0; --i) {
        stride_x[i] = dim_x[i] == 1 ? 0 : sx;
        stride_y[i] = dim_y[i] == 1 ? 0 : sy;
        sx *= dim_x[i];
        sy *= dim_y[i];
      }
      int64_t ox = 0, oy = 0;
      for (int64_t b = 0; b < count; ++b) {
        off_x[b] = ox;
        off_y[b] = oy;
        for (int i = rb - 1; i >= 0; --i) {  // odometer increment
          ox += stride_x[i];
          oy += stride_y[i];
          if (++index[i] < batch[i]) break;
          ox -= stride_x[i] * batch[i];
          oy -= stride_y[i] * batch[i];
          index[i] = 0;
        }
      }
    }
    const int threads = ctx.thread_count();
    return dispatch_numeric(x.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      if constexpr (kHasGemm<T>) {
        GemmProblem<T> p = problem<T>(x, adj_x_, y, adj_y_, out->data<T>(), m, n, k);
        const T* xs = p.a;
        const T* ys = p.b;
        T* cs = p.c;
        auto one = [&](int64_t b, int inner_threads) {
          GemmProblem<T> q = p;
          q.a = xs + off_x[b];
          q.b = ys + off_y[b];
          q.c = cs + b * m * n;
          return gemm(q, inner_threads);
        };
        if (threads > 1 && count >= threads) {
          // Whole products per thread: no synchronisation inside the small GEMMs.
          bool failed = false;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) reduction(|| : failed)
          for (int64_t b = 0; b < count; ++b) failed = failed || !one(b, 1).is_ok();
          if (failed) return internal_error("oneDNN sgemm failed in a batched product");
          return Status::ok();
        }
        for (int64_t b = 0; b < count; ++b) LIU_RETURN_IF_ERROR(one(b, threads));
        return Status::ok();
      } else {
        return ctx.error(std::string(node().op()) + " has no kernel for " + dtype_name(x.dtype()));
      }
    });
  }

 private:
  bool adj_x_;
  bool adj_y_;
  bool broadcast_;
};

}  // namespace

LIU_KERNEL_CLASS("MatMul", kCPU, MatMulKernel);
LIU_KERNEL_CLASS("BatchMatMul", kCPU, BatchMatMulKernel);
LIU_KERNEL_CLASS("BatchMatMulV2", kCPU, BatchMatMulKernel);

}  // namespace liu
