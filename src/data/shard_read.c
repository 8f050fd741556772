/* shard_read.c: reads rows of a Zero-to-CAD shard one row group at a time, touching only the
 * column chunks of the requested column groups. Accepts the released layout (plain binary
 * columns), the Hugging Face Image layout (image_k.bytes) and a list `images` column. */
#include <stdlib.h>
#include <string.h>

#include "parquet.h"
#include "shard.h"

/* One bound source column and its decoded chunk for the current row group. */
typedef struct {
    int col;                  /* leaf index, -1 when absent */
    const pq_column *pc;
    pq_chunk chunk;
    int64_t *row_level;       /* first level entry of each row (rows + 1) */
    int64_t *row_value;       /* first value index of each row */
} binding;

enum { B_UUID, B_CODE, B_OPS_JSON, B_OPS_COUNT, B_FACES, B_RENDERS, B_FACE_LAT, B_OPS_LAT,
       B_IMAGE0, B_IMAGES = B_IMAGE0 + 8, B_STL, B_STEP, B_DESC, B_COUNT };

typedef struct {
    char *p;
    size_t cap;
} strbuf;

struct zd_reader {
    pq_file *f;
    unsigned cols;
    binding b[B_COUNT];
    int rg;
    int64_t row, rg_rows;
    strbuf s_uuid, s_code, s_ops;
    int has_description;      /* the shard has the extra "description" column */
};

static const char *const names[B_COUNT] = {
    "uuid", "cadquery_file", "cadquery_ops_json", "cadquery_ops_count", "num_faces", "num_renders",
    "face_latency_ms", "ops_latency_ms", "image_0", "image_1", "image_2", "image_3", "image_4",
    "image_5", "image_6", "image_7", "images", "stl_file", "step_file", "description"};

static unsigned group_of(int b)
{
    if (b == B_UUID) return ZD_COL_UUID;
    if (b == B_CODE) return ZD_COL_CODE;
    if (b == B_OPS_JSON || b == B_OPS_COUNT) return ZD_COL_OPS;
    if (b >= B_FACES && b <= B_OPS_LAT) return ZD_COL_COUNTS;
    if (b >= B_IMAGE0 && b <= B_IMAGES) return ZD_COL_IMAGES;
    if (b == B_DESC) return ZD_COL_DESCRIPTION;
    return b == B_STL ? ZD_COL_STL : ZD_COL_STEP;
}

/* A binary column NAME, or NAME.bytes (Hugging Face Image / struct layout). */
static int find_binary(const pq_file *f, const char *name)
{
    char path[64];
    int c = pq_find_column(f, name);
    if (c >= 0)
        return c;
    snprintf(path, sizeof path, "%s.bytes", name);
    return pq_find_column(f, path);
}

/* A list column `images`: its repeated binary leaf (list<binary> or list<struct<bytes,path>>). */
static int find_images_list(const pq_file *f)
{
    for (int i = 0; i < pq_num_columns(f); i++) {
        const pq_column *c = pq_column_at(f, i);
        size_t n = strlen(c->name);
        if (!strncmp(c->path, "images.", 7) && c->max_rep == 1 && c->physical == PQ_BYTE_ARRAY &&
            !(n == 4 && !strcmp(c->name, "path")))
            return i;
    }
    return -1;
}

static int type_ok(int b, int physical)
{
    if (b == B_OPS_COUNT || b == B_FACES || b == B_RENDERS)
        return physical == PQ_INT64 || physical == PQ_INT32;
    if (b == B_FACE_LAT || b == B_OPS_LAT)
        return physical == PQ_DOUBLE || physical == PQ_FLOAT || physical == PQ_INT64 || physical == PQ_INT32;
    return physical == PQ_BYTE_ARRAY || (b == B_UUID && physical == PQ_FIXED_LEN_BYTE_ARRAY);
}

static int bind_columns(zd_reader *r, const char *path, char *err, size_t errlen)
{
    for (int b = 0; b < B_COUNT; b++) {
        r->b[b].col = b == B_IMAGES ? find_images_list(r->f)
                    : (b >= B_IMAGE0 || b == B_CODE || b == B_STL || b == B_STEP) ? find_binary(r->f, names[b])
                    : pq_find_column(r->f, names[b]);
    }
    if (r->b[B_UUID].col < 0 || r->b[B_CODE].col < 0) {
        snprintf(err, errlen, "%s: not a Zero-to-CAD shard: missing required column%s %s%s%s", path,
                 r->b[B_UUID].col < 0 && r->b[B_CODE].col < 0 ? "s" : "",
                 r->b[B_UUID].col < 0 ? "uuid" : "",
                 r->b[B_UUID].col < 0 && r->b[B_CODE].col < 0 ? ", " : "",
                 r->b[B_CODE].col < 0 ? "cadquery_file" : "");
        return -1;
    }
    for (int b = 0; b < B_COUNT; b++) {
        if (r->b[b].col < 0)
            continue;
        r->b[b].pc = pq_column_at(r->f, r->b[b].col);
        if (b == B_DESC && (r->b[b].pc->physical != PQ_BYTE_ARRAY || r->b[b].pc->max_rep > 0)) {
            r->b[b].col = -1;           /* an extra column of another kind: not ours */
            continue;
        }
        if (b == B_DESC)
            r->has_description = 1;
        if (!type_ok(b, r->b[b].pc->physical)) {
            snprintf(err, errlen, "%s: column %s has physical type %s, not what the schema needs", path,
                     r->b[b].pc->path, pq_type_name(r->b[b].pc->physical));
            return -1;
        }
        if (b != B_IMAGES && r->b[b].pc->max_rep > 0) {
            snprintf(err, errlen, "%s: column %s is repeated, expected one value per row", path, r->b[b].pc->path);
            return -1;
        }
        if (!(group_of(b) & r->cols))
            r->b[b].col = -1;           /* not asked for: never read */
    }
    return 0;
}

zd_reader *zd_open(const char *path, unsigned cols, char *err, size_t errlen)
{
    zd_reader *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    r->cols = cols | ZD_COL_UUID;
    r->rg = -1;
    r->f = pq_open(path, err, errlen);
    if (!r->f || bind_columns(r, path, err, errlen) < 0) {
        zd_close(r);
        return NULL;
    }
    return r;
}

int64_t zd_rows(const zd_reader *r) { return pq_num_rows(r->f); }
int zd_has_description(const zd_reader *r) { return r->has_description; }
uint64_t zd_bytes_read(const zd_reader *r) { return pq_bytes_read(r->f); }

static void free_row_index(binding *b)
{
    free(b->row_level);
    free(b->row_value);
    b->row_level = b->row_value = NULL;
}

static void free_binding(binding *b)
{
    pq_chunk_free(&b->chunk);
    free_row_index(b);
}

void zd_close(zd_reader *r)
{
    if (!r)
        return;
    for (int b = 0; b < B_COUNT; b++)
        free_binding(&r->b[b]);
    pq_close(r->f);
    free(r->s_uuid.p);
    free(r->s_code.p);
    free(r->s_ops.p);
    free(r);
}

static int index_rows(zd_reader *r, binding *b, char *err, size_t errlen)
{
    pq_row_index ix;
    if (pq_index_rows(b->pc, &b->chunk, r->rg_rows, &ix) < 0) {
        snprintf(err, errlen, "%s: column %s row group %d does not hold the row group's %lld rows",
                 pq_path(r->f), b->pc->path, r->rg, (long long)r->rg_rows);
        return -1;
    }
    b->row_level = ix.level;
    b->row_value = ix.value;
    return 0;
}

static int load_row_group(zd_reader *r, char *err, size_t errlen)
{
    for (int b = 0; b < B_COUNT; b++)
        free_row_index(&r->b[b]);          /* chunks keep their buffers for the next group */
    r->rg_rows = pq_row_group_rows(r->f, r->rg);
    for (int b = 0; b < B_COUNT; b++) {
        if (r->b[b].col < 0)
            continue;
        if (pq_read_chunk_reuse(r->f, r->rg, r->b[b].col, &r->b[b].chunk, err, errlen) < 0 ||
            index_rows(r, &r->b[b], err, errlen) < 0)
            return -1;
    }
    r->row = 0;
    return 0;
}

/* The single value of row `row`, or NULL when null/absent. */
static const pq_bytes *bytes_at(const binding *b, int64_t row)
{
    if (b->col < 0)
        return NULL;
    int64_t lv = b->row_level[row];
    if (b->chunk.def && b->chunk.def[lv] != b->pc->max_def)
        return NULL;
    return &b->chunk.bytes[b->row_value[row]];
}

static int fixed_at(const binding *b, int64_t row, double *d, int64_t *i)
{
    if (b->col < 0)
        return 0;
    int64_t lv = b->row_level[row];
    if (b->chunk.def && b->chunk.def[lv] != b->pc->max_def)
        return 0;
    const uint8_t *p = b->chunk.fixed + b->row_value[row] * b->chunk.width;
    int32_t i32;
    float f32;
    switch (b->pc->physical) {
    case PQ_INT32: memcpy(&i32, p, 4); *i = i32; *d = i32; break;
    case PQ_INT64: memcpy(i, p, 8); *d = (double)*i; break;
    case PQ_FLOAT: memcpy(&f32, p, 4); *d = f32; *i = 0; break;   /* counts are never floats */
    default: memcpy(d, p, 8); *i = 0;
    }
    return 1;
}

/* Copies a string value into a NUL-terminated reader-owned buffer. */
static const char *cstr(strbuf *s, const pq_bytes *v, size_t *len)
{
    if (!v) {
        *len = 0;
        return NULL;
    }
    if (v->len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < (size_t)v->len + 1)
            cap *= 2;
        char *n = realloc(s->p, cap);
        if (!n)
            return NULL;
        s->p = n;
        s->cap = cap;
    }
    memcpy(s->p, v->ptr, v->len);
    s->p[v->len] = 0;
    *len = v->len;
    return s->p;
}

static void fill_images(const zd_reader *r, zd_row *row)
{
    for (int k = 0; k < 8; k++) {
        const pq_bytes *v = bytes_at(&r->b[B_IMAGE0 + k], r->row);
        if (v) {
            row->image[k] = v->ptr;
            row->image_len[k] = v->len;
        }
    }
    const binding *b = &r->b[B_IMAGES];
    if (b->col < 0)
        return;
    int64_t v = b->row_value[r->row];
    int k = 0;
    for (int64_t i = b->row_level[r->row]; i < b->row_level[r->row + 1] && k < 8; i++, k++) {
        if (b->chunk.def[i] != b->pc->max_def)
            continue;
        if (!row->image[k]) {
            row->image[k] = b->chunk.bytes[v].ptr;
            row->image_len[k] = b->chunk.bytes[v].len;
        }
        v++;
    }
}

void zd_row_clear(zd_row *row)
{
    memset(row, 0, sizeof *row);
    row->ops_count = row->num_faces = row->num_renders = -1;
    row->face_latency_ms = row->ops_latency_ms = NAN;
}

static void fill_row(zd_reader *r, zd_row *row)
{
    double d;
    int64_t i;
    zd_row_clear(row);
    row->uuid = cstr(&r->s_uuid, bytes_at(&r->b[B_UUID], r->row), &row->uuid_len);
    row->code = cstr(&r->s_code, bytes_at(&r->b[B_CODE], r->row), &row->code_len);
    row->ops_json = cstr(&r->s_ops, bytes_at(&r->b[B_OPS_JSON], r->row), &row->ops_json_len);
    if (fixed_at(&r->b[B_OPS_COUNT], r->row, &d, &i)) row->ops_count = i;
    if (fixed_at(&r->b[B_FACES], r->row, &d, &i)) row->num_faces = i;
    if (fixed_at(&r->b[B_RENDERS], r->row, &d, &i)) row->num_renders = i;
    if (fixed_at(&r->b[B_FACE_LAT], r->row, &d, &i)) row->face_latency_ms = d;
    if (fixed_at(&r->b[B_OPS_LAT], r->row, &d, &i)) row->ops_latency_ms = d;
    fill_images(r, row);
    const pq_bytes *v = bytes_at(&r->b[B_STL], r->row);
    if (v) { row->stl = v->ptr; row->stl_len = v->len; }
    v = bytes_at(&r->b[B_STEP], r->row);
    if (v) { row->step = v->ptr; row->step_len = v->len; }
    v = bytes_at(&r->b[B_DESC], r->row);
    if (v) { row->description = (const char *)v->ptr; row->description_len = v->len; }
}

int zd_next(zd_reader *r, zd_row *row, char *err, size_t errlen)
{
    while (r->rg < 0 || r->row >= r->rg_rows) {
        if (r->rg + 1 >= pq_num_row_groups(r->f))
            return 0;
        r->rg++;
        if (load_row_group(r, err, errlen) < 0)
            return -1;
    }
    fill_row(r, row);
    if ((r->b[B_UUID].col >= 0 && bytes_at(&r->b[B_UUID], r->row) && !row->uuid) ||
        (r->b[B_CODE].col >= 0 && bytes_at(&r->b[B_CODE], r->row) && !row->code)) {
        snprintf(err, errlen, "%s: out of memory", pq_path(r->f));
        return -1;
    }
    r->row++;
    return 1;
}
