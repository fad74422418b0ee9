// Pooling geometry shared by the pooling kernels: attrs read once per node, then checked
// against every fed shape with TF's texts.
#include "liu/kernels/cpu/nn_pool.h"

#include <algorithm>
#include <limits>

namespace liu::pool {
namespace {

std::vector<int64_t> int_list(const Node& node, const std::string& name) {
  if (!node.has_attr(name)) return {};
  const AttrValue& v = node.attrs().at(name);
  return v.holds<std::vector<int64_t>>() ? v.get<std::vector<int64_t>>() : std::vector<int64_t>{};
}

std::string join(const std::vector<int64_t>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s.push_back(',');
    s.append(std::to_string(v[i]));
  }
  return s;
}

// One spatial dimension: output size and padding before, as TF's windowed-output rule.
Status windowed(const KernelContext& ctx, int64_t in, int64_t k, int64_t s, Padding padding,
                int64_t pad_before, int64_t pad_after, int64_t* out, int64_t* pad) {
  switch (padding) {
    case Padding::kValid:
      *out = (in - k + s) / s;
      *pad = 0;
      break;
    case Padding::kSame: {
      *out = (in + s - 1) / s;
      const int64_t needed = std::max<int64_t>(0, (*out - 1) * s + k - in);
      *pad = needed / 2;
      break;
    }
    case Padding::kExplicit:
      *out = (in + pad_before + pad_after - k + s) / s;
      *pad = pad_before;
      break;
  }
  if (*out < 0)
    return ctx.error("Computed output size would be negative: " + std::to_string(*out) +
                     " [input_size: " + std::to_string(in) + ", effective_filter_size: " +
                     std::to_string(k) + ", stride: " + std::to_string(s) + "]");
  return Status::ok();
}

}  // namespace

PoolSpec::PoolSpec(const Node& node)
    : ksize(int_list(node, "ksize")),
      strides(int_list(node, "strides")),
      explicit_paddings(int_list(node, "explicit_paddings")) {
  const std::string& p = node.attr<std::string>("padding");
  padding = p == "SAME" ? Padding::kSame : p == "EXPLICIT" ? Padding::kExplicit : Padding::kValid;
  nchw = node.has_attr("data_format") && node.attr<std::string>("data_format") == "NCHW";
}

Shape PoolGeometry::input_shape() const {
  return nchw ? Shape({batch, depth, in_h, in_w}) : Shape({batch, in_h, in_w, depth});
}

Shape PoolGeometry::output_shape() const {
  return nchw ? Shape({batch, out_depth, out_h, out_w}) : Shape({batch, out_h, out_w, out_depth});
}

Status make_geometry(const KernelContext& ctx, const PoolSpec& spec, const Shape& input,
                     PoolKind kind, PoolGeometry* g) {
  // The shape function checked the attrs; this repeats what a fed value or a node built
  // without shape checks could still get wrong.
  if (spec.ksize.size() != 4)
    return ctx.error("Sliding window ksize field must specify 4 dimensions");
  if (spec.strides.size() != 4)
    return ctx.error("Sliding window stride field must specify 4 dimensions");
  const int n = 0, h = spec.nchw ? 2 : 1, w = spec.nchw ? 3 : 2, c = spec.nchw ? 1 : 3;
  if (spec.ksize[n] != 1 || spec.strides[n] != 1)
    return ctx.error("Pooling is not yet supported on the batch dimension.", Code::kUnimplemented);
  if (kind == PoolKind::kAvg) {
    for (int64_t k : spec.ksize)
      if (k <= 0)
        return ctx.error("ksize must be a positive int32 value, got:" + std::to_string(k));
  }
  for (int64_t s : spec.strides)
    if (s <= 0) return ctx.error("Stride must be > 0, but got " + std::to_string(s));
  if (input.rank() != 4) return ctx.error("tensor_in must be 4-dimensional");
  for (int64_t k : spec.ksize)
    if (k <= 0)
      return ctx.error(
          "Sliding window ksize must be positive. The specified or inferred ksize is: " +
          join(spec.ksize));
  for (int64_t k : spec.ksize)
    if (k > std::numeric_limits<int32_t>::max())
      return ctx.error("Sliding window ksize must fit in int32, got " + std::to_string(k));
  g->nchw = spec.nchw;
  g->batch = input.dim(n);
  g->in_h = input.dim(h);
  g->in_w = input.dim(w);
  g->depth = input.dim(c);
  g->k_h = spec.ksize[h];
  g->k_w = spec.ksize[w];
  g->s_h = spec.strides[h];
  g->s_w = spec.strides[w];
  g->depth_window = spec.ksize[c];
  const int64_t depth_stride = spec.strides[c];
  if (g->depth_window > 1 || depth_stride > 1) {
    if (g->k_h != 1 || g->k_w != 1 || g->s_h != 1 || g->s_w != 1)
      return ctx.error(
          "MaxPooling supports exactly one of pooling across depth or pooling across width/height.",
          Code::kUnimplemented);
    if (g->depth % g->depth_window != 0)
      return ctx.error(
          "Depthwise max pooling requires the depth window to evenly divide the input depth",
          Code::kUnimplemented);
    if (depth_stride != g->depth_window)
      return ctx.error("Depthwise max pooling requires the depth window to equal the depth stride",
                       Code::kUnimplemented);
    if (kind == PoolKind::kAvg)
      return ctx.error("Non-spatial pooling is not yet supported. Volunteers? :)",
                       Code::kUnimplemented);
    if (kind == PoolKind::kMaxGrad)
      return ctx.error("MaxPoolingGrad is not yet supported on the depth dimension.",
                       Code::kUnimplemented);
  }
  const std::vector<int64_t>& p = spec.explicit_paddings;
  const bool expl = spec.padding == Padding::kExplicit && p.size() == 8;
  LIU_RETURN_IF_ERROR(windowed(ctx, g->in_h, g->k_h, g->s_h, spec.padding, expl ? p[2 * h] : 0,
                               expl ? p[2 * h + 1] : 0, &g->out_h, &g->pad_top));
  LIU_RETURN_IF_ERROR(windowed(ctx, g->in_w, g->k_w, g->s_w, spec.padding, expl ? p[2 * w] : 0,
                               expl ? p[2 * w + 1] : 0, &g->out_w, &g->pad_left));
  g->out_depth = g->depth / g->depth_window;
  return Status::ok();
}

}  // namespace liu::pool
