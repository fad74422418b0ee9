#pragma once
// A 2-D convolution problem with every size resolved, as the conv kernels see it. All conv
// ops are one grouped convolution: Conv2D has groups = in_depth / filter_in_depth, and a
// depthwise filter [H, W, C, M] is the grouped filter [H, W, 1, C*M] with groups = C (the
// same bytes), so one set of kernels serves both families.
#include <string>
#include <vector>

#include "liu/core/tensor.h"
#include "liu/ops/nn_conv_shape.h"

namespace liu::conv {

struct ConvGeometry {
  bool nchw = false;
  int64_t batch = 0, in_depth = 0, in_rows = 0, in_cols = 0;
  int64_t filter_rows = 0, filter_cols = 0;
  int64_t groups = 1, group_in_depth = 0;  // filter dim 2 after the depthwise mapping
  int64_t out_depth = 0, out_rows = 0, out_cols = 0;
  int64_t stride_rows = 1, stride_cols = 1, dilation_rows = 1, dilation_cols = 1;
  int64_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;

  Shape input_shape() const { return shape_of(in_depth, in_rows, in_cols); }
  Shape output_shape() const { return shape_of(out_depth, out_rows, out_cols); }
  // The user-visible filter: [H, W, in/groups, out], or [H, W, C, M] for depthwise.
  Shape filter_shape(bool depthwise) const {
    return depthwise ? Shape({filter_rows, filter_cols, in_depth, out_depth / in_depth})
                     : Shape({filter_rows, filter_cols, group_in_depth, out_depth});
  }
  // Multiply-adds times 2 of one pass (forward, or either backward: they cost the same).
  double flops() const {
    return 2.0 * static_cast<double>(batch) * static_cast<double>(out_rows * out_cols) *
           static_cast<double>(out_depth) * static_cast<double>(filter_rows * filter_cols) *
           static_cast<double>(group_in_depth);
  }
  // Everything that selects a oneDNN primitive.
  std::vector<int64_t> key() const;

 private:
  Shape shape_of(int64_t c, int64_t h, int64_t w) const {
    return nchw ? Shape({batch, c, h, w}) : Shape({batch, h, w, c});
  }
};

// Resolves the geometry from the input and filter shapes, with TF's kernel messages. `label`
// prefixes the messages of the backprop ops ("Conv2DCustomBackpropInput: ..."), empty for the
// forward ops. Unimplemented for strides/dilations in the batch or depth dims.
Status make_geometry(const ConvAttrs& attrs, const Shape& input, const Shape& filter,
                     bool depthwise, const std::string& label, ConvGeometry* out);

// Checks a backprop op's out_backprop against the geometry (batch, spatial sizes, depth).
Status check_out_backprop(const ConvGeometry& g, const Shape& out_backprop, bool depthwise,
                          const std::string& label);

// input_sizes as a shape: 4 values, or 2 spatial ones completed from the batch of
// out_backprop and the depth of the filter.
Status input_sizes_shape(const std::string& op, const Tensor& sizes, const ConvAttrs& attrs,
                         const Shape& filter, const Shape& out_backprop, bool depthwise,
                         Shape* out);

// A 4-vector filter_sizes as a shape.
Status filter_sizes_shape(const Tensor& sizes, Shape* out);

}  // namespace liu::conv
