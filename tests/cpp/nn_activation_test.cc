// BiasAdd / BiasAddGrad and the activations Relu6, Elu, Selu, Softplus, Softsign, LeakyRelu:
// values and gradients against TensorFlow 2.21 (tests/generate/nn_activation.py), gradients
// and second derivatives against finite differences, TF's error messages, partial shapes, and
// the large float32 SIMD/OpenMP paths against scalar references written here.
#include "data/nn_activation.inc"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "liu/api/nn_activation.h"
#include "liu/liu.h"
#include "tests/cpp/test_util.h"

namespace liu {
namespace {

using Fn = std::function<Output(const Output&)>;

using test::expect_close;
using test::expect_construction_error;
using test::make;
using test::values_of;

struct ActCase {
  const char* name;
  Fn fn;
  const std::vector<double>* value_f;
  const std::vector<double>* grad_f;
  const std::vector<double>* value_d;
  const std::vector<double>* grad_d;
};

std::vector<ActCase> act_cases() {
  using namespace nn_tf;
  return {
      {"Relu6", [](const Output& x) { return relu6(x); }, &kRelu6F, &kRelu6GradF, &kRelu6D,
       &kRelu6GradD},
      {"Elu", [](const Output& x) { return elu(x); }, &kEluF, &kEluGradF, &kEluD, &kEluGradD},
      {"Selu", [](const Output& x) { return selu(x); }, &kSeluF, &kSeluGradF, &kSeluD, &kSeluGradD},
      {"Softplus", [](const Output& x) { return softplus(x); }, &kSoftplusF, &kSoftplusGradF,
       &kSoftplusD, &kSoftplusGradD},
      {"Softsign", [](const Output& x) { return softsign(x); }, &kSoftsignF, &kSoftsignGradF,
       &kSoftsignD, &kSoftsignGradD},
      {"LeakyRelu", [](const Output& x) { return leaky_relu(x); }, &kLeakyReluF, &kLeakyReluGradF,
       &kLeakyReluD, &kLeakyReluGradD},
      {"LeakyRelu3", [](const Output& x) { return leaky_relu(x, 3.0f); }, &kLeakyRelu3F,
       &kLeakyRelu3GradF, &kLeakyRelu3D, &kLeakyRelu3GradD},
  };
}

TEST(NnActivation, ValuesAndGradientsMatchTensorFlow) {
  const Shape shape({static_cast<int64_t>(nn_tf::kX.size())});
  for (const ActCase& c : act_cases()) {
    for (DType dtype : {DType::kFloat, DType::kDouble}) {
      Graph g;
      Output x = constant(g, make(dtype, shape, nn_tf::kX));
      Output gy = constant(g, make(dtype, shape, nn_tf::kG));
      Output y = c.fn(x);
      Output dx = gradients({y}, {x}, {gy})[0];
      Session s(g);
      std::vector<Tensor> r = s.run({y, dx});
      const bool f = dtype == DType::kFloat;
      expect_close(r[0], f ? *c.value_f : *c.value_d, std::string(c.name) + " value");
      expect_close(r[1], f ? *c.grad_f : *c.grad_d, std::string(c.name) + " grad");
    }
  }
}

TEST(NnActivation, SecondDerivativesMatchTensorFlow) {
  using namespace nn_tf;
  struct Case {
    Fn fn;
    const std::vector<double>* f;
    const std::vector<double>* d;
  };
  const std::vector<Case> cases = {
      {[](const Output& x) { return elu(x); }, &kEluSecondF, &kEluSecondD},
      {[](const Output& x) { return selu(x); }, &kSeluSecondF, &kSeluSecondD},
      {[](const Output& x) { return softplus(x); }, &kSoftplusSecondF, &kSoftplusSecondD},
  };
  const Shape shape({static_cast<int64_t>(kX.size())});
  for (const Case& c : cases) {
    for (DType dtype : {DType::kFloat, DType::kDouble}) {
      Graph g;
      Output x = constant(g, make(dtype, shape, kX));
      Output gy = constant(g, make(dtype, shape, kG));
      Output dx = gradients({c.fn(x)}, {x})[0];
      Output ddx = gradients({dx}, {x}, {gy})[0];
      Session s(g);
      expect_close(s.run(ddx), dtype == DType::kFloat ? *c.f : *c.d, "second derivative");
    }
  }
}

std::vector<double> random_values(int64_t n, double lo, double hi, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<double> v(n);
  for (double& x : v) {
    x = dist(rng);
    if (rng() & 1) x = -x;  // |x| in [lo, hi], away from the kink at 0
  }
  return v;
}

TEST(NnActivation, GradientsMatchFiniteDifferences) {
  const Shape shape({3, 4});
  for (const ActCase& c : act_cases()) {
    Graph g;
    Output x = placeholder(g, DType::kDouble, shape, "x");
    // Relu6 also has a kink at 6: stay inside (0.2, 5).
    const double err = compute_gradient_error(
        g, {x}, {make(DType::kDouble, shape, random_values(12, 0.2, 5, 7))}, c.fn(x), 1e-6);
    EXPECT_LT(err, 1e-6) << c.name;
  }
  for (const ActCase& c : act_cases()) {
    Graph g;
    Output x = placeholder(g, DType::kFloat, shape, "x");
    const double err = compute_gradient_error(
        g, {x}, {make(DType::kFloat, shape, random_values(12, 0.2, 5, 9))}, c.fn(x), 1e-3);
    EXPECT_LT(err, 5e-3) << c.name;
  }
}

// The *Grad helpers' own gradients, checked on both inputs (second derivatives).
TEST(NnActivation, GradHelperGradientsMatchFiniteDifferences) {
  const Shape shape({2, 5});
  struct Case {
    const char* op;
    double lo, hi;  // |features| range
  };
  for (const Case& c : std::vector<Case>{{"Relu6Grad", 0.2, 5},
                                         {"EluGrad", 0.1, 0.9},  // outputs of Elu: > -1
                                         {"SeluGrad", 0.1, 1.5},
                                         {"SoftplusGrad", 0.1, 3},
                                         {"LeakyReluGrad", 0.2, 3}}) {
    Graph g;
    Output dy = placeholder(g, DType::kDouble, shape, "dy");
    Output f = placeholder(g, DType::kDouble, shape, "f");
    Output y = OpBuilder(c.op).input(dy).input(f).build();
    const double err =
        compute_gradient_error(g, {dy, f},
                               {make(DType::kDouble, shape, random_values(10, 0.5, 2, 3)),
                                make(DType::kDouble, shape, random_values(10, c.lo, c.hi, 5))},
                               y, 1e-6);
    EXPECT_LT(err, 1e-6) << c.op;
  }
}

TEST(NnActivation, SoftsignGradHasNoGradientAsInTensorFlow) {
  Graph g;
  Output x = placeholder(g, DType::kDouble, Shape({3}), "x");
  Output dx = gradients({softsign(x)}, {x})[0];
  EXPECT_THROW(gradients({dx}, {x}), Error);
}

TEST(NnActivation, NanAndIntegerRelu6) {
  Graph g;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Output x = constant(g, Tensor::from_vector<float>({nan, -1, 7}, Shape({3})));
  Session s(g);
  std::vector<float> r = s.run(relu6(x)).to_vector<float>();
  EXPECT_TRUE(std::isnan(r[0]));
  EXPECT_EQ(r[1], 0);
  EXPECT_EQ(r[2], 6);
  std::vector<float> l = s.run(leaky_relu(x)).to_vector<float>();
  EXPECT_TRUE(std::isnan(l[0]));
  EXPECT_FLOAT_EQ(l[1], -0.2f);
  Output xi = constant(g, Tensor::from_vector<int32_t>({-3, 2, 9}, Shape({3})));
  EXPECT_EQ(s.run(relu6(xi)).to_vector<int32_t>(), (std::vector<int32_t>{0, 2, 6}));
  Output gi = constant(g, Tensor::from_vector<int32_t>({5, 5, 5}, Shape({3})));
  EXPECT_EQ(s.run(OpBuilder("Relu6Grad").input(gi).input(xi).build()).to_vector<int32_t>(),
            (std::vector<int32_t>{0, 5, 0}));
  EXPECT_THROW(elu(xi), Error);
}

// Scalar references for the float32 SIMD loops (all tails, threads): the formulas TF states.
float reference(const std::string& op, float x) {
  if (op == "Relu6") return x < 0 ? 0 : (x > 6 ? 6 : x);
  if (op == "Elu") return x < 0 ? std::exp(x) - 1 : x;
  if (op == "Selu")
    return x < 0 ? 1.7580993408473768599402175208123f * (std::exp(x) - 1)
                 : 1.0507009873554804934193349852946f * x;
  if (op == "Softplus")
    return x > 13.94238f ? x : (x < -13.94238f ? std::exp(x) : std::log1p(std::exp(x)));
  if (op == "Softsign") return x / (std::abs(x) + 1);
  return x > 0 ? x : 0.2f * x;  // LeakyRelu
}

TEST(NnActivation, LargeFloatTensorsMatchScalarReference) {
  for (int64_t n : {int64_t{1}, int64_t{7}, int64_t{17}, int64_t{100003}}) {
    std::vector<float> v(n);
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> dist(-20, 20);
    for (float& x : v) x = dist(rng);
    for (const char* op : {"Relu6", "Elu", "Selu", "Softplus", "Softsign", "LeakyRelu"}) {
      Graph g;
      Output x = constant(g, Tensor::from_vector<float>(v, Shape({n})));
      Session s(g);
      std::vector<float> r = s.run(OpBuilder(op).input(x).build()).to_vector<float>();
      for (int64_t i = 0; i < n; ++i) {
        const float want = reference(op, v[i]);
        ASSERT_NEAR(r[i], want, 2e-6f * std::max(1.0f, std::abs(want))) << op << " x=" << v[i];
      }
    }
  }
}

TEST(NnActivation, GradHelperShapeErrors) {
  Graph g;
  Output a = constant(g, Tensor::zeros(DType::kFloat, Shape({2})));
  Output b = constant(g, Tensor::zeros(DType::kFloat, Shape({3})));
  for (const char* op :
       {"Relu6Grad", "EluGrad", "SeluGrad", "SoftplusGrad", "SoftsignGrad", "LeakyReluGrad"}) {
    try {
      OpBuilder(op).input(a).input(b).build();
      ADD_FAILURE() << op;
    } catch (const Error& e) {
      EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
      EXPECT_NE(std::string(e.what()).find("Dimension 0 in both shapes must be equal, but are 2 "
                                           "and 3. Shapes are [2] and [3]."),
                std::string::npos)
          << e.what();
    }
  }
  // Fed shapes are checked again at run time, with TF's kernel message.
  Output pa = placeholder(g, DType::kFloat, Shape::unknown(), "pa");
  Output pb = placeholder(g, DType::kFloat, Shape::unknown(), "pb");
  Output y = OpBuilder("LeakyReluGrad").input(pa).input(pb).build();
  Session s(g);
  std::vector<Tensor> out;
  Status st = s.run({{pa, Tensor::zeros(DType::kFloat, Shape({2}))},
                     {pb, Tensor::zeros(DType::kFloat, Shape({3}))}},
                    {y}, {}, &out);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("Inputs to operation LeakyReluGrad of type LeakyReluGrad must "
                              "have the same size and shape.  Input 0: [2] != input 1: [3]"),
            std::string::npos)
      << st.message();
}

// ---- BiasAdd ----

TEST(NnBiasAdd, ValuesMatchTensorFlow) {
  using namespace nn_tf;
  for (DType dtype : {DType::kFloat, DType::kDouble}) {
    const bool f = dtype == DType::kFloat;
    Graph g;
    Output v = constant(g, make(dtype, Shape({2, 3, 4}), kBiasValue));
    Output v4 = constant(g, make(dtype, Shape({2, 3, 2, 2}), kBiasValue4));
    Output b4 = constant(g, make(dtype, Shape({4}), kBias4));
    Output b3 = constant(g, make(dtype, Shape({3}), kBias3));
    Output w = constant(g, make(dtype, Shape({24}), kBiasW));
    Output nchw = bias_add(v4, b3, "NCHW");
    Output loss = reduce_sum(multiply(reshape(nchw, {-1}), w));
    std::vector<Output> d = gradients({loss}, {v4, b3});
    auto grad_op = [](const Output& x, const char* format) {
      return OpBuilder("BiasAddGrad").input(x).attr("data_format", std::string(format)).build();
    };
    Output ddv = gradients({grad_op(v4, "NCHW")}, {v4}, {b3})[0];
    Session s(g);
    std::vector<Tensor> r =
        s.run({bias_add(v, b4), nchw, bias_add(v, b3, "NCHW"), grad_op(v, "NHWC"),
               grad_op(v4, "NCHW"), grad_op(v, "NCHW"), d[0], d[1], ddv});
    expect_close(r[0], f ? kBiasAddNhwcF : kBiasAddNhwcD, "nhwc");
    expect_close(r[1], f ? kBiasAddNchwF : kBiasAddNchwD, "nchw");
    expect_close(r[2], f ? kBiasAddNchw3F : kBiasAddNchw3D, "nchw rank 3");
    expect_close(r[3], f ? kBiasAddGradNhwcF : kBiasAddGradNhwcD, "grad nhwc");
    expect_close(r[4], f ? kBiasAddGradNchwF : kBiasAddGradNchwD, "grad nchw");
    expect_close(r[5], f ? kBiasAddGradNchw3F : kBiasAddGradNchw3D, "grad nchw rank 3");
    expect_close(r[6], f ? kBiasAddDvNchwF : kBiasAddDvNchwD, "dvalue");
    expect_close(r[7], f ? kBiasAddDbNchwF : kBiasAddDbNchwD, "dbias");
    expect_close(r[8], f ? kBiasAddGradGradNchwF : kBiasAddGradGradNchwD, "BiasAddGrad grad");
    EXPECT_EQ(d[1].node->op(), "BiasAddGrad");
    EXPECT_EQ(d[1].node->attr<std::string>("data_format"), "NCHW");
  }
}

TEST(NnBiasAdd, GradientsMatchFiniteDifferences) {
  for (const char* format : {"NHWC", "NCHW"}) {
    Graph g;
    Output v = placeholder(g, DType::kDouble, Shape({2, 3, 2, 2}), "v");
    Output b = placeholder(g, DType::kDouble, Shape({std::string(format) == "NCHW" ? 3 : 2}), "b");
    Output y = bias_add(v, b, format);
    const double err = compute_gradient_error(
        g, {v, b},
        {make(DType::kDouble, Shape({2, 3, 2, 2}), random_values(24, 0.1, 2, 1)),
         make(DType::kDouble, b.shape(), random_values(3, 0.1, 2, 2))},
        y, 1e-6);
    EXPECT_LT(err, 1e-9) << format;
    // BiasAddGrad's own gradient (tiles the bias-shaped gradient back).
    Output gb = OpBuilder("BiasAddGrad").input(v).attr("data_format", std::string(format)).build();
    EXPECT_LT(compute_gradient_error(
                  g, {v}, {make(DType::kDouble, Shape({2, 3, 2, 2}), random_values(24, 0.1, 2, 4))},
                  gb, 1e-6),
              1e-9)
        << format;
  }
  Graph g;
  Output v = placeholder(g, DType::kDouble, Shape({3, 2, 4}), "v");
  Output b = placeholder(g, DType::kDouble, Shape({4}), "b");
  Output y = OpBuilder("BiasAddV1").input(v).input(b).build();
  EXPECT_LT(
      compute_gradient_error(g, {v, b},
                             {make(DType::kDouble, Shape({3, 2, 4}), random_values(24, 0.1, 2, 1)),
                              make(DType::kDouble, Shape({4}), random_values(4, 0.1, 2, 2))},
                             y, 1e-6),
      1e-9);
}

TEST(NnBiasAdd, IntegersByHand) {
  Graph g;
  Output v = constant(g, Tensor::from_vector<int32_t>({1, 2, 3, 4, 5, 6}, Shape({2, 3})));
  Output b = constant(g, Tensor::from_vector<int32_t>({10, 20, 30}, Shape({3})));
  Session s(g);
  EXPECT_EQ(s.run(bias_add(v, b)).to_vector<int32_t>(),
            (std::vector<int32_t>{11, 22, 33, 14, 25, 36}));
  EXPECT_EQ(s.run(OpBuilder("BiasAddGrad").input(v).build()).to_vector<int32_t>(),
            (std::vector<int32_t>{5, 7, 9}));
}

TEST(NnBiasAdd, ConstructionErrorsUseTensorFlowText) {
  Graph g;
  auto z = [&](std::vector<int64_t> dims) {
    return constant(g, Tensor::zeros(DType::kFloat, Shape(dims)));
  };
  expect_construction_error([&] { bias_add(z({3}), z({3})); },
                            "Shape must be at least rank 2 but is rank 1");
  expect_construction_error(
      [&] {
        bias_add(z({2, 3}), z({1, 3}));
      },
      "Shape must be rank 1 but is rank 2");
  expect_construction_error(
      [&] {
        bias_add(z({2, 3}), z({4}));
      },
      "Dimensions must be equal, but are 3 and 4");
  expect_construction_error(
      [&] {
        bias_add(z({2, 3, 4, 5}), z({4}), "NCHW");
      },
      "Dimensions must be equal, but are 3 and 4");
  expect_construction_error(
      [&] {
        bias_add(z({2, 3}), z({3}), "NCHW");
      },
      "Shape must be at least rank 3 but is rank 2");
  expect_construction_error([&] { bias_add(z({2, 3}), z({3}), "NDHWC"); }, "NDHWC");
  expect_construction_error([&] { OpBuilder("BiasAddGrad").input(z({3})).build(); },
                            "Shape must be at least rank 2 but is rank 1");
  expect_construction_error(
      [&] {
        OpBuilder("BiasAddGrad").input(z({2, 3})).attr("data_format", std::string("NCHW")).build();
      },
      "Shape must be at least rank 3 but is rank 2");
}

TEST(NnBiasAdd, PartialShapes) {
  Graph g;
  auto p = [&](const Shape& s) { return placeholder(g, DType::kFloat, s); };
  EXPECT_EQ(bias_add(p(Shape({-1, -1, -1})), p(Shape({5}))).shape(), Shape({-1, -1, 5}));
  EXPECT_EQ(bias_add(p(Shape({-1, -1, -1, -1})), p(Shape({5})), "NCHW").shape(),
            Shape({-1, 5, -1, -1}));
  EXPECT_EQ(bias_add(p(Shape({-1, 4, -1})), p(Shape::unknown()), "NCHW").shape(),
            Shape({-1, 4, -1}));
  EXPECT_EQ(bias_add(p(Shape::unknown()), p(Shape({5}))).shape(), Shape::unknown());
  auto grad = [&](const Shape& s, const char* format) {
    return OpBuilder("BiasAddGrad").input(p(s)).attr("data_format", std::string(format)).build();
  };
  EXPECT_EQ(grad(Shape({-1, 4, -1}), "NCHW").shape(), Shape({4}));
  EXPECT_EQ(grad(Shape({-1, 4, 7}), "NHWC").shape(), Shape({7}));
  EXPECT_EQ(grad(Shape::unknown(), "NCHW").shape(), Shape({-1}));
}

TEST(NnBiasAdd, FedShapesAreCheckedAtRunTime) {
  Graph g;
  Output v = placeholder(g, DType::kFloat, Shape::unknown(), "v");
  Output b = placeholder(g, DType::kFloat, Shape::unknown(), "b");
  Output y = bias_add(v, b);
  Output gy = OpBuilder("BiasAddGrad").input(v).build();
  Session s(g);
  auto run = [&](const Output& out, const Shape& vs, const Shape& bs) {
    std::vector<Tensor> r;
    return s.run({{v, Tensor::zeros(DType::kFloat, vs)}, {b, Tensor::zeros(DType::kFloat, bs)}},
                 {out}, {}, &r);
  };
  Status st = run(y, Shape({3}), Shape({3}));
  EXPECT_NE(st.message().find("Input tensor must be at least 2D: [3]"), std::string::npos);
  st = run(y, Shape({2, 3}), Shape({1, 3}));
  EXPECT_NE(st.message().find("Biases must be 1D: [1,3]"), std::string::npos);
  st = run(y, Shape({2, 3}), Shape({4}));
  EXPECT_NE(st.message().find("Must provide as many biases as the last dimension of the input "
                              "tensor: [4] vs. [2,3]"),
            std::string::npos)
      << st.message();
  st = run(gy, Shape({3}), Shape({3}));
  EXPECT_NE(st.message().find("Input tensor must be at least 2D: [3]"), std::string::npos);
  EXPECT_EQ(run(y, Shape({0, 3}), Shape({3})).code(), Code::kOk);
}

// Large float32 tensors through the SIMD + OpenMP paths, against plain loops.
TEST(NnBiasAdd, LargeFloatMatchesLoops) {
  const int64_t n = 16, h = 28, w = 28, c = 32;
  std::vector<float> value(n * h * w * c), bias(c);
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (float& x : value) x = dist(rng);
  for (float& x : bias) x = dist(rng);
  Graph g;
  Output v = constant(g, Tensor::from_vector<float>(value, Shape({n, h, w, c})));
  Output b = constant(g, Tensor::from_vector<float>(bias, Shape({c})));
  // The same data read as NCHW [n, c, h, w] with c = 32 planes per image... of 28*28 values.
  Output v_nchw = reshape(v, std::vector<int>{static_cast<int>(n), static_cast<int>(c),
                                              static_cast<int>(h), static_cast<int>(w)});
  Session s(g);
  std::vector<Tensor> r = s.run(
      {bias_add(v, b), bias_add(v_nchw, b, "NCHW"), OpBuilder("BiasAddGrad").input(v).build(),
       OpBuilder("BiasAddGrad").input(v_nchw).attr("data_format", std::string("NCHW")).build()});
  const float* nhwc = r[0].data<float>();
  const float* nchw = r[1].data<float>();
  std::vector<double> sum_nhwc(c, 0), sum_nchw(c, 0);
  for (int64_t i = 0; i < n * h * w * c; ++i) {
    ASSERT_EQ(nhwc[i], value[i] + bias[i % c]);
    const int64_t channel = (i / (h * w)) % c;
    ASSERT_EQ(nchw[i], value[i] + bias[channel]);
    sum_nhwc[i % c] += value[i];
    sum_nchw[channel] += value[i];
  }
  for (int64_t k = 0; k < c; ++k) {
    EXPECT_NEAR(r[2].data<float>()[k], sum_nhwc[k], 1e-3) << k;
    EXPECT_NEAR(r[3].data<float>()[k], sum_nchw[k], 1e-3) << k;
  }
}

}  // namespace
}  // namespace liu
