/*
 * The loader's fuzz target, shared by the libFuzzer build (fuzz_load) and
 * the corpus replay that make check runs with the ordinary compiler
 * (test_fuzz_replay), so that both run exactly the same code.
 */
#ifndef RESPMAP_FUZZ_LOAD_H
#define RESPMAP_FUZZ_LOAD_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point: always 0; abort() when an invariant fails. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same run; returns whether the input loaded as a valid data set, for
 * the replay to check that the valid seeds are (and the broken are not). */
int fuzz_load_one(const uint8_t *data, size_t size);

#endif
