#pragma once
// IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic (two zero bytes, a type
// code, the rank), big-endian int32 dims, then the elements in row-major order, big-endian.
// Files ending in .gz are decompressed on the fly.
#include <string>

#include "liu/core/tensor.h"

namespace liu::io {

// The whole file as a tensor of its element type (uint8 for MNIST) and its header's shape.
// NotFound when the file is missing; DataLoss when the header or length is inconsistent.
Status read_idx_file(const std::string& path, Tensor* out);

// uint8 images as float32 in [0, 1] (each byte times float(1/255), as TF's tutorial reader
// does), flattened to [count, rows*cols] when `flatten`.
Status images_to_unit_float(const Tensor& images, bool flatten, Tensor* out);

}  // namespace liu::io
