/* test_tokenizer_cases.c: checks a tokenizer against externally produced expectations: every
 * case's text must encode to exactly the expected ids, and those ids must decode (at once and
 * streamed one id at a time) back to the expected text.
 *   test_tokenizer_cases MODEL --ggml INP OUT     llama.cpp's vocab test files
 *   test_tokenizer_cases MODEL --cases FILE.json  {"cases": [{"text"|"bytes_hex", "ids",
 *                                                  "decoded"?}]} */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer.h"

static int failures;

static void show_ids(const char *label, const int32_t *ids, size_t n)
{
    fprintf(stderr, "  %s:", label);
    for (size_t i = 0; i < n && i < 60; i++)
        fprintf(stderr, " %d", (int)ids[i]);
    fprintf(stderr, n > 60 ? " ...\n" : "\n");
}

/* Streams ids through zc_detok with a small output buffer and returns the concatenation. */
static char *stream_decode(const zc_tokenizer *t, const int32_t *ids, size_t n)
{
    size_t cap = 64, len = 0;
    char *all = malloc(cap);
    char buf[5];
    zc_detok *d = zc_detok_new(t);
    for (size_t i = 0; i <= n; i++) {
        for (int first = 1;; first = 0) {
            size_t got = i < n ? zc_detok_push(d, first ? ids[i] : -1, buf, sizeof buf)
                               : zc_detok_flush(d, buf, sizeof buf);
            if (len + got + 1 > cap)
                all = realloc(all, cap = 2 * (len + got + 1));
            memcpy(all + len, buf, got);
            len += got;
            if (got == 0)
                break;
        }
    }
    zc_detok_free(d);
    all[len] = 0;
    return all;
}

static void check_case(const zc_tokenizer *t, const char *name, const char *text, size_t len,
                       const int32_t *want, size_t nwant, const char *decoded)
{
    int32_t *ids;
    size_t n;
    char err[256];
    if (zc_tokenizer_encode(t, text, len, &ids, &n, err, sizeof err) < 0) {
        fprintf(stderr, "FAIL %s: encode error: %s\n", name, err);
        failures++;
        return;
    }
    if (n != nwant || memcmp(ids, want, n * sizeof *ids) != 0) {
        fprintf(stderr, "FAIL %s: ids differ\n", name);
        show_ids("want", want, nwant);
        show_ids("got ", ids, n);
        failures++;
    }
    char *back = zc_tokenizer_decode(t, want, nwant, 0);
    if (!back || strcmp(back, decoded) != 0) {
        fprintf(stderr, "FAIL %s: decode gives '%s', want '%s'\n", name, back ? back : "(null)",
                decoded);
        failures++;
    }
    char *streamed = stream_decode(t, want, nwant);
    if (!back || strcmp(streamed, back) != 0) {
        fprintf(stderr, "FAIL %s: streamed decode '%s' differs from '%s'\n", name, streamed,
                back ? back : "(null)");
        failures++;
    }
    free(streamed);
    free(back);
    free(ids);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = 0;
        *len = (size_t)n;
    }
    return buf;
}

static int run_ggml(const zc_tokenizer *t, const char *inp_path, const char *out_path)
{
    size_t ilen, olen;
    char *inp = read_all(inp_path, &ilen), *out = read_all(out_path, &olen);
    if (!inp || !out) {
        fprintf(stderr, "cannot read %s or %s\n", inp_path, out_path);
        return -1;
    }
    const char *sep = "\n__ggml_vocab_test__\n";
    char *p = inp, *line = out;
    int count = 0;
    for (char *end; (end = strstr(p, sep)) != NULL; p = end + strlen(sep)) {
        *end = 0;
        char *eol = strchr(line, '\n');
        if (!eol) {
            fprintf(stderr, "%s has fewer lines than %s has cases\n", out_path, inp_path);
            return -1;
        }
        *eol = 0;
        int32_t want[4096];
        size_t nwant = 0;
        for (char *q = line, *e; nwant < 4096; q = e) {
            long v = strtol(q, &e, 10);
            if (e == q)
                break;
            want[nwant++] = (int32_t)v;
        }
        char name[64];
        snprintf(name, sizeof name, "ggml case %d", count);
        check_case(t, name, p, strlen(p), want, nwant, p);
        line = eol + 1;
        count++;
    }
    free(inp);
    free(out);
    printf("%d llama.cpp cases checked\n", count);
    return count > 0 ? 0 : -1;
}

static char *from_hex(const char *hex, size_t *len)
{
    size_t n = strlen(hex) / 2;
    char *b = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        b[i] = (char)v;
    }
    b[n] = 0;
    *len = n;
    return b;
}

static int run_cases(const zc_tokenizer *t, const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    json_t *cases = json_object_get(root, "cases");
    if (!json_is_array(cases)) {
        fprintf(stderr, "%s: no \"cases\" array (%s)\n", path, je.text);
        return -1;
    }
    for (size_t i = 0; i < json_array_size(cases); i++) {
        json_t *c = json_array_get(cases, i), *jids = json_object_get(c, "ids");
        json_t *jtext = json_object_get(c, "text"), *jhex = json_object_get(c, "bytes_hex");
        json_t *jdec = json_object_get(c, "decoded");
        size_t len, nwant = json_array_size(jids);
        char *text = jtext ? strdup(json_string_value(jtext)) : from_hex(json_string_value(jhex), &len);
        if (jtext)
            len = strlen(text);
        int32_t *want = malloc((nwant + 1) * sizeof *want);
        for (size_t k = 0; k < nwant; k++)
            want[k] = (int32_t)json_integer_value(json_array_get(jids, k));
        char name[64];
        snprintf(name, sizeof name, "%s case %zu", path, i);
        check_case(t, name, text, len, want, nwant, jdec ? json_string_value(jdec) : text);
        free(want);
        free(text);
    }
    printf("%zu cases of %s checked\n", json_array_size(cases), path);
    json_decref(root);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s MODEL --ggml INP OUT | --cases FILE.json\n", argv[0]);
        return 2;
    }
    char err[512];
    zc_tokenizer *t = zc_tokenizer_load(argv[1], err, sizeof err);
    if (!t) {
        fprintf(stderr, "load failed: %s\n", err);
        return 1;
    }
    int rc = -1;
    if (!strcmp(argv[2], "--ggml") && argc >= 5)
        rc = run_ggml(t, argv[3], argv[4]);
    else if (!strcmp(argv[2], "--cases"))
        rc = run_cases(t, argv[3]);
    zc_tokenizer_free(t);
    if (rc < 0 || failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("all passed\n");
    return 0;
}
