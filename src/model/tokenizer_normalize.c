/* tokenizer_normalize.c: the normalizer step of the tokenizer (NFC/NFD/NFKC/NFKD via utf8proc,
 * in the order tokenizer.json lists them). ASCII text is left as it is (all four forms keep it). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tokenizer_internal.h"

static int all_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

static utf8proc_option_t options_of(int kind)
{
    switch (kind) {
    case TOK_NORM_NFC: return UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    case TOK_NORM_NFD: return UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;
    case TOK_NORM_NFKC: return UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    default: return UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    }
}

char *tok_normalize(const zc_tokenizer *t, const char *s, size_t n, size_t *outlen)
{
    char *cur = malloc(n + 1);
    if (!cur)
        return NULL;
    memcpy(cur, s, n);
    cur[n] = 0;
    size_t len = n;
    if (all_ascii(s, n)) {
        *outlen = len;
        return cur;
    }
    for (size_t i = 0; i < t->n_norms; i++) {
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)cur, (utf8proc_ssize_t)len,
                                          &out, options_of(t->norms[i]));
        if (r < 0) { /* cannot happen on repaired UTF-8; keep the text unnormalized */
            free(out);
            continue;
        }
        free(cur);
        cur = (char *)out;
        len = (size_t)r;
    }
    *outlen = len;
    return cur;
}
