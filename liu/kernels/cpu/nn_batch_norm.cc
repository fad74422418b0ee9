// Kernels of FusedBatchNorm{,V2,V3} and FusedBatchNormGrad{,V2,V3} (float) on oneDNN's
// batch-normalisation primitives over Liu's plain NHWC / NCHW (NDHWC / NCDHW) buffers.
//
// Semantics are TF's CPU kernels':
//  - training: y uses the biased batch variance; batch_variance is Bessel-corrected
//    (n / (n - 1), n the elements per channel, 1 when n == 1); with
//    exponential_avg_factor f != 1 the outputs blend: (1 - f) * given + f * batch.
//    reserve_space_1/2 hold the batch mean and the biased batch variance (what the gradient
//    reads back).
//  - inference: y uses the given mean/variance, which batch_mean/batch_variance return;
//    the reserve spaces are zeros.
//  - V3's reserve_space_3 is a scalar placeholder, as TF's CPU kernel allocates it.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "liu/kernels/cpu/onednn.h"
#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

using dnnl::memory;
using dnnl::normalization_flags;

bool channels_first(const std::string& format) { return format == "NCHW" || format == "NCDHW"; }

// x's dims in oneDNN's logical order (N, C, spatial...) and the matching plain layout.
struct Layout {
  memory::dims dims;
  memory::format_tag tag;
  int64_t channels = 0;
  int64_t per_channel = 0;  // elements per channel (N * spatial)
};

Layout layout_of(const Shape& shape, bool nchw) {
  Layout l;
  const int rank = shape.rank();
  const int c_index = nchw ? 1 : rank - 1;
  l.channels = shape.dim(c_index);
  l.dims.push_back(shape.dim(0));
  l.dims.push_back(l.channels);
  for (int d = 1; d < rank; ++d)
    if (d != c_index) l.dims.push_back(shape.dim(d));
  if (rank == 4)
    l.tag = nchw ? memory::format_tag::nchw : memory::format_tag::nhwc;
  else
    l.tag = nchw ? memory::format_tag::ncdhw : memory::format_tag::ndhwc;
  const int64_t n = shape.num_elements();
  l.per_channel = l.channels > 0 ? n / l.channels : 0;
  return l;
}

// oneDNN fixes a primitive's thread split when it is built, so the count is part of the key.
std::vector<int64_t> cache_key(const Layout& l, bool training, float epsilon, int threads) {
  std::vector<int64_t> key(l.dims.begin(), l.dims.end());
  key.push_back(threads);
  key.push_back(static_cast<int64_t>(l.tag));
  key.push_back(training);
  uint32_t bits;
  std::memcpy(&bits, &epsilon, sizeof(bits));
  key.push_back(bits);
  return key;
}

normalization_flags flags_for(bool training) {
  normalization_flags f = normalization_flags::use_scale | normalization_flags::use_shift;
  return training ? f : f | normalization_flags::use_global_stats;
}

dnnl::batch_normalization_forward::primitive_desc forward_pd(const Layout& l, bool training,
                                                             float epsilon) {
  memory::desc data(l.dims, memory::data_type::f32, l.tag);
  dnnl::batch_normalization_forward::desc desc(
      training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference, data,
      epsilon, flags_for(training));
  return {desc, onednn::cpu_engine()};
}

memory::desc vector_desc(int64_t n) {
  return memory::desc({n}, memory::data_type::f32, memory::format_tag::a);
}

Status require_rank_4_or_5(const KernelContext& ctx, const Tensor& t) {
  if (t.rank() != 4 && t.rank() != 5)
    return ctx.error("input must be 4 or 5-dimensional" + t.shape().to_string());
  return Status::ok();
}

Status require_vector(const KernelContext& ctx, const Tensor& t, const std::string& what) {
  if (t.rank() != 1) return ctx.error(what + " must be 1-dimensional" + t.shape().to_string());
  return Status::ok();
}

Status require_channels(const KernelContext& ctx, const Tensor& t, int64_t channels,
                        const std::string& what) {
  if (t.num_elements() != channels)
    return ctx.error(what + " must have the same number of elements as the channels of x, got " +
                     std::to_string(t.num_elements()) + " and " + std::to_string(channels));
  return Status::ok();
}

void fill(Tensor* t, float v) {
  std::fill(t->data<float>(), t->data<float>() + t->num_elements(), v);
}

void copy(const Tensor& from, Tensor* to) {
  std::memcpy(to->data<float>(), from.data<float>(), from.num_elements() * sizeof(float));
}

class FusedBatchNormKernel : public OpKernel {
 public:
  explicit FusedBatchNormKernel(const Node& node)
      : OpKernel(node),
        epsilon_(node.attr<float>("epsilon")),
        factor_(node.attr<float>("exponential_avg_factor")),
        nchw_(channels_first(node.attr<std::string>("data_format"))),
        training_(node.attr<bool>("is_training")) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor &scale = ctx.input(1), &offset = ctx.input(2);
    const Tensor &mean = ctx.input(3), &variance = ctx.input(4);
    LIU_RETURN_IF_ERROR(require_rank_4_or_5(ctx, x));
    LIU_RETURN_IF_ERROR(require_vector(ctx, scale, "scale"));
    LIU_RETURN_IF_ERROR(require_vector(ctx, offset, "offset"));
    LIU_RETURN_IF_ERROR(require_vector(ctx, mean, "estimated_mean"));
    LIU_RETURN_IF_ERROR(require_vector(ctx, variance, "estimated_variance"));
    const Layout l = layout_of(x.shape(), nchw_);
    LIU_RETURN_IF_ERROR(require_channels(ctx, scale, l.channels, "scale"));
    LIU_RETURN_IF_ERROR(require_channels(ctx, offset, l.channels, "offset"));
    const bool uses_given_stats = !training_ || factor_ != 1.0f;
    if (uses_given_stats) {
      const std::string prefix =
          training_ ? "When exponential_avg_factor != 1" : "When is_training=false";
      LIU_RETURN_IF_ERROR(require_channels(ctx, mean, l.channels, prefix + ", mean"));
      LIU_RETURN_IF_ERROR(require_channels(ctx, variance, l.channels, prefix + ", variance"));
    }

    Tensor* y = ctx.allocate_output(0, x.shape());
    const Shape vec({l.channels});
    Tensor* batch_mean = ctx.allocate_output(1, vec);
    Tensor* batch_var = ctx.allocate_output(2, vec);
    Tensor* saved_mean = ctx.allocate_output(3, vec);
    Tensor* saved_var = ctx.allocate_output(4, vec);
    if (ctx.num_outputs() > 5) fill(ctx.allocate_output(5, Shape()), 0.0f);

    if (!training_) {
      if (x.num_elements() > 0) LIU_RETURN_IF_ERROR(run_primitive(ctx, l, x, mean, variance, y));
      copy(mean, batch_mean);
      copy(variance, batch_var);
      // TF's CPU kernel leaves the reserve spaces zero in inference (the gradient reads
      // the population statistics from the op's inputs instead).
      fill(saved_mean, 0.0f);
      fill(saved_var, 0.0f);
      return Status::ok();
    }
    if (x.num_elements() == 0) {
      // No samples: the statistics are undefined (TF returns NaN; its reserve spaces hold 0).
      const float nan = std::numeric_limits<float>::quiet_NaN();
      fill(batch_mean, nan);
      fill(batch_var, nan);
      fill(saved_mean, 0.0f);
      fill(saved_var, 0.0f);
      return Status::ok();
    }
    LIU_RETURN_IF_ERROR(run_primitive(ctx, l, x, *saved_mean, *saved_var, y));
    const float bessel = l.per_channel > 1 ? static_cast<float>(l.per_channel) /
                                                 static_cast<float>(l.per_channel - 1)
                                           : 1.0f;
    const float* m = saved_mean->data<float>();
    const float* v = saved_var->data<float>();
    float* out_m = batch_mean->data<float>();
    float* out_v = batch_var->data<float>();
    if (factor_ == 1.0f) {
      for (int64_t c = 0; c < l.channels; ++c) {
        out_m[c] = m[c];
        out_v[c] = v[c] * bessel;
      }
    } else {
      const float* old_m = mean.data<float>();
      const float* old_v = variance.data<float>();
      const float keep = 1.0f - factor_;
      for (int64_t c = 0; c < l.channels; ++c) {
        out_m[c] = keep * old_m[c] + factor_ * m[c];
        out_v[c] = keep * old_v[c] + factor_ * (v[c] * bessel);
      }
    }
    return Status::ok();
  }

 private:
  struct Entry {
    dnnl::batch_normalization_forward::primitive_desc pd;
    dnnl::batch_normalization_forward primitive;
  };

  // Training: writes the batch mean and biased variance into mean/variance; inference:
  // reads them.
  Status run_primitive(KernelContext& ctx, const Layout& l, const Tensor& x, const Tensor& mean,
                       const Tensor& variance, Tensor* y) const {
    const int threads =
        onednn::threads_for_work(10.0 * static_cast<double>(x.num_elements()), ctx.thread_count());
    return onednn::run(threads, "FusedBatchNorm", [&] {
      auto entry = cache_.get(cache_key(l, training_, epsilon_, threads), [&] {
        auto pd = forward_pd(l, training_, epsilon_);
        return Entry{pd, dnnl::batch_normalization_forward(pd)};
      });
      const memory::desc data(l.dims, memory::data_type::f32, l.tag);
      const memory::desc vec = vector_desc(l.channels);
      onednn::execute(entry->primitive,
                      {{DNNL_ARG_SRC, onednn::wrap(data, x.raw_data())},
                       {DNNL_ARG_DST, onednn::wrap(data, y->raw_data())},
                       {DNNL_ARG_SCALE, onednn::wrap(vec, ctx.input(1).raw_data())},
                       {DNNL_ARG_SHIFT, onednn::wrap(vec, ctx.input(2).raw_data())},
                       {DNNL_ARG_MEAN, onednn::wrap(vec, mean.raw_data())},
                       {DNNL_ARG_VARIANCE, onednn::wrap(vec, variance.raw_data())}});
    });
  }

  float epsilon_;
  float factor_;
  bool nchw_;
  bool training_;
  onednn::PrimitiveCache<Entry> cache_;
};

// dx, dscale, doffset from dy, x, scale and the saved batch statistics (training) or the
// population statistics (inference).
class FusedBatchNormGradKernel : public OpKernel {
 public:
  explicit FusedBatchNormGradKernel(const Node& node)
      : OpKernel(node),
        epsilon_(node.attr<float>("epsilon")),
        nchw_(channels_first(node.attr<std::string>("data_format"))),
        training_(node.attr<bool>("is_training")) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor &dy = ctx.input(0), &x = ctx.input(1), &scale = ctx.input(2);
    const Tensor &mean = ctx.input(3), &variance = ctx.input(4);
    LIU_RETURN_IF_ERROR(require_rank_4_or_5(ctx, dy));
    LIU_RETURN_IF_ERROR(require_rank_4_or_5(ctx, x));
    LIU_RETURN_IF_ERROR(require_vector(ctx, scale, "scale"));
    LIU_RETURN_IF_ERROR(require_vector(ctx, mean, "saved mean"));
    LIU_RETURN_IF_ERROR(require_vector(ctx, variance, "saved variance"));
    if (x.shape() != dy.shape())
      return ctx.error("x and y_backprop must have same shape, but x has shape " +
                       x.shape().to_string() + " and y_backprop has shape " +
                       dy.shape().to_string());
    const Layout l = layout_of(x.shape(), nchw_);
    LIU_RETURN_IF_ERROR(require_channels(ctx, scale, l.channels, "scale"));
    LIU_RETURN_IF_ERROR(require_channels(ctx, mean, l.channels, "reserve_space_1"));
    LIU_RETURN_IF_ERROR(require_channels(ctx, variance, l.channels, "reserve_space_2"));

    Tensor* dx = ctx.allocate_output(0, x.shape());
    Tensor* dscale = ctx.allocate_output(1, Shape({l.channels}));
    Tensor* doffset = ctx.allocate_output(2, Shape({l.channels}));
    ctx.allocate_output(3, Shape({0}));
    ctx.allocate_output(4, Shape({0}));
    if (x.num_elements() == 0) {
      fill(dscale, 0.0f);
      fill(doffset, 0.0f);
      return Status::ok();
    }
    const int threads =
        onednn::threads_for_work(20.0 * static_cast<double>(x.num_elements()), ctx.thread_count());
    return onednn::run(threads, "FusedBatchNormGrad", [&] {
      auto entry = cache_.get(cache_key(l, training_, epsilon_, threads), [&] {
        auto fwd = forward_pd(l, training_, epsilon_);
        memory::desc data(l.dims, memory::data_type::f32, l.tag);
        dnnl::batch_normalization_backward::desc desc(dnnl::prop_kind::backward, data, data,
                                                      epsilon_, flags_for(training_));
        dnnl::batch_normalization_backward::primitive_desc pd(desc, onednn::cpu_engine(), fwd);
        return Entry{pd, dnnl::batch_normalization_backward(pd)};
      });
      const memory::desc data(l.dims, memory::data_type::f32, l.tag);
      const memory::desc vec = vector_desc(l.channels);
      onednn::execute(entry->primitive,
                      {{DNNL_ARG_SRC, onednn::wrap(data, x.raw_data())},
                       {DNNL_ARG_DIFF_DST, onednn::wrap(data, dy.raw_data())},
                       {DNNL_ARG_MEAN, onednn::wrap(vec, mean.raw_data())},
                       {DNNL_ARG_VARIANCE, onednn::wrap(vec, variance.raw_data())},
                       {DNNL_ARG_SCALE, onednn::wrap(vec, scale.raw_data())},
                       // oneDNN wants the shift whenever use_shift is set, even though the
                       // gradients do not depend on it; it is never read.
                       {DNNL_ARG_SHIFT, onednn::wrap(vec, scale.raw_data())},
                       {DNNL_ARG_DIFF_SRC, onednn::wrap(data, dx->raw_data())},
                       {DNNL_ARG_DIFF_SCALE, onednn::wrap(vec, dscale->raw_data())},
                       {DNNL_ARG_DIFF_SHIFT, onednn::wrap(vec, doffset->raw_data())}});
    });
  }

 private:
  struct Entry {
    dnnl::batch_normalization_backward::primitive_desc pd;
    dnnl::batch_normalization_backward primitive;
  };

  float epsilon_;
  bool nchw_;
  bool training_;
  onednn::PrimitiveCache<Entry> cache_;
};

}  // namespace

LIU_KERNEL_CLASS("FusedBatchNorm", kCPU, FusedBatchNormKernel);
LIU_KERNEL_CLASS("FusedBatchNormV2", kCPU, FusedBatchNormKernel);
LIU_KERNEL_CLASS("FusedBatchNormV3", kCPU, FusedBatchNormKernel);
LIU_KERNEL_CLASS("FusedBatchNormGrad", kCPU, FusedBatchNormGradKernel);
LIU_KERNEL_CLASS("FusedBatchNormGradV2", kCPU, FusedBatchNormGradKernel);
LIU_KERNEL_CLASS("FusedBatchNormGradV3", kCPU, FusedBatchNormGradKernel);

}  // namespace liu
