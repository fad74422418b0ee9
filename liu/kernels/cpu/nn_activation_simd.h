#pragma once
// Float32 Highway loops of the bias, activation and softmax kernels, compiled for every SIMD
// target and picked at run time (as elementwise_simd.h). Each call takes a block of rows so
// that the dispatch cost is paid once per block, not per row; callers split the rows over
// OpenMP threads. The formulas are TensorFlow's (see the kernels in nn_activation.cc and
// nn_softmax.cc), element for element.
#include <cstdint>

namespace liu::simd {

// out[r, c] = in[r, c] + bias[c] for r < rows, c < cols; out may equal in.
void bias_add_rows_f32(const float* in, const float* bias, float* out, int64_t rows, int64_t cols);
// out[r, i] = in[r, i] + bias[r] (NCHW planes: one bias per row); out may equal in.
void bias_add_planes_f32(const float* in, const float* bias, float* out, int64_t rows,
                         int64_t cols);
// acc[c] += sum over r of in[r, c].
void column_sum_f32(const float* in, int64_t rows, int64_t cols, float* acc);
// Sum of in[0..n).
float sum_f32(const float* in, int64_t n);

enum class ActivationF32 { kRelu6, kElu, kSelu, kSoftplus, kSoftsign, kLeakyRelu };
// out[i] = f(in[i]); alpha is LeakyRelu's slope. out may equal in.
void activation_f32(ActivationF32 op, const float* in, float* out, int64_t n, float alpha);
// out[i] = the op's *Grad(g[i], x[i]) where x is the helper's second input (features, or the
// forward output for Elu/Selu). out may equal g or x.
void activation_grad_f32(ActivationF32 op, const float* g, const float* x, float* out, int64_t n,
                         float alpha);

// Softmax (or LogSoftmax) of each of `rows` rows of `cols` values; out may equal in.
void softmax_rows_f32(const float* in, float* out, int64_t rows, int64_t cols, bool log);
// Softmax cross-entropy of each row of logits against the labels row: loss[r] and
// backprop[r, :] = softmax - labels. A labels row stride of 0 repeats one row.
void xent_rows_f32(const float* logits, const float* labels, int64_t labels_stride, float* loss,
                   float* backprop, int64_t rows, int64_t cols);
// The same with one class index per row (already checked to be in [0, cols)).
void sparse_xent_rows_f32(const float* logits, const int64_t* labels, float* loss, float* backprop,
                          int64_t rows, int64_t cols);

}  // namespace liu::simd
