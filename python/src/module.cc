// liu._C: the compiled core behind the Python package.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "bindings.h"
#include "liu/core/status.h"
#include "tensor_conversion.h"

namespace nb = nanobind;

NB_MODULE(_C, m) {
  using namespace liu::python;
  // liu::Error becomes the tf.errors class of its code (built by liu/errors.py).
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const liu::Error& e) {
      try {
        nb::object errors = nb::module_::import_("liu.errors");
        nb::object exc = errors.attr("_error_from_code")(static_cast<int>(e.code()), e.status().message());
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
      } catch (const std::exception&) {
        PyErr_SetString(PyExc_RuntimeError, e.what());  // liu.errors itself failed to load
      }
    }
  });
  m.def("numpy_to_python_roundtrip", [](nb::handle a) { return tensor_to_numpy(numpy_to_tensor(a)); });
  bind_graph(m);
  bind_session(m);
  bind_api(m);
  bind_data(m);
}
