#pragma once
// What the pooling kernels share: the attrs of a pooling node, and the geometry of one call
// (validated against the fed input's shape with TF's error texts).
//
// Both data formats are handled by one loop nest over "images" of H x W pixels, each pixel a
// contiguous vector of `vec` values: NHWC is N images with vec = C; NCHW is N*C images with
// vec = 1.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "liu/kernels/op_kernel.h"

namespace liu::pool {

enum class Padding { kValid, kSame, kExplicit };

// The input rows (or cols) [lo, hi) that output index o's window covers, clipped to the input.
struct Range {
  int64_t lo, hi;
};
inline Range window(int64_t o, int64_t stride, int64_t k, int64_t pad, int64_t in) {
  const int64_t start = o * stride - pad;
  return {std::max<int64_t>(start, 0), std::min(start + k, in)};
}

struct PoolSpec {
  std::vector<int64_t> ksize, strides, explicit_paddings;
  Padding padding = Padding::kValid;
  bool nchw = false;

  explicit PoolSpec(const Node& node);
};

struct PoolGeometry {
  int64_t batch = 0, in_h = 0, in_w = 0, depth = 0;
  int64_t k_h = 1, k_w = 1, s_h = 1, s_w = 1;
  int64_t out_h = 0, out_w = 0, out_depth = 0;
  int64_t pad_top = 0, pad_left = 0;
  int64_t depth_window = 1;  // > 1: max pooling across channels (no spatial window)
  bool nchw = false;

  // Images and values per pixel of the loop nest (see the file comment).
  int64_t images() const { return nchw ? batch * depth : batch; }
  int64_t vec() const { return nchw ? 1 : depth; }
  Shape input_shape() const;
  Shape output_shape() const;
};

enum class PoolKind { kMax, kAvg, kMaxGrad };

// Checks `input` (the pooled tensor's shape) against the spec, as TF's kernels do, and fills
// the geometry. Errors are `ctx` errors (InvalidArgument, or Unimplemented for batch and
// unsupported depth pooling).
Status make_geometry(const KernelContext& ctx, const PoolSpec& spec, const Shape& input,
                     PoolKind kind, PoolGeometry* g);

// Threads for a loop over `work` elements (weighted by their relative cost): 1 below about
// 20 us of one core's memory-bound pooling, since waking a sleeping OpenMP worker costs tens
// of microseconds (more when the other core is busy).
inline int threads_for(const KernelContext& ctx, int64_t work) {
  return work < (1 << 17) ? 1 : ctx.thread_count();
}

// Runs body(begin, end) over [0, n) in blocks of `grain`, on up to `threads` OpenMP threads.
// Blocks are handed out dynamically: on a shared, oversubscribed machine a thread that loses
// its core then holds up the others by one small block, not by a static share of the work.
template <typename Body>
void parallel_blocks(int threads, int64_t n, int64_t grain, Body&& body) {
  grain = std::max<int64_t>(grain, 1);
  if (threads <= 1 || n <= grain) {
    if (n > 0) body(int64_t{0}, n);
    return;
  }
  const int64_t blocks = (n + grain - 1) / grain;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (int64_t i = 0; i < blocks; ++i) body(i * grain, std::min(n, (i + 1) * grain));
}

// A block size giving each of `threads` threads about 8 blocks of `n` units, each at least
// `min_grain` units.
inline int64_t grain_for(int threads, int64_t n, int64_t min_grain) {
  return std::max<int64_t>(min_grain, n / (8 * std::max(threads, 1)));
}

}  // namespace liu::pool
