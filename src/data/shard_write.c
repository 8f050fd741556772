/* shard_write.c: writes Zero-to-CAD shards in the released schema (plain binary/string/int64/
 * double columns, all optional) with the `huggingface` features metadata. Crash safety: the
 * file is written as PATH.tmp-<pid>, and only after the footer is written and fsynced is it
 * renamed to PATH (and the folder fsynced), so a killed writer never leaves a finished-looking
 * shard. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parquet.h"
#include "shard.h"

enum { C_UUID, C_CODE, C_OPS_JSON, C_OPS_COUNT, C_FACES, C_RENDERS, C_FACE_LAT, C_OPS_LAT,
       C_IMAGE0, C_STL = C_IMAGE0 + 8, C_STEP, C_COUNT, C_DESCRIPTION = C_COUNT };

struct zd_writer {
    char *path, *tmp;
    int fd;
    pq_writer *pw;
    int ncols;                   /* C_COUNT, or C_COUNT + 1 with the description column */
};

static const pq_field fields[C_COUNT + 1] = {
    {"uuid", PQ_BYTE_ARRAY, PQ_LOGICAL_STRING, 1},
    {"cadquery_file", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"cadquery_ops_json", PQ_BYTE_ARRAY, PQ_LOGICAL_STRING, 1},
    {"cadquery_ops_count", PQ_INT64, PQ_LOGICAL_NONE, 1},
    {"num_faces", PQ_INT64, PQ_LOGICAL_NONE, 1},
    {"num_renders", PQ_INT64, PQ_LOGICAL_NONE, 1},
    {"face_latency_ms", PQ_DOUBLE, PQ_LOGICAL_NONE, 1},
    {"ops_latency_ms", PQ_DOUBLE, PQ_LOGICAL_NONE, 1},
    {"image_0", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"image_1", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"image_2", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"image_3", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"image_4", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"image_5", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"image_6", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"image_7", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"stl_file", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"step_file", PQ_BYTE_ARRAY, PQ_LOGICAL_NONE, 1},
    {"description", PQ_BYTE_ARRAY, PQ_LOGICAL_STRING, 1},   /* optional extra (description_column) */
};

void zd_write_opts_default(zd_write_opts *o)
{
    o->codec = PQ_ZSTD;
    o->zstd_level = 3;
    o->row_group_bytes = 64u << 20;
    o->description_column = 0;
}

/* {"info": {"features": {NAME: {"dtype": ..., "_type": "Value"}, ...}}} */
static char *hf_features_json(int ncols)
{
    json_t *features = json_object();
    for (int i = 0; i < ncols; i++) {
        const char *dtype = fields[i].physical == PQ_INT64 ? "int64"
                          : fields[i].physical == PQ_DOUBLE ? "float64"
                          : fields[i].logical == PQ_LOGICAL_STRING ? "string" : "binary";
        json_object_set_new(features, fields[i].name, json_pack("{s:s, s:s}", "dtype", dtype, "_type", "Value"));
    }
    json_t *root = json_pack("{s:{s:o}}", "info", "features", features);
    char *s = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return s;
}

static void free_writer(zd_writer *w)
{
    if (!w)
        return;
    pq_writer_free(w->pw);
    if (w->fd >= 0)
        close(w->fd);
    free(w->path);
    free(w->tmp);
    free(w);
}

zd_writer *zd_writer_open(const char *path, const zd_write_opts *o, char *err, size_t errlen)
{
    zd_write_opts d;
    if (!o) {
        zd_write_opts_default(&d);
        o = &d;
    }
    zd_writer *w = calloc(1, sizeof *w);
    size_t tl = strlen(path) + 32;
    if (!w || !(w->path = strdup(path)) || !(w->tmp = malloc(tl))) {
        if (w) w->fd = -1;
        free_writer(w);
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    snprintf(w->tmp, tl, "%s.tmp-%ld", path, (long)getpid());
    w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (w->fd < 0) {
        snprintf(err, errlen, "%s: cannot create: %s", w->tmp, strerror(errno));
        free_writer(w);
        return NULL;
    }
    pq_write_opts po = {.codec = o->codec, .level = o->zstd_level, .row_group_bytes = o->row_group_bytes};
    w->ncols = o->description_column ? C_COUNT + 1 : C_COUNT;
    w->pw = pq_writer_new(w->fd, path, fields, w->ncols, &po, err, errlen);
    char *features = hf_features_json(w->ncols);
    if (!w->pw || !features || pq_writer_kv(w->pw, "huggingface", features) < 0) {
        if (w->pw)
            snprintf(err, errlen, "%s: out of memory", path);
        free(features);
        zd_writer_abort(w);
        return NULL;
    }
    free(features);
    return w;
}

static int put_bytes(pq_writer *pw, int col, const void *p, size_t n)
{
    return p ? pq_put_bytes(pw, col, p, n) : pq_put_null(pw, col);
}

static int put_i64(pq_writer *pw, int col, int64_t v)
{
    return v >= 0 ? pq_put_i64(pw, col, v) : pq_put_null(pw, col);
}

static int put_double(pq_writer *pw, int col, double v)
{
    return isnan(v) ? pq_put_null(pw, col) : pq_put_double(pw, col, v);
}

int zd_write(zd_writer *w, const zd_row *row, char *err, size_t errlen)
{
    pq_writer *pw = w->pw;
    put_bytes(pw, C_UUID, row->uuid, row->uuid_len);
    put_bytes(pw, C_CODE, row->code, row->code_len);
    put_bytes(pw, C_OPS_JSON, row->ops_json, row->ops_json_len);
    put_i64(pw, C_OPS_COUNT, row->ops_count);
    put_i64(pw, C_FACES, row->num_faces);
    put_i64(pw, C_RENDERS, row->num_renders);
    put_double(pw, C_FACE_LAT, row->face_latency_ms);
    put_double(pw, C_OPS_LAT, row->ops_latency_ms);
    for (int k = 0; k < 8; k++)
        put_bytes(pw, C_IMAGE0 + k, row->image[k], row->image_len[k]);
    put_bytes(pw, C_STL, row->stl, row->stl_len);
    put_bytes(pw, C_STEP, row->step, row->step_len);
    if (w->ncols > C_COUNT)
        put_bytes(pw, C_DESCRIPTION, row->description, row->description_len);
    return pq_end_row(pw, err, errlen);
}

int64_t zd_writer_rows(const zd_writer *w) { return pq_writer_rows(w->pw); }

static int fsync_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int zd_writer_close(zd_writer *w, char *err, size_t errlen)
{
    if (pq_writer_finish(w->pw, err, errlen) < 0) {
        zd_writer_abort(w);
        return -1;
    }
    if (fsync(w->fd) < 0 || close(w->fd) < 0) {
        w->fd = -1;
        snprintf(err, errlen, "%s: cannot sync: %s", w->tmp, strerror(errno));
        zd_writer_abort(w);
        return -1;
    }
    w->fd = -1;
    if (rename(w->tmp, w->path) < 0) {
        snprintf(err, errlen, "%s: cannot rename from %s: %s", w->path, w->tmp, strerror(errno));
        zd_writer_abort(w);
        return -1;
    }
    if (fsync_dir(w->path) < 0) {
        snprintf(err, errlen, "%s: cannot sync its folder: %s", w->path, strerror(errno));
        free_writer(w);
        return -1;
    }
    free_writer(w);
    return 0;
}

void zd_writer_abort(zd_writer *w)
{
    if (!w)
        return;
    if (w->tmp)
        unlink(w->tmp);
    free_writer(w);
}
