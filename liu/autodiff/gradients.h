#pragma once
// Symbolic reverse-mode differentiation as a graph transformation (TF's tf.gradients).
#include <string>
#include <vector>

#include "liu/autodiff/grad_context.h"
#include "liu/graph/graph.h"

namespace liu {

struct GradientOptions {
  std::string name = "gradients";
  std::vector<Output> stop_gradients;  // treated as constants
};

// Adds to g the ops computing sum over ys of d(y)/d(x) for every x, weighted by grad_ys (ones
// when grad_ys is empty or an entry is null). (*dxs)[i] is a null Output when xs[i] is not
// connected to any y (TF's None). Errors: an op on the path without a gradient function
// (LookupError in TF: "No gradient defined for operation ..."), tensors of another graph.
Status add_gradients(Graph& g, const std::vector<Output>& ys, const std::vector<Output>& xs,
                     const std::vector<Output>& grad_ys, const GradientOptions& options,
                     std::vector<Output>* dxs);

// The same, keeping TF's IndexedSlices: (*dxs)[i] is sparse when every contribution to xs[i]'s
// gradient is (a gather of it, possibly through Identity), as tf.gradients returns them. The
// optimizers use this to update only the gathered rows.
Status add_gradients(Graph& g, const std::vector<Output>& ys, const std::vector<Output>& xs,
                     const std::vector<Output>& grad_ys, const GradientOptions& options,
                     std::vector<Gradient>* dxs);

// Throwing form for the C++ API: liu::gradients(loss, {w, b}).
std::vector<Output> gradients(const std::vector<Output>& ys, const std::vector<Output>& xs,
                              const std::vector<Output>& grad_ys = {},
                              const GradientOptions& options = {});
std::vector<Gradient> sparse_gradients(const std::vector<Output>& ys,
                                       const std::vector<Output>& xs,
                                       const std::vector<Output>& grad_ys = {},
                                       const GradientOptions& options = {});

}  // namespace liu
