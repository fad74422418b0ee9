// Unique: distinct values in order of first appearance plus each element's index into them.
#include <string>
#include <unordered_map>
#include <vector>

#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

Status unique_compute(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  if (x.shape().rank() != 1)
    return ctx.error("unique expects a 1D vector, got shape " + x.shape().to_string());
  const int64_t n = x.num_elements();
  const DType idx_type = ctx.node().attr<DType>("out_idx");
  Tensor* idx = ctx.allocate_output(1, Shape({n}));
  std::vector<int64_t> positions(n);
  std::vector<int64_t> firsts;  // element index of each distinct value's first appearance
  // Values compare with ==, as TF's hash map does (so every NaN is its own value).
  LIU_RETURN_IF_ERROR(dispatch_all(x.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T* v = x.template data<T>();
    std::unordered_map<T, int64_t> seen;
    seen.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      auto [it, inserted] = seen.emplace(v[i], static_cast<int64_t>(firsts.size()));
      if (inserted) firsts.push_back(i);
      positions[i] = it->second;
    }
    Tensor* y = ctx.allocate_output(0, Shape({static_cast<int64_t>(firsts.size())}));
    T* out = y->template data<T>();
    for (size_t j = 0; j < firsts.size(); ++j) out[j] = v[firsts[j]];
    return Status::ok();
  }));
  if (idx_type == DType::kInt64) {
    std::copy(positions.begin(), positions.end(), idx->data<int64_t>());
  } else {
    int32_t* out = idx->data<int32_t>();
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<int32_t>(positions[i]);
  }
  return Status::ok();
}

}  // namespace

LIU_KERNEL("Unique", kCPU, unique_compute);

}  // namespace liu
