// Sparse gradients (IndexedSlices from Gather) and the sparse optimizer updates: each
// SparseApply*/Scatter* kernel against one step of real TensorFlow with a duplicated index,
// Unique, the gradient structure and names, and 20-step embedding trajectories of the C++
// optimizers against TF1's (tests/generate/training_sparse.py).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "liu/autodiff/gradients.h"
#include "liu/liu.h"
#include "liu/train/optimizers.h"

namespace liu {
namespace {

struct Trajectory {
  std::string optimizer;
  std::vector<float> losses;
  std::vector<float> final_value;
};

#include "data/training_sparse.inc"

const std::vector<float> kVar = {0.5, -1.0, 2.0, 1.5, 0.25, -0.75, -2.0, 3.0, 0.1, 0.3, 0.6, -0.9};
const std::vector<float> kGrad = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6, -0.7, 0.8, 0.9};
const std::vector<int32_t> kIdx = {2, 0, 2};

void expect_near_all(const std::vector<float>& actual, const std::vector<float>& expected,
                     const std::string& what, double rel = 1e-5) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_NEAR(actual[i], expected[i], 1e-6 + rel * std::fabs(expected[i]))
        << what << "[" << i << "]";
}

// One sparse update case: the op, its slot initial values, its non-ref inputs in order
// ('g' grad, 'i' indices, a number for a scalar hyper-parameter), and TF's results.
struct SparseCase {
  std::string op;
  std::vector<float> slot_inits;
  std::vector<std::string> rest;
  std::vector<std::vector<float>> expected;  // var, then the slots
  std::string flag_attr = "";
};

const std::vector<SparseCase>& sparse_cases() {
  static const std::vector<SparseCase> cases = {
      {"SparseApplyMomentum", {0.2f}, {"0.1", "g", "i", "0.9"}, {kMomentum_0, kMomentum_1}},
      {"SparseApplyMomentum",
       {0.2f},
       {"0.1", "g", "i", "0.9"},
       {kMomentumNesterov_0, kMomentumNesterov_1},
       "use_nesterov"},
      {"SparseApplyAdagrad", {0.1f}, {"0.1", "g", "i"}, {kAdagrad_0, kAdagrad_1}},
      {"SparseApplyRMSProp",
       {1.0f, 0.1f},
       {"0.01", "0.9", "0.5", "1e-6", "g", "i"},
       {kRMSProp_0, kRMSProp_1, kRMSProp_2}},
      {"SparseApplyCenteredRMSProp",
       {0.05f, 1.0f, 0.1f},
       {"0.01", "0.9", "0.5", "1e-6", "g", "i"},
       {kCenteredRMSProp_0, kCenteredRMSProp_1, kCenteredRMSProp_2, kCenteredRMSProp_3}},
      {"SparseApplyAdadelta",
       {0.1f, 0.2f},
       {"1.0", "0.95", "1e-6", "g", "i"},
       {kAdadelta_0, kAdadelta_1, kAdadelta_2}},
      {"SparseApplyFtrl",
       {0.1f, 0.0f},
       {"g", "i", "0.1", "0.01", "0.02", "-0.5"},
       {kFtrl_0, kFtrl_1, kFtrl_2}},
      {"SparseApplyFtrl",
       {0.1f, 0.05f},
       {"g", "i", "0.1", "0.01", "0.02", "-0.3"},
       {kFtrlPow_0, kFtrlPow_1, kFtrlPow_2}},
      {"SparseApplyFtrlV2",
       {0.1f, 0.0f},
       {"g", "i", "0.1", "0.01", "0.02", "0.05", "-0.5"},
       {kFtrlV2_0, kFtrlV2_1, kFtrlV2_2}},
  };
  return cases;
}

Output build_sparse(Graph& g, const SparseCase& c, const std::vector<Variable>& vars,
                    const Output& grad, const Output& indices) {
  OpBuilder b(c.op);
  for (const Variable& v : vars) b.input(v.ref());
  for (const std::string& r : c.rest) {
    if (r == "g")
      b.input(grad);
    else if (r == "i")
      b.input(indices);
    else
      b.input(constant(g, std::stof(r)));
  }
  if (!c.flag_attr.empty()) b.attr(c.flag_attr, true);
  return b.build();
}

TEST(TrainingSparseOps, OneStepWithDuplicateIndexMatchesTensorFlow) {
  for (const SparseCase& c : sparse_cases()) {
    for (DType index_type : {DType::kInt32, DType::kInt64}) {
      Graph g;
      std::vector<Variable> vars{Variable(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v")};
      for (float init : c.slot_inits)
        vars.emplace_back(
            g, Tensor::from_vector<float>(std::vector<float>(12, init), Shape({4, 3})), "slot");
      Output grad = placeholder(g, DType::kFloat, Shape({-1, 3}), "grad");
      Output indices = placeholder(g, index_type, Shape({-1}), "indices");
      Output update = build_sparse(g, c, vars, grad, indices);
      EXPECT_EQ(update.shape(), Shape({4, 3})) << c.op;
      Session s(g);
      s.run_targets({global_variables_initializer(g)});
      Tensor idx = index_type == DType::kInt32
                       ? Tensor::from_vector<int32_t>(kIdx)
                       : Tensor::from_vector<int64_t>(std::vector<int64_t>{2, 0, 2});
      s.run(update, {{grad, Tensor::from_vector<float>(kGrad, Shape({3, 3}))}, {indices, idx}});
      for (size_t i = 0; i < vars.size(); ++i)
        expect_near_all(s.run(vars[i].value()).to_vector<float>(), c.expected[i],
                        c.op + c.flag_attr + " ref " + std::to_string(i));
    }
  }
}

TEST(TrainingSparseOps, OutOfRangeIndexIsInvalidArgument) {
  Graph g;
  Variable var(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v");
  Variable acc(g, Tensor::from_vector<float>(std::vector<float>(12, 0.1f), Shape({4, 3})), "acc");
  Output grad = constant(g, Tensor::from_vector<float>(kGrad, Shape({3, 3})));
  Output indices = placeholder(g, DType::kInt32, Shape({3}), "indices");
  Output update = OpBuilder("SparseApplyAdagrad")
                      .input(var.ref())
                      .input(acc.ref())
                      .input(constant(g, 0.1f))
                      .input(grad)
                      .input(indices)
                      .build();
  Session s(g);
  s.run_targets({global_variables_initializer(g)});
  std::vector<Tensor> out;
  Status st = s.run({{indices, Tensor::from_vector<int32_t>({0, 4, 1})}}, {update}, {}, &out);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("Index 4 at offset 1 in indices is out of range"), std::string::npos)
      << st.message();
  // Nothing was written.
  expect_near_all(s.run(var.value()).to_vector<float>(), kVar, "var after error");
}

TEST(TrainingSparseOps, ShapeErrorsAtConstruction) {
  Graph g;
  Variable var(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v");
  Variable acc(g, Tensor::from_vector<float>(std::vector<float>(12, 0.1f), Shape({4, 3})), "acc");
  auto build = [&](const Shape& grad_shape, const Shape& idx_shape) {
    Output grad = placeholder(g, DType::kFloat, grad_shape, "grad");
    Output idx = placeholder(g, DType::kInt32, idx_shape, "idx");
    return OpBuilder("SparseApplyAdagrad")
        .input(var.ref())
        .input(acc.ref())
        .input(constant(g, 0.1f))
        .input(grad)
        .input(idx)
        .build();
  };
  auto expect_invalid = [&](const Shape& gs, const Shape& is) {
    try {
      build(gs, is);
      ADD_FAILURE() << "no error for grad " << gs.to_string() << " indices " << is.to_string();
    } catch (const Error& e) {
      EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
    }
  };
  expect_invalid(Shape({3, 4}), Shape({3}));     // inner dim differs from var's
  expect_invalid(Shape({3, 3}), Shape({3, 1}));  // indices not a vector
  expect_invalid(Shape({2, 3}), Shape({3}));     // rows != indices
  expect_invalid(Shape({}), Shape({3}));         // scalar grad
  EXPECT_EQ(build(Shape::unknown(), Shape::unknown()).shape(), Shape({4, 3}));
}

TEST(StateScatterOps, MatchTensorFlow) {
  struct Case {
    std::string op;
    std::vector<int32_t> idx;
    std::vector<float> updates;
    Shape updates_shape;
    std::vector<float> expected;
  };
  const std::vector<Case> cases = {
      {"ScatterAdd", kIdx, kGrad, Shape({3, 3}), kScatterAdd_0},
      {"ScatterSub", kIdx, kGrad, Shape({3, 3}), kScatterSub_0},
      {"ScatterUpdate",
       {3, 1},
       {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f},
       Shape({2, 3}),
       kScatterUpdate_0},
  };
  for (const Case& c : cases) {
    Graph g;
    Variable var(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v");
    Output out = OpBuilder(c.op)
                     .input(var.ref())
                     .input(constant(g, Tensor::from_vector<int32_t>(c.idx)))
                     .input(constant(g, Tensor::from_vector<float>(c.updates, c.updates_shape)))
                     .build();
    EXPECT_EQ(out.shape(), Shape({4, 3}));
    Session s(g);
    s.run_targets({global_variables_initializer(g)});
    expect_near_all(s.run(out).to_vector<float>(), c.expected, c.op);
  }
}

TEST(StateScatterOps, ErrorsAndScalarUpdate) {
  Graph g;
  Variable var(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v");
  Output idx = placeholder(g, DType::kInt64, Shape({-1}), "idx");
  Output add = OpBuilder("ScatterAdd").input(var.ref()).input(idx).input(constant(g, 1.0f)).build();
  Session s(g);
  s.run_targets({global_variables_initializer(g)});
  std::vector<Tensor> out;
  Status st = s.run({{idx, Tensor::from_vector<int64_t>({0, 4})}}, {add}, {}, &out);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("indices[1] = 4 is not in [0, 4)"), std::string::npos)
      << st.message();
  Tensor after = s.run(add, {{idx, Tensor::from_vector<int64_t>({3, 3})}});
  std::vector<float> expected = kVar;
  for (int k = 9; k < 12; ++k) expected[k] += 2.0f;  // a scalar update applies to each element
  expect_near_all(after.to_vector<float>(), expected, "scalar ScatterAdd");
  EXPECT_THROW(OpBuilder("ScatterSub")
                   .input(var.ref())
                   .input(constant(g, Tensor::from_vector<int32_t>({0, 1})))
                   .input(constant(g, Tensor::from_vector<float>({1, 2, 3}, Shape({1, 3}))))
                   .build(),
               Error);
}

TEST(UniqueOp, FirstAppearanceOrderAndIndices) {
  Graph g;
  Output x = placeholder(g, DType::kInt64, Shape({-1}), "x");
  std::vector<Output> outs =
      OpBuilder("Unique", "Unique").input(x).attr("out_idx", DType::kInt32).build_outputs();
  EXPECT_EQ(outs[0].shape(), Shape({-1}));
  EXPECT_EQ(outs[1].shape(), Shape({-1}));
  EXPECT_EQ(outs[1].dtype(), DType::kInt32);
  Session s(g);
  std::vector<Tensor> r = s.run(outs, {{x, Tensor::from_vector<int64_t>({4, 1, 4, 7, 1, 1})}});
  EXPECT_EQ(r[0].to_vector<int64_t>(), (std::vector<int64_t>{4, 1, 7}));
  EXPECT_EQ(r[1].to_vector<int32_t>(), (std::vector<int32_t>{0, 1, 0, 2, 1, 1}));
  EXPECT_THROW(OpBuilder("Unique", "Unique")
                   .input(constant(g, Tensor::from_vector<int32_t>({1, 2}, Shape({1, 2}))))
                   .build_outputs(),
               Error);
}

// --- IndexedSlices gradients ---

TEST(SparseGradients, GatherOfVariableGivesIndexedSlices) {
  Graph g;
  Variable v(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v");
  Output loss = reduce_sum(gather(v.value(), Input(std::vector<int32_t>{0, 2, 0})));
  std::vector<Gradient> grads = sparse_gradients({loss}, {v.value()});
  ASSERT_TRUE(grads[0].is_sparse());
  // TF: values gradients/GatherV2_grad/Reshape (3, 3), indices .../Reshape_1 (3,),
  // dense_shape .../Shape (2,) int32.
  EXPECT_EQ(grads[0].values.name(), "gradients/GatherV2_grad/Reshape:0");
  EXPECT_EQ(grads[0].indices.name(), "gradients/GatherV2_grad/Reshape_1:0");
  EXPECT_EQ(grads[0].dense_shape.name(), "gradients/GatherV2_grad/Shape:0");
  EXPECT_EQ(grads[0].values.shape(), Shape({3, 3}));
  EXPECT_EQ(grads[0].indices.shape(), Shape({3}));
  EXPECT_EQ(grads[0].dense_shape.shape(), Shape({2}));
  EXPECT_EQ(grads[0].dense_shape.dtype(), DType::kInt32);
  Session s(g);
  s.run_targets({global_variables_initializer(g)});
  std::vector<Tensor> r = s.run({grads[0].values, grads[0].indices, grads[0].dense_shape});
  EXPECT_EQ(r[0].to_vector<float>(), std::vector<float>(9, 1.0f));
  EXPECT_EQ(r[1].to_vector<int32_t>(), (std::vector<int32_t>{0, 2, 0}));
  EXPECT_EQ(r[2].to_vector<int32_t>(), (std::vector<int32_t>{4, 3}));
  // The dense API still gives the summed tensor.
  Output dense = gradients({loss}, {v.value()})[0];
  EXPECT_EQ(dense.shape(), Shape({4, 3}));
  EXPECT_EQ(s.run(dense).to_vector<float>(),
            (std::vector<float>{2, 2, 2, 0, 0, 0, 1, 1, 1, 0, 0, 0}));
}

TEST(SparseGradients, AggregationConcatenatesOrAddsDense) {
  Graph g;
  Variable v(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v");
  Output a = reduce_sum(gather(v.value(), Input(std::vector<int32_t>{0, 2})));
  Output b = reduce_sum(identity(gather(v.value(), Input(std::vector<int32_t>{3}))));
  // Two sparse contributions (one through Identity) -> concatenated slices.
  std::vector<Gradient> both = sparse_gradients({add(a, b)}, {v.value()});
  ASSERT_TRUE(both[0].is_sparse());
  EXPECT_EQ(both[0].values.node->op(), "ConcatV2");
  EXPECT_EQ(both[0].values.shape(), Shape({3, 3}));
  EXPECT_EQ(both[0].indices.shape(), Shape({3}));
  // Mixed with a dense contribution -> AddN of densified parts, as TF.
  Output c = multiply(reduce_sum(v.value()), 2.0f);
  std::vector<Gradient> mixed = sparse_gradients({add(a, c)}, {v.value()});
  ASSERT_FALSE(mixed[0].is_sparse());
  EXPECT_EQ(mixed[0].dense.node->op(), "AddN");
  Session s(g);
  s.run_targets({global_variables_initializer(g)});
  EXPECT_EQ(s.run(densify(g, both[0])).to_vector<float>(),
            (std::vector<float>{1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1}));
  EXPECT_EQ(s.run(mixed[0].dense).to_vector<float>(),
            (std::vector<float>{3, 3, 3, 2, 2, 2, 3, 3, 3, 2, 2, 2}));
}

TEST(SparseGradients, DensifiedWhenAnOpConsumesIt) {
  // A gather of a gather: the inner gather's gradient input is the outer's sparse gradient,
  // summed to a dense tensor in the outer grad scope before use.
  Graph g;
  Variable v(g, Tensor::from_vector<float>(kVar, Shape({4, 3})), "v");
  Output inner = multiply(v.value(), 3.0f);
  Output loss = reduce_sum(gather(inner, Input(std::vector<int32_t>{1, 1})));
  Output grad = gradients({loss}, {v.value()})[0];
  Session s(g);
  s.run_targets({global_variables_initializer(g)});
  EXPECT_EQ(s.run(grad).to_vector<float>(),
            (std::vector<float>{0, 0, 0, 6, 6, 6, 0, 0, 0, 0, 0, 0}));
}

std::unique_ptr<train::Optimizer> make_optimizer(const std::string& name) {
  if (name == "GradientDescent") return std::make_unique<train::GradientDescentOptimizer>(0.1);
  if (name == "Momentum") return std::make_unique<train::MomentumOptimizer>(0.1, 0.9);
  if (name == "MomentumNesterov") return std::make_unique<train::MomentumOptimizer>(0.1, 0.9, true);
  if (name == "Adagrad") return std::make_unique<train::AdagradOptimizer>(0.1);
  if (name == "RMSProp") return std::make_unique<train::RMSPropOptimizer>(0.01, 0.9, 0.5);
  if (name == "CenteredRMSProp")
    return std::make_unique<train::RMSPropOptimizer>(0.01, 0.9, 0.5, 1e-10, true);
  if (name == "Adam") return std::make_unique<train::AdamOptimizer>(0.05);
  if (name == "Adadelta") return std::make_unique<train::AdadeltaOptimizer>(1.0);
  return nullptr;
}

TEST(SparseTraining, EmbeddingTrajectoriesMatchTensorFlow) {
  const std::vector<float> emb = {0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 1.0};
  const std::vector<float> target = {1.0, 0.0, 0.0, 1.0, 0.5, 0.5, -1.0, 2.0};
  ASSERT_EQ(kTrajectories.size(), 8u);
  for (const Trajectory& t : kTrajectories) {
    Graph g;
    Variable v(g, Tensor::from_vector<float>(emb, Shape({5, 2})), "emb");
    Output rows = gather(v.value(), Input(std::vector<int32_t>{0, 3, 0, 1}));
    Output loss = reduce_mean(
        square(subtract(rows, constant(g, Tensor::from_vector<float>(target, Shape({4, 2}))))));
    auto opt = make_optimizer(t.optimizer);
    std::vector<train::GradAndVar> gv = opt->compute_gradients(loss, {v});
    ASSERT_TRUE(gv[0].first.is_sparse()) << t.optimizer;
    Node* step = opt->apply_gradients(gv);
    Session s(g);
    s.run_targets({global_variables_initializer(g)});
    for (int i = 0; i < 20; ++i) {
      float l = s.run(loss).scalar_value<float>();
      EXPECT_NEAR(l, t.losses[i], 1e-5 * std::fabs(t.losses[i]) + 1e-7)
          << t.optimizer << " step " << i;
      s.run_targets({step});
    }
    expect_near_all(s.run(v.value()).to_vector<float>(), t.final_value, t.optimizer + " final");
  }
}

}  // namespace
}  // namespace liu
