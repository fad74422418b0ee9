// Expected values come from TensorFlow's own CPU kernels (tf.raw_ops in a tf.compat.v1 Session,
// run twice per op so the second row shows the generator advance between runs). Floats are
// compared as bit patterns because the point is bit-exact agreement, not closeness.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liu/core/philox.h"
#include "liu/core/philox_simd.h"
#include "liu/kernels/cpu/elementwise_simd.h"

namespace liu {
namespace {

// Runs a stateful kernel `runs` times the way TensorFlow does and returns each run's output.
template <class T, class Fill>
std::vector<std::vector<T>> kernel_runs(uint64_t seed, uint64_t seed2, int64_t n, Fill fill,
                                        int runs = 2) {
  PhiloxRandom state(seed, seed2);
  std::vector<std::vector<T>> out;
  for (int r = 0; r < runs; ++r) {
    std::vector<T> values(static_cast<size_t>(n));
    fill(reserve_random_outputs(state, n), values.data(), n);
    out.push_back(values);
  }
  return out;
}

std::vector<uint32_t> float_bits(const std::vector<float>& v) {
  std::vector<uint32_t> bits;
  for (float x : v) bits.push_back(std::bit_cast<uint32_t>(x));
  return bits;
}

std::vector<uint64_t> double_bits(const std::vector<double>& v) {
  std::vector<uint64_t> bits;
  for (double x : v) bits.push_back(std::bit_cast<uint64_t>(x));
  return bits;
}

TEST(Philox, ZeroKeyZeroCounterVector) {
  PhiloxRandom gen(PhiloxRandom::Result{0, 0, 0, 0}, PhiloxRandom::Key{0, 0});
  EXPECT_EQ(gen(), (PhiloxRandom::Result{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
  EXPECT_EQ(gen.counter(), (PhiloxRandom::Result{1, 0, 0, 0}));
}

TEST(Philox, SeedLayout) {
  PhiloxRandom gen(0x1122334455667788ull, 0x99AABBCCDDEEFF00ull);
  EXPECT_EQ(gen.key(), (PhiloxRandom::Key{0x55667788u, 0x11223344u}));
  EXPECT_EQ(gen.counter(), (PhiloxRandom::Result{0, 0, 0xDDEEFF00u, 0x99AABBCCu}));
}

TEST(Philox, SkipMatchesDrawing) {
  for (uint64_t k : {0ull, 1ull, 3ull, 17ull, 1000ull}) {
    PhiloxRandom drawn(5, 10);
    for (uint64_t i = 0; i < k; ++i) drawn();
    PhiloxRandom skipped(5, 10);
    skipped.Skip(k);
    EXPECT_EQ(skipped(), drawn()) << "k=" << k;
  }
}

TEST(Philox, SkipCarriesAcrossAll128Bits) {
  PhiloxRandom gen(PhiloxRandom::Result{0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 7}, {1, 2});
  gen.Skip(1);
  EXPECT_EQ(gen.counter(), (PhiloxRandom::Result{0, 0, 0, 8}));
  gen.Skip(0x100000002ull);
  EXPECT_EQ(gen.counter(), (PhiloxRandom::Result{2, 1, 0, 8}));
}

TEST(Philox, ReservationAdvancesByOutputsNotWords) {
  PhiloxRandom state(5, 10);
  const PhiloxRandom first = reserve_random_outputs(state, 3);
  EXPECT_EQ(first.counter(), PhiloxRandom(5, 10).counter());
  EXPECT_EQ(state.counter()[0], 3u * 256u);
  reserve_samples32(state, 5);  // 5 words round up to 2 outputs
  EXPECT_EQ(state.counter()[0], 3u * 256u + 2u);
}

// The fills run Philox on many counters at once in SIMD. These references draw one output at a
// time from the scalar PhiloxRandom::operator(), so the fills must agree with them bit for bit on
// every Highway target, for any counter (including 32-, 64- and 128-bit wraps) and any length.

float reference_unit_float(uint32_t w) {
  return std::bit_cast<float>(0x3F800000u | (w & 0x7FFFFFu)) - 1.0f;
}

std::vector<uint32_t> reference_words(PhiloxRandom gen, int64_t blocks) {
  std::vector<uint32_t> words;
  for (int64_t b = 0; b < blocks; ++b)
    for (uint32_t w : gen()) words.push_back(w);
  return words;
}

std::vector<float> reference_uniform_float(PhiloxRandom gen, int64_t n) {
  std::vector<float> out;
  while (static_cast<int64_t>(out.size()) < n) {
    const PhiloxRandom::Result w = gen();
    for (size_t j = 0; j < 4 && static_cast<int64_t>(out.size()) < n; ++j)
      out.push_back(reference_unit_float(w[j]));
  }
  return out;
}

std::vector<int32_t> reference_uniform_int32(PhiloxRandom gen, int32_t lo, int32_t hi, int64_t n) {
  const uint32_t range = static_cast<uint32_t>(hi) - static_cast<uint32_t>(lo);
  std::vector<int32_t> out;
  while (static_cast<int64_t>(out.size()) < n) {
    const PhiloxRandom::Result w = gen();
    for (size_t j = 0; j < 4 && static_cast<int64_t>(out.size()) < n; ++j)
      out.push_back(static_cast<int32_t>(static_cast<uint32_t>(lo) + w[j] % range));
  }
  return out;
}

std::vector<double> reference_uniform_double(PhiloxRandom gen, int64_t n) {
  std::vector<double> out;
  while (static_cast<int64_t>(out.size()) < n) {
    const PhiloxRandom::Result w = gen();
    for (size_t j = 0; j < 4 && static_cast<int64_t>(out.size()) < n; j += 2) {
      const uint64_t mantissa = (uint64_t{w[j] & 0xFFFFFu} << 32) | w[j + 1];
      out.push_back(std::bit_cast<double>((uint64_t{1023} << 52) | mantissa) - 1.0);
    }
  }
  return out;
}

// Counters at and just below every carry boundary, plus random ones with random keys.
std::vector<PhiloxRandom> interesting_generators() {
  constexpr uint32_t kMax = 0xFFFFFFFFu;
  std::vector<PhiloxRandom> gens = {
      PhiloxRandom(0, 0),
      PhiloxRandom(7, 3),
      PhiloxRandom({kMax - 5, 0, 0, 0}, {1, 2}),                 // word 0 wraps mid-vector
      PhiloxRandom({kMax - 100, 9, 4, 4}, {0xDEADBEEF, 3}),      // wraps within the first chunk
      PhiloxRandom({kMax - 2, kMax, 5, 6}, {11, 12}),            // 64-bit carry into word 2
      PhiloxRandom({kMax - 30, kMax, kMax, 6}, {13, 14}),        // carry ripples into word 3
      PhiloxRandom({kMax - 1, kMax, kMax, kMax}, {kMax, kMax}),  // 128-bit wrap to zero
      PhiloxRandom({kMax, 0, 0, 0}, {0, 0}),                     // wraps on the first step
  };
  std::mt19937_64 rng(12345);
  for (int i = 0; i < 8; ++i) {
    const auto word = [&rng] { return static_cast<uint32_t>(rng()); };
    gens.emplace_back(PhiloxRandom::Result{word(), word(), word(), word()},
                      PhiloxRandom::Key{word(), word()});
  }
  return gens;
}

const int64_t kLengths[] = {0, 1, 3, 4, 5, 7, 8, 15, 16, 17, 63, 64, 65, 1023, 100003};

// Runs `check` once on every SIMD target this machine supports, then restores the default.
template <class Check>
void on_every_target(Check check) {
  for (const std::string& target : simd::available_targets()) {
    SCOPED_TRACE(target);
    ASSERT_TRUE(simd::force_target(target));
    check();
  }
  simd::force_target("");
}

TEST(PhiloxSimd, WordsMatchScalarGenerator) {
  on_every_target([] {
    for (const PhiloxRandom& gen : interesting_generators()) {
      for (int64_t blocks : kLengths) {
        std::vector<uint32_t> words(static_cast<size_t>(4 * blocks) + 1, 0xA5A5A5A5u);
        philox_simd::generate_words(gen.counter(), gen.key(), words.data(), blocks);
        EXPECT_EQ(words.back(), 0xA5A5A5A5u) << "wrote past the end, blocks=" << blocks;
        words.pop_back();
        ASSERT_EQ(words, reference_words(gen, blocks))
            << "blocks=" << blocks << " counter[0]=" << gen.counter()[0];
      }
    }
  });
}

TEST(PhiloxSimd, UniformFloatMatchesScalarGenerator) {
  on_every_target([] {
    for (const PhiloxRandom& gen : interesting_generators()) {
      for (int64_t n : kLengths) {
        std::vector<float> out(static_cast<size_t>(n) + 1, -5.0f);
        fill_uniform_float(gen, out.data(), n);
        EXPECT_EQ(out.back(), -5.0f) << "wrote past the end, n=" << n;
        out.pop_back();
        ASSERT_EQ(float_bits(out), float_bits(reference_uniform_float(gen, n)))
            << "n=" << n << " counter[0]=" << gen.counter()[0];
      }
    }
  });
}

TEST(PhiloxSimd, IntAndDoubleFillsMatchScalarGenerator) {
  on_every_target([] {
    for (const PhiloxRandom& gen : interesting_generators()) {
      for (int64_t n : {int64_t{0}, int64_t{3}, int64_t{1025}, int64_t{5003}}) {
        std::vector<int32_t> ints(static_cast<size_t>(n));
        fill_uniform_int32(gen, -7, 1000, ints.data(), n);
        ASSERT_EQ(ints, reference_uniform_int32(gen, -7, 1000, n)) << "n=" << n;
        std::vector<double> doubles(static_cast<size_t>(n));
        fill_uniform_double(gen, doubles.data(), n);
        ASSERT_EQ(double_bits(doubles), double_bits(reference_uniform_double(gen, n))) << "n=" << n;
      }
    }
  });
}

// The CPU kernels fill in chunks, each from the generator skipped by the groups before it; the
// pieces must join into the single sequential fill, whatever targets run where.
TEST(PhiloxSimd, ChunkedUniformFillJoinsUp) {
  const PhiloxRandom gen({0xFFFFFFFFu - 3000, 0xFFFFFFFFu, 2, 0}, {99, 100});
  const int64_t n = 3 * 2048 * 4 + 13;
  std::vector<float> whole(static_cast<size_t>(n));
  fill_uniform_float(gen, whole.data(), n);
  std::vector<float> pieces(static_cast<size_t>(n));
  for (int64_t first = 0; first < n; first += 2048 * 4) {
    PhiloxRandom chunk = gen;
    chunk.Skip(static_cast<uint64_t>(first / 4));
    fill_uniform_float(chunk, pieces.data() + first, std::min<int64_t>(2048 * 4, n - first));
  }
  EXPECT_EQ(float_bits(pieces), float_bits(whole));
  EXPECT_EQ(float_bits(whole), float_bits(reference_uniform_float(gen, n)));
}

TEST(RandomKernels, StandardNormalFloatMatchesTensorFlow) {
  const auto runs = kernel_runs<float>(5, 1, 4, fill_normal_float);
  EXPECT_FLOAT_EQ(runs[0][0], -1.3768897f);
  EXPECT_FLOAT_EQ(runs[0][1], -0.012583158f);
  EXPECT_FLOAT_EQ(runs[0][2], -0.169515f);
  EXPECT_FLOAT_EQ(runs[0][3], 1.0824056f);
  EXPECT_EQ(float_bits(runs[0]),
            (std::vector<uint32_t>{0xbfb03dec, 0xbc4e2997, 0xbe2d9557, 0x3f8a8c44}));
  EXPECT_EQ(float_bits(runs[1]),
            (std::vector<uint32_t>{0xbeaf4555, 0xc00d96d8, 0x3f5625ee, 0xbf99b8a9}));
}

TEST(RandomKernels, StandardNormalFloatPartialGroup) {
  const auto runs = kernel_runs<float>(5, 1, 10, fill_normal_float);
  EXPECT_EQ(float_bits(runs[0]),
            (std::vector<uint32_t>{0xbfb03dec, 0xbc4e2997, 0xbe2d9557, 0x3f8a8c44, 0xbe9fa8ab,
                                   0xbe9a83d7, 0x3bda0b91, 0xbf77269b, 0xbfcc8f4d, 0x3e40a8bb}));
  EXPECT_EQ(float_bits(runs[1]),
            (std::vector<uint32_t>{0xbf50b91d, 0x3f83e1d9, 0x3fbdab61, 0xbf8acc6c, 0xbdf36e60,
                                   0xbda56e06, 0xbfff9960, 0xbfdfbf56, 0xbf6e8f94, 0x3eface79}));
}

TEST(RandomKernels, StandardNormalDoubleMatchesTensorFlow) {
  const auto runs = kernel_runs<double>(5, 1, 7, fill_normal_double);
  EXPECT_EQ(double_bits(runs[0]),
            (std::vector<uint64_t>{0x3ff5eb95043774df, 0xbffa69d966ea265e, 0x3fc94c5e201e0767,
                                   0x3ff94af57e3360b3, 0x3fecffd96974a9fc, 0xbff9338753daa0c8,
                                   0xbfe8c7e7ba2e4812}));
  EXPECT_EQ(double_bits(runs[1]),
            (std::vector<uint64_t>{0x3ff6f3cd594a669f, 0x3ff509337ff5c214, 0x3fe68d2f13e7ce07,
                                   0x3fdab8acb7a03214, 0x3fdaee223017f08c, 0x3fa37c40114005ea,
                                   0xbfe9c4dac35de262}));
}

TEST(RandomKernels, UniformFloatMatchesTensorFlow) {
  const auto runs = kernel_runs<float>(7, 3, 10, fill_uniform_float);
  EXPECT_EQ(float_bits(runs[0]),
            (std::vector<uint32_t>{0x3ecd5b64, 0x3ec0f108, 0x3e9e5ba0, 0x3db46100, 0x3f3efd9c,
                                   0x3ee8cf60, 0x3f0073e4, 0x3ebaaf90, 0x3f6c1024, 0x3f7e24e0}));
  EXPECT_EQ(float_bits(runs[1]),
            (std::vector<uint32_t>{0x3f1d38c6, 0x3e3f7ae8, 0x3d7a2260, 0x3e866694, 0x3f42afe6,
                                   0x3ed77bf0, 0x3f301dbc, 0x3f055eea, 0x3f34a95c, 0x3f77ec1c}));
}

TEST(RandomKernels, UniformFloatWithSeedsAbove32Bits) {
  // seed2 = -7 as TensorFlow's int64 attr, reinterpreted as uint64.
  const auto runs =
      kernel_runs<float>(0x123456789ab, static_cast<uint64_t>(int64_t{-7}), 6, fill_uniform_float);
  EXPECT_EQ(float_bits(runs[0]), (std::vector<uint32_t>{0x3f1dd9fa, 0x3ee7bb64, 0x3f2eee92,
                                                        0x3e290af0, 0x3f21176e, 0x3f6076b4}));
  EXPECT_EQ(float_bits(runs[1]), (std::vector<uint32_t>{0x3efbbdc8, 0x3f78aac4, 0x3efc9454,
                                                        0x3f1ea62a, 0x3c018480, 0x3ed703fc}));
}

TEST(RandomKernels, UniformDoubleMatchesTensorFlow) {
  const auto runs = kernel_runs<double>(7, 3, 7, fill_uniform_double);
  EXPECT_EQ(double_bits(runs[0]),
            (std::vector<uint64_t>{0x3fcab6c8fd81e210, 0x3fde5ba2662d1840, 0x3feefd9ceb7467b0,
                                   0x3f8cf942d755f200, 0x3fd8204babfc49c0, 0x3fe827ecb001b5ea,
                                   0x3fe517f12dac16b2}));
  EXPECT_EQ(double_bits(runs[1]),
            (std::vector<uint64_t>{0x3fc11fc583c90a48, 0x3fb4bba6403f3150, 0x3fd27c1673b49b28,
                                   0x3fe5ab69ca2ae2ba, 0x3fddb47df7ee492c, 0x3fe77a65c95ad664,
                                   0x3fe05419a6b1893a}));
}

TEST(RandomKernels, TruncatedNormalFloatMatchesTensorFlow) {
  const auto runs = kernel_runs<float>(11, 2, 10, fill_truncated_normal_float);
  EXPECT_EQ(float_bits(runs[0]),
            (std::vector<uint32_t>{0xbe40980c, 0xbea6973b, 0x3f7474db, 0x3f40d60a, 0x3fbae882,
                                   0xbf930a13, 0x3e05a216, 0xbf37b547, 0x3e908ba0, 0x3f9ed526}));
  EXPECT_EQ(float_bits(runs[1]),
            (std::vector<uint32_t>{0xbca74804, 0xbdee2997, 0x3d7af622, 0xbea49bf7, 0x3f89c9e3,
                                   0x3ffbceb5, 0xbf0f29cf, 0x3e0020d4, 0xbf86b484, 0xbf8fdc63}));
}

TEST(RandomKernels, TruncatedNormalDoubleMatchesTensorFlow) {
  const auto runs = kernel_runs<double>(11, 2, 7, fill_truncated_normal_double);
  EXPECT_EQ(double_bits(runs[0]),
            (std::vector<uint64_t>{0xbff244f59c4a92dd, 0x3fe0ba0a24918ea7, 0x3ff8c37378d45913,
                                   0xbfd2cd2d404e21ba, 0xbfec53357ee3897a, 0xbfeee5a8a657808a,
                                   0x3ff0c99e75726364}));
  EXPECT_EQ(double_bits(runs[1]),
            (std::vector<uint64_t>{0xbfe7a76bf4799986, 0x3fdbcd375dfbe01d, 0x3fe5534c3e2b9b1d,
                                   0xbfc6c426aee78584, 0x3fb729c59c568c14, 0x3fdb09d47715e55d,
                                   0xbfe61a7732d30890}));
}

TEST(RandomKernels, TruncatedNormalGroupsStartAtReservedOffsets) {
  PhiloxRandom base(3, 4);
  std::vector<float> all(12);
  fill_truncated_normal_float(base, all.data(), 12);
  for (int group = 0; group < 3; ++group) {
    PhiloxRandom gen = base;
    gen.Skip(static_cast<uint64_t>(group) * 256);
    std::vector<float> alone(4);
    fill_truncated_normal_float(gen, alone.data(), 4);
    EXPECT_EQ(float_bits(alone),
              float_bits({all.begin() + group * 4, all.begin() + group * 4 + 4}));
  }
  for (float x : all) EXPECT_LT(std::fabs(x), 2.0f);
}

TEST(RandomKernels, UniformInt32MatchesTensorFlow) {
  const auto tiny = kernel_runs<int32_t>(5, 10, 1, [](PhiloxRandom g, int32_t* out, int64_t n) {
    fill_uniform_int32(g, 0, 3, out, n);
  });
  EXPECT_EQ(tiny[0], std::vector<int32_t>{2});
  EXPECT_EQ(tiny[1], std::vector<int32_t>{0});

  const auto wide = kernel_runs<int32_t>(5, 10, 9, [](PhiloxRandom g, int32_t* out, int64_t n) {
    fill_uniform_int32(g, -5, 1000, out, n);
  });
  EXPECT_EQ(wide[0], (std::vector<int32_t>{519, 463, 851, 333, 860, 821, 457, 68, 816}));
  EXPECT_EQ(wide[1], (std::vector<int32_t>{846, 578, 423, 4, 269, 784, 957, 679, 727}));
}

TEST(RandomKernels, UniformInt64MatchesTensorFlow) {
  const auto runs = kernel_runs<int64_t>(5, 10, 5, [](PhiloxRandom g, int64_t* out, int64_t n) {
    fill_uniform_int64(g, -(int64_t{1} << 40), int64_t{1} << 41, out, n);
  });
  EXPECT_EQ(runs[0], (std::vector<int64_t>{2058581949223, -174281470420, 28837864621, 1649962540326,
                                           -393665809101}));
  EXPECT_EQ(runs[1], (std::vector<int64_t>{-148340920189, -685892963492, 2102061201956,
                                           509574301929, -535849031306}));
}

TEST(RandomKernels, UniformIntFullSignedRange) {
  std::vector<int32_t> v(64);
  fill_uniform_int32(PhiloxRandom(1, 2), INT32_MIN, INT32_MAX, v.data(), 64);
  for (int32_t x : v) EXPECT_LT(x, INT32_MAX);
}

TEST(RandomShuffle, MatchesTensorFlowForRank1AndRank2) {
  // RandomShuffle(range(10)), seeds (3, 4): output i is input perm[i].
  PhiloxRandom state(3, 4);
  EXPECT_EQ(shuffle_permutation(state, 10, 10),
            (std::vector<int64_t>{1, 5, 3, 8, 0, 4, 7, 6, 9, 2}));
  EXPECT_EQ(shuffle_permutation(state, 10, 10),
            (std::vector<int64_t>{6, 5, 9, 3, 2, 7, 8, 1, 4, 0}));

  // RandomShuffle(reshape(range(14), [7, 2])), same seeds: rows 1, 5, 3, 0, 2, 4, 6.
  PhiloxRandom state2d(3, 4);
  EXPECT_EQ(shuffle_permutation(state2d, 7, 14), (std::vector<int64_t>{1, 5, 3, 0, 2, 4, 6}));
  EXPECT_EQ(shuffle_permutation(state2d, 7, 14), (std::vector<int64_t>{3, 6, 0, 1, 2, 5, 4}));
}

TEST(RandomShuffle, NothingDrawnWhenNothingToShuffle) {
  const PhiloxRandom fresh(3, 4);
  PhiloxRandom state = fresh;
  EXPECT_EQ(shuffle_permutation(state, 1, 1), (std::vector<int64_t>{0}));
  EXPECT_EQ(shuffle_permutation(state, 5, 0), (std::vector<int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(shuffle_permutation(state, 0, 0), std::vector<int64_t>{});
  EXPECT_EQ(state.counter(), fresh.counter());
  shuffle_permutation(state, 10, 10);  // 9 words reserve 3 outputs
  EXPECT_EQ(state.counter()[0], 3u);
}

}  // namespace
}  // namespace liu
