// The flat fast paths of the elementwise kernels: same-shape operands, or a scalar / size-1
// operand against a tensor (the dropout graph's SelectV2(cond, x, 0), x >= rate, x * scale,
// x / keep). Expected values come from plain loops written here, compared bit for bit (so -0
// vs +0 and NaN count), on n = 0, 1, 7, 1000 and 1 << 20 (the last split over threads),
// with the scalar on either side. DISABLED_Benchmark times the dropout ops on 3.2M floats.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <random>

#include "liu/kernels/cpu/elementwise_simd.h"
#include "liu/kernels/op_kernel.h"
#include "liu/liu.h"

namespace liu {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
const std::vector<int64_t> kSizes = {0, 1, 7, 1000, int64_t{1} << 20};

// Random values in [-4, 4] with NaN, +-0, +-inf and exact 0.5 sprinkled in.
std::vector<float> test_floats(int64_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  const float specials[] = {kNaN, -0.0f, 0.0f, kInf, -kInf, 0.5f, 2.0f};
  for (int64_t i = 0; i < n; i += 13) v[i] = specials[(i / 13) % 7];
  return v;
}

std::vector<uint8_t> test_bools(int64_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (uint8_t& b : v) b = static_cast<uint8_t>(rng() & 1);
  return v;
}

Tensor float_tensor(const std::vector<float>& v, const Shape& shape) {
  return Tensor::from_vector(v, shape);
}

Tensor bool_tensor(const std::vector<uint8_t>& v, const Shape& shape) {
  Tensor t(DType::kBool, shape);
  bool* p = t.data<bool>();
  for (size_t i = 0; i < v.size(); ++i) p[i] = v[i] != 0;
  return t;
}

bool same_bits(float a, float b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  uint32_t x, y;
  std::memcpy(&x, &a, 4);
  std::memcpy(&y, &b, 4);
  return x == y;
}

// Checks a float result against want(i); stops after a few failures.
void expect_floats(const Tensor& got, int64_t n, const std::function<float(int64_t)>& want) {
  ASSERT_EQ(got.num_elements(), n);
  const float* p = got.data<float>();
  int failures = 0;
  for (int64_t i = 0; i < n && failures < 5; ++i) {
    if (!same_bits(p[i], want(i))) {
      ++failures;
      ADD_FAILURE() << "out[" << i << "] = " << p[i] << ", want " << want(i);
    }
  }
}

void expect_bools(const Tensor& got, int64_t n, const std::function<bool(int64_t)>& want) {
  ASSERT_EQ(got.num_elements(), n);
  const bool* p = got.data<bool>();
  int failures = 0;
  for (int64_t i = 0; i < n && failures < 5; ++i) {
    if (p[i] != want(i)) {
      ++failures;
      ADD_FAILURE() << "out[" << i << "] = " << p[i] << ", want " << want(i);
    }
  }
}

// The thread counts to run a size on: several only where the work is split.
std::vector<int> threads_for(int64_t n) {
  return n >= 100000 ? std::vector<int>{1, 2, 3} : std::vector<int>{1};
}

// How the scalar enters: as a rank-0 tensor, a [1] tensor or a [1, 1] tensor.
const std::vector<Shape> kScalarShapes = {Shape({}), Shape({1}), Shape({1, 1})};

// The broadcast result shape of a [n] tensor and a size-1 operand.
Shape result_shape(int64_t n, const Shape& scalar_shape) {
  return scalar_shape.rank() == 2 ? Shape({1, n}) : Shape({n});
}

using FloatOp = std::function<float(float, float)>;
using ApiBinary = std::function<Output(const Output&, const Output&)>;

struct FloatBinaryCase {
  const char* name;
  ApiBinary build;
  FloatOp reference;
};

std::vector<FloatBinaryCase> float_binary_cases() {
  return {
      {"Mul", [](const Output& a, const Output& b) { return multiply(a, b); },
       [](float a, float b) { return a * b; }},
      {"RealDiv", [](const Output& a, const Output& b) { return truediv(a, b); },
       [](float a, float b) { return a / b; }},
      {"AddV2", [](const Output& a, const Output& b) { return add(a, b); },
       [](float a, float b) { return a + b; }},
      {"Sub", [](const Output& a, const Output& b) { return subtract(a, b); },
       [](float a, float b) { return a - b; }},
  };
}

struct CompareCase {
  const char* name;
  ApiBinary build;
  std::function<bool(float, float)> reference;
};

std::vector<CompareCase> compare_cases() {
  return {
      {"GreaterEqual", [](const Output& a, const Output& b) { return greater_equal(a, b); },
       [](float a, float b) { return a >= b; }},
      {"Greater", [](const Output& a, const Output& b) { return greater(a, b); },
       [](float a, float b) { return a > b; }},
      {"Less", [](const Output& a, const Output& b) { return less(a, b); },
       [](float a, float b) { return a < b; }},
      {"LessEqual", [](const Output& a, const Output& b) { return less_equal(a, b); },
       [](float a, float b) { return a <= b; }},
      {"Equal", [](const Output& a, const Output& b) { return equal(a, b); },
       [](float a, float b) { return a == b; }},
      {"NotEqual", [](const Output& a, const Output& b) { return not_equal(a, b); },
       [](float a, float b) { return a != b; }},
  };
}

// Runs build(a, b) on fed values with `threads` intra-op threads.
Tensor run_binary(const ApiBinary& build, const Tensor& a, const Tensor& b, int threads) {
  Graph g;
  Output pa = placeholder(g, a.dtype());
  Output pb = placeholder(g, b.dtype());
  Output out = build(pa, pb);
  SessionOptions options;
  options.intra_op_threads = threads;
  Session s(g, options);
  return s.run(out, {{pa, a}, {pb, b}});
}

const std::vector<float> kScalars = {2.0f, 0.8f, 0.5f, -0.0f, 0.0f, kNaN, -kInf};

TEST(ElementwiseFastPaths, FloatArithmeticWithScalarOnEitherSide) {
  for (int64_t n : kSizes) {
    const std::vector<float> x = test_floats(n, 1);
    for (const FloatBinaryCase& c : float_binary_cases()) {
      for (const Shape& ss : kScalarShapes) {
        for (float s : kScalars) {
          if (n > 1000 && s != 0.8f) continue;  // one scalar is enough for the big size
          const Tensor st = float_tensor({s}, ss);
          for (int threads : threads_for(n)) {
            SCOPED_TRACE(std::string(c.name) + " n=" + std::to_string(n) + " scalar " +
                         ss.to_string() + "=" + std::to_string(s) + " threads " +
                         std::to_string(threads));
            Tensor right = run_binary(c.build, float_tensor(x, Shape({n})), st, threads);
            EXPECT_EQ(right.shape(), result_shape(n, ss));
            expect_floats(right, n, [&](int64_t i) { return c.reference(x[i], s); });
            Tensor left = run_binary(c.build, st, float_tensor(x, Shape({n})), threads);
            EXPECT_EQ(left.shape(), result_shape(n, ss));
            expect_floats(left, n, [&](int64_t i) { return c.reference(s, x[i]); });
          }
        }
      }
    }
  }
}

TEST(ElementwiseFastPaths, FloatArithmeticSameShape) {
  for (int64_t n : kSizes) {
    const std::vector<float> x = test_floats(n, 2), y = test_floats(n, 3);
    for (const FloatBinaryCase& c : float_binary_cases()) {
      for (int threads : threads_for(n)) {
        SCOPED_TRACE(std::string(c.name) + " n=" + std::to_string(n));
        Tensor out =
            run_binary(c.build, float_tensor(x, Shape({n})), float_tensor(y, Shape({n})), threads);
        expect_floats(out, n, [&](int64_t i) { return c.reference(x[i], y[i]); });
      }
    }
  }
}

TEST(ElementwiseFastPaths, FloatCompareWithScalarOnEitherSide) {
  for (int64_t n : kSizes) {
    const std::vector<float> x = test_floats(n, 4);
    for (const CompareCase& c : compare_cases()) {
      for (const Shape& ss : kScalarShapes) {
        for (float s : kScalars) {
          if (n > 1000 && s != 0.5f) continue;
          const Tensor st = float_tensor({s}, ss);
          for (int threads : threads_for(n)) {
            SCOPED_TRACE(std::string(c.name) + " n=" + std::to_string(n) + " scalar " +
                         ss.to_string() + "=" + std::to_string(s));
            Tensor right = run_binary(c.build, float_tensor(x, Shape({n})), st, threads);
            EXPECT_EQ(right.dtype(), DType::kBool);
            EXPECT_EQ(right.shape(), result_shape(n, ss));
            expect_bools(right, n, [&](int64_t i) { return c.reference(x[i], s); });
            Tensor left = run_binary(c.build, st, float_tensor(x, Shape({n})), threads);
            EXPECT_EQ(left.shape(), result_shape(n, ss));
            expect_bools(left, n, [&](int64_t i) { return c.reference(s, x[i]); });
          }
        }
      }
    }
  }
}

TEST(ElementwiseFastPaths, FloatCompareSameShape) {
  for (int64_t n : kSizes) {
    std::vector<float> x = test_floats(n, 5), y = test_floats(n, 6);
    for (int64_t i = 0; i < n; i += 5) y[i] = x[i];  // equal pairs, NaN == NaN included
    for (const CompareCase& c : compare_cases()) {
      for (int threads : threads_for(n)) {
        SCOPED_TRACE(std::string(c.name) + " n=" + std::to_string(n));
        Tensor out =
            run_binary(c.build, float_tensor(x, Shape({n})), float_tensor(y, Shape({n})), threads);
        expect_bools(out, n, [&](int64_t i) { return c.reference(x[i], y[i]); });
      }
    }
  }
}

// The Highway comparison on every compiled target (tails of 1..15 lanes included).
TEST(ElementwiseFastPaths, FloatCompareOnEveryTarget) {
  for (const std::string& target : simd::available_targets()) {
    ASSERT_TRUE(simd::force_target(target));
    for (int64_t n : {int64_t{1}, int64_t{7}, int64_t{17}, int64_t{1000}}) {
      const std::vector<float> x = test_floats(n, 17), y = test_floats(n, 18);
      for (const CompareCase& c : compare_cases()) {
        SCOPED_TRACE(target + " " + c.name + " n=" + std::to_string(n));
        Tensor out =
            run_binary(c.build, float_tensor(x, Shape({n})), float_tensor(y, Shape({n})), 1);
        expect_bools(out, n, [&](int64_t i) { return c.reference(x[i], y[i]); });
        out = run_binary(c.build, float_tensor(x, Shape({n})), Tensor::scalar<float>(kNaN), 1);
        expect_bools(out, n, [&](int64_t i) { return c.reference(x[i], kNaN); });
      }
    }
  }
  simd::force_target("");
}

TEST(ElementwiseFastPaths, IntCompareWithScalar) {
  for (int64_t n : kSizes) {
    std::vector<int32_t> x(n);
    for (int64_t i = 0; i < n; ++i) x[i] = static_cast<int32_t>((i * 7919) % 201) - 100;
    for (int threads : threads_for(n)) {
      Tensor out =
          run_binary([](const Output& a, const Output& b) { return greater_equal(a, b); },
                     Tensor::from_vector(x, Shape({n})), Tensor::scalar<int32_t>(3), threads);
      expect_bools(out, n, [&](int64_t i) { return x[i] >= 3; });
      out = run_binary([](const Output& a, const Output& b) { return less(a, b); },
                       Tensor::scalar<int32_t>(3), Tensor::from_vector(x, Shape({n})), threads);
      expect_bools(out, n, [&](int64_t i) { return 3 < x[i]; });
    }
  }
}

TEST(ElementwiseFastPaths, LogicalWithScalar) {
  for (int64_t n : kSizes) {
    const std::vector<uint8_t> c = test_bools(n, 7);
    for (bool s : {false, true}) {
      Tensor scalar = Tensor::scalar<bool>(s);
      Tensor out = run_binary([](const Output& a, const Output& b) { return logical_and(a, b); },
                              bool_tensor(c, Shape({n})), scalar, 1);
      expect_bools(out, n, [&](int64_t i) { return c[i] && s; });
      out = run_binary([](const Output& a, const Output& b) { return logical_or(a, b); }, scalar,
                       bool_tensor(c, Shape({n})), 1);
      expect_bools(out, n, [&](int64_t i) { return s || c[i]; });
    }
  }
}

// SelectV2(cond, then, else) with any of the three fed.
Tensor run_select_v2(const Tensor& c, const Tensor& t, const Tensor& e, int threads) {
  Graph g;
  Output pc = placeholder(g, DType::kBool);
  Output pt = placeholder(g, t.dtype());
  Output pe = placeholder(g, e.dtype());
  SessionOptions options;
  options.intra_op_threads = threads;
  Session s(g, options);
  return s.run(where_v2(pc, pt, pe), {{pc, c}, {pt, t}, {pe, e}});
}

TEST(ElementwiseFastPaths, SelectV2ScalarElseIsDropout) {
  for (int64_t n : kSizes) {
    const std::vector<float> x = test_floats(n, 8);
    const std::vector<uint8_t> c = test_bools(n, 9);
    for (const Shape& ss : kScalarShapes) {
      for (float s : {0.0f, -0.0f, kNaN, 1.5f}) {
        const Tensor st = float_tensor({s}, ss);
        for (int threads : threads_for(n)) {
          SCOPED_TRACE("n=" + std::to_string(n) + " scalar " + ss.to_string() + "=" +
                       std::to_string(s) + " threads " + std::to_string(threads));
          const Tensor ct = bool_tensor(c, Shape({n})), xt = float_tensor(x, Shape({n}));
          Tensor out = run_select_v2(ct, xt, st, threads);
          EXPECT_EQ(out.shape(), result_shape(n, ss));
          expect_floats(out, n, [&](int64_t i) { return c[i] ? x[i] : s; });
          out = run_select_v2(ct, st, xt, threads);
          EXPECT_EQ(out.shape(), result_shape(n, ss));
          expect_floats(out, n, [&](int64_t i) { return c[i] ? s : x[i]; });
        }
      }
    }
  }
}

TEST(ElementwiseFastPaths, SelectV2SameShapeAndBothScalars) {
  for (int64_t n : kSizes) {
    const std::vector<float> x = test_floats(n, 10), y = test_floats(n, 11);
    const std::vector<uint8_t> c = test_bools(n, 12);
    const Tensor ct = bool_tensor(c, Shape({n}));
    for (int threads : threads_for(n)) {
      Tensor out =
          run_select_v2(ct, float_tensor(x, Shape({n})), float_tensor(y, Shape({n})), threads);
      expect_floats(out, n, [&](int64_t i) { return c[i] ? x[i] : y[i]; });
      out = run_select_v2(ct, Tensor::scalar<float>(-0.0f), Tensor::scalar<float>(3.0f), threads);
      expect_floats(out, n, [&](int64_t i) { return c[i] ? -0.0f : 3.0f; });
    }
  }
}

TEST(ElementwiseFastPaths, SelectV2OtherElementSizes) {
  for (int64_t n : {int64_t{7}, int64_t{1000}, int64_t{1} << 20}) {
    const std::vector<uint8_t> c = test_bools(n, 13);
    std::vector<double> xd(n);
    std::vector<int8_t> xb(n);
    std::vector<int16_t> xs(n);
    for (int64_t i = 0; i < n; ++i) {
      xd[i] = static_cast<double>(i) * 0.25 - 3.0;
      xb[i] = static_cast<int8_t>(i * 37);
      xs[i] = static_cast<int16_t>(i * 1237);
    }
    const Tensor ct = bool_tensor(c, Shape({n}));
    for (int threads : threads_for(n)) {
      Tensor out = run_select_v2(ct, Tensor::from_vector(xd, Shape({n})),
                                 Tensor::scalar<double>(-0.0), threads);
      for (int64_t i = 0; i < n; ++i)
        ASSERT_EQ(std::signbit(out.data<double>()[i]), c[i] ? std::signbit(xd[i]) : true);
      for (int64_t i = 0; i < n; ++i) ASSERT_EQ(out.data<double>()[i], c[i] ? xd[i] : 0.0);
      out = run_select_v2(ct, Tensor::scalar<int8_t>(5), Tensor::from_vector(xb, Shape({n})),
                          threads);
      for (int64_t i = 0; i < n; ++i) ASSERT_EQ(out.data<int8_t>()[i], c[i] ? 5 : xb[i]);
      out = run_select_v2(ct, Tensor::from_vector(xs, Shape({n})),
                          Tensor::from_vector(std::vector<int16_t>{-9}, Shape({1})), threads);
      for (int64_t i = 0; i < n; ++i) ASSERT_EQ(out.data<int16_t>()[i], c[i] ? xs[i] : -9);
    }
  }
}

// A scalar condition broadcast against a tensor, and a [1] condition.
TEST(ElementwiseFastPaths, SelectV2ScalarCondition) {
  const std::vector<float> x = test_floats(1000, 14);
  for (bool b : {false, true}) {
    Tensor out = run_select_v2(Tensor::scalar<bool>(b), float_tensor(x, Shape({1000})),
                               Tensor::scalar<float>(7.0f), 1);
    expect_floats(out, 1000, [&](int64_t i) { return b ? x[i] : 7.0f; });
    out = run_select_v2(bool_tensor({b}, Shape({1})), Tensor::scalar<float>(7.0f),
                        float_tensor(x, Shape({1000})), 1);
    expect_floats(out, 1000, [&](int64_t i) { return b ? 7.0f : x[i]; });
  }
}

// Intermediate results are forwarded into the output in place; the values must not change.
TEST(ElementwiseFastPaths, InPlaceChainMatchesLoops) {
  const int64_t n = int64_t{1} << 20;
  const std::vector<float> x = test_floats(n, 15), r = test_floats(n, 16);
  for (int threads : {1, 2}) {
    Graph g;
    Output px = placeholder(g, DType::kFloat);
    Output pr = placeholder(g, DType::kFloat);
    // x*1 and r+0 are fresh tensors only the next op reads, so it may reuse their buffers.
    Output keep = greater_equal(add(pr, 0.0f), 0.5f);
    Output scaled = truediv(multiply(px, 1.0f), 0.8f);
    Output out = where_v2(keep, multiply(scaled, 2.0f), 0.0f);
    SessionOptions options;
    options.intra_op_threads = threads;
    Session s(g, options);
    Tensor got = s.run(out, {{px, float_tensor(x, Shape({n}))}, {pr, float_tensor(r, Shape({n}))}});
    expect_floats(got, n, [&](int64_t i) {
      const bool k = (r[i] + 0.0f) >= 0.5f;
      return k ? ((x[i] * 1.0f) / 0.8f) * 2.0f : 0.0f;
    });
  }
}

TEST(ElementwiseFastPaths, MismatchedShapesStillFail) {
  Graph g;
  Output a = placeholder(g, DType::kFloat);
  Output b = placeholder(g, DType::kFloat);
  Output c = placeholder(g, DType::kBool);
  Session s(g);
  std::vector<Tensor> out;
  Tensor x3 = float_tensor({1, 2, 3}, Shape({3})), x2 = float_tensor({1, 2}, Shape({2}));
  EXPECT_FALSE(s.run({{a, x3}, {b, x2}}, {multiply(a, b)}, {}, &out).is_ok());
  EXPECT_FALSE(s.run({{a, x3}, {b, x2}}, {greater_equal(a, b)}, {}, &out).is_ok());
  EXPECT_FALSE(s.run({{c, bool_tensor({1, 0}, Shape({2}))}, {a, x3}, {b, Tensor::scalar<float>(0)}},
                     {where_v2(c, a, b)}, {}, &out)
                   .is_ok());
}

// ---- benchmark (run with --gtest_also_run_disabled_tests) ----------------------------------

// Median milliseconds of one kernel compute on `inputs`; input `own` (when >= 0) is handed
// over exclusively each time so the kernel may write into it.
double time_kernel(const Output& op, const std::vector<Tensor>& inputs, int threads, int own) {
  const Node& node = *op.node;
  std::unique_ptr<OpKernel> kernel;
  EXPECT_TRUE(KernelRegistry::global().create(node, Device::kCPU, &kernel).is_ok());
  SessionState state;
  std::vector<double> ms;
  for (int it = 0; it < 25; ++it) {
    std::vector<Tensor> in = inputs;
    if (own >= 0) in[own] = inputs[own].deep_copy();
    std::vector<VariableSlot*> refs(in.size(), nullptr);
    std::vector<Tensor> outputs(node.num_outputs());
    KernelContext ctx(node, in, refs, outputs, state, threads);
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(kernel->compute(ctx).is_ok());
    const auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    EXPECT_EQ(outputs[0].num_elements(), inputs[own >= 0 ? own : 0].num_elements());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

TEST(ElementwiseFastPathsBench, DISABLED_Dropout) {
  const Shape shape({256, 14, 14, 32});
  const int64_t n = shape.num_elements();
  std::vector<float> xv(n), rv(n);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(0.0f, 1.0f);
  for (int64_t i = 0; i < n; ++i) xv[i] = dist(rng) * 4 - 2, rv[i] = dist(rng);
  const Tensor x = float_tensor(xv, shape), r = float_tensor(rv, shape);
  std::vector<uint8_t> cv(n);
  for (int64_t i = 0; i < n; ++i) cv[i] = rv[i] >= 0.5f;
  const Tensor c = bool_tensor(cv, shape);
  Graph g;
  Output px = placeholder(g, DType::kFloat, shape);
  Output pc = placeholder(g, DType::kBool, shape);
  Output ps = placeholder(g, DType::kFloat, Shape({}));
  struct Case {
    const char* name;
    Output op;
    std::vector<Tensor> inputs;
    int own;  // the input an in-place run may overwrite, or -1
  };
  const std::vector<Case> cases = {
      {"SelectV2(c,x,0)", where_v2(pc, px, ps), {c, x, Tensor::scalar<float>(0)}, 1},
      {"GreaterEqual(x,.5)", greater_equal(px, ps), {r, Tensor::scalar<float>(0.5f)}, -1},
      {"Mul(x,2)", multiply(px, ps), {x, Tensor::scalar<float>(2)}, 0},
      {"RealDiv(x,.8)", truediv(px, ps), {x, Tensor::scalar<float>(0.8f)}, 0},
  };
  for (const Case& c : cases) {
    for (int threads : {1, 2}) {
      const double alloc = time_kernel(c.op, c.inputs, threads, -1);
      std::printf("%-20s threads %d: %.3f ms (new output)", c.name, threads, alloc);
      if (c.own >= 0)
        std::printf(", %.3f ms (in place)", time_kernel(c.op, c.inputs, threads, c.own));
      std::printf("\n");
    }
  }
}

}  // namespace
}  // namespace liu
