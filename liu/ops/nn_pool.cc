// Pooling and local response normalisation: MaxPool, AvgPool, their gradient ops (MaxPoolGrad,
// AvgPoolGrad, MaxPoolGradGrad) and LRN / LRNGrad, with TF's OpDefs, shape functions and
// error texts, and gradient functions as in TF's nn_grad.py (same ops, same names).
#include "liu/api/array.h"
#include "liu/api/array_index.h"
#include "liu/api/base.h"
#include "liu/autodiff/grad_context.h"
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

// A list(int) attr; an empty list default may be stored as a list of another kind.
std::vector<int64_t> int_list_attr(const Node& node, const std::string& name) {
  if (!node.has_attr(name)) return {};
  const AttrValue& v = node.attrs().at(name);
  return v.holds<std::vector<int64_t>>() ? v.get<std::vector<int64_t>>() : std::vector<int64_t>{};
}

std::string attr_string(const Node& node, const std::string& name, const std::string& fallback) {
  return node.has_attr(name) ? node.attr<std::string>(name) : fallback;
}

Status require_rank4(InferenceContext& ctx, int i) {
  const Shape& s = ctx.input(i);
  if (s.has_rank() && s.rank() != 4)
    return ctx.error("Shape must be rank 4 but is rank " + std::to_string(s.rank()) +
                     " for input " + std::to_string(i) + " with shape " + s.to_string());
  return Status::ok();
}

// Merges inputs a and b (both rank 4 when known) with TF's message on a mismatch.
Status merge_inputs(InferenceContext& ctx, int a, int b, Shape* out) {
  const Shape& x = ctx.input(a);
  const Shape& y = ctx.input(b);
  if (x.has_rank() && y.has_rank()) {
    for (int d = 0; d < x.rank() && d < y.rank(); ++d)
      if (x.dim(d) >= 0 && y.dim(d) >= 0 && x.dim(d) != y.dim(d))
        return ctx.error("Dimension " + std::to_string(d) +
                         " in both shapes must be equal, but are " + std::to_string(x.dim(d)) +
                         " and " + std::to_string(y.dim(d)) + ". Shapes are " + x.to_string() +
                         " and " + y.to_string() + ".");
  }
  Status s = x.merge(y, out);
  if (!s.is_ok()) return ctx.error(s.message());
  return Status::ok();
}

// The pooling geometry attrs every pooling op shares, checked with TF's texts. `op_label` is
// the name TF's messages use ("MaxPool" also for MaxPoolGradGrad).
struct PoolAttrs {
  std::vector<int64_t> ksize, strides, explicit_paddings;
  std::string padding;
  bool nchw = false;
};

Status read_pool_attrs(InferenceContext& ctx, const std::string& op_label, PoolAttrs* a) {
  const Node& node = ctx.node();
  a->ksize = int_list_attr(node, "ksize");
  a->strides = int_list_attr(node, "strides");
  a->explicit_paddings = int_list_attr(node, "explicit_paddings");
  a->padding = node.attr<std::string>("padding");
  const std::string format = attr_string(node, "data_format", "NHWC");
  if (format == "NCHW_VECT_C") return ctx.error("data_format NCHW_VECT_C is not supported");
  a->nchw = format == "NCHW";
  if (a->ksize.size() != 4)
    return ctx.error(op_label + " requires the ksize attribute to contain 4 values, but got: " +
                     std::to_string(a->ksize.size()));
  if (a->strides.size() != 4)
    return ctx.error(op_label + " requires the stride attribute to contain 4 values, but got: " +
                     std::to_string(a->strides.size()));
  for (int64_t s : a->strides)
    if (s <= 0) return ctx.error("Stride must be > 0, but got " + std::to_string(s));
  const std::vector<int64_t>& p = a->explicit_paddings;
  if (a->padding == "EXPLICIT") {
    if (p.size() != 8)
      return ctx.error("explicit_paddings attribute must contain 8 values, but got: " +
                       std::to_string(p.size()));
    for (int64_t v : p)
      if (v < 0) return ctx.error("All elements of explicit_paddings must be nonnegative");
    const int batch = 0, depth = a->nchw ? 1 : 3;
    if (p[2 * batch] || p[2 * batch + 1] || p[2 * depth] || p[2 * depth + 1])
      return ctx.error(
          "Nonzero explicit padding in the batch or depth dimensions is not supported");
  } else if (!p.empty()) {
    return ctx.error(
        "explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT");
  }
  return Status::ok();
}

// Output size of one windowed dimension (unknown stays unknown; a non-positive window is left
// unknown for the kernel to reject, as TF's shape function does not).
Status windowed_dim(InferenceContext& ctx, int64_t in, int64_t k, int64_t s, const PoolAttrs& a,
                    int dim, int64_t* out) {
  *out = kUnknownDim;
  if (in < 0 || k <= 0) return Status::ok();
  if (a.padding == "SAME") {
    *out = (in + s - 1) / s;
    return Status::ok();
  }
  int64_t padded = in;
  if (a.padding == "EXPLICIT")
    padded += a.explicit_paddings[2 * dim] + a.explicit_paddings[2 * dim + 1];
  if (padded < k)
    return ctx.error("Negative dimension size caused by subtracting " + std::to_string(k) +
                     " from " + std::to_string(padded));
  *out = (padded - k) / s + 1;
  return Status::ok();
}

// The pooled shape of `in`: rows and cols windowed, and the depth too when `pool_depth`
// (MaxPool's shape function also windows depth; AvgPool's keeps it).
Status pooled_shape(InferenceContext& ctx, const Shape& in, const PoolAttrs& a, bool pool_depth,
                    Shape* out) {
  if (!in.has_rank()) {
    *out = Shape::unknown_of_rank(4);
    return Status::ok();
  }
  const int h = a.nchw ? 2 : 1, w = a.nchw ? 3 : 2, c = a.nchw ? 1 : 3;
  *out = in;
  for (int d : {h, w}) {
    int64_t v;
    LIU_RETURN_IF_ERROR(windowed_dim(ctx, in.dim(d), a.ksize[d], a.strides[d], a, d, &v));
    out->set_dim(d, v);
  }
  if (pool_depth) {
    PoolAttrs valid = a;
    valid.padding = a.padding == "SAME" ? "SAME" : "VALID";
    int64_t v;
    LIU_RETURN_IF_ERROR(windowed_dim(ctx, in.dim(c), a.ksize[c], a.strides[c], valid, c, &v));
    out->set_dim(c, v);
  }
  return Status::ok();
}

Status max_pool_shape(InferenceContext& ctx) {
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 0));
  PoolAttrs a;
  LIU_RETURN_IF_ERROR(read_pool_attrs(ctx, "MaxPool", &a));
  Shape out;
  LIU_RETURN_IF_ERROR(pooled_shape(ctx, ctx.input(0), a, true, &out));
  ctx.set_output(0, out);
  return Status::ok();
}

Status avg_pool_shape(InferenceContext& ctx) {
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 0));
  PoolAttrs a;
  LIU_RETURN_IF_ERROR(read_pool_attrs(ctx, "AvgPool", &a));
  Shape out;
  LIU_RETURN_IF_ERROR(pooled_shape(ctx, ctx.input(0), a, false, &out));
  ctx.set_output(0, out);
  return Status::ok();
}

// MaxPoolGrad: the gradient has orig_input's shape.
Status max_pool_grad_shape(InferenceContext& ctx) {
  for (int i = 0; i < 3; ++i) LIU_RETURN_IF_ERROR(require_rank4(ctx, i));
  PoolAttrs a;
  LIU_RETURN_IF_ERROR(read_pool_attrs(ctx, "MaxPoolGrad", &a));
  ctx.set_output(0, ctx.input(0).has_rank() ? ctx.input(0) : Shape::unknown_of_rank(4));
  return Status::ok();
}

// MaxPoolGradGrad: grad has orig_input's shape; the result has orig_output's.
Status max_pool_grad_grad_shape(InferenceContext& ctx) {
  for (int i = 0; i < 3; ++i) LIU_RETURN_IF_ERROR(require_rank4(ctx, i));
  PoolAttrs a;
  LIU_RETURN_IF_ERROR(read_pool_attrs(ctx, "MaxPool", &a));
  Shape in;
  LIU_RETURN_IF_ERROR(merge_inputs(ctx, 0, 2, &in));
  Shape out;
  LIU_RETURN_IF_ERROR(pooled_shape(ctx, in, a, true, &out));
  Shape merged;
  if (out.merge(ctx.input(1), &merged).is_ok()) out = merged;
  ctx.set_output(0, out);
  return Status::ok();
}

// AvgPoolGrad: the result's shape is the value of orig_input_shape.
Status avg_pool_grad_shape(InferenceContext& ctx) {
  PoolAttrs a;
  LIU_RETURN_IF_ERROR(read_pool_attrs(ctx, "AvgPoolGrad", &a));
  const Shape& s = ctx.input(0);
  if (s.has_rank() && s.rank() != 1)
    return ctx.error("Shape must be rank 1 but is rank " + std::to_string(s.rank()) +
                     " for input 0 with shape " + s.to_string());
  Shape out;
  LIU_RETURN_IF_ERROR(ctx.input_as_shape(0, &out));
  if (out.has_rank() && out.rank() != 4)
    return ctx.error("Shape must be rank 4 but is rank " + std::to_string(out.rank()) +
                     " for orig_input_shape " + out.to_string());
  ctx.set_output(0, out.has_rank() ? out : Shape::unknown_of_rank(4));
  return Status::ok();
}

Status lrn_shape(InferenceContext& ctx) {
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 0));
  ctx.set_output(0, ctx.input(0).has_rank() ? ctx.input(0) : Shape::unknown_of_rank(4));
  return Status::ok();
}

Status lrn_grad_shape(InferenceContext& ctx) {
  for (int i = 0; i < 3; ++i) LIU_RETURN_IF_ERROR(require_rank4(ctx, i));
  Shape ab, abc;
  LIU_RETURN_IF_ERROR(merge_inputs(ctx, 0, 1, &ab));
  Shape c = ctx.input(2);
  if (ab.has_rank() && c.has_rank()) {
    for (int d = 0; d < 4; ++d)
      if (ab.dim(d) >= 0 && c.dim(d) >= 0 && ab.dim(d) != c.dim(d))
        return ctx.error("Dimension " + std::to_string(d) +
                         " in both shapes must be equal, but are " + std::to_string(ab.dim(d)) +
                         " and " + std::to_string(c.dim(d)) + ". Shapes are " + ab.to_string() +
                         " and " + c.to_string() + ".");
  }
  LIU_RETURN_IF_ERROR(ab.merge(c, &abc));
  ctx.set_output(0, abc.has_rank() ? abc : Shape::unknown_of_rank(4));
  return Status::ok();
}

// Copies the pooling attrs of the forward node onto a gradient op.
OpBuilder& pool_attrs(OpBuilder& b, const Node& node, bool with_explicit) {
  b.attr("ksize", int_list_attr(node, "ksize"))
      .attr("strides", int_list_attr(node, "strides"))
      .attr("padding", node.attr<std::string>("padding"))
      .attr("data_format", attr_string(node, "data_format", "NHWC"));
  if (with_explicit) b.attr("explicit_paddings", int_list_attr(node, "explicit_paddings"));
  return b;
}

bool has_grad(const GradContext& ctx) { return ctx.grad(0).node != nullptr; }

// d MaxPool: the incoming gradient routed to each window's (first) maximum.
Status max_pool_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  OpBuilder b("MaxPoolGrad", "MaxPoolGrad");
  b.input(ctx.input(0)).input(ctx.output(0)).input(ctx.grad(0));
  ctx.set_input_grad(0, pool_attrs(b, ctx.node(), true).build());
  return Status::ok();
}

// d AvgPool: the gradient spread evenly over each window.
Status avg_pool_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  Output in_shape = shape(ctx.input(0));
  OpBuilder b("AvgPoolGrad", "AvgPoolGrad");
  b.input(in_shape).input(ctx.grad(0));
  ctx.set_input_grad(0, pool_attrs(b, ctx.node(), false).build());
  return Status::ok();
}

// MaxPoolGrad is linear in its grad input (the routing is piecewise constant in the others):
// its gradient picks each window's max position out of the incoming gradient.
Status max_pool_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  ctx.set_input_grad(0, zeros_like(ctx.input(0)));
  ctx.set_input_grad(1, zeros_like(ctx.input(1)));
  OpBuilder b("MaxPoolGradGrad", "MaxPoolGradGrad");
  b.input(ctx.input(0)).input(ctx.input(1)).input(ctx.grad(0));
  ctx.set_input_grad(2, pool_attrs(b, ctx.node(), false).build());
  return Status::ok();
}

// MaxPoolGradGrad is linear in grad too; its transpose is MaxPoolGrad.
Status max_pool_grad_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  ctx.set_input_grad(0, zeros_like(ctx.input(0)));
  ctx.set_input_grad(1, zeros_like(ctx.input(1)));
  OpBuilder b("MaxPoolGrad", "MaxPoolGrad");
  b.input(ctx.input(0)).input(ctx.input(1)).input(ctx.grad(0));
  ctx.set_input_grad(2, pool_attrs(b, ctx.node(), false).build());
  return Status::ok();
}

// AvgPoolGrad is linear in grad; its transpose is AvgPool. orig_input_shape gets TF's
// stop_gradient of itself (an integer tensor, so no gradient flows).
Status avg_pool_grad_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  stop_gradient(ctx.input(0));
  OpBuilder b("AvgPool", "AvgPool");
  b.input(ctx.grad(0));
  ctx.set_input_grad(1, pool_attrs(b, ctx.node(), false).build());
  return Status::ok();
}

Status lrn_grad_fn(GradContext& ctx) {
  if (!has_grad(ctx)) return Status::ok();
  const Node& n = ctx.node();
  ctx.set_input_grad(0, OpBuilder("LRNGrad", "LRNGrad")
                            .input(ctx.grad(0))
                            .input(ctx.input(0))
                            .input(ctx.output(0))
                            .attr("depth_radius", n.attr<int64_t>("depth_radius"))
                            .attr("bias", n.attr<float>("bias"))
                            .attr("alpha", n.attr<float>("alpha"))
                            .attr("beta", n.attr<float>("beta"))
                            .build());
  return Status::ok();
}

}  // namespace

// Types: TF's lists without the ones Liu lacks (half, bfloat16, qint8, uint32, uint64).
LIU_OP("MaxPool")
    .input("input: T")
    .output("output: T")
    .attr("T: {float, double, int32, int64, uint8, int16, int8, uint16} = DT_FLOAT")
    .attr("ksize: list(int) >= 4")
    .attr("strides: list(int) >= 4")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
    .shape(max_pool_shape)
    .grad(max_pool_grad_fn);

LIU_OP("AvgPool")
    .input("value: T")
    .output("output: T")
    .attr("ksize: list(int) >= 4")
    .attr("strides: list(int) >= 4")
    .attr("padding: {'SAME', 'VALID'}")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("T: {float, double}")
    .shape(avg_pool_shape)
    .grad(avg_pool_grad_fn);

LIU_OP("MaxPoolGrad")
    .input("orig_input: T")
    .input("orig_output: T")
    .input("grad: T")
    .output("output: T")
    .attr("ksize: list(int) >= 4")
    .attr("strides: list(int) >= 4")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("T: {float, double, int32, uint8, int16, int8, int64, uint16} = DT_FLOAT")
    .shape(max_pool_grad_shape)
    .grad(max_pool_grad_grad_fn);

LIU_OP("AvgPoolGrad")
    .input("orig_input_shape: int32")
    .input("grad: T")
    .output("output: T")
    .attr("ksize: list(int) >= 4")
    .attr("strides: list(int) >= 4")
    .attr("padding: {'SAME', 'VALID'}")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("T: {float, double}")
    .shape(avg_pool_grad_shape)
    .grad(avg_pool_grad_grad_fn);

LIU_OP("MaxPoolGradGrad")
    .input("orig_input: T")
    .input("orig_output: T")
    .input("grad: T")
    .output("output: T")
    .attr("ksize: list(int) >= 4")
    .attr("strides: list(int) >= 4")
    .attr("padding: {'SAME', 'VALID'}")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("T: {float, double, int32, uint8, int16, int8, int64, uint16}")
    .shape(max_pool_grad_grad_shape)
    .grad(max_pool_grad_grad_grad_fn);

LIU_OP("LRN")
    .input("input: T")
    .output("output: T")
    .attr("depth_radius: int = 5")
    .attr("bias: float = 1")
    .attr("alpha: float = 1")
    .attr("beta: float = 0.5")
    .attr("T: {float} = DT_FLOAT")
    .shape(lrn_shape)
    .grad(lrn_grad_fn);

LIU_OP("LRNGrad")
    .input("input_grads: T")
    .input("input_image: T")
    .input("output_image: T")
    .output("output: T")
    .attr("depth_radius: int = 5")
    .attr("bias: float = 1")
    .attr("alpha: float = 1")
    .attr("beta: float = 0.5")
    .attr("T: {float} = DT_FLOAT")
    .shape(lrn_grad_shape)
    .no_gradient();

}  // namespace liu
