/* rowmake.c: the worker side of a dataset row. Given the solid a program left, in the
 * sandbox: counts and validity, volume, area and principal moments, STEP and STL bytes (the
 * kernel's writers, through files in the worker's scratch directory, read back and removed),
 * the 8 views of the default view spec as PNG, the CadQuery call trace; all packed into the
 * executor's shared payload area. The supervisor reads it back with zs_rowmake_parse. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xxhash.h>

#include "kernel.h"
#include "render.h"
#include "rowmake.h"

#define ZS_MAGIC 0x3152535au   /* "ZSR1" */

typedef struct {
    uint32_t magic;
    zs_facts facts;
    uint64_t len[ZS_NBLOBS];
} zs_head;

typedef struct {
    unsigned char *buf;
    size_t cap, used;
    char *err;
    size_t errlen;
} packer;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int put(packer *p, zs_head *h, int k, const void *data, size_t len)
{
    if (len > p->cap - p->used) {
        snprintf(p->err, p->errlen, "RowError: the row does not fit in %zu bytes", p->cap);
        return -1;
    }
    memcpy(p->buf + p->used, data, len);
    p->used += len;
    h->len[k] = len;
    return 0;
}

static int count_of(const zk_shape *s, zk_type t)
{
    zk_shape **list;
    size_t n;
    if (zk_explore(s, t, &list, &n) < 0)
        return -1;
    zk_free_list(list, n);
    return (int)n;
}

/* Eigenvalues of a symmetric 3x3 matrix (cyclic Jacobi), ascending. */
static void eigen_sym3(const double m[9], double out[3])
{
    double a[3][3];
    memcpy(a, m, sizeof a);
    for (int sweep = 0; sweep < 50; sweep++) {
        double off = fabs(a[0][1]) + fabs(a[0][2]) + fabs(a[1][2]);
        if (off < 1e-300)
            break;
        for (int p = 0; p < 2; p++) {
            for (int q = p + 1; q < 3; q++) {
                if (a[p][q] == 0.0)
                    continue;
                double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < 3; k++) {   /* A = J^T A J */
                    double akp = a[k][p], akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (int k = 0; k < 3; k++) {
                    double apk = a[p][k], aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
            }
        }
    }
    double e[3] = {a[0][0], a[1][1], a[2][2]};
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            if (e[j] < e[i]) {
                double t = e[i];
                e[i] = e[j];
                e[j] = t;
            }
    memcpy(out, e, sizeof e);
}

/* Invariants under rigid motion, rounded to 5 significant digits (moments scaled by
 * volume^(5/3) so that they do not repeat the volume), hashed. */
static uint64_t geometric_key(const zs_facts *f)
{
    double scale = f->volume > 0 ? pow(f->volume, 5.0 / 3.0) : 1.0;
    char text[256];
    snprintf(text, sizeof text, "%.4e %.4e %d %d %.4e %.4e %.4e", f->volume, f->area, f->faces, f->edges,
             f->inertia_eig[0] / scale, f->inertia_eig[1] / scale, f->inertia_eig[2] / scale);
    return XXH3_64bits(text, strlen(text));
}

static int measure(const zk_shape *s, zs_facts *f, char *err, size_t errlen)
{
    f->solids = count_of(s, ZK_SOLID);
    f->shells = count_of(s, ZK_SHELL);
    f->faces = count_of(s, ZK_FACE);
    f->edges = count_of(s, ZK_EDGE);
    f->valid = zk_is_valid(s) == 1;
    f->area = zk_area(s);
    zk_vec centre;
    double inertia[9];
    if (zk_volume_inertia(s, &f->volume, &centre, inertia) < 0) {
        snprintf(err, errlen, "RowError: cannot measure the solid: %s", zk_error_message());
        return -1;
    }
    eigen_sym3(inertia, f->inertia_eig);
    f->geo_key = geometric_key(f);
    return 0;
}

/* Writes the solid with the kernel's writer to a scratch file and packs its bytes. */
static int pack_export(packer *p, zs_head *h, int k, const zx_hook_input *in)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.zerocad-row.%s", in->scratch, k == ZS_BLOB_STEP ? "step" : "stl");
    int rc = k == ZS_BLOB_STEP ? zk_write_step(in->shape, path) : zk_write_stl(in->shape, path, 0.1, 0.1, 0, 0);
    if (rc < 0) {
        snprintf(p->err, p->errlen, "ExportError: %s export failed: %s", k == ZS_BLOB_STEP ? "STEP" : "STL",
                 zk_error_message());
        unlink(path);
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    rc = fd >= 0 && fstat(fd, &st) == 0 && (size_t)st.st_size <= p->cap - p->used ? 0 : -1;
    size_t got = 0;
    while (rc == 0 && got < (size_t)st.st_size) {
        ssize_t n = read(fd, p->buf + p->used + got, (size_t)st.st_size - got);
        if (n <= 0)
            rc = -1;
        else
            got += (size_t)n;
    }
    if (fd >= 0)
        close(fd);
    unlink(path);
    if (rc < 0) {
        snprintf(p->err, p->errlen, "ExportError: cannot read back the %s export", k == ZS_BLOB_STEP ? "STEP" : "STL");
        return -1;
    }
    p->used += got;
    h->len[k] = got;
    return 0;
}

static int pack_views(packer *p, zs_head *h, const zx_hook_input *in, zs_facts *f)
{
    zr_spec spec;
    zr_scene scene;
    zr_framing framing;
    memset(&scene, 0, sizeof scene);
    if (zr_spec_default(&spec) < 0) {
        snprintf(p->err, p->errlen, "RenderError: no default view spec");
        return -1;
    }
    double t0 = now_ms();
    int rc = zr_scene_from_shape(in->shape, &spec, &scene, p->err, p->errlen);
    f->face_latency_ms = now_ms() - t0;
    if (rc == 0)
        rc = zr_framing_of(&scene, &framing, p->err, p->errlen);
    if (rc == 0 && spec.nviews != 8) {
        snprintf(p->err, p->errlen, "RenderError: the view spec has %zu views, not 8", spec.nviews);
        rc = -1;
    }
    XXH3_state_t *hash = XXH3_createState();
    if (hash)
        XXH3_64bits_reset(hash);
    for (size_t v = 0; rc == 0 && v < 8; v++) {
        uint8_t *png = NULL;
        size_t len = 0;
        rc = zr_render_png(&scene, &framing, &spec, v, &png, &len, p->err, p->errlen);
        if (rc == 0)
            rc = put(p, h, ZS_BLOB_VIEW0 + (int)v, png, len);
        if (rc == 0 && hash)
            XXH3_64bits_update(hash, png, len);
        free(png);
    }
    f->view_key = hash ? XXH3_64bits_digest(hash) : 0;
    XXH3_freeState(hash);
    zr_scene_free(&scene);
    zr_spec_free(&spec);
    return rc;
}

/* A payload under construction: the head (magic, run time) with room for blobs after it.
 * Returns 0, or -1 when the area cannot even hold the head. */
static int start_payload(zs_head *h, packer *p, const zx_hook_input *in, unsigned char *buf, size_t cap,
                         char *err, size_t errlen)
{
    memset(h, 0, sizeof *h);
    h->magic = ZS_MAGIC;
    h->facts.ops_latency_ms = in->seconds * 1e3;
    *p = (packer){.buf = buf, .cap = cap, .used = sizeof *h, .err = err, .errlen = errlen};
    if (cap >= sizeof *h)
        return 0;
    snprintf(err, errlen, "RowError: no room for the row");
    return -1;
}

long zs_rowmake_hook(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err, size_t errlen)
{
    (void)ctx;
    zs_head h;
    packer p;
    if (start_payload(&h, &p, in, buf, cap, err, errlen) < 0)
        return -1;
    if (measure(in->shape, &h.facts, err, errlen) < 0)
        return -1;
    if (zs_validate(&h.facts)) {   /* rejected: the facts say why, no blobs are needed */
        memcpy(buf, &h, sizeof h);
        return (long)sizeof h;
    }
    if (pack_export(&p, &h, ZS_BLOB_STEP, in) < 0 || pack_export(&p, &h, ZS_BLOB_STL, in) < 0 ||
        pack_views(&p, &h, in, &h.facts) < 0)
        return -1;
    long count = 0;
    char *ops = zs_ops_trace(in->source, &count);
    if (!ops) {
        snprintf(err, errlen, "RowError: cannot trace the program's CadQuery calls");
        return -1;
    }
    h.facts.ops_count = count;
    int rc = put(&p, &h, ZS_BLOB_OPS, ops, strlen(ops));
    free(ops);
    if (rc < 0)
        return -1;
    memcpy(buf, &h, sizeof h);
    return (long)p.used;
}

long zs_views_hook(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err, size_t errlen)
{
    (void)ctx;
    zs_head h;
    packer p;
    if (start_payload(&h, &p, in, buf, cap, err, errlen) < 0)
        return -1;
    /* The rows' views are drawn after the STL export meshed the solid in place: mesh it alike,
     * so that a program's views here are the pixels of its row. */
    zk_mesh m;
    if (zk_mesh_shape(in->shape, 0.1, 0.1, 0, &m) == 0)
        zk_mesh_free(&m);
    if (pack_views(&p, &h, in, &h.facts) < 0)
        return -1;
    memcpy(buf, &h, sizeof h);
    return (long)p.used;
}

int zs_rowmake_parse(const unsigned char *payload, size_t len, zs_made *out)
{
    zs_head h;
    if (!payload || len < sizeof h)
        return -1;
    memcpy(&h, payload, sizeof h);
    if (h.magic != ZS_MAGIC)
        return -1;
    memset(out, 0, sizeof *out);
    out->facts = h.facts;
    size_t at = sizeof h;
    static const int order[] = {ZS_BLOB_STEP, ZS_BLOB_STL, ZS_BLOB_VIEW0, ZS_BLOB_VIEW0 + 1, ZS_BLOB_VIEW0 + 2,
                                ZS_BLOB_VIEW0 + 3, ZS_BLOB_VIEW0 + 4, ZS_BLOB_VIEW0 + 5, ZS_BLOB_VIEW0 + 6,
                                ZS_BLOB_VIEW0 + 7, ZS_BLOB_OPS};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int k = order[i];
        if (h.len[k] > len - at)
            return -1;
        out->blob[k] = payload + at;
        out->blob_len[k] = (size_t)h.len[k];
        at += (size_t)h.len[k];
    }
    return 0;
}

const char *zs_validate(const zs_facts *f)
{
    if (f->solids != 1)
        return "not a single solid";
    if (!f->valid)
        return "invalid solid";
    if (f->faces < 7)
        return "fewer than 7 faces";
    return NULL;
}
