#pragma once
// Session: runs parts of a graph. Plans are built once per (feeds, fetches, targets) signature
// and cached; a callable is a plan handle for callers that run the same signature often.
// run() is safe to call from several threads at once.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "liu/graph/graph.h"
#include "liu/kernels/session_state.h"
#include "liu/runtime/free_cores.h"

namespace liu {

struct Plan;

struct SessionOptions {
  // Threads a kernel may use (OpenMP); 0 means the OpenMP default (all cores).
  int intra_op_threads = 0;
  // Fuse MatMul/Conv2D -> BiasAdd -> Relu chains into one kernel when plans are built (TF's
  // RewriterConfig.remapping); off runs every node as written.
  bool remapping = true;
};

using FeedList = std::vector<std::pair<Output, Tensor>>;

class Session {
 public:
  explicit Session(const Graph& graph, SessionOptions options = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Status run(const FeedList& feeds, const std::vector<Output>& fetches,
             const std::vector<Node*>& targets, std::vector<Tensor>* outputs);
  // Throwing form for the C++ API.
  std::vector<Tensor> run(const std::vector<Output>& fetches, const FeedList& feeds = {},
                          const std::vector<Node*>& targets = {});
  Tensor run(const Output& fetch, const FeedList& feeds = {});
  void run_targets(const std::vector<Node*>& targets, const FeedList& feeds = {});

  // A fixed signature run without plan lookup: feed values come in the order of `feeds`.
  Status make_callable(const std::vector<Output>& feeds, const std::vector<Output>& fetches,
                       const std::vector<Node*>& targets, int64_t* handle);
  Status run_callable(int64_t handle, const std::vector<Tensor>& feed_values,
                      std::vector<Tensor>* outputs);

  void close();
  bool closed() const { return closed_; }
  const Graph& graph() const { return graph_; }
  SessionState& state() { return state_; }

 private:
  Status plan_for(const std::vector<Output>& feeds, const std::vector<Output>& fetches,
                  const std::vector<Node*>& targets, std::shared_ptr<const Plan>* plan);
  Status execute(const Plan& plan, const std::vector<const Tensor*>& feed_values,
                 std::vector<Tensor>* outputs);

  const Graph& graph_;
  SessionOptions options_;
  SessionState state_;
  FreeCores free_cores_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Plan>> plans_;
  std::vector<std::shared_ptr<const Plan>> callables_;
  bool closed_ = false;
};

}  // namespace liu
