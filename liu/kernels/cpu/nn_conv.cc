// Kernels of the convolution ops: Conv2D, DepthwiseConv2dNative and _FusedConv2D (forward),
// their input/filter backprops, and ShapeN. float32 runs on oneDNN (nn_conv_onednn.cc); other
// dtypes, and degenerate problems with an empty dimension, on the direct loops.
#include <cmath>

#include "liu/kernels/cpu/nn_conv_onednn.h"
#include "liu/kernels/cpu/nn_conv_reference.h"
#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

using conv::Activation;
using conv::ConvGeometry;

bool degenerate(const ConvGeometry& g) {
  for (int64_t d : {g.batch, g.in_depth, g.in_rows, g.in_cols, g.out_depth, g.out_rows, g.out_cols,
                    g.filter_rows, g.filter_cols, g.group_in_depth})
    if (d == 0) return true;
  return false;
}

// Applies bias + activation to a reference-path output (the oneDNN path fuses them).
template <typename T>
void bias_activation(const ConvGeometry& g, const T* bias, Activation act, T* y) {
  const int64_t spatial = g.out_rows * g.out_cols;
  const int64_t total = g.batch * spatial * g.out_depth;
  for (int64_t k = 0; k < total; ++k) {
    const int64_t c = g.nchw ? (k / spatial) % g.out_depth : k % g.out_depth;
    T v = y[k] + bias[c];
    switch (act) {
      case Activation::kRelu:
        v = v > 0 ? v : T(0);
        break;
      case Activation::kRelu6:
        v = std::min<T>(std::max<T>(v, 0), 6);
        break;
      case Activation::kElu:
        v = v > 0 ? v : static_cast<T>(std::expm1(v));
        break;
      case Activation::kNone:
        break;
    }
    y[k] = v;
  }
}

// What every conv kernel reads from its node once.
class ConvKernelBase : public OpKernel {
 public:
  ConvKernelBase(const Node& node, bool depthwise)
      : OpKernel(node),
        depthwise_(depthwise),
        attrs_status_(
            conv::read_conv_attrs(node, depthwise ? "DepthwiseConv2D" : "Conv2D", &attrs_)) {}

 protected:
  Status fail(KernelContext& ctx, const Status& s) const {
    return ctx.error(s.message(), s.code());
  }

  const bool depthwise_;
  conv::ConvAttrs attrs_;
  const Status attrs_status_;
  conv::OnednnConv onednn_;
};

// Conv2D, DepthwiseConv2dNative, _FusedConv2D.
class ConvForwardKernel : public ConvKernelBase {
 public:
  explicit ConvForwardKernel(const Node& node)
      : ConvKernelBase(node, node.op() == "DepthwiseConv2dNative"),
        fused_(node.op() == "_FusedConv2D") {
    if (!fused_) return;
    const auto& ops = node.attr<std::vector<std::string>>("fused_ops");
    std::string list;
    for (const std::string& op : ops) list += (list.empty() ? "" : ",") + op;
    const bool bias = !ops.empty() && ops[0] == "BiasAdd";
    if (bias && ops.size() == 1)
      activation_ = Activation::kNone;
    else if (bias && ops.size() == 2 && ops[1] == "Relu")
      activation_ = Activation::kRelu;
    else if (bias && ops.size() == 2 && ops[1] == "Relu6")
      activation_ = Activation::kRelu6;
    else if (bias && ops.size() == 2 && ops[1] == "Elu")
      activation_ = Activation::kElu;
    else
      fusion_status_ = unimplemented("Fusion is not implemented: [" + list + "]");
    if (fusion_status_.is_ok() && node.attr<int64_t>("num_args") != 1)
      fusion_status_ = invalid_argument("Fused Conv2D must have one extra argument: bias.");
    if (node.attr<std::string>("filter_format") != "HWIO" ||
        node.attr<std::string>("data_format") == "NCHW_VECT_C")
      fusion_status_ = unimplemented("_FusedConv2D supports only HWIO filters and NHWC/NCHW data");
  }

  Status compute(KernelContext& ctx) const override {
    if (!attrs_status_.is_ok()) return fail(ctx, attrs_status_);
    if (!fusion_status_.is_ok()) return fail(ctx, fusion_status_);
    const Tensor& x = ctx.input(0);
    const Tensor& f = ctx.input(1);
    ConvGeometry g;
    Status s = conv::make_geometry(attrs_, x.shape(), f.shape(), depthwise_, "", &g);
    if (!s.is_ok()) return fail(ctx, s);
    const Tensor* bias = nullptr;
    if (fused_) {
      bias = &ctx.input(2);
      if (bias->rank() != 1 || bias->dim(0) != g.out_depth || bias->dtype() != x.dtype())
        return ctx.error("bias must be a 1-D tensor of " + std::to_string(g.out_depth) +
                         " elements (the output depth), got " + bias->shape().to_string());
    }
    Tensor* y = ctx.allocate_output(0, g.output_shape());
    const int threads = onednn::threads_for_work(g.flops(), ctx.thread_count());
    if (x.dtype() == DType::kFloat && !degenerate(g))
      return onednn_.forward(g, x.data<float>(), f.data<float>(),
                             bias ? bias->data<float>() : nullptr, activation_, y->data<float>(),
                             threads);
    return dispatch_numeric(x.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                    std::is_same_v<T, int32_t>) {
        conv::reference_forward(g, x.data<T>(), f.data<T>(), y->data<T>(), threads);
        if (bias) bias_activation(g, bias->data<T>(), activation_, y->data<T>());
        return Status::ok();
      } else {
        return ctx.error(std::string("no kernel for ") + dtype_name(x.dtype()),
                         Code::kUnimplemented);
      }
    });
  }

 private:
  const bool fused_;
  Activation activation_ = Activation::kNone;
  Status fusion_status_;
};

// Conv2DBackpropInput, DepthwiseConv2dNativeBackpropInput.
class ConvBackpropInputKernel : public ConvKernelBase {
 public:
  explicit ConvBackpropInputKernel(const Node& node)
      : ConvKernelBase(node, node.op() == "DepthwiseConv2dNativeBackpropInput") {}

  Status compute(KernelContext& ctx) const override {
    if (!attrs_status_.is_ok()) return fail(ctx, attrs_status_);
    const Tensor& f = ctx.input(1);
    const Tensor& dy = ctx.input(2);
    const std::string label =
        depthwise_ ? "DepthwiseConv2DBackpropInput" : "Conv2DCustomBackpropInput";
    Shape input_shape;
    Status s = conv::input_sizes_shape(node().op(), ctx.input(0), attrs_, f.shape(), dy.shape(),
                                       depthwise_, &input_shape);
    ConvGeometry g;
    if (s.is_ok()) s = conv::make_geometry(attrs_, input_shape, f.shape(), depthwise_, label, &g);
    if (s.is_ok()) s = conv::check_out_backprop(g, dy.shape(), depthwise_, label);
    if (!s.is_ok()) return fail(ctx, s);
    Tensor* dx = ctx.allocate_output(0, g.input_shape());
    const int threads = onednn::threads_for_work(g.flops(), ctx.thread_count());
    if (f.dtype() == DType::kFloat && !degenerate(g))
      return onednn_.backward_data(g, f.data<float>(), dy.data<float>(), dx->data<float>(),
                                   threads);
    return dispatch_numeric(f.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                    std::is_same_v<T, int32_t>) {
        conv::reference_backward_data(g, f.data<T>(), dy.data<T>(), dx->data<T>(), threads);
        return Status::ok();
      } else {
        return ctx.error(std::string("no kernel for ") + dtype_name(f.dtype()),
                         Code::kUnimplemented);
      }
    });
  }
};

// Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter.
class ConvBackpropFilterKernel : public ConvKernelBase {
 public:
  explicit ConvBackpropFilterKernel(const Node& node)
      : ConvKernelBase(node, node.op() == "DepthwiseConv2dNativeBackpropFilter") {}

  Status compute(KernelContext& ctx) const override {
    if (!attrs_status_.is_ok()) return fail(ctx, attrs_status_);
    const Tensor& x = ctx.input(0);
    const Tensor& dy = ctx.input(2);
    const std::string label =
        depthwise_ ? "DepthwiseConv2DBackpropFilter" : "Conv2DCustomBackpropFilter";
    Shape filter_shape;
    Status s = conv::filter_sizes_shape(ctx.input(1), &filter_shape);
    ConvGeometry g;
    if (s.is_ok()) s = conv::make_geometry(attrs_, x.shape(), filter_shape, depthwise_, label, &g);
    if (s.is_ok()) s = conv::check_out_backprop(g, dy.shape(), depthwise_, label);
    if (!s.is_ok()) return fail(ctx, s);
    Tensor* df = ctx.allocate_output(0, filter_shape);
    const int threads = onednn::threads_for_work(g.flops(), ctx.thread_count());
    if (x.dtype() == DType::kFloat && !degenerate(g))
      return onednn_.backward_weights(g, x.data<float>(), dy.data<float>(), df->data<float>(),
                                      threads);
    return dispatch_numeric(x.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        conv::reference_backward_filter(g, x.data<T>(), dy.data<T>(), df->data<T>(), threads);
        return Status::ok();
      } else {
        return ctx.error(std::string("no kernel for ") + dtype_name(x.dtype()),
                         Code::kUnimplemented);
      }
    });
  }
};

Status shape_n_compute(KernelContext& ctx) {
  const bool wide = ctx.node().attr<DType>("out_type") == DType::kInt64;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const Shape& s = ctx.input(i).shape();
    if (wide) {
      ctx.set_output(i, Tensor::from_vector<int64_t>(s.dims()));
    } else {
      std::vector<int32_t> dims(s.dims().begin(), s.dims().end());
      ctx.set_output(i, Tensor::from_vector<int32_t>(dims));
    }
  }
  return Status::ok();
}

}  // namespace

LIU_KERNEL_CLASS("Conv2D", kCPU, ConvForwardKernel);
LIU_KERNEL_CLASS("DepthwiseConv2dNative", kCPU, ConvForwardKernel);
LIU_KERNEL_CLASS("_FusedConv2D", kCPU, ConvForwardKernel);
LIU_KERNEL_CLASS("Conv2DBackpropInput", kCPU, ConvBackpropInputKernel);
LIU_KERNEL_CLASS("DepthwiseConv2dNativeBackpropInput", kCPU, ConvBackpropInputKernel);
LIU_KERNEL_CLASS("Conv2DBackpropFilter", kCPU, ConvBackpropFilterKernel);
LIU_KERNEL_CLASS("DepthwiseConv2dNativeBackpropFilter", kCPU, ConvBackpropFilterKernel);
LIU_KERNEL("ShapeN", kCPU, shape_n_compute);

}  // namespace liu
