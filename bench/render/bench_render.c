/* bench_render.c: times the renderer on the shared corpus in one process. Each program runs
 * once (not timed); then, REPS times, a fresh copy of its solid (without any mesh) is
 * tessellated, its 8 default views are drawn on one thread and encoded as PNG. Prints one
 * JSON line per program with the median milliseconds (thread CPU time) of each phase. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cq.h"
#include "render.h"

#define MAX_REPS 64

/* CPU time of this thread: the machine the benchmark runs on may be shared, and everything
 * timed here runs on this one thread. */
static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One repetition: returns triangles, or -1; adds the phase times. */
static long one_rep(const zk_shape *solid, const zr_spec *spec, double *tess, double *draw, double *enc)
{
    char err[512];
    zk_shape *copy = zk_copy(solid);
    zr_scene sc;
    double t0 = now_ms();
    if (!copy || zr_scene_from_shape(copy, spec, &sc, err, sizeof err)) {
        zk_unref(copy);
        return -1;
    }
    zr_framing fr;
    zr_framing_of(&sc, &fr, err, sizeof err);
    double t1 = now_ms();
    uint8_t *rgbs[8];
    int rc = zr_render_all(&sc, &fr, spec, 1, rgbs, err, sizeof err);
    double t2 = now_ms();
    for (int i = 0; i < 8; i++) {
        uint8_t *png;
        size_t len;
        if (!rc && !zr_png_encode(rgbs[i], 256, 256, NULL, 0, &png, &len, err, sizeof err))
            free(png);
        free(rgbs[i]);
    }
    double t3 = now_ms();
    *tess = t1 - t0;
    *draw = t2 - t1;
    *enc = t3 - t2;
    long ntris = (long)sc.ntris;
    zr_scene_free(&sc);
    zk_unref(copy);
    return rc ? -1 : ntris;
}

static void bench_program(const char *dir, const char *name, const zr_spec *spec, int reps)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(STDERR_FILENO, STDOUT_FILENO);   /* the programs' prints */
    zc_run_result r;
    zc_run_program(path, NULL, &r);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    if (!r.ok) {
        printf("{\"program\": \"%s\", \"ok\": false}\n", name);
        zc_run_result_clear(&r);
        return;
    }
    double tess[MAX_REPS], draw[MAX_REPS], enc[MAX_REPS];
    long ntris = -1;
    for (int k = 0; k < reps; k++)
        ntris = one_rep(r.shape, spec, &tess[k], &draw[k], &enc[k]);
    if (ntris < 0)
        printf("{\"program\": \"%s\", \"ok\": false}\n", name);
    else
        printf("{\"program\": \"%s\", \"ok\": true, \"triangles\": %ld, \"tessellate_ms\": %.4f, "
               "\"draw_ms\": %.4f, \"encode_ms\": %.4f}\n",
               name, ntris, median(tess, reps), median(draw, reps), median(enc, reps));
    zc_run_result_clear(&r);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_render CORPUS_DIR [REPS]\n");
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    reps = reps < 1 ? 1 : reps > MAX_REPS ? MAX_REPS : reps;
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 1;
    }
    char *names[1024];
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < 1024;) {
        size_t len = strlen(e->d_name);
        if (len > 3 && !strcmp(e->d_name + len - 3, ".py"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    if (zc_python_start() < 0)
        return 1;
    zr_spec spec;
    zr_spec_default(&spec);
    for (size_t i = 0; i < n; i++) {
        bench_program(argv[1], names[i], &spec, reps);
        free(names[i]);
    }
    zr_spec_free(&spec);
    return 0;
}
