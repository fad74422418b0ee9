// Convolution ops (Conv2D and its backprops, the depthwise family, _FusedConv2D) and ShapeN,
// which the conv gradient uses to read both operand shapes at once, as TF's does.
#include "liu/api/array.h"
#include "liu/api/builder.h"
#include "liu/autodiff/grad_context.h"
#include "liu/ops/nn_conv_shape.h"
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

constexpr int64_t kUnknown = kUnknownDim;

bool known(int64_t d) { return d >= 0; }

// "Dimensions must be equal" merge of two partial dims, TF's message on conflict.
Status merge_dim(InferenceContext& ctx, int64_t a, int64_t b, int64_t* out) {
  if (known(a) && known(b) && a != b)
    return ctx.error("Dimensions must be equal, but are " + std::to_string(a) + " and " +
                     std::to_string(b));
  *out = known(a) ? a : b;
  return Status::ok();
}

Status require_rank4(InferenceContext& ctx, int i) {
  const Shape& s = ctx.input(i);
  if (s.has_rank() && s.rank() != 4)
    return ctx.error("Shape must be rank 4 but is rank " + std::to_string(s.rank()) +
                     " for input shapes: " + s.to_string());
  return Status::ok();
}

// Dim i of a rank-4-or-unknown shape.
int64_t dim_of(const Shape& s, int i) { return s.has_rank() ? s.dim(i) : kUnknown; }

Status read_attrs(InferenceContext& ctx, const std::string& label, conv::ConvAttrs* attrs) {
  Status s = conv::read_conv_attrs(ctx.node(), label, attrs);
  return s.is_ok() ? s : ctx.error(s.message());
}

// One spatial output dim, unknown when either size is.
Status spatial(InferenceContext& ctx, int64_t in, int64_t filter, int64_t dilation, int64_t stride,
               conv::Padding padding, int64_t before, int64_t after, int64_t* out) {
  if (!known(in) || !known(filter)) {
    *out = kUnknown;
    return Status::ok();
  }
  conv::SpatialDim d;
  Status s = conv::spatial_output(in, filter, dilation, stride, padding, before, after, &d);
  if (!s.is_ok()) return ctx.error(s.message());
  *out = d.output;
  return Status::ok();
}

Shape in_format(bool nchw, int64_t n, int64_t h, int64_t w, int64_t c) {
  return nchw ? Shape({n, c, h, w}) : Shape({n, h, w, c});
}

// Conv2D and DepthwiseConv2dNative (and _FusedConv2D): NHWC/NCHW input, HWIO filter.
Status conv_forward_shape(InferenceContext& ctx, bool depthwise) {
  conv::ConvAttrs a;
  LIU_RETURN_IF_ERROR(read_attrs(ctx, depthwise ? "DepthwiseConv2D" : "Conv2D", &a));
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 0));
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 1));
  const Shape& in = ctx.input(0);
  const Shape& f = ctx.input(1);
  const int64_t n = dim_of(in, 0), ih = dim_of(in, conv::h_dim(a.nchw)),
                iw = dim_of(in, conv::w_dim(a.nchw)), ic = dim_of(in, conv::c_dim(a.nchw));
  const int64_t fh = dim_of(f, 0), fw = dim_of(f, 1), fi = dim_of(f, 2), fo = dim_of(f, 3);
  int64_t oc = kUnknown;
  if (depthwise) {
    int64_t c;
    LIU_RETURN_IF_ERROR(merge_dim(ctx, ic, fi, &c));
    if (known(c) && known(fo)) oc = c * fo;
  } else {
    if (known(ic) && known(fi)) {
      if (fi == 0 || ic % fi != 0)
        return ctx.error("Depth of input (" + std::to_string(ic) +
                         ") is not a multiple of input depth of filter (" + std::to_string(fi) +
                         ")");
      const int64_t groups = ic / fi;
      if (known(fo) && fo % groups != 0)
        return ctx.error("Depth of output (" + std::to_string(fo) +
                         ") is not a multiple of the number of groups (" + std::to_string(groups) +
                         ")");
    }
    oc = fo;
  }
  int64_t oh, ow;
  LIU_RETURN_IF_ERROR(
      spatial(ctx, ih, fh, a.dilation_h, a.stride_h, a.padding, a.pad_top, a.pad_bottom, &oh));
  LIU_RETURN_IF_ERROR(
      spatial(ctx, iw, fw, a.dilation_w, a.stride_w, a.padding, a.pad_left, a.pad_right, &ow));
  ctx.set_output(0, in_format(a.nchw, n, oh, ow, oc));
  return Status::ok();
}

Status conv2d_shape(InferenceContext& ctx) { return conv_forward_shape(ctx, false); }
Status depthwise_shape(InferenceContext& ctx) { return conv_forward_shape(ctx, true); }

// A sizes input (input_sizes / filter_sizes) as a partial shape. Beyond constants, the
// Shape/ShapeN of a partially known tensor gives that tensor's partial shape (the gradient
// graphs build exactly this).
Status sizes_as_shape(InferenceContext& ctx, int i, Shape* out) {
  const Output& in = ctx.node().input(i);
  const Node* src = in.node;
  if (src->op() == "Shape" || src->op() == "ShapeN") {
    const Shape& s = src->input(src->op() == "Shape" ? 0 : in.index).shape();
    if (s.has_rank()) {
      *out = s;
      return Status::ok();
    }
  }
  return ctx.input_as_shape(i, out);
}

// Conv2DBackpropInput / DepthwiseConv2dNativeBackpropInput: the input's shape comes from
// input_sizes (4 values, or 2 spatial ones with batch and depth from the other operands).
// kDepthwise: the DepthwiseConv2dNative variant.
template <bool kDepthwise>
Status backprop_input_shape(InferenceContext& ctx) {
  conv::ConvAttrs a;
  LIU_RETURN_IF_ERROR(read_attrs(ctx, kDepthwise ? "DepthwiseConv2D" : "Conv2D", &a));
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 1));
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 2));
  const Shape& f = ctx.input(1);
  const Shape& dy = ctx.input(2);
  const int64_t fi = dim_of(f, 2), fo = dim_of(f, 3);
  int64_t dy_c;
  LIU_RETURN_IF_ERROR(merge_dim(ctx, dim_of(dy, conv::c_dim(a.nchw)),
                                kDepthwise ? (known(fi) && known(fo) ? fi * fo : kUnknown) : fo,
                                &dy_c));
  Shape sizes;
  LIU_RETURN_IF_ERROR(sizes_as_shape(ctx, 0, &sizes));
  const int64_t batch = dim_of(dy, 0);
  if (!sizes.has_rank()) {
    ctx.set_output(0, in_format(a.nchw, batch, kUnknown, kUnknown, kUnknown));
    return Status::ok();
  }
  if (sizes.rank() == 2) {
    ctx.set_output(0, in_format(a.nchw, batch, sizes.dim(0), sizes.dim(1), fi));
    return Status::ok();
  }
  if (sizes.rank() != 4)
    return ctx.error(ctx.node().op() +
                     " requires input_sizes to contain 4 values or 2 values, but got: " +
                     std::to_string(sizes.rank()));
  if (!known(sizes.dim(0))) sizes.set_dim(0, batch);
  ctx.set_output(0, sizes);
  return Status::ok();
}

// Conv2DBackpropFilter / DepthwiseConv2dNativeBackpropFilter: the filter's shape.
// kDepthwise: the DepthwiseConv2dNative variant.
template <bool kDepthwise>
Status backprop_filter_shape(InferenceContext& ctx) {
  conv::ConvAttrs a;
  LIU_RETURN_IF_ERROR(read_attrs(ctx, kDepthwise ? "DepthwiseConv2D" : "Conv2D", &a));
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 0));
  LIU_RETURN_IF_ERROR(require_rank4(ctx, 2));
  Shape sizes;
  LIU_RETURN_IF_ERROR(sizes_as_shape(ctx, 1, &sizes));
  if (!sizes.has_rank()) sizes = Shape::unknown_of_rank(4);
  if (sizes.rank() != 4)
    return ctx.error("Shape must be rank 4 but is rank " + std::to_string(sizes.rank()) +
                     " for filter_sizes " + sizes.to_string());
  ctx.set_output(0, sizes);
  return Status::ok();
}

Status shape_n_shape(InferenceContext& ctx) {
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const Shape& s = ctx.input(i);
    ctx.set_output(i, Shape({s.has_rank() ? s.rank() : kUnknown}));
  }
  return Status::ok();
}

// ---- gradients (TF's nn_grad.py) ----

// A conv-family op with `src`'s geometry attrs (those the target op declares).
Output conv_like(const std::string& op, const Node& src, const std::vector<Output>& inputs) {
  OpBuilder builder(op, op);
  for (const Output& in : inputs) builder.input(in);
  const OpDef* def = OpRegistry::global().find(op);
  for (const char* name :
       {"strides", "padding", "explicit_paddings", "data_format", "dilations", "use_cudnn_on_gpu"})
    if (src.has_attr(name) && def->find_attr(name)) builder.attr(name, src.attrs().at(name));
  return builder.build();
}

Status conv2d_grad(GradContext& ctx) {
  const Node& n = ctx.node();
  std::vector<Output> shapes =
      OpBuilder("ShapeN", "ShapeN").input_list({ctx.input(0), ctx.input(1)}).build_outputs();
  ctx.set_input_grad(0,
                     conv_like("Conv2DBackpropInput", n, {shapes[0], ctx.input(1), ctx.grad(0)}));
  ctx.set_input_grad(1,
                     conv_like("Conv2DBackpropFilter", n, {ctx.input(0), shapes[1], ctx.grad(0)}));
  return Status::ok();
}

// The op names of a convolution family: its backprop ops' gradients are the family's other
// two ops, the same for Conv2D and DepthwiseConv2dNative.
struct ConvOps {
  const char* forward;
  const char* backprop_input;
  const char* backprop_filter;
};
constexpr ConvOps kConv2DOps{"Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"};
constexpr ConvOps kDepthwiseOps{"DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput",
                                "DepthwiseConv2dNativeBackpropFilter"};

// Input sizes get no gradient; d/d filter and d/d out_backprop are the other two conv ops.
template <const ConvOps& kOps>
Status backprop_input_grad(GradContext& ctx) {
  const Node& n = ctx.node();
  ctx.set_input_grad(
      1, conv_like(kOps.backprop_filter, n, {ctx.grad(0), shape(ctx.input(1)), ctx.input(2)}));
  ctx.set_input_grad(2, conv_like(kOps.forward, n, {ctx.grad(0), ctx.input(1)}));
  return Status::ok();
}

// Filter sizes get no gradient; d/d input and d/d out_backprop are the other two conv ops.
template <const ConvOps& kOps>
Status backprop_filter_grad(GradContext& ctx) {
  const Node& n = ctx.node();
  ctx.set_input_grad(
      0, conv_like(kOps.backprop_input, n, {shape(ctx.input(0)), ctx.grad(0), ctx.input(2)}));
  ctx.set_input_grad(2, conv_like(kOps.forward, n, {ctx.input(0), ctx.grad(0)}));
  return Status::ok();
}

Status depthwise_grad(GradContext& ctx) {
  const Node& n = ctx.node();
  ctx.set_input_grad(0, conv_like("DepthwiseConv2dNativeBackpropInput", n,
                                  {shape(ctx.input(0)), ctx.input(1), ctx.grad(0)}));
  ctx.set_input_grad(1, conv_like("DepthwiseConv2dNativeBackpropFilter", n,
                                  {ctx.input(0), shape(ctx.input(1)), ctx.grad(0)}));
  return Status::ok();
}

}  // namespace

// Liu has no half/bfloat16, so T lists TF's types that Liu can represent.
LIU_OP("Conv2D")
    .input("input: T")
    .input("filter: T")
    .output("output: T")
    .attr("T: {float, double, int32}")
    .attr("strides: list(int)")
    .attr("use_cudnn_on_gpu: bool = true")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("dilations: list(int) = [1, 1, 1, 1]")
    .shape(conv2d_shape)
    .grad(conv2d_grad);

LIU_OP("Conv2DBackpropInput")
    .input("input_sizes: int32")
    .input("filter: T")
    .input("out_backprop: T")
    .output("output: T")
    .attr("T: {float, double, int32}")
    .attr("strides: list(int)")
    .attr("use_cudnn_on_gpu: bool = true")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("dilations: list(int) = [1, 1, 1, 1]")
    .shape(backprop_input_shape<false>)
    .grad(backprop_input_grad<kConv2DOps>);

LIU_OP("Conv2DBackpropFilter")
    .input("input: T")
    .input("filter_sizes: int32")
    .input("out_backprop: T")
    .output("output: T")
    .attr("T: {float, double}")
    .attr("strides: list(int)")
    .attr("use_cudnn_on_gpu: bool = true")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("dilations: list(int) = [1, 1, 1, 1]")
    .shape(backprop_filter_shape<false>)
    .grad(backprop_filter_grad<kConv2DOps>);

LIU_OP("DepthwiseConv2dNative")
    .input("input: T")
    .input("filter: T")
    .output("output: T")
    .attr("T: {float, double}")
    .attr("strides: list(int)")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("dilations: list(int) = [1, 1, 1, 1]")
    .shape(depthwise_shape)
    .grad(depthwise_grad);

LIU_OP("DepthwiseConv2dNativeBackpropInput")
    .input("input_sizes: int32")
    .input("filter: T")
    .input("out_backprop: T")
    .output("output: T")
    .attr("T: {float, double}")
    .attr("strides: list(int)")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("dilations: list(int) = [1, 1, 1, 1]")
    .shape(backprop_input_shape<true>)
    .grad(backprop_input_grad<kDepthwiseOps>);

LIU_OP("DepthwiseConv2dNativeBackpropFilter")
    .input("input: T")
    .input("filter_sizes: int32")
    .input("out_backprop: T")
    .output("output: T")
    .attr("T: {float, double}")
    .attr("strides: list(int)")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("dilations: list(int) = [1, 1, 1, 1]")
    .shape(backprop_filter_shape<true>)
    .grad(backprop_filter_grad<kDepthwiseOps>);

// Conv2D + BiasAdd (+ activation) as one node; made by a graph rewrite of forward chains, so
// it has no gradient of its own. The kernel supports the BiasAdd[+Relu|Relu6|Elu] fusions.
LIU_OP("_FusedConv2D")
    .input("input: T")
    .input("filter: T")
    .input("args: TArgs")
    .input("host_args: num_host_args * float")
    .output("output: T")
    .attr("T: {float, double, int8}")
    .attr("TArgs: list(type)")
    .attr("num_args: int >= 0")
    .attr("num_host_args: int >= 0 = 0")
    .attr("strides: list(int)")
    .attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .attr("explicit_paddings: list(int) = []")
    .attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
    .attr("filter_format: {'HWIO', 'OIHW', 'OIHW_VECT_I'} = 'HWIO'")
    .attr("dilations: list(int) = [1, 1, 1, 1]")
    .attr("use_cudnn_on_gpu: bool = true")
    .attr("fused_ops: list(string) = []")
    .attr("epsilon: float = 0.0001")
    .attr("leakyrelu_alpha: float = 0.2")
    .shape(conv2d_shape)
    .no_gradient();

LIU_OP("ShapeN")
    .input("input: N * T")
    .output("output: N * out_type")
    .attr("N: int >= 1")
    .attr("T: type")
    .attr("out_type: {int32, int64} = DT_INT32")
    .shape(shape_n_shape)
    .no_gradient();

}  // namespace liu
