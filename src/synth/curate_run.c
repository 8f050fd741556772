/* curate_run.c: `zerocad curate` end to end, streaming: pass 1 reads only the columns the
 * descriptor and the coverage need, row by row, keeping the descriptors (floats) and the rows'
 * order; k-means picks the rows; pass 2 reads the shards again and copies the chosen rows byte
 * for byte (zd_row straight into zd_write) to OUT/part-NNNNN.parquet; the report goes to stdout
 * and --report. On failure the part files this run wrote are removed. */
#define _GNU_SOURCE
#include "curate_internal.h"
#include "shard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASS1_COLS (ZD_COL_CODE | ZD_COL_OPS | ZD_COL_COUNTS | ZD_COL_IMAGES | ZD_COL_STL)
#define NAME_LEN 1200

typedef struct {
    const zcur_opts *o;
    zcur_files files;
    int64_t *file_rows;            /* rows of each file seen in pass 1 */
    float *desc;                   /* n x dim */
    size_t n, cap;
    int dim;
    zcur_vision *vision;
    zcur_batch *batch;             /* pass 1 rows waiting to be described */
    zcur_coverage *before, *after;
    unsigned char *chosen;         /* n */
    int kept_all;
    int km_dim;                    /* dimension k-means ran in (dim, or the PCA components) */
    double pca_explained;
    zcur_kmeans_info km;
    int64_t no_views, no_mesh;
    char **written;                /* finished part files of this run */
    size_t nwritten;
} run_state;

static void row_name(char *out, const char *file, int64_t r, const zd_row *row)
{
    int ul = row->uuid_len > 64 ? 64 : (int)row->uuid_len;
    snprintf(out, NAME_LEN, "%s: row %lld (uuid %.*s)", file, (long long)r, ul, row->uuid ? row->uuid : "");
}

/* Room for `rows` descriptors; grown exactly (each shard's row count is known when it is opened), so
 * no more than the descriptors is held. */
static int reserve(run_state *s, size_t rows, char *err, size_t errlen)
{
    if (rows <= s->cap)
        return 0;
    size_t nc = rows;
    float *nd = realloc(s->desc, nc * (size_t)s->dim * sizeof *nd);
    if (!nd) {
        snprintf(err, errlen, "out of memory for %zu descriptors of %d floats", nc, s->dim);
        return -1;
    }
    s->desc = nd;
    s->cap = nc;
    return 0;
}

/* Describes the rows waiting in the batch into the next descriptor slots. */
static int flush_batch(run_state *s, char *err, size_t errlen)
{
    int m = zcur_batch_count(s->batch);
    if (!m)
        return 0;
    if (reserve(s, s->n + (size_t)m, err, errlen))
        return -1;
    if (zcur_batch_describe(s->batch, s->vision, s->o->threads, s->dim, s->desc + s->n * (size_t)s->dim,
                            &s->no_views, &s->no_mesh, err, errlen))
        return -1;
    s->n += (size_t)m;
    return 0;
}

static int take_row(run_state *s, const zd_row *row, const char *name, char *err, size_t errlen)
{
    if (zcur_coverage_add(s->before, row->ops_json, row->ops_json_len, row->num_faces, row->code, row->code_len)) {
        snprintf(err, errlen, "%s: out of memory counting coverage", name);
        return -1;
    }
    if (zcur_batch_add(s->batch, row, name, err, errlen))
        return -1;
    return zcur_batch_full(s->batch) ? flush_batch(s, err, errlen) : 0;
}

static int pass1_file(run_state *s, size_t fi, char *err, size_t errlen)
{
    const char *path = s->files.path[fi];
    zd_reader *r = zd_open(path, PASS1_COLS, err, errlen);
    if (!r)
        return -1;
    if (zd_rows(r) > 0 && reserve(s, s->n + (size_t)zd_rows(r), err, errlen)) {
        zd_close(r);
        return -1;
    }
    zd_row row;
    int rc;
    int64_t rows = 0;
    char name[NAME_LEN];
    while ((rc = zd_next(r, &row, err, errlen)) == 1) {
        row_name(name, path, rows, &row);
        if (take_row(s, &row, name, err, errlen)) {
            rc = -1;
            break;
        }
        rows++;
    }
    zd_close(r);
    if (rc == 0)
        rc = flush_batch(s, err, errlen);
    s->file_rows[fi] = rows;
    if (!rc && !s->o->quiet)
        fprintf(stderr, "curate: %s: %lld rows described (%zu in all)\n", path, (long long)rows, s->n);
    return rc < 0 ? -1 : 0;
}

static int choose(run_state *s, char *err, size_t errlen)
{
    if (!(s->chosen = calloc(s->n ? s->n : 1, 1))) {
        snprintf(err, errlen, "out of memory for %zu rows", s->n);
        return -1;
    }
    if ((size_t)s->o->k >= s->n) {
        memset(s->chosen, 1, s->n);
        s->kept_all = 1;
        return 0;
    }
    size_t *reps = malloc((size_t)s->o->k * sizeof *reps);
    if (!reps) {
        snprintf(err, errlen, "out of memory for %d representatives", s->o->k);
        return -1;
    }
    zcur_kmeans_opts ko = {.max_iter = s->o->max_iter, .seed = s->o->seed, .progress = s->o->quiet ? NULL : stderr};
    int rc = 0;
    s->km_dim = s->dim;
    if (s->o->pca > 0) {
        rc = zcur_pca(s->desc, s->n, s->dim, s->o->pca, &s->pca_explained, err, errlen);
        s->km_dim = s->o->pca;
    }
    if (!rc)
        rc = zcur_kmeans(s->desc, s->n, s->km_dim, s->o->k, &ko, reps, NULL, &s->km, err, errlen);
    for (int j = 0; !rc && j < s->o->k; j++)
        s->chosen[reps[j]] = 1;
    free(reps);
    return rc;
}

static int write_descriptors(const run_state *s, char *err, size_t errlen)
{
    const char *path = s->o->descriptors;
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(s->desc, sizeof(float) * (size_t)s->dim, s->n, f) == s->n;
    if (f && fclose(f))
        ok = 0;
    if (!ok) {
        snprintf(err, errlen, "%s: cannot write the descriptors (%s)", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- pass 2 ---- */
typedef struct {
    zd_writer *w;
    char *path;
    int64_t rows;
    int part;
} part_writer;

static int part_close(run_state *s, part_writer *p, char *err, size_t errlen)
{
    if (!p->w)
        return 0;
    int rc = zd_writer_close(p->w, err, errlen);
    p->w = NULL;
    if (!rc) {
        char **nw = realloc(s->written, (s->nwritten + 1) * sizeof *nw);
        if (nw) {
            s->written = nw;
            s->written[s->nwritten++] = p->path;
            p->path = NULL;
        }
    }
    free(p->path);
    p->path = NULL;
    p->rows = 0;
    p->part++;
    return rc;
}

static int part_write(run_state *s, part_writer *p, const zd_row *row, char *err, size_t errlen)
{
    if (!p->w) {
        if (asprintf(&p->path, "%s/part-%05d.parquet", s->o->out, p->part) < 0) {
            p->path = NULL;
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (!(p->w = zd_writer_open(p->path, NULL, err, errlen)))
            return -1;
    }
    if (zd_write(p->w, row, err, errlen))
        return -1;
    int64_t per = s->o->rows_per_shard > 0 ? s->o->rows_per_shard : 10000;
    if (++p->rows >= per)
        return part_close(s, p, err, errlen);
    return 0;
}

static int pass2_file(run_state *s, size_t fi, size_t *g, part_writer *p, char *err, size_t errlen)
{
    const char *path = s->files.path[fi];
    zd_reader *r = zd_open(path, ZD_COL_ALL, err, errlen);
    if (!r)
        return -1;
    zd_row row;
    int rc;
    int64_t rows = 0;
    while ((rc = zd_next(r, &row, err, errlen)) == 1) {
        if (rows >= s->file_rows[fi])
            break;
        if (s->chosen[*g]) {
            rc = part_write(s, p, &row, err, errlen);
            if (!rc && zcur_coverage_add(s->after, row.ops_json, row.ops_json_len, row.num_faces, row.code,
                                         row.code_len)) {
                snprintf(err, errlen, "out of memory counting coverage");
                rc = -1;
            }
            if (rc)
                break;
        }
        (*g)++;
        rows++;
    }
    zd_close(r);
    if (rc >= 0 && (rows != s->file_rows[fi] || rc == 1)) {
        snprintf(err, errlen, "%s: the shard changed during curation (%lld rows in the first pass)", path,
                 (long long)s->file_rows[fi]);
        return -1;
    }
    return rc < 0 ? -1 : 0;
}

static int pass2(run_state *s, char *err, size_t errlen)
{
    part_writer p = {0};
    size_t g = 0;
    int rc = 0;
    for (size_t fi = 0; !rc && fi < s->files.n; fi++)
        rc = pass2_file(s, fi, &g, &p, err, errlen);
    if (!rc)
        rc = part_close(s, &p, err, errlen);
    if (p.w)
        zd_writer_abort(p.w);
    free(p.path);
    if (rc)
        for (size_t i = 0; i < s->nwritten; i++)
            unlink(s->written[i]);
    return rc;
}

/* ---- report ---- */
static void report_header(FILE *f, const run_state *s)
{
    const zcur_opts *o = s->o;
    fprintf(f, "# zerocad curate\n\n");
    fprintf(f, "- input: %zu shard file(s), %zu rows\n", s->files.n, s->n);
    if (o->model_dir)
        fprintf(f, "- descriptor: vision encoder of %s, mean-pooled patch embeddings (%d floats)\n", o->model_dir,
                s->dim);
    else
        fprintf(f, "- descriptor: views + mesh (%d floats); rows without views: %lld, without mesh: %lld\n", s->dim,
                (long long)s->no_views, (long long)s->no_mesh);
    if (s->kept_all)
        fprintf(f, "- k = %d >= rows: every row kept, no clustering\n", o->k);
    else {
        if (o->pca > 0)
            fprintf(f, "- PCA: %d -> %d dimensions, %.1f%% of the variance kept\n", s->dim, o->pca,
                    100.0 * s->pca_explained);
        fprintf(f, "- k-means: k = %d, seed %llu, %d iteration(s), %s, inertia %.6g, empty clusters refilled %d\n",
                o->k, (unsigned long long)o->seed, s->km.iterations, s->km.converged ? "converged" : "iteration limit",
                s->km.inertia, s->km.empty_repairs);
    }
    fprintf(f, "- output: %s: %lld rows in %zu file(s)\n\n", o->out, (long long)zcur_coverage_rows(s->after),
            s->nwritten);
    zcur_coverage_report(f, s->before, s->after);
}

static int emit_report(const run_state *s, char *err, size_t errlen)
{
    report_header(stdout, s);
    fflush(stdout);
    if (!s->o->report)
        return 0;
    char *tmp = NULL;
    if (asprintf(&tmp, "%s.tmp-%d", s->o->report, (int)getpid()) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    FILE *f = fopen(tmp, "w");
    int ok = f != NULL;
    if (f) {
        report_header(f, s);
        ok = !ferror(f);
        ok = !fclose(f) && ok;
    }
    if (ok && rename(tmp, s->o->report))
        ok = 0;
    if (!ok) {
        snprintf(err, errlen, "%s: cannot write the report (%s)", s->o->report, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}

/* ---- the command ---- */
static int setup(run_state *s, char *err, size_t errlen)
{
    const zcur_opts *o = s->o;
    if (o->k < 1) {
        snprintf(err, errlen, "-n must be at least 1 (got %d)", o->k);
        return -1;
    }
    if (zcur_files_expand(o->inputs, o->ninputs, &s->files, err, errlen))
        return -1;
    if (!s->files.n) {
        snprintf(err, errlen, "no input shards");
        return -1;
    }
    s->file_rows = calloc(s->files.n, sizeof *s->file_rows);
    s->before = zcur_coverage_new();
    s->after = zcur_coverage_new();
    if (!s->file_rows || !s->before || !s->after) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    s->dim = ZCUR_DIM;
    if (o->model_dir) {
        if (!(s->vision = zcur_vision_open(o->model_dir, err, errlen)))
            return -1;
        s->dim = zcur_vision_dim(s->vision);
    }
    int threads = o->threads > 1 ? o->threads : 1;
    if (!(s->batch = zcur_batch_new(o->model_dir ? 1 : 4 * threads))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return zcur_out_prepare(o->out, err, errlen);
}

static void teardown(run_state *s)
{
    zcur_files_free(&s->files);
    free(s->file_rows);
    free(s->desc);
    free(s->chosen);
    zcur_vision_close(s->vision);
    zcur_batch_free(s->batch);
    zcur_coverage_free(s->before);
    zcur_coverage_free(s->after);
    for (size_t i = 0; i < s->nwritten; i++)
        free(s->written[i]);
    free(s->written);
}

int zcur_run(const zcur_opts *o, char *err, size_t errlen)
{
    run_state s = {.o = o};
    int rc = setup(&s, err, errlen);
    for (size_t fi = 0; !rc && fi < s.files.n; fi++)
        rc = pass1_file(&s, fi, err, errlen);
    if (!rc && s.n == 0) {
        snprintf(err, errlen, "the input shards hold no rows");
        rc = -1;
    }
    if (!rc && o->descriptors)
        rc = write_descriptors(&s, err, errlen);
    if (!rc)
        rc = choose(&s, err, errlen);
    if (!rc && !o->quiet)
        fprintf(stderr, "curate: %zu of %zu rows chosen; copying them\n", s.kept_all ? s.n : (size_t)o->k, s.n);
    if (!rc)
        rc = pass2(&s, err, errlen);
    if (!rc)
        rc = emit_report(&s, err, errlen);
    teardown(&s);
    return rc;
}
