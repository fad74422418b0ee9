// tf.nn composites written over other ops (liu/api/nn.h): values and gradients against
// TensorFlow 2.21 (tests/generate/nn_batch_norm.py), TF's node names, and dropout drawing
// bit-identical masks for the same graph and op seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "liu/api/nn.h"
#include "liu/liu.h"
#include "tests/cpp/nn_batch_norm_cases.h"
#include "tests/cpp/test_util.h"

namespace liu {
namespace {

using namespace test;  // the TF cases of nn_batch_norm_cases.h and test_util.h

Tensor vec(const std::vector<float>& v, const Shape& s) { return Tensor::from_vector(v, s); }

TEST(NnComposite, ValuesAndGradientsMatchTensorFlow) {
  Graph g;
  const Shape shape({2, 3, 4});
  Output x = placeholder(g, DType::kFloat, shape, "x");
  MomentsOutputs m = moments(x, {0, 2});
  MomentsOutputs mk = moments(x, {1}, true);
  Output l2 = l2_normalize(x, 2);
  Output bn = batch_normalization(x, constant(g, vec(kBnMean, Shape({4}))),
                                  constant(g, vec(kBnVariance, Shape({4}))),
                                  Input(constant(g, vec(kBnOffset, Shape({4})))),
                                  Input(constant(g, vec(kBnScale, Shape({4})))), 0.001);
  Output labels = constant(g, vec(kXentLabels, shape));
  Output logits = x * 5;
  Output sig = sigmoid_cross_entropy_with_logits(labels, logits);
  Output wce = weighted_cross_entropy_with_logits(labels, logits, 2.5);
  std::vector<Output> gm = gradients({reduce_sum(m.mean * 1.5), reduce_sum(m.variance)}, {x});
  std::vector<Output> gs = gradients({reduce_sum(sig)}, {x});

  EXPECT_EQ(m.mean.shape(), Shape({3}));
  EXPECT_EQ(mk.variance.shape(), Shape({2, 1, 4}));
  EXPECT_EQ(m.mean.node->name(), "moments/Squeeze");
  EXPECT_EQ(m.variance.node->name(), "moments/Squeeze_1");
  EXPECT_EQ(mk.mean.node->name(), "moments_1/mean");
  EXPECT_EQ(l2.node->name(), "l2_normalize");
  EXPECT_EQ(sig.node->name(), "logistic_loss");
  EXPECT_EQ(wce.node->name(), "logistic_loss_1");
  EXPECT_EQ(bn.node->name(), "batchnorm/add_1");

  Session s(g);
  std::vector<Tensor> r =
      s.run({m.mean, m.variance, mk.mean, mk.variance, l2, bn, sig, wce, gm[0], gs[0]},
            {{x, vec(kX, shape)}});
  expect_near_all(r[0], kMomentsMean, 1e-5, "moments mean");
  expect_near_all(r[1], kMomentsVariance, 1e-5, "moments variance");
  expect_near_all(r[2], kMomentsMeanKeep, 1e-5, "moments mean keep_dims");
  expect_near_all(r[3], kMomentsVarianceKeep, 1e-5, "moments variance keep_dims");
  expect_near_all(r[4], kL2Normalize, 1e-5, "l2_normalize");
  expect_near_all(r[5], kBatchNormalization, 1e-5, "batch_normalization");
  expect_near_all(r[6], kSigmoidXent, 1e-5, "sigmoid_cross_entropy_with_logits");
  expect_near_all(r[7], kWeightedXent, 1e-5, "weighted_cross_entropy_with_logits");
  // TF's generator asked tf.gradients for [x, x], which returns the same sum twice.
  expect_near_all(r[8], kMomentsGrad, 1e-5, "moments gradient", 2.0);
  expect_near_all(r[9], kSigmoidXentGrad, 1e-5, "sigmoid_cross_entropy gradient");
}

TEST(NnComposite, DropoutIsBitExactWithTensorFlow) {
  Graph g;
  g.set_random_seed(1234);
  const Shape shape({3, 4, 5});
  Output x = placeholder(g, DType::kFloat, shape, "Placeholder");
  Output d1 = dropout(x, 0.7, std::nullopt, 42);
  Output d2 = dropout(x, std::nullopt, std::nullopt, std::nullopt, "dropout", 0.25);
  Output d3 = dropout_v2(x, 0.5, std::vector<int64_t>{3, 1, 5}, 7);
  EXPECT_EQ(d1.shape(), shape);
  Session s(g);
  std::vector<Tensor> r = s.run({d1, d2, d3}, {{x, vec(kDropoutX, shape)}});
  EXPECT_EQ(r[0].to_vector<float>(), kDropout1);
  EXPECT_EQ(r[1].to_vector<float>(), kDropout2);
  EXPECT_EQ(r[2].to_vector<float>(), kDropout3);

  // TF's node names (printed by the generator).
  std::set<std::string> names;
  for (int i = 0; i < g.num_nodes(); ++i)
    if (g.node(i)->name().rfind("dropout", 0) == 0) names.insert(g.node(i)->name());
  const std::set<std::string> tf_names = {"dropout/Const",
                                          "dropout/Const_1",
                                          "dropout/GreaterEqual",
                                          "dropout/GreaterEqual/y",
                                          "dropout/Mul",
                                          "dropout/SelectV2",
                                          "dropout/Shape",
                                          "dropout/random_uniform/RandomUniform",
                                          "dropout_1/Const",
                                          "dropout_1/Const_1",
                                          "dropout_1/GreaterEqual",
                                          "dropout_1/GreaterEqual/y",
                                          "dropout_1/Mul",
                                          "dropout_1/SelectV2",
                                          "dropout_1/Shape",
                                          "dropout_1/random_uniform/RandomUniform",
                                          "dropout_2/Const",
                                          "dropout_2/Const_1",
                                          "dropout_2/GreaterEqual",
                                          "dropout_2/GreaterEqual/y",
                                          "dropout_2/Mul",
                                          "dropout_2/SelectV2",
                                          "dropout_2/random_uniform/RandomUniform",
                                          "dropout_2/random_uniform/shape"};
  EXPECT_EQ(names, tf_names);
}

TEST(NnComposite, DropoutEdgeCases) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({2, 2}), "x");
  EXPECT_EQ(dropout(x, 1.0), x);  // rate 0: x itself
  EXPECT_THROW(dropout_v2(x, 1.0), Error);
  EXPECT_THROW(dropout_v2(x, -0.1), Error);
  EXPECT_THROW(dropout_v2(placeholder(g, DType::kInt32, Shape({2})), 0.5), Error);
  EXPECT_THROW(dropout(x, std::nullopt), Error);
  // A tensor rate: x / (1 - rate) where kept.
  Output rate = placeholder(g, DType::kFloat, Shape(), "rate");
  Output d = dropout_v2(x, rate, std::nullopt, 3);
  Session s(g);
  Tensor r = s.run(d, {{x, vec({1, 2, 3, 4}, Shape({2, 2}))}, {rate, Tensor::scalar<float>(0.5f)}});
  for (int i = 0; i < 4; ++i) {
    const float v = r.data<float>()[i];
    EXPECT_TRUE(v == 0.0f || v == 2.0f * (i + 1)) << v;
  }
}

TEST(NnComposite, XwPlusBAndShapeChecks) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({2, 3}), "x");
  Output w = constant(g, Input({{1.0f, 0.0f}, {0.0f, 1.0f}, {1.0f, 1.0f}}));
  Output y = xw_plus_b(x, w, Input({0.5f, -0.5f}));
  EXPECT_EQ(y.node->name(), "xw_plus_b");
  EXPECT_EQ(y.node->op(), "BiasAdd");
  EXPECT_EQ(y.shape(), Shape({2, 2}));
  Session s(g);
  Tensor r = s.run(y, {{x, vec({1, 2, 3, 4, 5, 6}, Shape({2, 3}))}});
  EXPECT_EQ(r.to_vector<float>(), std::vector<float>({4.5f, 4.5f, 10.5f, 10.5f}));
  EXPECT_THROW(sigmoid_cross_entropy_with_logits(placeholder(g, DType::kFloat, Shape({2, 2})), x),
               Error);
}

TEST(NnComposite, BatchNormalizationWithoutScaleOrOffset) {
  Graph g;
  Output x = constant(g, Input({{1.0f, 2.0f}, {3.0f, 4.0f}}));
  Output y = batch_normalization(x, Input({1.0f, 2.0f}), Input({4.0f, 1.0f}), std::nullopt,
                                 std::nullopt, 0.0);
  Session s(g);
  EXPECT_EQ(s.run(y).to_vector<float>(), std::vector<float>({0.0f, 0.0f, 1.0f, 2.0f}));
}

}  // namespace
}  // namespace liu
