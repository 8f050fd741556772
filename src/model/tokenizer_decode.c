/* tokenizer_decode.c: ids back to UTF-8 text, at once or streamed. A token's characters go back
 * to bytes through the byte-level table when all of them are in it (else its UTF-8 is used as it
 * is, as the tokenizers ByteLevel decoder does); bytes that do not form valid UTF-8 become
 * U+FFFD. The streaming decoder holds back an unfinished UTF-8 sequence until it completes. */
#include <stdlib.h>
#include <string.h>

#include "tokenizer_internal.h"

typedef struct {
    char *v;
    size_t n, cap;
} bytes;

static int bytes_reserve(bytes *b, size_t extra)
{
    if (b->n + extra <= b->cap)
        return 0;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < b->n + extra)
        ncap *= 2;
    char *v = realloc(b->v, ncap);
    if (!v)
        return -1;
    b->v = v;
    b->cap = ncap;
    return 0;
}

/* Appends the bytes id stands for (nothing for unknown ids or skipped special tokens). */
static int append_token(const zc_tokenizer *t, int32_t id, int skip_special, bytes *b)
{
    if (id < 0 || (size_t)id >= t->n_ids || !t->tok_str[id])
        return 0;
    if (skip_special && t->special[id])
        return 0;
    const unsigned char *s = (const unsigned char *)t->tok_str[id];
    size_t len = t->tok_len[id];
    if (bytes_reserve(b, len) < 0)
        return -1;
    if (t->decoder_byte_level) {
        size_t o = b->n;
        for (size_t i = 0; i < len;) {
            int32_t cp;
            i += tok_utf8_decode(s + i, len - i, &cp);
            int byte = tok_cp_to_byte(cp);
            if (byte < 0) {
                o = (size_t)-1;
                break;
            }
            b->v[o++] = (char)byte;
        }
        if (o != (size_t)-1) {
            b->n = o;
            return 0;
        }
    }
    memcpy(b->v + b->n, s, len);
    b->n += len;
    return 0;
}

char *zc_tokenizer_decode_n(const zc_tokenizer *t, const int32_t *ids, size_t n, int skip_special,
                            size_t *len)
{
    bytes b = {0};
    for (size_t i = 0; i < n; i++) {
        if (append_token(t, ids[i], skip_special, &b) < 0) {
            free(b.v);
            return NULL;
        }
    }
    char *out = tok_utf8_repair(b.v ? b.v : "", b.n, len);
    free(b.v);
    return out;
}

char *zc_tokenizer_decode(const zc_tokenizer *t, const int32_t *ids, size_t n, int skip_special)
{
    size_t len;
    return zc_tokenizer_decode_n(t, ids, n, skip_special, &len);
}

struct zc_detok {
    const zc_tokenizer *t;
    int skip_special;
    bytes pend; /* bytes not yet handed out */
};

zc_detok *zc_detok_new_opts(const zc_tokenizer *t, int skip_special)
{
    zc_detok *d = calloc(1, sizeof *d);
    if (d) {
        d->t = t;
        d->skip_special = skip_special;
    }
    return d;
}

zc_detok *zc_detok_new(const zc_tokenizer *t)
{
    return zc_detok_new_opts(t, 0);
}

/* Moves complete UTF-8 (and U+FFFD for invalid parts) from pend to out, at most cap bytes. An
 * unfinished sequence at the end stays unless final. */
static size_t drain(zc_detok *d, char *out, size_t cap, int final)
{
    const unsigned char *p = (const unsigned char *)d->pend.v;
    size_t i = 0, o = 0, n = d->pend.n;
    if (n == 0)
        return 0;
    while (i < n) {
        size_t bad, len = tok_utf8_seq(p + i, n - i, &bad, !final);
        if (!len && !bad)
            break; /* unfinished: wait for more bytes */
        const char *src = len ? (const char *)p + i : "\xEF\xBF\xBD";
        size_t out_len = len ? len : 3;
        if (o + out_len > cap)
            break;
        memcpy(out + o, src, out_len);
        o += out_len;
        i += len ? len : bad;
    }
    memmove(d->pend.v, d->pend.v + i, n - i);
    d->pend.n = n - i;
    return o;
}

size_t zc_detok_push(zc_detok *d, int32_t id, char *out, size_t cap)
{
    if (!d)
        return 0;
    if (id >= 0 && append_token(d->t, id, d->skip_special, &d->pend) < 0)
        return 0;
    return drain(d, out, cap, 0);
}

size_t zc_detok_flush(zc_detok *d, char *out, size_t cap)
{
    return d ? drain(d, out, cap, 1) : 0;
}

void zc_detok_free(zc_detok *d)
{
    if (d) {
        free(d->pend.v);
        free(d);
    }
}
