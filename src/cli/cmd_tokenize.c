/* cmd_tokenize.c: `zerocad tokenize`: text to token ids (or ids back to text) with the tokenizer
 * of a checkpoint folder. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "tokenizer.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad tokenize -m DIR [--json] [-f FILE | TEXT]\n"
            "       zerocad tokenize -m DIR --decode [--skip-special] [--json] IDS\n"
            "\n"
            "Encodes TEXT with the tokenizer of a checkpoint folder and prints the token ids on\n"
            "one line, separated by single spaces. Special tokens written in the text (such as\n"
            "<|im_start|>) become their ids; no BOS/EOS is added. Invalid UTF-8 bytes are read\n"
            "as U+FFFD.\n"
            "\n"
            "  -m, --model DIR   folder with tokenizer.json (or vocab.json + merges.txt +\n"
            "                    tokenizer_config.json), or the path of a tokenizer.json\n"
            "  -f, --file FILE   read the text from FILE ('-' for stdin) instead of TEXT\n"
            "  --json            print JSON: {\"ids\": [...], \"tokens\": [...]} (encode) or\n"
            "                    {\"text\": \"...\"} (decode)\n"
            "  --decode          IDS (comma- or space-separated) are decoded to text, printed\n"
            "                    as it is (no newline added)\n"
            "  --skip-special    with --decode, leave special tokens out\n"
            "  -h, --help        this help\n");
}

static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            return NULL;
        }
        buf = nb;
        cap *= 2;
    }
    *len = n;
    return buf;
}

static int print_encoded(const zc_tokenizer *t, const char *text, size_t len, int as_json)
{
    int32_t *ids;
    size_t n;
    char err[512];
    if (zc_tokenizer_encode(t, text, len, &ids, &n, err, sizeof err) < 0) {
        fprintf(stderr, "zerocad tokenize: %s\n", err);
        return 1;
    }
    if (!as_json) {
        for (size_t i = 0; i < n; i++)
            printf(i ? " %d" : "%d", (int)ids[i]);
        printf("\n");
    } else {
        json_t *root = json_object(), *ja = json_array(), *jt = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(ja, json_integer(ids[i]));
            char *piece = zc_tokenizer_decode(t, &ids[i], 1, 0);
            json_array_append_new(jt, json_string(piece ? piece : ""));
            free(piece);
        }
        json_object_set_new(root, "ids", ja);
        json_object_set_new(root, "tokens", jt);
        char *s = json_dumps(root, JSON_COMPACT);
        printf("%s\n", s ? s : "{}");
        free(s);
        json_decref(root);
    }
    free(ids);
    return 0;
}

static int print_decoded(const zc_tokenizer *t, const char *list, int skip, int as_json)
{
    size_t cap = 16, n = 0;
    int32_t *ids = malloc(cap * sizeof *ids);
    const char *p = list;
    while (ids && *p) {
        if (*p == ',' || *p == ' ' || *p == '\n' || *p == '\t') {
            p++;
            continue;
        }
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 0 || v > INT32_MAX) {
            fprintf(stderr, "zerocad tokenize: '%s' is not a list of token ids\n", list);
            free(ids);
            return 2;
        }
        if (n == cap) {
            int32_t *nv = realloc(ids, (cap *= 2) * sizeof *ids);
            if (!nv)
                break;
            ids = nv;
        }
        ids[n++] = (int32_t)v;
        p = end;
    }
    size_t len = 0;
    char *text = ids ? zc_tokenizer_decode_n(t, ids, n, skip, &len) : NULL;
    free(ids);
    if (!text) {
        fprintf(stderr, "zerocad tokenize: out of memory\n");
        return 1;
    }
    if (as_json) {
        json_t *root = json_pack("{s:s%}", "text", text, len);
        char *s = root ? json_dumps(root, JSON_COMPACT) : NULL;
        printf("%s\n", s ? s : "{}");
        free(s);
        json_decref(root);
    } else {
        fwrite(text, 1, len, stdout);
    }
    free(text);
    return 0;
}

int cmd_tokenize(int argc, char **argv)
{
    const char *model = NULL, *file = NULL, *text = NULL;
    int as_json = 0, decode = 0, skip = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if ((!strcmp(a, "-m") || !strcmp(a, "--model")) && i + 1 < argc) {
            model = argv[++i];
        } else if ((!strcmp(a, "-f") || !strcmp(a, "--file")) && i + 1 < argc) {
            file = argv[++i];
        } else if (!strcmp(a, "--json")) {
            as_json = 1;
        } else if (!strcmp(a, "--decode")) {
            decode = 1;
        } else if (!strcmp(a, "--skip-special")) {
            skip = 1;
        } else if (!strcmp(a, "--")) {
            if (i + 1 < argc && !text)
                text = argv[++i];
        } else if (a[0] == '-' && a[1] != 0 && !text) {
            fprintf(stderr, "zerocad tokenize: unknown option '%s' (try --help)\n", a);
            return 2;
        } else if (!text) {
            text = a;
        } else {
            fprintf(stderr, "zerocad tokenize: one TEXT only (quote it)\n");
            return 2;
        }
    }
    if (!model || (!text && !file) || (text && file) || (decode && file)) {
        usage(stderr);
        return 2;
    }
    char err[512];
    zc_tokenizer *t = zc_tokenizer_load(model, err, sizeof err);
    if (!t) {
        fprintf(stderr, "zerocad tokenize: %s\n", err);
        return 1;
    }
    int rc;
    if (decode) {
        rc = print_decoded(t, text, skip, as_json);
    } else if (file) {
        FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
        size_t len = 0;
        char *buf = f ? read_stream(f, &len) : NULL;
        if (f && f != stdin)
            fclose(f);
        if (!buf) {
            fprintf(stderr, "zerocad tokenize: %s: cannot read\n", file);
            rc = 1;
        } else {
            rc = print_encoded(t, buf, len, as_json);
        }
        free(buf);
    } else {
        rc = print_encoded(t, text, strlen(text), as_json);
    }
    zc_tokenizer_free(t);
    return rc;
}
