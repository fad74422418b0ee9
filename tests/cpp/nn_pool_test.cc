// Pooling and LRN: values, gradients and second-order gradient ops against real TensorFlow
// 2.21 (tests/generate/nn_pool.py, including windows with tied maxima), finite-difference
// gradient checks, a large multi-threaded case against a naive loop written here, TF's error
// texts, partial shape inference, and fed shapes the kernels must refuse.
#include "liu/api/nn_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include "liu/liu.h"

namespace liu {
namespace {

struct PoolCase {
  const char* name;
  const char* op;
  std::vector<int64_t> shape, ksize, strides;
  const char* padding;
  const char* format;
  std::vector<int64_t> explicit_paddings;
  std::vector<float> x, y, dy, dx, ddx, ddy;
};

struct LrnCase {
  const char* name;
  std::vector<int64_t> shape;
  int64_t radius;
  double bias, alpha, beta;
  std::vector<float> x, y, dy, dx;
};

const std::vector<PoolCase>& pool_cases() {
  static const std::vector<PoolCase> cases = {
#define LIU_NN_POOL_CASES
#include "data/nn_pool.inc"
#undef LIU_NN_POOL_CASES
  };
  return cases;
}

const std::vector<LrnCase>& lrn_cases() {
  static const std::vector<LrnCase> cases = {
#define LIU_NN_LRN_CASES
#include "data/nn_pool.inc"
#undef LIU_NN_LRN_CASES
  };
  return cases;
}

Tensor make(DType dtype, const Shape& shape, const std::vector<float>& v) {
  Tensor t = Tensor::zeros(dtype, shape);
  for (int64_t i = 0; i < t.num_elements(); ++i) {
    if (dtype == DType::kDouble)
      t.data<double>()[i] = v[i];
    else
      t.data<float>()[i] = v[i];
  }
  return t;
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> v(t.num_elements());
  for (int64_t i = 0; i < t.num_elements(); ++i)
    v[i] = t.dtype() == DType::kDouble ? t.data<double>()[i] : t.data<float>()[i];
  return v;
}

void expect_near_all(const Tensor& got, const std::vector<float>& want, double tol,
                     const std::string& what) {
  ASSERT_EQ(got.num_elements(), static_cast<int64_t>(want.size())) << what;
  std::vector<double> v = values(got);
  for (size_t i = 0; i < want.size(); ++i)
    ASSERT_NEAR(v[i], want[i], tol * (1 + std::fabs(want[i]))) << what << " element " << i;
}

Output pool(const PoolCase& c, const Output& x) {
  if (std::string(c.op) == "MaxPool")
    return max_pool(x, c.ksize, c.strides, c.padding, c.format, "MaxPool", c.explicit_paddings);
  return avg_pool(x, c.ksize, c.strides, c.padding, c.format);
}

class NnPoolTf : public ::testing::TestWithParam<DType> {};

TEST_P(NnPoolTf, ForwardGradientAndGradGradMatchTensorFlow) {
  const DType dtype = GetParam();
  for (const PoolCase& c : pool_cases()) {
    SCOPED_TRACE(c.name);
    Graph g;
    const Shape shape(c.shape);
    Output x = placeholder(g, dtype, shape, "x");
    Output y = pool(c, x);
    Tensor xv = make(dtype, shape, c.x);
    Session s(g);
    Tensor yv = s.run(y, {{x, xv}});
    expect_near_all(yv, c.y, 1e-6, "forward");
    EXPECT_TRUE(y.shape().is_compatible_with(yv.shape()));
    if (c.dx.empty()) continue;
    Output dy = constant(g, make(dtype, yv.shape(), c.dy));
    Output dx = gradients({y}, {x}, {dy})[0];
    EXPECT_EQ(dx.node->name(), std::string("gradients/") + c.op + "_grad/" + c.op + "Grad");
    Session s2(g);
    expect_near_all(s2.run(dx, {{x, xv}}), c.dx, 1e-6, "gradient");
    if (c.ddy.empty()) continue;
    Output ddx = constant(g, make(dtype, shape, c.ddx));
    Output ddy = max_pool_grad_grad(x, y, ddx, c.ksize, c.strides, c.padding, c.format);
    EXPECT_EQ(ddy.shape(), yv.shape());
    Session s3(g);
    expect_near_all(s3.run(ddy, {{x, xv}}), c.ddy, 1e-6, "MaxPoolGradGrad");
  }
}

INSTANTIATE_TEST_SUITE_P(Dtypes, NnPoolTf, ::testing::Values(DType::kFloat, DType::kDouble),
                         [](const auto& info) { return std::string(dtype_name(info.param)); });

TEST(NnLrnTf, ForwardAndGradientMatchTensorFlow) {
  for (const LrnCase& c : lrn_cases()) {
    SCOPED_TRACE(c.name);
    Graph g;
    const Shape shape(c.shape);
    Output x = placeholder(g, DType::kFloat, shape, "x");
    Output y =
        local_response_normalization(x, c.radius, static_cast<float>(c.bias),
                                     static_cast<float>(c.alpha), static_cast<float>(c.beta));
    Output dx = gradients({y}, {x}, {constant(g, make(DType::kFloat, shape, c.dy))})[0];
    EXPECT_EQ(dx.node->name(), "gradients/LRN_grad/LRNGrad");
    Session s(g);
    std::vector<Tensor> out = s.run({y, dx}, {{x, make(DType::kFloat, shape, c.x)}});
    expect_near_all(out[0], c.y, 2e-6, "LRN");
    expect_near_all(out[1], c.dx, 2e-5, "LRNGrad");
  }
}

TEST(NnPoolHand, MaxPoolGradRoutesTiesToFirstMaximum) {
  Graph g;
  Output x = constant(g, Tensor::from_vector<float>({3, 1, 3, 3, 3, 3}, Shape({1, 2, 3, 1})));
  // Windows: cols {0,1} and {1,2} over both rows (stride 1); the maximum 3 is tied 3 and 4
  // times: each gradient goes to the first in row-major order (flat indices 0 and 2).
  Output y = max_pool(x, {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID");
  Output dx = gradients(
      {y}, {x}, {constant(g, Tensor::from_vector<float>({10, 20}, Shape({1, 1, 2, 1})))})[0];
  Session s(g);
  EXPECT_EQ(s.run(y).to_vector<float>(), (std::vector<float>{3, 3}));
  EXPECT_EQ(s.run(dx).to_vector<float>(), (std::vector<float>{10, 0, 20, 0, 0, 0}));
}

TEST(NnPoolHand, AvgPoolSameDividesByValidCount) {
  Graph g;
  Output x = constant(g, Tensor::from_vector<float>({1, 2, 3, 4}, Shape({1, 2, 2, 1})));
  // 3x3 SAME windows centred on each pixel cover all 4 inputs: every output is the mean 2.5.
  Output y = avg_pool(x, {1, 3, 3, 1}, {1, 1, 1, 1}, "SAME");
  Session s(g);
  EXPECT_EQ(s.run(y).to_vector<float>(), (std::vector<float>{2.5, 2.5, 2.5, 2.5}));
}

// Naive max pooling and first-maximum routing, NHWC, written independently of the kernels.
void naive_max_pool(const std::vector<float>& x, const std::vector<float>& dy, int n, int h, int w,
                    int c, int k, int s, int oh, int ow, int pad, std::vector<float>* y,
                    std::vector<float>* dx) {
  y->assign(static_cast<size_t>(n) * oh * ow * c, 0);
  dx->assign(x.size(), 0);
  for (int b = 0; b < n; ++b)
    for (int i = 0; i < oh; ++i)
      for (int j = 0; j < ow; ++j)
        for (int d = 0; d < c; ++d) {
          float best = -INFINITY;
          size_t arg = 0;
          for (int a = 0; a < k; ++a)
            for (int e = 0; e < k; ++e) {
              const int r = i * s - pad + a, q = j * s - pad + e;
              if (r < 0 || r >= h || q < 0 || q >= w) continue;
              const size_t at = ((static_cast<size_t>(b) * h + r) * w + q) * c + d;
              if (x[at] > best) best = x[at], arg = at;
            }
          const size_t o = ((static_cast<size_t>(b) * oh + i) * ow + j) * c + d;
          (*y)[o] = best;
          (*dx)[arg] += dy[o];
        }
}

TEST(NnPoolLarge, ThreadedMaxPoolAndGradMatchNaiveLoops) {
  const int n = 6, h = 23, w = 19, c = 20, k = 3, s = 2;
  const int oh = (h + s - 1) / s, ow = (w + s - 1) / s;
  const int pad_h = ((oh - 1) * s + k - h) / 2;
  const int pad_w = ((ow - 1) * s + k - w) / 2;
  ASSERT_EQ(pad_h, pad_w);
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> dist(0, 7);  // many ties
  std::vector<float> x(static_cast<size_t>(n) * h * w * c),
      dy(static_cast<size_t>(n) * oh * ow * c);
  for (float& v : x) v = static_cast<float>(dist(rng));
  for (float& v : dy) v = static_cast<float>(dist(rng)) - 3;
  std::vector<float> y_ref, dx_ref;
  naive_max_pool(x, dy, n, h, w, c, k, s, oh, ow, pad_h, &y_ref, &dx_ref);
  for (int threads : {1, 2, 3}) {
    Graph g;
    Output xi = constant(g, Tensor::from_vector(x, Shape({n, h, w, c})));
    Output y = max_pool(xi, {1, k, k, 1}, {1, s, s, 1}, "SAME");
    Output dyi = constant(g, Tensor::from_vector(dy, Shape({n, oh, ow, c})));
    Output dx = gradients({y}, {xi}, {dyi})[0];
    SessionOptions options;
    options.intra_op_threads = threads;
    Session sess(g, options);
    std::vector<Tensor> out = sess.run({y, dx});
    EXPECT_EQ(out[0].to_vector<float>(), y_ref) << threads;
    EXPECT_EQ(out[1].to_vector<float>(), dx_ref) << threads;
  }
}

// Naive average pooling and its gradient, NHWC, dividing by the number of input pixels each
// window covers; written independently of the kernels.
void naive_avg_pool(const std::vector<float>& x, const std::vector<float>& dy, int n, int h, int w,
                    int c, int k, int s, int oh, int ow, int pad, std::vector<float>* y,
                    std::vector<float>* dx) {
  y->assign(static_cast<size_t>(n) * oh * ow * c, 0);
  dx->assign(x.size(), 0);
  for (int b = 0; b < n; ++b)
    for (int i = 0; i < oh; ++i)
      for (int j = 0; j < ow; ++j)
        for (int d = 0; d < c; ++d) {
          double sum = 0;
          int count = 0;
          for (int pass = 0; pass < 2; ++pass)
            for (int a = 0; a < k; ++a)
              for (int e = 0; e < k; ++e) {
                const int r = i * s - pad + a, q = j * s - pad + e;
                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                const size_t at = ((static_cast<size_t>(b) * h + r) * w + q) * c + d;
                const size_t o = ((static_cast<size_t>(b) * oh + i) * ow + j) * c + d;
                if (pass == 0) {
                  sum += x[at];
                  ++count;
                } else {
                  (*dx)[at] += dy[o] / count;
                }
              }
          (*y)[((static_cast<size_t>(b) * oh + i) * ow + j) * c + d] = sum / count;
        }
}

void expect_close(const std::vector<float>& got, const std::vector<float>& want,
                  const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i)
    ASSERT_NEAR(got[i], want[i], 1e-5 * (1 + std::fabs(want[i]))) << what << " element " << i;
}

// Channel counts that fill whole SIMD vectors (and one that does not), windows inside and
// clipped by the image, disjoint, tiling and overlapping windows, and a gradient large enough
// to be written with streaming stores: max and average pooling and both gradients against
// naive loops, on 1 and 2 threads.
TEST(NnPoolLarge, VectorChannelPathsMatchNaiveLoops) {
  struct Case {
    int n, h, w, c, k, s;
    const char* padding;
  };
  const std::vector<Case> cases = {{3, 9, 10, 48, 2, 2, "VALID"},
                                   {3, 9, 10, 48, 2, 2, "SAME"},
                                   {2, 9, 7, 64, 3, 2, "SAME"},
                                   {2, 8, 9, 32, 3, 1, "SAME"},
                                   {2, 7, 8, 35, 3, 1, "VALID"},
                                   {64, 32, 32, 32, 2, 2, "VALID"},
                                   // Channels narrower than a vector (LeNet's 6 and 16).
                                   {3, 11, 13, 6, 2, 2, "VALID"},
                                   {2, 10, 9, 6, 3, 2, "SAME"},
                                   {2, 9, 9, 1, 2, 1, "SAME"},
                                   {2, 8, 10, 20, 3, 3, "SAME"}};
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> dist(0, 7);  // many ties
  for (const Case& t : cases) {
    const bool same = std::string(t.padding) == "SAME";
    const int oh = same ? (t.h + t.s - 1) / t.s : (t.h - t.k) / t.s + 1;
    const int ow = same ? (t.w + t.s - 1) / t.s : (t.w - t.k) / t.s + 1;
    const int pad_h = same ? std::max(0, ((oh - 1) * t.s + t.k - t.h) / 2) : 0;
    const int pad_w = same ? std::max(0, ((ow - 1) * t.s + t.k - t.w) / 2) : 0;
    if (pad_h != pad_w) continue;  // the naive loops take one padding
    SCOPED_TRACE(std::to_string(t.c) + " channels, " + std::to_string(t.k) + "x" +
                 std::to_string(t.k) + "/" + std::to_string(t.s) + " " + t.padding);
    std::vector<float> x(static_cast<size_t>(t.n) * t.h * t.w * t.c),
        dy(static_cast<size_t>(t.n) * oh * ow * t.c);
    for (float& v : x) v = static_cast<float>(dist(rng));
    for (float& v : dy) v = static_cast<float>(dist(rng)) - 3;
    std::vector<float> max_y, max_dx, avg_y, avg_dx;
    naive_max_pool(x, dy, t.n, t.h, t.w, t.c, t.k, t.s, oh, ow, pad_h, &max_y, &max_dx);
    naive_avg_pool(x, dy, t.n, t.h, t.w, t.c, t.k, t.s, oh, ow, pad_h, &avg_y, &avg_dx);
    const std::vector<int64_t> ksize = {1, t.k, t.k, 1}, strides = {1, t.s, t.s, 1};
    for (int threads : {1, 2}) {
      Graph g;
      Output xi = constant(g, Tensor::from_vector(x, Shape({t.n, t.h, t.w, t.c})));
      Output dyi = constant(g, Tensor::from_vector(dy, Shape({t.n, oh, ow, t.c})));
      Output my = max_pool(xi, ksize, strides, t.padding);
      Output mdx = max_pool_grad(xi, my, dyi, ksize, strides, t.padding);
      Output ay = avg_pool(xi, ksize, strides, t.padding);
      Output adx = avg_pool_grad(shape(xi), dyi, ksize, strides, t.padding);
      SessionOptions options;
      options.intra_op_threads = threads;
      Session sess(g, options);
      std::vector<Tensor> out = sess.run({my, mdx, ay, adx});
      EXPECT_EQ(out[0].to_vector<float>(), max_y) << threads;
      EXPECT_EQ(out[1].to_vector<float>(), max_dx) << threads;
      expect_close(out[2].to_vector<float>(), avg_y, "AvgPool");
      expect_close(out[3].to_vector<float>(), avg_dx, "AvgPoolGrad");
    }
  }
}

// LRN and LRNGrad of pixels with many channels against TF's formulas evaluated in double.
TEST(NnLrnLarge, VectorChannelPathsMatchNaiveLoops) {
  struct Case {
    int pixels, c, radius;
    float bias, alpha, beta;
  };
  const std::vector<Case> cases = {{50, 64, 5, 1.0f, 1.0f, 0.5f},
                                   {40, 37, 2, 2.0f, 0.1f, 0.75f},
                                   {30, 48, 3, 0.5f, 0.3f, 1.0f},
                                   {20, 33, 40, 1.5f, 0.05f, 0.3f}};
  std::mt19937 rng(6);
  std::uniform_real_distribution<float> dist(-2, 2);
  for (const Case& t : cases) {
    SCOPED_TRACE(std::to_string(t.c) + " channels, radius " + std::to_string(t.radius));
    const size_t total = static_cast<size_t>(t.pixels) * t.c;
    std::vector<float> x(total), dy(total);
    for (float& v : x) v = dist(rng);
    for (float& v : dy) v = dist(rng);
    std::vector<float> y(total), dx(total);
    for (int p = 0; p < t.pixels; ++p) {
      const float* xp = x.data() + static_cast<size_t>(p) * t.c;
      const float* gp = dy.data() + static_cast<size_t>(p) * t.c;
      std::vector<double> norm(t.c);
      for (int i = 0; i < t.c; ++i) {
        double sq = 0;
        for (int j = std::max(0, i - t.radius); j <= std::min(t.c - 1, i + t.radius); ++j)
          sq += static_cast<double>(xp[j]) * xp[j];
        norm[i] = t.bias + t.alpha * sq;
        y[static_cast<size_t>(p) * t.c + i] =
            static_cast<float>(xp[i] * std::pow(norm[i], -t.beta));
      }
      // d y_j / d x_i = [i == j] norm_j^-beta - 2 alpha beta x_i x_j norm_j^(-beta-1), |i-j| <= r.
      for (int i = 0; i < t.c; ++i) {
        double sum = gp[i] * std::pow(norm[i], -t.beta);
        for (int j = std::max(0, i - t.radius); j <= std::min(t.c - 1, i + t.radius); ++j)
          sum -= 2.0 * t.alpha * t.beta * xp[i] * xp[j] * gp[j] * std::pow(norm[j], -t.beta - 1);
        dx[static_cast<size_t>(p) * t.c + i] = static_cast<float>(sum);
      }
    }
    for (int threads : {1, 2}) {
      Graph g;
      const Shape s4({1, 1, t.pixels, t.c});
      Output xi = constant(g, Tensor::from_vector(x, s4));
      Output yi = lrn(xi, t.radius, t.bias, t.alpha, t.beta);
      Output dxi = lrn_grad(constant(g, Tensor::from_vector(dy, s4)), xi, yi, t.radius, t.bias,
                            t.alpha, t.beta);
      SessionOptions options;
      options.intra_op_threads = threads;
      Session sess(g, options);
      std::vector<Tensor> out = sess.run({yi, dxi});
      expect_close(out[0].to_vector<float>(), y, "LRN");
      expect_close(out[1].to_vector<float>(), dx, "LRNGrad");
    }
  }
}

// Distinct input values (a shuffled ramp) so max pooling has no ties for finite differences.
Tensor shuffled_ramp(DType dtype, const Shape& shape, uint32_t seed) {
  std::vector<float> v(shape.num_elements());
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i) * 0.1f - 1;
  std::shuffle(v.begin(), v.end(), std::mt19937(seed));
  return make(dtype, shape, v);
}

struct CheckCase {
  std::vector<int64_t> shape, ksize, strides;
  const char* padding;
  const char* format;
};

const std::vector<CheckCase> kCheckCases = {
    {{2, 4, 5, 3}, {1, 2, 2, 1}, {1, 2, 2, 1}, "VALID", "NHWC"},
    {{1, 5, 5, 2}, {1, 3, 3, 1}, {1, 2, 2, 1}, "SAME", "NHWC"},
    {{1, 4, 3, 2}, {1, 2, 3, 1}, {1, 1, 1, 1}, "SAME", "NHWC"},
    {{2, 3, 4, 5}, {1, 1, 2, 2}, {1, 1, 1, 2}, "SAME", "NCHW"},
    // Windows wider than the input (where TF's own AvgPoolGrad is off; see the generator).
    {{1, 3, 4, 2}, {1, 5, 5, 1}, {1, 1, 1, 1}, "SAME", "NHWC"},
};

TEST(NnPoolGradCheck, MaxAndAvgPoolFloat64) {
  for (const CheckCase& c : kCheckCases) {
    for (bool is_max : {true, false}) {
      SCOPED_TRACE(std::string(is_max ? "max " : "avg ") + c.padding + " " + c.format);
      Graph g;
      const Shape shape(c.shape);
      Output x = placeholder(g, DType::kDouble, shape, "x");
      Output y = is_max ? max_pool(x, c.ksize, c.strides, c.padding, c.format)
                        : avg_pool(x, c.ksize, c.strides, c.padding, c.format);
      EXPECT_LT(compute_gradient_error(g, {x}, {shuffled_ramp(DType::kDouble, shape, 7)}, y, 1e-6),
                1e-8);
    }
  }
}

TEST(NnPoolGradCheck, MaxAndAvgPoolFloat32) {
  for (const CheckCase& c : kCheckCases) {
    Graph g;
    const Shape shape(c.shape);
    Output x = placeholder(g, DType::kFloat, shape, "x");
    Output y = avg_pool(max_pool(x, c.ksize, c.strides, c.padding, c.format), {1, 1, 1, 1},
                        {1, 1, 1, 1}, "VALID", c.format);
    EXPECT_LT(compute_gradient_error(g, {x}, {shuffled_ramp(DType::kFloat, shape, 9)}, y, 1e-3),
              1e-3);
  }
}

// The gradient ops are linear in their gradient input; their own gradients (MaxPoolGradGrad,
// AvgPool, MaxPoolGrad) are checked against finite differences in that input.
TEST(NnPoolGradCheck, SecondOrderGradientOpsFloat64) {
  for (const CheckCase& c : kCheckCases) {
    SCOPED_TRACE(std::string(c.padding) + " " + c.format);
    Graph g;
    const Shape shape(c.shape);
    Output x = constant(g, shuffled_ramp(DType::kDouble, shape, 11));
    Output y = max_pool(x, c.ksize, c.strides, c.padding, c.format);
    Session probe(g);
    const Shape out_shape = probe.run(y).shape();
    Output dy = placeholder(g, DType::kDouble, out_shape, "dy");
    Output dx = max_pool_grad(x, y, dy, c.ksize, c.strides, c.padding, c.format);
    Tensor dyv = shuffled_ramp(DType::kDouble, out_shape, 12);
    EXPECT_LT(compute_gradient_error(g, {dy}, {dyv}, dx, 1e-6), 1e-8);
    Output ddx = placeholder(g, DType::kDouble, shape, "ddx");
    Output ddy = max_pool_grad_grad(x, y, ddx, c.ksize, c.strides, c.padding, c.format);
    EXPECT_LT(
        compute_gradient_error(g, {ddx}, {shuffled_ramp(DType::kDouble, shape, 13)}, ddy, 1e-6),
        1e-8);
    Output da = avg_pool_grad(
        constant(g, Tensor::from_vector(std::vector<int32_t>(c.shape.begin(), c.shape.end()))), dy,
        c.ksize, c.strides, c.padding, c.format);
    EXPECT_LT(compute_gradient_error(g, {dy}, {dyv}, da, 1e-6), 1e-8);
  }
}

TEST(NnPoolGradCheck, SecondDerivativeGraphsUseTfOps) {
  Graph g;
  Output x = placeholder(g, DType::kDouble, Shape({1, 4, 4, 2}), "x");
  Output y = max_pool(x, {1, 2, 2, 1}, {1, 2, 2, 1}, "VALID");
  Output dx = gradients({y}, {x})[0];
  Output dy = placeholder(g, DType::kDouble, Shape({1, 4, 4, 2}), "dy");
  Output gg = gradients({dx}, {x}, {dy}, {"gg", {}})[0];
  (void)gg;
  EXPECT_NE(g.find_node("gg/gradients/MaxPool_grad/MaxPoolGrad_grad/MaxPoolGradGrad"), nullptr);
  EXPECT_NE(g.find_node("gg/gradients/MaxPool_grad/MaxPoolGrad_grad/zeros_like_1"), nullptr);
  Output a = avg_pool(x, {1, 2, 2, 1}, {1, 2, 2, 1}, "VALID");
  Output da_up = placeholder(g, DType::kDouble, Shape({1, 2, 2, 2}), "da_up");
  Output da = gradients({a}, {x}, {da_up}, {"ga", {}})[0];
  Output dda = gradients({da}, {da_up}, {dy}, {"gb", {}})[0];
  EXPECT_EQ(dda.node->name(), "gb/ga/AvgPool_grad/AvgPoolGrad_grad/AvgPool");
  EXPECT_NE(g.find_node("gb/ga/AvgPool_grad/AvgPoolGrad_grad/StopGradient"), nullptr);
}

TEST(NnLrnGradCheck, Float32) {
  Graph g;
  const Shape shape({1, 2, 3, 7});
  Output x = placeholder(g, DType::kFloat, shape, "x");
  Output y = lrn(x, 2, 1.5f, 0.3f, 0.75f);
  std::vector<float> v(shape.num_elements());
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> d(-1, 1);
  for (float& e : v) e = d(rng);
  EXPECT_LT(compute_gradient_error(g, {x}, {make(DType::kFloat, shape, v)}, y, 1e-2), 2e-3);
}

// Construction errors with TF's texts.
std::string construction_error(const std::function<void(Graph&)>& build) {
  Graph g;
  try {
    build(g);
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
    return e.status().message();
  }
  return "";
}

TEST(NnPoolErrors, AttrsAndShapesAtConstruction) {
  auto x = [](Graph& g, Shape s = Shape({1, 4, 4, 3})) { return placeholder(g, DType::kFloat, s); };
  auto has = [](const std::string& msg, const std::string& want) {
    EXPECT_NE(msg.find(want), std::string::npos) << "message: " << msg << "\nwanted: " << want;
  };
  has(construction_error([&](Graph& g) {
        max_pool(x(g), {1, 2, 2, 1, 1}, {1, 1, 1, 1}, "VALID");
      }),
      "MaxPool requires the ksize attribute to contain 4 values, but got: 5");
  has(construction_error([&](Graph& g) {
        avg_pool(x(g), {1, 2, 2, 1}, {1, 1, 1, 1, 1}, "VALID");
      }),
      "AvgPool requires the stride attribute to contain 4 values, but got: 5");
  has(construction_error([&](Graph& g) {
        max_pool(x(g), {1, 2, 2, 1}, {1, 0, 1, 1}, "VALID");
      }),
      "Stride must be > 0, but got 0");
  has(construction_error([&](Graph& g) {
        max_pool(x(g, Shape({4, 4, 3})), {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID");
      }),
      "Shape must be rank 4 but is rank 3");
  has(construction_error([&](Graph& g) {
        avg_pool(x(g), {1, 5, 2, 1}, {1, 1, 1, 1}, "VALID");
      }),
      "Negative dimension size caused by subtracting 5 from 4");
  has(construction_error([&](Graph& g) {
        max_pool(x(g), {1, 2, 2, 1}, {1, 1, 1, 1}, "EXPLICIT", "NHWC", "MaxPool", {0, 0, 1, 1});
      }),
      "explicit_paddings attribute must contain 8 values, but got: 4");
  has(construction_error([&](Graph& g) {
        max_pool(x(g), {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID", "NHWC", "MaxPool",
                 {0, 0, 1, 1, 1, 1, 0, 0});
      }),
      "explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT");
  has(construction_error([&](Graph& g) {
        max_pool(x(g), {1, 2, 2, 1}, {1, 1, 1, 1}, "EXPLICIT", "NHWC", "MaxPool",
                 {0, 0, -1, 1, 1, 1, 0, 0});
      }),
      "All elements of explicit_paddings must be nonnegative");
  has(construction_error([&](Graph& g) {
        max_pool(x(g), {1, 2, 2, 1}, {1, 1, 1, 1}, "EXPLICIT", "NHWC", "MaxPool",
                 {1, 0, 1, 1, 1, 1, 0, 0});
      }),
      "Nonzero explicit padding in the batch or depth dimensions is not supported");
  has(construction_error([&](Graph& g) {
        max_pool_grad_grad(x(g), x(g, Shape({1, 2, 2, 3})), x(g, Shape({1, 3, 4, 3})), {1, 2, 2, 1},
                           {1, 2, 2, 1}, "VALID");
      }),
      "Dimension 1 in both shapes must be equal, but are 4 and 3. Shapes are [1,4,4,3] and "
      "[1,3,4,3].");
  has(construction_error([&](Graph& g) {
        lrn_grad(x(g), x(g, Shape({1, 4, 4, 2})), x(g));
      }),
      "Dimension 3 in both shapes must be equal, but are 3 and 2. Shapes are [1,4,4,3] and "
      "[1,4,4,2].");
  has(construction_error([&](Graph& g) {
        lrn(x(g, Shape({4, 4, 3})));
      }),
      "Shape must be rank 4 but is rank 3");
  has(construction_error([&](Graph& g) {
        avg_pool_grad(constant(g, {1, 4, 4}), x(g, Shape({1, 2, 2, 3})), {1, 2, 2, 1}, {1, 2, 2, 1},
                      "VALID");
      }),
      "Shape must be rank 4 but is rank 3");
  // Attr validation by the framework: too-short lists, strings not in the allowed set, dtypes.
  EXPECT_THROW(
      {
        Graph g;
        max_pool(x(g), {1, 2, 2}, {1, 1, 1, 1}, "VALID");
      },
      Error);
  EXPECT_THROW(
      {
        Graph g;
        avg_pool(x(g), {1, 2, 2, 1}, {1, 1, 1, 1}, "EXPLICIT");
      },
      Error);
  EXPECT_THROW(
      {
        Graph g;
        max_pool(x(g), {1, 2, 2, 1}, {1, 1, 1, 1}, "FOO");
      },
      Error);
  EXPECT_THROW(
      {
        Graph g;
        avg_pool(placeholder(g, DType::kInt32, Shape({1, 4, 4, 3})), {1, 2, 2, 1}, {1, 1, 1, 1},
                 "VALID");
      },
      Error);
}

TEST(NnPoolShapes, PartialShapeInference) {
  Graph g;
  auto ph = [&](Shape s) { return placeholder(g, DType::kFloat, s); };
  EXPECT_EQ(max_pool(ph(Shape({-1, -1, 5, 3})), {1, 2, 2, 1}, {1, 2, 2, 1}, "SAME").shape(),
            Shape({-1, -1, 3, 3}));
  EXPECT_EQ(avg_pool(ph(Shape::unknown()), {1, 2, 2, 1}, {1, 2, 2, 1}, "SAME").shape(),
            Shape::unknown_of_rank(4));
  EXPECT_EQ(max_pool(ph(Shape({2, 3, 7, 5})), {1, 1, 3, 2}, {1, 1, 2, 2}, "SAME", "NCHW").shape(),
            Shape({2, 3, 4, 3}));
  EXPECT_EQ(max_pool(ph(Shape({2, -1, 7, 5})), {1, 1, 3, 2}, {1, 1, 2, 2}, "VALID", "NCHW").shape(),
            Shape({2, -1, 3, 2}));
  EXPECT_EQ(max_pool(ph(Shape({2, 7, 5, -1})), {1, 3, 2, 1}, {1, 2, 2, 1}, "VALID").shape(),
            Shape({2, 3, 2, -1}));
  // TF's MaxPool shape function windows the depth too; AvgPool's keeps it.
  EXPECT_EQ(max_pool(ph(Shape({1, 4, 4, 6})), {1, 1, 1, 3}, {1, 1, 1, 3}, "VALID").shape(),
            Shape({1, 4, 4, 2}));
  EXPECT_EQ(max_pool(ph(Shape({1, 4, 4, 3})), {1, 2, 2, 1}, {1, 1, 1, 1}, "EXPLICIT", "NHWC",
                     "MaxPool", {0, 0, 2, 2, 1, 1, 0, 0})
                .shape(),
            Shape({1, 7, 5, 3}));
  EXPECT_EQ(lrn(ph(Shape({2, 7, -1, -1}))).shape(), Shape({2, 7, -1, -1}));
  EXPECT_EQ(lrn(ph(Shape::unknown())).shape(), Shape::unknown_of_rank(4));
  EXPECT_EQ(
      lrn_grad(ph(Shape({2, -1, -1, 3})), ph(Shape({-1, 4, -1, -1})), ph(Shape::unknown())).shape(),
      Shape({2, 4, -1, 3}));
  EXPECT_EQ(max_pool_grad(ph(Shape({2, 7, -1, -1})), ph(Shape::unknown()), ph(Shape::unknown()),
                          {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID")
                .shape(),
            Shape({2, 7, -1, -1}));
  EXPECT_EQ(max_pool_grad_grad(ph(Shape({2, 7, -1, -1})), ph(Shape::unknown()),
                               ph(Shape::unknown()), {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID")
                .shape(),
            Shape({2, 6, -1, -1}));
  EXPECT_EQ(avg_pool_grad(placeholder(g, DType::kInt32, Shape({4})), ph(Shape({1, 2, 3, 4})),
                          {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID")
                .shape(),
            Shape::unknown_of_rank(4));
  EXPECT_EQ(avg_pool_grad(constant(g, {1, 3, 4, 4}), ph(Shape({1, 2, 3, 4})), {1, 2, 2, 1},
                          {1, 1, 1, 1}, "VALID")
                .shape(),
            Shape({1, 3, 4, 4}));
}

// Runs `y` with x fed; returns the error status (ok when it ran).
Status run_status(Graph& g, const Output& y, const FeedList& feeds) {
  Session s(g);
  std::vector<Tensor> out;
  return s.run(feeds, {y}, {}, &out);
}

TEST(NnPoolErrors, BadFedShapesAndUnsupportedWindowsAreStatuses) {
  auto check = [](const std::function<Output(Graph&, Output)>& build, const Shape& fed, Code code,
                  const std::string& want) {
    Graph g;
    Output x = placeholder(g, DType::kFloat, Shape::unknown(), "x");
    Output y = build(g, x);
    Status st = run_status(g, y, {{x, Tensor::zeros(DType::kFloat, fed)}});
    EXPECT_EQ(st.code(), code) << st.message();
    EXPECT_NE(st.message().find(want), std::string::npos) << st.message() << "\nwanted: " << want;
  };
  const Shape img({1, 4, 4, 4});
  check(
      [](Graph&, Output x) {
        return max_pool(x, {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID");
      },
      Shape({4, 4, 4}), Code::kInvalidArgument, "tensor_in must be 4-dimensional");
  check(
      [](Graph&, Output x) {
        return max_pool(x, {1, 2, 2, 2}, {1, 1, 1, 2}, "VALID");
      },
      img, Code::kUnimplemented,
      "MaxPooling supports exactly one of pooling across depth or pooling across width/height.");
  check(
      [](Graph&, Output x) {
        return max_pool(x, {1, 1, 1, 3}, {1, 1, 1, 3}, "VALID");
      },
      img, Code::kUnimplemented,
      "Depthwise max pooling requires the depth window to evenly divide the input depth");
  check(
      [](Graph&, Output x) {
        return max_pool(x, {1, 1, 1, 2}, {1, 1, 1, 1}, "VALID");
      },
      img, Code::kUnimplemented,
      "Depthwise max pooling requires the depth window to equal the depth stride");
  check(
      [](Graph&, Output x) {
        return avg_pool(x, {1, 1, 1, 2}, {1, 1, 1, 2}, "VALID");
      },
      img, Code::kUnimplemented, "Non-spatial pooling is not yet supported. Volunteers? :)");
  check(
      [](Graph&, Output x) {
        return max_pool(x, {2, 2, 2, 1}, {1, 1, 1, 1}, "VALID");
      },
      img, Code::kUnimplemented, "Pooling is not yet supported on the batch dimension.");
  check(
      [](Graph&, Output x) {
        return max_pool(x, {1, 0, 2, 1}, {1, 1, 1, 1}, "VALID");
      },
      img, Code::kInvalidArgument,
      "Sliding window ksize must be positive. The specified or inferred ksize is: 1,0,2,1");
  check(
      [](Graph&, Output x) {
        return avg_pool(x, {1, -1, 2, 1}, {1, 1, 1, 1}, "VALID");
      },
      img, Code::kInvalidArgument, "ksize must be a positive int32 value, got:-1");
  check(
      [](Graph&, Output x) {
        return max_pool_grad(x, x, x, {1, 2, 2, 1}, {1, 1, 1, 1}, "VALID");
      },
      img, Code::kInvalidArgument, "Expected orig_output shape to be [1,3,3,4], but got [1,4,4,4]");
  check([](Graph&, Output x) { return lrn(x); }, Shape({4, 4, 4}), Code::kInvalidArgument,
        "in must be 4-dimensional");
  check([](Graph&, Output x) { return lrn(x, -1); }, img, Code::kInvalidArgument,
        "depth_radius = -1 larger than int max");
  // A window larger than a fed VALID input gives an empty output, as in TF.
  {
    Graph g;
    Output x = placeholder(g, DType::kFloat, Shape::unknown(), "x");
    Session s(g);
    EXPECT_EQ(s.run(max_pool(x, {1, 5, 2, 1}, {1, 1, 1, 1}, "VALID"),
                    {{x, Tensor::zeros(DType::kFloat, img)}})
                  .shape(),
              Shape({1, 0, 3, 4}));
  }
  // Gradient ops: fed shapes that disagree with the geometry.
  {
    Graph g;
    Output x = placeholder(g, DType::kFloat, Shape::unknown(), "x");
    Output y = placeholder(g, DType::kFloat, Shape::unknown(), "y");
    Output dy = placeholder(g, DType::kFloat, Shape::unknown(), "dy");
    Output sh = placeholder(g, DType::kInt32, Shape::unknown(), "sh");
    Output mg = max_pool_grad(x, y, dy, {1, 2, 2, 1}, {1, 2, 2, 1}, "VALID");
    Output mgg = max_pool_grad_grad(x, y, dy, {1, 2, 2, 1}, {1, 2, 2, 1}, "VALID");
    Output ag = avg_pool_grad(sh, dy, {1, 2, 2, 1}, {1, 2, 2, 1}, "VALID");
    Output lg = lrn_grad(x, y, dy);
    auto t = [](Shape s) { return Tensor::zeros(DType::kFloat, s); };
    auto ints = [](std::vector<int32_t> v) { return Tensor::from_vector(v); };
    auto expect = [&](const Output& o, const FeedList& f, const std::string& want) {
      Status st = run_status(g, o, f);
      EXPECT_FALSE(st.is_ok());
      EXPECT_NE(st.message().find(want), std::string::npos) << st.message() << "\nwanted: " << want;
    };
    expect(mg, {{x, t(img)}, {y, t(Shape({1, 2, 2, 4}))}, {dy, t(Shape({1, 3, 2, 4}))}},
           "Expected grad shape to be [1,2,2,4], but got [1,3,2,4]");
    expect(mg,
           {{x, t(Shape({4, 4, 4}))}, {y, t(Shape({1, 2, 2, 4}))}, {dy, t(Shape({1, 2, 2, 4}))}},
           "tensor_in must be 4-dimensional");
    expect(mgg, {{x, t(img)}, {y, t(Shape({1, 2, 2, 4}))}, {dy, t(Shape({1, 4, 3, 4}))}},
           "Expected grad shape to be [1,4,4,4], but got [1,4,3,4]");
    expect(ag, {{sh, ints({1, 4, 4})}, {dy, t(Shape({1, 2, 2, 4}))}},
           "out_backprop must be 1-dimensional and 4 elements");
    expect(ag, {{sh, ints({1, -4, 4, 4})}, {dy, t(Shape({1, 2, 2, 4}))}},
           "Expected a non-negative size, got -4");
    expect(ag, {{sh, ints({1, 4, 4, 3})}, {dy, t(Shape({1, 2, 2, 4}))}},
           "Expected grad shape to be [1,2,2,3], but got [1,2,2,4]");
    expect(lg, {{x, t(img)}, {y, t(Shape({1, 4, 4, 3}))}, {dy, t(img)}},
           "input_grads, input_image, and out_image should have the same shape");
    expect(lg, {{x, t(Shape({4, 4, 4}))}, {y, t(Shape({4, 4, 4}))}, {dy, t(Shape({4, 4, 4}))}},
           "inputs must be 4-dimensional");
  }
}

// Timing, not a check: ./liu_tests --gtest_also_run_disabled_tests --gtest_filter='*PoolBench*'
// Timings (median and minimum of 15 runs) of every float32 NHWC pooling and LRN kernel at the
// book CNN's shapes, with 1 and 2 intra-op threads.
TEST(NnPoolBench, DISABLED_MaxPool2x2AndGrad) {
  struct BenchCase {
    std::vector<int64_t> shape;
    const char* padding;
  };
  const std::vector<BenchCase> cases = {{{128, 28, 28, 32}, "VALID"},
                                        {{128, 28, 28, 32}, "SAME"},
                                        {{128, 14, 14, 64}, "SAME"},
                                        {{128, 7, 7, 128}, "SAME"}};
  const std::vector<int64_t> k = {1, 2, 2, 1};
  for (size_t ci = 0; ci < cases.size(); ++ci) {
    const BenchCase& c = cases[ci];
    const Shape xs(c.shape);
    const Shape ys({xs.dim(0), (xs.dim(1) + 1) / 2, (xs.dim(2) + 1) / 2, xs.dim(3)});
    Graph g;
    Output x = placeholder(g, DType::kFloat, xs, "x");
    Output y = max_pool(x, k, k, c.padding);
    Output a = avg_pool(x, k, k, c.padding);
    Output dy = placeholder(g, DType::kFloat, ys, "dy");
    Output dx = max_pool_grad(x, y, dy, k, k, c.padding);
    Output da = avg_pool_grad(shape(x), dy, k, k, c.padding);
    Output l = lrn(x);
    Output dl = lrn_grad(x, x, l);
    Tensor xv = shuffled_ramp(DType::kFloat, xs, 1);
    for (int threads : {1, 2}) {
      SessionOptions options;
      options.intra_op_threads = threads;
      Session s(g, options);
      Tensor yv = s.run(y, {{x, xv}});
      Tensor dyv = shuffled_ramp(DType::kFloat, yv.shape(), 2);
      auto time = [&](const char* what, const Output& o, const FeedList& f) {
        for (int i = 0; i < 3; ++i) s.run(o, f);
        std::vector<double> ms;
        for (int i = 0; i < 15; ++i) {
          auto t0 = std::chrono::steady_clock::now();
          s.run(o, f);
          auto t1 = std::chrono::steady_clock::now();
          ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%s %s t=%d %-13s median %7.3f ms  min %7.3f ms\n", xs.to_string().c_str(),
                    c.padding, threads, what, ms[ms.size() / 2], ms[0]);
      };
      time("MaxPool", y, {{x, xv}});
      time("MaxPoolGrad", dx, {{x, xv}, {y, yv}, {dy, dyv}});
      time("MaxPool+Grad", dx, {{x, xv}, {dy, dyv}});  // the training path: both kernels
      time("AvgPool", a, {{x, xv}});
      time("AvgPoolGrad", da, {{x, xv}, {dy, dyv}});
      if (ci == 1) continue;  // LRN does not depend on the padding: timed with case 0
      time("LRN", l, {{x, xv}});
      time("LRNGrad", dl, {{x, xv}, {l, s.run(l, {{x, xv}})}});
    }
  }
}

}  // namespace
}  // namespace liu
