/* tokenizer_internal.h: data structures shared by the tokenizer_*.c files of zc_model.
 * Not a public header: other modules use tokenizer.h only. */
#ifndef ZC_MODEL_TOKENIZER_INTERNAL_H
#define ZC_MODEL_TOKENIZER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tokenizer.h"

/* ---- hash maps (tokenizer_maps.c) ---- */

/* String (with length, may hold any byte) -> int32 id. Keys are copied. */
typedef struct {
    char **keys;
    uint32_t *lens;
    int32_t *vals;
    size_t cap; /* power of two, 0 when empty */
    size_t count;
} tok_strmap;

int tok_strmap_put(tok_strmap *m, const char *key, size_t len, int32_t val); /* overwrites; -1 OOM */
int32_t tok_strmap_get(const tok_strmap *m, const char *key, size_t len);    /* -1 if absent */
void tok_strmap_free(tok_strmap *m);

/* Pair of ids -> (merge rank, merged id). */
typedef struct {
    uint64_t *keys; /* (left << 32) | right; UINT64_MAX marks a free slot */
    int32_t *ranks;
    int32_t *merged;
    size_t cap;
    size_t count;
} tok_pairmap;

int tok_pairmap_put(tok_pairmap *m, int32_t left, int32_t right, int32_t rank, int32_t merged);
/* 1 and fills rank/merged when present, else 0. */
int tok_pairmap_get(const tok_pairmap *m, int32_t left, int32_t right, int32_t *rank,
                    int32_t *merged);
void tok_pairmap_free(tok_pairmap *m);

/* ---- UTF-8 and byte-level helpers (tokenizer_utf8.c) ---- */

/* Length of the valid UTF-8 sequence starting at s[0] (1..4), or 0 if the bytes at s (n of them)
 * do not start a valid sequence; *bad receives the length of the maximal invalid subpart then
 * (what one U+FFFD replaces), and 0 when the bytes are a valid but truncated prefix and n is
 * too short to tell (only when allow_partial). */
size_t tok_utf8_seq(const unsigned char *s, size_t n, size_t *bad, int allow_partial);
/* Copy of s with every maximal invalid subpart replaced by U+FFFD (EF BF BD), NUL-terminated.
 * Returns NULL on OOM; *outlen receives the length. */
char *tok_utf8_repair(const char *s, size_t n, size_t *outlen);
/* Decodes one code point of valid UTF-8 at s; returns its byte length. */
size_t tok_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t tok_utf8_encode(int32_t cp, char *out);
/* 1 if cp has the Unicode White_Space property. */
int tok_is_whitespace(int32_t cp);
/* 1 if cp is a letter, a number or '_' (word character for single_word added tokens). */
int tok_is_word_char(int32_t cp);
/* GPT-2 bytes_to_unicode: code point standing for byte b, and the reverse (-1 if none). */
int32_t tok_byte_to_cp(unsigned char b);
int tok_cp_to_byte(int32_t cp);

/* ---- growable buffers ---- */
typedef struct {
    int32_t *v;
    size_t n, cap;
} tok_ids;
int tok_ids_push(tok_ids *a, int32_t id); /* -1 OOM */

/* ---- the tokenizer ---- */

enum tok_norm { TOK_NORM_NFC = 1, TOK_NORM_NFD, TOK_NORM_NFKC, TOK_NORM_NFKD };

enum tok_behavior {
    TOK_SPLIT_REMOVED,
    TOK_SPLIT_ISOLATED,
    TOK_SPLIT_MERGED_WITH_PREVIOUS,
    TOK_SPLIT_MERGED_WITH_NEXT,
    TOK_SPLIT_CONTIGUOUS
};

/* One pre-tokenizer step: a regex Split, or the ByteLevel add_prefix_space step. */
typedef struct {
    void *re;          /* pcre2_code_8 *; NULL for a prefix-space step */
    void *match_data;  /* not used concurrently: created per call */
    int behavior;      /* enum tok_behavior */
    int invert;
    int add_prefix_space;
} tok_pretok_step;

typedef struct {
    char *content;
    size_t len;
    int32_t id;
    int lstrip, rstrip, single_word, normalized, special;
} tok_added;

struct zc_tokenizer {
    /* id -> token string (NULL for ids no token has) */
    char **tok_str;
    uint32_t *tok_len;
    uint8_t *special; /* 1 for special added tokens */
    size_t n_ids;  /* capacity of the arrays above */
    size_t size;   /* one past the largest id with a token (tok_finish) */

    tok_strmap vocab;  /* model vocabulary */
    tok_strmap added_map; /* added token content -> id */
    tok_pairmap merges;

    tok_added *added;
    size_t n_added;

    int norms[8];
    size_t n_norms;

    tok_pretok_step steps[8];
    size_t n_steps;

    int byte_level;        /* ByteLevel pre-tokenizer present: BPE runs on mapped bytes */
    int decoder_byte_level;
    int32_t byte_ids[256]; /* id of the byte-level char of each byte, -1 if none */
    int32_t fallback_ids[256]; /* <0xXX> ids for byte_fallback, -1 if none */
    int32_t unk_id;
    int fuse_unk, byte_fallback, ignore_merges;
};

/* Building (tokenizer_build.c). All return 0 ok, -1 with a message in err (without the file name
 * prefix: the caller adds it). */
zc_tokenizer *tok_new(void);
int tok_set_token(zc_tokenizer *t, int32_t id, const char *s, size_t len, char *err, size_t errlen);
int tok_add_vocab(zc_tokenizer *t, const char *s, size_t len, int32_t id, char *err, size_t errlen);
int tok_add_merge(zc_tokenizer *t, const char *a, size_t alen, const char *b, size_t blen,
                  int32_t rank, char *err, size_t errlen);
int tok_add_added(zc_tokenizer *t, const tok_added *a, char *err, size_t errlen);
int tok_add_split(zc_tokenizer *t, const char *pattern, size_t len, int literal, int behavior,
                  int invert, char *err, size_t errlen);
int tok_add_prefix_space_step(zc_tokenizer *t, char *err, size_t errlen);
int tok_finish(zc_tokenizer *t, char *err, size_t errlen);

/* The Qwen2 pre-tokenizer regex and the GPT-2 one (ByteLevel use_regex). */
extern const char TOK_QWEN2_PATTERN[];
extern const char TOK_GPT2_PATTERN[];

/* Loaders (tokenizer_load_json.c, tokenizer_load_legacy.c): name is used in messages. */
zc_tokenizer *tok_load_json_text(const char *text, size_t len, const char *name, char *err,
                                 size_t errlen);
zc_tokenizer *tok_load_legacy(const char *dir, char *err, size_t errlen);
/* Reads a whole file (NUL-terminated); NULL with a message naming it on failure. */
char *tok_read_file(const char *path, size_t *len, char *err, size_t errlen);

/* Pipeline pieces. */
/* Normalizes valid UTF-8 text; malloc'd result (NUL-terminated) or NULL on OOM/invalid. */
char *tok_normalize(const zc_tokenizer *t, const char *s, size_t n, size_t *outlen);
/* Calls fn(piece) for every pre-token of valid UTF-8 text s; returns -1 if fn fails or OOM. */
typedef int (*tok_piece_fn)(void *ctx, const char *s, size_t n);
int tok_pretokenize(const zc_tokenizer *t, const char *s, size_t n, tok_piece_fn fn, void *ctx);
/* Byte-level BPE of one pre-token; ids appended to out. -1 on OOM. */
int tok_bpe(const zc_tokenizer *t, const char *s, size_t n, tok_ids *out);
/* Splits text on added tokens of one kind (normalized == 0 or 1). For each piece calls text_fn
 * (plain text) or appends the added token's id to out. */
int tok_split_added(const zc_tokenizer *t, const char *s, size_t n, int normalized,
                    tok_piece_fn text_fn, void *ctx, tok_ids *out);

#endif
