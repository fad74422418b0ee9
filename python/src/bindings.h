#pragma once
#include <nanobind/nanobind.h>

namespace liu::python {
namespace nb = nanobind;
void bind_graph(nb::module_& m);
void bind_session(nb::module_& m);
void bind_api(nb::module_& m);
void bind_data(nb::module_& m);
}  // namespace liu::python
