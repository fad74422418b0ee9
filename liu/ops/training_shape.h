// Shape checks shared by the dense (training.cc) and sparse (training_sparse.cc) optimizer
// update ops, so both report the same errors for var/slot and hyper-parameter mismatches.
#pragma once

#include "liu/ops/shape_fns.h"

namespace liu::training {

// Merges input `i` (var or one of its slots) into *var, the shape all of them must share.
Status merge_with_var(InferenceContext& ctx, int i, Shape* var);

// Input `i`, a hyper-parameter, must be a scalar or of unknown rank.
Status check_scalar(InferenceContext& ctx, int i);

}  // namespace liu::training
