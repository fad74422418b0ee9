#pragma once
// The shape function of a rank-2 matrix product, shared by MatMul (matmul.cc) and
// _FusedMatMul (nn_fused.cc) so that both validate their matrices alike.
#include "liu/ops/shape_fns.h"

namespace liu {

// Inputs 0 and 1 must be matrices (or of unknown rank) whose inner dims agree after the
// transpose_a/transpose_b attrs; *m and *n (-1 when unknown) are the product's dims. TF's
// MatMul names the transposes in its mismatch error when `note_transposes`.
Status matmul_matrix_dims(InferenceContext& ctx, bool note_transposes, int64_t* m, int64_t* n);

}  // namespace liu
