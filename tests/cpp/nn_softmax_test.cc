// Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits and SparseSoftmaxCrossEntropyWithLogits:
// values (including logits of +-100) and gradients against TensorFlow 2.21
// (tests/generate/nn_activation.py), finite-difference gradients and second derivatives,
// TF's error messages (construction and fed values), partial shapes, and large float32 rows
// against a double-precision reference written here.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "data/nn_activation.inc"
#include "liu/api/nn_activation.h"
#include "liu/liu.h"
#include "tests/cpp/test_util.h"

namespace liu {
namespace {

using test::expect_close;
using test::expect_construction_error;
using test::make;
using test::values_of;

const std::vector<DType> kFloatTypes = {DType::kFloat, DType::kDouble};

TEST(NnSoftmax, ValuesAndGradientsMatchTensorFlow) {
  using namespace nn_tf;
  for (DType dtype : kFloatTypes) {
    const bool f = dtype == DType::kFloat;
    Graph g;
    Output lg = constant(g, make(dtype, Shape({4, 5}), kLogits));
    Output w = constant(g, make(dtype, Shape({4, 5}), kW));
    Output lg3 = constant(g, make(dtype, Shape({2, 3, 4}), kLogits3));
    Output sm = softmax(lg);
    Output lsm = log_softmax(lg);
    Output dsm = gradients({sm}, {lg}, {w})[0];
    Output dlsm = gradients({lsm}, {lg}, {w})[0];
    Session s(g);
    std::vector<Tensor> r = s.run({sm, lsm, dsm, dlsm, softmax(lg3), log_softmax(lg3),
                                   softmax(lg3, 1), log_softmax(lg3, 0), softmax(lg, 0)});
    expect_close(r[0], f ? kSoftmaxF : kSoftmaxD, "softmax");
    expect_close(r[1], f ? kLogSoftmaxF : kLogSoftmaxD, "log_softmax");
    expect_close(r[2], f ? kSoftmaxGradF : kSoftmaxGradD, "softmax grad");
    expect_close(r[3], f ? kLogSoftmaxGradF : kLogSoftmaxGradD, "log_softmax grad");
    expect_close(r[4], f ? kSoftmax3F : kSoftmax3D, "softmax rank 3");
    expect_close(r[5], f ? kLogSoftmax3F : kLogSoftmax3D, "log_softmax rank 3");
    expect_close(r[6], f ? kSoftmax3Axis1F : kSoftmax3Axis1D, "softmax axis 1");
    expect_close(r[7], f ? kLogSoftmax3Axis0F : kLogSoftmax3Axis0D, "log_softmax axis 0");
    expect_close(r[8], f ? kSoftmaxAxis0F : kSoftmaxAxis0D, "softmax axis 0");
  }
}

TEST(NnSoftmax, CrossEntropyMatchesTensorFlow) {
  using namespace nn_tf;
  for (DType dtype : kFloatTypes) {
    const bool f = dtype == DType::kFloat;
    Graph g;
    Output lg = constant(g, make(dtype, Shape({4, 5}), kLogits));
    Output lb = constant(g, make(dtype, Shape({4, 5}), kLabels));
    Output lbr = constant(g, make(dtype, Shape({1, 5}), kLabelsRow));
    Output gl = constant(g, make(dtype, Shape({4}), kGradLoss));
    Output w = constant(g, make(dtype, Shape({4, 5}), kW));
    std::vector<Output> xent =
        OpBuilder("SoftmaxCrossEntropyWithLogits").input(lg).input(lb).build_outputs();
    std::vector<Output> xent_row =
        OpBuilder("SoftmaxCrossEntropyWithLogits").input(lg).input(lbr).build_outputs();
    std::vector<Output> d = gradients({xent[0]}, {lg, lb}, {gl});
    // Through the backprop output too: TF's second-order term.
    Output y2 = add(reduce_sum(multiply(xent[0], gl)), reduce_sum(multiply(xent[1], w)));
    Output d2 = gradients({y2}, {lg})[0];
    // Broadcast labels: the logits gradient is grad_loss times the (broadcast) backprop.
    Output d_row = gradients({xent_row[0]}, {lg}, {gl})[0];
    Output sparse_labels = constant(g, Tensor::from_vector<int64_t>({4, 1, 3, 0}, Shape({4})));
    std::vector<Output> sparse = OpBuilder("SparseSoftmaxCrossEntropyWithLogits")
                                     .input(lg)
                                     .input(sparse_labels)
                                     .build_outputs();
    Output ds = gradients({sparse[0]}, {lg}, {gl})[0];
    Output y3 = add(reduce_sum(multiply(sparse[0], gl)), reduce_sum(multiply(sparse[1], w)));
    Output ds2 = gradients({y3}, {lg})[0];
    EXPECT_EQ(gradients({sparse[0]}, {sparse_labels})[0].node, nullptr);
    Session s(g);
    std::vector<Tensor> r = s.run({xent[0], xent[1], xent_row[0], xent_row[1], d[0], d[1], d2,
                                   sparse[0], sparse[1], ds, ds2});
    expect_close(r[0], f ? kXentLossF : kXentLossD, "loss");
    expect_close(r[1], f ? kXentBackpropF : kXentBackpropD, "backprop");
    expect_close(r[2], f ? kXentLossRowF : kXentLossRowD, "loss, labels broadcast");
    expect_close(r[3], f ? kXentBackpropRowF : kXentBackpropRowD, "backprop, labels broadcast");
    expect_close(r[4], f ? kXentDLogitsF : kXentDLogitsD, "dlogits");
    expect_close(r[5], f ? kXentDLabelsF : kXentDLabelsD, "dlabels");
    expect_close(r[6], f ? kXentDLogits2F : kXentDLogits2D, "dlogits with backprop grad");
    expect_close(r[7], f ? kSparseLossF : kSparseLossD, "sparse loss");
    expect_close(r[8], f ? kSparseBackpropF : kSparseBackpropD, "sparse backprop");
    expect_close(r[9], f ? kSparseDLogitsF : kSparseDLogitsD, "sparse dlogits");
    expect_close(r[10], f ? kSparseDLogits2F : kSparseDLogits2D, "sparse dlogits 2");
    std::vector<double> want_row(20);
    for (int i = 0; i < 20; ++i) want_row[i] = kGradLoss[i / 5] * kXentBackpropRowD[i];
    const std::vector<double> got_row = values_of(s.run(d_row));
    for (int i = 0; i < 20; ++i)
      EXPECT_NEAR(got_row[i], want_row[i], f ? 1e-6 : 1e-14) << "broadcast labels dlogits " << i;
    // int32 labels give the same.
    Output labels32 = constant(g, Tensor::from_vector<int32_t>({4, 1, 3, 0}, Shape({4})));
    Session s2(g);
    expect_close(s2.run(sparse_softmax_cross_entropy_with_logits(labels32, lg)),
                 f ? kSparseLossF : kSparseLossD, "sparse loss, int32 labels");
  }
}

TEST(NnSoftmax, PythonWrappersOnOtherRanksMatchTensorFlow) {
  using namespace nn_tf;
  for (DType dtype : kFloatTypes) {
    const bool f = dtype == DType::kFloat;
    Graph g;
    Output lg3 = constant(g, make(dtype, Shape({2, 3, 4}), kLogits3));
    Output lb3 = constant(g, make(dtype, Shape({2, 3, 4}), kLabels3));
    Output sp3 = constant(g, Tensor::from_vector<int64_t>({0, 3, 1, 2, 2, 0}, Shape({2, 3})));
    Output v2 = softmax_cross_entropy_with_logits_v2(lb3, lg3);
    Output v2_axis0 = softmax_cross_entropy_with_logits_v2(lb3, lg3, 0);
    Output v1 = softmax_cross_entropy_with_logits(lb3, lg3);
    Output sparse = sparse_softmax_cross_entropy_with_logits(sp3, lg3);
    EXPECT_EQ(v2.shape(), Shape({2, 3}));
    EXPECT_EQ(v2_axis0.shape(), Shape({3, 4}));
    Session s(g);
    std::vector<Tensor> r = s.run({v2, v2_axis0, v1, sparse});
    expect_close(r[0], f ? kXent3F : kXent3D, "v2 rank 3");
    expect_close(r[1], f ? kXent3Axis0F : kXent3Axis0D, "v2 axis 0");
    expect_close(r[2], f ? kXent3F : kXent3D, "v1 rank 3");
    expect_close(r[3], f ? kSparse3F : kSparse3D, "sparse rank 3");
  }
  // TF1's wrapper stops the labels' gradient; v2 lets it through.
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({2, 3}), "x");
  Output y = placeholder(g, DType::kFloat, Shape({2, 3}), "y");
  Output v1 = softmax_cross_entropy_with_logits(y, x);
  EXPECT_EQ(v1.node->name(), "softmax_cross_entropy_with_logits_sg");
  std::vector<Output> d = gradients({v1}, {x, y});
  EXPECT_NE(d[0].node, nullptr);
  EXPECT_EQ(d[1].node, nullptr);
  EXPECT_NE(gradients({softmax_cross_entropy_with_logits_v2(y, x)}, {y})[0].node, nullptr);
}

TEST(NnSoftmax, GradientsMatchFiniteDifferences) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> dist(-2, 2);
  std::vector<double> v(12), t(12);
  for (double& x : v) x = dist(rng);
  for (double& x : t) x = std::abs(dist(rng)) + 0.1;
  // TF's logits gradient (softmax - labels) assumes each labels row sums to 1.
  for (int r = 0; r < 3; ++r) {
    const double sum = t[4 * r] + t[4 * r + 1] + t[4 * r + 2] + t[4 * r + 3];
    for (int c = 0; c < 4; ++c) t[4 * r + c] /= sum;
  }
  const Shape shape({3, 4});
  const Tensor logits = make(DType::kDouble, shape, v);
  const Tensor labels = make(DType::kDouble, shape, t);
  {
    Graph g;
    Output x = placeholder(g, DType::kDouble, shape, "x");
    EXPECT_LT(compute_gradient_error(g, {x}, {logits}, softmax(x), 1e-6), 1e-9);
    EXPECT_LT(compute_gradient_error(g, {x}, {logits}, log_softmax(x), 1e-6), 1e-9);
    EXPECT_LT(compute_gradient_error(g, {x}, {logits}, softmax(x, 0), 1e-6), 1e-9);
    // Second derivative: the gradient of softmax's gradient.
    Output w = constant(g, labels);
    Output dx = gradients({softmax(x)}, {x}, {w})[0];
    EXPECT_LT(compute_gradient_error(g, {x}, {logits}, dx, 1e-6), 1e-8);
  }
  {
    Graph g;
    Output x = placeholder(g, DType::kDouble, shape, "x");
    Output y = placeholder(g, DType::kDouble, shape, "y");
    Output loss = softmax_cross_entropy_with_logits_v2(y, x);
    EXPECT_LT(compute_gradient_error(g, {x, y}, {logits, labels}, loss, 1e-6), 1e-8);
  }
  {
    // The loss gradient w.r.t. logits is the backprop output: its gradient uses TF's
    // second-order term.
    Graph g;
    Output x = placeholder(g, DType::kDouble, shape, "x");
    Output loss = softmax_cross_entropy_with_logits_v2(constant(g, labels), x);
    Output dx = gradients({loss}, {x})[0];
    EXPECT_LT(compute_gradient_error(g, {x}, {logits}, dx, 1e-6), 1e-8);
  }
  {
    Graph g;
    Output x = placeholder(g, DType::kDouble, shape, "x");
    Output labels_sparse = constant(g, Tensor::from_vector<int32_t>({3, 0, 2}, Shape({3})));
    Output loss = sparse_softmax_cross_entropy_with_logits(labels_sparse, x);
    EXPECT_LT(compute_gradient_error(g, {x}, {logits}, loss, 1e-6), 1e-8);
    Output dx = gradients({loss}, {x})[0];
    EXPECT_LT(compute_gradient_error(g, {x}, {logits}, dx, 1e-6), 1e-8);
  }
  {  // float32, looser
    Graph g;
    Output x = placeholder(g, DType::kFloat, shape, "x");
    const Tensor lf = make(DType::kFloat, shape, v);
    EXPECT_LT(compute_gradient_error(g, {x}, {lf}, softmax(x), 1e-3), 5e-3);
    EXPECT_LT(compute_gradient_error(g, {x}, {lf}, log_softmax(x), 1e-3), 5e-3);
  }
}

TEST(NnSoftmax, GradientGraphsUseTensorFlowOps) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({2, 3}), "x");
  Output y = placeholder(g, DType::kFloat, Shape({2, 3}), "y");
  Output loss = softmax_cross_entropy_with_logits_v2(y, x);
  EXPECT_EQ(loss.node->name(), "softmax_cross_entropy_with_logits");
  std::vector<Output> d = gradients({loss}, {x, y});
  // Only the loss is used: no Softmax for the second-order term, and the labels' gradient is
  // -log_softmax(logits) scaled by the loss gradient.
  EXPECT_EQ(d[0].node->op(), "Mul");
  bool has_softmax = false, has_log_softmax = false;
  for (int i = 0; i < g.num_nodes(); ++i) {
    has_softmax |= g.node(i)->op() == "Softmax";
    has_log_softmax |= g.node(i)->op() == "LogSoftmax";
  }
  EXPECT_FALSE(has_softmax);
  EXPECT_TRUE(has_log_softmax);
}

TEST(NnSoftmax, ConstructionErrorsUseTensorFlowText) {
  Graph g;
  auto z = [&](std::vector<int64_t> dims) {
    return constant(g, Tensor::zeros(DType::kFloat, Shape(dims)));
  };
  auto zi = [&](std::vector<int64_t> dims) {
    return constant(g, Tensor::zeros(DType::kInt32, Shape(dims)));
  };
  auto xent = [&](const Output& f, const Output& l) {
    OpBuilder("SoftmaxCrossEntropyWithLogits").input(f).input(l).build();
  };
  auto sparse = [&](const Output& f, const Output& l) {
    OpBuilder("SparseSoftmaxCrossEntropyWithLogits").input(f).input(l).build();
  };
  expect_construction_error([&] { softmax(z({})); }, "Shape must be at least rank 1 but is rank 0");
  expect_construction_error([&] { log_softmax(z({})); },
                            "Shape must be at least rank 1 but is rank 0");
  expect_construction_error(
      [&] {
        softmax(z({2, 3}), 5);
      },
      "`dim` must be in the range [-2, 2) where 2 is the number of "
      "dimensions in the input. Received: dim=5");
  expect_construction_error([&] { xent(z({3}), z({3})); },
                            "Shape must be broadcasted with rank 2, but is rank 1");
  expect_construction_error(
      [&] {
        xent(z({2, 3, 4}), z({2, 3, 4}));
      },
      "Shape must be broadcasted with rank 2, but is rank 3");
  expect_construction_error(
      [&] {
        xent(z({2, 3}), z({2, 4}));
      },
      "Dimensions must be equal, but are 3 and 4");
  expect_construction_error(
      [&] {
        xent(z({2, 3}), z({3, 3}));
      },
      "Dimensions must be equal, but are 2 and 3");
  expect_construction_error(
      [&] {
        sparse(z({2, 3}), zi({2, 1}));
      },
      "Shape must be rank 1 but is rank 2");
  expect_construction_error([&] { sparse(z({3}), zi({})); }, "Shape must be rank 2 but is rank 1");
  expect_construction_error(
      [&] {
        sparse(z({2, 3}), zi({3}));
      },
      "Dimensions must be equal, but are 2 and 3");
  // tf.nn.sparse_softmax_cross_entropy_with_logits' own static checks.
  expect_construction_error(
      [&] {
        sparse_softmax_cross_entropy_with_logits(zi({2, 3}), z({2, 3}));
      },
      "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: labels.shape=(2, 3) "
      "of rank 2 and logits.shape=(2, 3) of rank 2");
  expect_construction_error([&] { sparse_softmax_cross_entropy_with_logits(zi({}), z({})); },
                            "`logits` cannot be a scalar.");
  expect_construction_error(
      [&] {
        sparse_softmax_cross_entropy_with_logits(zi({3}), z({2, 3}));
      },
      "`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
      "labels.shape=(3,) and logits.shape=(2, 3)");
  EXPECT_THROW(softmax(zi({2})), Error);
}

TEST(NnSoftmax, PartialShapes) {
  Graph g;
  auto p = [&](const Shape& s, DType dtype = DType::kFloat) { return placeholder(g, dtype, s); };
  auto xent = [&](const Output& f, const Output& l) {
    return OpBuilder("SoftmaxCrossEntropyWithLogits").input(f).input(l).build_outputs();
  };
  std::vector<Output> r = xent(p(Shape({-1, 3})), p(Shape({5, -1})));
  EXPECT_EQ(r[0].shape(), Shape({5}));
  EXPECT_EQ(r[1].shape(), Shape({5, 3}));
  r = xent(p(Shape::unknown()), p(Shape({5, -1})));
  EXPECT_EQ(r[1].shape(), Shape({5, -1}));
  r = xent(p(Shape::unknown()), p(Shape::unknown()));
  EXPECT_EQ(r[0].shape(), Shape({-1}));
  EXPECT_EQ(r[1].shape(), Shape({-1, -1}));
  r = xent(p(Shape({2, 3})), p(Shape({1, 3})));
  EXPECT_EQ(r[0].shape(), Shape({2}));
  r = xent(p(Shape({1, 3})), p(Shape({4, 3})));
  EXPECT_EQ(r[1].shape(), Shape({4, 3}));
  std::vector<Output> s = OpBuilder("SparseSoftmaxCrossEntropyWithLogits")
                              .input(p(Shape({-1, 3})))
                              .input(p(Shape({4}), DType::kInt32))
                              .build_outputs();
  EXPECT_EQ(s[0].shape(), Shape({4}));
  EXPECT_EQ(s[1].shape(), Shape({4, 3}));
  EXPECT_EQ(softmax(p(Shape({-1, 7}))).shape(), Shape({-1, 7}));
  EXPECT_EQ(softmax(p(Shape::unknown())).shape(), Shape::unknown());
  // Rank-3 sparse: flattened and reshaped back to labels' shape.
  Output loss = sparse_softmax_cross_entropy_with_logits(p(Shape({2, 4}), DType::kInt64),
                                                         p(Shape({2, 4, 3})));
  EXPECT_EQ(loss.shape(), Shape({2, 4}));
}

TEST(NnSoftmax, FedValuesAreCheckedAtRunTime) {
  Graph g;
  Output logits = placeholder(g, DType::kFloat, Shape::unknown(), "logits");
  Output labels32 = placeholder(g, DType::kInt32, Shape::unknown(), "labels32");
  Output labels64 = placeholder(g, DType::kInt64, Shape::unknown(), "labels64");
  Output dense = placeholder(g, DType::kFloat, Shape::unknown(), "dense");
  auto sparse = [&](const Output& l) {
    return OpBuilder("SparseSoftmaxCrossEntropyWithLogits").input(logits).input(l).build();
  };
  Output s32 = sparse(labels32), s64 = sparse(labels64);
  Output xent = OpBuilder("SoftmaxCrossEntropyWithLogits").input(logits).input(dense).build();
  Output sm = softmax(logits);
  Session s(g);
  auto run = [&](const Output& out, FeedList feeds) {
    std::vector<Tensor> r;
    return s.run(feeds, {out}, {}, &r);
  };
  auto zeros = [](const Shape& shape) { return Tensor::zeros(DType::kFloat, shape); };
  auto expect_message = [](const Status& st, const std::string& text) {
    EXPECT_EQ(st.code(), Code::kInvalidArgument) << st.message();
    EXPECT_NE(st.message().find(text), std::string::npos) << st.message();
  };
  expect_message(run(s32, {{logits, zeros(Shape({2, 3}))},
                           {labels32, Tensor::from_vector<int32_t>({0, 5}, Shape({2}))}}),
                 "Received a label value of 5 which is outside the valid range of [0, 3).  Label "
                 "values: 0 5");
  expect_message(run(s64, {{logits, zeros(Shape({2, 3}))},
                           {labels64, Tensor::from_vector<int64_t>({-1, 5}, Shape({2}))}}),
                 "Received a label value of -1 which is outside the valid range of [0, 3).  "
                 "Label values: -1 5");
  expect_message(run(s32, {{logits, zeros(Shape({4, 3}))},
                           {labels32, Tensor::from_vector<int32_t>({0, 5, 1, 7}, Shape({4}))}}),
                 "Received a label value of 7 which is outside the valid range of [0, 3).  Label "
                 "values: 0 5 1 7");
  expect_message(run(s32, {{logits, zeros(Shape({3}))},
                           {labels32, Tensor::from_vector<int32_t>({0}, Shape())}}),
                 "logits must be 2-D, but got shape [3]");
  expect_message(run(s32, {{logits, zeros(Shape({2, 3}))},
                           {labels32, Tensor::zeros(DType::kInt32, Shape({2, 1}))}}),
                 "labels must be 1-D, but got shape [2,1]");
  expect_message(run(s32, {{logits, zeros(Shape({2, 3}))},
                           {labels32, Tensor::zeros(DType::kInt32, Shape({3}))}}),
                 "logits and labels must have the same first dimension, got logits shape [2,3] "
                 "and labels shape [3]");
  expect_message(run(s32, {{logits, zeros(Shape({2, 0}))},
                           {labels32, Tensor::zeros(DType::kInt32, Shape({2}))}}),
                 "Must have at least one class, but got logits shape [2,0]");
  expect_message(run(xent, {{logits, zeros(Shape({3}))}, {dense, zeros(Shape({3}))}}),
                 "logits and labels must be either 2-dimensional, or broadcasted to be "
                 "2-dimensional");
  expect_message(run(xent, {{logits, zeros(Shape({2, 3}))}, {dense, zeros(Shape({2, 4}))}}),
                 "logits and labels must be broadcastable: logits_size=[2,3] labels_size=[2,4]");
  expect_message(run(sm, {{logits, Tensor::scalar<float>(1)}}),
                 "logits must have >= 1 dimension, got []");
  // Empty shapes, as TF: zero classes give a zero loss; an empty batch gives empty outputs.
  std::vector<Tensor> r;
  ASSERT_TRUE(s.run({{logits, zeros(Shape({2, 0}))}, {dense, zeros(Shape({2, 0}))}}, {xent}, {}, &r)
                  .is_ok());
  EXPECT_EQ(r[0].to_vector<float>(), (std::vector<float>{0, 0}));
  ASSERT_TRUE(
      s.run({{logits, zeros(Shape({0, 3}))}, {labels32, Tensor::zeros(DType::kInt32, Shape({0}))}},
            {s32}, {}, &r)
          .is_ok());
  EXPECT_EQ(r[0].num_elements(), 0);
}

// Large float32 rows (SIMD, tails, threads) against double-precision references.
TEST(NnSoftmax, LargeFloatRowsMatchDoubleReference) {
  for (auto [rows, cols] :
       std::vector<std::pair<int64_t, int64_t>>{{512, 256}, {300, 13}, {7, 1}}) {
    std::vector<float> v(rows * cols), t(rows * cols);
    std::vector<int32_t> idx(rows);
    std::mt19937 rng(9);
    std::uniform_real_distribution<float> dist(-30, 30);
    for (float& x : v) x = dist(rng);
    for (int64_t r = 0; r < rows; ++r) {
      idx[r] = static_cast<int32_t>(rng() % cols);
      t[r * cols + idx[r]] = 1;
    }
    Graph g;
    Output x = constant(g, Tensor::from_vector<float>(v, Shape({rows, cols})));
    Output y = constant(g, Tensor::from_vector<float>(t, Shape({rows, cols})));
    Output li = constant(g, Tensor::from_vector<int32_t>(idx, Shape({rows})));
    std::vector<Output> xent =
        OpBuilder("SoftmaxCrossEntropyWithLogits").input(x).input(y).build_outputs();
    std::vector<Output> sparse =
        OpBuilder("SparseSoftmaxCrossEntropyWithLogits").input(x).input(li).build_outputs();
    Session s(g);
    std::vector<Tensor> out =
        s.run({softmax(x), log_softmax(x), xent[0], xent[1], sparse[0], sparse[1]});
    for (int64_t r = 0; r < rows; ++r) {
      double max = -INFINITY, sum = 0;
      for (int64_t c = 0; c < cols; ++c) max = std::max<double>(max, v[r * cols + c]);
      for (int64_t c = 0; c < cols; ++c) sum += std::exp(v[r * cols + c] - max);
      const double log_sum = std::log(sum);
      const double loss = log_sum - (v[r * cols + idx[r]] - max);
      ASSERT_NEAR(out[2].data<float>()[r], loss, 1e-5 * std::max(1.0, loss)) << r;
      ASSERT_NEAR(out[4].data<float>()[r], loss, 1e-5 * std::max(1.0, loss)) << r;
      for (int64_t c = 0; c < cols; ++c) {
        const int64_t i = r * cols + c;
        const double p = std::exp(v[i] - max) / sum;
        const double lp = (v[i] - max) - log_sum;
        ASSERT_NEAR(out[0].data<float>()[i], p, 1e-6 + 1e-5 * p) << r << "," << c;
        ASSERT_NEAR(out[1].data<float>()[i], lp, 1e-5 * std::max(1.0, std::abs(lp)));
        ASSERT_NEAR(out[3].data<float>()[i], p - t[i], 1e-6 + 1e-5 * p);
        ASSERT_NEAR(out[5].data<float>()[i], p - t[i], 1e-6 + 1e-5 * p);
      }
    }
  }
}

TEST(NnSoftmax, InfinitiesAndNans) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Graph g;
  Output x = constant(g, Tensor::from_vector<float>({-inf, 0, 0, 1, nan, 2}, Shape({2, 3})));
  Session s(g);
  std::vector<float> r = s.run(softmax(x)).to_vector<float>();
  EXPECT_EQ(r[0], 0.0f);
  EXPECT_FLOAT_EQ(r[1], 0.5f);
  EXPECT_FLOAT_EQ(r[2], 0.5f);
  for (int i = 3; i < 6; ++i) EXPECT_TRUE(std::isnan(r[i])) << i;
}

}  // namespace
}  // namespace liu
