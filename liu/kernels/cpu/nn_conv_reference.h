#pragma once
// Direct-loop grouped convolution for the dtypes oneDNN does not take (float64, int32): simple
// and exact rather than fast; float32 goes to nn_conv_onednn. Filters are [H, W, in/groups,
// out] (see ConvGeometry for the depthwise mapping); activations NHWC or NCHW.
#include <omp.h>

#include <algorithm>

#include "liu/kernels/cpu/nn_conv_geometry.h"

namespace liu::conv {

// Element offsets of an activation tensor in either data format.
struct ActivationIndex {
  bool nchw;
  int64_t depth, rows, cols;
  int64_t operator()(int64_t n, int64_t r, int64_t c, int64_t d) const {
    return nchw ? ((n * depth + d) * rows + r) * cols + c : ((n * rows + r) * cols + c) * depth + d;
  }
};

// Calls body(out_r, out_c, in_r, in_c, fr, fc) for every (output, filter tap) pair of one
// image whose input position lies inside the input (padding contributes zeros).
template <typename Body>
void for_each_tap(const ConvGeometry& g, Body&& body) {
  for (int64_t orow = 0; orow < g.out_rows; ++orow)
    for (int64_t ocol = 0; ocol < g.out_cols; ++ocol)
      for (int64_t fr = 0; fr < g.filter_rows; ++fr) {
        const int64_t ir = orow * g.stride_rows - g.pad_top + fr * g.dilation_rows;
        if (ir < 0 || ir >= g.in_rows) continue;
        for (int64_t fc = 0; fc < g.filter_cols; ++fc) {
          const int64_t ic = ocol * g.stride_cols - g.pad_left + fc * g.dilation_cols;
          if (ic < 0 || ic >= g.in_cols) continue;
          body(orow, ocol, ir, ic, fr, fc);
        }
      }
}

inline int64_t filter_offset(const ConvGeometry& g, int64_t fr, int64_t fc, int64_t i, int64_t o) {
  return ((fr * g.filter_cols + fc) * g.group_in_depth + i) * g.out_depth + o;
}

// y = conv(x, f).
template <typename T>
void reference_forward(const ConvGeometry& g, const T* x, const T* f, T* y, int threads) {
  const ActivationIndex xi{g.nchw, g.in_depth, g.in_rows, g.in_cols};
  const ActivationIndex yi{g.nchw, g.out_depth, g.out_rows, g.out_cols};
  const int64_t per_group = g.out_depth / g.groups;
  std::fill(y, y + g.batch * g.out_depth * g.out_rows * g.out_cols, T(0));
#pragma omp parallel for num_threads(threads) if (g.batch > 1 && threads > 1)
  for (int64_t n = 0; n < g.batch; ++n)
    for_each_tap(g,
                 [&](int64_t orow, int64_t ocol, int64_t ir, int64_t ic, int64_t fr, int64_t fc) {
                   for (int64_t o = 0; o < g.out_depth; ++o) {
                     const int64_t base = (o / per_group) * g.group_in_depth;
                     T sum = 0;
                     for (int64_t i = 0; i < g.group_in_depth; ++i)
                       sum += x[xi(n, ir, ic, base + i)] * f[filter_offset(g, fr, fc, i, o)];
                     y[yi(n, orow, ocol, o)] += sum;
                   }
                 });
}

// dx = d(conv)/dx applied to dy.
template <typename T>
void reference_backward_data(const ConvGeometry& g, const T* f, const T* dy, T* dx, int threads) {
  const ActivationIndex xi{g.nchw, g.in_depth, g.in_rows, g.in_cols};
  const ActivationIndex yi{g.nchw, g.out_depth, g.out_rows, g.out_cols};
  const int64_t per_group = g.out_depth / g.groups;
  std::fill(dx, dx + g.batch * g.in_depth * g.in_rows * g.in_cols, T(0));
#pragma omp parallel for num_threads(threads) if (g.batch > 1 && threads > 1)
  for (int64_t n = 0; n < g.batch; ++n)
    for_each_tap(g,
                 [&](int64_t orow, int64_t ocol, int64_t ir, int64_t ic, int64_t fr, int64_t fc) {
                   for (int64_t o = 0; o < g.out_depth; ++o) {
                     const int64_t base = (o / per_group) * g.group_in_depth;
                     const T d = dy[yi(n, orow, ocol, o)];
                     for (int64_t i = 0; i < g.group_in_depth; ++i)
                       dx[xi(n, ir, ic, base + i)] += d * f[filter_offset(g, fr, fc, i, o)];
                   }
                 });
}

// df = d(conv)/df applied to dy. Images are summed in order, one thread per output channel
// block, so the result does not depend on the thread count.
template <typename T>
void reference_backward_filter(const ConvGeometry& g, const T* x, const T* dy, T* df, int threads) {
  const ActivationIndex xi{g.nchw, g.in_depth, g.in_rows, g.in_cols};
  const ActivationIndex yi{g.nchw, g.out_depth, g.out_rows, g.out_cols};
  const int64_t per_group = g.out_depth / g.groups;
  std::fill(df, df + g.filter_rows * g.filter_cols * g.group_in_depth * g.out_depth, T(0));
#pragma omp parallel for num_threads(threads) if (g.out_depth > 1 && threads > 1)
  for (int64_t o = 0; o < g.out_depth; ++o) {
    const int64_t base = (o / per_group) * g.group_in_depth;
    for (int64_t n = 0; n < g.batch; ++n)
      for_each_tap(g,
                   [&](int64_t orow, int64_t ocol, int64_t ir, int64_t ic, int64_t fr, int64_t fc) {
                     const T d = dy[yi(n, orow, ocol, o)];
                     for (int64_t i = 0; i < g.group_in_depth; ++i)
                       df[filter_offset(g, fr, fc, i, o)] += d * x[xi(n, ir, ic, base + i)];
                   });
  }
}

}  // namespace liu::conv
