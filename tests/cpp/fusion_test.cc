// The plan rewrite fusing MatMul -> BiasAdd/Add -> Relu into _FusedMatMul (and Conv2D chains
// into _FusedConv2D when that op exists): the fused kernel against hand-computed values,
// fused runs against the same graph run unfused (SessionOptions::remapping = false), where
// fusion must not happen, training through a fused chain, and errors naming the node.
#include <gtest/gtest.h>

#include <cmath>

#include "liu/api/nn_activation.h"
#include "liu/api/nn_conv.h"
#include "liu/liu.h"
#include "liu/runtime/plan.h"

namespace liu {
namespace {

// Deterministic values in [-1, 1).
Tensor random_tensor(const Shape& shape, uint32_t seed) {
  std::vector<float> v(static_cast<size_t>(shape.num_elements()));
  uint32_t s = seed * 2654435761u + 1;
  for (float& x : v) {
    s = s * 1664525u + 1013904223u;
    x = static_cast<float>(s >> 8) / static_cast<float>(1 << 23) - 1.0f;
  }
  return Tensor::from_vector(v, shape);
}

std::vector<float> values(const Tensor& t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.num_elements());
}

// The ops the plan for these fetches runs, in order.
std::vector<std::string> plan_ops(const Graph& g, const std::vector<Output>& feeds,
                                  const std::vector<Output>& fetches,
                                  const std::vector<Node*>& targets = {}) {
  SessionState state;
  std::unique_ptr<Plan> plan;
  throw_if_error(build_plan(g, state, feeds, fetches, targets, /*fuse=*/true, &plan));
  std::vector<std::string> ops;
  for (const PlanStep& step : plan->steps) ops.push_back(step.node->op());
  return ops;
}

int count(const std::vector<std::string>& ops, const std::string& op) {
  return static_cast<int>(std::count(ops.begin(), ops.end(), op));
}

std::vector<Tensor> run_with(const Graph& g, bool remapping, const std::vector<Output>& fetches,
                             const FeedList& feeds) {
  SessionOptions options;
  options.remapping = remapping;
  Session session(g, options);
  return session.run(fetches, feeds);
}

void expect_close(const Tensor& fused, const Tensor& unfused, const std::string& what) {
  ASSERT_EQ(fused.shape(), unfused.shape()) << what;
  std::vector<float> a = values(fused), b = values(unfused);
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_NEAR(a[i], b[i], 1e-5f * (1.0f + std::fabs(b[i]))) << what << " [" << i << "]";
}

Output fused_matmul(const Output& a, const Output& b, const Output& bias,
                    std::vector<std::string> fused_ops, bool transpose_b = false) {
  return OpBuilder("_FusedMatMul")
      .input(a)
      .input(b)
      .input_list({bias})
      .attr("fused_ops", std::move(fused_ops))
      .attr("transpose_b", transpose_b)
      .build();
}

TEST(FusedMatMulOp, HandComputedValues) {
  Graph g;
  // [[1,2],[3,-4]] x [[1,0,-1],[0,1,2]] = [[1,2,3],[3,-4,-11]]; + [0.5,-1,1].
  Output a = constant(g, Tensor::from_vector<float>({1, 2, 3, -4}, Shape({2, 2})));
  Output b = constant(g, Tensor::from_vector<float>({1, 0, -1, 0, 1, 2}, Shape({2, 3})));
  Output bt = constant(g, Tensor::from_vector<float>({1, 0, 0, 1, -1, 2}, Shape({3, 2})));
  Output bias = constant(g, Tensor::from_vector<float>({0.5f, -1, 1}));
  Session s(g);
  EXPECT_EQ(values(s.run(fused_matmul(a, b, bias, {"BiasAdd"}))),
            (std::vector<float>{1.5f, 1, 4, 3.5f, -5, -10}));
  EXPECT_EQ(values(s.run(fused_matmul(a, b, bias, {"BiasAdd", "Relu"}))),
            (std::vector<float>{1.5f, 1, 4, 3.5f, 0, 0}));
  EXPECT_EQ(values(s.run(fused_matmul(a, bt, bias, {"BiasAdd", "Relu"}, true))),
            (std::vector<float>{1.5f, 1, 4, 3.5f, 0, 0}));
  EXPECT_EQ(values(s.run(fused_matmul(a, b, bias, {"BiasAdd", "Relu6"}))),
            (std::vector<float>{1.5f, 1, 4, 3.5f, 0, 0}));
  std::vector<float> elu = values(s.run(fused_matmul(a, b, bias, {"BiasAdd", "Elu"})));
  const std::vector<float> expected_elu = {1.5f, 1, 4, 3.5f, -0.99326205f, -0.9999546f};
  for (size_t i = 0; i < elu.size(); ++i) EXPECT_NEAR(elu[i], expected_elu[i], 1e-6f) << i;
  // Relu6 caps at 6: 2 * [[4]] + [3] = 11 -> 6.
  Output two = constant(g, Tensor::from_vector<float>({2}, Shape({1, 1})));
  Output four = constant(g, Tensor::from_vector<float>({4}, Shape({1, 1})));
  Output three = constant(g, Tensor::from_vector<float>({3}));
  EXPECT_EQ(values(s.run(fused_matmul(two, four, three, {"BiasAdd", "Relu6"}))),
            (std::vector<float>{6}));
}

TEST(FusedMatMulOp, EmptyInnerDimensionIsActivatedBias) {
  Graph g;
  Output a = constant(g, Tensor::zeros(DType::kFloat, Shape({2, 0})));
  Output b = constant(g, Tensor::zeros(DType::kFloat, Shape({0, 2})));
  Output bias = constant(g, Tensor::from_vector<float>({-1, 2}));
  Session s(g);
  EXPECT_EQ(values(s.run(fused_matmul(a, b, bias, {"BiasAdd", "Relu"}))),
            (std::vector<float>{0, 2, 0, 2}));
}

TEST(FusedMatMulOp, ErrorsAndUnsupportedFusions) {
  Graph g;
  Output a = placeholder(g, DType::kFloat);
  Output b = placeholder(g, DType::kFloat);
  Output bias = placeholder(g, DType::kFloat);
  Output bad = fused_matmul(a, b, bias, {"BiasAdd", "Tanh"});
  Output ok = fused_matmul(a, b, bias, {"BiasAdd"});
  Session s(g);
  FeedList feeds = {{a, random_tensor(Shape({2, 3}), 1)},
                    {b, random_tensor(Shape({3, 4}), 2)},
                    {bias, random_tensor(Shape({4}), 3)}};
  std::vector<Tensor> out;
  Status st = s.run(feeds, {bad}, {}, &out);
  EXPECT_EQ(st.code(), Code::kUnimplemented) << st.message();
  feeds[2].second = random_tensor(Shape({3}), 3);
  st = s.run(feeds, {ok}, {}, &out);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("biases"), std::string::npos) << st.message();
  // Shape checks at construction.
  Output c23 = constant(g, random_tensor(Shape({2, 3}), 4));
  Output c43 = constant(g, random_tensor(Shape({4, 3}), 5));
  Output v3 = constant(g, random_tensor(Shape({3}), 6));
  EXPECT_THROW(fused_matmul(c23, c43, v3, {"BiasAdd"}), Error);
  EXPECT_THROW(fused_matmul(c23, c23, v3, {"BiasAdd"}, true), Error);  // bias 3 vs n = 2
}

struct MlpCase {
  int64_t m, k, n;
  bool relu, bias_first, transpose_b;
};

TEST(FuseNodes, FusedEqualsUnfused) {
  const MlpCase cases[] = {{1, 1, 1, true, false, false},  {5, 7, 3, true, false, false},
                           {5, 7, 3, false, true, false},  {64, 784, 256, true, false, false},
                           {33, 65, 17, true, true, true}, {512, 256, 10, false, false, false},
                           {4, 0, 3, true, false, false},  {0, 5, 4, true, false, false}};
  for (const MlpCase& c : cases) {
    const std::string what = std::to_string(c.m) + "x" + std::to_string(c.k) + "x" +
                             std::to_string(c.n) + (c.relu ? " relu" : "");
    Graph g;
    Output x = placeholder(g, DType::kFloat, Shape({-1, c.k}));
    Output w = constant(g, random_tensor(c.transpose_b ? Shape({c.n, c.k}) : Shape({c.k, c.n}), 7));
    Output b = constant(g, random_tensor(Shape({c.n}), 8));
    Output mm = matmul(x, w, false, c.transpose_b);
    Output y = c.bias_first ? add(b, mm) : add(mm, b);
    if (c.relu) y = relu(y);
    std::vector<std::string> ops = plan_ops(g, {x}, {y});
    EXPECT_EQ(count(ops, "_FusedMatMul"), 1) << what;
    EXPECT_EQ(count(ops, "MatMul") + count(ops, "Add") + count(ops, "Relu"), 0) << what;
    FeedList feeds = {{x, random_tensor(Shape({c.m, c.k}), 9)}};
    expect_close(run_with(g, true, {y}, feeds)[0], run_with(g, false, {y}, feeds)[0], what);
  }
}

TEST(FuseNodes, BiasAddChainsFuse) {
  if (!OpRegistry::global().find("BiasAdd")) GTEST_SKIP() << "BiasAdd is not registered yet";
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({-1, 6}));
  Output w = constant(g, random_tensor(Shape({6, 5}), 1));
  Output b = constant(g, random_tensor(Shape({5}), 2));
  Output y = relu(OpBuilder("BiasAdd").input(matmul(x, w)).input(b).build());
  EXPECT_EQ(count(plan_ops(g, {x}, {y}), "_FusedMatMul"), 1);
  FeedList feeds = {{x, random_tensor(Shape({9, 6}), 3)}};
  expect_close(run_with(g, true, {y}, feeds)[0], run_with(g, false, {y}, feeds)[0], "BiasAdd");
}

TEST(FuseNodes, NoFusionWhenAnInnerValueIsNeededElsewhere) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({-1, 4}));
  Output w = constant(g, random_tensor(Shape({4, 3}), 1));
  Output b = constant(g, random_tensor(Shape({3}), 2));
  Output mm = matmul(x, w);
  Output sum = add(mm, b);
  Output y = relu(sum);
  // Fetching an inner value: the chain is cut before it.
  std::vector<std::string> ops = plan_ops(g, {x}, {y, mm});
  EXPECT_EQ(count(ops, "_FusedMatMul"), 0);
  ops = plan_ops(g, {x}, {y, sum});
  EXPECT_EQ(count(ops, "_FusedMatMul"), 1);  // MatMul + Add fuse, Relu reads their value
  EXPECT_EQ(count(ops, "Relu"), 1);
  FeedList feeds = {{x, random_tensor(Shape({5, 4}), 3)}};
  std::vector<Tensor> fused = run_with(g, true, {y, sum}, feeds);
  std::vector<Tensor> unfused = run_with(g, false, {y, sum}, feeds);
  expect_close(fused[0], unfused[0], "y");
  expect_close(fused[1], unfused[1], "sum");
  // Feeding an inner value: nothing upstream of it runs, the rest does not fuse.
  ops = plan_ops(g, {sum}, {y});
  EXPECT_EQ(count(ops, "_FusedMatMul"), 0);
  EXPECT_EQ(count(ops, "MatMul"), 0);

  // A second reader anywhere in the graph, even outside the plan, blocks the fusion.
  Graph g2;
  Output x2 = placeholder(g2, DType::kFloat, Shape({-1, 4}));
  Output mm2 = matmul(x2, constant(g2, random_tensor(Shape({4, 3}), 1)));
  Output y2 = relu(add(mm2, constant(g2, random_tensor(Shape({3}), 2))));
  Output other = multiply(mm2, 2.0f);
  (void)other;
  EXPECT_EQ(count(plan_ops(g2, {x2}, {y2}), "_FusedMatMul"), 0);

  // A control-edge reader of the inner node blocks it too.
  Graph g3;
  Output x3 = placeholder(g3, DType::kFloat, Shape({-1, 4}));
  Output mm3 = matmul(x3, constant(g3, random_tensor(Shape({4, 3}), 1)));
  Output y3 = relu(add(mm3, constant(g3, random_tensor(Shape({3}), 2))));
  OpBuilder(g3, "NoOp", "after").control_input(mm3.node).build_node();
  EXPECT_EQ(count(plan_ops(g3, {x3}, {y3}), "_FusedMatMul"), 0);

  // An Add whose other operand is not a [n] vector is not a bias add.
  Graph g4;
  Output x4 = placeholder(g4, DType::kFloat, Shape({-1, 3}));
  Output mm4 = matmul(x4, constant(g4, random_tensor(Shape({3, 3}), 1)));
  Output y4 = relu(add(mm4, constant(g4, random_tensor(Shape({1, 3}), 2))));
  Output z4 = add(matmul(x4, constant(g4, random_tensor(Shape({3, 3}), 3))), 1.0f);
  std::vector<std::string> ops4 = plan_ops(g4, {x4}, {y4, z4});
  EXPECT_EQ(count(ops4, "_FusedMatMul"), 0);
  // Switched off by the session option: results are still the same.
  FeedList feeds4 = {{x4, random_tensor(Shape({2, 3}), 4)}};
  expect_close(run_with(g4, true, {y4}, feeds4)[0], run_with(g4, false, {y4}, feeds4)[0], "g4");
}

TEST(FuseNodes, GraphIsUnchanged) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({-1, 4}));
  Output y = relu(add(matmul(x, constant(g, random_tensor(Shape({4, 3}), 1))),
                      constant(g, random_tensor(Shape({3}), 2))));
  const int before = g.num_nodes();
  Session s(g);
  s.run(y, {{x, random_tensor(Shape({2, 4}), 3)}});
  EXPECT_EQ(g.num_nodes(), before);
  EXPECT_EQ(y.node->op(), "Relu");
}

TEST(FuseNodes, KernelErrorsNameTheChainsLastNode) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({-1, -1}));
  Output w = constant(g, random_tensor(Shape({4, 3}), 1));
  Output b = constant(g, random_tensor(Shape({3}), 2));
  Output y = relu(add(matmul(x, w, false, false, "dense/MatMul"), b, "dense/add"), "dense/Relu");
  Session s(g);
  std::vector<Tensor> out;
  Status st = s.run({{x, random_tensor(Shape({2, 5}), 3)}}, {y}, {}, &out);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("node 'dense/Relu'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("Matrix size-incompatible"), std::string::npos) << st.message();
  st = s.run({{x, random_tensor(Shape({2, 4, 1}), 3)}}, {y}, {}, &out);
  EXPECT_FALSE(st.is_ok());
}

TEST(FuseNodes, Conv2DChainsFuse) {
  if (!OpRegistry::global().find("_FusedConv2D") ||
      !KernelRegistry::global().has_kernel("_FusedConv2D"))
    GTEST_SKIP() << "_FusedConv2D is not registered yet";
  for (const std::string format : {"NHWC", "NCHW"}) {
    for (bool use_add : {false, true}) {
      if (use_add && format == "NCHW") continue;  // Add of [C] is a bias add only for NHWC
      Graph g;
      const Shape in_shape = format == "NHWC" ? Shape({-1, 9, 8, 3}) : Shape({-1, 3, 9, 8});
      Output x = placeholder(g, DType::kFloat, in_shape);
      Output f = constant(g, random_tensor(Shape({3, 3, 3, 5}), 1));
      Output b = constant(g, random_tensor(Shape({5}), 2));
      const std::vector<int64_t> strides =
          format == "NHWC" ? std::vector<int64_t>{1, 2, 2, 1} : std::vector<int64_t>{1, 1, 2, 2};
      Output conv = conv2d(x, f, strides, "SAME", true, format);
      Output y = relu(use_add ? add(conv, b) : bias_add(conv, b, format));
      const std::string what = format + (use_add ? " Add" : " BiasAdd");
      std::vector<std::string> ops = plan_ops(g, {x}, {y});
      EXPECT_EQ(count(ops, "_FusedConv2D"), 1) << what;
      EXPECT_EQ(count(ops, "Relu"), 0) << what;
      const Shape fed = format == "NHWC" ? Shape({2, 9, 8, 3}) : Shape({2, 3, 9, 8});
      FeedList feeds = {{x, random_tensor(fed, 3)}};
      expect_close(run_with(g, true, {y}, feeds)[0], run_with(g, false, {y}, feeds)[0], what);
    }
  }
}

// Two hidden ReLU layers trained with SGD: the gradients read Relu's output (ReluGrad), the
// MatMul's inputs, and the Shape of the MatMul's output (the batch is unknown), so every chain
// still fuses; losses and weights must follow the unfused run.
TEST(FuseNodes, TrainingMatchesUnfused) {
  auto train = [](bool remapping, std::vector<std::string>* ops) {
    Graph g;
    Output x = placeholder(g, DType::kFloat, Shape({-1, 12}), "x");
    Output t = placeholder(g, DType::kFloat, Shape({-1, 4}), "t");
    Variable w1(g, random_tensor(Shape({12, 16}), 1), "w1");
    Variable b1(g, random_tensor(Shape({16}), 2), "b1");
    Variable w2(g, random_tensor(Shape({16, 8}), 3), "w2");
    Variable b2(g, random_tensor(Shape({8}), 4), "b2");
    Variable w3(g, random_tensor(Shape({8, 4}), 5), "w3");
    Variable b3(g, random_tensor(Shape({4}), 6), "b3");
    Output h1 = relu(add(matmul(x, w1.value()), b1.value()));
    Output h2 = relu(add(matmul(h1, w2.value()), b2.value()));
    Output out = add(matmul(h2, w3.value()), b3.value());
    Output loss = reduce_mean(square(subtract(out, t)));
    train::GradientDescentOptimizer opt(0.1);
    Node* step = opt.minimize(loss, {w1, b1, w2, b2, w3, b3});
    FeedList feeds = {{x, random_tensor(Shape({10, 12}), 7)},
                      {t, random_tensor(Shape({10, 4}), 8)}};
    if (ops) *ops = plan_ops(g, {x, t}, {loss}, {step});
    SessionOptions options;
    options.remapping = remapping;
    Session s(g, options);
    for (const Variable& v : {w1, b1, w2, b2, w3, b3}) s.run_targets({v.initializer()});
    std::vector<float> losses;
    for (int i = 0; i < 5; ++i) losses.push_back(values(s.run({loss}, feeds, {step})[0])[0]);
    losses.push_back(values(s.run(loss, feeds))[0]);
    return losses;
  };
  std::vector<std::string> ops;
  std::vector<float> fused = train(true, &ops);
  std::vector<float> unfused = train(false, nullptr);
  EXPECT_EQ(count(ops, "_FusedMatMul"), 3);
  EXPECT_EQ(count(ops, "ReluGrad"), 2);
  ASSERT_EQ(fused.size(), unfused.size());
  for (size_t i = 0; i < fused.size(); ++i)
    EXPECT_NEAR(fused[i], unfused[i], 1e-5f * std::fabs(unfused[i])) << "step " << i;
  EXPECT_LT(fused.back(), fused.front());
}

}  // namespace
}  // namespace liu
