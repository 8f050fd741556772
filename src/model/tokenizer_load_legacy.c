/* tokenizer_load_legacy.c: builds the tokenizer from the "slow" files of a Qwen2-family folder
 * (vocab.json + merges.txt, added tokens from tokenizer_config.json's added_tokens_decoder) when
 * no tokenizer.json is present, with the pipeline transformers' Qwen2 converter produces: NFC,
 * the Qwen2 Split regex (Isolated), ByteLevel without prefix space or regex, ByteLevel decoder. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer_internal.h"

#define MSG 256

char *tok_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *nb = cap < ((size_t)1 << 31) ? realloc(buf, cap * 2 + 1) : NULL;
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        snprintf(err, errlen, "%s: cannot read (%s)", path, bad ? "I/O error" : "out of memory");
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static json_t *load_json_file(const char *path, int optional, int *missing, char *err,
                              size_t errlen)
{
    *missing = 0;
    FILE *probe = fopen(path, "rb");
    if (!probe && optional) {
        *missing = 1;
        return NULL;
    }
    if (probe)
        fclose(probe);
    size_t len;
    char *text = tok_read_file(path, &len, err, errlen);
    if (!text)
        return NULL;
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    free(text);
    if (!root)
        snprintf(err, errlen, "%s: invalid JSON at line %d column %d: %s", path, je.line,
                 je.column, je.text);
    else if (!json_is_object(root)) {
        snprintf(err, errlen, "%s: the top level is not a JSON object", path);
        json_decref(root);
        root = NULL;
    }
    return root;
}

static int load_vocab(zc_tokenizer *t, const char *path, char *err, size_t errlen)
{
    int missing;
    json_t *root = load_json_file(path, 0, &missing, err, errlen);
    if (!root)
        return -1;
    const char *key;
    json_t *val;
    char msg[MSG];
    json_object_foreach(root, key, val) {
        json_int_t id = json_is_integer(val) ? json_integer_value(val) : -1;
        if (id < 0 || id > INT32_MAX) {
            snprintf(err, errlen, "%s: entry '%.40s' is not an integer id >= 0", path, key);
            json_decref(root);
            return -1;
        }
        if (tok_add_vocab(t, key, strlen(key), (int32_t)id, msg, MSG) < 0) {
            snprintf(err, errlen, "%s: %s", path, msg);
            json_decref(root);
            return -1;
        }
    }
    json_decref(root);
    return 0;
}

/* merges.txt: one "a b" per line; a first line starting with "#version" and blank lines are
 * skipped; CR before LF is tolerated. */
static int load_merges(zc_tokenizer *t, const char *path, char *err, size_t errlen)
{
    size_t len;
    char *text = tok_read_file(path, &len, err, errlen);
    if (!text)
        return -1;
    char msg[MSG];
    int32_t rank = 0;
    size_t lineno = 0;
    for (char *p = text; p < text + len;) {
        char *eol = memchr(p, '\n', (size_t)(text + len - p));
        if (!eol)
            eol = text + len;
        lineno++;
        size_t n = (size_t)(eol - p);
        if (n && p[n - 1] == '\r')
            n--;
        int skip = n == 0 || (lineno == 1 && n >= 8 && !memcmp(p, "#version", 8));
        if (!skip) {
            char *sp = memchr(p, ' ', n);
            if (!sp || sp == p || sp == p + n - 1 || memchr(sp + 1, ' ', n - (size_t)(sp - p) - 1)) {
                snprintf(err, errlen, "%s: line %zu is not of the form \"a b\"", path, lineno);
                free(text);
                return -1;
            }
            if (tok_add_merge(t, p, (size_t)(sp - p), sp + 1, n - (size_t)(sp - p) - 1, rank++,
                              msg, MSG) < 0) {
                snprintf(err, errlen, "%s: line %zu: %s", path, lineno, msg);
                free(text);
                return -1;
            }
        }
        p = eol + 1;
    }
    free(text);
    return 0;
}

/* tokenizer_config.json: "added_tokens_decoder": {"151643": {"content": ..., flags}}. */
static int load_added(zc_tokenizer *t, const char *path, char *err, size_t errlen)
{
    int missing;
    json_t *root = load_json_file(path, 1, &missing, err, errlen);
    if (!root)
        return missing ? 0 : -1;
    json_t *dec = json_object_get(root, "added_tokens_decoder");
    const char *key;
    json_t *e;
    char msg[MSG];
    int rc = 0;
    json_object_foreach(dec, key, e) {
        char *end;
        long id = strtol(key, &end, 10);
        json_t *content = json_object_get(e, "content");
        if (*end || end == key || id < 0 || id > INT32_MAX || !json_is_string(content)) {
            snprintf(err, errlen, "%s: added_tokens_decoder entry '%.20s' needs a numeric key "
                     "and a string \"content\"", path, key);
            rc = -1;
            break;
        }
        tok_added a = {0};
        a.content = (char *)json_string_value(content);
        a.len = json_string_length(content);
        a.id = (int32_t)id;
        a.special = json_is_true(json_object_get(e, "special"));
        a.lstrip = json_is_true(json_object_get(e, "lstrip"));
        a.rstrip = json_is_true(json_object_get(e, "rstrip"));
        a.single_word = json_is_true(json_object_get(e, "single_word"));
        json_t *norm = json_object_get(e, "normalized");
        a.normalized = json_is_boolean(norm) ? json_is_true(norm) : !a.special;
        if (tok_add_added(t, &a, msg, MSG) < 0) {
            snprintf(err, errlen, "%s: %s", path, msg);
            rc = -1;
            break;
        }
    }
    json_decref(root);
    return rc;
}

zc_tokenizer *tok_load_legacy(const char *dir, char *err, size_t errlen)
{
    size_t dl = strlen(dir);
    char *path = malloc(dl + 32);
    zc_tokenizer *t = tok_new();
    char msg[MSG];
    if (!path || !t) {
        snprintf(err, errlen, "%s: out of memory", dir);
        goto fail;
    }
    snprintf(path, dl + 32, "%s/vocab.json", dir);
    if (load_vocab(t, path, err, errlen) < 0)
        goto fail;
    snprintf(path, dl + 32, "%s/merges.txt", dir);
    if (load_merges(t, path, err, errlen) < 0)
        goto fail;
    snprintf(path, dl + 32, "%s/tokenizer_config.json", dir);
    if (load_added(t, path, err, errlen) < 0)
        goto fail;
    t->norms[t->n_norms++] = TOK_NORM_NFC;
    t->byte_level = 1;
    t->decoder_byte_level = 1;
    if (tok_add_split(t, TOK_QWEN2_PATTERN, strlen(TOK_QWEN2_PATTERN), 0, TOK_SPLIT_ISOLATED, 0,
                      msg, MSG) < 0 ||
        tok_finish(t, msg, MSG) < 0) {
        snprintf(err, errlen, "%s: %s", dir, msg);
        goto fail;
    }
    free(path);
    return t;
fail:
    free(path);
    zc_tokenizer_free(t);
    return NULL;
}
