/*
** The fuzz targets' one entry point (libFuzzer's), and the check they
** report failures with. Each target is built twice: with libFuzzer
** (clang -fsanitize=fuzzer, the fuzz preset) to search, and with replay.c
** (every build) so that CTest runs the corpus in tests/fuzz/corpus/<target>
** under gcc, ASan and UBSan as well.
*/
#ifndef TALLY_TESTS_FUZZ_H
#define TALLY_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant broken: say which and abort, so that libFuzzer keeps the
** input and the replay fails. */
#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);    \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#endif
