/* selectors_eval.c: evaluates a selector node tree (selector_core.h) over a list of kernel
 * shapes with CadQuery 2.4's rules: direction tests on planar faces / linear edges only,
 * Nth selectors sort keys and cluster them (a key joins a cluster when within `tol` of the
 * cluster's first key), and/or/exc/not are set operations by IsSame. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selector_core.h"

typedef struct {
    size_t *v;
    size_t n, cap;
} idxlist;

typedef struct {
    zk_shape *const *shapes;
    size_t n;
    zk_vec *center;
    unsigned char *have_center;
    size_t *canon;           /* canon[i]: first index IsSame to i; NULL until needed */
    zs_error *err;
} ev_ctx;

/* ------------------------------------------------------------------ small helpers */

static int oom(ev_ctx *c)
{
    c->err->kind = ZS_ERR_MEMORY;
    snprintf(c->err->msg, sizeof c->err->msg, "out of memory evaluating selector");
    return -1;
}

static int push(ev_ctx *c, idxlist *l, size_t i)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        size_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return oom(c);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = i;
    return 0;
}

static double vdot(zk_vec a, zk_vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static double vlen(zk_vec a) { return sqrt(vdot(a, a)); }

static zk_vec vcross(zk_vec a, zk_vec b)
{
    zk_vec r = {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
    return r;
}

double zs_angle(zk_vec a, zk_vec b)
{
    double la = vlen(a), lb = vlen(b);
    if (!(la > 1e-290) || !(lb > 1e-290))
        return NAN;
    zk_vec ua = {a.x / la, a.y / la, a.z / la}, ub = {b.x / lb, b.y / lb, b.z / lb};
    double c = vdot(ua, ub);
    if (c > -0.70710678118655 && c < 0.70710678118655)
        return acos(c);
    double s = vlen(vcross(ua, ub));
    if (s > 1.0)
        s = 1.0;
    return c < 0.0 ? M_PI - asin(s) : asin(s);
}

static zk_vec center_of(ev_ctx *c, size_t i)
{
    if (!c->have_center[i]) {
        c->center[i] = zk_center_of_mass(c->shapes[i]);
        c->have_center[i] = 1;
    }
    return c->center[i];
}

static int ensure_canon(ev_ctx *c)
{
    if (c->canon)
        return 0;
    c->canon = malloc((c->n ? c->n : 1) * sizeof *c->canon);
    uint64_t *h = malloc((c->n ? c->n : 1) * sizeof *h);
    if (!c->canon || !h) {
        free(h);
        return oom(c);
    }
    for (size_t i = 0; i < c->n; i++) {
        h[i] = zk_hash(c->shapes[i]);
        c->canon[i] = i;
        for (size_t j = 0; j < i; j++)
            if (c->canon[j] == j && h[j] == h[i] && zk_is_same(c->shapes[j], c->shapes[i])) {
                c->canon[i] = j;
                break;
            }
    }
    free(h);
    return 0;
}

static int contains_canon(ev_ctx *c, const idxlist *l, size_t i)
{
    for (size_t k = 0; k < l->n; k++)
        if (c->canon[l->v[k]] == c->canon[i])
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ direction tests */

/* The vector a direction selector tests: planar face normal or linear edge tangent. */
int zs_test_vector(zk_shape *s, zk_vec *out)
{
    zk_type t = zk_shape_type(s);
    if (t == ZK_FACE && strcmp(zk_geom_type(s), "PLANE") == 0) {
        *out = zk_face_normal_at(s, NULL);
        return 1;
    }
    if (t == ZK_EDGE && strcmp(zk_geom_type(s), "LINE") == 0) {
        *out = zk_curve_tangent_at(s, 0.5, 1);
        return 1;
    }
    return 0;
}

int zs_dir_test(const zs_node *node, zk_vec v)
{
    switch (node->kind) {
    case ZS_DIRECTION:
        return zs_angle(node->dir, v) < node->tol;
    case ZS_PARALLEL:
    case ZS_DIRECTION_NTH:
        return vlen(vcross(node->dir, v)) < node->tol;
    case ZS_PERPENDICULAR:
        return fabs(zs_angle(node->dir, v) - M_PI / 2) < node->tol;
    default:
        return 1;
    }
}

static int eval_dir(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out)
{
    for (size_t k = 0; k < in->n; k++) {
        zk_vec v;
        if (zs_test_vector(c->shapes[in->v[k]], &v) && zs_dir_test(node, v))
            if (push(c, out, in->v[k]) < 0)
                return -1;
    }
    return 0;
}

static int eval_type(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out)
{
    for (size_t k = 0; k < in->n; k++)
        if (strcmp(zk_geom_type(c->shapes[in->v[k]]), node->type) == 0)
            if (push(c, out, in->v[k]) < 0)
                return -1;
    return 0;
}

/* ------------------------------------------------------------------ Nth selectors */

int zs_key(const zs_node *node, zk_shape *s, double *key)
{
    zk_type t = zk_shape_type(s);
    switch (node->kind) {
    case ZS_CENTER_NTH:
    case ZS_DIRECTION_NTH: {
        zk_vec c = zk_center_of_mass(s);
        *key = vdot(c, node->dir);
        return 1;
    }
    case ZS_RADIUS_NTH: {
        if (t != ZK_EDGE && t != ZK_WIRE)
            return 0;
        double r = -1;
        if (t == ZK_EDGE) {
            r = zk_curve_radius(s);
        } else {
            zk_shape **edges = NULL;
            size_t ne = 0;
            if (zk_explore(s, ZK_EDGE, &edges, &ne) == 0 && ne > 0)
                r = zk_curve_radius(edges[0]);
            zk_free_list(edges, ne);
        }
        zk_error_clear();
        if (!(r >= 0))
            return 0;
        *key = r;
        return 1;
    }
    case ZS_LENGTH_NTH:
        if (t != ZK_EDGE && t != ZK_WIRE)
            return 0;
        *key = zk_length(s);
        return 1;
    case ZS_AREA_NTH:
        if (t == ZK_FACE || t == ZK_SHELL || t == ZK_SOLID) {
            *key = zk_area(s);
            return 1;
        }
        if (t == ZK_WIRE) {
            zk_shape *f = zk_face_from_wires(s, NULL, 0);
            if (!f) {
                zk_error_clear();
                return 0;
            }
            *key = fabs(zk_area(f));
            zk_unref(f);
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* Key of shape i, using the cached centre for the centre-based selectors. */
static int nth_key(ev_ctx *c, const zs_node *node, size_t i, double *key)
{
    if (node->kind == ZS_CENTER_NTH || node->kind == ZS_DIRECTION_NTH) {
        *key = vdot(center_of(c, i), node->dir);
        return 1;
    }
    return zs_key(node, c->shapes[i], key);
}

typedef struct {
    double key;
    size_t pos;   /* position in the input, for a stable sort */
    size_t idx;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key < y->key)
        return -1;
    if (x->key > y->key)
        return 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int zs_cluster_pick(const zs_node *node, const double *keys, const unsigned char *valid, size_t n,
                    size_t **out, size_t *nout, zs_error *err)
{
    *out = NULL;
    *nout = 0;
    if (n == 0) {
        err->kind = ZS_ERR_VALUE;
        snprintf(err->msg, sizeof err->msg, "Can not return the Nth element of an empty list");
        return -1;
    }
    keyed *ks = malloc(n * sizeof *ks);
    size_t *starts = malloc((n + 1) * sizeof *starts);
    size_t nk = 0;
    int rc = -1;
    if (!ks || !starts) {
        err->kind = ZS_ERR_MEMORY;
        snprintf(err->msg, sizeof err->msg, "out of memory evaluating selector");
        goto done;
    }
    for (size_t k = 0; k < n; k++)
        if (!valid || valid[k]) {
            ks[nk].key = keys[k];
            ks[nk].pos = k;
            ks[nk].idx = k;
            nk++;
        }
    if (nk == 0) {
        err->kind = ZS_ERR_INDEX;
        snprintf(err->msg, sizeof err->msg, "list index out of range");
        goto done;
    }
    qsort(ks, nk, sizeof *ks, cmp_keyed);
    /* clusters: starts[j] is the first item of cluster j */
    size_t nc = 0;
    double first = ks[0].key;
    starts[nc++] = 0;
    for (size_t k = 1; k < nk; k++)
        if (!(fabs(ks[k].key - first) <= node->tol)) {
            starts[nc++] = k;
            first = ks[k].key;
        }
    starts[nc] = nk;
    long len = (long)nc;
    if (node->n < -len || node->n >= len) {
        err->kind = ZS_ERR_INDEX;
        snprintf(err->msg, sizeof err->msg, "Attempted to access index %ld of a list with length %ld",
                 node->n, len);
        goto done;
    }
    long j = node->n < 0 ? node->n + len : node->n;   /* index into the (maybe reversed) clusters */
    if (!node->dir_max)
        j = len - 1 - j;
    *nout = starts[j + 1] - starts[j];
    *out = malloc((*nout ? *nout : 1) * sizeof **out);
    if (!*out) {
        *nout = 0;
        err->kind = ZS_ERR_MEMORY;
        snprintf(err->msg, sizeof err->msg, "out of memory evaluating selector");
        goto done;
    }
    for (size_t k = starts[j]; k < starts[j + 1]; k++)
        (*out)[k - starts[j]] = ks[k].idx;
    rc = 0;
done:
    free(ks);
    free(starts);
    return rc;
}

static int eval_nth(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out)
{
    double *keys = malloc((in->n ? in->n : 1) * sizeof *keys);
    unsigned char *valid = malloc(in->n ? in->n : 1);
    size_t *pick = NULL, npick = 0;
    int rc = -1;
    if (!keys || !valid) {
        oom(c);
        goto done;
    }
    for (size_t k = 0; k < in->n; k++)
        valid[k] = (unsigned char)nth_key(c, node, in->v[k], &keys[k]);
    if (zs_cluster_pick(node, keys, valid, in->n, &pick, &npick, c->err) < 0)
        goto done;
    rc = 0;
    for (size_t k = 0; k < npick && rc == 0; k++)
        rc = push(c, out, in->v[pick[k]]);
done:
    free(keys);
    free(valid);
    free(pick);
    return rc;
}

/* ------------------------------------------------------------------ the others */

static int eval_nearest(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out)
{
    if (in->n == 0) {
        c->err->kind = ZS_ERR_VALUE;
        snprintf(c->err->msg, sizeof c->err->msg, "min() arg is an empty sequence");
        return -1;
    }
    size_t best = in->v[0];
    double bd = INFINITY;
    for (size_t k = 0; k < in->n; k++) {
        zk_vec p = center_of(c, in->v[k]);
        zk_vec d = {p.x - node->dir.x, p.y - node->dir.y, p.z - node->dir.z};
        double dist = vlen(d);
        if (dist < bd) {
            bd = dist;
            best = in->v[k];
        }
    }
    return push(c, out, best);
}

static int inside_box(const zs_node *node, zk_vec p)
{
    zk_vec a = node->dir, b = node->p1;
    return ((p.x < a.x) ^ (p.x < b.x)) && ((p.y < a.y) ^ (p.y < b.y)) && ((p.z < a.z) ^ (p.z < b.z));
}

static int eval_box(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out)
{
    for (size_t k = 0; k < in->n; k++) {
        size_t i = in->v[k];
        int ok;
        if (node->use_bbox) {
            double bb[6];
            if (zk_bbox(c->shapes[i], 0, 1, bb) < 0) {
                zk_error_clear();
                continue;
            }
            zk_vec lo = {bb[0], bb[1], bb[2]}, hi = {bb[3], bb[4], bb[5]};
            ok = inside_box(node, lo) && inside_box(node, hi);
        } else {
            ok = inside_box(node, center_of(c, i));
        }
        if (ok && push(c, out, i) < 0)
            return -1;
    }
    return 0;
}

static int eval_in(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out);

/* and/or/exc/not: CadQuery's list(set(...)) operations, here keeping input order. */
static int eval_setop(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out)
{
    idxlist l = {0}, r = {0};
    int rc = -1;
    if (ensure_canon(c) < 0)
        return -1;
    if (node->kind == ZS_NOT) {
        if (eval_in(c, node->left, in, &r) < 0)
            goto done;
        for (size_t k = 0; k < in->n; k++)
            if (!contains_canon(c, &r, in->v[k]) && !contains_canon(c, out, in->v[k]))
                if (push(c, out, in->v[k]) < 0)
                    goto done;
        rc = 0;
        goto done;
    }
    if (eval_in(c, node->left, in, &l) < 0 || eval_in(c, node->right, in, &r) < 0)
        goto done;
    for (size_t k = 0; k < l.n; k++) {
        size_t i = l.v[k];
        int in_r = contains_canon(c, &r, i);
        int keep = node->kind == ZS_AND ? in_r : node->kind == ZS_EXC ? !in_r : 1;
        if (keep && !contains_canon(c, out, i) && push(c, out, i) < 0)
            goto done;
    }
    if (node->kind == ZS_OR)
        for (size_t k = 0; k < r.n; k++)
            if (!contains_canon(c, out, r.v[k]) && push(c, out, r.v[k]) < 0)
                goto done;
    rc = 0;
done:
    free(l.v);
    free(r.v);
    return rc;
}

static int eval_in(ev_ctx *c, const zs_node *node, const idxlist *in, idxlist *out)
{
    switch (node->kind) {
    case ZS_ALL:
        for (size_t k = 0; k < in->n; k++)
            if (push(c, out, in->v[k]) < 0)
                return -1;
        return 0;
    case ZS_AND:
    case ZS_OR:
    case ZS_EXC:
    case ZS_NOT:
        return eval_setop(c, node, in, out);
    case ZS_DIRECTION:
    case ZS_PARALLEL:
    case ZS_PERPENDICULAR:
    case ZS_BASEDIR:
        return eval_dir(c, node, in, out);
    case ZS_TYPE:
        return eval_type(c, node, in, out);
    case ZS_DIRECTION_NTH: {
        idxlist par = {0};
        int rc = eval_dir(c, node, in, &par);
        if (rc == 0)
            rc = eval_nth(c, node, &par, out);
        free(par.v);
        return rc;
    }
    case ZS_CENTER_NTH:
    case ZS_RADIUS_NTH:
    case ZS_LENGTH_NTH:
    case ZS_AREA_NTH:
        return eval_nth(c, node, in, out);
    case ZS_NEAREST:
        return eval_nearest(c, node, in, out);
    case ZS_BOX:
        return eval_box(c, node, in, out);
    }
    c->err->kind = ZS_ERR_VALUE;
    snprintf(c->err->msg, sizeof c->err->msg, "unknown selector kind %d", (int)node->kind);
    return -1;
}

int zs_eval(const zs_node *node, zk_shape *const *shapes, size_t n, size_t **out, size_t *nout,
            zs_error *err)
{
    ev_ctx c = {shapes, n, NULL, NULL, NULL, err};
    idxlist in = {0}, res = {0};
    int rc = -1;
    err->kind = ZS_OK;
    err->msg[0] = 0;
    *out = NULL;
    *nout = 0;
    c.center = malloc((n ? n : 1) * sizeof *c.center);
    c.have_center = calloc(n ? n : 1, 1);
    in.v = malloc((n ? n : 1) * sizeof *in.v);
    if (!c.center || !c.have_center || !in.v) {
        oom(&c);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        in.v[i] = i;
    in.n = in.cap = n;
    rc = eval_in(&c, node, &in, &res);
done:
    if (rc == 0) {
        *out = res.v;
        *nout = res.n;
    } else {
        free(res.v);
    }
    free(in.v);
    free(c.center);
    free(c.have_center);
    free(c.canon);
    return rc;
}
