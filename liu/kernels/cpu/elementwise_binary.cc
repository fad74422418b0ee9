// Broadcasting arithmetic kernels: Add, AddV2, Sub, Mul, RealDiv, Div, FloorDiv, FloorMod,
// Pow, Maximum, Minimum, SquaredDifference.
#include "liu/kernels/cpu/elementwise.h"

namespace liu {
namespace {

template <typename Op>
constexpr bool kDivides = std::is_same_v<Op, ew::Div> || std::is_same_v<Op, ew::FloorDiv> ||
                          std::is_same_v<Op, ew::FloorMod>;

// Value checks that must precede the arithmetic: integer division by zero, negative integer
// exponents.
template <typename Op, typename T>
Status check_values(KernelContext& ctx) {
  // An empty result divides nothing (TF checks the divisors it uses): (axes + 0) % 0 over
  // empty axes, as reduction gradients of scalars build, is fine.
  if (ctx.input(0).num_elements() == 0 || ctx.input(1).num_elements() == 0) return Status::ok();
  if constexpr (kDivides<Op> && ew::kIsInt<T>) {
    if (ew::any_zero<T>(ctx.input(1))) return ctx.error("Integer division by zero");
  }
  if constexpr (std::is_same_v<Op, ew::Pow> && ew::kIsInt<T>) {
    if (ew::any_negative<T>(ctx.input(1)))
      return ctx.error("Integers to negative integer powers are not allowed");
  }
  return Status::ok();
}

template <typename Op, bool kSignedOnly = false>
Status numeric_compute(KernelContext& ctx) {
  const DType dtype = ctx.input(0).dtype();
  return dispatch_numeric(dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    if constexpr (kSignedOnly && !std::is_signed_v<T>) {
      return ctx.error(std::string("unsupported dtype ") + dtype_name(dtype));
    } else {
      LIU_RETURN_IF_ERROR((check_values<Op, T>(ctx)));
      return ew::binary<T, T>(ctx, Op{});
    }
  });
}

// Add also concatenates strings.
Status add_compute(KernelContext& ctx) {
  if (ctx.input(0).dtype() == DType::kString)
    return ew::binary<std::string, std::string>(ctx, ew::Add{});
  return numeric_compute<ew::Add>(ctx);
}

}  // namespace

LIU_KERNEL("Add", kCPU, add_compute);
LIU_KERNEL("AddV2", kCPU, numeric_compute<ew::Add>);
LIU_KERNEL("Sub", kCPU, numeric_compute<ew::Sub>);
LIU_KERNEL("Mul", kCPU, numeric_compute<ew::Mul>);
LIU_KERNEL("RealDiv", kCPU, numeric_compute<ew::Div>);
LIU_KERNEL("DivNoNan", kCPU, numeric_compute<ew::DivNoNan>);
LIU_KERNEL("Div", kCPU, numeric_compute<ew::Div>);
LIU_KERNEL("FloorDiv", kCPU, numeric_compute<ew::FloorDiv>);
LIU_KERNEL("FloorMod", kCPU, numeric_compute<ew::FloorMod>);
LIU_KERNEL("Pow", kCPU, (numeric_compute<ew::Pow, true>));
LIU_KERNEL("Maximum", kCPU, numeric_compute<ew::Maximum>);
LIU_KERNEL("Minimum", kCPU, numeric_compute<ew::Minimum>);
LIU_KERNEL("SquaredDifference", kCPU, (numeric_compute<ew::SquaredDifference, true>));

}  // namespace liu
