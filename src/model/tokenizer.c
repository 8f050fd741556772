/* tokenizer.c: loading a tokenizer from a checkpoint folder or a tokenizer.json file, freeing it,
 * and looking tokens up. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tokenizer_internal.h"

/* Messages stay on one line whatever a file name or token holds. */
static void one_line(char *err)
{
    for (; err && *err; err++)
        if ((unsigned char)*err < 0x20)
            *err = '?';
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

zc_tokenizer *zc_tokenizer_load_json(const char *json, size_t len, const char *name, char *err,
                                     size_t errlen)
{
    char tmp[8];
    if (!err || !errlen)
        err = tmp, errlen = sizeof tmp;
    zc_tokenizer *t = tok_load_json_text(json, len, name ? name : "tokenizer.json", err, errlen);
    one_line(err);
    return t;
}

static zc_tokenizer *load_json_file(const char *path, char *err, size_t errlen)
{
    size_t len;
    char *text = tok_read_file(path, &len, err, errlen);
    if (!text)
        return NULL;
    zc_tokenizer *t = tok_load_json_text(text, len, path, err, errlen);
    free(text);
    return t;
}

zc_tokenizer *zc_tokenizer_load(const char *path, char *err, size_t errlen)
{
    char tmp[8];
    if (!err || !errlen)
        err = tmp, errlen = sizeof tmp;
    err[0] = 0;
    struct stat st;
    zc_tokenizer *t = NULL;
    if (!path || stat(path, &st) != 0) {
        snprintf(err, errlen, "%s: no such file or folder", path ? path : "(null)");
    } else if (!S_ISDIR(st.st_mode)) {
        t = load_json_file(path, err, errlen);
    } else {
        size_t n = strlen(path) + 32;
        char *p = malloc(n), *q = malloc(n);
        if (p && q) {
            snprintf(p, n, "%s/tokenizer.json", path);
            snprintf(q, n, "%s/vocab.json", path);
            if (is_file(p))
                t = load_json_file(p, err, errlen);
            else if (is_file(q))
                t = tok_load_legacy(path, err, errlen);
            else
                snprintf(err, errlen, "%s: no tokenizer.json (nor vocab.json + merges.txt) in "
                         "this folder", path);
        } else {
            snprintf(err, errlen, "%s: out of memory", path);
        }
        free(p);
        free(q);
    }
    one_line(err);
    return t;
}

void zc_tokenizer_free(zc_tokenizer *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_ids; i++)
        free(t->tok_str[i]);
    free(t->tok_str);
    free(t->tok_len);
    free(t->special);
    for (size_t i = 0; i < t->n_added; i++)
        free(t->added[i].content);
    free(t->added);
    tok_strmap_free(&t->vocab);
    tok_strmap_free(&t->added_map);
    tok_pairmap_free(&t->merges);
    for (size_t i = 0; i < t->n_steps; i++)
        pcre2_code_free((pcre2_code *)t->steps[i].re);
    free(t);
}

int zc_tokenizer_token_id(const zc_tokenizer *t, const char *token)
{
    if (!t || !token)
        return -1;
    size_t n = strlen(token);
    int32_t id = tok_strmap_get(&t->added_map, token, n);
    return id >= 0 ? id : tok_strmap_get(&t->vocab, token, n);
}

const char *zc_tokenizer_token_str(const zc_tokenizer *t, int32_t id)
{
    if (!t || id < 0 || (size_t)id >= t->n_ids)
        return NULL;
    return t->tok_str[id];
}

int zc_tokenizer_is_special(const zc_tokenizer *t, int32_t id)
{
    return t && id >= 0 && (size_t)id < t->n_ids && t->special[id];
}

size_t zc_tokenizer_vocab_size(const zc_tokenizer *t)
{
    return t ? t->size : 0;
}
