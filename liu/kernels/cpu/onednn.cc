#include "liu/kernels/cpu/onednn.h"

namespace liu::onednn {

dnnl::engine& cpu_engine() {
  // Immutable after construction; a function-local static makes creation thread-safe.
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

void execute(const dnnl::primitive& primitive, const std::unordered_map<int, dnnl::memory>& args) {
  dnnl::stream stream(cpu_engine());
  primitive.execute(stream, args);
  stream.wait();
}

}  // namespace liu::onednn
