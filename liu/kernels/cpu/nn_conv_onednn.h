#pragma once
// float32 grouped convolution on oneDNN: forward (optionally with bias and an activation
// fused in), backward data and backward weights. Activations stay in the user's plain layout
// (NHWC or NCHW) and filters in TF's HWIO; primitives are built once per geometry.
#include "liu/kernels/cpu/nn_conv_geometry.h"
#include "liu/kernels/cpu/onednn.h"

namespace liu::conv {

enum class Activation { kNone, kRelu, kRelu6, kElu };

class OnednnConv {
 public:
  // `blocked_weights`: let oneDNN choose its own filter layout and reorder the HWIO filter to
  // and from it on each call (measured faster; see nn_conv_onednn.cc). Grouped/depthwise
  // convolutions always do, since oneDNN has no fast kernel for their plain layout.
  explicit OnednnConv(bool blocked_weights = true) : blocked_weights_(blocked_weights) {}

  Status forward(const ConvGeometry& g, const float* x, const float* f, const float* bias,
                 Activation act, float* y, int threads) const;
  Status backward_data(const ConvGeometry& g, const float* f, const float* dy, float* dx,
                       int threads) const;
  Status backward_weights(const ConvGeometry& g, const float* x, const float* dy, float* df,
                          int threads) const;

  struct Entry {
    dnnl::primitive primitive;
    dnnl::memory::desc user_weights;  // HWIO as oneDNN sees it
    dnnl::memory::desc weights;       // what the primitive wants
    dnnl::memory::desc activation_in, activation_out, bias;
    bool reorder = false;
    dnnl::primitive weights_reorder;  // user -> primitive (or back, for backward weights)
  };

 private:
  bool blocked_weights_;
  onednn::PrimitiveCache<Entry> forward_cache_;
  onednn::PrimitiveCache<Entry> data_cache_;
  onednn::PrimitiveCache<Entry> weights_cache_;
};

}  // namespace liu::conv
