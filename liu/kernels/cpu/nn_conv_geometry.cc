#include "liu/kernels/cpu/nn_conv_geometry.h"

namespace liu::conv {

std::vector<int64_t> ConvGeometry::key() const {
  return {nchw,          batch,          in_depth,  in_rows,    in_cols,  filter_rows, filter_cols,
          groups,        group_in_depth, out_depth, out_rows,   out_cols, stride_rows, stride_cols,
          dilation_rows, dilation_cols,  pad_top,   pad_bottom, pad_left, pad_right};
}

Status make_geometry(const ConvAttrs& a, const Shape& input, const Shape& filter, bool depthwise,
                     const std::string& label, ConvGeometry* out) {
  const std::string prefix = label.empty() ? "" : label + ": ";
  if (a.stride_n != 1 || a.stride_c != 1)
    return unimplemented(
        "Current implementation does not yet support strides in the batch and depth dimensions.");
  if (a.dilation_n != 1 || a.dilation_c != 1)
    return unimplemented(
        "Current implementation does not yet support dilations in the batch and depth "
        "dimensions.");
  if (input.rank() != 4)
    return invalid_argument(prefix +
                            "convolution input must be 4-dimensional: " + input.to_string());
  if (filter.rank() != 4)
    return invalid_argument(prefix +
                            "convolution filter must be 4-dimensional: " + filter.to_string());
  ConvGeometry g;
  g.nchw = a.nchw;
  g.batch = input.dim(0);
  g.in_depth = input.dim(c_dim(a.nchw));
  g.in_rows = input.dim(h_dim(a.nchw));
  g.in_cols = input.dim(w_dim(a.nchw));
  g.filter_rows = filter.dim(0);
  g.filter_cols = filter.dim(1);
  if (depthwise) {
    if (g.in_depth != filter.dim(2))
      return invalid_argument(prefix + "input and filter must have the same depth: " +
                              std::to_string(g.in_depth) + " vs " + std::to_string(filter.dim(2)));
    g.groups = g.in_depth;
    g.group_in_depth = 1;
    g.out_depth = g.in_depth * filter.dim(3);
  } else {
    g.group_in_depth = filter.dim(2);
    if (g.group_in_depth == 0 || g.in_depth % g.group_in_depth != 0)
      return invalid_argument(prefix + "input depth must be evenly divisible by filter depth" +
                              (label.empty() ? ": " + std::to_string(g.in_depth) + " vs " +
                                                   std::to_string(g.group_in_depth)
                                             : ""));
    g.groups = g.in_depth / g.group_in_depth;
    g.out_depth = filter.dim(3);
    if (g.out_depth % g.groups != 0)
      return invalid_argument(prefix + "Depth of output (" + std::to_string(g.out_depth) +
                              ") is not a multiple of the number of groups (" +
                              std::to_string(g.groups) + ")");
  }
  g.stride_rows = a.stride_h;
  g.stride_cols = a.stride_w;
  g.dilation_rows = a.dilation_h;
  g.dilation_cols = a.dilation_w;
  SpatialDim rows, cols;
  LIU_RETURN_IF_ERROR(spatial_output(g.in_rows, g.filter_rows, g.dilation_rows, g.stride_rows,
                                     a.padding, a.pad_top, a.pad_bottom, &rows, true));
  LIU_RETURN_IF_ERROR(spatial_output(g.in_cols, g.filter_cols, g.dilation_cols, g.stride_cols,
                                     a.padding, a.pad_left, a.pad_right, &cols, true));
  g.out_rows = rows.output;
  g.out_cols = cols.output;
  g.pad_top = rows.pad_before;
  g.pad_bottom = rows.pad_after;
  g.pad_left = cols.pad_before;
  g.pad_right = cols.pad_after;
  *out = g;
  return Status::ok();
}

Status check_out_backprop(const ConvGeometry& g, const Shape& dy, bool depthwise,
                          const std::string& label) {
  const std::string prefix = label + ": ";
  if (dy.rank() != 4)
    return invalid_argument(prefix + "out_backprop must be 4-dimensional: " + dy.to_string());
  if (dy.dim(0) != g.batch)
    return invalid_argument(prefix +
                            "input and out_backprop must have the same batch size. Input batch: " +
                            std::to_string(g.batch) +
                            ", outbackprop batch: " + std::to_string(dy.dim(0)) + ", batch_dim: 0");
  const int dims[2] = {h_dim(g.nchw), w_dim(g.nchw)};
  const int64_t computed[2] = {g.out_rows, g.out_cols};
  const int64_t inputs[2] = {g.in_rows, g.in_cols};
  const int64_t filters[2] = {g.filter_rows, g.filter_cols};
  const int64_t strides[2] = {g.stride_rows, g.stride_cols};
  const int64_t dilations[2] = {g.dilation_rows, g.dilation_cols};
  for (int i = 0; i < 2; ++i) {
    const int64_t actual = dy.dim(dims[i]);
    if (actual == computed[i]) continue;
    if (depthwise)
      return invalid_argument(
          prefix + "Number of " + (i == 0 ? "rows" : "cols") +
          " of out_backprop doesn't match computed: actual = " + std::to_string(actual) +
          ", computed = " + std::to_string(computed[i]));
    return invalid_argument(
        prefix + "Size of out_backprop doesn't match computed: actual = " + std::to_string(actual) +
        ", computed = " + std::to_string(computed[i]) + " spatial_dim: " + std::to_string(dims[i]) +
        " input: " + std::to_string(inputs[i]) + " filter: " + std::to_string(filters[i]) +
        " output: " + std::to_string(actual) + " stride: " + std::to_string(strides[i]) +
        " dilation: " + std::to_string(dilations[i]));
  }
  if (dy.dim(c_dim(g.nchw)) != g.out_depth)
    return invalid_argument(prefix +
                            (depthwise ? "out_backprop depth "
                                       : "filter and out_backprop must have the same out_depth") +
                            (depthwise ? std::to_string(dy.dim(c_dim(g.nchw))) +
                                             " and input_depth * depth_multiplier " +
                                             std::to_string(g.out_depth) + " do not match"
                                       : ""));
  return Status::ok();
}

namespace {

Status read_int_vector(const Tensor& t, const std::string& what, std::vector<int64_t>* out) {
  if (t.rank() != 1 || (t.dtype() != DType::kInt32 && t.dtype() != DType::kInt64))
    return invalid_argument(what + " must be a 1-D int32 tensor, got shape " +
                            t.shape().to_string());
  out->clear();
  for (int64_t i = 0; i < t.num_elements(); ++i) {
    const int64_t v = t.dtype() == DType::kInt32 ? t.data<int32_t>()[i] : t.data<int64_t>()[i];
    if (v < 0) return invalid_argument(what + " has a negative dimension: " + std::to_string(v));
    out->push_back(v);
  }
  return Status::ok();
}

}  // namespace

Status input_sizes_shape(const std::string& op, const Tensor& sizes, const ConvAttrs& a,
                         const Shape& filter, const Shape& dy, bool depthwise, Shape* out) {
  std::vector<int64_t> v;
  LIU_RETURN_IF_ERROR(read_int_vector(sizes, "input_sizes", &v));
  if (v.size() == 4) {
    Shape s;
    LIU_RETURN_IF_ERROR(make_shape_from_dims(v.data(), 4, &s));
    *out = s;
    return Status::ok();
  }
  if (v.size() != 2)
    return invalid_argument(op +
                            " requires input_sizes to contain 4 values or 2 values, but got: " +
                            std::to_string(v.size()));
  if (dy.rank() != 4 || filter.rank() != 4)
    return invalid_argument(op + ": filter and out_backprop must be 4-dimensional");
  const int64_t batch = dy.dim(0);
  const int64_t depth = depthwise ? filter.dim(2) : filter.dim(2);
  *out = a.nchw ? Shape({batch, depth, v[0], v[1]}) : Shape({batch, v[0], v[1], depth});
  return Status::ok();
}

Status filter_sizes_shape(const Tensor& sizes, Shape* out) {
  std::vector<int64_t> v;
  LIU_RETURN_IF_ERROR(read_int_vector(sizes, "filter_sizes", &v));
  if (v.size() != 4)
    return invalid_argument("filter_sizes must be a 4-element vector, got " +
                            std::to_string(v.size()) + " values");
  Shape s;
  LIU_RETURN_IF_ERROR(make_shape_from_dims(v.data(), 4, &s));
  *out = s;
  return Status::ok();
}

}  // namespace liu::conv
