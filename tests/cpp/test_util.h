// Helpers shared by several test files (tests/cpp/*.cc are one binary, so each file's own
// copies would only drift apart).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "liu/core/status.h"
#include "liu/core/tensor.h"

namespace liu::test {

// A float or double tensor of `shape` holding `v` (rounded to float for kFloat).
inline Tensor make(DType dtype, const Shape& shape, const std::vector<double>& v) {
  Tensor t = Tensor::zeros(dtype, shape);
  for (int64_t i = 0; i < t.num_elements(); ++i) {
    if (dtype == DType::kDouble)
      t.data<double>()[i] = v[i];
    else
      t.data<float>()[i] = static_cast<float>(v[i]);
  }
  return t;
}

// The elements of a float or double tensor, widened to double.
inline std::vector<double> values_of(const Tensor& t) {
  std::vector<double> out(t.num_elements());
  for (int64_t i = 0; i < t.num_elements(); ++i)
    out[i] = t.dtype() == DType::kDouble ? t.data<double>()[i] : t.data<float>()[i];
  return out;
}

// Compares with TF's values: float32 results may differ from TF's in the last bits (exp, sum
// order); float64 barely. A NaN expected value asks for a NaN.
inline void expect_close(const Tensor& got, const std::vector<double>& want,
                         const std::string& what) {
  const std::vector<double> v = values_of(got);
  ASSERT_EQ(v.size(), want.size()) << what;
  const double rtol = got.dtype() == DType::kDouble ? 1e-12 : 4e-6;
  const double atol = got.dtype() == DType::kDouble ? 1e-14 : 1e-6;
  for (size_t i = 0; i < v.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(v[i])) << what << " [" << i << "]";
      continue;
    }
    EXPECT_NEAR(v[i], want[i], atol + rtol * std::abs(want[i])) << what << " [" << i << "]";
  }
}

// Every float element of `got`, times `factor`, within tol * (1 + |want|) of `want`.
inline void expect_near_all(const Tensor& got, const std::vector<float>& want, double tol,
                            const std::string& what, double factor = 1.0) {
  ASSERT_EQ(got.num_elements(), static_cast<int64_t>(want.size())) << what;
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_NEAR(factor * got.data<float>()[i], want[i], tol * (1 + std::fabs(want[i])))
        << what << " element " << i;
}

// `build` must throw liu::Error, InvalidArgument, whose text contains `text` (graph
// construction runs the shape functions).
inline void expect_construction_error(const std::function<void()>& build, const std::string& text) {
  try {
    build();
    ADD_FAILURE() << "no error; wanted: " << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

}  // namespace liu::test
