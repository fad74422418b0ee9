#include "liu/io/idx_file.h"

#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

namespace liu::io {
namespace {

// gzread reads plain files unchanged, so one reader serves .gz and raw IDX files alike.
struct GzCloser {
  void operator()(gzFile f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<std::remove_pointer_t<gzFile>, GzCloser>;

Status read_exact(gzFile f, void* dst, size_t n, const std::string& path) {
  auto* p = static_cast<char*>(dst);
  while (n > 0) {
    const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n, 1u << 30));
    const int got = gzread(f, p, chunk);
    if (got <= 0)
      return Status(Code::kDataLoss, "IDX file " + path + " is truncated or corrupt");
    p += got;
    n -= static_cast<size_t>(got);
  }
  return Status::ok();
}

bool dtype_of_code(unsigned char code, DType* dtype) {
  switch (code) {
    case 0x08: *dtype = DType::kUInt8; return true;
    case 0x09: *dtype = DType::kInt8; return true;
    case 0x0B: *dtype = DType::kInt16; return true;
    case 0x0C: *dtype = DType::kInt32; return true;
    case 0x0D: *dtype = DType::kFloat; return true;
    case 0x0E: *dtype = DType::kDouble; return true;
    default: return false;
  }
}

void to_host_order(char* data, int64_t count, size_t width) {
  if (width == 1) return;
  for (int64_t i = 0; i < count; ++i) {
    char* e = data + i * width;
    for (size_t a = 0, b = width - 1; a < b; ++a, --b) std::swap(e[a], e[b]);
  }
}

}  // namespace

Status read_idx_file(const std::string& path, Tensor* out) {
  if (!std::filesystem::exists(path)) return Status(Code::kNotFound, "No such file: " + path);
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) return Status(Code::kNotFound, "Cannot open " + path);
  gzbuffer(file.get(), 1 << 20);
  unsigned char magic[4];
  LIU_RETURN_IF_ERROR(read_exact(file.get(), magic, 4, path));
  DType dtype;
  if (magic[0] != 0 || magic[1] != 0 || !dtype_of_code(magic[2], &dtype) || magic[3] == 0)
    return Status(Code::kDataLoss, path + " is not an IDX file (bad magic number)");
  std::vector<int64_t> dims(magic[3]);
  for (auto& d : dims) {
    unsigned char b[4];
    LIU_RETURN_IF_ERROR(read_exact(file.get(), b, 4, path));
    d = (int64_t{b[0]} << 24) | (int64_t{b[1]} << 16) | (int64_t{b[2]} << 8) | b[3];
  }
  Shape shape;
  if (!make_shape_from_dims(dims.data(), static_cast<int64_t>(dims.size()), &shape).is_ok())
    return Status(Code::kDataLoss, path + " has an impossible shape");
  Tensor t(dtype, shape);
  const size_t width = dtype_size(dtype);
  LIU_RETURN_IF_ERROR(read_exact(file.get(), t.raw_data(), t.num_elements() * width, path));
  char extra;
  if (gzread(file.get(), &extra, 1) != 0)
    return Status(Code::kDataLoss, path + " has data after the " + shape.to_string() + " elements");
  to_host_order(static_cast<char*>(t.raw_data()), t.num_elements(), width);
  *out = std::move(t);
  return Status::ok();
}

Status images_to_unit_float(const Tensor& images, bool flatten, Tensor* out) {
  if (images.dtype() != DType::kUInt8 || images.rank() != 3)
    return invalid_argument("images must be uint8 [count, rows, cols], got " +
                            std::string(dtype_name(images.dtype())) + " " +
                            images.shape().to_string());
  Shape shape = flatten ? Shape({images.dim(0), images.dim(1) * images.dim(2)})
                        : Shape({images.dim(0), images.dim(1), images.dim(2), 1});
  Tensor t(DType::kFloat, shape);
  const uint8_t* src = images.data<uint8_t>();
  float* dst = t.data<float>();
  const float scale = static_cast<float>(1.0 / 255.0);
  for (int64_t i = 0; i < images.num_elements(); ++i) dst[i] = static_cast<float>(src[i]) * scale;
  *out = std::move(t);
  return Status::ok();
}

}  // namespace liu::io
