/* views_load.c: the first stage of the reconstruct pipeline (zrc_views_load in recon.h): the input
 * views as RGB images, from PNG files, a folder of PNGs (name order), a dataset row's own
 * image_0..7 (SHARD#UUID, decoded in memory), or a shape (CadQuery program, STEP or STL) rendered
 * with the default view spec. */
#define _GNU_SOURCE
#include "cq.h"
#include "dataset.h"
#include "recon.h"
#include "render.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void zrc_views_free(zrc_views *v)
{
    for (int i = 0; i < ZRC_MAX_VIEWS; i++)
        free((uint8_t *)v->rgb[i]);
    memset(v, 0, sizeof *v);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_files(const char *const *files, int n, zrc_views *v, char *err, size_t errlen)
{
    for (int i = 0; i < n && i < ZRC_MAX_VIEWS; i++) {
        uint8_t *rgb = NULL;
        if (zc_image_load_png(files[i], &rgb, &v->w[i], &v->h[i], err, errlen))
            return -1;
        v->rgb[i] = rgb;
        v->n = i + 1;
    }
    return 0;
}

static int load_dir(const char *dir, zrc_views *v, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d)
        return snprintf(err, errlen, "%s: %s", dir, strerror(errno)), -1;
    char *names[ZRC_MAX_VIEWS];
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < ZRC_MAX_VIEWS;) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcasecmp(e->d_name + l - 4, ".png") && asprintf(&names[n], "%s/%s", dir, e->d_name) >= 0)
            n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    int rc = n ? load_files((const char *const *)names, n, v, err, errlen) : -1;
    if (!n)
        snprintf(err, errlen, "%s: no .png views", dir);
    for (int i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

static int load_row(const char *ref, zrc_views *v, char *err, size_t errlen)
{
    zd_reader *r;
    zd_row row;
    if (zs_find_row(ref, ZD_COL_IMAGES, &r, &row, err, errlen) < 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < 8 && rc == 0; i++) {
        char name[32], e2[1024];
        uint8_t *rgb = NULL;
        snprintf(name, sizeof name, "image_%d", i);
        if (!row.image[i]) {
            snprintf(err, errlen, "%s: the row has no %s", ref, name);
            rc = -1;
        } else if (zc_image_decode_png(row.image[i], row.image_len[i], name, &rgb, &v->w[i], &v->h[i], e2, sizeof e2)) {
            snprintf(err, errlen, "%s: %s", ref, e2);
            rc = -1;
        }
        v->rgb[i] = rgb;
    }
    zd_close(r);
    v->n = rc ? 0 : 8;
    return rc;
}

/* Scene of a shape file: STL mesh, STEP solid, or the solid a CadQuery program makes. */
static int scene_of_file(const char *path, const zr_spec *spec, zr_scene *sc, char *err, size_t errlen)
{
    size_t l = strlen(path);
    if (l > 4 && !strcasecmp(path + l - 4, ".stl"))
        return zr_scene_from_stl_file(path, spec, sc, err, errlen);
    zk_shape *s = NULL;
    if ((l > 5 && !strcasecmp(path + l - 5, ".step")) || (l > 4 && !strcasecmp(path + l - 4, ".stp"))) {
        if (!(s = zk_read_step(path)))
            snprintf(err, errlen, "%s: cannot read the STEP file", path);
    } else {
        zc_run_result r = {0};
        if (zc_python_start() < 0)
            snprintf(err, errlen, "%s: cannot start the embedded Python", path);
        else if (zc_run_program(path, NULL, &r))
            snprintf(err, errlen, "%s: %.900s", path, r.error);
        s = r.ok ? r.shape : NULL;
        r.shape = NULL;
        zc_run_result_clear(&r);
    }
    int rc = s ? zr_scene_from_shape(s, spec, sc, err, errlen) : -1;
    zk_unref(s);
    return rc;
}

static int load_shape(const char *path, zrc_views *v, char *err, size_t errlen)
{
    zr_spec spec;
    zr_scene sc;
    zr_framing fr;
    memset(&spec, 0, sizeof spec);
    int rc = zr_spec_default(&spec) ? (snprintf(err, errlen, "no default view spec"), -1)
                                    : scene_of_file(path, &spec, &sc, err, errlen);
    if (!rc) {
        uint8_t *rgbs[ZRC_MAX_VIEWS] = {0};
        rc = zr_framing_of(&sc, &fr, err, errlen) || zr_render_all(&sc, &fr, &spec, 2, rgbs, err, errlen) ? -1 : 0;
        for (size_t i = 0; i < spec.nviews && i < ZRC_MAX_VIEWS; i++)
            v->rgb[i] = rgbs[i], v->w[i] = spec.views[i].width, v->h[i] = spec.views[i].height;
        v->n = rc ? 0 : (int)(spec.nviews < ZRC_MAX_VIEWS ? spec.nviews : ZRC_MAX_VIEWS);
        zr_scene_free(&sc);
    }
    zr_spec_free(&spec);
    return rc;
}

int zrc_views_load(const zrc_view_source *s, zrc_views *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = s->row ? load_row(s->row, out, err, errlen)
             : s->dir ? load_dir(s->dir, out, err, errlen)
             : s->shape ? load_shape(s->shape, out, err, errlen)
                        : load_files(s->files, s->nfiles, out, err, errlen);
    if (rc)
        zrc_views_free(out);
    return rc;
}
