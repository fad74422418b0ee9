// Local response normalisation across channels (the last dimension), TF's formula:
//   out[c] = in[c] / (bias + alpha * sum_{|j-c| <= r} in[j]^2) ^ beta
// (alpha is not divided by the window size) and its gradient LRNGrad, which, as TF's kernel,
// takes the forward output from its output_image input.
#include <algorithm>
#include <limits>

#include "liu/kernels/cpu/nn_pool.h"
#include "liu/kernels/cpu/nn_pool_simd.h"

namespace liu {
namespace {

using LrnParams = pool::LrnF32;

LrnParams read_params(const Node& node) {
  return {node.attr<int64_t>("depth_radius"), node.attr<float>("bias"), node.attr<float>("alpha"),
          node.attr<float>("beta")};
}

Status check_radius(const KernelContext& ctx, int64_t radius) {
  if (radius < 0 || radius > std::numeric_limits<int32_t>::max())
    return ctx.error("depth_radius = " + std::to_string(radius) + " larger than int max");
  return Status::ok();
}

// LRN's cost per element relative to pooling's (a window sum and a power per element).
constexpr int64_t kLrnCost = 8;

// Pixels per block of parallel work: about 8 blocks a thread, none under ~16K values.
int64_t pixel_grain(int threads, int64_t pixels, int64_t depth) {
  return pool::grain_for(threads, pixels, (1 << 14) / std::max<int64_t>(depth, 1));
}

class LrnKernel : public OpKernel {
 public:
  explicit LrnKernel(const Node& node) : OpKernel(node), p_(read_params(node)) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& in = ctx.input(0);
    if (in.rank() != 4) return ctx.error("in must be 4-dimensional");
    LIU_RETURN_IF_ERROR(check_radius(ctx, p_.radius));
    if (in.dtype() != DType::kFloat) return ctx.error("LRN supports float only");
    Tensor* out = ctx.allocate_output(0, in.shape());
    const int64_t depth = in.dim(3);
    if (out->num_elements() == 0) return Status::ok();
    const int64_t pixels = in.num_elements() / depth;
    const float* x = in.data<float>();
    float* y = out->data<float>();
    const int threads = pool::threads_for(ctx, in.num_elements() * kLrnCost);
    pool::parallel_blocks(
        threads, pixels, pixel_grain(threads, pixels, depth), [&](int64_t lo, int64_t hi) {
          pool::lrn_pixels_f32(p_, x + lo * depth, y + lo * depth, hi - lo, depth);
        });
    return Status::ok();
  }

 private:
  LrnParams p_;
};

// d in[k] = g[k] * norm[k]^-beta - 2 alpha beta in[k] * sum_{|j-k| <= r} g[j] out[j] / norm[j].
class LrnGradKernel : public OpKernel {
 public:
  explicit LrnGradKernel(const Node& node) : OpKernel(node), p_(read_params(node)) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& grads = ctx.input(0);
    const Tensor& in = ctx.input(1);
    const Tensor& out_image = ctx.input(2);
    if (grads.rank() != 4 || in.rank() != 4 || out_image.rank() != 4)
      return ctx.error("inputs must be 4-dimensional");
    if (grads.shape() != in.shape() || in.shape() != out_image.shape())
      return ctx.error("input_grads, input_image, and out_image should have the same shape");
    LIU_RETURN_IF_ERROR(check_radius(ctx, p_.radius));
    if (in.dtype() != DType::kFloat) return ctx.error("LRNGrad supports float only");
    Tensor* out = ctx.allocate_output(0, in.shape());
    const int64_t depth = in.dim(3);
    if (out->num_elements() == 0) return Status::ok();
    const int64_t pixels = in.num_elements() / depth;
    const float* g = grads.data<float>();
    const float* x = in.data<float>();
    const float* y = out_image.data<float>();
    float* dx = out->data<float>();
    const int threads = pool::threads_for(ctx, in.num_elements() * kLrnCost);
    pool::parallel_blocks(
        threads, pixels, pixel_grain(threads, pixels, depth), [&](int64_t lo, int64_t hi) {
          const int64_t at = lo * depth;
          pool::lrn_grad_pixels_f32(p_, g + at, x + at, y + at, dx + at, hi - lo, depth);
        });
    return Status::ok();
  }

 private:
  LrnParams p_;
};

}  // namespace

LIU_KERNEL_CLASS("LRN", kCPU, LrnKernel);
LIU_KERNEL_CLASS("LRNGrad", kCPU, LrnGradKernel);

}  // namespace liu
