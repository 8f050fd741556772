/* pq_file.c: opening a parquet file: magic bytes, footer (read with two preads), schema tree
 * flattened into leaf columns with their definition/repetition levels, key-value metadata. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pq_file.h"

void pq_err(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    int n = snprintf(err, errlen, "%s: ", path);
    if (n < 0 || (size_t)n >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

int pq_pread_all(pq_file *f, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(f->fd, (char *)buf + done, len - done, (off_t)(off + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    f->bytes_read += len;
    return 0;
}

/* Walks schema[*idx] and its children, appending leaves. 0 or -1 with *why. */
static int walk(pq_file *f, int *idx, int depth, int def, int rep, int list_def, const char *prefix,
                const char **why)
{
    if (*idx >= f->meta.nschema) {
        *why = "schema has fewer elements than its num_children say";
        return -1;
    }
    if (depth > 64) {
        *why = "schema nested too deeply";
        return -1;
    }
    pq_schema_el *e = &f->meta.schema[*idx];
    int me = (*idx)++;
    if (e->repetition == PQ_OPTIONAL)
        def++;
    else if (e->repetition == PQ_REPEATED) {
        def++;
        rep++;
        list_def = def;
    } else if (e->repetition != PQ_REQUIRED) {
        *why = "schema element with an unknown repetition";
        return -1;
    }
    size_t plen = strlen(prefix) + strlen(e->name) + 2;
    char *path = malloc(plen);
    if (!path) {
        *why = "out of memory";
        return -1;
    }
    snprintf(path, plen, "%s%s%s", prefix, *prefix ? "." : "", e->name);
    int rc = 0;
    if (e->num_children > 0) {
        if (e->num_children > f->meta.nschema - *idx) {
            *why = "schema num_children larger than the schema";
            rc = -1;
        }
        for (int i = 0; rc == 0 && i < e->num_children; i++)
            rc = walk(f, idx, depth + 1, def, rep, list_def, path, why);
        free(path);
        return rc;
    }
    if (!e->has_type || e->type < PQ_BOOLEAN || e->type > PQ_FIXED_LEN_BYTE_ARRAY) {
        free(path);
        *why = "leaf column without a valid physical type";
        return -1;
    }
    if (e->type == PQ_FIXED_LEN_BYTE_ARRAY && (e->type_length <= 0 || e->type_length > (1 << 24))) {
        free(path);
        *why = "FIXED_LEN_BYTE_ARRAY column with a bad type_length";
        return -1;
    }
    if (f->ncols == f->capcols) {
        int cap = f->capcols ? f->capcols * 2 : 16;
        pq_column *nc = realloc(f->cols, (size_t)cap * sizeof *nc);
        int *ni = realloc(f->leaf_el, (size_t)cap * sizeof *ni);
        if (nc) f->cols = nc;
        if (ni) f->leaf_el = ni;
        if (!nc || !ni) {
            free(path);
            *why = "out of memory";
            return -1;
        }
        f->capcols = cap;
    }
    pq_column *c = &f->cols[f->ncols];
    f->leaf_el[f->ncols++] = me;
    c->path = path;
    c->name = e->name;
    c->physical = e->type;
    c->type_length = e->type_length;
    c->max_def = def;
    c->max_rep = rep;
    c->repetition = e->repetition;
    c->list_def = list_def;
    c->is_string = e->converted_type == PQ_CT_UTF8 || e->converted_type == 4 /* ENUM */ ||
                   e->converted_type == PQ_CT_JSON || e->logical == 1 || e->logical == 4 || e->logical == 12;
    return 0;
}

static int build_columns(pq_file *f, const char **why)
{
    pq_schema_el *root = &f->meta.schema[0];
    int idx = 1;
    if (root->num_children < 0 || root->num_children > f->meta.nschema - 1) {
        *why = "schema root num_children larger than the schema";
        return -1;
    }
    for (int i = 0; i < root->num_children; i++)
        if (walk(f, &idx, 1, 0, 0, 0, "", why) < 0)
            return -1;
    if (idx != f->meta.nschema) {
        *why = "schema has elements outside the root's tree";
        return -1;
    }
    for (int g = 0; g < f->meta.nrgs; g++) {
        pq_rowgroup *rg = &f->meta.rgs[g];
        if (rg->ncols != f->ncols) {
            *why = "a row group's column count differs from the schema's";
            return -1;
        }
        if (rg->num_rows < 0) {
            *why = "row group with a negative row count";
            return -1;
        }
        for (int c = 0; c < rg->ncols; c++) {
            if (rg->cols[c].type != f->cols[c].physical) {
                *why = "a column chunk's type differs from the schema's";
                return -1;
            }
            /* every row puts at least one value (or null) into every leaf column */
            if (rg->cols[c].num_values < rg->num_rows) {
                *why = "a row group has more rows than a column chunk has values";
                return -1;
            }
        }
    }
    return 0;
}

static int read_footer(pq_file *f, char *err, size_t errlen)
{
    uint8_t tail[8], head[4];
    if (f->size < 12) {
        pq_err(err, errlen, f->path, "too short for a parquet file (%llu bytes)", (unsigned long long)f->size);
        return -1;
    }
    if (pq_pread_all(f, head, 4, 0) < 0 || pq_pread_all(f, tail, 8, f->size - 8) < 0) {
        pq_err(err, errlen, f->path, "read error: %s", strerror(errno));
        return -1;
    }
    if (memcmp(head, "PAR1", 4) || memcmp(tail + 4, "PAR1", 4)) {
        pq_err(err, errlen, f->path, memcmp(tail + 4, "PARE", 4) ? "not a parquet file (no PAR1 magic)"
                                                                  : "encrypted parquet is not supported");
        return -1;
    }
    uint32_t flen = (uint32_t)tail[0] | (uint32_t)tail[1] << 8 | (uint32_t)tail[2] << 16 | (uint32_t)tail[3] << 24;
    if ((uint64_t)flen > f->size - 12) {
        pq_err(err, errlen, f->path, "footer length %u larger than the file (truncated?)", flen);
        return -1;
    }
    uint8_t *buf = malloc(flen ? flen : 1);
    if (!buf) {
        pq_err(err, errlen, f->path, "out of memory for a %u-byte footer", flen);
        return -1;
    }
    if (pq_pread_all(f, buf, flen, f->size - 8 - flen) < 0) {
        free(buf);
        pq_err(err, errlen, f->path, "read error: %s", strerror(errno));
        return -1;
    }
    const char *why = NULL;
    int rc = pq_meta_decode(buf, flen, &f->meta, &why);
    free(buf);
    if (rc < 0 || build_columns(f, &why) < 0) {
        pq_err(err, errlen, f->path, "bad footer: %s", why ? why : "malformed");
        return -1;
    }
    if (f->meta.num_rows < 0) {
        pq_err(err, errlen, f->path, "bad footer: negative row count");
        return -1;
    }
    return 0;
}

pq_file *pq_open(const char *path, char *err, size_t errlen)
{
    pq_file *f = calloc(1, sizeof *f);
    if (!f) {
        pq_err(err, errlen, path, "out of memory");
        return NULL;
    }
    f->fd = -1;
    f->path = strdup(path);
    if (!f->path) {
        free(f);
        pq_err(err, errlen, path, "out of memory");
        return NULL;
    }
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (f->fd < 0 || fstat(f->fd, &st) < 0) {
        pq_err(err, errlen, path, "%s", strerror(errno));
        pq_close(f);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        pq_err(err, errlen, path, "not a regular file");
        pq_close(f);
        return NULL;
    }
    f->size = (uint64_t)st.st_size;
    if (read_footer(f, err, errlen) < 0) {
        pq_close(f);
        return NULL;
    }
    return f;
}

void pq_close(pq_file *f)
{
    if (!f)
        return;
    if (f->fd >= 0)
        close(f->fd);
    for (int i = 0; i < f->ncols; i++)
        free((char *)f->cols[i].path);
    free(f->cols);
    free(f->leaf_el);
    pq_meta_free(&f->meta);
    free(f->path);
    free(f);
}

const char *pq_path(const pq_file *f) { return f->path; }
int64_t pq_num_rows(const pq_file *f) { return f->meta.num_rows; }
int pq_num_row_groups(const pq_file *f) { return f->meta.nrgs; }
int pq_num_columns(const pq_file *f) { return f->ncols; }
uint64_t pq_bytes_read(const pq_file *f) { return f->bytes_read; }

int64_t pq_row_group_rows(const pq_file *f, int rg)
{
    return rg >= 0 && rg < f->meta.nrgs ? f->meta.rgs[rg].num_rows : 0;
}

const pq_column *pq_column_at(const pq_file *f, int col)
{
    return col >= 0 && col < f->ncols ? &f->cols[col] : NULL;
}

int pq_find_column(const pq_file *f, const char *path)
{
    for (int i = 0; i < f->ncols; i++)
        if (!strcmp(f->cols[i].path, path))
            return i;
    return -1;
}

const char *pq_kv(const pq_file *f, const char *key)
{
    for (int i = 0; i < f->meta.nkvs; i++)
        if (!strcmp(f->meta.kvs[i].key, key))
            return f->meta.kvs[i].value ? f->meta.kvs[i].value : "";
    return NULL;
}

int64_t pq_chunk_compressed_size(const pq_file *f, int rg, int col)
{
    if (rg < 0 || rg >= f->meta.nrgs || col < 0 || col >= f->ncols)
        return 0;
    return f->meta.rgs[rg].cols[col].total_compressed;
}
