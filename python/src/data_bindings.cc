// Data-set readers for the tutorials' input pipelines (liu.examples.tutorials.mnist).
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "bindings.h"
#include "liu/io/idx_file.h"
#include "tensor_conversion.h"

namespace liu::python {

void bind_data(nb::module_& m) {
  m.def("read_idx_file", [](const std::string& path) {
    Tensor t;
    {
      nb::gil_scoped_release release;
      throw_if_error(io::read_idx_file(path, &t));
    }
    return tensor_to_numpy(std::move(t));
  });
  m.def("images_to_unit_float", [](nb::handle images, bool flatten) {
    Tensor out;
    throw_if_error(io::images_to_unit_float(numpy_to_tensor(images), flatten, &out));
    return tensor_to_numpy(std::move(out));
  });
}

}  // namespace liu::python
