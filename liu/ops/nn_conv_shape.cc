#include "liu/ops/nn_conv_shape.h"

#include <algorithm>

namespace liu::conv {

Status read_conv_attrs(const Node& node, const std::string& label, ConvAttrs* out) {
  ConvAttrs a;
  const std::string& format = node.attr<std::string>("data_format");
  a.nchw = format == "NCHW";
  const auto& strides = node.attr<std::vector<int64_t>>("strides");
  if (strides.size() != 4)
    return invalid_argument(label + (label == "Conv2D" ? " on data format " + format : "") +
                            " requires the stride attribute to contain 4 values, but got: " +
                            std::to_string(strides.size()));
  const auto& dilations = node.attr<std::vector<int64_t>>("dilations");
  if (dilations.size() != 4)
    return invalid_argument(label +
                            " requires the dilation attribute to contain 4 values, but got: " +
                            std::to_string(dilations.size()));
  const int h = h_dim(a.nchw), w = w_dim(a.nchw), c = c_dim(a.nchw);
  a.stride_n = strides[0];
  a.stride_c = strides[c];
  a.stride_h = strides[h];
  a.stride_w = strides[w];
  a.dilation_n = dilations[0];
  a.dilation_c = dilations[c];
  a.dilation_h = dilations[h];
  a.dilation_w = dilations[w];
  for (int64_t s : {a.stride_h, a.stride_w})
    if (s <= 0) return invalid_argument("Stride must be > 0, but got " + std::to_string(s));
  for (int64_t d : {a.dilation_h, a.dilation_w})
    if (d < 1) return invalid_argument("Dilation rate must be >= 1, but got " + std::to_string(d));

  const std::string& padding = node.attr<std::string>("padding");
  a.padding = padding == "SAME"    ? Padding::kSame
              : padding == "VALID" ? Padding::kValid
                                   : Padding::kExplicit;
  const auto& explicit_paddings = node.attr<std::vector<int64_t>>("explicit_paddings");
  if (a.padding == Padding::kExplicit) {
    if (explicit_paddings.size() != 8)
      return invalid_argument("explicit_paddings attribute must contain 8 values, but got: " +
                              std::to_string(explicit_paddings.size()));
    for (int64_t p : explicit_paddings)
      if (p < 0) return invalid_argument("All elements of explicit_paddings must be nonnegative");
    if (explicit_paddings[0] != 0 || explicit_paddings[1] != 0 || explicit_paddings[2 * c] != 0 ||
        explicit_paddings[2 * c + 1] != 0)
      return invalid_argument(
          "Nonzero explicit padding in the batch or depth dimensions is not supported");
    a.pad_top = explicit_paddings[2 * h];
    a.pad_bottom = explicit_paddings[2 * h + 1];
    a.pad_left = explicit_paddings[2 * w];
    a.pad_right = explicit_paddings[2 * w + 1];
  } else if (!explicit_paddings.empty()) {
    return invalid_argument(
        "explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT");
  }
  *out = a;
  return Status::ok();
}

Status spatial_output(int64_t input, int64_t filter, int64_t dilation, int64_t stride,
                      Padding padding, int64_t explicit_before, int64_t explicit_after,
                      SpatialDim* out, bool in_kernel) {
  const int64_t effective = (filter - 1) * dilation + 1;
  SpatialDim d;
  auto windowed = [&](int64_t padded) -> Status {
    if (!in_kernel && padded < effective)
      return invalid_argument("Negative dimension size caused by subtracting " +
                              std::to_string(effective) + " from " + std::to_string(padded));
    // C++ division truncates toward zero, as TF's does: -1/2 gives an empty output.
    d.output = (padded - effective + stride) / stride;
    if (d.output < 0)
      return invalid_argument("Computed output size would be negative: " +
                              std::to_string(d.output) + " [input_size: " + std::to_string(input) +
                              ", effective_filter_size: " + std::to_string(effective) +
                              ", stride: " + std::to_string(stride) + "]");
    return Status::ok();
  };
  switch (padding) {
    case Padding::kValid:
      LIU_RETURN_IF_ERROR(windowed(input));
      break;
    case Padding::kSame: {
      d.output = (input + stride - 1) / stride;
      // The padding that makes the last window end at the input's end; odd extra goes after.
      const int64_t needed = std::max<int64_t>(0, (d.output - 1) * stride + effective - input);
      d.pad_before = needed / 2;
      d.pad_after = needed - d.pad_before;
      break;
    }
    case Padding::kExplicit: {
      LIU_RETURN_IF_ERROR(windowed(input + explicit_before + explicit_after));
      d.pad_before = explicit_before;
      d.pad_after = explicit_after;
      break;
    }
  }
  *out = d;
  return Status::ok();
}

}  // namespace liu::conv
