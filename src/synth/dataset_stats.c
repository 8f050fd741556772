/* dataset_stats.c: what a set of shards holds: rows and files, the faces histogram, how often
 * each CadQuery operation is used (from cadquery_ops_json), program lengths, latencies, and
 * the stored size of every column (from the parquet footers, without reading the data). Only
 * uuid, code, the call trace and the counts are read. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dataset.h"
#include "engine_internal.h"
#include "parquet.h"
#include "shard.h"

static const long FACE_BINS[] = {0, 7, 10, 20, 30, 50, 100, 200};
#define NBINS (sizeof FACE_BINS / sizeof FACE_BINS[0])

typedef struct {
    long rows, files;
    long faces_bins[NBINS], faces_null;
    zs_tally ops_rows, ops_calls, col_bytes;
    double *lines, *ops_counts, face_ms, ops_ms;
    long nlines, cap, nlat;
} stats_acc;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, long n)
{
    if (n == 0)
        return NAN;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static void add_ops(stats_acc *s, const zd_row *row)
{
    json_t *ops = row->ops_json ? json_loadb(row->ops_json, row->ops_json_len, 0, NULL) : NULL;
    zs_tally seen = {0};
    size_t i;
    json_t *op;
    json_array_foreach(ops, i, op) {
        const char *name = json_string_value(json_object_get(op, "op_name"));
        if (!name)
            continue;
        zs_tally_add(&s->ops_calls, name, 1);
        if (zs_tally_get(&seen, name) == 0)
            zs_tally_add(&s->ops_rows, name, 1);
        zs_tally_add(&seen, name, 1);
    }
    zs_tally_free(&seen);
    json_decref(ops);
}

static void add_row(stats_acc *s, const zd_row *row)
{
    s->rows++;
    if (row->num_faces < 0) {
        s->faces_null++;
    } else {
        size_t b = NBINS - 1;
        while (b > 0 && row->num_faces < FACE_BINS[b])
            b--;
        s->faces_bins[b]++;
    }
    add_ops(s, row);
    if (s->nlines == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->lines = realloc(s->lines, (size_t)s->cap * sizeof *s->lines);
        s->ops_counts = realloc(s->ops_counts, (size_t)s->cap * sizeof *s->ops_counts);
    }
    long lines = 0;
    for (size_t i = 0; row->code && i < row->code_len; i++)
        lines += row->code[i] == '\n';
    if (s->lines && s->ops_counts) {
        s->lines[s->nlines] = (double)lines;
        s->ops_counts[s->nlines++] = row->ops_count >= 0 ? (double)row->ops_count : 0.0;
    }
    if (!isnan(row->face_latency_ms) && !isnan(row->ops_latency_ms)) {
        s->face_ms += row->face_latency_ms;
        s->ops_ms += row->ops_latency_ms;
        s->nlat++;
    }
}

static int add_column_sizes(stats_acc *s, const char *path)
{
    char err[1024];
    pq_file *f = pq_open(path, err, sizeof err);
    if (!f) {
        fprintf(stderr, "zerocad data stats: %s\n", err);
        return -1;
    }
    for (int c = 0; c < pq_num_columns(f); c++)
        for (int g = 0; g < pq_num_row_groups(f); g++)
            zs_tally_add(&s->col_bytes, pq_column_at(f, c)->path, (long)pq_chunk_compressed_size(f, g, c));
    pq_close(f);
    return 0;
}

static int read_shard(stats_acc *s, const char *path)
{
    char err[1024];
    zd_reader *r = zd_open(path, ZD_COL_UUID | ZD_COL_CODE | ZD_COL_OPS | ZD_COL_COUNTS, err, sizeof err);
    if (!r) {
        fprintf(stderr, "zerocad data stats: %s\n", err);
        return -1;
    }
    zd_row row;
    int got;
    while ((got = zd_next(r, &row, err, sizeof err)) == 1)
        add_row(s, &row);
    zd_close(r);
    if (got < 0) {
        fprintf(stderr, "zerocad data stats: %s\n", err);
        return -1;
    }
    s->files++;
    return add_column_sizes(s, path);
}

/* Indices of a tally sorted by count, largest first. */
static size_t *by_count(const zs_tally *t)
{
    size_t *ix = malloc((t->n ? t->n : 1) * sizeof *ix);
    for (size_t i = 0; ix && i < t->n; i++)
        ix[i] = i;
    for (size_t i = 1; ix && i < t->n; i++)   /* insertion sort: a few hundred names at most */
        for (size_t j = i; j > 0 && t->counts[ix[j]] > t->counts[ix[j - 1]]; j--) {
            size_t x = ix[j];
            ix[j] = ix[j - 1];
            ix[j - 1] = x;
        }
    return ix;
}

static json_t *report_json(stats_acc *s, double med_lines, double med_ops)
{
    json_t *bins = json_object(), *ops = json_object(), *cols = json_object();
    for (size_t b = 0; b < NBINS; b++) {
        char key[32];
        if (b + 1 < NBINS)
            snprintf(key, sizeof key, "%ld-%ld", FACE_BINS[b], FACE_BINS[b + 1] - 1);
        else
            snprintf(key, sizeof key, "%ld+", FACE_BINS[b]);
        json_object_set_new(bins, key, json_integer(s->faces_bins[b]));
    }
    size_t *ix = by_count(&s->ops_rows);
    for (size_t i = 0; ix && i < s->ops_rows.n; i++) {
        const char *name = s->ops_rows.names[ix[i]];
        json_object_set_new(ops, name, json_pack("{s:I, s:I}", "rows", (json_int_t)s->ops_rows.counts[ix[i]],
                                                 "calls", (json_int_t)zs_tally_get(&s->ops_calls, name)));
    }
    free(ix);
    for (size_t i = 0; i < s->col_bytes.n; i++)
        json_object_set_new(cols, s->col_bytes.names[i], json_integer(s->col_bytes.counts[i]));
    return json_pack("{s:I, s:I, s:o, s:I, s:f, s:f, s:f, s:f, s:o, s:o}", "rows", (json_int_t)s->rows, "files",
                     (json_int_t)s->files, "faces_histogram", bins, "faces_null", (json_int_t)s->faces_null,
                     "median_code_lines", med_lines, "median_ops_count", med_ops, "mean_face_latency_ms",
                     s->nlat ? s->face_ms / s->nlat : 0.0, "mean_ops_latency_ms", s->nlat ? s->ops_ms / s->nlat : 0.0,
                     "ops", ops, "column_bytes", cols);
}

static void print_markdown(json_t *rep, FILE *out)
{
    fprintf(out, "# Dataset statistics\n\n%lld rows in %lld files; median program %.0f lines, %.0f CadQuery calls; "
                 "mean ops latency %.1f ms, face latency %.1f ms\n\n## Faces\n\n| faces | rows |\n|---|---:|\n",
            (long long)json_integer_value(json_object_get(rep, "rows")),
            (long long)json_integer_value(json_object_get(rep, "files")),
            json_real_value(json_object_get(rep, "median_code_lines")),
            json_real_value(json_object_get(rep, "median_ops_count")),
            json_real_value(json_object_get(rep, "mean_ops_latency_ms")),
            json_real_value(json_object_get(rep, "mean_face_latency_ms")));
    const char *key;
    json_t *v;
    json_object_foreach(json_object_get(rep, "faces_histogram"), key, v)
        fprintf(out, "| %s | %lld |\n", key, (long long)json_integer_value(v));
    double rows = (double)json_integer_value(json_object_get(rep, "rows"));
    fprintf(out, "\n## Operations\n\n| op | rows | share of rows | calls |\n|---|---:|---:|---:|\n");
    json_object_foreach(json_object_get(rep, "ops"), key, v) {
        double n = (double)json_integer_value(json_object_get(v, "rows"));
        fprintf(out, "| %s | %.0f | %.1f%% | %lld |\n", key, n, rows > 0 ? 100.0 * n / rows : 0.0,
                (long long)json_integer_value(json_object_get(v, "calls")));
    }
    fprintf(out, "\n## Stored size per column\n\n| column | bytes |\n|---|---:|\n");
    json_object_foreach(json_object_get(rep, "column_bytes"), key, v)
        fprintf(out, "| %s | %lld |\n", key, (long long)json_integer_value(v));
}

int zs_stats(char **paths, int n, int json, FILE *out)
{
    stats_acc s;
    memset(&s, 0, sizeof s);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = read_shard(&s, paths[i]);
    if (rc == 0) {
        double med_lines = median(s.lines, s.nlines), med_ops = median(s.ops_counts, s.nlines);
        json_t *rep = report_json(&s, isnan(med_lines) ? 0 : med_lines, isnan(med_ops) ? 0 : med_ops);
        if (json) {
            json_dumpf(rep, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            fputc('\n', out);
        } else {
            print_markdown(rep, out);
        }
        json_decref(rep);
    }
    zs_tally_free(&s.ops_rows);
    zs_tally_free(&s.ops_calls);
    zs_tally_free(&s.col_bytes);
    free(s.lines);
    free(s.ops_counts);
    return rc == 0 ? 0 : 1;
}
