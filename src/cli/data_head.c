/* data_head.c: `zerocad data head FILE [-n N] [--columns a,b] [--binary base64]`: the first rows
 * of a parquet file as JSON lines. Scalars as JSON values, null as null, strings as strings, other
 * binaries as {"bytes": N, "kind": "png"|"step"|"stl"|"text"|"binary"} (or base64 text on request).
 * Reads only the selected columns of the row groups it prints. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data_commands.h"
#include "parquet.h"

static void head_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad data head FILE [-n N] [--columns a,b,...] [--binary summary|base64]\n"
            "\n"
            "Prints the first N rows (default 5) of FILE as one JSON object per line, keyed by column\n"
            "(nested columns by their dotted leaf path, lists as arrays). Binary values are shown as\n"
            "{\"bytes\": N, \"kind\": \"png|step|stl|text|binary\"} unless --binary base64.\n"
            "\n"
            "  -n N               rows to print (default 5)\n"
            "  -c, --columns L    comma-separated column names (a name selects its nested leaves)\n"
            "  -b, --binary M     summary (default) or base64\n"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0 ok; 1 unreadable or malformed file; 2 bad usage.\n");
}

static const char *binary_kind(const uint8_t *p, size_t n)
{
    if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) return "png";
    if (n >= 12 && !memcmp(p, "ISO-10303-21", 12)) return "step";
    if (n >= 5 && !memcmp(p, "solid", 5)) return "stl";
    if (n >= 84) {
        uint32_t count;
        memcpy(&count, p + 80, 4);
        if ((uint64_t)count * 50 + 84 == n) return "stl";
    }
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t') return "binary";
    json_t *s = json_stringn((const char *)p, n);       /* NULL when not UTF-8 */
    json_decref(s);
    return s ? "text" : "binary";
}

static json_t *base64(const uint8_t *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = malloc((n + 2) / 3 * 4 + 1);
    if (!out) return json_null();
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
        out[o++] = tab[v >> 18 & 63];
        out[o++] = tab[v >> 12 & 63];
        out[o++] = i + 1 < n ? tab[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? tab[v & 63] : '=';
    }
    json_t *j = json_stringn(out, o);
    free(out);
    return j;
}

static json_t *number(double d)
{
    return isfinite(d) ? json_real(d) : json_null();
}

static json_t *value_json(const pq_column *pc, const pq_chunk *c, int64_t v, int b64)
{
    int32_t i32;
    int64_t i64;
    float f;
    double d;
    switch (pc->physical) {
    case PQ_BOOLEAN: return json_boolean(c->fixed[v]);
    case PQ_INT32: memcpy(&i32, c->fixed + v * 4, 4); return json_integer(i32);
    case PQ_INT64: memcpy(&i64, c->fixed + v * 8, 8); return json_integer(i64);
    case PQ_FLOAT: memcpy(&f, c->fixed + v * 4, 4); return number(f);
    case PQ_DOUBLE: memcpy(&d, c->fixed + v * 8, 8); return number(d);
    default: break;
    }
    const pq_bytes *b = &c->bytes[v];
    if (pc->is_string) {
        json_t *s = json_stringn((const char *)b->ptr, b->len);
        if (s) return s;
    }
    if (b64) return base64(b->ptr, b->len);
    return json_pack("{s:I, s:s}", "bytes", (json_int_t)b->len, "kind", binary_kind(b->ptr, b->len));
}

static json_t *cell_json(const pq_column *pc, const pq_chunk *c, const pq_row_index *ix, int64_t r, int b64)
{
    int64_t i = ix->level[r], end = ix->level[r + 1], v = ix->value[r];
    if (pc->max_rep == 0)
        return c->def && c->def[i] != pc->max_def ? json_null() : value_json(pc, c, v, b64);
    if (pc->max_rep > 1 || c->def[i] < pc->list_def - 1)
        return json_null();
    json_t *arr = json_array();
    if (c->def[i] >= pc->list_def)
        for (; i < end; i++)
            json_array_append_new(arr, c->def[i] == pc->max_def ? value_json(pc, c, v++, b64) : json_null());
    return arr;
}

/* Marks the leaves selected by the comma-separated list (NULL: all). -1 + message if unknown. */
static int select_columns(pq_file *f, const char *list, char *sel)
{
    int n = pq_num_columns(f);
    memset(sel, list ? 0 : 1, (size_t)n);
    if (!list) return 0;
    char *copy = strdup(list), *save = NULL;
    int rc = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t l = strlen(tok);
        int found = 0;
        for (int c = 0; c < n; c++) {
            const char *p = pq_column_at(f, c)->path;
            if (!strcmp(p, tok) || (!strncmp(p, tok, l) && p[l] == '.')) {
                sel[c] = 1;
                found = 1;
            }
        }
        if (!found) {
            fprintf(stderr, "zerocad data head: %s: no column '%s'\n", pq_path(f), tok);
            rc = -1;
        }
    }
    free(copy);
    return rc;
}

static int print_rows(pq_file *f, const char *sel, int64_t limit, int b64)
{
    int n = pq_num_columns(f);
    pq_chunk *chunks = calloc((size_t)n, sizeof *chunks);
    pq_row_index *ix = calloc((size_t)n, sizeof *ix);
    char err[1024];
    int64_t printed = 0;
    int rc = 0;
    for (int g = 0; g < pq_num_row_groups(f) && printed < limit && rc == 0; g++) {
        int64_t rows = pq_row_group_rows(f, g);
        for (int c = 0; c < n && rc == 0; c++) {
            if (!sel[c]) continue;
            if (pq_read_chunk(f, g, c, &chunks[c], err, sizeof err) < 0) rc = -1;
            else if (pq_index_rows(pq_column_at(f, c), &chunks[c], rows, &ix[c]) < 0) {
                snprintf(err, sizeof err, "%s: column %s does not hold its row group's rows", pq_path(f),
                         pq_column_at(f, c)->path);
                rc = -1;
            }
        }
        for (int64_t r = 0; rc == 0 && r < rows && printed < limit; r++, printed++) {
            json_t *obj = json_object();
            for (int c = 0; c < n; c++)
                if (sel[c])
                    json_object_set_new(obj, pq_column_at(f, c)->path, cell_json(pq_column_at(f, c), &chunks[c], &ix[c], r, b64));
            char *s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (s) puts(s);
            free(s);
            json_decref(obj);
        }
        for (int c = 0; c < n; c++) {
            pq_chunk_free(&chunks[c]);
            pq_row_index_free(&ix[c]);
        }
    }
    if (rc < 0) fprintf(stderr, "zerocad data head: %s\n", err);
    free(chunks);
    free(ix);
    return rc;
}

int data_head(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"columns", required_argument, NULL, 'c'}, {"binary", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    long limit = 5;
    const char *columns = NULL;
    int b64 = 0, opt;
    char *end;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "n:c:b:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'n':
            limit = strtol(optarg, &end, 10);
            if (*end || end == optarg || limit < 0) { fprintf(stderr, "zerocad data head: bad -n '%s'\n", optarg); return 2; }
            break;
        case 'c': columns = optarg; break;
        case 'b':
            if (!strcmp(optarg, "base64")) b64 = 1;
            else if (strcmp(optarg, "summary")) { fprintf(stderr, "zerocad data head: --binary is summary or base64\n"); return 2; }
            break;
        case 'h': head_usage(stdout); return 0;
        default: head_usage(stderr); return 2;
        }
    }
    if (optind + 1 != argc) {
        head_usage(stderr);
        return 2;
    }
    char err[1024];
    pq_file *f = pq_open(argv[optind], err, sizeof err);
    if (!f) {
        fprintf(stderr, "zerocad data head: %s\n", err);
        return 1;
    }
    char *sel = malloc((size_t)pq_num_columns(f) + 1);
    int status;
    if (!sel) {
        fprintf(stderr, "zerocad data head: out of memory\n");
        status = 1;
    } else if (select_columns(f, columns, sel) < 0) {
        status = 2;
    } else {
        status = print_rows(f, sel, limit, b64) == 0 ? 0 : 1;
    }
    free(sel);
    pq_close(f);
    return status;
}
