#include "liu/core/philox.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <utility>

#include "liu/core/philox_simd.h"

namespace liu {
namespace {

constexpr uint32_t kMultiplier0 = 0xD2511F53u;
constexpr uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr uint32_t kKeyBump0 = 0x9E3779B9u;
constexpr uint32_t kKeyBump1 = 0xBB67AE85u;
constexpr int kRounds = 10;

PhiloxRandom::Result philox_round(const PhiloxRandom::Result& c, const PhiloxRandom::Key& k) {
  const uint64_t product0 = uint64_t{kMultiplier0} * c[0];
  const uint64_t product1 = uint64_t{kMultiplier1} * c[2];
  const auto hi = [](uint64_t p) { return static_cast<uint32_t>(p >> 32); };
  const auto lo = [](uint64_t p) { return static_cast<uint32_t>(p); };
  return {hi(product1) ^ c[1] ^ k[0], lo(product1), hi(product0) ^ c[3] ^ k[1], lo(product0)};
}

// [0, 1) from the low 23 bits: build a float in [1, 2) and subtract, exactly as TensorFlow does,
// so the rounding of the subtraction matches too.
float word_to_float(uint32_t w) {
  return std::bit_cast<float>(0x3F800000u | (w & 0x7FFFFFu)) - 1.0f;
}

// [0, 1) from 52 bits: the low 20 bits of `high` and all of `low`.
double words_to_double(uint32_t high, uint32_t low) {
  const uint64_t mantissa = (uint64_t{high & 0xFFFFFu} << 32) | low;
  return std::bit_cast<double>((uint64_t{1023} << 52) | mantissa) - 1.0;
}

// TensorFlow on Linux calls sincos/sincosf; glibc's separate sin/cos can round differently.
void sin_cos(float x, float* s, float* c) {
#if defined(__GLIBC__)
  ::sincosf(x, s, c);
#else
  *s = std::sin(x);
  *c = std::cos(x);
#endif
}

void sin_cos(double x, double* s, double* c) {
#if defined(__GLIBC__)
  ::sincos(x, s, c);
#else
  *s = std::sin(x);
  *c = std::cos(x);
#endif
}

// The floor keeps log() finite; TensorFlow clamps at 1e-7 rather than rejecting.
std::array<float, 2> box_muller(uint32_t w0, uint32_t w1) {
  const float u1 = std::max(word_to_float(w0), 1.0e-7f);
  // TensorFlow multiplies by 2*pi in double and only then narrows; doing it in float differs.
  const float angle = static_cast<float>(2.0 * std::numbers::pi * word_to_float(w1));
  const float radius = std::sqrt(-2.0f * std::log(u1));
  float s, c;
  sin_cos(angle, &s, &c);
  return {s * radius, c * radius};
}

std::array<double, 2> box_muller(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3) {
  const double u1 = std::max(words_to_double(w0, w1), 1.0e-7);
  const double angle = 2.0 * std::numbers::pi * words_to_double(w2, w3);
  const double radius = std::sqrt(-2.0 * std::log(u1));
  double s, c;
  sin_cos(angle, &s, &c);
  return {s * radius, c * radius};
}

// Fixed-cost distributions: each group of G elements comes from exactly one Philox output. The
// outputs are generated a chunk at a time by the SIMD generator, which matches gen() bit for bit.
template <size_t G, class T, class MakeGroup>
void fill_groups(PhiloxRandom gen, T* out, int64_t n, MakeGroup make_group) {
  constexpr int64_t kBlocksPerChunk = 256;  // 4 KiB of words: stays in L1
  std::array<uint32_t, 4 * kBlocksPerChunk> words;
  constexpr auto g = static_cast<int64_t>(G);
  for (int64_t i = 0; i < n;) {
    const int64_t blocks = std::min(kBlocksPerChunk, (n - i + g - 1) / g);
    philox_simd::generate_words(gen.counter(), gen.key(), words.data(), blocks);
    gen.Skip(static_cast<uint64_t>(blocks));
    for (int64_t b = 0; b < blocks; ++b, i += g) {
      const uint32_t* w = words.data() + 4 * b;
      const std::array<T, G> group = make_group(PhiloxRandom::Result{w[0], w[1], w[2], w[3]});
      std::copy_n(group.begin(), std::min(g, n - i), out + i);
    }
  }
}

// Hands out one 32-bit word at a time; a fresh output is drawn only when all four are used, as in
// TensorFlow's SingleSampleAdapter.
class WordStream {
 public:
  explicit WordStream(PhiloxRandom gen) : gen_(gen) {}
  uint32_t next() {
    if (used_ == words_.size()) {
      words_ = gen_();
      used_ = 0;
    }
    return words_[used_++];
  }

 private:
  PhiloxRandom gen_;
  PhiloxRandom::Result words_{};
  size_t used_ = words_.size();
};

// Rejection sampling consumes a variable number of words, so each group gets its own reserved
// stretch of the stream: G * 256 words, i.e. G * 64 outputs, per group.
template <size_t G, class T, class MakeGroup>
void fill_variable_groups(PhiloxRandom base, T* out, int64_t n, MakeGroup make_group) {
  constexpr uint64_t kSkipPerGroup = G * kPhiloxOutputsReservedPerElement / 4;
  for (int64_t i = 0, group = 0; i < n; i += static_cast<int64_t>(G), ++group) {
    PhiloxRandom gen = base;
    gen.Skip(static_cast<uint64_t>(group) * kSkipPerGroup);
    WordStream words(gen);
    const std::array<T, G> values = make_group(words);
    std::copy_n(values.begin(), std::min<int64_t>(G, n - i), out + i);
  }
}

template <size_t G, class T>
class AcceptedWithinTwo {
 public:
  // Returns true once the group is full.
  bool offer(T x) {
    if (std::abs(x) < T{2}) values_[count_++] = x;
    return count_ == G;
  }
  const std::array<T, G>& values() const { return values_; }

 private:
  std::array<T, G> values_{};
  size_t count_ = 0;
};

}  // namespace

PhiloxRandom::PhiloxRandom(uint64_t seed, uint64_t seed2)
    : counter_{0, 0, static_cast<uint32_t>(seed2), static_cast<uint32_t>(seed2 >> 32)},
      key_{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)} {}

PhiloxRandom::Result PhiloxRandom::operator()() {
  Result c = counter_;
  Key k = key_;
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) {
      k[0] += kKeyBump0;
      k[1] += kKeyBump1;
    }
    c = philox_round(c, k);
  }
  Skip(1);
  return c;
}

void PhiloxRandom::Skip(uint64_t count) {
  const uint64_t low = (uint64_t{counter_[1]} << 32 | counter_[0]) + count;
  const bool carry = low < count;
  counter_[0] = static_cast<uint32_t>(low);
  counter_[1] = static_cast<uint32_t>(low >> 32);
  if (carry && ++counter_[2] == 0) ++counter_[3];
}

PhiloxRandom reserve_random_outputs(PhiloxRandom& state, int64_t num_elements) {
  const PhiloxRandom reserved = state;
  state.Skip(static_cast<uint64_t>(num_elements) * kPhiloxOutputsReservedPerElement);
  return reserved;
}

PhiloxRandom reserve_samples32(PhiloxRandom& state, int64_t num_words) {
  const PhiloxRandom reserved = state;
  state.Skip((static_cast<uint64_t>(num_words) + 3) / 4);
  return reserved;
}

void fill_uniform_float(PhiloxRandom gen, float* out, int64_t n) {
  // The hot path of dropout: whole groups are converted inside the SIMD loop, straight into out.
  const int64_t whole = n / 4;
  philox_simd::generate_uniform_float(gen.counter(), gen.key(), out, whole);
  if (whole * 4 == n) return;
  gen.Skip(static_cast<uint64_t>(whole));
  const PhiloxRandom::Result w = gen();
  for (int64_t i = whole * 4; i < n; ++i) out[i] = word_to_float(w[static_cast<size_t>(i % 4)]);
}

void fill_uniform_double(PhiloxRandom gen, double* out, int64_t n) {
  fill_groups<2>(gen, out, n, [](const PhiloxRandom::Result& w) {
    return std::array<double, 2>{words_to_double(w[0], w[1]), words_to_double(w[2], w[3])};
  });
}

void fill_uniform_int32(PhiloxRandom gen, int32_t lo, int32_t hi, int32_t* out, int64_t n) {
  // Unsigned arithmetic because hi - lo may not fit in int32; the final sum always does.
  const uint32_t range = static_cast<uint32_t>(hi) - static_cast<uint32_t>(lo);
  const auto pick = [lo, range](uint32_t w) {
    return static_cast<int32_t>(static_cast<uint32_t>(lo) + w % range);
  };
  fill_groups<4>(gen, out, n, [&pick](const PhiloxRandom::Result& w) {
    return std::array<int32_t, 4>{pick(w[0]), pick(w[1]), pick(w[2]), pick(w[3])};
  });
}

void fill_uniform_int64(PhiloxRandom gen, int64_t lo, int64_t hi, int64_t* out, int64_t n) {
  const uint64_t range = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  const auto pick = [lo, range](uint32_t low, uint32_t high) {
    const uint64_t bits = (uint64_t{high} << 32) | low;
    return static_cast<int64_t>(static_cast<uint64_t>(lo) + bits % range);
  };
  fill_groups<2>(gen, out, n, [&pick](const PhiloxRandom::Result& w) {
    return std::array<int64_t, 2>{pick(w[0], w[1]), pick(w[2], w[3])};
  });
}

void fill_normal_float(PhiloxRandom gen, float* out, int64_t n) {
  fill_groups<4>(gen, out, n, [](const PhiloxRandom::Result& w) {
    const auto first = box_muller(w[0], w[1]);
    const auto second = box_muller(w[2], w[3]);
    return std::array<float, 4>{first[0], first[1], second[0], second[1]};
  });
}

void fill_normal_double(PhiloxRandom gen, double* out, int64_t n) {
  fill_groups<2>(gen, out, n,
                 [](const PhiloxRandom::Result& w) { return box_muller(w[0], w[1], w[2], w[3]); });
}

void fill_truncated_normal_float(PhiloxRandom gen, float* out, int64_t n) {
  fill_variable_groups<4>(gen, out, n, [](WordStream& words) {
    AcceptedWithinTwo<4, float> group;
    while (true) {
      const uint32_t w0 = words.next();
      const uint32_t w1 = words.next();
      const auto pair = box_muller(w0, w1);
      if (group.offer(pair[0]) || group.offer(pair[1])) return group.values();
    }
  });
}

void fill_truncated_normal_double(PhiloxRandom gen, double* out, int64_t n) {
  fill_variable_groups<2>(gen, out, n, [](WordStream& words) {
    AcceptedWithinTwo<2, double> group;
    while (true) {
      const uint32_t w0 = words.next();
      const uint32_t w1 = words.next();
      const uint32_t w2 = words.next();
      const uint32_t w3 = words.next();
      const auto pair = box_muller(w0, w1, w2, w3);
      if (group.offer(pair[0]) || group.offer(pair[1])) return group.values();
    }
  });
}

std::vector<int64_t> shuffle_permutation(PhiloxRandom& state, int64_t dim0, int64_t num_elements) {
  std::vector<int64_t> perm(static_cast<size_t>(std::max<int64_t>(dim0, 0)));
  for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<int64_t>(i);
  if (dim0 <= 1 || num_elements <= 1) return perm;

  WordStream words(reserve_samples32(state, dim0 - 1));
  for (int64_t i = 0; i + 1 < dim0; ++i) {
    // TensorFlow narrows the remaining count to uint32 before the modulo.
    const uint32_t remaining = static_cast<uint32_t>(dim0 - i);
    const int64_t j = i + words.next() % remaining;
    std::swap(perm[static_cast<size_t>(i)], perm[static_cast<size_t>(j)]);
  }
  return perm;
}

}  // namespace liu
