#pragma once
// Convolution geometry shared by the conv ops' shape functions and their kernels: the attrs
// (strides, dilations, padding, data format) read once, and TF's output-size/padding rules.
#include <string>

#include "liu/graph/node.h"

namespace liu::conv {

enum class Padding { kSame, kValid, kExplicit };

struct ConvAttrs {
  bool nchw = false;
  int64_t stride_n = 1, stride_c = 1, stride_h = 1, stride_w = 1;
  int64_t dilation_n = 1, dilation_c = 1, dilation_h = 1, dilation_w = 1;
  Padding padding = Padding::kSame;
  // EXPLICIT only: before/after padding of the rows and columns.
  int64_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
};

// Reads and validates the attrs with TF's messages (no node prefix). `label` is how TF names
// the op in them: "Conv2D" or "DepthwiseConv2D".
Status read_conv_attrs(const Node& node, const std::string& label, ConvAttrs* out);

// One spatial dimension's output size and the padding actually applied on each side.
struct SpatialDim {
  int64_t output = 0;
  int64_t pad_before = 0;
  int64_t pad_after = 0;
};
// TF's windowed output size. At graph construction (shape functions) a window larger than the
// padded input is an error; kernels, like TF's, only reject a negative computed size, so a
// window just one step too large gives an empty output.
Status spatial_output(int64_t input, int64_t filter, int64_t dilation, int64_t stride,
                      Padding padding, int64_t explicit_before, int64_t explicit_after,
                      SpatialDim* out, bool in_kernel = false);

// Index of the height / width / channel dim for the data format.
inline int h_dim(bool nchw) { return nchw ? 2 : 1; }
inline int w_dim(bool nchw) { return nchw ? 3 : 2; }
inline int c_dim(bool nchw) { return nchw ? 1 : 3; }

}  // namespace liu::conv
