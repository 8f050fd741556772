/* uuid.c: deterministic row uuids: a 128-bit XXH3 hash of some bytes, shaped as a version-4
 * uuid (version and variant bits set), so rows made again get the same names. */
#include <stdio.h>

#include <xxhash.h>

#include "engine.h"

void zs_uuid_of_bytes(const void *data, size_t len, uint64_t salt, char out[37])
{
    XXH128_hash_t h = XXH3_128bits_withSeed(data, len, salt);
    uint64_t hi = (h.high64 & ~0xF000ull) | 0x4000ull;                   /* version 4 */
    uint64_t lo = (h.low64 & ~(0xC000ull << 48)) | (0x8000ull << 48);   /* variant 10 */
    snprintf(out, 37, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(hi >> 32), (unsigned)((hi >> 16) & 0xFFFF),
             (unsigned)(hi & 0xFFFF), (unsigned)(lo >> 48), (unsigned long long)(lo & 0xFFFFFFFFFFFFull));
}

void zs_uuid_for(uint64_t seed, uint64_t index, char out[37])
{
    uint64_t in[2] = {seed, index};
    zs_uuid_of_bytes(in, sizeof in, 0x5a45524f434144ull, out);   /* "ZEROCAD" */
}
