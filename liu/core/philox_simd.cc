// Philox4x32-10 with one counter per SIMD lane; this file is compiled once per SIMD target
// through foreach_target.h and the best target is chosen at run time. Everything here is integer
// arithmetic plus one exact float subtraction, so every target matches the scalar generator bit
// for bit.
#include "liu/core/philox_simd.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "liu/core/philox_simd.cc"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
// Highway's per-target headers must follow foreach_target.h.
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace liu::philox_simd {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Room for one vector of any target (SVE may reach 2048 bits).
constexpr size_t kMaxLanes = 64;

constexpr uint32_t kMultiplier0 = 0xD2511F53u;
constexpr uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr uint32_t kKeyBump0 = 0x9E3779B9u;
constexpr uint32_t kKeyBump1 = 0xBB67AE85u;
constexpr int kRounds = 10;

// Independent batches interleaved per loop trip, so the multiply latency of one batch hides
// behind the others' work (4 measured faster than 1 or 2 on AVX2 and AVX-512).
constexpr int kBatches = 4;

using DU = hn::ScalableTag<uint32_t>;
using VU = hn::Vec<DU>;

struct Words {
  VU w[4];
};

// The full 64-bit products a * m, split into high and low 32-bit halves per lane. The high
// halves come from MulEven on the even lanes and on the odd lanes shifted down to even positions;
// the low halves are a plain 32-bit multiply (cheaper than blending them out of the products).
HWY_INLINE void MulHiLo(DU d, VU a, VU m, VU& hi, VU& lo) {
#if HWY_TARGET == HWY_SCALAR
  // One lane, which cannot be reinterpreted as a wider lane.
  const uint64_t product = uint64_t{hn::GetLane(a)} * hn::GetLane(m);
  hi = hn::Set(d, static_cast<uint32_t>(product >> 32));
  lo = hn::Set(d, static_cast<uint32_t>(product));
#else
  const hn::Repartition<uint64_t, DU> d64;
  const auto even = hn::MulEven(a, m);
  const auto odd = hn::MulEven(hn::BitCast(d, hn::ShiftRight<32>(hn::BitCast(d64, a))), m);
  hi = hn::OddEven(hn::BitCast(d, odd), hn::BitCast(d, hn::ShiftRight<32>(even)));
  lo = hn::Mul(a, m);
#endif
}

// Ten Philox rounds on kBatches independent sets of counters (in place).
HWY_INLINE void Philox10(DU d, const PhiloxRandom::Key& key, Words (&c)[kBatches]) {
  const VU m0 = hn::Set(d, kMultiplier0);
  const VU m1 = hn::Set(d, kMultiplier1);
  uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) {
      k0 += kKeyBump0;
      k1 += kKeyBump1;
    }
    const VU vk0 = hn::Set(d, k0);
    const VU vk1 = hn::Set(d, k1);
    for (int b = 0; b < kBatches; ++b) {
      VU hi0, lo0, hi1, lo1;
      MulHiLo(d, c[b].w[0], m0, hi0, lo0);
      MulHiLo(d, c[b].w[2], m1, hi1, lo1);
      const VU n0 = hn::Xor(hn::Xor(hi1, c[b].w[1]), vk0);
      const VU n2 = hn::Xor(hn::Xor(hi0, c[b].w[3]), vk1);
      c[b].w[0] = n0;
      c[b].w[1] = lo1;
      c[b].w[2] = n2;
      c[b].w[3] = lo0;
    }
  }
}

// Loads the counters of the next Lanes(d) blocks starting at gen's counter and advances gen
// past them. Only when the low word wraps inside the batch do the lanes differ in more than
// word 0; that rare case is laid out by the scalar increment itself.
HWY_INLINE Words NextCounters(DU d, PhiloxRandom& gen) {
  const size_t lanes = hn::Lanes(d);
  const PhiloxRandom::Result& c = gen.counter();
  Words out;
  if (c[0] <= 0xFFFFFFFFu - (lanes - 1)) {
    out.w[0] = hn::Iota(d, c[0]);
    for (int j = 1; j < 4; ++j) out.w[j] = hn::Set(d, c[j]);
    gen.Skip(lanes);
    return out;
  }
  HWY_ALIGN uint32_t lane_words[4][kMaxLanes];
  for (size_t i = 0; i < lanes; ++i) {
    for (int j = 0; j < 4; ++j) lane_words[j][i] = gen.counter()[j];
    gen.Skip(1);
  }
  for (int j = 0; j < 4; ++j) out.w[j] = hn::Load(d, lane_words[j]);
  return out;
}

// [0, 1) from the low 23 bits: a float in [1, 2) minus one, as the scalar word_to_float.
HWY_INLINE hn::Vec<hn::Rebind<float, DU>> ToUnitFloat(DU d, VU w) {
  const hn::Rebind<float, DU> df;
  const VU bits = hn::Or(hn::And(w, hn::Set(d, 0x7FFFFFu)), hn::Set(d, 0x3F800000u));
  return hn::Sub(hn::BitCast(df, bits), hn::Set(df, 1.0f));
}

HWY_INLINE void StoreWords(DU d, const Words& c, uint32_t* out) {
  hn::StoreInterleaved4(c.w[0], c.w[1], c.w[2], c.w[3], d, out);
}

HWY_INLINE void StoreWords(DU d, const Words& c, float* out) {
  const hn::Rebind<float, DU> df;
  hn::StoreInterleaved4(ToUnitFloat(d, c.w[0]), ToUnitFloat(d, c.w[1]), ToUnitFloat(d, c.w[2]),
                        ToUnitFloat(d, c.w[3]), df, out);
}

// out gets 4 values per block; T is uint32_t (raw words) or float (uniform [0, 1)).
template <class T>
HWY_INLINE void GenerateLoop(const PhiloxRandom::Result& counter, const PhiloxRandom::Key& key,
                             T* out, size_t blocks) {
  const DU d;
  const size_t lanes = hn::Lanes(d);
  PhiloxRandom gen(counter, key);
  size_t b = 0;
  Words c[kBatches];
  for (; b + kBatches * lanes <= blocks; b += kBatches * lanes) {
    for (int i = 0; i < kBatches; ++i) c[i] = NextCounters(d, gen);
    Philox10(d, key, c);
    for (int i = 0; i < kBatches; ++i) StoreWords(d, c[i], out + 4 * (b + i * lanes));
  }
  if (b == blocks) return;
  // The remaining blocks go through the same vector code into a buffer, whole batches at a time.
  HWY_ALIGN T buf[kBatches * 4 * kMaxLanes];
  for (int i = 0; i < kBatches; ++i) c[i] = NextCounters(d, gen);
  Philox10(d, key, c);
  for (int i = 0; i < kBatches; ++i) StoreWords(d, c[i], buf + 4 * i * lanes);
  std::memcpy(out + 4 * b, buf, 4 * (blocks - b) * sizeof(T));
}

void GenerateWordsTarget(const PhiloxRandom::Result& counter, const PhiloxRandom::Key& key,
                         uint32_t* words, int64_t blocks) {
  GenerateLoop(counter, key, words, static_cast<size_t>(blocks));
}

void GenerateUniformFloatTarget(const PhiloxRandom::Result& counter, const PhiloxRandom::Key& key,
                                float* out, int64_t blocks) {
  GenerateLoop(counter, key, out, static_cast<size_t>(blocks));
}

}  // namespace HWY_NAMESPACE
}  // namespace liu::philox_simd
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace liu::philox_simd {

HWY_EXPORT(GenerateWordsTarget);
HWY_EXPORT(GenerateUniformFloatTarget);

void generate_words(const PhiloxRandom::Result& counter, const PhiloxRandom::Key& key,
                    uint32_t* words, int64_t blocks) {
  if (blocks > 0) HWY_DYNAMIC_DISPATCH(GenerateWordsTarget)(counter, key, words, blocks);
}

void generate_uniform_float(const PhiloxRandom::Result& counter, const PhiloxRandom::Key& key,
                            float* out, int64_t blocks) {
  if (blocks > 0) HWY_DYNAMIC_DISPATCH(GenerateUniformFloatTarget)(counter, key, out, blocks);
}

}  // namespace liu::philox_simd
#endif  // HWY_ONCE
