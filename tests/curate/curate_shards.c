/* curate_shards.c: the test driver of tests/curate/test_curate_cli.py.
 *   curate_shards make SPEC.json DIR   writes the rows a JSON spec describes as shards in DIR:
 *       {"rows_per_file": R, "size": PX, "rows": [{"uuid", "shape": "box"|"cylinder"|"sphere",
 *        "dims": [a, b, c], "offset": [x, y, z], "code", "ops_json" (string or null),
 *        "num_faces", "step"}...]}; each row's mesh is built here, its STL written as binary STL
 *       and its 8 default views rendered by the renderer (PX x PX).
 *   curate_shards dump FILE...         prints one JSON object per row: uuid and an FNV-1a 64 digest
 *       of every column's bytes (null: "null"), to compare rows across files.
 *   curate_shards images FILE DIR      writes each row's views as DIR/<uuid>_<k>.png.
 *   curate_shards pack ROWS.jsonl OUT  writes one shard from files: each line {"uuid", "code": PATH,
 *       "stl": PATH, "images": [8 PATHs], "num_faces", "ops_json" (string, optional)}.
 * The shards go through the shard layer (zd_writer / zd_reader) that DuckDB checks in tests/data. */
#define _GNU_SOURCE
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "shard.h"

typedef struct {
    float *p;
    size_t np, nt, cap;
} tris;

static void add_tri(tris *m, const double a[3], const double b[3], const double c[3])
{
    if (m->nt == m->cap)
        m->p = realloc(m->p, sizeof(float) * 9 * (m->cap = m->cap ? 2 * m->cap : 64));
    const double *v[3] = {a, b, c};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < 3; i++)
            m->p[9 * m->nt + 3 * k + i] = (float)v[k][i];
    m->nt++;
}

static void quad(tris *m, const double a[3], const double b[3], const double c[3], const double d[3])
{
    add_tri(m, a, b, c);
    add_tri(m, a, c, d);
}

static void box(tris *m, const double *dim, const double *o)
{
    static const int q[6][4][3] = {
        {{0, 0, 0}, {0, 1, 0}, {1, 1, 0}, {1, 0, 0}}, {{0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}},
        {{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {0, 0, 1}}, {{0, 1, 0}, {0, 1, 1}, {1, 1, 1}, {1, 1, 0}},
        {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}}, {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {1, 0, 1}},
    };
    for (int f = 0; f < 6; f++) {
        double v[4][3];
        for (int k = 0; k < 4; k++)
            for (int i = 0; i < 3; i++)
                v[k][i] = o[i] + dim[i] * q[f][k][i];
        quad(m, v[0], v[1], v[2], v[3]);
    }
}

/* radius dim[0], height dim[1], along z */
static void cylinder(tris *m, const double *dim, const double *o)
{
    enum { SEG = 48 };
    double r = dim[0], h = dim[1];
    double cb[3] = {o[0], o[1], o[2]}, ct[3] = {o[0], o[1], o[2] + h};
    for (int i = 0; i < SEG; i++) {
        double a0 = 2 * M_PI * i / SEG, a1 = 2 * M_PI * (i + 1) / SEG;
        double b0[3] = {o[0] + r * cos(a0), o[1] + r * sin(a0), o[2]}, b1[3] = {o[0] + r * cos(a1), o[1] + r * sin(a1), o[2]};
        double t0[3] = {b0[0], b0[1], o[2] + h}, t1[3] = {b1[0], b1[1], o[2] + h};
        add_tri(m, cb, b1, b0);
        add_tri(m, ct, t0, t1);
        quad(m, b0, b1, t1, t0);
    }
}

/* radius dim[0] */
static void sphere(tris *m, const double *dim, const double *o)
{
    enum { NU = 48, NV = 24 };
    double r = dim[0];
    for (int j = 0; j < NV; j++)
        for (int i = 0; i < NU; i++) {
            double th[2] = {M_PI * j / NV, M_PI * (j + 1) / NV}, ph[2] = {2 * M_PI * i / NU, 2 * M_PI * (i + 1) / NU};
            double v[4][3];
            const int idx[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
            for (int k = 0; k < 4; k++) {
                double t = th[idx[k][0]], p = ph[idx[k][1]];
                v[k][0] = o[0] + r * sin(t) * cos(p), v[k][1] = o[1] + r * sin(t) * sin(p), v[k][2] = o[2] + r * cos(t);
            }
            if (j > 0)
                add_tri(m, v[0], v[1], v[2]);
            if (j < NV - 1)
                add_tri(m, v[0], v[2], v[3]);
        }
}

static unsigned char *stl_bytes(const tris *m, size_t *len)
{
    *len = 84 + 50 * m->nt;
    unsigned char *d = calloc(1, *len);
    uint32_t nt = (uint32_t)m->nt;
    memcpy(d + 80, &nt, 4);
    for (size_t t = 0; t < m->nt; t++)
        memcpy(d + 84 + 50 * t + 12, m->p + 9 * t, 36);
    return d;
}

static int fail(const char *msg, const char *detail)
{
    fprintf(stderr, "curate_shards: %s%s%s\n", msg, detail ? ": " : "", detail ? detail : "");
    return 1;
}

static int mesh_of(json_t *row, tris *m)
{
    const char *shape = json_string_value(json_object_get(row, "shape"));
    double dim[3] = {0}, off[3] = {0};
    for (int i = 0; i < 3; i++) {
        dim[i] = json_number_value(json_array_get(json_object_get(row, "dims"), (size_t)i));
        off[i] = json_number_value(json_array_get(json_object_get(row, "offset"), (size_t)i));
    }
    if (!shape)
        return -1;
    if (!strcmp(shape, "box"))
        box(m, dim, off);
    else if (!strcmp(shape, "cylinder"))
        cylinder(m, dim, off);
    else if (!strcmp(shape, "sphere"))
        sphere(m, dim, off);
    else
        return -1;
    return 0;
}

static int write_row(zd_writer *w, json_t *row, int size, char *err, size_t errlen)
{
    tris m = {0};
    if (mesh_of(row, &m)) {
        snprintf(err, errlen, "bad shape in a row");
        return -1;
    }
    size_t stl_len;
    unsigned char *stl = stl_bytes(&m, &stl_len);
    free(m.p);
    zr_spec spec;
    zr_scene scene;
    zr_framing fr;
    zr_spec_default(&spec);
    zr_spec_set_size(&spec, size);
    int rc = zr_scene_from_stl(stl, stl_len, "row", &spec, &scene, err, errlen);
    if (!rc)
        rc = zr_framing_of(&scene, &fr, err, errlen);
    zd_row r;
    memset(&r, 0, sizeof r);
    for (int v = 0; !rc && v < 8; v++) {
        unsigned char *png;
        rc = zr_render_png(&scene, &fr, &spec, (size_t)v, &png, &r.image_len[v], err, errlen);
        r.image[v] = png;
    }
    if (!rc) {
        const char *uuid = json_string_value(json_object_get(row, "uuid"));
        const char *code = json_string_value(json_object_get(row, "code"));
        const char *ops = json_string_value(json_object_get(row, "ops_json"));
        const char *step = json_string_value(json_object_get(row, "step"));
        r.uuid = uuid, r.uuid_len = strlen(uuid);
        r.code = code, r.code_len = strlen(code);
        r.ops_json = ops, r.ops_json_len = ops ? strlen(ops) : 0;
        r.ops_count = json_is_integer(json_object_get(row, "ops_count")) ? json_integer_value(json_object_get(row, "ops_count")) : -1;
        r.num_faces = json_is_integer(json_object_get(row, "num_faces")) ? json_integer_value(json_object_get(row, "num_faces")) : -1;
        r.num_renders = 8;
        r.face_latency_ms = json_number_value(json_object_get(row, "face_latency_ms"));
        r.ops_latency_ms = NAN;
        r.stl = stl, r.stl_len = stl_len;
        r.step = (const unsigned char *)step, r.step_len = step ? strlen(step) : 0;
        rc = zd_write(w, &r, err, errlen);
    }
    for (int v = 0; v < 8; v++)
        free((void *)r.image[v]);
    zr_scene_free(&scene);
    zr_spec_free(&spec);
    free(stl);
    return rc;
}

static int cmd_make(const char *spec_path, const char *dir)
{
    json_error_t je;
    json_t *spec = json_load_file(spec_path, 0, &je);
    if (!spec)
        return fail("cannot read the spec", je.text);
    json_t *rows = json_object_get(spec, "rows");
    size_t per = (size_t)json_integer_value(json_object_get(spec, "rows_per_file"));
    int size = (int)json_integer_value(json_object_get(spec, "size"));
    char err[1024], path[4096];
    zd_writer *w = NULL;
    int rc = 0, file = 0;
    for (size_t i = 0; !rc && i < json_array_size(rows); i++) {
        if (!w) {
            snprintf(path, sizeof path, "%s/shard-%03d.parquet", dir, file++);
            if (!(w = zd_writer_open(path, NULL, err, sizeof err)))
                rc = -1;
        }
        if (!rc)
            rc = write_row(w, json_array_get(rows, i), size, err, sizeof err);
        if (!rc && ((i + 1) % per == 0 || i + 1 == json_array_size(rows))) {
            rc = zd_writer_close(w, err, sizeof err);
            w = NULL;
        }
    }
    if (w)
        zd_writer_abort(w);
    json_decref(spec);
    return rc ? fail("make", err) : 0;
}

static void digest(json_t *o, const char *key, const void *data, size_t len)
{
    if (!data) {
        json_object_set_new(o, key, json_string("null"));
        return;
    }
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ ((const unsigned char *)data)[i]) * 0x100000001b3ull;
    char hex[40];
    snprintf(hex, sizeof hex, "%016llx:%zu", (unsigned long long)h, len);
    json_object_set_new(o, key, json_string(hex));
}

static int cmd_dump(int n, char **files)
{
    char err[1024];
    for (int f = 0; f < n; f++) {
        zd_reader *r = zd_open(files[f], ZD_COL_ALL, err, sizeof err);
        if (!r)
            return fail("dump", err);
        zd_row row;
        int rc;
        while ((rc = zd_next(r, &row, err, sizeof err)) == 1) {
            json_t *o = json_object();
            json_object_set_new(o, "uuid", json_stringn(row.uuid, row.uuid_len));
            digest(o, "cadquery_file", row.code, row.code_len);
            digest(o, "cadquery_ops_json", row.ops_json, row.ops_json_len);
            for (int v = 0; v < 8; v++) {
                char key[16];
                snprintf(key, sizeof key, "image_%d", v);
                digest(o, key, row.image[v], row.image_len[v]);
            }
            digest(o, "stl_file", row.stl, row.stl_len);
            digest(o, "step_file", row.step, row.step_len);
            char nums[160];
            snprintf(nums, sizeof nums, "%lld %lld %lld %.17g %.17g", (long long)row.ops_count,
                     (long long)row.num_faces, (long long)row.num_renders, row.face_latency_ms, row.ops_latency_ms);
            json_object_set_new(o, "scalars", json_string(nums));
            char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
            printf("%s\n", s);
            free(s);
            json_decref(o);
        }
        zd_close(r);
        if (rc < 0)
            return fail("dump", err);
    }
    return 0;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    unsigned char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
            break;
        size_t got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
        if (!got)
            break;
    }
    fclose(f);
    return buf;
}

static int pack_row(zd_writer *w, json_t *j, char *err, size_t errlen)
{
    zd_row r;
    zd_row_clear(&r);
    unsigned char *parts[10] = {0};
    size_t lens[10] = {0};
    const char *uuid = json_string_value(json_object_get(j, "uuid"));
    parts[0] = slurp(json_string_value(json_object_get(j, "code")), &lens[0]);
    parts[1] = slurp(json_string_value(json_object_get(j, "stl")), &lens[1]);
    for (int v = 0; v < 8; v++)
        parts[2 + v] = slurp(json_string_value(json_array_get(json_object_get(j, "images"), (size_t)v)), &lens[2 + v]);
    int rc = uuid && parts[0] ? 0 : -1;
    if (rc)
        snprintf(err, errlen, "a row without uuid or readable code");
    if (!rc) {
        const char *ops = json_string_value(json_object_get(j, "ops_json"));
        r.uuid = uuid, r.uuid_len = strlen(uuid);
        r.code = (const char *)parts[0], r.code_len = lens[0];
        r.ops_json = ops, r.ops_json_len = ops ? strlen(ops) : 0;
        r.num_faces = json_is_integer(json_object_get(j, "num_faces")) ? json_integer_value(json_object_get(j, "num_faces")) : -1;
        r.stl = parts[1], r.stl_len = lens[1];
        for (int v = 0; v < 8; v++)
            r.image[v] = parts[2 + v], r.image_len[v] = lens[2 + v];
        r.num_renders = parts[2] ? 8 : -1;
        rc = zd_write(w, &r, err, errlen);
    }
    for (int i = 0; i < 10; i++)
        free(parts[i]);
    return rc;
}

static int cmd_pack(const char *list, const char *out)
{
    char err[1024];
    FILE *f = fopen(list, "r");
    if (!f)
        return fail("cannot open", list);
    zd_writer *w = zd_writer_open(out, NULL, err, sizeof err);
    int rc = w ? 0 : -1;
    char *line = NULL;
    size_t cap = 0;
    while (!rc && getline(&line, &cap, f) > 0) {
        json_error_t je;
        json_t *j = json_loads(line, 0, &je);
        rc = j ? pack_row(w, j, err, sizeof err) : -1;
        if (!j)
            snprintf(err, sizeof err, "%s: %s", list, je.text);
        json_decref(j);
    }
    free(line);
    fclose(f);
    if (!rc)
        rc = zd_writer_close(w, err, sizeof err);
    else if (w)
        zd_writer_abort(w);
    return rc ? fail("pack", err) : 0;
}

static int cmd_images(const char *file, const char *dir)
{
    char err[1024], path[4096];
    zd_reader *r = zd_open(file, ZD_COL_IMAGES, err, sizeof err);
    if (!r)
        return fail("images", err);
    zd_row row;
    int rc;
    while ((rc = zd_next(r, &row, err, sizeof err)) == 1)
        for (int v = 0; v < 8 && row.image[v]; v++) {
            snprintf(path, sizeof path, "%s/%.*s_%d.png", dir, (int)row.uuid_len, row.uuid, v);
            FILE *f = fopen(path, "wb");
            if (!f || fwrite(row.image[v], 1, row.image_len[v], f) != row.image_len[v]) {
                zd_close(r);
                return fail("cannot write", path);
            }
            fclose(f);
        }
    zd_close(r);
    return rc < 0 ? fail("images", err) : 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "pack"))
        return cmd_pack(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "images"))
        return cmd_images(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "make"))
        return cmd_make(argv[2], argv[3]);
    if (argc >= 3 && !strcmp(argv[1], "dump"))
        return cmd_dump(argc - 2, argv + 2);
    fprintf(stderr, "usage: curate_shards make SPEC.json DIR | dump FILE... | images FILE DIR | pack ROWS.jsonl OUT\n");
    return 2;
}
