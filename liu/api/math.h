#pragma once
// C++ API for the elementwise math ops (one line per op over OpBuilder). Names, defaults and
// node names follow TF's Python API: tf.add -> AddV2 "Add", tf.divide -> RealDiv "truediv",
// tf.div (v1) -> RealDiv or, for integers, FloorDiv "div", tf.where (v1) -> Select.
#include "liu/api/builder.h"

namespace liu {

// ---- binary arithmetic (NumPy broadcasting) ----
// AddV2, or Add for strings (concatenation).
Output add(const Input& x, const Input& y, const std::string& name = "Add");
Output subtract(const Input& x, const Input& y, const std::string& name = "Sub");
Output multiply(const Input& x, const Input& y, const std::string& name = "Mul");
// True division: integer inputs are first cast to float32 (8/16-bit) or float64 (32/64-bit).
Output divide(const Input& x, const Input& y, const std::string& name = "truediv");
Output truediv(const Input& x, const Input& y, const std::string& name = "truediv");
Output realdiv(const Input& x, const Input& y, const std::string& name = "RealDiv");
// x / y, and 0 wherever y is 0 (tf.math.divide_no_nan).
Output div_no_nan(const Input& x, const Input& y, const std::string& name = "div_no_nan");
// TF1 tf.div: RealDiv for floats, FloorDiv for integers.
Output div(const Input& x, const Input& y, const std::string& name = "div");
Output floordiv(const Input& x, const Input& y, const std::string& name = "floordiv");
// Remainder with the sign of the divisor (Python's %).
Output floormod(const Input& x, const Input& y, const std::string& name = "FloorMod");
Output mod(const Input& x, const Input& y, const std::string& name = "FloorMod");
Output pow(const Input& x, const Input& y, const std::string& name = "Pow");
Output maximum(const Input& x, const Input& y, const std::string& name = "Maximum");
Output minimum(const Input& x, const Input& y, const std::string& name = "Minimum");
Output squared_difference(const Input& x, const Input& y,
                          const std::string& name = "SquaredDifference");

// ---- unary ----
Output negative(const Input& x, const std::string& name = "Neg");
Output abs(const Input& x, const std::string& name = "Abs");
Output sign(const Input& x, const std::string& name = "Sign");
Output square(const Input& x, const std::string& name = "Square");
Output sqrt(const Input& x, const std::string& name = "Sqrt");
Output rsqrt(const Input& x, const std::string& name = "Rsqrt");
Output exp(const Input& x, const std::string& name = "Exp");
Output log(const Input& x, const std::string& name = "Log");
Output log1p(const Input& x, const std::string& name = "Log1p");
Output sin(const Input& x, const std::string& name = "Sin");
Output cos(const Input& x, const std::string& name = "Cos");
Output tanh(const Input& x, const std::string& name = "Tanh");
Output sigmoid(const Input& x, const std::string& name = "Sigmoid");
Output relu(const Input& x, const std::string& name = "Relu");
Output floor(const Input& x, const std::string& name = "Floor");
Output ceil(const Input& x, const std::string& name = "Ceil");
// Half to even; an integer tensor is returned unchanged, as tf.round does.
Output round(const Input& x, const std::string& name = "Round");
Output reciprocal(const Input& x, const std::string& name = "Reciprocal");

// ---- comparisons and logic (bool results) ----
Output equal(const Input& x, const Input& y, const std::string& name = "Equal");
Output not_equal(const Input& x, const Input& y, const std::string& name = "NotEqual");
Output less(const Input& x, const Input& y, const std::string& name = "Less");
Output less_equal(const Input& x, const Input& y, const std::string& name = "LessEqual");
Output greater(const Input& x, const Input& y, const std::string& name = "Greater");
Output greater_equal(const Input& x, const Input& y, const std::string& name = "GreaterEqual");
Output logical_and(const Input& x, const Input& y, const std::string& name = "LogicalAnd");
Output logical_or(const Input& x, const Input& y, const std::string& name = "LogicalOr");
Output logical_not(const Input& x, const std::string& name = "LogicalNot");

// TF1 tf.where(condition, x, y): Select, condition a scalar, x's shape, or a vector over x's
// first dim.
Output where(const Input& condition, const Input& x, const Input& y,
             const std::string& name = "Select");
Output select(const Input& condition, const Input& x, const Input& y,
              const std::string& name = "Select");
// tf.where_v2: condition, x and y broadcast together.
Output where_v2(const Input& condition, const Input& x, const Input& y,
                const std::string& name = "SelectV2");

// Sum of same-shaped tensors; a single input is returned as is (renamed through Identity
// when a name other than the default is given), like tf.add_n.
Output add_n(const InputList& inputs, const std::string& name = "AddN");
// tf.cast: returns x itself when it already has the dtype.
Output cast(const Input& x, DType dtype, const std::string& name = "Cast");

}  // namespace liu
