#pragma once
// What a gradient function sees: the forward node, the gradients flowing into its outputs, and
// a place to put the gradients of its inputs. Gradient functions build ordinary ops with the
// C++ API; the driver has already opened the name scope "gradients/<node>_grad".
#include <vector>

#include "liu/graph/graph.h"

namespace liu {

// A gradient as TF passes it around: a dense tensor, or TF's IndexedSlices (rows `values` of
// a tensor of shape `dense_shape`, placed at first-dim `indices`; repeated rows sum). Gather
// produces the sparse form so that an embedding's gradient never materialises its table.
struct Gradient {
  Output dense;
  Output values, indices, dense_shape;

  Gradient() = default;
  Gradient(Output d) : dense(d) {}  // NOLINT: a dense gradient converts implicitly
  static Gradient slices(Output values, Output indices, Output dense_shape) {
    Gradient g;
    g.values = values;
    g.indices = indices;
    g.dense_shape = dense_shape;
    return g;
  }
  bool is_null() const { return dense.node == nullptr && values.node == nullptr; }
  bool is_sparse() const { return values.node != nullptr; }
};

// The dense sum of a sparse gradient, UnsortedSegmentSum(values, indices, dense_shape[0]) as
// TF's _IndexedSlicesToTensor builds it in the current name scope; a dense one is returned
// as is, a null one as a null Output.
Output densify(Graph& g, const Gradient& grad, const std::string& name = "UnsortedSegmentSum");

class GradContext {
 public:
  GradContext(Graph& graph, Node& node, std::vector<Gradient> output_grads)
      : graph_(graph),
        node_(node),
        output_grads_(std::move(output_grads)),
        dense_grads_(output_grads_.size()),
        input_grads_(node.num_inputs()) {}

  Graph& graph() const { return graph_; }
  Node& node() const { return node_; }
  int num_inputs() const { return node_.num_inputs(); }
  int num_outputs() const { return node_.num_outputs(); }
  Output input(int i) const { return node_.input(i); }
  Output output(int i = 0) const { return Output(&node_, i); }
  // d(loss)/d(output i) as a dense tensor (a sparse one is summed into one here, once, in the
  // gradient's scope, as TF converts IndexedSlices when an op consumes them). A null Output
  // only for outputs that carry no gradient (integer outputs, or unconnected ones of a
  // multi-output op that is not float).
  Output grad(int i = 0) const {
    if (dense_grads_[i].node == nullptr) dense_grads_[i] = densify(graph_, output_grads_[i]);
    return dense_grads_[i];
  }
  // The gradient of output i in the form it arrived in (sparse or dense).
  const Gradient& gradient(int i = 0) const { return output_grads_[i]; }
  template <typename T>
  const T& attr(const std::string& name) const {
    return node_.attr<T>(name);
  }

  // Leave an input unset when it has no gradient (TF's None).
  void set_input_grad(int i, Output g) { input_grads_[i] = Gradient(g); }
  void set_input_gradient(int i, Gradient g) { input_grads_[i] = std::move(g); }
  // TF's IndexedSlices(values, indices, dense_shape) as input i's gradient.
  void set_input_grad_slices(int i, Output values, Output indices, Output dense_shape) {
    input_grads_[i] = Gradient::slices(values, indices, dense_shape);
  }
  const std::vector<Gradient>& input_grads() const { return input_grads_; }

 private:
  Graph& graph_;
  Node& node_;
  std::vector<Gradient> output_grads_;
  mutable std::vector<Output> dense_grads_;  // grad(i)'s densified form, built on first use
  std::vector<Gradient> input_grads_;
};

}  // namespace liu
