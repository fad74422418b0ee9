// The TensorFlow-generated cases of tests/generate/nn_batch_norm.py, shared by
// nn_batch_norm_test.cc, nn_composite_test.cc and nn_top_k_test.cc (one data file feeds all
// three, so the structs it fills are declared once, here).
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace liu::test {

struct BatchNormCase {
  const char* op;
  const char* format;
  bool training;
  float factor;
  float epsilon;
  std::vector<int64_t> shape;
  std::vector<float> x, scale, offset, mean, variance, dy, y, batch_mean, batch_variance, rs1, rs2,
      dx, dscale, doffset;
};

struct TopKCase {
  std::vector<int64_t> shape;
  std::vector<float> input;
  int k;
  std::vector<float> values;
  std::vector<int> indices;
};

// Internal linkage (const at namespace scope), so each including file has its own copy.
#include "data/nn_batch_norm.inc"

}  // namespace liu::test
