// FusedBatchNorm{,V2,V3} and their gradients: values and gradients against TensorFlow 2.21
// (tests/generate/nn_batch_norm.py), finite differences, shape inference with partial
// shapes, TF's error texts, and the C++ API.
#include "liu/api/nn_batch_norm.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>

#include "liu/liu.h"
#include "tests/cpp/nn_batch_norm_cases.h"
#include "tests/cpp/test_util.h"

namespace liu {
namespace {

using namespace test;  // the TF cases of nn_batch_norm_cases.h and test_util.h

Tensor floats(const std::vector<float>& v, const Shape& shape) {
  return Tensor::from_vector(v, shape);
}

Output bn_node(const BatchNormCase& c, const Output& x, const Output& scale, const Output& offset,
               const Input& mean, const Input& variance) {
  return Output(OpBuilder(c.op)
                    .input(x)
                    .input(scale)
                    .input(offset)
                    .input(mean)
                    .input(variance)
                    .attr("epsilon", c.epsilon)
                    .attr("exponential_avg_factor", c.factor)
                    .attr("data_format", std::string(c.format))
                    .attr("is_training", c.training)
                    .build_node(),
                0);
}

TEST(NnBatchNorm, ValuesAndGradientsMatchTensorFlow) {
  for (const BatchNormCase& c : kBatchNormCases) {
    SCOPED_TRACE(std::string(c.op) + " " + c.format + (c.training ? " training" : " inference") +
                 " factor " + std::to_string(c.factor));
    Graph g;
    const Shape shape(c.shape);
    const int64_t channels = static_cast<int64_t>(c.scale.size());
    Output x = placeholder(g, DType::kFloat, shape, "x");
    Output scale = placeholder(g, DType::kFloat, Shape({channels}), "scale");
    Output offset = placeholder(g, DType::kFloat, Shape({channels}), "offset");
    Output y = bn_node(c, x, scale, offset, constant(g, floats(c.mean, Shape({channels}))),
                       constant(g, floats(c.variance, Shape({channels}))));
    Node* bn = y.node;
    Output loss = reduce_sum(y * constant(g, floats(c.dy, shape)));
    std::vector<Output> grads = gradients({loss}, {x, scale, offset});
    Session s(g);
    std::vector<Tensor> r = s.run({y, Output(bn, 1), Output(bn, 2), Output(bn, 3), Output(bn, 4),
                                   grads[0], grads[1], grads[2]},
                                  {{x, floats(c.x, shape)},
                                   {scale, floats(c.scale, Shape({channels}))},
                                   {offset, floats(c.offset, Shape({channels}))}});
    EXPECT_EQ(r[0].shape(), shape);
    expect_near_all(r[0], c.y, 2e-5, "y");
    expect_near_all(r[1], c.batch_mean, 2e-5, "batch_mean");
    expect_near_all(r[2], c.batch_variance, 2e-5, "batch_variance");
    // TF leaves the reserve spaces uninitialised in inference mode (Liu zeroes them).
    if (c.training) {
      expect_near_all(r[3], c.rs1, 2e-5, "reserve_space_1");
      expect_near_all(r[4], c.rs2, 2e-5, "reserve_space_2");
    }
    expect_near_all(r[5], c.dx, 1e-4, "dx");
    expect_near_all(r[6], c.dscale, 1e-4, "dscale");
    expect_near_all(r[7], c.doffset, 1e-4, "doffset");
  }
}

TEST(NnBatchNorm, GradientGraphUsesTensorFlowOps) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({2, 3, 2, 2}), "x");
  FusedBatchNormOutputs bn =
      fused_batch_norm(x, {1.0f, 2.0f, 3.0f}, {0.0f, 0.0f, 0.0f}, Input({0.0f, 0.0f, 0.0f}),
                       Input({1.0f, 1.0f, 1.0f}), 0.001f, "NCHW", false);
  EXPECT_EQ(bn.y.node->name(), "FusedBatchNormV3");
  std::vector<Output> dx = gradients({bn.y}, {x});
  EXPECT_EQ(dx[0].node->op(), "Transpose");
  EXPECT_EQ(dx[0].node->input(0).node->op(), "FusedBatchNormGradV3");
  EXPECT_EQ(dx[0].node->input(0).node->name(),
            "gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3");
  EXPECT_EQ(dx[0].node->input(0).node->attr<std::string>("data_format"), "NHWC");
  EXPECT_EQ(dx[0].shape(), Shape({2, 3, 2, 2}));
}

// Finite differences of y (a full Jacobian) against the symbolic gradient; float32 only, as
// TF's ops allow, so the tolerance is loose.
TEST(NnBatchNorm, GradientMatchesFiniteDifferences) {
  for (const char* format : {"NHWC", "NCHW"}) {
    for (bool training : {true, false}) {
      SCOPED_TRACE(std::string(format) + (training ? " training" : " inference"));
      Graph g;
      const Shape shape = std::string(format) == "NHWC" ? Shape({2, 2, 2, 3}) : Shape({2, 3, 2, 2});
      Output x = placeholder(g, DType::kFloat, shape, "x");
      Output scale = placeholder(g, DType::kFloat, Shape({3}), "scale");
      Output offset = placeholder(g, DType::kFloat, Shape({3}), "offset");
      FusedBatchNormOutputs bn =
          fused_batch_norm(x, scale, offset, Input({0.1f, -0.2f, 0.3f}), Input({1.5f, 0.7f, 1.1f}),
                           0.001f, format, training);
      // A weighted sum, so the training-mode gradient of x is not identically zero.
      std::mt19937 rng(5);
      std::uniform_real_distribution<float> dist(-1, 1);
      std::vector<float> w(24), xv(24);
      for (auto& v : w) v = dist(rng);
      for (auto& v : xv) v = 2 * dist(rng);
      Output loss = reduce_sum(bn.y * constant(g, floats(w, shape)));
      double err =
          compute_gradient_error(g, {x, scale, offset},
                                 {floats(xv, shape), floats({1.0f, 0.5f, 2.0f}, Shape({3})),
                                  floats({0.1f, 0.2f, -0.3f}, Shape({3}))},
                                 loss, 1e-2);
      EXPECT_LT(err, 2e-2);
    }
  }
}

TEST(NnBatchNorm, PartialShapes) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({kUnknownDim, 4, 4, kUnknownDim}));
  Output v = placeholder(g, DType::kFloat, Shape({kUnknownDim}));
  Output c5 = placeholder(g, DType::kFloat, Shape({5}));
  FusedBatchNormOutputs bn = fused_batch_norm(x, v, c5, v, v, 0.001f, "NHWC", false);
  EXPECT_EQ(bn.y.shape(), Shape({kUnknownDim, 4, 4, 5}));
  EXPECT_EQ(bn.mean.shape(), Shape({5}));
  EXPECT_EQ(Output(bn.y.node, 5).shape(), Shape::unknown());

  Output unknown = placeholder(g, DType::kFloat, Shape::unknown());
  FusedBatchNormOutputs bn2 =
      fused_batch_norm(unknown, v, v, std::nullopt, std::nullopt, 0.001f, "NCHW");
  EXPECT_EQ(bn2.y.shape(), Shape::unknown_of_rank(4));
  EXPECT_EQ(bn2.variance.shape(), Shape({kUnknownDim}));

  // In training mode with factor 1 the given mean/variance are not checked (TF passes []).
  FusedBatchNormOutputs bn3 = fused_batch_norm(x, c5, c5);
  EXPECT_EQ(bn3.y.shape(), Shape({kUnknownDim, 4, 4, 5}));

  Output grad = OpBuilder("FusedBatchNormGradV3")
                    .input(x)
                    .input(placeholder(g, DType::kFloat, Shape({2, kUnknownDim, 4, 5})))
                    .input(v)
                    .input(v)
                    .input(v)
                    .input(v)
                    .build();
  EXPECT_EQ(grad.shape(), Shape({2, 4, 4, 5}));
  EXPECT_EQ(Output(grad.node, 1).shape(), Shape({5}));
  EXPECT_EQ(Output(grad.node, 3).shape(), Shape({0}));

  Output x5 = placeholder(g, DType::kFloat, Shape({2, 3, 4, 4, 4}));
  FusedBatchNormOutputs bn5 =
      fused_batch_norm(x5, v, v, std::nullopt, std::nullopt, 0.001f, "NCDHW");
  EXPECT_EQ(bn5.y.shape(), Shape({2, 3, 4, 4, 4}));
  EXPECT_EQ(bn5.mean.shape(), Shape({3}));
}

void expect_error(const std::function<void()>& fn, const std::string& text) {
  try {
    fn();
    ADD_FAILURE() << "no error, expected: " << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

TEST(NnBatchNorm, ConstructionErrorsUseTensorFlowTexts) {
  Graph g;
  Output c3 = placeholder(g, DType::kFloat, Shape({3}));
  expect_error(
      [&] {
        fused_batch_norm(placeholder(g, DType::kFloat, Shape({2, 3, 3})), c3, c3);
      },
      "Shape must be rank 4 but is rank 3");
  expect_error(
      [&] {
        fused_batch_norm(placeholder(g, DType::kFloat, Shape({1, 2, 2, 4})), c3, c3);
      },
      "Dimensions must be equal, but are 4 and 3");
  Output x = placeholder(g, DType::kFloat, Shape({1, 2, 2, 3}));
  expect_error(
      [&] {
        fused_batch_norm(x, c3, c3, Input({1.0f, 2.0f}), c3, 0.001f, "NHWC", false);
      },
      "Dimensions must be equal, but are 3 and 2");
  expect_error(
      [&] { fused_batch_norm(x, c3, c3, std::nullopt, std::nullopt, 0.001f, "NHWC", false); },
      "Both `mean` and `variance` must be a 1D tensor");
  expect_error([&] { fused_batch_norm(x, c3, c3, c3, c3, 0.001f, "NCWH"); }, "data_format");
  expect_error(
      [&] {
        fused_batch_norm(placeholder(g, DType::kDouble, Shape({1, 2, 2, 3})), c3, c3);
      },
      "");
}

TEST(NnBatchNorm, RunTimeErrorsUseTensorFlowTexts) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape::unknown(), "x");
  Output m = placeholder(g, DType::kFloat, Shape::unknown(), "m");
  Tensor c3 = floats({1, 1, 1}, Shape({3}));
  FusedBatchNormOutputs train = fused_batch_norm(x, c3, c3);
  FusedBatchNormOutputs infer = fused_batch_norm(x, c3, c3, m, c3, 0.001f, "NHWC", false);
  Session s(g);
  std::vector<Tensor> out;
  Status st = s.run({{x, Tensor::zeros(DType::kFloat, Shape({2, 3, 3}))}}, {train.y}, {}, &out);
  EXPECT_NE(st.message().find("input must be 4 or 5-dimensional[2,3,3]"), std::string::npos)
      << st.message();
  st = s.run({{x, Tensor::zeros(DType::kFloat, Shape({2, 2, 2, 4}))}}, {train.y}, {}, &out);
  EXPECT_NE(st.message().find("scale must have the same number of elements as the channels of "
                              "x, got 3 and 4"),
            std::string::npos)
      << st.message();
  st = s.run({{x, Tensor::zeros(DType::kFloat, Shape({2, 2, 2, 3}))},
              {m, Tensor::zeros(DType::kFloat, Shape({4}))}},
             {infer.y}, {}, &out);
  EXPECT_NE(st.message().find("When is_training=false, mean must have the same number of "
                              "elements as the channels of x, got 4 and 3"),
            std::string::npos)
      << st.message();
}

TEST(NnBatchNorm, EmptyBatchGivesNanStatistics) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({0, 2, 2, 3}));
  Tensor c3 = floats({1, 1, 1}, Shape({3}));
  FusedBatchNormOutputs bn = fused_batch_norm(x, c3, c3);
  Session s(g);
  std::vector<Tensor> r =
      s.run({bn.y, bn.mean, bn.variance}, {{x, Tensor::zeros(DType::kFloat, Shape({0, 2, 2, 3}))}});
  EXPECT_EQ(r[0].shape(), Shape({0, 2, 2, 3}));
  for (int c = 0; c < 3; ++c) {
    EXPECT_TRUE(std::isnan(r[1].data<float>()[c]));
    EXPECT_TRUE(std::isnan(r[2].data<float>()[c]));
  }
}

// Not a correctness check: prints the forward + backward time on the shape.
TEST(NnBatchNorm, SpeedOfTrainingStep) {
  Graph g;
  const Shape shape({128, 28, 28, 32});
  Output x = placeholder(g, DType::kFloat, shape, "x");
  Output scale = placeholder(g, DType::kFloat, Shape({32}), "scale");
  Output offset = placeholder(g, DType::kFloat, Shape({32}), "offset");
  FusedBatchNormOutputs bn = fused_batch_norm(x, scale, offset);
  Output dy = placeholder(g, DType::kFloat, shape, "dy");
  std::vector<Output> grads = gradients({bn.y}, {x, scale, offset}, {dy});
  Tensor xv(DType::kFloat, shape), dyv(DType::kFloat, shape);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (int64_t i = 0; i < xv.num_elements(); ++i) {
    xv.data<float>()[i] = dist(rng);
    dyv.data<float>()[i] = dist(rng);
  }
  Tensor ones = floats(std::vector<float>(32, 1.0f), Shape({32}));
  Session s(g);
  FeedList feeds = {{x, xv}, {scale, ones}, {offset, ones}, {dy, dyv}};
  s.run(grads, feeds);
  const int reps = 10;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) s.run(grads, feeds);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("FusedBatchNormV3 fwd+grad [128,28,28,32]: %.2f ms/step\n", ms / reps);
}

}  // namespace
}  // namespace liu
