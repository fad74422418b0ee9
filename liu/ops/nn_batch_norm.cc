// Fused batch normalisation: FusedBatchNorm{,V2,V3} and their gradient ops, with TF's OpDefs.
// Liu has no half/bfloat16, so T and U allow float only (TF's only other types are those).
// The gradient functions follow TF's nn_grad.py _BaseFusedBatchNormGrad: training mode uses
// the saved batch statistics (reserve spaces), inference mode the population statistics
// (inputs 3 and 4) in NHWC, transposing NCHW data around the gradient op.
#include <string>

#include "liu/api/array.h"
#include "liu/api/builder.h"
#include "liu/autodiff/grad_context.h"
#include "liu/ops/shape_fns.h"

namespace liu {
namespace {

bool is_3d_format(const std::string& format) { return format == "NDHWC" || format == "NCDHW"; }
bool is_channels_first(const std::string& format) { return format == "NCHW" || format == "NCDHW"; }

// TF's shape-inference wording for rank and dim mismatches.
Status with_rank(InferenceContext& ctx, int i, int rank, Shape* out) {
  const Shape& s = ctx.input(i);
  if (!s.has_rank()) {
    *out = Shape::unknown_of_rank(rank);
    return Status::ok();
  }
  if (s.rank() != rank)
    return ctx.error("Shape must be rank " + std::to_string(rank) + " but is rank " +
                     std::to_string(s.rank()) + " for input " + std::to_string(i) + " with shape " +
                     s.to_string());
  *out = s;
  return Status::ok();
}

Status merge_dim(InferenceContext& ctx, int64_t a, int64_t b, int64_t* out) {
  if (a != kUnknownDim && b != kUnknownDim && a != b)
    return ctx.error("Dimensions must be equal, but are " + std::to_string(a) + " and " +
                     std::to_string(b));
  *out = a != kUnknownDim ? a : b;
  return Status::ok();
}

// Merges dim 0 of the vector inputs [first, last] into the channel count.
Status merge_channel_vectors(InferenceContext& ctx, int first, int last, int64_t* channels) {
  for (int i = first; i <= last; ++i) {
    Shape v;
    LIU_RETURN_IF_ERROR(with_rank(ctx, i, 1, &v));
    LIU_RETURN_IF_ERROR(merge_dim(ctx, *channels, v.dim(0), channels));
  }
  return Status::ok();
}

// y = x with the channel dim merged with scale/offset (and mean/variance when they are
// used); the four statistics outputs are [C]; V3's reserve_space_3 is left unknown.
Status fused_batch_norm_shape(InferenceContext& ctx) {
  const std::string& format = ctx.attr<std::string>("data_format");
  const bool is_training = ctx.attr<bool>("is_training");
  const float factor = ctx.attr<float>("exponential_avg_factor");
  const int rank = is_3d_format(format) ? 5 : 4;
  Shape x;
  LIU_RETURN_IF_ERROR(with_rank(ctx, 0, rank, &x));
  const int channel_index = is_channels_first(format) ? 1 : rank - 1;
  int64_t channels = x.dim(channel_index);
  const int last_vector = (is_training && factor == 1.0f) ? 2 : 4;
  LIU_RETURN_IF_ERROR(merge_channel_vectors(ctx, 1, last_vector, &channels));
  x.set_dim(channel_index, channels);
  ctx.set_output(0, x);
  for (int i = 1; i <= 4; ++i) ctx.set_output(i, Shape({channels}));
  if (ctx.num_outputs() > 5) ctx.set_output(5, Shape::unknown());
  return Status::ok();
}

// x_backprop = y_backprop merged with x; scale/offset backprops are [C]; the two trailing
// reserve outputs are empty vectors.
Status fused_batch_norm_grad_shape(InferenceContext& ctx) {
  const std::string& format = ctx.attr<std::string>("data_format");
  const int rank = is_3d_format(format) ? 5 : 4;
  Shape dy, x, merged;
  LIU_RETURN_IF_ERROR(with_rank(ctx, 0, rank, &dy));
  LIU_RETURN_IF_ERROR(with_rank(ctx, 1, rank, &x));
  for (int d = 0; d < rank; ++d) {
    int64_t m;
    LIU_RETURN_IF_ERROR(merge_dim(ctx, dy.dim(d), x.dim(d), &m));
    dy.set_dim(d, m);
  }
  const int channel_index = is_channels_first(format) ? 1 : rank - 1;
  int64_t channels = dy.dim(channel_index);
  LIU_RETURN_IF_ERROR(merge_channel_vectors(ctx, 2, 4, &channels));
  dy.set_dim(channel_index, channels);
  ctx.set_output(0, dy);
  ctx.set_output(1, Shape({channels}));
  ctx.set_output(2, Shape({channels}));
  ctx.set_output(3, Shape({0}));
  ctx.set_output(4, Shape({0}));
  return Status::ok();
}

Output transpose_with(const Output& x, std::vector<int> perm) {
  return transpose(x, Input(perm), "transpose");
}

// version 0: FusedBatchNormGrad, 1: V2, 2: V3 (TF's numbering in nn_grad.py).
Status fused_batch_norm_grad(GradContext& ctx, int version) {
  static const char* kGradOps[] = {"FusedBatchNormGrad", "FusedBatchNormGradV2",
                                   "FusedBatchNormGradV3"};
  Output x = ctx.input(0);
  Output dy = ctx.grad(0);
  if (dy.node == nullptr) return Status::ok();
  const Output scale = ctx.input(1);
  const float epsilon = ctx.attr<float>("epsilon");
  const std::string format = ctx.attr<std::string>("data_format");
  const bool is_training = ctx.attr<bool>("is_training");
  OpBuilder grad_op(kGradOps[version], kGradOps[version]);
  std::string grad_format = format;
  Output saved_mean, saved_var;
  if (is_training) {
    saved_mean = ctx.output(3);
    saved_var = ctx.output(4);
  } else {
    saved_mean = ctx.input(3);
    saved_var = ctx.input(4);
    if (format == "NCHW") {
      x = transpose_with(x, {0, 2, 3, 1});
      dy = transpose_with(dy, {0, 2, 3, 1});
    } else if (format == "NCDHW") {
      x = transpose_with(x, {0, 2, 3, 4, 1});
      dy = transpose_with(dy, {0, 2, 3, 4, 1});
    }
    grad_format = is_3d_format(format) ? "NDHWC" : "NHWC";
  }
  grad_op.input(dy).input(x).input(scale).input(saved_mean).input(saved_var);
  if (version == 2) grad_op.input(ctx.output(5));
  grad_op.attr("epsilon", AttrValue(epsilon))
      .attr("data_format", AttrValue(grad_format))
      .attr("is_training", AttrValue(is_training));
  std::vector<Output> grads = grad_op.build_outputs();
  Output dx = grads[0];
  if (!is_training) {
    if (format == "NCHW") dx = transpose_with(dx, {0, 3, 1, 2});
    if (format == "NCDHW") dx = transpose_with(dx, {0, 4, 1, 2, 3});
  }
  ctx.set_input_grad(0, dx);
  ctx.set_input_grad(1, grads[1]);
  ctx.set_input_grad(2, grads[2]);
  return Status::ok();
}

Status grad_v1(GradContext& ctx) { return fused_batch_norm_grad(ctx, 0); }
Status grad_v2(GradContext& ctx) { return fused_batch_norm_grad(ctx, 1); }
Status grad_v3(GradContext& ctx) { return fused_batch_norm_grad(ctx, 2); }

}  // namespace

LIU_OP("FusedBatchNorm")
    .input("x: T")
    .input("scale: T")
    .input("offset: T")
    .input("mean: T")
    .input("variance: T")
    .output("y: T")
    .output("batch_mean: T")
    .output("batch_variance: T")
    .output("reserve_space_1: T")
    .output("reserve_space_2: T")
    .attr("T: {float}")
    .attr("epsilon: float = 0.0001")
    .attr("exponential_avg_factor: float = 1.0")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("is_training: bool = true")
    .shape(fused_batch_norm_shape)
    .grad(grad_v1);

LIU_OP("FusedBatchNormV2")
    .input("x: T")
    .input("scale: U")
    .input("offset: U")
    .input("mean: U")
    .input("variance: U")
    .output("y: T")
    .output("batch_mean: U")
    .output("batch_variance: U")
    .output("reserve_space_1: U")
    .output("reserve_space_2: U")
    .attr("T: {float}")
    .attr("U: {float}")
    .attr("epsilon: float = 0.0001")
    .attr("exponential_avg_factor: float = 1.0")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("is_training: bool = true")
    .shape(fused_batch_norm_shape)
    .grad(grad_v2);

LIU_OP("FusedBatchNormV3")
    .input("x: T")
    .input("scale: U")
    .input("offset: U")
    .input("mean: U")
    .input("variance: U")
    .output("y: T")
    .output("batch_mean: U")
    .output("batch_variance: U")
    .output("reserve_space_1: U")
    .output("reserve_space_2: U")
    .output("reserve_space_3: U")
    .attr("T: {float}")
    .attr("U: {float}")
    .attr("epsilon: float = 0.0001")
    .attr("exponential_avg_factor: float = 1.0")
    .attr("data_format: {'NHWC', 'NCHW', 'NDHWC', 'NCDHW'} = 'NHWC'")
    .attr("is_training: bool = true")
    .shape(fused_batch_norm_shape)
    .grad(grad_v3);

LIU_OP("FusedBatchNormGrad")
    .input("y_backprop: T")
    .input("x: T")
    .input("scale: T")
    .input("reserve_space_1: T")
    .input("reserve_space_2: T")
    .output("x_backprop: T")
    .output("scale_backprop: T")
    .output("offset_backprop: T")
    .output("reserve_space_3: T")
    .output("reserve_space_4: T")
    .attr("T: {float}")
    .attr("epsilon: float = 0.0001")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("is_training: bool = true")
    .shape(fused_batch_norm_grad_shape);

LIU_OP("FusedBatchNormGradV2")
    .input("y_backprop: T")
    .input("x: T")
    .input("scale: float")
    .input("reserve_space_1: U")
    .input("reserve_space_2: U")
    .output("x_backprop: T")
    .output("scale_backprop: U")
    .output("offset_backprop: U")
    .output("reserve_space_3: U")
    .output("reserve_space_4: U")
    .attr("T: {float}")
    .attr("U: {float}")
    .attr("epsilon: float = 0.0001")
    .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .attr("is_training: bool = true")
    .shape(fused_batch_norm_grad_shape);

LIU_OP("FusedBatchNormGradV3")
    .input("y_backprop: T")
    .input("x: T")
    .input("scale: float")
    .input("reserve_space_1: U")
    .input("reserve_space_2: U")
    .input("reserve_space_3: U")
    .output("x_backprop: T")
    .output("scale_backprop: U")
    .output("offset_backprop: U")
    .output("reserve_space_4: U")
    .output("reserve_space_5: U")
    .attr("T: {float}")
    .attr("U: {float}")
    .attr("epsilon: float = 0.0001")
    .attr("data_format: {'NHWC', 'NCHW', 'NDHWC', 'NCDHW'} = 'NHWC'")
    .attr("is_training: bool = true")
    .shape(fused_batch_norm_grad_shape);

}  // namespace liu
