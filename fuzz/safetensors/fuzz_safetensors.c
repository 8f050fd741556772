/* fuzz_safetensors.c: libFuzzer target for the safetensors header parser: every input is taken
 * as a whole file image and must be accepted or rejected with a message, never crash. */
#include "model.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    zc_safetensors_check(data, size, size, "fuzz.safetensors", err, sizeof err);
    return 0;
}
