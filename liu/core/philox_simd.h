#pragma once
// Philox4x32-10 over many consecutive counters at once, in Google Highway SIMD compiled for every
// x86 target Highway supports and picked at run time. Each vector lane runs one block, so the
// results are bit-identical to calling PhiloxRandom::operator() once per block.
#include <cstdint>

#include "liu/core/philox.h"

namespace liu::philox_simd {

// Writes the outputs of `blocks` consecutive counters, starting at `counter` and advancing as
// PhiloxRandom::Skip(1) does (a 128-bit increment), all under `key`: block b's four words go to
// words[4b .. 4b+3] in order.
void generate_words(const PhiloxRandom::Result& counter, const PhiloxRandom::Key& key,
                    uint32_t* words, int64_t blocks);

// The same blocks turned into [0, 1) floats from the low 23 bits of each word, as
// fill_uniform_float does: out[4b + j] comes from word j of block b.
void generate_uniform_float(const PhiloxRandom::Result& counter, const PhiloxRandom::Key& key,
                            float* out, int64_t blocks);

}  // namespace liu::philox_simd
