#pragma once
// Splitting rows of work over OpenMP threads in contiguous blocks, shared by the activation,
// bias and softmax kernels. Each caller passes its own threshold: below it, thread start-up
// would cost more than the work.
#include <algorithm>
#include <cstdint>

namespace liu::row_split {

// How many blocks `rows` rows holding `total` elements split into: one per thread (at most one
// per row) when total > min_parallel_elements, else 1.
inline int block_count(int64_t rows, int64_t total, int threads, int64_t min_parallel_elements) {
  const int blocks =
      total > min_parallel_elements ? static_cast<int>(std::min<int64_t>(threads, rows)) : 1;
  return std::max(blocks, 1);
}

// Calls fn(begin, end) over [0, rows) in contiguous blocks (rows of row_size elements).
template <typename Fn>
void parallel_rows(int64_t min_parallel_elements, int64_t rows, int64_t row_size, int threads,
                   const Fn& fn) {
  const int blocks =
      block_count(rows, rows * std::max<int64_t>(row_size, 1), threads, min_parallel_elements);
  if (blocks == 1) {
    fn(int64_t{0}, rows);
    return;
  }
#pragma omp parallel for num_threads(blocks) schedule(static)
  for (int b = 0; b < blocks; ++b) {
    const int64_t begin = rows * b / blocks, end = rows * (b + 1) / blocks;
    if (begin < end) fn(begin, end);
  }
}

}  // namespace liu::row_split
