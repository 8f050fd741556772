/* tokenizer_encode.c: the encoding pipeline: repair invalid UTF-8, split out added tokens that
 * match the raw text, normalize the rest, split out added tokens that match normalized text,
 * pre-tokenize, and run BPE on every pre-token. */
#include <stdio.h>
#include <stdlib.h>

#include "tokenizer_internal.h"

typedef struct {
    const zc_tokenizer *t;
    tok_ids *out;
} enc_ctx;

static int bpe_piece(void *c, const char *s, size_t n)
{
    enc_ctx *e = c;
    return tok_bpe(e->t, s, n, e->out);
}

static int pretok_text(void *c, const char *s, size_t n)
{
    enc_ctx *e = c;
    return tok_pretokenize(e->t, s, n, bpe_piece, c);
}

static int raw_text(void *c, const char *s, size_t n)
{
    enc_ctx *e = c;
    size_t len;
    char *norm = tok_normalize(e->t, s, n, &len);
    if (!norm)
        return -1;
    int rc = tok_split_added(e->t, norm, len, 1, pretok_text, c, e->out);
    free(norm);
    return rc;
}

int zc_tokenizer_encode(const zc_tokenizer *t, const char *text, size_t len, int32_t **ids,
                        size_t *n, char *err, size_t errlen)
{
    *ids = NULL;
    *n = 0;
    size_t rlen = 0;
    char *repaired = tok_utf8_repair(text ? text : "", text ? len : 0, &rlen);
    if (!repaired) {
        if (err && errlen)
            snprintf(err, errlen, "tokenizer: out of memory");
        return -1;
    }
    tok_ids out = {0};
    enc_ctx e = {t, &out};
    int rc = tok_split_added(t, repaired, rlen, 0, raw_text, &e, &out);
    free(repaired);
    if (rc < 0) {
        free(out.v);
        if (err && errlen)
            snprintf(err, errlen, "tokenizer: out of memory or regex failure while encoding");
        return -1;
    }
    if (!out.v)
        out.v = malloc(sizeof *out.v); /* a valid pointer even for no ids */
    *ids = out.v;
    *n = out.n;
    return 0;
}
