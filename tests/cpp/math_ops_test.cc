// Elementwise math ops by hand-derived values: shape inference (partial shapes), errors at
// graph construction and at run time, integer division by zero, Select's shape rules, Cast
// edge cases, the C++ API's op types and node names. TF-computed values are in
// math_tf_test.cc; SIMD vs scalar checks in math_simd_test.cc.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "liu/liu.h"

namespace liu {
namespace {

Status run_status(const Graph& g, const Output& y, const FeedList& feeds = {},
                  Tensor* result = nullptr) {
  Session s(g);
  std::vector<Tensor> out;
  Status st = s.run(feeds, {y}, {}, &out);
  if (st.is_ok() && result) *result = out[0];
  return st;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---- shape inference ----

TEST(MathShapes, BroadcastPartialShapes) {
  Graph g;
  Output a = placeholder(g, DType::kFloat, Shape({-1, 3}));
  Output row = placeholder(g, DType::kFloat, Shape({3}));
  Output col = placeholder(g, DType::kFloat, Shape({-1, 1}));
  Output wide = placeholder(g, DType::kFloat, Shape({1, 4}));
  Output any = placeholder(g, DType::kFloat);
  Output unknown_dim = placeholder(g, DType::kFloat, Shape({-1}));
  EXPECT_EQ(add(a, row).shape(), Shape({-1, 3}));
  EXPECT_EQ(multiply(col, wide).shape(), Shape({-1, 4}));
  EXPECT_EQ(subtract(a, 2.0f).shape(), Shape({-1, 3}));
  EXPECT_FALSE(maximum(a, any).shape().has_rank());
  EXPECT_EQ(add(a, unknown_dim).shape(), Shape({-1, 3}));
  EXPECT_EQ(less(a, row).shape(), Shape({-1, 3}));
  EXPECT_EQ(less(a, row).dtype(), DType::kBool);
  EXPECT_EQ(exp(a).shape(), Shape({-1, 3}));
  EXPECT_FALSE(exp(any).shape().has_rank());
}

TEST(MathShapes, IncompatibleShapesFailAtConstruction) {
  Graph g;
  Output a = constant(g, Input({{1.0f, 2.0f, 3.0f}, {4.0f, 5.0f, 6.0f}}));
  Output b = constant(g, Input({1.0f, 2.0f, 3.0f, 4.0f}));
  try {
    add(a, b);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Code::kInvalidArgument);
    EXPECT_TRUE(contains(e.what(), "Incompatible shapes: [2,3] vs. [4]")) << e.what();
    EXPECT_TRUE(contains(e.what(), "AddV2")) << e.what();
  }
  EXPECT_THROW(less(a, b), Error);
  EXPECT_THROW(
      logical_and(constant(g, Input({true, false})), constant(g, Input({true, false, true}))),
      Error);
  Output p = placeholder(g, DType::kFloat, Shape({-1, 2}));
  EXPECT_THROW(multiply(p, b), Error);  // known dims 2 vs 4 cannot broadcast
}

TEST(MathShapes, DtypesAreChecked) {
  Graph g;
  Output i = constant(g, Input({1, 2}));
  Output f = constant(g, Input({1.0f, 2.0f}));
  EXPECT_THROW(add(i, f), Error);  // T bound twice
  EXPECT_THROW(sqrt(i), Error);    // Sqrt is float/double only
  EXPECT_THROW(logical_not(f), Error);
  Output u8 = cast(i, DType::kUInt8);
  EXPECT_THROW(negative(u8), Error);  // Neg has no unsigned types
  EXPECT_NO_THROW(square(u8));
}

TEST(MathShapes, SelectRules) {
  Graph g;
  Output t = placeholder(g, DType::kFloat, Shape({2, 3}));
  Output e = placeholder(g, DType::kFloat, Shape({-1, 3}));
  Output scalar_cond = placeholder(g, DType::kBool, Shape({}));
  Output vec_cond = placeholder(g, DType::kBool, Shape({-1}));
  Output full_cond = placeholder(g, DType::kBool, Shape({2, 3}));
  EXPECT_EQ(where(scalar_cond, t, e).shape(), Shape({2, 3}));
  EXPECT_EQ(where(vec_cond, e, e).shape(), Shape({-1, 3}));
  EXPECT_EQ(where(full_cond, e, e).shape(), Shape({2, 3}));
  EXPECT_EQ(where(placeholder(g, DType::kBool), t, e).shape(), Shape({2, 3}));
  // Wrong: cond vector as long as something else, cond of another rank, t/e differ.
  EXPECT_THROW(where(constant(g, Input({true, false, true})), t, t), Error);
  EXPECT_THROW(where(placeholder(g, DType::kBool, Shape({2, 1})), t, t), Error);
  EXPECT_THROW(where(full_cond, t, placeholder(g, DType::kFloat, Shape({3, 3}))), Error);
  EXPECT_THROW(
      where(placeholder(g, DType::kBool, Shape({1})), constant(g, 1.0f), constant(g, 2.0f)), Error);
}

TEST(MathShapes, SelectV2Broadcasts) {
  Graph g;
  Output c = placeholder(g, DType::kBool, Shape({-1, 1}));
  Output t = placeholder(g, DType::kFloat, Shape({1, 4}));
  EXPECT_EQ(where_v2(c, t, 0.0f).shape(), Shape({-1, 4}));
  try {
    where_v2(constant(g, Input({true, false, true})), placeholder(g, DType::kFloat, Shape({2, 2})),
             1.0f);
    FAIL() << "expected an error";
  } catch (const Error& err) {
    EXPECT_TRUE(
        contains(err.what(), "condition [3], then [2,2], and else [] must be broadcastable"))
        << err.what();
  }
}

TEST(MathShapes, AddNMergesShapes) {
  Graph g;
  Output a = placeholder(g, DType::kFloat, Shape({-1, 3}));
  Output b = placeholder(g, DType::kFloat, Shape({2, -1}));
  EXPECT_EQ(add_n({a, b}).shape(), Shape({2, 3}));
  try {
    add_n({a, placeholder(g, DType::kFloat, Shape({2, 4}))});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "inputs[0].shape = [?,3] vs. inputs[1].shape = [2,4]"))
        << e.what();
  }
}

TEST(MathShapes, EqualWithoutShapeError) {
  Graph g;
  auto equal_loose = [&](const Output& x, const Output& y) {
    return OpBuilder("Equal").input(x).input(y).attr("incompatible_shape_error", false).build();
  };
  Output a = placeholder(g, DType::kFloat, Shape({2}));
  EXPECT_EQ(equal_loose(a, placeholder(g, DType::kFloat, Shape({3}))).shape(), Shape());
  EXPECT_EQ(equal_loose(placeholder(g, DType::kFloat, Shape({2, 1})),
                        placeholder(g, DType::kFloat, Shape({3})))
                .shape(),
            Shape({2, 3}));
  // [?] vs [3] broadcasts only if ? is 1 or 3; otherwise the result is a scalar.
  EXPECT_FALSE(equal_loose(placeholder(g, DType::kFloat, Shape({-1})),
                           placeholder(g, DType::kFloat, Shape({3})))
                   .shape()
                   .has_rank());
}

TEST(MathShapes, CastFromOrToStringFailsAtConstruction) {
  Graph g;
  Output s = constant(g, Tensor::from_strings({"a"}, Shape({1})));
  Output f = constant(g, 1.0f);
  try {
    cast(s, DType::kFloat);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "Cast string to float is not supported")) << e.what();
  }
  EXPECT_THROW(cast(f, DType::kString), Error);
  EXPECT_EQ(cast(s, DType::kString), s);  // same dtype: no op
}

// ---- run-time errors ----

TEST(MathErrors, FedShapesAreRecheckedAtRunTime) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({-1}), "x");
  Output y = placeholder(g, DType::kFloat, Shape({-1}), "y");
  Output z = add(x, y);
  Status st = run_status(
      g, z, {{x, Tensor::from_vector<float>({1, 2})}, {y, Tensor::from_vector<float>({1, 2, 3})}});
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_TRUE(contains(st.message(), "Incompatible shapes: [2] vs. [3]")) << st.message();
  EXPECT_TRUE(contains(st.message(), "node 'Add'")) << st.message();
  // The same graph runs with compatible feeds.
  Tensor out;
  ASSERT_TRUE(
      run_status(g, z,
                 {{x, Tensor::from_vector<float>({1, 2})}, {y, Tensor::from_vector<float>({10})}},
                 &out)
          .is_ok());
  EXPECT_EQ(out.to_vector<float>(), (std::vector<float>{11, 12}));
}

TEST(MathErrors, IntegerDivisionByZero) {
  for (const char* op : {"Div", "FloorDiv", "FloorMod", "RealDiv"}) {
    SCOPED_TRACE(op);
    Graph g;
    Output x = constant(g, Input({7, 8, 9}));
    Output y = placeholder(g, DType::kInt32, Shape({-1}), "y");
    Output z = OpBuilder(op).input(x).input(y).build();
    Status st = run_status(g, z, {{y, Tensor::from_vector<int32_t>({1, 0, 2})}});
    EXPECT_EQ(st.code(), Code::kInvalidArgument);
    EXPECT_TRUE(contains(st.message(), "Integer division by zero")) << st.message();
    // Broadcast zero divisor, and int64.
    Output y64 = placeholder(g, DType::kInt64, Shape({}), "y64");
    Output z64 = OpBuilder(op).input(cast(x, DType::kInt64)).input(y64).build();
    EXPECT_EQ(run_status(g, z64, {{y64, Tensor::scalar<int64_t>(0)}}).code(),
              Code::kInvalidArgument);
    // An empty numerator divides nothing: no error, an empty result (as TF).
    Output empty = placeholder(g, DType::kInt32, Shape({-1}), "empty");
    Output z_empty = OpBuilder(op).input(empty).input(0).build();
    Tensor out;
    ASSERT_TRUE(run_status(g, z_empty, {{empty, Tensor(DType::kInt32, Shape({0}))}}, &out).is_ok());
    EXPECT_EQ(out.num_elements(), 0);
  }
  Graph g;
  Output r = reciprocal(constant(g, Input({2, 0})));
  EXPECT_TRUE(contains(run_status(g, r).message(), "Integer division by zero"));
  // Float division by zero is IEEE, not an error.
  Tensor out;
  ASSERT_TRUE(run_status(g, divide(constant(g, Input({1.0f, -1.0f})), 0.0f), {}, &out).is_ok());
  EXPECT_EQ(out.to_vector<float>(), (std::vector<float>{INFINITY, -INFINITY}));
}

TEST(MathErrors, NegativeIntegerPower) {
  Graph g;
  Output z = pow(constant(g, Input({1, 2})), constant(g, Input({2, -1})));
  Status st = run_status(g, z);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_TRUE(contains(st.message(), "Integers to negative integer powers are not allowed"));
}

TEST(MathErrors, SelectRechecksFedShapes) {
  Graph g;
  Output c = placeholder(g, DType::kBool, Shape::unknown(), "c");
  Output t = placeholder(g, DType::kFloat, Shape::unknown(), "t");
  Output e = placeholder(g, DType::kFloat, Shape::unknown(), "e");
  Output y = where(c, t, e);
  Tensor m = Tensor::from_vector<float>({1, 2, 3, 4}, Shape({2, 2}));
  Tensor m2 = Tensor::from_vector<float>({5, 6, 7, 8}, Shape({2, 2}));
  EXPECT_TRUE(contains(
      run_status(g, y, {{c, Tensor::from_vector<bool>({true, false, true})}, {t, m}, {e, m2}})
          .message(),
      "Number of batches of 'then' must match size of 'cond', but saw: 2 vs. 3"));
  EXPECT_TRUE(contains(
      run_status(g, y,
                 {{c, Tensor::scalar<bool>(true)}, {t, m}, {e, Tensor::from_vector<float>({1, 2})}})
          .message(),
      "'then' and 'else' must have the same size.  but received: [2,2] vs. [2]"));
  EXPECT_TRUE(contains(
      run_status(g, y,
                 {{c, Tensor::from_vector<bool>({true, false}, Shape({2, 1}))}, {t, m}, {e, m2}})
          .message(),
      "'cond' and 'then' must have the same size.  but received: [2,1] vs. [2,2]"));
  Tensor out;
  ASSERT_TRUE(
      run_status(g, y, {{c, Tensor::from_vector<bool>({false, true})}, {t, m}, {e, m2}}, &out)
          .is_ok());
  EXPECT_EQ(out.to_vector<float>(), (std::vector<float>{5, 6, 3, 4}));
}

TEST(MathErrors, AddNRechecksFedShapes) {
  Graph g;
  Output a = placeholder(g, DType::kFloat, Shape({-1}), "a");
  Output b = placeholder(g, DType::kFloat, Shape({-1}), "b");
  Status st =
      run_status(g, add_n({a, b}),
                 {{a, Tensor::from_vector<float>({1, 2})}, {b, Tensor::from_vector<float>({1})}});
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_TRUE(contains(st.message(), "Input 0: [2] != input 1: [1]")) << st.message();
}

// ---- values derived by hand ----

TEST(MathOps, FloorDivAndModFollowTheDivisorSign) {
  Graph g;
  Output x = constant(g, Input({7, -7, 7, -7, 6, 0}));
  Output y = constant(g, Input({2, 2, -2, -2, -3, -5}));
  Session s(g);
  EXPECT_EQ(s.run(floordiv(x, y)).to_vector<int32_t>(),
            (std::vector<int32_t>{3, -4, -4, 3, -2, 0}));
  EXPECT_EQ(s.run(floormod(x, y)).to_vector<int32_t>(), (std::vector<int32_t>{1, 1, -1, -1, 0, 0}));
  // C-style truncation for the Div op on integers.
  EXPECT_EQ(s.run(OpBuilder("Div").input(x).input(y).build()).to_vector<int32_t>(),
            (std::vector<int32_t>{3, -3, -3, 3, -2, 0}));
  Output xf = constant(g, Input({7.5f, -7.5f, 7.5f, -7.5f}));
  Output yf = constant(g, Input({2.0f, 2.0f, -2.0f, -2.0f}));
  EXPECT_EQ(s.run(floordiv(xf, yf)).to_vector<float>(), (std::vector<float>{3, -4, -4, 3}));
  EXPECT_EQ(s.run(floormod(xf, yf)).to_vector<float>(),
            (std::vector<float>{1.5f, 0.5f, -0.5f, -1.5f}));
  // The most negative integer over -1 wraps instead of trapping.
  Output lo = constant(g, Input(std::vector<int64_t>{std::numeric_limits<int64_t>::min()}));
  Output m1 = constant(g, Input(std::vector<int64_t>{-1}));
  EXPECT_EQ(s.run(floordiv(lo, m1)).to_vector<int64_t>()[0], std::numeric_limits<int64_t>::min());
  EXPECT_EQ(s.run(floormod(lo, m1)).to_vector<int64_t>()[0], 0);
}

TEST(MathOps, RoundHalfToEven) {
  Graph g;
  Output x = constant(g, Input({0.5f, 1.5f, 2.5f, 3.5f, -0.5f, -1.5f, -2.5f, 2.4f, 2.6f}));
  Session s(g);
  std::vector<float> r = s.run(round(x)).to_vector<float>();
  EXPECT_EQ(r, (std::vector<float>{0, 2, 2, 4, -0.0f, -2, -2, 2, 3}));
  EXPECT_TRUE(std::signbit(r[4]));
  Output d = cast(x, DType::kDouble);
  EXPECT_EQ(s.run(round(d)).to_vector<double>(),
            (std::vector<double>{0, 2, 2, 4, -0.0, -2, -2, 2, 3}));
  // Integers: tf.round returns them unchanged; the Round op itself does the same here.
  Output i = constant(g, Input({3, -3, 7}));
  EXPECT_EQ(round(i), i);
  EXPECT_EQ(s.run(OpBuilder("Round").input(i).build()).to_vector<int32_t>(),
            (std::vector<int32_t>{3, -3, 7}));
}

TEST(MathOps, CastTruncatesTowardZero) {
  Graph g;
  Output x = constant(g, Input({2.7f, -2.7f, 0.5f, -0.5f, 1e10f, NAN}));
  Session s(g);
  EXPECT_EQ(s.run(cast(x, DType::kInt32)).to_vector<int32_t>(),
            (std::vector<int32_t>{2, -2, 0, 0, std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::min()}));
  EXPECT_EQ(s.run(cast(x, DType::kBool)).to_vector<bool>(),
            (std::vector<bool>{true, true, true, true, true, true}));
  EXPECT_EQ(s.run(cast(constant(g, Input({true, false})), DType::kFloat)).to_vector<float>(),
            (std::vector<float>{1, 0}));
  EXPECT_EQ(s.run(cast(constant(g, Input({300, -1})), DType::kUInt8)).to_vector<uint8_t>(),
            (std::vector<uint8_t>{44, 255}));
  // Truncate=true drops the mantissa bits float cannot hold instead of rounding.
  Output third = constant(g, Tensor::scalar<double>(1.0 / 3.0));
  Output t =
      OpBuilder("Cast").input(third).attr("DstT", DType::kFloat).attr("Truncate", true).build();
  Output r = OpBuilder("Cast").input(third).attr("DstT", DType::kFloat).build();
  const float truncated = s.run(t).scalar_value<float>(), rounded = s.run(r).scalar_value<float>();
  EXPECT_EQ(rounded, 1.0f / 3.0f);
  EXPECT_EQ(truncated, std::nextafter(rounded, 0.0f));  // 1/3 rounds up in float
}

TEST(MathOps, StringsAddAndCompare) {
  Graph g;
  Output a = constant(g, Tensor::from_strings({"a", "b"}, Shape({2})));
  Session s(g);
  Tensor cat = s.run(add(a, "c"));
  EXPECT_EQ(cat.to_vector<std::string>(), (std::vector<std::string>{"ac", "bc"}));
  EXPECT_EQ(cat.dtype(), DType::kString);
  EXPECT_EQ(s.run(equal(a, "a")).to_vector<bool>(), (std::vector<bool>{true, false}));
  EXPECT_EQ(s.run(not_equal(a, "a")).to_vector<bool>(), (std::vector<bool>{false, true}));
  Tensor picked = s.run(where_v2(constant(g, Input({true, false})), a, "z"));
  EXPECT_EQ(picked.to_vector<std::string>(), (std::vector<std::string>{"a", "z"}));
  EXPECT_THROW(subtract(a, "c"), Error);  // Sub has no string kernel in TF either
}

TEST(MathOps, BoolEqualityAndLogic) {
  Graph g;
  Output a = constant(g, Input({true, true, false, false}));
  Output b = constant(g, Input({true, false, true, false}));
  Session s(g);
  EXPECT_EQ(s.run(equal(a, b)).to_vector<bool>(), (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(s.run(logical_and(a, b)).to_vector<bool>(),
            (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(s.run(logical_or(a, b)).to_vector<bool>(),
            (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(s.run(logical_not(a)).to_vector<bool>(), (std::vector<bool>{false, false, true, true}));
  // [2,1] with [2] broadcasts to [2,2].
  Tensor m = s.run(logical_and(constant(g, Tensor::from_vector<bool>({true, false}, Shape({2, 1}))),
                               constant(g, Input({true, false}))));
  EXPECT_EQ(m.shape(), Shape({2, 2}));
  EXPECT_EQ(m.to_vector<bool>(), (std::vector<bool>{true, false, false, false}));
}

TEST(MathOps, EqualIncompatibleShapesAtRunTime) {
  Graph g;
  Output x = placeholder(g, DType::kInt32, Shape::unknown(), "x");
  Output y = placeholder(g, DType::kInt32, Shape::unknown(), "y");
  Output eq = OpBuilder("Equal").input(x).input(y).attr("incompatible_shape_error", false).build();
  Output ne =
      OpBuilder("NotEqual").input(x).input(y).attr("incompatible_shape_error", false).build();
  FeedList feeds = {{x, Tensor::from_vector<int32_t>({1, 2})},
                    {y, Tensor::from_vector<int32_t>({1, 2, 3})}};
  Session s(g);
  std::vector<Tensor> out = s.run({eq, ne}, feeds);
  EXPECT_EQ(out[0].shape(), Shape());
  EXPECT_FALSE(out[0].scalar_value<bool>());
  EXPECT_TRUE(out[1].scalar_value<bool>());
  EXPECT_EQ(run_status(g, equal(x, y), feeds).code(), Code::kInvalidArgument);
}

TEST(MathOps, EmptyTensors) {
  Graph g;
  Output e = constant(g, Tensor(DType::kFloat, Shape({0, 3})));
  Session s(g);
  Tensor sum = s.run(add(e, constant(g, Input({1.0f, 2.0f, 3.0f}))));
  EXPECT_EQ(sum.shape(), Shape({0, 3}));
  EXPECT_EQ(s.run(exp(e)).shape(), Shape({0, 3}));
  EXPECT_EQ(s.run(less(e, 1.0f)).shape(), Shape({0, 3}));
  EXPECT_EQ(s.run(cast(e, DType::kInt32)).shape(), Shape({0, 3}));
  EXPECT_EQ(s.run(add_n({e, e})).shape(), Shape({0, 3}));
  Output col = constant(g, Tensor(DType::kFloat, Shape({0, 1})));
  EXPECT_EQ(s.run(multiply(col, constant(g, Input({{1.0f, 2.0f}})))).shape(), Shape({0, 2}));
  EXPECT_EQ(s.run(where_v2(constant(g, Tensor(DType::kBool, Shape({0}))), 1.0f, 2.0f)).shape(),
            Shape({0}));
  // Division by an empty integer divisor has nothing to divide.
  Output ei = constant(g, Tensor(DType::kInt32, Shape({0})));
  EXPECT_EQ(s.run(floordiv(ei, ei)).shape(), Shape({0}));
}

TEST(MathOps, IntegerArithmeticWraps) {
  Graph g;
  Session s(g);
  Output big = constant(
      g, Input({std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::min()}));
  EXPECT_EQ(s.run(add(big, 1)).to_vector<int32_t>(),
            (std::vector<int32_t>{std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::min() + 1}));
  EXPECT_EQ(s.run(negative(big)).to_vector<int32_t>(),
            (std::vector<int32_t>{-std::numeric_limits<int32_t>::max(),
                                  std::numeric_limits<int32_t>::min()}));
  EXPECT_EQ(s.run(abs(big)).to_vector<int32_t>()[1], std::numeric_limits<int32_t>::min());
  EXPECT_EQ(s.run(pow(constant(g, Input({3})), 21)).to_vector<int32_t>()[0],
            1870418611);  // 3^21 mod 2^32
}

TEST(MathOps, SignKeepsNaNAndZeros) {
  Graph g;
  Session s(g);
  std::vector<float> r =
      s.run(sign(constant(g, Input({-2.0f, -0.0f, 0.0f, 3.0f, NAN})))).to_vector<float>();
  EXPECT_EQ(r[0], -1);
  EXPECT_EQ(r[1], 0);
  EXPECT_FALSE(std::signbit(r[1]));
  EXPECT_EQ(r[3], 1);
  EXPECT_TRUE(std::isnan(r[4]));
  EXPECT_EQ(s.run(sign(constant(g, Input({-5, 0, 9})))).to_vector<int32_t>(),
            (std::vector<int32_t>{-1, 0, 1}));
}

TEST(MathOps, SelectScalarConditionSharesTheChosenInput) {
  Graph g;
  Output t = constant(g, Input({{1.0f, 2.0f}, {3.0f, 4.0f}}));
  Output e = constant(g, Input({{5.0f, 6.0f}, {7.0f, 8.0f}}));
  Session s(g);
  EXPECT_EQ(s.run(where(true, t, e)).to_vector<float>(), (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(s.run(where(false, t, e)).to_vector<float>(), (std::vector<float>{5, 6, 7, 8}));
  EXPECT_EQ(s.run(where(constant(g, Input({false, true})), t, e)).to_vector<float>(),
            (std::vector<float>{5, 6, 3, 4}));
  EXPECT_EQ(s.run(where_v2(constant(g, Input({false, true})), t, e)).to_vector<float>(),
            (std::vector<float>{5, 2, 7, 4}));  // V2 broadcasts the condition over columns
}

// ---- the C++ API: op types, node names, Python-like conveniences ----

TEST(MathApi, OpTypesAndDefaultNames) {
  Graph g;
  Output x = placeholder(g, DType::kFloat, Shape({2}), "x");
  Output y = placeholder(g, DType::kFloat, Shape({2}), "y");
  Output b = placeholder(g, DType::kBool, Shape({2}), "b");
  struct Expect {
    Output out;
    const char* op;
    const char* name;
  };
  std::vector<Expect> expects = {
      {add(x, y), "AddV2", "Add"},
      {subtract(x, y), "Sub", "Sub"},
      {multiply(x, y), "Mul", "Mul"},
      {divide(x, y), "RealDiv", "truediv"},
      {realdiv(x, y), "RealDiv", "RealDiv"},
      {div(x, y), "RealDiv", "div"},
      {floordiv(x, y), "FloorDiv", "floordiv"},
      {floormod(x, y), "FloorMod", "FloorMod"},
      {mod(x, y), "FloorMod", "FloorMod_1"},
      {pow(x, y), "Pow", "Pow"},
      {maximum(x, y), "Maximum", "Maximum"},
      {minimum(x, y), "Minimum", "Minimum"},
      {squared_difference(x, y), "SquaredDifference", "SquaredDifference"},
      {negative(x), "Neg", "Neg"},
      {sigmoid(x), "Sigmoid", "Sigmoid"},
      {relu(x), "Relu", "Relu"},
      {reciprocal(x), "Reciprocal", "Reciprocal"},
      {equal(x, y), "Equal", "Equal"},
      {greater_equal(x, y), "GreaterEqual", "GreaterEqual"},
      {logical_or(b, b), "LogicalOr", "LogicalOr"},
      {where(b, x, y), "Select", "Select"},
      {where_v2(b, x, y), "SelectV2", "SelectV2"},
      {add_n({x, y}), "AddN", "AddN"},
      {cast(x, DType::kInt32), "Cast", "Cast"},
      {x + y, "AddV2", "add_1"},  // names are unique case-insensitively, as in TF
      {x / y, "RealDiv", "truediv_1"},
  };
  for (const Expect& e : expects) {
    EXPECT_EQ(e.out.node->op(), e.op);
    EXPECT_EQ(e.out.node->name(), e.name);
  }
  EXPECT_TRUE(equal(x, y).node->attr<bool>("incompatible_shape_error"));
  EXPECT_FALSE(cast(x, DType::kInt32).node->attr<bool>("Truncate"));
  EXPECT_EQ(add_n({x}), x);  // one input: returned as is
  EXPECT_EQ(cast(x, DType::kFloat), x);
  EXPECT_EQ(add_n({x}, "total").node->op(), "Identity");
}

TEST(MathApi, IntegerDivideCastsToFloat) {
  Graph g;
  Output a = constant(g, Input({7, -7}));
  Output q = divide(a, 2);
  EXPECT_EQ(q.node->op(), "RealDiv");
  EXPECT_EQ(q.node->name(), "truediv");
  EXPECT_EQ(q.dtype(), DType::kDouble);  // int32 -> float64, as TF does
  EXPECT_EQ(q.node->input(0).node->name(), "truediv/Cast");
  EXPECT_EQ(q.node->input(1).node->name(), "truediv/Cast_1");
  Output small = divide(cast(a, DType::kInt16), cast(a, DType::kInt16));
  EXPECT_EQ(small.dtype(), DType::kFloat);  // 8/16-bit -> float32
  Output fl = div(a, 2);                    // TF1 tf.div on integers floors
  EXPECT_EQ(fl.node->op(), "FloorDiv");
  Session s(g);
  EXPECT_EQ(s.run(q).to_vector<double>(), (std::vector<double>{3.5, -3.5}));
  EXPECT_EQ(s.run(fl).to_vector<int32_t>(), (std::vector<int32_t>{3, -4}));
}

TEST(MathApi, WeakLiteralsTakeTheTensorDtype) {
  Graph g;
  Output d = constant(g, Tensor::from_vector<double>({1.5, 2.5}));
  Output y = multiply(d, 2);
  EXPECT_EQ(y.dtype(), DType::kDouble);
  Session s(g);
  EXPECT_EQ(s.run(y).to_vector<double>(), (std::vector<double>{3, 5}));
  EXPECT_EQ(s.run(add(1.0f, d)).to_vector<double>(), (std::vector<double>{2.5, 3.5}));
  EXPECT_EQ(s.run(maximum(constant(g, Input(std::vector<int64_t>{1, 5})), 3)).to_vector<int64_t>(),
            (std::vector<int64_t>{3, 5}));
}

}  // namespace
}  // namespace liu
