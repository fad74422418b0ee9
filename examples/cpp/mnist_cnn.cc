// The book's three-convolution CNN trained on MNIST-format data from C++ only: the IDX files
// are read by liu::io, the graph is built with the C++ API, RMSProp trains it, and the test
// accuracy is printed after each epoch. Fashion-MNIST (Debian's dataset-fashion-mnist) is the
// default data.
//
//   mnist_cnn [--epochs N] [--train-size N] [--data-dir DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "liu/io/idx_file.h"
#include "liu/liu.h"

using namespace liu;

namespace {

struct Options {
  int epochs = 1;
  int64_t train_size = 0;  // 0: all 60,000 training images
  std::string data_dir = "/usr/share/datasets/fashion-mnist";
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--epochs")) {
      options.epochs = std::atoi(argv[i + 1]);
    } else if (!std::strcmp(argv[i], "--train-size")) {
      options.train_size = std::atoll(argv[i + 1]);
    } else if (!std::strcmp(argv[i], "--data-dir")) {
      options.data_dir = argv[i + 1];
    } else {
      throw Error(invalid_argument(std::string("unknown option ") + argv[i]));
    }
  }
  return options;
}

struct DataSet {
  Tensor images;  // float32 [n, 28, 28, 1] in [0, 1]
  Tensor labels;  // int32 [n]
};

DataSet load(const std::string& dir, const std::string& prefix) {
  Tensor raw_images, raw_labels;
  Status status = io::read_idx_file(dir + "/" + prefix + "-images-idx3-ubyte.gz", &raw_images);
  if (status.is_ok())
    status = io::read_idx_file(dir + "/" + prefix + "-labels-idx1-ubyte.gz", &raw_labels);
  if (!status.is_ok())
    throw Error(Status(status.code(), status.message() +
                                          " (install Fashion-MNIST with `apt-get install "
                                          "dataset-fashion-mnist`, or pass --data-dir)"));
  DataSet set;
  throw_if_error(io::images_to_unit_float(raw_images, /*flatten=*/false, &set.images));
  set.labels = Tensor(DType::kInt32, Shape({raw_labels.dim(0)}));
  for (int64_t i = 0; i < raw_labels.dim(0); ++i)
    set.labels.data<int32_t>()[i] = raw_labels.data<uint8_t>()[i];
  return set;
}

// Rows `order[begin, begin + count)` of a data set, as one batch.
std::pair<Tensor, Tensor> gather_batch(const DataSet& set, const std::vector<int64_t>& order,
                                       int64_t begin, int64_t count) {
  constexpr int64_t kPixels = 28 * 28;
  Tensor images(DType::kFloat, Shape({count, 28, 28, 1}));
  Tensor labels(DType::kInt32, Shape({count}));
  for (int64_t i = 0; i < count; ++i) {
    const int64_t row = order[begin + i];
    std::memcpy(images.data<float>() + i * kPixels, set.images.data<float>() + row * kPixels,
                kPixels * sizeof(float));
    labels.data<int32_t>()[i] = set.labels.data<int32_t>()[row];
  }
  return {images, labels};
}

Variable weights(Graph& g, std::vector<int64_t> shape, const std::string& name) {
  return Variable(g, random_normal(g, Input(shape), 0.0f, 0.01f), name);
}

// conv 3x3 (same) -> relu -> max_pool 2x2 (same) -> dropout.
Output conv_block(const Output& inputs, const Variable& w, const Output& drop_rate) {
  Output conv = relu(conv2d(inputs, w.value(), {1, 1, 1, 1}, "SAME"));
  Output pooled = max_pool(conv, {1, 2, 2, 1}, {1, 2, 2, 1}, "SAME");
  return dropout_v2(pooled, drop_rate);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    const DataSet train = load(options.data_dir, "train");
    const DataSet test = load(options.data_dir, "t10k");
    const int64_t train_size = options.train_size > 0
                                   ? std::min(options.train_size, train.images.dim(0))
                                   : train.images.dim(0);
    constexpr int64_t kBatch = 128;

    Graph g;
    g.set_random_seed(0);
    Output x = placeholder(g, DType::kFloat, Shape({-1, 28, 28, 1}), "x");
    Output y = placeholder(g, DType::kInt32, Shape({-1}), "y");
    // Dropout rates: 0.2 after convolutions and 0.5 after the hidden layer while training
    // (the book's keep probabilities 0.8 and 0.5); 0, the identity, when evaluating.
    Output rate_conv = placeholder_with_default(constant(g, Tensor::scalar<float>(0), "zero"),
                                                Shape(), "rate_conv");
    Output rate_hidden = placeholder_with_default(constant(g, Tensor::scalar<float>(0), "zero"),
                                                  Shape(), "rate_hidden");

    Variable w1 = weights(g, {3, 3, 1, 32}, "w1"), w2 = weights(g, {3, 3, 32, 64}, "w2");
    Variable w3 = weights(g, {3, 3, 64, 128}, "w3"), w4 = weights(g, {2048, 625}, "w4");
    Variable w_out = weights(g, {625, 10}, "w_out");
    Output net = conv_block(conv_block(conv_block(x, w1, rate_conv), w2, rate_conv), w3,
                            rate_conv);  // [batch, 4, 4, 128]
    net = reshape(net, std::vector<int64_t>{-1, 2048});
    net = dropout_v2(relu(matmul(net, w4.value())), rate_hidden);
    Output logits = matmul(net, w_out.value());

    Output loss = reduce_mean(sparse_softmax_cross_entropy_with_logits(y, logits));
    train::RMSPropOptimizer optimizer(0.001, 0.9);
    Node* train_op = optimizer.minimize(loss, {w1, w2, w3, w4, w_out});
    Output hits = reduce_sum(cast(equal(argmax(logits, 1, DType::kInt32), y), DType::kFloat));

    Session sess(g);
    sess.run_targets({global_variables_initializer(g)});
    std::vector<int64_t> order(train.images.dim(0));
    std::mt19937 rng(0);
    const int64_t steps = train_size / kBatch;
    const Tensor rate_conv_train = Tensor::scalar<float>(0.2f);
    const Tensor rate_hidden_train = Tensor::scalar<float>(0.5f);
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), rng);
      const auto start = std::chrono::steady_clock::now();
      for (int64_t step = 0; step < steps; ++step) {
        auto [images, labels] = gather_batch(train, order, step * kBatch, kBatch);
        std::vector<Tensor> out = sess.run({loss},
                                           {{x, images},
                                            {y, labels},
                                            {rate_conv, rate_conv_train},
                                            {rate_hidden, rate_hidden_train}},
                                           {train_op});
        if (step % 20 == 0 || step == steps - 1) {
          const double seconds =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          std::printf("\repoch %d  step %lld/%lld  loss %.4f  %.1f s", epoch,
                      static_cast<long long>(step + 1), static_cast<long long>(steps),
                      out[0].scalar_value<float>(), seconds);
          std::fflush(stdout);
        }
      }
      double correct = 0;
      std::vector<int64_t> test_order(test.images.dim(0));
      std::iota(test_order.begin(), test_order.end(), 0);
      for (int64_t begin = 0; begin < test.images.dim(0); begin += 1000) {
        const int64_t count = std::min<int64_t>(1000, test.images.dim(0) - begin);
        auto [images, labels] = gather_batch(test, test_order, begin, count);
        correct += sess.run(hits, {{x, images}, {y, labels}}).scalar_value<float>();
      }
      std::printf("\nepoch %d: test accuracy %.4f\n", epoch,
                  correct / static_cast<double>(test.images.dim(0)));
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
