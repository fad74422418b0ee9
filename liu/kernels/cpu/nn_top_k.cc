// Kernels of TopK / TopKV2 and InTopK / InTopKV2.
//
// TopK: each row of the last dim independently; the k largest values in descending order,
// equal values by ascending index (TF's order). Outputs are always sorted (sorted=false leaves
// the order unspecified in TF). k == 1 is a linear scan; otherwise a partial sort of indices.
// InTopK: a target is in the top k when fewer than k classes have a strictly larger
// prediction; a non-finite prediction in the row or an out-of-range target gives false.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

template <typename T>
bool before(const T* row, int64_t a, int64_t b) {
  return row[a] > row[b] || (row[a] == row[b] && a < b);
}

template <typename T, typename Index>
void top_k_rows(const T* in, int64_t rows, int64_t cols, int64_t k, T* values, Index* indices,
                int threads) {
  const bool parallel = rows > 1 && rows * cols > (1 << 14);
#pragma omp parallel num_threads(threads) if (parallel)
  {
    std::vector<int64_t> order;
#pragma omp for schedule(static)
    for (int64_t r = 0; r < rows; ++r) {
      const T* row = in + r * cols;
      T* out_v = values + r * k;
      Index* out_i = indices + r * k;
      if (k == 1) {
        int64_t best = 0;
        for (int64_t c = 1; c < cols; ++c)
          if (row[c] > row[best]) best = c;
        out_v[0] = row[best];
        out_i[0] = static_cast<Index>(best);
        continue;
      }
      order.resize(cols);
      std::iota(order.begin(), order.end(), int64_t{0});
      auto cmp = [row](int64_t a, int64_t b) { return before(row, a, b); };
      if (k < cols)
        std::partial_sort(order.begin(), order.begin() + k, order.end(), cmp);
      else
        std::sort(order.begin(), order.end(), cmp);
      for (int64_t j = 0; j < k; ++j) {
        out_v[j] = row[order[j]];
        out_i[j] = static_cast<Index>(order[j]);
      }
    }
  }
}

Status read_scalar_int(const KernelContext& ctx, const Tensor& t, const char* what, int64_t* out) {
  if (t.rank() != 0)
    return ctx.error(std::string(what) + " must be scalar, got shape " + t.shape().to_string());
  switch (t.dtype()) {
    case DType::kInt64:
      *out = t.scalar_value<int64_t>();
      break;
    case DType::kInt16:
      *out = t.scalar_value<int16_t>();
      break;
    default:
      *out = t.scalar_value<int32_t>();
      break;
  }
  return Status::ok();
}

class TopKKernel : public OpKernel {
 public:
  explicit TopKKernel(const Node& node)
      : OpKernel(node),
        v2_(node.op() == "TopKV2"),
        k_(v2_ ? 0 : node.attr<int64_t>("k")),
        index_type_(v2_ ? node.attr<DType>("index_type") : DType::kInt32) {}

  Status compute(KernelContext& ctx) const override {
    int64_t k = k_;
    if (v2_) LIU_RETURN_IF_ERROR(read_scalar_int(ctx, ctx.input(1), "k", &k));
    if (k < 0) return ctx.error("Need k >= 0, got " + std::to_string(k));
    const Tensor& input = ctx.input(0);
    if (input.rank() < 1)
      return ctx.error("input must be >= 1-D, got shape " + input.shape().to_string());
    const int64_t cols = input.dim(input.rank() - 1);
    if (cols < k)
      return ctx.error("input must have at least k columns. Had " + std::to_string(cols) +
                       ", needed " + std::to_string(k));
    if (index_type_ == DType::kInt16 && cols > 32768)
      return ctx.error("input has more columns than int16 indices can address");
    Shape out_shape = input.shape();
    out_shape.set_dim(input.rank() - 1, k);
    Tensor* values = ctx.allocate_output(0, out_shape);
    Tensor* indices = ctx.allocate_output(1, out_shape);
    if (out_shape.num_elements() == 0) return Status::ok();
    const int64_t rows = input.num_elements() / cols;
    const int threads = ctx.thread_count();
    return dispatch_numeric(input.dtype(), [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      switch (index_type_) {
        case DType::kInt64:
          top_k_rows(input.data<T>(), rows, cols, k, values->data<T>(), indices->data<int64_t>(),
                     threads);
          break;
        case DType::kInt16:
          top_k_rows(input.data<T>(), rows, cols, k, values->data<T>(), indices->data<int16_t>(),
                     threads);
          break;
        default:
          top_k_rows(input.data<T>(), rows, cols, k, values->data<T>(), indices->data<int32_t>(),
                     threads);
          break;
      }
      return Status::ok();
    });
  }

 private:
  bool v2_;
  int64_t k_;
  DType index_type_;
};

template <typename Target>
void in_top_k_rows(const float* pred, const Target* targets, int64_t batch, int64_t classes,
                   int64_t k, bool* out) {
  for (int64_t b = 0; b < batch; ++b) {
    const float* row = pred + b * classes;
    const int64_t target = static_cast<int64_t>(targets[b]);
    bool unknown = target < 0 || target >= classes || !std::isfinite(row[target]);
    int64_t larger = 0;
    if (!unknown) {
      const float target_value = row[target];
      for (int64_t c = 0; c < classes; ++c) {
        if (!std::isfinite(row[c])) {
          unknown = true;
          break;
        }
        if (row[c] > target_value && ++larger > k) break;
      }
    }
    out[b] = !unknown && larger < k;
  }
}

class InTopKKernel : public OpKernel {
 public:
  explicit InTopKKernel(const Node& node)
      : OpKernel(node), v2_(node.op() == "InTopKV2"), k_(v2_ ? 0 : node.attr<int64_t>("k")) {}

  Status compute(KernelContext& ctx) const override {
    const Tensor& predictions = ctx.input(0);
    const Tensor& targets = ctx.input(1);
    int64_t k = k_;
    if (v2_) {
      const Tensor& k_tensor = ctx.input(2);
      if (k_tensor.rank() != 0)
        return ctx.error("k must be 0-D, got shape " + k_tensor.shape().to_string());
      k = k_tensor.dtype() == DType::kInt64 ? k_tensor.scalar_value<int64_t>()
                                            : k_tensor.scalar_value<int32_t>();
    }
    if (predictions.rank() != 2) return ctx.error("predictions must be 2-dimensional");
    if (targets.rank() != 1) return ctx.error("targets must be 1-dimensional");
    if (predictions.dim(0) != targets.dim(0))
      return ctx.error("First dimension of predictions " + std::to_string(predictions.dim(0)) +
                       " must match length of targets " + std::to_string(targets.dim(0)));
    Tensor* out = ctx.allocate_output(0, Shape({targets.dim(0)}));
    const int64_t batch = predictions.dim(0), classes = predictions.dim(1);
    if (targets.dtype() == DType::kInt64)
      in_top_k_rows(predictions.data<float>(), targets.data<int64_t>(), batch, classes, k,
                    out->data<bool>());
    else
      in_top_k_rows(predictions.data<float>(), targets.data<int32_t>(), batch, classes, k,
                    out->data<bool>());
    return Status::ok();
  }

 private:
  bool v2_;
  int64_t k_;
};

}  // namespace

LIU_KERNEL_CLASS("TopK", kCPU, TopKKernel);
LIU_KERNEL_CLASS("TopKV2", kCPU, TopKKernel);
LIU_KERNEL_CLASS("InTopK", kCPU, InTopKKernel);
LIU_KERNEL_CLASS("InTopKV2", kCPU, InTopKKernel);

}  // namespace liu
