/* fuzz_code_key.c: libFuzzer entry point for zs_code_key's tokenizer and normalizer. Any bytes
 * (not NUL-terminated: the key reads exactly len bytes) must give a key without crashing, and
 * the key must be a function of the bytes alone: the same input twice gives the same key. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "generator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    uint64_t a = zs_code_key((const char *)copy, size);
    uint64_t b = zs_code_key((const char *)copy, size);
    if (a != b)
        abort();
    free(copy);
    return 0;
}
