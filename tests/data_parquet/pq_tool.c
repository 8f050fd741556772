/* pq_tool.c: test driver of zc_data for tests/data_parquet: writes shards from JSONL rows
 * (so the tests can compare DuckDB's and hyparquet's reading with the rows they generated),
 * dumps every leaf value of any parquet file (compared with DuckDB's own reading), dumps shard
 * rows through zd_next, lists a folder's shards and scans uuids. Not installed. */
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parquet.h"
#include "shard.h"

static unsigned char *unhex(const char *s, size_t *n)
{
    size_t l = strlen(s) / 2;
    unsigned char *b = malloc(l ? l : 1);
    for (size_t i = 0; i < l; i++) {
        unsigned v;
        sscanf(s + 2 * i, "%2x", &v);
        b[i] = (unsigned char)v;
    }
    *n = l;
    return b;
}

static void print_hex(const uint8_t *p, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    putchar('"');
}

/* ---- write-shard OUT IN.jsonl [--codec C] [--rg-bytes N] [--kill-after K] ---- */
static const char *bin_keys[11] = {"image_0", "image_1", "image_2", "image_3", "image_4", "image_5",
                                   "image_6", "image_7", "stl_file", "step_file", "cadquery_file"};

static int write_shard(int argc, char **argv)
{
    zd_write_opts o;
    zd_write_opts_default(&o);
    long kill_after = -1;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--codec")) o.codec = pq_codec_from_name(argv[i + 1]);
        else if (!strcmp(argv[i], "--rg-bytes")) o.row_group_bytes = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--kill-after")) kill_after = strtol(argv[i + 1], NULL, 10);
    }
    FILE *in = fopen(argv[3], "r");
    char err[1024];
    if (!in) { perror(argv[3]); return 1; }
    zd_writer *w = zd_writer_open(argv[2], &o, err, sizeof err);
    if (!w) { fprintf(stderr, "%s\n", err); return 1; }
    char *line = NULL;
    size_t cap = 0;
    long nrow = 0;
    while (getline(&line, &cap, in) > 0) {
        json_error_t je;
        json_t *j = json_loads(line, 0, &je);
        if (!j) { fprintf(stderr, "bad json: %s\n", je.text); return 1; }
        zd_row r;
        zd_row_clear(&r);
        unsigned char *bufs[11] = {0};
        size_t lens[11] = {0};
        for (int k = 0; k < 11; k++) {
            json_t *v = json_object_get(j, bin_keys[k]);
            if (json_is_string(v)) bufs[k] = unhex(json_string_value(v), &lens[k]);
        }
        for (int k = 0; k < 8; k++) { r.image[k] = bufs[k]; r.image_len[k] = lens[k]; }
        r.stl = bufs[8]; r.stl_len = lens[8];
        r.step = bufs[9]; r.step_len = lens[9];
        r.code = (const char *)bufs[10]; r.code_len = lens[10];
        json_t *v = json_object_get(j, "uuid");
        if (json_is_string(v)) { r.uuid = json_string_value(v); r.uuid_len = json_string_length(v); }
        v = json_object_get(j, "cadquery_ops_json");
        if (json_is_string(v)) { r.ops_json = json_string_value(v); r.ops_json_len = json_string_length(v); }
        if (json_is_integer(v = json_object_get(j, "cadquery_ops_count"))) r.ops_count = json_integer_value(v);
        if (json_is_integer(v = json_object_get(j, "num_faces"))) r.num_faces = json_integer_value(v);
        if (json_is_integer(v = json_object_get(j, "num_renders"))) r.num_renders = json_integer_value(v);
        if (json_is_number(v = json_object_get(j, "face_latency_ms"))) r.face_latency_ms = json_number_value(v);
        if (json_is_number(v = json_object_get(j, "ops_latency_ms"))) r.ops_latency_ms = json_number_value(v);
        if (zd_write(w, &r, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return 1; }
        for (int k = 0; k < 11; k++) free(bufs[k]);
        json_decref(j);
        if (++nrow == kill_after) {
            fflush(NULL);
            raise(SIGKILL);
        }
    }
    free(line);
    fclose(in);
    if (zd_writer_close(w, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return 1; }
    return 0;
}

/* ---- dump FILE: one JSON object per row, every leaf column ---- */
typedef struct {
    pq_chunk c;
    pq_row_index ix;
} leaf;

static void print_value(const pq_column *pc, const pq_chunk *c, int64_t v)
{
    switch (pc->physical) {
    case PQ_BOOLEAN: printf(c->fixed[v] ? "true" : "false"); break;
    case PQ_INT32: { int32_t x; memcpy(&x, c->fixed + v * 4, 4); printf("\"%d\"", x); break; }
    case PQ_INT64: { int64_t x; memcpy(&x, c->fixed + v * 8, 8); printf("\"%lld\"", (long long)x); break; }
    case PQ_FLOAT: case PQ_DOUBLE: {
        double d;
        if (pc->physical == PQ_FLOAT) { float f; memcpy(&f, c->fixed + v * 4, 4); d = f; }
        else memcpy(&d, c->fixed + v * 8, 8);
        if (isnan(d)) printf("\"nan\"");
        else if (isinf(d)) printf(d > 0 ? "\"inf\"" : "\"-inf\"");
        else printf("\"%.17g\"", d);
        break;
    }
    default: print_hex(c->bytes[v].ptr, c->bytes[v].len);
    }
}

static void print_cell(const pq_column *pc, const leaf *l, int64_t r)
{
    int64_t i = l->ix.level[r], end = l->ix.level[r + 1], v = l->ix.value[r];
    if (pc->max_rep == 0) {
        if (l->c.def && l->c.def[i] != pc->max_def) printf("null");
        else print_value(pc, &l->c, v);
        return;
    }
    if (l->c.def[i] < pc->list_def - 1) { printf("null"); return; }
    putchar('[');
    if (l->c.def[i] >= pc->list_def)
        for (; i < end; i++) {
            if (l->c.def[i] == pc->max_def) print_value(pc, &l->c, v++);
            else printf("null");
            if (i + 1 < end) putchar(',');
        }
    putchar(']');
}

static void free_leaves(leaf *ls, int nc)
{
    for (int c = 0; c < nc; c++) {
        pq_chunk_free(&ls[c].c);
        pq_row_index_free(&ls[c].ix);
    }
}

static int dump(const char *path)
{
    char err[1024];
    pq_file *f = pq_open(path, err, sizeof err);
    if (!f) { fprintf(stderr, "%s\n", err); return 1; }
    int nc = pq_num_columns(f), rc = 0;
    leaf *ls = calloc((size_t)(nc ? nc : 1), sizeof *ls);
    for (int g = 0; g < pq_num_row_groups(f) && rc == 0; g++) {
        int64_t rows = pq_row_group_rows(f, g);
        for (int c = 0; c < nc && rc == 0; c++) {
            if (pq_column_at(f, c)->max_rep > 1) continue;
            if (pq_read_chunk(f, g, c, &ls[c].c, err, sizeof err) < 0) rc = 1;
            else if (pq_index_rows(pq_column_at(f, c), &ls[c].c, rows, &ls[c].ix) < 0) {
                snprintf(err, sizeof err, "%s: row count mismatch", path);
                rc = 1;
            }
        }
        for (int64_t r = 0; rc == 0 && r < rows; r++) {
            putchar('{');
            int first = 1;
            for (int c = 0; c < nc; c++) {
                const pq_column *pc = pq_column_at(f, c);
                if (pc->max_rep > 1) continue;
                printf("%s\"%s\":", first ? "" : ",", pc->path);
                first = 0;
                print_cell(pc, &ls[c], r);
            }
            printf("}\n");
        }
        free_leaves(ls, nc);
    }
    if (rc) fprintf(stderr, "%s\n", err);
    else fprintf(stderr, "bytes_read %llu\n", (unsigned long long)pq_bytes_read(f));
    free(ls);
    pq_close(f);
    return rc;
}

/* ---- shard-dump FILE [MASK]: rows through zd_next ---- */
static void field_hex(const char *key, const void *p, size_t n)
{
    printf(",\"%s\":", key);
    if (p) print_hex(p, n);
    else printf("null");
}

static int shard_dump(const char *path, unsigned mask)
{
    char err[1024];
    zd_reader *r = zd_open(path, mask, err, sizeof err);
    if (!r) { fprintf(stderr, "%s\n", err); return 1; }
    zd_row row;
    int rc;
    while ((rc = zd_next(r, &row, err, sizeof err)) == 1) {
        printf("{\"uuid\":");
        print_hex((const uint8_t *)row.uuid, row.uuid_len);
        field_hex("cadquery_file", row.code, row.code_len);
        field_hex("cadquery_ops_json", row.ops_json, row.ops_json_len);
        printf(",\"cadquery_ops_count\":%lld,\"num_faces\":%lld,\"num_renders\":%lld",
               (long long)row.ops_count, (long long)row.num_faces, (long long)row.num_renders);
        printf(isnan(row.face_latency_ms) ? ",\"face_latency_ms\":null" : ",\"face_latency_ms\":%.17g", row.face_latency_ms);
        printf(isnan(row.ops_latency_ms) ? ",\"ops_latency_ms\":null" : ",\"ops_latency_ms\":%.17g", row.ops_latency_ms);
        for (int k = 0; k < 8; k++) {
            char key[24];
            snprintf(key, sizeof key, "image_%d", k);
            field_hex(key, row.image[k], row.image_len[k]);
        }
        field_hex("stl_file", row.stl, row.stl_len);
        field_hex("step_file", row.step, row.step_len);
        field_hex("description", row.description, row.description_len);
        printf("}\n");
    }
    if (rc < 0) { fprintf(stderr, "%s\n", err); zd_close(r); return 1; }
    fprintf(stderr, "bytes_read %llu\n", (unsigned long long)zd_bytes_read(r));
    zd_close(r);
    return 0;
}

/* ---- write-table OUT ROWS CODEC V2: every writable type; row i holds values from i ---- */
static int write_table(const char *out, long rows, const char *codec, int v2)
{
    static const pq_field fields[] = {
        {"b", PQ_BOOLEAN, PQ_LOGICAL_NONE, 0}, {"i32", PQ_INT32, PQ_LOGICAL_NONE, 1},
        {"i64", PQ_INT64, PQ_LOGICAL_NONE, 0}, {"f", PQ_FLOAT, PQ_LOGICAL_NONE, 1},
        {"d", PQ_DOUBLE, PQ_LOGICAL_NONE, 1}, {"s", PQ_BYTE_ARRAY, PQ_LOGICAL_STRING, 1},
        {"bin", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 0}};
    pq_write_opts o = {.codec = pq_codec_from_name(codec), .row_group_bytes = 4096, .page_bytes = 512, .page_v2 = v2};
    char err[1024], s[64];
    FILE *fp = fopen(out, "wb");
    if (!fp) { perror(out); return 1; }
    pq_writer *w = pq_writer_new(fileno(fp), out, fields, 7, &o, err, sizeof err);
    if (!w) { fprintf(stderr, "%s\n", err); return 1; }
    pq_writer_kv(w, "origin", "pq_tool");
    for (long i = 0; i < rows; i++) {
        int null = i % 5 == 0;
        pq_put_bool(w, 0, i % 3 == 0);
        if (null) pq_put_null(w, 1); else pq_put_i32(w, 1, (int32_t)(i * 7 - 100));
        pq_put_i64(w, 2, (int64_t)i * 1000000000000ll);
        if (null) pq_put_null(w, 3); else pq_put_float(w, 3, (float)i * 0.5f);
        if (i % 4 == 0) pq_put_null(w, 4); else pq_put_double(w, 4, (double)i / 3.0);
        snprintf(s, sizeof s, "s%ld", i);
        if (null) pq_put_null(w, 5); else pq_put_bytes(w, 5, s, strlen(s));
        unsigned char bin[3] = {(unsigned char)i, (unsigned char)(i >> 8), 0xff};
        pq_put_bytes(w, 6, bin, (size_t)(i % 4));
        if (pq_end_row(w, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return 1; }
    }
    int rc = pq_writer_finish(w, err, sizeof err);
    if (rc < 0) fprintf(stderr, "%s\n", err);
    pq_writer_free(w);
    fclose(fp);
    return rc < 0;
}

static void print_uuid(void *ctx, const char *u, size_t n)
{
    (void)ctx;
    printf("%.*s\n", (int)n, u);
}

int main(int argc, char **argv)
{
    char err[1024];
    if (argc >= 4 && !strcmp(argv[1], "write-shard")) return write_shard(argc, argv);
    if (argc == 3 && !strcmp(argv[1], "dump")) return dump(argv[2]);
    if (argc == 6 && !strcmp(argv[1], "write-table"))
        return write_table(argv[2], strtol(argv[3], NULL, 10), argv[4], atoi(argv[5]));
    if (argc >= 3 && !strcmp(argv[1], "shard-dump"))
        return shard_dump(argv[2], argc > 3 ? (unsigned)strtoul(argv[3], NULL, 0) : ZD_COL_ALL);
    if (argc == 3 && !strcmp(argv[1], "list")) {
        char **paths;
        int n = zd_list_shards(argv[2], &paths, err, sizeof err);
        if (n < 0) { fprintf(stderr, "%s\n", err); return 1; }
        for (int i = 0; i < n; i++) printf("%s\n", paths[i]);
        zd_free_list(paths, n);
        return 0;
    }
    if (argc >= 3 && !strcmp(argv[1], "scan")) {
        if (zd_scan_uuids((const char *const *)argv + 2, argc - 2, print_uuid, NULL, err, sizeof err) < 0) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        return 0;
    }
    fprintf(stderr, "usage: pq_tool write-shard OUT IN.jsonl [--codec C] [--rg-bytes N] [--kill-after K]\n"
                    "       pq_tool write-table OUT ROWS CODEC V2(0|1)\n"
                    "       pq_tool dump FILE | shard-dump FILE [MASK] | list DIR | scan FILE...\n");
    return 2;
}
