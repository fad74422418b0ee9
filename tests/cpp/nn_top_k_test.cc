// TopK / TopKV2 / InTopK / InTopKV2: values against TensorFlow 2.21 (ties by lower index,
// non-finite predictions, out-of-range targets), TopK's gradient, shapes and error texts.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "liu/api/nn_batch_norm.h"
#include "liu/liu.h"
#include "tests/cpp/nn_batch_norm_cases.h"
#include "tests/cpp/test_util.h"

namespace liu {
namespace {

using namespace test;  // the TF cases of nn_batch_norm_cases.h and test_util.h

TEST(NnTopK, MatchesTensorFlowIncludingTies) {
  for (const TopKCase& c : kTopKCases) {
    for (DType dtype : {DType::kFloat, DType::kDouble, DType::kInt64}) {
      SCOPED_TRACE(Shape(c.shape).to_string() + " k=" + std::to_string(c.k) + " " +
                   dtype_name(dtype));
      Graph g;
      // Integer inputs only for the cases whose values are integral.
      bool integral = true;
      for (float v : c.input) integral = integral && v == std::floor(v);
      if (dtype == DType::kInt64 && !integral) continue;
      Tensor in;
      throw_if_error(convert_literal(Tensor::from_vector(c.input, Shape(c.shape)), dtype, &in));
      TopKOutputs t = top_k(constant(g, in), c.k);
      Shape expected_shape(c.shape);
      expected_shape.set_dim(expected_shape.rank() - 1, c.k);
      EXPECT_EQ(t.values.shape(), expected_shape);
      Session s(g);
      std::vector<Tensor> r = s.run({t.values, t.indices});
      Tensor values;
      throw_if_error(convert_literal(r[0], DType::kDouble, &values));
      ASSERT_EQ(r[1].to_vector<int32_t>(),
                std::vector<int32_t>(c.indices.begin(), c.indices.end()));
      for (size_t i = 0; i < c.values.size(); ++i)
        EXPECT_NEAR(values.data<double>()[i], c.values[i], 1e-6);
    }
  }
}

TEST(NnTopK, V1AndInt64Indices) {
  Graph g;
  Output x = constant(g, Input({{3.0f, 1.0f, 3.0f, 2.0f}, {0.0f, 5.0f, 5.0f, 1.0f}}));
  Output v1 = OpBuilder("TopK").input(x).attr("k", 2).build();
  Node* n = v1.node;
  TopKOutputs v2 = top_k(x, 3, true, DType::kInt64);
  EXPECT_EQ(v2.indices.dtype(), DType::kInt64);
  Session s(g);
  std::vector<Tensor> r = s.run({Output(n, 0), Output(n, 1), v2.indices});
  EXPECT_EQ(r[0].to_vector<float>(), std::vector<float>({3, 3, 5, 5}));
  EXPECT_EQ(r[1].to_vector<int32_t>(), std::vector<int32_t>({0, 2, 1, 2}));
  EXPECT_EQ(r[2].to_vector<int64_t>(), std::vector<int64_t>({0, 2, 3, 1, 2, 3}));
}

TEST(NnTopK, GradientScattersIntoInputPositions) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({2, 5}), "x");
  TopKOutputs t = top_k(x, 3);
  Output up = constant(g, Tensor::from_vector(std::vector<float>(std::begin(kTopKGradUpstream),
                                                                 std::end(kTopKGradUpstream)),
                                              Shape({2, 3})));
  std::vector<Output> dx = gradients({t.values}, {x}, {up});
  Session s(g);
  Tensor r = s.run(dx[0], {{x, Tensor::from_vector(std::vector<float>(std::begin(kTopKGradInput),
                                                                      std::end(kTopKGradInput)),
                                                   Shape({2, 5}))}});
  EXPECT_EQ(r.shape(), Shape({2, 5}));
  EXPECT_EQ(r.to_vector<float>(),
            std::vector<float>(std::begin(kTopKGradExpected), std::end(kTopKGradExpected)));
}

TEST(NnTopK, GradientMatchesFiniteDifferences) {
  Graph g;
  Output x = placeholder(g, DType::kDouble, Shape({3, 4}), "x");
  TopKOutputs t = top_k(x, 2);
  Tensor v = Tensor::from_vector<double>(
      {0.1, 0.9, -0.3, 0.5, 2.0, 1.0, 3.0, -1.0, 0.0, 0.2, 0.4, 0.3}, Shape({3, 4}));
  EXPECT_LT(compute_gradient_error(g, {x}, {v}, t.values, 1e-6), 1e-6);
}

TEST(NnTopK, PartialShapesAndErrors) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({kUnknownDim, 7}));
  Output k = placeholder(g, DType::kInt32, Shape());
  EXPECT_EQ(top_k(x, k).values.shape(), Shape({kUnknownDim, kUnknownDim}));
  EXPECT_EQ(top_k(x, 3).indices.shape(), Shape({kUnknownDim, 3}));
  EXPECT_EQ(top_k(placeholder(g, DType::kFloat, Shape::unknown()), k).values.shape(),
            Shape::unknown());
  auto expect_error = [](const std::function<void()>& fn, const std::string& text) {
    try {
      fn();
      ADD_FAILURE() << "no error: " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Code::kInvalidArgument);
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  expect_error([&] { top_k(x, 8); }, "input must have last dimension >= k = 8 but is 7");
  expect_error([&] { top_k(placeholder(g, DType::kFloat, Shape()), 1); },
               "Shape must be at least rank 1 but is rank 0");
  expect_error([&] { top_k(x, -1); },
               "Dimension size, given by scalar input 1, must be non-negative but is -1");
  expect_error([&] { OpBuilder("TopK").input(x).attr("k", -1).build(); }, "");
  expect_error([&] { top_k(placeholder(g, DType::kBool, Shape({3})), 1); }, "");

  Output fed = placeholder(g, DType::kFloat, Shape::unknown(), "fed");
  TopKOutputs t = top_k(fed, k);
  Session s(g);
  std::vector<Tensor> out;
  Status st =
      s.run({{fed, Tensor::zeros(DType::kFloat, Shape({2, 3}))}, {k, Tensor::scalar<int32_t>(4)}},
            {t.values}, {}, &out);
  EXPECT_NE(st.message().find("input must have at least k columns. Had 3, needed 4"),
            std::string::npos)
      << st.message();
  st = s.run({{fed, Tensor::zeros(DType::kFloat, Shape({2, 3}))}, {k, Tensor::scalar<int32_t>(-1)}},
             {t.values}, {}, &out);
  EXPECT_NE(st.message().find("Need k >= 0, got -1"), std::string::npos) << st.message();
  st = s.run({{fed, Tensor::scalar<float>(1)}, {k, Tensor::scalar<int32_t>(1)}}, {t.values}, {},
             &out);
  EXPECT_NE(st.message().find("input must be >= 1-D, got shape []"), std::string::npos)
      << st.message();
}

TEST(NnInTopK, MatchesTensorFlow) {
  for (int k = 0; k <= 4; ++k) {
    for (DType target_type : {DType::kInt32, DType::kInt64}) {
      Graph g;
      Output pred = constant(
          g, Tensor::from_vector(
                 std::vector<float>(std::begin(kInTopKPredictions), std::end(kInTopKPredictions)),
                 Shape({6, 4})));
      Tensor targets;
      throw_if_error(convert_literal(Tensor::from_vector(std::vector<int32_t>(
                                         std::begin(kInTopKTargets), std::end(kInTopKTargets))),
                                     target_type, &targets));
      Output v2 = in_top_k(pred, constant(g, targets), k);
      Output v1 = OpBuilder("InTopK").input(pred).input(constant(g, targets)).attr("k", k).build();
      EXPECT_EQ(v2.node->name(), "in_top_k/InTopKV2");
      EXPECT_EQ(v2.shape(), Shape({6}));
      Session s(g);
      std::vector<Tensor> r = s.run({v2, v1});
      for (int b = 0; b < 6; ++b) {
        EXPECT_EQ(r[0].data<bool>()[b], kInTopKExpected[k][b]) << "k=" << k << " row " << b;
        EXPECT_EQ(r[1].data<bool>()[b], kInTopKExpected[k][b]) << "k=" << k << " row " << b;
      }
    }
  }
}

TEST(NnInTopK, NamesShapesAndErrors) {
  Graph g;
  Output pred = placeholder(g, DType::kFloat, Shape({kUnknownDim, 5}), "pred");
  Output targets = placeholder(g, DType::kInt32, Shape({4}), "targets");
  Output named = in_top_k(pred, targets, 1, "foo");
  EXPECT_EQ(named.node->name(), "foo/foo");
  EXPECT_EQ(named.shape(), Shape({4}));
  EXPECT_THROW(in_top_k(placeholder(g, DType::kFloat, Shape({3})), targets, 1), Error);
  EXPECT_THROW(in_top_k(placeholder(g, DType::kFloat, Shape({3, 5})), targets, 1), Error);
  Output fed = placeholder(g, DType::kFloat, Shape::unknown(), "fed");
  Output r = in_top_k(fed, targets, 1);
  Session s(g);
  std::vector<Tensor> out;
  Status st = s.run({{fed, Tensor::zeros(DType::kFloat, Shape({3, 5}))},
                     {targets, Tensor::zeros(DType::kInt32, Shape({4}))}},
                    {r}, {}, &out);
  EXPECT_NE(st.message().find("First dimension of predictions 3 must match length of targets 4"),
            std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace liu
