/* curate_kmeans.c: Lloyd's k-means from a k-means++ seeding, with empty clusters refilled (so all
 * k clusters keep a row) and, per cluster, the member nearest its centroid as its representative.
 * Sums are in double in row order: the result depends only on the data and the seed. */
#include "curate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const float *x;
    size_t n;
    int d, k;
    float *c;        /* k x d centroids */
    float *xnorm;    /* n */
    int *assign;     /* n */
    int *prev;       /* n: the assignment of the previous iteration */
    float *dist;     /* n: squared distance to the assigned centroid */
    size_t *count;   /* k */
    double *sum;     /* k x d */
} km_state;

static void km_free(km_state *s)
{
    free(s->c), free(s->xnorm), free(s->assign), free(s->prev), free(s->dist), free(s->count), free(s->sum);
}

static int km_alloc(km_state *s, char *err, size_t errlen)
{
    size_t n = s->n, k = (size_t)s->k, d = (size_t)s->d;
    s->c = malloc(k * d * sizeof *s->c);
    s->xnorm = malloc(n * sizeof *s->xnorm);
    s->assign = malloc(n * sizeof *s->assign);
    s->prev = malloc(n * sizeof *s->prev);
    s->dist = malloc(n * sizeof *s->dist);
    s->count = malloc(k * sizeof *s->count);
    s->sum = malloc(k * d * sizeof *s->sum);
    if (!s->c || !s->xnorm || !s->assign || !s->prev || !s->dist || !s->count || !s->sum) {
        km_free(s);
        snprintf(err, errlen, "k-means: out of memory (%zu rows, k = %zu, d = %zu)", n, k, d);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        double v = 0;
        for (size_t j = 0; j < d; j++)
            v += (double)s->x[i * d + j] * s->x[i * d + j];
        s->xnorm[i] = (float)v;
    }
    return 0;
}

static size_t moved_rows(const km_state *s)
{
    size_t moved = 0;
    for (size_t i = 0; i < s->n; i++)
        moved += s->prev[i] != s->assign[i];
    return moved;
}

static void count_members(km_state *s)
{
    memset(s->count, 0, (size_t)s->k * sizeof *s->count);
    for (size_t i = 0; i < s->n; i++)
        s->count[s->assign[i]]++;
}

/* Each empty cluster takes the row farthest from its centroid among clusters of >= 2 rows. */
static int repair_empty(km_state *s)
{
    int repairs = 0;
    for (int j = 0; j < s->k; j++) {
        if (s->count[j])
            continue;
        size_t far = s->n;
        for (size_t i = 0; i < s->n; i++)
            if (s->count[s->assign[i]] > 1 && (far == s->n || s->dist[i] > s->dist[far]))
                far = i;
        if (far == s->n)
            break; /* cannot happen with n >= k */
        s->count[s->assign[far]]--;
        s->assign[far] = j;
        s->count[j] = 1;
        s->dist[far] = 0;
        repairs++;
    }
    return repairs;
}

static void update_centroids(km_state *s)
{
    size_t d = (size_t)s->d;
    memset(s->sum, 0, (size_t)s->k * d * sizeof *s->sum);
    for (size_t i = 0; i < s->n; i++) {
        double *acc = s->sum + (size_t)s->assign[i] * d;
        const float *xi = s->x + i * d;
        for (size_t j = 0; j < d; j++)
            acc[j] += xi[j];
    }
    for (int c = 0; c < s->k; c++)
        for (size_t j = 0; j < d; j++)
            s->c[c * d + j] = (float)(s->sum[c * d + j] / (double)s->count[c]);
}

static double sqdist(const float *a, const float *b, int d)
{
    double s = 0;
    for (int j = 0; j < d; j++) {
        double t = (double)a[j] - b[j];
        s += t * t;
    }
    return s;
}

/* reps[j]: the member of cluster j nearest its centroid (lowest row on ties); returns the inertia.
 * The centroid sums are no longer needed: their first k doubles hold the best distances. */
static double pick_representatives(const km_state *s, size_t *reps)
{
    double *best = s->sum, inertia = 0;
    for (int j = 0; j < s->k; j++)
        reps[j] = s->n;
    for (size_t i = 0; i < s->n; i++) {
        int a = s->assign[i];
        double v = sqdist(s->x + i * s->d, s->c + (size_t)a * s->d, s->d);
        inertia += v;
        if (reps[a] == s->n || v < best[a]) {
            reps[a] = i;
            best[a] = v;
        }
    }
    return inertia;
}

int zcur_kmeans(const float *x, size_t n, int d, int k, const zcur_kmeans_opts *o, size_t *reps, int *assign,
                zcur_kmeans_info *info, char *err, size_t errlen)
{
    zcur_kmeans_info local = {0};
    km_state s = {.x = x, .n = n, .d = d, .k = k};
    if (k < 1 || (size_t)k > n) {
        snprintf(err, errlen, "k-means: %d clusters for %zu rows (need 1 <= k <= rows)", k, n);
        return -1;
    }
    if (km_alloc(&s, err, errlen))
        return -1;
    int max_iter = o && o->max_iter > 0 ? o->max_iter : 50;
    FILE *progress = o ? o->progress : NULL;
    int rc = zcur_kmeanspp(x, n, d, k, o ? o->seed : 0, s.c, NULL, err, errlen);
    if (!rc && progress)
        fprintf(progress, "curate: k-means++ seeded %d centroids\n", k);
    for (int it = 0; !rc && it < max_iter; it++) {
        if (it)
            memcpy(s.prev, s.assign, n * sizeof *s.prev);
        rc = zcur_assign(x, s.xnorm, n, d, s.c, k, s.assign, s.dist, err, errlen);
        if (rc)
            break;
        size_t moved = it ? moved_rows(&s) : n;
        int changed = moved != 0;
        if (progress)
            fprintf(progress, "curate: k-means iteration %d: %zu rows changed cluster\n", it + 1, moved);
        count_members(&s);
        int repairs = repair_empty(&s);
        local.empty_repairs += repairs;
        local.iterations = it + 1;
        update_centroids(&s);
        if (!changed && !repairs) {
            local.converged = 1;
            break;
        }
    }
    if (!rc) {
        local.inertia = pick_representatives(&s, reps);
        if (assign)
            memcpy(assign, s.assign, n * sizeof *assign);
        if (info)
            *info = local;
    }
    km_free(&s);
    return rc;
}
