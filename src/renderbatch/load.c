/* load.c: one input into a scene, for `zerocad render INPUT` and each item of a batch: a
 * CadQuery program run in-process with the embedded Python (its prints go to stderr, so
 * stdout stays clean), a STEP file or bytes, an STL file, or a shard row's step_file. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cq.h"
#include "dataset.h"
#include "renderbatch.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot : "";
}

/* Runs the program with its prints on stderr. */
static zk_shape *run_program(const char *path, char *err, size_t errlen)
{
    if (zc_python_start() < 0) {
        snprintf(err, errlen, "%s: cannot start the embedded Python", path);
        return NULL;
    }
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(STDERR_FILENO, STDOUT_FILENO);
    zc_run_result r;
    zc_run_program(path, NULL, &r);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    zk_shape *shape = NULL;
    if (!r.ok)
        snprintf(err, errlen, "%s: %s", path, r.error);
    else
        shape = zk_ref(r.shape);
    zc_run_result_clear(&r);
    return shape;
}

/* A shard row's shape, from its step_file in memory. */
static zk_shape *load_row(const char *ref, char *err, size_t errlen)
{
    zd_reader *r;
    zd_row row;
    zk_shape *shape = NULL;
    if (zs_find_row(ref, ZD_COL_STEP, &r, &row, err, errlen) < 0)
        return NULL;
    if (!row.step)
        snprintf(err, errlen, "%s: the row has no step_file", ref);
    else if (!(shape = zk_read_step_memory(ref, row.step, row.step_len)))
        snprintf(err, errlen, "%s: cannot read the row's step_file: %s", ref, zk_error_message());
    zd_close(r);
    return shape;
}

/* The B-rep shape of a program, STEP file or shard row; NULL with err. */
static zk_shape *load_brep(const char *path, char *err, size_t errlen)
{
    const char *ext = extension(path);
    if (zs_is_row_ref(path))
        return load_row(path, err, errlen);
    zk_shape *shape = NULL;
    if (!strcasecmp(ext, ".step") || !strcasecmp(ext, ".stp")) {
        if (!(shape = zk_read_step(path)))
            snprintf(err, errlen, "%s: cannot read the STEP file: %s", path, zk_error_message());
    } else if (!strcasecmp(ext, ".py")) {
        shape = run_program(path, err, errlen);
    } else {
        snprintf(err, errlen, "%s: unknown input type (use .py, .step, .stp or .stl)", path);
    }
    return shape;
}

/* Tessellates the shape (consumed) into the scene. */
static int tessellate(const char *name, zk_shape *shape, const zr_spec *spec, zr_scene *scene, zrb_times *t,
                      double t_loaded, char *err, size_t errlen)
{
    char why[512];
    int rc = zr_scene_from_shape(shape, spec, scene, why, sizeof why);
    zk_unref(shape);
    if (rc)
        snprintf(err, errlen, "%s: %s", name, why);
    t->tessellate = now_s() - t_loaded;
    return rc ? -1 : 0;
}

int zrb_scene_from_input(const char *input, const zr_spec *spec, zr_scene *scene, zrb_times *t, char *err,
                         size_t errlen)
{
    double t0 = now_s();
    t->load = t->tessellate = 0.0;
    if (!zs_is_row_ref(input) && access(input, R_OK) != 0) {
        snprintf(err, errlen, "%s: %s", input, strerror(errno));
        return -1;
    }
    if (!zs_is_row_ref(input) && !strcasecmp(extension(input), ".stl")) {
        int rc = zr_scene_from_stl_file(input, spec, scene, err, errlen);
        t->tessellate = now_s() - t0;
        return rc ? -1 : 0;
    }
    zk_shape *shape = load_brep(input, err, errlen);
    double t1 = now_s();
    if (!shape)
        return -1;
    t->load = t1 - t0;
    return tessellate(input, shape, spec, scene, t, t1, err, errlen);
}

int zrb_scene_from_step(const char *name, const void *step, size_t len, const zr_spec *spec, zr_scene *scene,
                        zrb_times *t, char *err, size_t errlen)
{
    double t0 = now_s();
    t->load = t->tessellate = 0.0;
    zk_shape *shape = zk_read_step_memory(name, step, len);
    double t1 = now_s();
    if (!shape) {
        snprintf(err, errlen, "%s: cannot read the row's step_file: %s", name, zk_error_message());
        return -1;
    }
    t->load = t1 - t0;
    return tessellate(name, shape, spec, scene, t, t1, err, errlen);
}
