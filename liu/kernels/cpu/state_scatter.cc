// ScatterAdd/ScatterSub/ScatterUpdate on a Ref variable: row indices[i] of the variable is
// combined with slice i of updates (a scalar update applies to every selected element).
// Indices are all checked before anything is written, so a bad index leaves ref unchanged.
#include <mutex>
#include <string>
#include <vector>

#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

enum class ScatterKind { kAdd, kSub, kUpdate };

template <ScatterKind kKind>
Status scatter_compute(KernelContext& ctx) {
  VariableSlot* slot = ctx.ref_input(0);
  const Tensor& indices = ctx.input(1);
  const Tensor& updates = ctx.input(2);
  std::lock_guard<std::mutex> lock(slot->mutex);
  if (!slot->initialized())
    return ctx.error("Attempting to use uninitialized value " + slot->name,
                     Code::kFailedPrecondition);
  Tensor& ref = slot->value;
  if (ref.shape().rank() < 1) return ctx.error("Expected ref to be at least 1-D");
  const int64_t num = indices.num_elements();
  const int64_t first_dim = ref.shape().dim(0);
  const int64_t inner = first_dim == 0 ? 0 : ref.num_elements() / first_dim;
  const bool scalar_update = updates.shape().rank() == 0;
  if (!scalar_update) {
    std::vector<int64_t> want = indices.shape().dims();
    for (int d = 1; d < ref.shape().rank(); ++d) want.push_back(ref.shape().dim(d));
    if (updates.shape() != Shape(want))
      return ctx.error(
          "Must have updates.shape = indices.shape + params.shape[1:] or "
          "updates.shape = [], got updates.shape " +
          updates.shape().to_string() + ", indices.shape " + indices.shape().to_string() +
          ", params.shape " + ref.shape().to_string());
  }
  std::vector<int64_t> rows(num);
  if (indices.dtype() == DType::kInt64)
    std::copy_n(indices.data<int64_t>(), num, rows.begin());
  else
    std::copy_n(indices.data<int32_t>(), num, rows.begin());
  for (int64_t i = 0; i < num; ++i)
    if (rows[i] < 0 || rows[i] >= first_dim)
      return ctx.error("indices[" + std::to_string(i) + "] = " + std::to_string(rows[i]) +
                       " is not in [0, " + std::to_string(first_dim) + ")");
  auto body = [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    T* dst = ref.template data<T>();
    const T* src = updates.template data<T>();
    for (int64_t i = 0; i < num; ++i) {
      T* row = dst + rows[i] * inner;
      const T* u = scalar_update ? src : src + i * inner;
      for (int64_t k = 0; k < inner; ++k) {
        const T v = scalar_update ? u[0] : u[k];
        if constexpr (kKind == ScatterKind::kAdd)
          row[k] = static_cast<T>(row[k] + v);
        else if constexpr (kKind == ScatterKind::kSub)
          row[k] = static_cast<T>(row[k] - v);
        else
          row[k] = v;
      }
    }
    return Status::ok();
  };
  if constexpr (kKind == ScatterKind::kUpdate) {
    LIU_RETURN_IF_ERROR(dispatch_pod(ref.dtype(), body));
  } else {
    LIU_RETURN_IF_ERROR(dispatch_numeric(ref.dtype(), body));
  }
  ctx.set_output(0, ref);
  return Status::ok();
}

}  // namespace

LIU_KERNEL("ScatterAdd", kCPU, scatter_compute<ScatterKind::kAdd>);
LIU_KERNEL("ScatterSub", kCPU, scatter_compute<ScatterKind::kSub>);
LIU_KERNEL("ScatterUpdate", kCPU, scatter_compute<ScatterKind::kUpdate>);

}  // namespace liu
