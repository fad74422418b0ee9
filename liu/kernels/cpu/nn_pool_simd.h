#pragma once
// Float32 NHWC Highway loops of the pooling and LRN kernels, compiled for every SIMD target
// and picked at run time. They vectorise over channels (contiguous in NHWC); channel counts
// that are not a multiple of the vector width finish with one partial vector. Each call
// takes a block of work (output rows, images or pixels) so that callers can split a tensor
// over threads. Pooling gives exactly what the generic loops in nn_pool_max.cc and
// nn_pool_avg.cc give (same comparisons, same summation order); LRN follows TF's formula
// (nn_pool_lrn.cc) to a few ulp (estimated reciprocal square roots refined by a Newton step).
// Large tiled gradients are written with streaming stores.
#include <cstdint>

#include "liu/kernels/cpu/nn_pool.h"

namespace liu::pool {

// MaxPool / AvgPool of output rows [row_begin, row_end) of the batch * out_h rows.
void max_pool_rows_f32(const PoolGeometry& g, const float* in, float* out, int64_t row_begin,
                       int64_t row_end);
void avg_pool_rows_f32(const PoolGeometry& g, const float* in, float* out, int64_t row_begin,
                       int64_t row_end);

// The whole input gradient of images [image_begin, image_end). MaxPoolGrad routes each
// window's gradient to its first maximum in row-major order; windows must have fewer than
// 2^24 elements (window positions are counted in float lanes).
void max_pool_grad_images_f32(const PoolGeometry& g, const float* in, const float* grad, float* out,
                              int64_t image_begin, int64_t image_end);
void avg_pool_grad_images_f32(const PoolGeometry& g, const float* grad, float* out,
                              int64_t image_begin, int64_t image_end);

struct LrnF32 {
  int64_t radius;
  float bias, alpha, beta;
};

// LRN and LRNGrad of `pixels` pixels of `depth` channels each.
void lrn_pixels_f32(const LrnF32& p, const float* x, float* y, int64_t pixels, int64_t depth);
void lrn_grad_pixels_f32(const LrnF32& p, const float* grads, const float* x, const float* y,
                         float* dx, int64_t pixels, int64_t depth);

}  // namespace liu::pool
