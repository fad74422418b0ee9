// Gradient functions of the array ops, following TF's array_grad.py: the same ops in the same
// order, so gradient graphs look like TensorFlow's. When the shapes (and constant arguments)
// involved are known at graph time the index arithmetic is done here and the graph gets
// constants; otherwise Shape/Rank/... ops compute it at run time, as TF's graphs do.
#include "liu/ops/array_grad.h"

#include <numeric>

#include "liu/api/array.h"
#include "liu/api/array_index.h"
#include "liu/api/base.h"
#include "liu/api/math.h"
#include "liu/api/reduction.h"
#include "liu/ops/array_checks.h"

namespace liu::array_grad {
namespace {

bool is_null(const Output& o) { return o.node == nullptr; }

// The value of o when it is a Const node (what shape inference calls a constant input).
const Tensor* constant_of(const Output& o) {
  if (o.node == nullptr || o.node->op() != "Const") return nullptr;
  return &o.node->attr<Tensor>("value");
}

// Integer values of a constant input, or false.
bool constant_ints(const Output& o, std::vector<int64_t>* values) {
  const Tensor* t = constant_of(o);
  return t != nullptr && int_values(*t, values).is_ok();
}

Tensor int_tensor(DType dtype, const std::vector<int64_t>& v, const Shape& shape) {
  if (dtype == DType::kInt64) return Tensor::from_vector(v, shape);
  return Tensor::from_vector(std::vector<int32_t>(v.begin(), v.end()), shape);
}
Tensor int_vector(DType dtype, const std::vector<int64_t>& v) {
  return int_tensor(dtype, v, Shape({static_cast<int64_t>(v.size())}));
}

// ConcatOffset takes an int32 axis; ConcatV2's may be int64.
Output cast_to_int32(const Output& x) {
  if (x.dtype() == DType::kInt32) return x;
  return OpBuilder("Cast", "Cast").input(x).attr("DstT", DType::kInt32).build();
}

Status unimplemented(const std::string& what) { return Status(Code::kUnimplemented, what); }

}  // namespace

// Reshape, ExpandDims, Squeeze: the gradient is the incoming one in the input's shape.
Status reshape_to_input(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  ctx.set_input_grad(0, reshape(ctx.grad(0), shape(ctx.input(0))));
  return Status::ok();
}

// y = transpose(x, p)  =>  dx = transpose(dy, inverse(p)).
Status transpose(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  std::vector<int64_t> perm;
  if (!constant_ints(ctx.input(1), &perm)) {
    Output inverse =
        OpBuilder("InvertPermutation", "InvertPermutation").input(ctx.input(1)).build();
    ctx.set_input_grad(0, liu::transpose(ctx.grad(0), inverse));
    return Status::ok();
  }
  const int rank = static_cast<int>(perm.size());
  std::vector<int> p;
  LIU_RETURN_IF_ERROR(canonical_permutation(perm, rank, &p));
  std::vector<int64_t> inverse(rank);
  for (int i = 0; i < rank; ++i) inverse[p[i]] = i;
  ctx.set_input_grad(0, liu::transpose(ctx.grad(0), int_vector(ctx.input(1).dtype(), inverse)));
  return Status::ok();
}

// Each input's gradient is its slice of dy along the axis: constant Slices when every shape and
// the axis are known, otherwise Slices at offsets ConcatOffset computes at run time.
Status concat_v2(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const int n = ctx.num_inputs() - 1;
  const Output dy = ctx.grad(0);
  std::vector<int64_t> axis_values;
  bool all_known = constant_ints(ctx.input(n), &axis_values) && axis_values.size() == 1;
  for (int i = 0; i < n; ++i) all_known &= ctx.input(i).shape().is_fully_defined();
  if (all_known) {
    const int rank = ctx.input(0).shape().rank();
    int64_t axis = axis_values[0];
    if (axis < 0) axis += rank;
    int64_t offset = 0;
    for (int i = 0; i < n; ++i) {
      std::vector<int64_t> begin(rank, 0);
      begin[axis] = offset;
      const std::vector<int64_t>& size = ctx.input(i).shape().dims();
      ctx.set_input_grad(
          i, liu::slice(dy, int_vector(DType::kInt32, begin), int_vector(DType::kInt32, size)));
      offset += size[axis];
    }
    return Status::ok();
  }
  // Run-time shapes or axis: ConcatOffset finds where each input starts, as in TF.
  OpBuilder offsets("ConcatOffset", "ConcatOffset");
  offsets.input(cast_to_int32(ctx.input(n)));
  std::vector<Output> shapes;
  for (int i = 0; i < n; ++i) shapes.push_back(shape(ctx.input(i)));
  offsets.input_list(InputList(shapes.begin(), shapes.end()));
  std::vector<Output> begins = offsets.build_outputs();
  for (int i = 0; i < n; ++i) ctx.set_input_grad(i, liu::slice(dy, begins[i], shapes[i]));
  return Status::ok();
}

Status pack(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  std::vector<Output> parts =
      unstack(ctx.grad(0), ctx.attr<int64_t>("N"), ctx.attr<int64_t>("axis"));
  for (int i = 0; i < ctx.num_inputs(); ++i) ctx.set_input_grad(i, parts[i]);
  return Status::ok();
}

Status unpack(GradContext& ctx) {
  std::vector<Output> grads;
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    if (is_null(ctx.grad(i))) return Status::ok();
    grads.push_back(ctx.grad(i));
  }
  if (grads.empty()) return Status::ok();
  ctx.set_input_grad(0, stack(InputList(grads.begin(), grads.end()), ctx.attr<int64_t>("axis")));
  return Status::ok();
}

namespace {
// Concatenation of the outputs' gradients along the split axis (missing ones are zeros: the
// driver fills them for float outputs).
Status concat_outputs(GradContext& ctx, int value_input, int axis_input) {
  std::vector<Output> grads;
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    if (is_null(ctx.grad(i))) return Status::ok();
    grads.push_back(ctx.grad(i));
  }
  ctx.set_input_grad(value_input,
                     concat(InputList(grads.begin(), grads.end()), ctx.input(axis_input)));
  return Status::ok();
}
}  // namespace

Status split(GradContext& ctx) { return concat_outputs(ctx, 1, 0); }
Status split_v(GradContext& ctx) { return concat_outputs(ctx, 0, 2); }

// dx is dy padded back to the input's shape: begin before, the rest after.
Status slice(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const Output x = ctx.input(0), begin = ctx.input(1), y = ctx.output(0);
  const DType index_type = begin.dtype();
  std::vector<int64_t> begin_values;
  if (x.shape().is_fully_defined() && y.shape().is_fully_defined() &&
      constant_ints(begin, &begin_values)) {
    const int rank = x.shape().rank();
    std::vector<int64_t> paddings;
    for (int i = 0; i < rank; ++i) {
      paddings.push_back(begin_values[i]);
      paddings.push_back(x.shape().dim(i) - y.shape().dim(i) - begin_values[i]);
    }
    ctx.set_input_grad(0, pad(ctx.grad(0), int_tensor(index_type, paddings, Shape({rank, 2}))));
    return Status::ok();
  }
  Output pad_shape = stack({rank(x), 1});
  Output before = reshape(begin, pad_shape);
  Output after =
      reshape(subtract(subtract(shape(x, index_type), shape(y, index_type)), begin), pad_shape);
  ctx.set_input_grad(0, pad(ctx.grad(0), concat({before, after}, 1)));
  return Status::ok();
}

// y = tile(x, m): dy reshaped to [m0, d0, m1, d1, ...] and summed over the m axes.
Status tile(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const Output x = ctx.input(0), multiples = ctx.input(1);
  std::vector<int64_t> m;
  Output split_shape, axes;
  if (x.shape().is_fully_defined() && constant_ints(multiples, &m)) {
    std::vector<int64_t> dims, sum_axes;
    for (size_t i = 0; i < m.size(); ++i) {
      dims.push_back(m[i]);
      dims.push_back(x.shape().dim(static_cast<int>(i)));
      sum_axes.push_back(2 * static_cast<int64_t>(i));
    }
    split_shape = constant(ctx.graph(), int_vector(multiples.dtype(), dims));
    axes = constant(ctx.graph(), int_vector(DType::kInt32, sum_axes));
  } else {
    Output input_shape = shape(x, multiples.dtype());
    split_shape = reshape(liu::transpose(stack({multiples, input_shape})), {-1});
    axes = range(0, size(split_shape), 2);
  }
  ctx.set_input_grad(0, reduce_sum(reshape(ctx.grad(0), split_shape), axes));
  return Status::ok();
}

// Pad, PadV2: dx is the slice of dy where x was; constant_values gets none (as in TF).
Status pad(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const Output x = ctx.input(0), paddings = ctx.input(1);
  std::vector<int64_t> p;
  if (x.shape().is_fully_defined() && constant_ints(paddings, &p)) {
    const int rank = x.shape().rank();
    std::vector<int64_t> begin(rank);
    for (int i = 0; i < rank; ++i) begin[i] = p[2 * i];
    ctx.set_input_grad(0, liu::slice(ctx.grad(0), int_vector(DType::kInt32, begin),
                                     int_vector(DType::kInt32, x.shape().dims())));
    return Status::ok();
  }
  Output before = liu::slice(paddings, {0, 0}, stack({rank(x), 1}));
  Output begin = reshape(before, {-1});
  ctx.set_input_grad(0, liu::slice(ctx.grad(0), begin, shape(x, begin.dtype())));
  return Status::ok();
}

// dy scattered into zeros of x's shape by StridedSliceGrad with the forward op's masks.
Status strided_slice(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const Output begin = ctx.input(1);
  OpBuilder b("StridedSliceGrad", "StridedSliceGrad");
  b.input(shape(ctx.input(0), begin.dtype())).input(begin).input(ctx.input(2)).input(ctx.input(3));
  b.input(ctx.grad(0));
  for (const char* mask :
       {"begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"})
    b.attr(mask, ctx.attr<int64_t>(mask));
  ctx.set_input_grad(0, b.build());
  return Status::ok();
}

// GatherNd: dy scattered (and summed) into zeros of params' shape.
Status gather_nd(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const Output indices = ctx.input(1);
  ctx.set_input_grad(0, OpBuilder("ScatterNd", "ScatterNd")
                            .input(indices)
                            .input(ctx.grad(0))
                            .input(shape(ctx.input(0), indices.dtype()))
                            .build());
  return Status::ok();
}

Status mirror_pad(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  ctx.set_input_grad(0, OpBuilder("MirrorPadGrad", "MirrorPadGrad")
                            .input(ctx.grad(0))
                            .input(ctx.input(1))
                            .attr("mode", ctx.attr<std::string>("mode"))
                            .build());
  return Status::ok();
}

Status reverse_v2(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  ctx.set_input_grad(0, reverse(ctx.grad(0), ctx.input(1)));
  return Status::ok();
}

namespace {
// Gathering along `axis`: the gradient rows are summed into params' dim `axis` by index
// (UnsortedSegmentSum), with that dim moved to the front and back when axis > 0.
Status gather_along(GradContext& ctx, int64_t axis) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const Output params = ctx.input(0), indices = ctx.input(1), dy = ctx.grad(0);
  const Shape& ps = params.shape();
  // Axis 0 needs no rank; other axes need it for the transposes.
  if (!ps.has_rank() && axis != 0)
    return unimplemented("the gradient of a gather along axis != 0 needs the params' rank");
  const int rank = ps.rank();
  if (axis < 0) axis += rank;
  if (axis < 0 || (rank >= 0 && axis >= rank)) return invalid_argument("gather axis out of range");
  const int a = static_cast<int>(axis);
  // dy reshaped to params.shape[:axis] + [num indices] + params.shape[axis+1:].
  Output values_shape, num_segments;
  if (ps.is_fully_defined()) {
    std::vector<int64_t> dims = ps.dims();
    dims[a] = -1;
    values_shape = constant(ctx.graph(), int_vector(DType::kInt32, dims));
    num_segments = constant(ctx.graph(), Tensor::scalar<int32_t>(static_cast<int32_t>(ps.dim(a))));
  } else {
    Output params_shape = shape(params);
    Output outer = liu::slice(params_shape, {0}, std::vector<int>{a});
    Output inner = liu::slice(params_shape, std::vector<int>{a + 1}, {-1});
    values_shape = concat({outer, Input(std::vector<int>{-1}), inner}, 0);
    num_segments = gather(params_shape, a);
  }
  Output values = reshape(dy, values_shape);
  Output flat_indices = reshape(indices, {-1});
  auto segment_sum = [&](const Output& data) {
    return OpBuilder("UnsortedSegmentSum", "UnsortedSegmentSum")
        .input(data)
        .input(flat_indices)
        .input(num_segments)
        .build();
  };
  if (a == 0) {
    ctx.set_input_grad(0, segment_sum(values));
    return Status::ok();
  }
  std::vector<int> to_front{a}, to_back;
  for (int i = 0; i < rank; ++i)
    if (i != a) to_front.push_back(i);
  for (int i = 1; i <= a; ++i) to_back.push_back(i);
  to_back.push_back(0);
  for (int i = a + 1; i < rank; ++i) to_back.push_back(i);
  Output summed = segment_sum(liu::transpose(values, Input(to_front)));
  ctx.set_input_grad(0, liu::transpose(summed, Input(to_back)));
  return Status::ok();
}
}  // namespace

namespace {
// The same with an axis known only at run time: the reshape target and both permutations are
// computed by ops (the rank may be unknown too).
Status gather_along_fed_axis(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  const Output params = ctx.input(0), indices = ctx.input(1);
  Output params_shape = shape(params);
  Output r = liu::rank(params);
  Output a = floormod(cast_to_int32(ctx.input(2)), r);  // non-negative axis
  Output a1 = add(a, 1);
  Output outer = liu::slice(params_shape, {0}, expand_dims(a, 0));
  Output inner = liu::slice(params_shape, expand_dims(a1, 0), {-1});
  Output values = reshape(ctx.grad(0), concat({outer, Input(std::vector<int>{-1}), inner}, 0));
  Output to_front = concat({expand_dims(a, 0), range(0, a), range(a1, r)}, 0);
  Output summed = OpBuilder("UnsortedSegmentSum", "UnsortedSegmentSum")
                      .input(liu::transpose(values, to_front))
                      .input(reshape(indices, {-1}))
                      .input(gather(params_shape, a))
                      .build();
  Output to_back = OpBuilder("InvertPermutation", "InvertPermutation").input(to_front).build();
  ctx.set_input_grad(0, liu::transpose(summed, to_back));
  return Status::ok();
}
}  // namespace

namespace {
// Gathering rows (axis 0): TF's IndexedSlices (values = dy with the indices flattened to one
// dim, indices flattened, dense_shape = params' shape), built with TF's ops and names so only
// the gathered rows of a variable are ever updated. Shapes known now become constants, as
// TF's shape()/size() fold them.
Status gather_rows(GradContext& ctx) {
  if (is_null(ctx.grad(0))) return Status::ok();
  Graph& g = ctx.graph();
  const Output params = ctx.input(0), indices = ctx.input(1), dy = ctx.grad(0);
  const Shape& ps = params.shape();
  const Shape& is = indices.shape();
  if (ps.is_fully_defined() && is.is_fully_defined()) {
    // Everything is known now: TF's Shape/Size/ExpandDims/concat fold to constants (named as
    // the ops they stand for), which keeps the slices' shapes static.
    const int64_t n = is.num_elements();
    std::vector<int64_t> values_dims = ps.dims();
    if (values_dims.empty()) return invalid_argument("gather params must be at least 1-D");
    values_dims[0] = n;
    Output params_shape = constant(g, int_vector(DType::kInt32, ps.dims()), "Shape");
    constant(g, Tensor::scalar<int32_t>(static_cast<int32_t>(n)), "Size");
    Output num_vector = constant(g, int_vector(DType::kInt32, {n}), "ExpandDims");
    Output values = reshape(dy, constant(g, int_vector(DType::kInt32, values_dims), "concat"));
    ctx.set_input_grad_slices(0, values, reshape(indices, num_vector), params_shape);
    return Status::ok();
  }
  Output params_shape = ps.is_fully_defined()
                            ? constant(g, int_vector(DType::kInt32, ps.dims()), "Shape")
                            : shape(params);
  Output num =
      is.is_fully_defined()
          ? constant(g, Tensor::scalar<int32_t>(static_cast<int32_t>(is.num_elements())), "Size")
          : size(indices);
  Output num_vector = expand_dims(num, 0);
  Output tail =
      strided_slice(params_shape, Input(std::vector<int32_t>{1}), Input(std::vector<int32_t>{0}),
                    Input(std::vector<int32_t>{1}), 0, 1, 0, 0, 0, "strided_slice");
  Output values = reshape(dy, concat({num_vector, tail}, 0));
  ctx.set_input_grad_slices(0, values, reshape(indices, num_vector), params_shape);
  return Status::ok();
}
}  // namespace

Status gather(GradContext& ctx) { return gather_rows(ctx); }

Status gather_v2(GradContext& ctx) {
  if (ctx.attr<int64_t>("batch_dims") != 0)
    return unimplemented("the gradient of GatherV2 with batch_dims != 0");
  std::vector<int64_t> axis;
  if (constant_ints(ctx.input(2), &axis) && axis.size() == 1)
    return axis[0] == 0 ? gather_rows(ctx) : gather_along(ctx, axis[0]);
  return gather_along_fed_axis(ctx);
}

}  // namespace liu::array_grad
