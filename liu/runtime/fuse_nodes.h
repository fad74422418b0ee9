#pragma once
// The run-plan rewrite that fuses MatMul -> BiasAdd -> Relu (and Conv2D -> BiasAdd -> Relu)
// into one _FusedMatMul (_FusedConv2D) node, as TensorFlow's grappler remapper does. It
// never changes the user's graph: the fused nodes live in a graph owned by the plan, and the
// plan's step for a chain's last node runs the fused node over the chain's first inputs.
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "liu/graph/graph.h"

namespace liu {

struct FusedNode {
  const Node* node = nullptr;  // lives in Fusion::graph
  std::vector<Output> inputs;  // what it reads, as outputs of the user's graph
};

struct Fusion {
  std::unique_ptr<Graph> graph;  // owns the fused nodes (null when nothing was fused)
  // Keyed by a chain's last node, whose output the fused node's output stands for.
  std::unordered_map<const Node*, FusedNode> replaces;
  // The chains' other nodes: they do not run.
  std::unordered_set<const Node*> absorbed;
  // Shape/Size/Rank readers of an absorbed value read the chain's output instead, which has
  // the same shape (bias add and activation keep it).
  std::unordered_map<Output, Output> redirects;

  Output source(const Output& o) const {
    auto it = redirects.find(o);
    return it == redirects.end() ? o : it->second;
  }
};

// Finds the fusable chains among the `needed` nodes (indexed by node id). A chain's inner
// values must have no reader anywhere in the graph except the next node of the chain (and
// Shape/Size/Rank nodes that run after the chain), no control-edge readers, and must not be
// fed or fetched; its inner nodes must not be targets.
Status fuse_nodes(const Graph& graph, const std::vector<char>& needed,
                  const std::unordered_set<Output>& fed, const std::vector<Output>& fetches,
                  const std::vector<Node*>& targets, Fusion* fusion);

}  // namespace liu
