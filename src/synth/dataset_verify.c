/* dataset_verify.c: every row of a set of shards checked by parsers independent of the code
 * that wrote it: uuid present and unique, the program valid UTF-8, eight PNG views that libspng
 * decodes at 256x256, an STL the renderer's reader accepts, a STEP the kernel reads with as
 * many faces as num_faces says. One line per problem, a summary at the end. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>
#include <xxhash.h>

#include "dataset.h"
#include "kernel.h"
#include "keyset.h"
#include "render.h"
#include "shard.h"
#include "vision.h"

typedef struct {
    FILE *out;
    zs_keyset uuids;
    long rows, bad_rows, problems;
    char step_tmp[64];
    zr_spec spec;
} verifier;

static void problem(verifier *v, const char *shard, long row, const zd_row *r, const char *what, const char *detail)
{
    fprintf(v->out, "%s: row %ld (%.*s): %s%s%s\n", shard, row, (int)(r->uuid_len > 64 ? 64 : r->uuid_len),
            r->uuid ? r->uuid : "", what, detail && detail[0] ? ": " : "", detail ? detail : "");
    v->problems++;
}

static int valid_utf8(const char *s, size_t len)
{
    utf8proc_ssize_t at = 0;
    while ((size_t)at < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + at, (utf8proc_ssize_t)len - at, &cp);
        if (n <= 0 || cp < 0)
            return 0;
        at += n;
    }
    return 1;
}

static void check_views(verifier *v, const char *shard, long row, const zd_row *r)
{
    for (int k = 0; k < 8; k++) {
        char what[64], err[512];
        snprintf(what, sizeof what, "image_%d", k);
        if (!r->image[k]) {
            problem(v, shard, row, r, what, "missing");
            continue;
        }
        uint8_t *rgb = NULL;
        int w = 0, h = 0;
        if (zc_image_decode_png(r->image[k], r->image_len[k], what, &rgb, &w, &h, err, sizeof err) < 0)
            problem(v, shard, row, r, what, err);
        else if (w != 256 || h != 256) {
            snprintf(err, sizeof err, "%dx%d, not 256x256", w, h);
            problem(v, shard, row, r, what, err);
        }
        free(rgb);
    }
}

static void check_stl(verifier *v, const char *shard, long row, const zd_row *r)
{
    char err[512];
    zr_scene scene;
    if (!r->stl) {
        problem(v, shard, row, r, "stl_file", "missing");
        return;
    }
    if (zr_scene_from_stl(r->stl, r->stl_len, "stl_file", &v->spec, &scene, err, sizeof err) < 0)
        problem(v, shard, row, r, "stl_file", err);
    else
        zr_scene_free(&scene);
}

static void check_step(verifier *v, const char *shard, long row, const zd_row *r)
{
    if (!r->step) {
        problem(v, shard, row, r, "step_file", "missing");
        return;
    }
    FILE *f = fopen(v->step_tmp, "wb");
    int ok = f && fwrite(r->step, 1, r->step_len, f) == r->step_len;
    if (f && fclose(f) != 0)
        ok = 0;
    zk_shape *s = ok ? zk_read_step(v->step_tmp) : NULL;
    if (!s) {
        problem(v, shard, row, r, "step_file", ok ? zk_error_message() : "cannot write a temporary copy");
        return;
    }
    zk_shape **faces;
    size_t n = 0;
    if (zk_explore(s, ZK_FACE, &faces, &n) == 0)
        zk_free_list(faces, n);
    if (r->num_faces >= 0 && (int64_t)n != r->num_faces) {
        char d[96];
        snprintf(d, sizeof d, "%zu faces, num_faces says %lld", n, (long long)r->num_faces);
        problem(v, shard, row, r, "step_file", d);
    }
    zk_unref(s);
}

static void check_row(verifier *v, const char *shard, long row, const zd_row *r)
{
    long before = v->problems;
    if (!r->uuid || r->uuid_len == 0)
        problem(v, shard, row, r, "uuid", "empty");
    else if (zs_keyset_add(&v->uuids, XXH3_64bits(r->uuid, r->uuid_len)) == 0)
        problem(v, shard, row, r, "uuid", "not unique");
    if (!r->code || !valid_utf8(r->code, r->code_len))
        problem(v, shard, row, r, "cadquery_file", r->code ? "not valid UTF-8" : "missing");
    check_views(v, shard, row, r);
    check_stl(v, shard, row, r);
    check_step(v, shard, row, r);
    v->rows++;
    v->bad_rows += v->problems > before;
}

static int verify_shard(verifier *v, const char *path)
{
    char err[1024];
    zd_reader *r = zd_open(path, ZD_COL_ALL, err, sizeof err);
    if (!r) {
        fprintf(v->out, "%s\n", err);
        v->problems++;
        return 0;
    }
    zd_row row;
    int got;
    long n = 0;
    while ((got = zd_next(r, &row, err, sizeof err)) == 1) {
        check_row(v, path, ++n, &row);
        if (isatty(2) && v->rows % 50 == 0)
            fprintf(stderr, "\rzerocad data verify: %ld rows", v->rows);
    }
    if (got < 0) {
        fprintf(v->out, "%s\n", err);
        v->problems++;
    }
    zd_close(r);
    return 0;
}

int zs_verify(char **paths, int n, FILE *out)
{
    verifier v;
    memset(&v, 0, sizeof v);
    v.out = out;
    zs_keyset_init(&v.uuids);
    zk_init();
    zr_spec_default(&v.spec);
    const char *tmp = getenv("TMPDIR");
    snprintf(v.step_tmp, sizeof v.step_tmp, "%.40s/zerocad-verify-%d.step", tmp && tmp[0] ? tmp : "/tmp", (int)getpid());
    for (int i = 0; i < n; i++)
        verify_shard(&v, paths[i]);
    unlink(v.step_tmp);
    if (isatty(2))
        fprintf(stderr, "\r\033[K");
    fprintf(out, "%s: %ld rows in %d files, %ld with problems (%ld problems)\n",
            v.problems ? "FAILED" : "OK", v.rows, n, v.bad_rows, v.problems);
    zs_keyset_free(&v.uuids);
    zr_spec_free(&v.spec);
    return v.problems ? 1 : 0;
}
