/* tokenizer.h: the byte-level BPE tokenizer of Qwen2/Qwen3(-VL) checkpoints, loaded from a
 * Hugging Face tokenizer.json (or vocab.json + merges.txt + tokenizer_config.json). This header
 * is the only way into the tokenizer; see docs/model-tokenizer.md for the exact behaviour. */
#ifndef ZC_MODEL_TOKENIZER_H
#define ZC_MODEL_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>

typedef struct zc_tokenizer zc_tokenizer;

/* Load from a checkpoint folder (tokenizer.json, else vocab.json + merges.txt with added tokens
 * from tokenizer_config.json) or from a tokenizer.json file path. On failure returns NULL and
 * writes a one-line message naming the file into err (if err != NULL). */
zc_tokenizer *zc_tokenizer_load(const char *path, char *err, size_t errlen);
/* The same from the text of a tokenizer.json held in memory; name is used in messages. */
zc_tokenizer *zc_tokenizer_load_json(const char *json, size_t len, const char *name, char *err,
                                     size_t errlen);
void zc_tokenizer_free(zc_tokenizer *t);

/* Encode len bytes of text. Added tokens (special or not) are matched first (longest match),
 * the rest goes through NFC, the pre-tokenizer regex and byte-level BPE. *ids is malloc'd (free
 * it); *n receives its length. Invalid UTF-8 in text is not an error: each invalid byte is
 * replaced by U+FFFD before normalization. Returns 0 ok, -1 error (message in err). */
int zc_tokenizer_encode(const zc_tokenizer *t, const char *text, size_t len, int32_t **ids,
                        size_t *n, char *err, size_t errlen);

/* Id of a token by its exact vocabulary string (regular or added), or -1 if none. */
int zc_tokenizer_token_id(const zc_tokenizer *t, const char *token);
/* Vocabulary string of an id (byte-level form for regular tokens), or NULL if out of range. */
const char *zc_tokenizer_token_str(const zc_tokenizer *t, int32_t id);
/* 1 if id is an added token marked special, else 0. */
int zc_tokenizer_is_special(const zc_tokenizer *t, int32_t id);
/* One past the largest id (regular or added) known to the tokenizer. */
size_t zc_tokenizer_vocab_size(const zc_tokenizer *t);

/* Decode ids to a malloc'd NUL-terminated UTF-8 string. Special added tokens are dropped when
 * skip_special != 0. Byte sequences that are not valid UTF-8 become U+FFFD (as HF's
 * errors="replace"). Unknown ids are skipped. Returns NULL only when out of memory. */
char *zc_tokenizer_decode(const zc_tokenizer *t, const int32_t *ids, size_t n, int skip_special);
/* The same, with the length in *len (the text may hold NUL bytes when a token stands for one). */
char *zc_tokenizer_decode_n(const zc_tokenizer *t, const int32_t *ids, size_t n, int skip_special,
                            size_t *len);

/* Streaming decoder: push ids one at a time, get the UTF-8 that is complete so far; bytes of
 * an unfinished UTF-8 sequence are held back until the next push or flush. Special added tokens
 * are emitted as their text unless zc_detok_new_opts(t, 1) was used. */
typedef struct zc_detok zc_detok;
zc_detok *zc_detok_new(const zc_tokenizer *t);
zc_detok *zc_detok_new_opts(const zc_tokenizer *t, int skip_special);
/* Writes at most cap bytes (no NUL; cap >= 4 so that any character fits) to out and returns the
 * count; bytes that do not fit are kept and returned by later calls (push id -1 to drain: an
 * id < 0 adds nothing). */
size_t zc_detok_push(zc_detok *d, int32_t id, char *out, size_t cap);
/* Emits what is held back; an incomplete trailing sequence becomes U+FFFD. */
size_t zc_detok_flush(zc_detok *d, char *out, size_t cap);
void zc_detok_free(zc_detok *d);

#endif
