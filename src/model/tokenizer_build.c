/* tokenizer_build.c: assembling a zc_tokenizer from its parts (vocabulary, merges, added tokens,
 * pre-tokenizer regexes), shared by the tokenizer.json and the vocab.json + merges.txt loaders. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer_internal.h"

/* Ids at or above this (2M; real vocabularies have < 300k) are refused: the id -> token table is
 * dense. */
#define TOK_MAX_ID (1 << 21)

/* The Split regex of Qwen2/2.5/3 tokenizer.json files. */
const char TOK_QWEN2_PATTERN[] =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
    "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
/* The regex of the ByteLevel pre-tokenizer with use_regex (GPT-2). */
const char TOK_GPT2_PATTERN[] =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

zc_tokenizer *tok_new(void)
{
    zc_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    for (int i = 0; i < 256; i++)
        t->byte_ids[i] = t->fallback_ids[i] = -1;
    t->unk_id = -1;
    return t;
}

static int grow_ids(zc_tokenizer *t, size_t need)
{
    if (need <= t->n_ids)
        return 0;
    size_t ncap = t->n_ids ? t->n_ids : 256;
    while (ncap < need)
        ncap *= 2;
    char **s = realloc(t->tok_str, ncap * sizeof *s);
    if (!s)
        return -1;
    t->tok_str = s;
    uint32_t *l = realloc(t->tok_len, ncap * sizeof *l);
    if (!l)
        return -1;
    t->tok_len = l;
    uint8_t *sp = realloc(t->special, ncap);
    if (!sp)
        return -1;
    t->special = sp;
    memset(t->tok_str + t->n_ids, 0, (ncap - t->n_ids) * sizeof *s);
    memset(t->tok_len + t->n_ids, 0, (ncap - t->n_ids) * sizeof *l);
    memset(t->special + t->n_ids, 0, ncap - t->n_ids);
    t->n_ids = ncap;
    return 0;
}

int tok_set_token(zc_tokenizer *t, int32_t id, const char *s, size_t len, char *err, size_t errlen)
{
    if (id < 0 || id >= TOK_MAX_ID) {
        snprintf(err, errlen, "token id %ld out of range", (long)id);
        return -1;
    }
    if (len > 65536) {
        snprintf(err, errlen, "token %ld is longer than 65536 bytes", (long)id);
        return -1;
    }
    if (grow_ids(t, (size_t)id + 1) < 0)
        goto oom;
    char *copy = malloc(len + 1);
    if (!copy)
        goto oom;
    memcpy(copy, s, len);
    copy[len] = 0;
    free(t->tok_str[id]);
    t->tok_str[id] = copy;
    t->tok_len[id] = (uint32_t)len;
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

int tok_add_vocab(zc_tokenizer *t, const char *s, size_t len, int32_t id, char *err, size_t errlen)
{
    if (tok_set_token(t, id, s, len, err, errlen) < 0)
        return -1;
    if (tok_strmap_put(&t->vocab, s, len, id) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* Shows a token in an error message: at most 40 bytes, control bytes as '?'. */
static void show_token(char *dst, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && i < 40 && o + 1 < cap; i++)
        dst[o++] = ((unsigned char)s[i] < 0x20) ? '?' : s[i];
    dst[o] = 0;
}

int tok_add_merge(zc_tokenizer *t, const char *a, size_t alen, const char *b, size_t blen,
                  int32_t rank, char *err, size_t errlen)
{
    char shown[64];
    int32_t ia = tok_strmap_get(&t->vocab, a, alen);
    int32_t ib = tok_strmap_get(&t->vocab, b, blen);
    if (ia < 0 || ib < 0) {
        show_token(shown, sizeof shown, ia < 0 ? a : b, ia < 0 ? alen : blen);
        snprintf(err, errlen, "merge %ld uses token '%s' that is not in the vocabulary",
                 (long)rank, shown);
        return -1;
    }
    char stackbuf[256];
    char *joined = alen + blen <= sizeof stackbuf ? stackbuf : malloc(alen + blen);
    if (!joined) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(joined, a, alen);
    memcpy(joined + alen, b, blen);
    int32_t im = tok_strmap_get(&t->vocab, joined, alen + blen);
    if (im < 0)
        show_token(shown, sizeof shown, joined, alen + blen);
    if (joined != stackbuf)
        free(joined);
    if (im < 0) {
        snprintf(err, errlen, "merge %ld makes '%s', which is not in the vocabulary", (long)rank,
                 shown);
        return -1;
    }
    if (tok_pairmap_put(&t->merges, ia, ib, rank, im) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

int tok_add_added(zc_tokenizer *t, const tok_added *a, char *err, size_t errlen)
{
    if (a->len == 0) {
        snprintf(err, errlen, "added token %ld has empty content", (long)a->id);
        return -1;
    }
    if (tok_set_token(t, a->id, a->content, a->len, err, errlen) < 0)
        return -1;
    t->special[a->id] = (uint8_t)(a->special != 0);
    /* A token listed twice (same content) keeps one entry: the last one. */
    for (size_t i = 0; i < t->n_added; i++) {
        if (t->added[i].len == a->len && !memcmp(t->added[i].content, a->content, a->len)) {
            char *keep = t->added[i].content;
            t->added[i] = *a;
            t->added[i].content = keep;
            goto map;
        }
    }
    tok_added *n = realloc(t->added, (t->n_added + 1) * sizeof *n);
    if (!n)
        goto oom;
    t->added = n;
    tok_added *slot = &t->added[t->n_added];
    *slot = *a;
    slot->content = malloc(a->len + 1);
    if (!slot->content)
        goto oom;
    memcpy(slot->content, a->content, a->len);
    slot->content[a->len] = 0;
    t->n_added++;
map:
    if (tok_strmap_put(&t->added_map, a->content, a->len, a->id) < 0)
        goto oom;
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* \s and \S as Oniguruma (the tokenizers library's engine) reads them: Unicode White_Space.
 * PCRE2's \s also takes U+180E. \Q...\E literal runs are left alone. Malloc'd. */
static char *onig_whitespace(const char *p, size_t n, size_t *outlen)
{
    char *out = malloc(n * 8 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != '\\' || i + 1 == n) {
            out[o++] = p[i];
            continue;
        }
        char c = p[++i];
        if (c == 's' || c == 'S') {
            memcpy(out + o, c == 's' ? "\\p{White_Space}" : "\\P{White_Space}", 15);
            o += 15;
        } else if (c == 'Q') {
            const char *e = NULL;
            for (size_t k = i + 1; k + 1 < n && !e; k++)
                if (p[k] == '\\' && p[k + 1] == 'E')
                    e = p + k + 2;
            size_t stop = e ? (size_t)(e - p) : n;
            out[o++] = '\\';
            memcpy(out + o, p + i, stop - i);
            o += stop - i;
            i = stop - 1;
        } else {
            out[o++] = '\\';
            out[o++] = c;
        }
    }
    out[o] = 0;
    *outlen = o;
    return out;
}

int tok_add_split(zc_tokenizer *t, const char *pattern, size_t len, int literal, int behavior,
                  int invert, char *err, size_t errlen)
{
    if (t->n_steps == sizeof t->steps / sizeof t->steps[0]) {
        snprintf(err, errlen, "too many pre-tokenizer steps");
        return -1;
    }
    int code;
    PCRE2_SIZE off;
    uint32_t opts = PCRE2_UTF | (literal ? PCRE2_LITERAL : PCRE2_UCP);
    size_t plen = len;
    char *rewritten = literal ? NULL : onig_whitespace(pattern, len, &plen);
    if (!literal && !rewritten) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)(literal ? pattern : rewritten), plen, opts, &code,
                                   &off, NULL);
    free(rewritten);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(err, errlen, "pre-tokenizer regex does not compile at offset %zu: %s",
                 (size_t)off, (char *)msg);
        return -1;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* optional: falls back to the interpreter */
    tok_pretok_step *s = &t->steps[t->n_steps++];
    memset(s, 0, sizeof *s);
    s->re = re;
    s->behavior = behavior;
    s->invert = invert;
    return 0;
}

int tok_add_prefix_space_step(zc_tokenizer *t, char *err, size_t errlen)
{
    if (t->n_steps == sizeof t->steps / sizeof t->steps[0]) {
        snprintf(err, errlen, "too many pre-tokenizer steps");
        return -1;
    }
    tok_pretok_step *s = &t->steps[t->n_steps++];
    memset(s, 0, sizeof *s);
    s->add_prefix_space = 1;
    return 0;
}

/* Id of "<0xXX>" tokens (byte_fallback) and of the byte-level characters. */
int tok_finish(zc_tokenizer *t, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    t->size = t->n_ids;
    while (t->size > 0 && !t->tok_str[t->size - 1])
        t->size--;
    for (int b = 0; b < 256; b++) {
        char buf[8];
        size_t n = tok_utf8_encode(tok_byte_to_cp((unsigned char)b), buf);
        t->byte_ids[b] = tok_strmap_get(&t->vocab, buf, n);
        snprintf(buf, sizeof buf, "<0x%02X>", b);
        t->fallback_ids[b] = tok_strmap_get(&t->vocab, buf, 6);
    }
    return 0;
}
