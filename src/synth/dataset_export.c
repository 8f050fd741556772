/* dataset_export.c: rows of shards written out as files a person or another tool can open:
 * OUT/<uuid>/program.py, view_0..7.png, model.step, model.stl and meta.json (the row's
 * scalar fields and where it came from). Only the columns needed are read. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "dataset.h"
#include "shard.h"

static int write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, "zerocad data export: cannot write %s: %s\n", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

static json_t *meta_of(const zd_row *row, const char *shard, long index)
{
    json_t *m = json_pack("{s:s%, s:s, s:I}", "uuid", row->uuid, row->uuid_len, "shard", shard, "row",
                          (json_int_t)index);
    json_t *ops = row->ops_json ? json_loadb(row->ops_json, row->ops_json_len, 0, NULL) : NULL;
    json_object_set_new(m, "cadquery_ops", ops ? ops : json_null());
    const char *ints[] = {"cadquery_ops_count", "num_faces", "num_renders"};
    int64_t iv[] = {row->ops_count, row->num_faces, row->num_renders};
    for (int i = 0; i < 3; i++)
        json_object_set_new(m, ints[i], iv[i] >= 0 ? json_integer(iv[i]) : json_null());
    json_object_set_new(m, "face_latency_ms", isnan(row->face_latency_ms) ? json_null() : json_real(row->face_latency_ms));
    json_object_set_new(m, "ops_latency_ms", isnan(row->ops_latency_ms) ? json_null() : json_real(row->ops_latency_ms));
    return m;
}

static int export_row(const zd_row *row, const char *shard, long index, const char *out_dir)
{
    char dir[4096], safe[128];
    size_t n = 0;
    for (size_t i = 0; i < row->uuid_len && n + 1 < sizeof safe; i++) {
        char c = row->uuid[i];
        safe[n++] = (c == '/' || c == '\0' || (i == 0 && c == '.')) ? '_' : c;
    }
    safe[n] = '\0';
    snprintf(dir, sizeof dir, "%s/%s", out_dir, n ? safe : "_");
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "zerocad data export: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    int rc = row->code ? write_file(dir, "program.py", row->code, row->code_len) : 0;
    for (int v = 0; v < 8 && rc == 0; v++) {
        char name[32];
        snprintf(name, sizeof name, "view_%d.png", v);
        if (row->image[v])
            rc = write_file(dir, name, row->image[v], row->image_len[v]);
    }
    if (rc == 0 && row->step)
        rc = write_file(dir, "model.step", row->step, row->step_len);
    if (rc == 0 && row->stl)
        rc = write_file(dir, "model.stl", row->stl, row->stl_len);
    json_t *meta = meta_of(row, shard, index);
    char *text = meta ? json_dumps(meta, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    if (rc == 0)
        rc = text ? write_file(dir, "meta.json", text, strlen(text)) : -1;
    free(text);
    json_decref(meta);
    if (rc == 0)
        printf("%s\n", dir);
    return rc;
}

/* Exports the wanted rows of one shard; *index counts rows across shards. 0, 1 error. */
static int export_shard(const char *path, const zs_export_opts *o, long *index, int *found)
{
    char err[1024];
    zd_reader *r = zd_open(path, ZD_COL_ALL, err, sizeof err);
    if (!r) {
        fprintf(stderr, "zerocad data export: %s\n", err);
        return 1;
    }
    long first = *index, rows = (long)zd_rows(r);
    *index += rows;
    if (!o->id && (o->to <= first || o->from >= first + rows)) {
        zd_close(r);
        return 0;
    }
    zd_row row;
    int got, rc = 0;
    for (long i = first; rc == 0 && (got = zd_next(r, &row, err, sizeof err)) == 1; i++) {
        int want = o->id ? (strlen(o->id) == row.uuid_len && !memcmp(o->id, row.uuid, row.uuid_len))
                         : (i >= o->from && i < o->to);
        if (!want)
            continue;
        (*found)++;
        rc = export_row(&row, path, i, o->out_dir) < 0;
    }
    if (rc == 0 && got < 0) {
        fprintf(stderr, "zerocad data export: %s\n", err);
        rc = 1;
    }
    zd_close(r);
    return rc;
}

int zs_export(char **paths, int n, const zs_export_opts *o)
{
    if (mkdir(o->out_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "zerocad data export: %s: %s\n", o->out_dir, strerror(errno));
        return 1;
    }
    long index = 0;
    int found = 0, rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = export_shard(paths[i], o, &index, &found);
    if (rc == 0 && found == 0) {
        if (o->id)
            fprintf(stderr, "zerocad data export: no row has uuid %s\n", o->id);
        else
            fprintf(stderr, "zerocad data export: rows %ld:%ld are past the end (%ld rows)\n", o->from, o->to, index);
        rc = 1;
    }
    return rc;
}
