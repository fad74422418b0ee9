// Average pooling kernels: AvgPool and AvgPoolGrad. As in TF, a window's sum is divided by
// the number of input elements it covers, so SAME padding's padded cells do not count.
#include <omp.h>

#include <algorithm>
#include <vector>

#include "liu/kernels/cpu/nn_pool.h"
#include "liu/kernels/cpu/nn_pool_simd.h"

namespace liu {
namespace {

using pool::PoolGeometry;
using pool::PoolKind;
using pool::PoolSpec;

using pool::Range;
using pool::window;

template <typename T>
void avg_pool_forward(const PoolGeometry& g, const T* in, T* out, int threads) {
  const int64_t V = g.vec(), H = g.in_h, W = g.in_w, OH = g.out_h, OW = g.out_w;
  const int64_t rows = g.images() * OH;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t b = r / OH, oh = r % OH;
    const Range hr = window(oh, g.s_h, g.k_h, g.pad_top, H);
    for (int64_t ow = 0; ow < OW; ++ow) {
      const Range wr = window(ow, g.s_w, g.k_w, g.pad_left, W);
      T* o = out + (r * OW + ow) * V;
      std::fill(o, o + V, T(0));
      for (int64_t h = hr.lo; h < hr.hi; ++h) {
        for (int64_t w = wr.lo; w < wr.hi; ++w) {
          const T* p = in + ((b * H + h) * W + w) * V;
          for (int64_t v = 0; v < V; ++v) o[v] += p[v];
        }
      }
      const int64_t count = (hr.hi - hr.lo) * (wr.hi - wr.lo);
      if (count > 0) {
        const T scale = T(1) / static_cast<T>(count);
        for (int64_t v = 0; v < V; ++v) o[v] *= scale;
      }
    }
  }
}

// Each output's gradient, divided by its window's element count, is added to every input
// the window covers. Images are independent, so they are the unit of parallel work.
template <typename T>
void avg_pool_backward(const PoolGeometry& g, const T* grad, T* out, int threads) {
  const int64_t V = g.vec(), H = g.in_h, W = g.in_w, OH = g.out_h, OW = g.out_w;
  const int64_t image_in = H * W * V, image_out = OH * OW * V;
  const int64_t images = g.images();
#pragma omp parallel num_threads(threads)
  {
    std::vector<T> scaled(V);
#pragma omp for schedule(static)
    for (int64_t b = 0; b < images; ++b) {
      T* o = out + b * image_in;
      std::fill(o, o + image_in, T(0));
      for (int64_t oh = 0; oh < OH; ++oh) {
        const Range hr = window(oh, g.s_h, g.k_h, g.pad_top, H);
        for (int64_t ow = 0; ow < OW; ++ow) {
          const Range wr = window(ow, g.s_w, g.k_w, g.pad_left, W);
          const int64_t count = (hr.hi - hr.lo) * (wr.hi - wr.lo);
          if (count == 0) continue;
          const T scale = T(1) / static_cast<T>(count);
          const T* gv = grad + b * image_out + (oh * OW + ow) * V;
          for (int64_t v = 0; v < V; ++v) scaled[v] = gv[v] * scale;
          for (int64_t h = hr.lo; h < hr.hi; ++h) {
            for (int64_t w = wr.lo; w < wr.hi; ++w) {
              T* p = o + (h * W + w) * V;
              for (int64_t v = 0; v < V; ++v) p[v] += scaled[v];
            }
          }
        }
      }
    }
  }
}

// Float32 NHWC takes the SIMD loops (over channels); float64 and NCHW the generic loops above.
bool simd_path(DType dtype, const PoolGeometry& g) { return dtype == DType::kFloat && !g.nchw; }

void avg_pool_simd(const PoolGeometry& g, const float* in, float* out, int threads) {
  const int64_t rows = g.batch * g.out_h;
  const int64_t row_work = std::max<int64_t>(1, g.out_w * g.depth * g.k_h * g.k_w);
  pool::parallel_blocks(
      threads, rows, pool::grain_for(threads, rows, (1 << 14) / row_work),
      [&](int64_t lo, int64_t hi) { pool::avg_pool_rows_f32(g, in, out, lo, hi); });
}

void avg_pool_grad_simd(const PoolGeometry& g, const float* grad, float* out, int threads) {
  pool::parallel_blocks(
      threads, g.batch, pool::grain_for(threads, g.batch, 1),
      [&](int64_t lo, int64_t hi) { pool::avg_pool_grad_images_f32(g, grad, out, lo, hi); });
}

class AvgPoolKernel : public OpKernel {
 public:
  explicit AvgPoolKernel(const Node& node) : OpKernel(node), spec_(node) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    PoolGeometry g;
    LIU_RETURN_IF_ERROR(pool::make_geometry(ctx, spec_, x.shape(), PoolKind::kAvg, &g));
    Tensor* out = ctx.allocate_output(0, g.output_shape());
    if (out->num_elements() == 0) return Status::ok();
    const int threads = pool::threads_for(ctx, x.num_elements());
    if (simd_path(x.dtype(), g)) {
      avg_pool_simd(g, x.data<float>(), out->data<float>(), threads);
      return Status::ok();
    }
    return dispatch_floating(x.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      avg_pool_forward(g, x.data<T>(), out->data<T>(), threads);
      return Status::ok();
    });
  }

 private:
  PoolSpec spec_;
};

class AvgPoolGradKernel : public OpKernel {
 public:
  explicit AvgPoolGradKernel(const Node& node) : OpKernel(node), spec_(node) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& dims = ctx.input(0);
    const Tensor& grad = ctx.input(1);
    if (dims.rank() != 1 || dims.num_elements() != 4)
      return ctx.error("out_backprop must be 1-dimensional and 4 elements");
    std::vector<int64_t> d(4);
    for (int i = 0; i < 4; ++i) d[i] = dims.data<int32_t>()[i];
    for (int64_t v : d)
      if (v < 0) return ctx.error("Expected a non-negative size, got " + std::to_string(v));
    Shape in_shape;
    LIU_RETURN_IF_ERROR(make_shape_from_dims(d.data(), 4, &in_shape));
    PoolGeometry g;
    LIU_RETURN_IF_ERROR(pool::make_geometry(ctx, spec_, in_shape, PoolKind::kAvg, &g));
    // TF does not check this and reads out of bounds; Liu refuses.
    if (grad.shape() != g.output_shape())
      return ctx.error("Expected grad shape to be " + g.output_shape().to_string() + ", but got " +
                       grad.shape().to_string());
    Tensor* out = ctx.allocate_output(0, in_shape);
    if (out->num_elements() == 0) return Status::ok();
    const int threads = pool::threads_for(ctx, out->num_elements());
    if (simd_path(grad.dtype(), g)) {
      avg_pool_grad_simd(g, grad.data<float>(), out->data<float>(), threads);
      return Status::ok();
    }
    return dispatch_floating(grad.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      avg_pool_backward(g, grad.data<T>(), out->data<T>(), threads);
      return Status::ok();
    });
  }

 private:
  PoolSpec spec_;
};

}  // namespace

LIU_KERNEL_CLASS("AvgPool", kCPU, AvgPoolKernel);
LIU_KERNEL_CLASS("AvgPoolGrad", kCPU, AvgPoolGradKernel);

}  // namespace liu
