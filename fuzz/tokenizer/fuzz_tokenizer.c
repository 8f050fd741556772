/* fuzz_tokenizer.c: libFuzzer target for the tokenizer.json parser and the encoder/decoder.
 * Input: a tokenizer.json text, optionally followed by a NUL byte and a text to encode. When
 * the JSON does not load, the text is encoded with a small built-in tokenizer instead, so the
 * encoder is exercised on every input. Loading must fail with a one-line message or succeed;
 * encode, decode and streaming decode must not crash, leak or disagree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer.h"

static const char BUILTIN[] =
    "{\"added_tokens\":[{\"id\":6,\"content\":\"<|s|>\",\"special\":true,\"normalized\":false},"
    "{\"id\":7,\"content\":\"<m>\",\"lstrip\":true,\"rstrip\":true,\"special\":true},"
    "{\"id\":8,\"content\":\"w\",\"single_word\":true,\"normalized\":true}],"
    "\"normalizer\":{\"type\":\"NFC\"},"
    "\"pre_tokenizer\":{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":"
    "{\"Regex\":\"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?\\\\p{L}+|\\\\p{N}| "
    "?[^\\\\s\\\\p{L}\\\\p{N}]+[\\\\r\\\\n]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+\"},"
    "\"behavior\":\"Isolated\",\"invert\":false},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
    "\"use_regex\":false}]},\"decoder\":{\"type\":\"ByteLevel\"},"
    "\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2,\"\xc4\xa0\":3,\"\xc4\xa0\xc4\xa0\":4,"
    "\"abab\":5},\"merges\":[\"a b\",[\"\xc4\xa0\",\"\xc4\xa0\"],\"ab ab\"]}}";

static zc_tokenizer *builtin(void)
{
    static zc_tokenizer *t;
    if (!t) {
        char err[256];
        t = zc_tokenizer_load_json(BUILTIN, strlen(BUILTIN), "builtin", err, sizeof err);
        if (!t) {
            fprintf(stderr, "built-in tokenizer does not load: %s\n", err);
            abort();
        }
    }
    return t;
}

static void exercise(const zc_tokenizer *t, const char *text, size_t len)
{
    int32_t *ids;
    size_t n;
    char err[256];
    if (zc_tokenizer_encode(t, text, len, &ids, &n, err, sizeof err) < 0)
        return; /* e.g. a regex of the fuzzed file hit PCRE2's match limit */
    size_t all_len = 0;
    char *all = zc_tokenizer_decode_n(t, ids, n, 0, &all_len);
    char *skipped = zc_tokenizer_decode(t, ids, n, 1);
    /* The stream of pieces must add up to the whole decode. */
    zc_detok *d = zc_detok_new(t);
    size_t cap = all_len + 8, got = 0;
    char *streamed = malloc(cap + 64);
    for (size_t i = 0; i < n; i++)
        got += zc_detok_push(d, ids[i], streamed + got, cap - got);
    got += zc_detok_flush(d, streamed + got, cap - got);
    if (all && (got != all_len || memcmp(streamed, all, got) != 0)) {
        fprintf(stderr, "streamed decode differs from decode\n");
        abort();
    }
    zc_detok_free(d);
    free(streamed);
    free(all);
    free(skipped);
    free(ids);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t jlen = nul ? (size_t)(nul - data) : size;
    const char *text = nul ? (const char *)nul + 1 : "";
    size_t tlen = nul ? size - jlen - 1 : 0;
    char err[512];
    zc_tokenizer *t = zc_tokenizer_load_json((const char *)data, jlen, "fuzz.json", err, sizeof err);
    if (!t) {
        if (!err[0] || strchr(err, '\n')) {
            fprintf(stderr, "bad error message: '%s'\n", err);
            abort();
        }
        exercise(builtin(), text, tlen);
        return 0;
    }
    exercise(t, text, tlen);
    /* Arbitrary ids (from the text bytes) must decode without harm. */
    int32_t ids[64];
    size_t n = 0;
    for (size_t i = 0; i + 1 < tlen && n < 64; i += 2)
        ids[n++] = (int32_t)(((unsigned char)text[i] << 8) | (unsigned char)text[i + 1]) - 4;
    free(zc_tokenizer_decode(t, ids, n, 0));
    zc_tokenizer_free(t);
    return 0;
}
