/* tokenizer_load_json.c: reads a Hugging Face tokenizer.json (model BPE with vocab and merges in
 * either form, added_tokens, normalizer, pre_tokenizer, decoder) into a zc_tokenizer. Parts the
 * tokenizer cannot honour are refused with a message rather than silently ignored. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer_internal.h"

#define MSG 256

static const char *type_of(json_t *obj)
{
    json_t *ty = json_object_get(obj, "type");
    return json_is_string(ty) ? json_string_value(ty) : NULL;
}

/* Boolean member with a default; -1 if present but not a boolean. */
static int get_bool(json_t *obj, const char *key, int dflt)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return dflt;
    if (!json_is_boolean(v))
        return -1;
    return json_is_true(v);
}

static int parse_vocab(zc_tokenizer *t, json_t *vocab, char *msg)
{
    if (!json_is_object(vocab)) {
        snprintf(msg, MSG, "model.vocab is missing or not an object");
        return -1;
    }
    const char *key;
    json_t *val;
    json_object_foreach(vocab, key, val) {
        if (!json_is_integer(val)) {
            snprintf(msg, MSG, "model.vocab entry '%.40s' is not an integer id", key);
            return -1;
        }
        json_int_t id = json_integer_value(val);
        if (id < 0 || id > INT32_MAX) {
            snprintf(msg, MSG, "model.vocab entry '%.40s' has id %lld out of range", key,
                     (long long)id);
            return -1;
        }
        if (tok_add_vocab(t, key, strlen(key), (int32_t)id, msg, MSG) < 0)
            return -1;
    }
    return 0;
}

/* One merge: "a b" (exactly one space) or ["a", "b"]. */
static int parse_merge(zc_tokenizer *t, json_t *m, int32_t rank, char *msg)
{
    if (json_is_string(m)) {
        const char *s = json_string_value(m);
        size_t n = json_string_length(m);
        const char *sp = memchr(s, ' ', n);
        if (!sp || sp == s || sp == s + n - 1 || memchr(sp + 1, ' ', n - (size_t)(sp - s) - 1)) {
            snprintf(msg, MSG, "model.merges[%ld] is not of the form \"a b\"", (long)rank);
            return -1;
        }
        return tok_add_merge(t, s, (size_t)(sp - s), sp + 1, n - (size_t)(sp - s) - 1, rank, msg,
                             MSG);
    }
    if (json_is_array(m) && json_array_size(m) == 2 && json_is_string(json_array_get(m, 0)) &&
        json_is_string(json_array_get(m, 1))) {
        json_t *a = json_array_get(m, 0), *b = json_array_get(m, 1);
        return tok_add_merge(t, json_string_value(a), json_string_length(a), json_string_value(b),
                             json_string_length(b), rank, msg, MSG);
    }
    snprintf(msg, MSG, "model.merges[%ld] is neither \"a b\" nor [\"a\", \"b\"]", (long)rank);
    return -1;
}

static int parse_empty_string_option(json_t *model, const char *key, char *msg)
{
    json_t *v = json_object_get(model, key);
    if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
        return 0;
    snprintf(msg, MSG, "model.%s is not supported (only null or \"\")", key);
    return -1;
}

static int parse_model(zc_tokenizer *t, json_t *model, char *msg)
{
    if (!json_is_object(model)) {
        snprintf(msg, MSG, "\"model\" is missing or not an object");
        return -1;
    }
    const char *ty = type_of(model);
    if (ty && strcmp(ty, "BPE") != 0) {
        snprintf(msg, MSG, "model type '%.40s' is not supported (only BPE)", ty);
        return -1;
    }
    json_t *dropout = json_object_get(model, "dropout");
    if (dropout && !json_is_null(dropout) &&
        !(json_is_number(dropout) && json_number_value(dropout) == 0.0)) {
        snprintf(msg, MSG, "model.dropout is not supported (only null)");
        return -1;
    }
    if (parse_empty_string_option(model, "continuing_subword_prefix", msg) < 0 ||
        parse_empty_string_option(model, "end_of_word_suffix", msg) < 0)
        return -1;
    t->fuse_unk = get_bool(model, "fuse_unk", 0);
    t->byte_fallback = get_bool(model, "byte_fallback", 0);
    t->ignore_merges = get_bool(model, "ignore_merges", 0);
    if (t->fuse_unk < 0 || t->byte_fallback < 0 || t->ignore_merges < 0) {
        snprintf(msg, MSG, "model.fuse_unk/byte_fallback/ignore_merges must be booleans");
        return -1;
    }
    if (parse_vocab(t, json_object_get(model, "vocab"), msg) < 0)
        return -1;
    json_t *unk = json_object_get(model, "unk_token");
    if (json_is_string(unk))
        t->unk_id = tok_strmap_get(&t->vocab, json_string_value(unk), json_string_length(unk));
    json_t *merges = json_object_get(model, "merges");
    if (!json_is_array(merges)) {
        snprintf(msg, MSG, "model.merges is missing or not an array");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(merges); i++)
        if (parse_merge(t, json_array_get(merges, i), (int32_t)i, msg) < 0)
            return -1;
    return 0;
}

static int parse_added(zc_tokenizer *t, json_t *arr, char *msg)
{
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr)) {
        snprintf(msg, MSG, "added_tokens is not an array");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i);
        json_t *id = json_object_get(e, "id"), *content = json_object_get(e, "content");
        if (!json_is_integer(id) || !json_is_string(content) || json_integer_value(id) < 0 ||
            json_integer_value(id) > INT32_MAX) {
            snprintf(msg, MSG, "added_tokens[%zu] needs an integer \"id\" >= 0 and a string "
                     "\"content\"", i);
            return -1;
        }
        tok_added a = {0};
        a.content = (char *)json_string_value(content);
        a.len = json_string_length(content);
        a.id = (int32_t)json_integer_value(id);
        a.special = get_bool(e, "special", 0);
        a.lstrip = get_bool(e, "lstrip", 0);
        a.rstrip = get_bool(e, "rstrip", 0);
        a.single_word = get_bool(e, "single_word", 0);
        a.normalized = get_bool(e, "normalized", a.special == 1 ? 0 : 1);
        if (a.special < 0 || a.lstrip < 0 || a.rstrip < 0 || a.single_word < 0 || a.normalized < 0) {
            snprintf(msg, MSG, "added_tokens[%zu] has a flag that is not a boolean", i);
            return -1;
        }
        if (tok_add_added(t, &a, msg, MSG) < 0)
            return -1;
    }
    return 0;
}

static int parse_normalizer(zc_tokenizer *t, json_t *n, char *msg, int depth)
{
    if (!n || json_is_null(n))
        return 0;
    const char *ty = type_of(n);
    if (!ty) {
        snprintf(msg, MSG, "normalizer has no \"type\"");
        return -1;
    }
    if (!strcmp(ty, "Sequence") && depth < 4) {
        json_t *list = json_object_get(n, "normalizers");
        if (!json_is_array(list)) {
            snprintf(msg, MSG, "normalizer Sequence has no \"normalizers\" array");
            return -1;
        }
        for (size_t i = 0; i < json_array_size(list); i++)
            if (parse_normalizer(t, json_array_get(list, i), msg, depth + 1) < 0)
                return -1;
        return 0;
    }
    int kind = !strcmp(ty, "NFC") ? TOK_NORM_NFC : !strcmp(ty, "NFD") ? TOK_NORM_NFD
             : !strcmp(ty, "NFKC") ? TOK_NORM_NFKC : !strcmp(ty, "NFKD") ? TOK_NORM_NFKD : 0;
    if (!kind) {
        snprintf(msg, MSG, "normalizer type '%.40s' is not supported (NFC, NFD, NFKC, NFKD, "
                 "Sequence)", ty);
        return -1;
    }
    if (t->n_norms == sizeof t->norms / sizeof t->norms[0]) {
        snprintf(msg, MSG, "too many normalizers");
        return -1;
    }
    t->norms[t->n_norms++] = kind;
    return 0;
}

static int parse_behavior(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "Removed"))
        return TOK_SPLIT_REMOVED;
    if (!strcmp(s, "Isolated"))
        return TOK_SPLIT_ISOLATED;
    if (!strcmp(s, "MergedWithPrevious"))
        return TOK_SPLIT_MERGED_WITH_PREVIOUS;
    if (!strcmp(s, "MergedWithNext"))
        return TOK_SPLIT_MERGED_WITH_NEXT;
    if (!strcmp(s, "Contiguous"))
        return TOK_SPLIT_CONTIGUOUS;
    return -1;
}

static int parse_split(zc_tokenizer *t, json_t *p, char *msg)
{
    json_t *pat = json_object_get(p, "pattern");
    json_t *re = json_object_get(pat, "Regex"), *str = json_object_get(pat, "String");
    json_t *b = json_object_get(p, "behavior");
    int behavior = parse_behavior(json_is_string(b) ? json_string_value(b) : NULL);
    int invert = get_bool(p, "invert", 0);
    if ((!json_is_string(re) && !json_is_string(str)) || behavior < 0 || invert < 0) {
        snprintf(msg, MSG, "Split pre-tokenizer needs pattern {\"Regex\"|\"String\": ...}, "
                 "a known behavior and a boolean invert");
        return -1;
    }
    json_t *s = json_is_string(re) ? re : str;
    return tok_add_split(t, json_string_value(s), json_string_length(s), !json_is_string(re),
                         behavior, invert, msg, MSG);
}

static int parse_pretok(zc_tokenizer *t, json_t *p, char *msg, int depth)
{
    if (!p || json_is_null(p))
        return 0;
    const char *ty = type_of(p);
    if (!ty) {
        snprintf(msg, MSG, "pre_tokenizer has no \"type\"");
        return -1;
    }
    if (!strcmp(ty, "Sequence") && depth < 4) {
        json_t *list = json_object_get(p, "pretokenizers");
        if (!json_is_array(list)) {
            snprintf(msg, MSG, "pre_tokenizer Sequence has no \"pretokenizers\" array");
            return -1;
        }
        for (size_t i = 0; i < json_array_size(list); i++)
            if (parse_pretok(t, json_array_get(list, i), msg, depth + 1) < 0)
                return -1;
        return 0;
    }
    if (!strcmp(ty, "Split"))
        return parse_split(t, p, msg);
    if (!strcmp(ty, "ByteLevel")) {
        int prefix = get_bool(p, "add_prefix_space", 1);
        int use_regex = get_bool(p, "use_regex", 1);
        if (prefix < 0 || use_regex < 0) {
            snprintf(msg, MSG, "ByteLevel pre-tokenizer flags must be booleans");
            return -1;
        }
        t->byte_level = 1;
        if (prefix && tok_add_prefix_space_step(t, msg, MSG) < 0)
            return -1;
        if (use_regex)
            return tok_add_split(t, TOK_GPT2_PATTERN, strlen(TOK_GPT2_PATTERN), 0,
                                 TOK_SPLIT_ISOLATED, 0, msg, MSG);
        return 0;
    }
    snprintf(msg, MSG, "pre_tokenizer type '%.40s' is not supported (Split, ByteLevel, Sequence)",
             ty);
    return -1;
}

static int parse_decoder(zc_tokenizer *t, json_t *d, char *msg)
{
    if (!d || json_is_null(d))
        return 0;
    const char *ty = type_of(d);
    if (ty && !strcmp(ty, "ByteLevel")) {
        t->decoder_byte_level = 1;
        return 0;
    }
    snprintf(msg, MSG, "decoder type '%.40s' is not supported (only ByteLevel or null)",
             ty ? ty : "(none)");
    return -1;
}

zc_tokenizer *tok_load_json_text(const char *text, size_t len, const char *name, char *err,
                                 size_t errlen)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_ALLOW_NUL, &je);
    if (!root) {
        snprintf(err, errlen, "%s: invalid JSON at line %d column %d: %s", name, je.line,
                 je.column, je.text);
        return NULL;
    }
    char msg[MSG] = "";
    zc_tokenizer *t = NULL;
    if (!json_is_object(root)) {
        snprintf(msg, MSG, "the top level is not a JSON object");
        goto fail;
    }
    t = tok_new();
    if (!t) {
        snprintf(msg, MSG, "out of memory");
        goto fail;
    }
    if (parse_model(t, json_object_get(root, "model"), msg) < 0 ||
        parse_added(t, json_object_get(root, "added_tokens"), msg) < 0 ||
        parse_normalizer(t, json_object_get(root, "normalizer"), msg, 0) < 0 ||
        parse_pretok(t, json_object_get(root, "pre_tokenizer"), msg, 0) < 0 ||
        parse_decoder(t, json_object_get(root, "decoder"), msg) < 0 || tok_finish(t, msg, MSG) < 0)
        goto fail;
    json_decref(root);
    return t;
fail:
    snprintf(err, errlen, "%s: %s", name, msg);
    zc_tokenizer_free(t);
    json_decref(root);
    return NULL;
}
