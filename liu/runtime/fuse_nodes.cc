#include "liu/runtime/fuse_nodes.h"

#include <algorithm>
#include <string>

#include "liu/kernels/op_kernel.h"

namespace liu {
namespace {

bool is_float_op(const Node* n, const char* op) {
  return n->op() == op && n->num_outputs() == 1 && n->output_type(0) == DType::kFloat;
}

bool reads_only_shape(const Node* n) {
  return n->op() == "Shape" || n->op() == "Size" || n->op() == "Rank";
}

// A chain's head: its op, the fused op replacing it, and where its output's channels are.
struct Head {
  const char* fused_op;
  int channel_dim;          // of the head's (rank-known) output
  std::string data_format;  // BiasAdd must use the same one
  bool allows_add;          // Add of a [channels] vector is a bias add only for NHWC
  std::vector<std::string> activations;
};

class ChainFinder {
 public:
  ChainFinder(const Graph& graph, const std::vector<char>& needed,
              const std::unordered_set<Output>& fed, const std::vector<Output>& fetches,
              const std::vector<Node*>& targets)
      : graph_(graph), needed_(needed), fed_(fed) {
    for (const Output& f : fetches) fetched_.insert(f);
    for (const Node* t : targets) targets_.insert(t);
    // Readers in the whole graph, not only the plan: the user's graph may run them in
    // another plan, but a fused value is gone from every plan built with this rewrite.
    for (int id = 0; id < graph.num_nodes(); ++id) {
      const Node* n = graph.node(id);
      for (int i = 0; i < n->num_inputs(); ++i) readers_[n->input(i)].push_back(n);
      for (const Node* c : n->control_inputs()) control_read_.insert(c);
    }
  }

  Status run(Fusion* fusion) {
    for (int id = 0; id < graph_.num_nodes(); ++id) {
      if (!needed_[id]) continue;
      const Node* head = graph_.node(id);
      Head info;
      if (!describe_head(head, &info)) continue;
      try_chain(head, info, fusion);
    }
    return Status::ok();
  }

 private:
  bool describe_head(const Node* n, Head* info) const {
    const Shape& out = n->num_outputs() == 1 ? n->output_shape(0) : Shape();
    if (is_float_op(n, "MatMul")) {
      if (!out.has_rank() || out.rank() != 2) return false;
      *info = {"_FusedMatMul", 1, "NHWC", true, {"Relu", "Relu6", "Elu"}};
      return fused_op_available(info->fused_op);
    }
    if (is_float_op(n, "Conv2D")) {
      if (!out.has_rank() || out.rank() != 4) return false;
      const std::string& format = n->attr<std::string>("data_format");
      if (format != "NHWC" && format != "NCHW") return false;
      *info = {"_FusedConv2D", format == "NHWC" ? 3 : 1, format, format == "NHWC", {"Relu"}};
      return fused_op_available(info->fused_op);
    }
    return false;
  }

  static bool fused_op_available(const char* op) {
    return OpRegistry::global().find(op) && KernelRegistry::global().has_kernel(op);
  }

  // The one node reading `value` (besides shape readers, collected into `shape_readers`), or
  // null when the value cannot disappear into a fused node.
  const Node* sole_reader(const Output& value, std::vector<const Node*>* shape_readers) const {
    if (fed_.count(value) || fetched_.count(value) || targets_.count(value.node) ||
        control_read_.count(value.node) || value.node->num_outputs() != 1)
      return nullptr;
    auto it = readers_.find(value);
    if (it == readers_.end()) return nullptr;
    const Node* reader = nullptr;
    for (const Node* r : it->second) {
      if (reads_only_shape(r)) {
        shape_readers->push_back(r);
        continue;
      }
      if (reader) return nullptr;  // a second reader, or the same node reading it twice
      reader = r;
    }
    return reader && needed_[reader->id()] ? reader : nullptr;
  }

  // The bias the node adds to `value`, or null when it is not a bias add of `head_info`'s kind.
  const Output* bias_of(const Node* add, const Output& value, int64_t channels,
                        const Head& info) const {
    if (is_float_op(add, "BiasAdd")) {
      const std::string format =
          add->has_attr("data_format") ? add->attr<std::string>("data_format") : "NHWC";
      if (format != info.data_format || add->input(0) != value || add->input(1) == value)
        return nullptr;
      return &add->input(1);
    }
    if (!info.allows_add || !(is_float_op(add, "Add") || is_float_op(add, "AddV2"))) return nullptr;
    const int other = add->input(0) == value ? 1 : 0;
    if (add->input(other) == value || add->input(1 - other) != value) return nullptr;
    const Shape& s = add->input(other).shape();
    if (channels < 0 || !s.has_rank() || s.rank() != 1 || s.dim(0) != channels) return nullptr;
    return &add->input(other);
  }

  void try_chain(const Node* head, const Head& info, Fusion* fusion) {
    std::vector<const Node*> shape_readers;
    const Output head_out(const_cast<Node*>(head), 0);
    const Node* add = sole_reader(head_out, &shape_readers);
    if (!add) return;
    const int64_t channels = head->output_shape(0).dim(info.channel_dim);
    const Output* bias = bias_of(add, head_out, channels, info);
    if (!bias) return;
    std::vector<std::string> fused_ops = {"BiasAdd"};
    const Node* last = add;
    std::vector<const Node*> add_shape_readers;
    const Node* act = sole_reader(Output(const_cast<Node*>(add), 0), &add_shape_readers);
    if (act &&
        std::find(info.activations.begin(), info.activations.end(), act->op()) !=
            info.activations.end() &&
        act->output_type(0) == DType::kFloat) {
      fused_ops.push_back(act->op());
      last = act;
      shape_readers.insert(shape_readers.end(), add_shape_readers.begin(), add_shape_readers.end());
    }
    const Output last_out(const_cast<Node*>(last), 0);
    if (fed_.count(last_out)) return;
    // Shape readers of inner values read the chain's output, so they must run after it.
    for (const Node* r : shape_readers)
      if (needed_[r->id()] && r->id() < last->id()) return;
    std::vector<Output> inputs = {head->input(0), head->input(1), *bias};
    FusedNode fused;
    if (!build_fused_node(info.fused_op, *head, *last, inputs, fused_ops, fusion, &fused)) return;
    fusion->replaces[last] = std::move(fused);
    fusion->absorbed.insert(head);
    if (last != add) fusion->absorbed.insert(add);
    fusion->redirects[head_out] = last_out;
    if (last != add) fusion->redirects[Output(const_cast<Node*>(add), 0)] = last_out;
  }

  // Adds the fused node to the plan's graph, reading stand-in placeholders with the static
  // shapes of the real inputs (so its shape function checks the same things). False when the
  // node cannot be built; the chain then simply runs unfused.
  static bool build_fused_node(const std::string& op, const Node& head, const Node& last,
                               const std::vector<Output>& inputs,
                               const std::vector<std::string>& fused_ops, Fusion* fusion,
                               FusedNode* out) {
    if (!fusion->graph) fusion->graph = std::make_unique<Graph>();
    Graph& g = *fusion->graph;
    const OpDef* def = OpRegistry::global().find(op);
    if (!def || def->inputs.size() < 3) return false;
    std::vector<Output> stand_ins;
    for (size_t k = 0; k < inputs.size(); ++k) {
      NodeSpec spec;
      spec.op = "Placeholder";
      spec.name = "fused_input/" + last.name() + "/" + std::to_string(k);
      spec.name_is_absolute = true;
      spec.attrs["dtype"] = inputs[k].dtype();
      spec.attrs["shape"] = inputs[k].shape();
      Node* n = nullptr;
      if (!g.add_node(spec, &n).is_ok()) return false;
      stand_ins.push_back(n->output(0));
    }
    NodeSpec spec;
    spec.op = op;
    spec.name = last.name();
    spec.name_is_absolute = true;
    for (size_t a = 0; a < def->inputs.size(); ++a) {
      const ArgDef& arg = def->inputs[a];
      if (a < 2) {
        spec.inputs.emplace_back(stand_ins[a]);
      } else if (arg.name == "args") {
        spec.inputs.emplace_back(std::vector<Output>{stand_ins[2]});
      } else {
        spec.inputs.emplace_back(std::vector<Output>{});  // e.g. _FusedConv2D's host_args
      }
    }
    // The head's attrs (transposes, strides, padding, ...); T and TArgs are bound from the
    // inputs.
    for (const auto& [name, value] : head.attrs())
      if (def->find_attr(name) && name != "T") spec.attrs[name] = value;
    spec.attrs["fused_ops"] = fused_ops;
    spec.attrs["num_args"] = 1;  // not bound from the inputs when args is a type list
    Node* n = nullptr;
    if (!g.add_node(spec, &n).is_ok()) return false;
    out->node = n;
    out->inputs = inputs;
    return true;
  }

  const Graph& graph_;
  const std::vector<char>& needed_;
  const std::unordered_set<Output>& fed_;
  std::unordered_set<Output> fetched_;
  std::unordered_set<const Node*> targets_;
  std::unordered_map<Output, std::vector<const Node*>> readers_;
  std::unordered_set<const Node*> control_read_;
};

}  // namespace

Status fuse_nodes(const Graph& graph, const std::vector<char>& needed,
                  const std::unordered_set<Output>& fed, const std::vector<Output>& fetches,
                  const std::vector<Node*>& targets, Fusion* fusion) {
  return ChainFinder(graph, needed, fed, fetches, targets).run(fusion);
}

}  // namespace liu
