/* render.c: drawing whole views: the framing of a scene (bounding-box centre, bounding sphere
 * radius), one view into an RGB buffer (triangles, then lines, then the box filter), PNG bytes
 * of a view, and all views of a spec spread over threads (one view per thread at a time, so
 * no two threads ever touch the same pixels and the bytes do not depend on the thread count). */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define MAX_SAMPLES_ACROSS 16384   /* samples along one side of a view */

void zr_set_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int zr_framing_of(const zr_scene *sc, zr_framing *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!sc->npoints) {
        zr_set_error(err, errlen, "nothing to frame: the mesh has no points");
        return -1;
    }
    double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < sc->npoints; i++)
        for (int k = 0; k < 3; k++) {
            double v = sc->points[3 * i + k];
            lo[k] = v < lo[k] ? v : lo[k];
            hi[k] = v > hi[k] ? v : hi[k];
        }
    for (int k = 0; k < 3; k++)
        out->center[k] = 0.5 * (lo[k] + hi[k]);
    double r2 = 0;
    for (size_t i = 0; i < sc->npoints; i++) {
        double d2 = 0;
        for (int k = 0; k < 3; k++) {
            double d = sc->points[3 * i + k] - out->center[k];
            d2 += d * d;
        }
        r2 = d2 > r2 ? d2 : r2;
    }
    out->radius = sqrt(r2);
    if (!(out->radius > 0) || !isfinite(out->radius)) {
        zr_set_error(err, errlen, "nothing to frame: the mesh has no extent");
        return -1;
    }
    return 0;
}

/* The pixels in use: the projected points' box grown by the line width. */
static void used_region(const zr_projected *pp, const zr_spec *spec, const zr_samples *b, int r[4])
{
    int s = spec->supersample;
    long pad = (long)ceil(0.5 * spec->line_width * s) + 2;
    if (pp->lo[0] > pp->hi[0]) {
        r[0] = r[1] = r[2] = r[3] = 0;
        return;
    }
    long lo[2], hi[2];
    for (int k = 0; k < 2; k++) {
        long limit = k ? b->sh : b->sw;
        lo[k] = (long)(pp->lo[k] / ZR_SUBPIX) - pad;
        hi[k] = (long)(pp->hi[k] / ZR_SUBPIX) + pad + 1;
        lo[k] = lo[k] < 0 ? 0 : lo[k] > limit ? limit : lo[k];
        hi[k] = hi[k] < lo[k] ? lo[k] : hi[k] > limit ? limit : hi[k];
        lo[k] = lo[k] / s;
        hi[k] = (hi[k] + s - 1) / s;
    }
    r[0] = (int)lo[0];
    r[1] = (int)lo[1];
    r[2] = (int)hi[0];
    r[3] = (int)hi[1];
}

/* One view into rgb using (and resizing) the caller's buffers; nb: zr_adjacency_build's. */
static int render_view(const zr_scene *sc, const zr_framing *framing, const zr_spec *spec, const int32_t *nb,
                       size_t index, zr_samples *b, uint8_t *rgb, char *err, size_t errlen)
{
    if (index >= spec->nviews) {
        zr_set_error(err, errlen, "view %zu does not exist (the spec has %zu)", index, spec->nviews);
        return -1;
    }
    const zr_view *view = &spec->views[index];
    zr_camera cam;
    if (zr_camera_setup(view, framing, spec, &cam)) {
        zr_set_error(err, errlen, "view '%s': bad camera direction or empty framing", view->name);
        return -1;
    }
    if (cam.sw > MAX_SAMPLES_ACROSS || cam.sh > MAX_SAMPLES_ACROSS) {
        zr_set_error(err, errlen, "view '%s': %dx%d samples is too many (size x supersample at most %d)",
                     view->name, cam.sw, cam.sh, MAX_SAMPLES_ACROSS);
        return -1;
    }
    zr_projected pp;
    if (zr_samples_prepare(b, view->width, view->height, spec->supersample, sc->ntris, spec->background) ||
        zr_project_scene(sc, &cam, &pp)) {
        zr_set_error(err, errlen, "view '%s': out of memory for %dx%d samples", view->name, cam.sw, cam.sh);
        return -1;
    }
    int r[4];
    used_region(&pp, spec, b, r);
    zr_samples_clear_rect(b, r[0], r[1], r[2], r[3]);
    zr_raster_classify(sc, &cam, &pp, b);
    zr_raster_mark_seams(sc, nb, &pp, b);
    if (zr_samples_assign_blocks(b)) {
        zr_projected_free(&pp);
        zr_set_error(err, errlen, "view '%s': out of memory for %dx%d samples", view->name, cam.sw, cam.sh);
        return -1;
    }
    zr_raster_triangles(sc, spec, &cam, &pp, b);
    zr_projected_free(&pp);
    zr_draw_lines(sc, spec, &cam, framing, b);
    zr_samples_resolve(b, rgb);
    return 0;
}

int zr_render_rgb(const zr_scene *sc, const zr_framing *framing, const zr_spec *spec, size_t index, uint8_t *rgb,
                  char *err, size_t errlen)
{
    int32_t *nb;
    if (zr_adjacency_build(sc, &nb)) {
        zr_set_error(err, errlen, "out of memory");
        return -1;
    }
    zr_samples *b = zr_samples_take();
    int rc = b ? render_view(sc, framing, spec, nb, index, b, rgb, err, errlen) : -1;
    if (!b)
        zr_set_error(err, errlen, "out of memory");
    zr_samples_give(b);
    free(nb);
    return rc;
}

int zr_render_png(const zr_scene *sc, const zr_framing *framing, const zr_spec *spec, size_t index, uint8_t **png,
                  size_t *png_len, char *err, size_t errlen)
{
    *png = NULL;
    *png_len = 0;
    if (index >= spec->nviews) {
        zr_set_error(err, errlen, "view %zu does not exist (the spec has %zu)", index, spec->nviews);
        return -1;
    }
    const zr_view *v = &spec->views[index];
    uint8_t *rgb = malloc((size_t)3 * v->width * v->height);
    if (!rgb) {
        zr_set_error(err, errlen, "out of memory");
        return -1;
    }
    int rc = zr_render_rgb(sc, framing, spec, index, rgb, err, errlen);
    if (!rc) {
        const char *text[4] = {"zerocad-view-spec", spec->version, "zerocad-view", v->name};
        rc = zr_png_encode(rgb, v->width, v->height, text, 2, png, png_len, err, errlen);
    }
    free(rgb);
    return rc;
}

struct job {
    const zr_scene *sc;
    const zr_framing *framing;
    const zr_spec *spec;
    const int32_t *nb;
    uint8_t **rgbs;
    size_t first, step;       /* this worker draws views first, first + step, ... */
    int rc;
    char err[256];
};

static void *worker(void *arg)
{
    struct job *j = arg;
    zr_samples *b = zr_samples_take();
    if (!b) {
        j->rc = -1;
        snprintf(j->err, sizeof j->err, "out of memory");
        return NULL;
    }
    for (size_t i = j->first; i < j->spec->nviews && !j->rc; i += j->step)
        j->rc = render_view(j->sc, j->framing, j->spec, j->nb, i, b, j->rgbs[i], j->err, sizeof j->err);
    zr_samples_give(b);
    return NULL;
}

int zr_render_all(const zr_scene *sc, const zr_framing *framing, const zr_spec *spec, int nthreads, uint8_t **rgbs,
                  char *err, size_t errlen)
{
    for (size_t i = 0; i < spec->nviews; i++)
        rgbs[i] = NULL;
    for (size_t i = 0; i < spec->nviews; i++) {
        rgbs[i] = malloc((size_t)3 * spec->views[i].width * spec->views[i].height);
        if (!rgbs[i]) {
            zr_set_error(err, errlen, "out of memory");
            return -1;
        }
    }
    size_t n = nthreads > 1 ? (size_t)nthreads : 1;
    n = n > spec->nviews ? spec->nviews : n;
    struct job *jobs = calloc(n, sizeof *jobs);
    pthread_t *th = calloc(n, sizeof *th);
    int32_t *nb = NULL;
    if (!jobs || !th || zr_adjacency_build(sc, &nb)) {
        free(jobs);
        free(th);
        zr_set_error(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        jobs[k] = (struct job){sc, framing, spec, nb, rgbs, k, n, 0, ""};
        if (k > 0 && pthread_create(&th[k], NULL, worker, &jobs[k]))
            jobs[k].rc = -2;   /* could not start: done below on this thread */
    }
    worker(&jobs[0]);
    for (size_t k = 1; k < n; k++) {
        if (jobs[k].rc == -2) {
            jobs[k].rc = 0;
            worker(&jobs[k]);
        } else {
            pthread_join(th[k], NULL);
        }
    }
    for (size_t k = 0; k < n && !rc; k++)
        if (jobs[k].rc) {
            zr_set_error(err, errlen, "%s", jobs[k].err);
            rc = -1;
        }
    free(jobs);
    free(th);
    free(nb);
    return rc;
}
