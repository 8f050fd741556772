/* protocols.c: the named scoring protocols (zerocad, cadrille, cadcoder, exact): their defaults,
 * normalizations and the pair scorer. Definitions and sources: docs/metrics.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"

/* Meshing for scoring: CadQuery's tessellate(0.001, 0.1) as cadrille calls it (relative linear
 * deflection 0.001, angular 0.1 rad). */
#define MESH_REL 0.001
#define MESH_ANG 0.1

static const char *const names[ZM_PROTO_COUNT] = {"zerocad", "cadrille", "cadcoder", "exact"};

const char *zm_protocol_name(zm_protocol p)
{
    return p >= 0 && p < ZM_PROTO_COUNT ? names[p] : "?";
}

const char *zm_protocol_names(void)
{
    return "zerocad|cadrille|cadcoder|exact";
}

int zm_protocol_parse(const char *name, zm_protocol *out)
{
    for (int i = 0; i < ZM_PROTO_COUNT; i++)
        if (!strcmp(name, names[i])) {
            *out = (zm_protocol)i;
            return 0;
        }
    return -1;
}

void zm_options_default(zm_options *o, zm_protocol p)
{
    memset(o, 0, sizeof *o);
    o->protocol = p;
    o->grid = 64;
    o->rotations = 24;
    o->samples = 8192;
    o->seed = 0;
    o->chamfer = p == ZM_PROTO_CADRILLE || p == ZM_PROTO_EXACT;
    o->timeout = 10;
    o->memory_mb = 4096;
    o->jobs = 1;
}

/* Copy of g's scoring mesh mapped by p -> scale * p + t (centre/scale from its bounds):
 * offset 0: bbox centre to the origin; offset 0.5: to (0.5, 0.5, 0.5). */
static int bbox_normalized_mesh(const zm_mesh *m, double offset, zm_mesh *out, double *scale_out,
                                double t_out[3], char *err, size_t errlen)
{
    if (!m)
        return -1;
    double lo[3], hi[3];
    zm_mesh_bounds(m, lo, hi);
    double ext = fmax(hi[0] - lo[0], fmax(hi[1] - lo[1], hi[2] - lo[2]));
    if (!(ext > 1e-12) || !isfinite(ext)) {
        snprintf(err, errlen, "degenerate shape (zero extent)");
        return -1;
    }
    double scale = 1.0 / ext, t[3];
    for (int d = 0; d < 3; d++)
        t[d] = -0.5 * (lo[d] + hi[d]) * scale + offset;
    if (zm_mesh_copy(m, out)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    zm_mesh_transform(out, NULL, scale, t);
    if (scale_out)
        *scale_out = scale;
    if (t_out)
        memcpy(t_out, t, sizeof t);
    return 0;
}

static int voxel_iou(const zm_mesh *a, const zm_mesh *b, const zm_options *o, double *iou, int *rot, char *err,
                     size_t errlen)
{
    zm_grid ga, gb;
    int n = o->grid;
    if (zm_grid_init(&ga, n)) {
        snprintf(err, errlen, "bad grid size %d", n);
        return -1;
    }
    if (zm_grid_init(&gb, n)) {
        zm_grid_free(&ga);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    double lo[3] = {-0.5, -0.5, -0.5}, h = 1.0 / n;
    int rc = -1;
    if (zm_voxelize(a, lo, h, &ga) || zm_voxelize(b, lo, h, &gb))
        snprintf(err, errlen, "out of memory");
    else if (zm_grid_count(&gb) == 0 || zm_grid_count(&ga) == 0)
        snprintf(err, errlen, "empty voxelization (open or inside-out mesh?)");
    else {
        /* a is the ground truth, b the prediction: the prediction is rotated */
        *iou = zm_grid_best_iou(&ga, &gb, o->rotations, rot);
        rc = 0;
    }
    zm_grid_free(&ga);
    zm_grid_free(&gb);
    return rc;
}

static int chamfer_of(const zm_mesh *pred, const zm_mesh *gt, const zm_options *o, double *cd, char *err,
                      size_t errlen)
{
    size_t n = (size_t)o->samples;
    double *a = malloc(n * 3 * sizeof(double)), *b = malloc(n * 3 * sizeof(double));
    int rc = -1;
    zm_rng ra, rb;
    zm_rng_seed(&ra, o->seed, 1);
    zm_rng_seed(&rb, o->seed, 2);
    if (!a || !b)
        snprintf(err, errlen, "out of memory");
    else if (zm_sample_surface(pred, n, &ra, a) || zm_sample_surface(gt, n, &rb, b))
        snprintf(err, errlen, "cannot sample a surface with no area");
    else {
        *cd = 1000.0 * zm_chamfer(a, n, b, n);
        rc = 0;
    }
    free(a);
    free(b);
    return rc;
}

/* The zerocad protocol's mesh: linear deflection a tenth of a voxel of the normalized shape
 * (absolute), angular 0.5 rad: the voxelization error dominates, meshing stays cheap. */
static const zm_mesh *voxel_mesh(zm_geom *g, int grid, char *err, size_t errlen)
{
    double ext = zm_geom_extent(g, err, errlen);
    if (ext < 0)
        return NULL;
    return zm_geom_mesh(g, 0.1 * ext / grid, 0.5, 0, err, errlen);
}

static int score_zerocad(zm_geom *pred, zm_geom *gt, const zm_options *o, zm_score *s)
{
    zm_mesh mp = {0}, mg = {0};
    int rc = -1;
    const zm_mesh *rp = voxel_mesh(pred, o->grid, s->error, sizeof s->error);
    const zm_mesh *rg = rp ? voxel_mesh(gt, o->grid, s->error, sizeof s->error) : NULL;
    if (rg && !bbox_normalized_mesh(rp, 0.0, &mp, NULL, NULL, s->error, sizeof s->error) &&
        !bbox_normalized_mesh(rg, 0.0, &mg, NULL, NULL, s->error, sizeof s->error) &&
        !voxel_iou(&mg, &mp, o, &s->iou, &s->rotation, s->error, sizeof s->error)) {
        rc = 0;
        if (o->chamfer) {
            /* CD on the prediction in its best rotation */
            const zm_rotation *r = &zm_rotations()[s->rotation];
            double R[9] = {0};
            for (int d = 0; d < 3; d++)
                R[3 * d + r->axis[d]] = r->sign[d];   /* the grid map M reads b(M o): the shape moves by M^T */
            zm_mesh_transform(&mp, R, 1.0, NULL);
            rc = chamfer_of(&mp, &mg, o, &s->cd, s->error, sizeof s->error);
        }
    }
    zm_mesh_free(&mp);
    zm_mesh_free(&mg);
    return rc;
}

/* The B-rep of g mapped by p -> scale * R * p + t (new reference) or NULL. */
static zk_shape *transformed_shape(zm_geom *g, const double *R, double scale, const double t[3], char *err,
                                   size_t errlen)
{
    zk_shape *s = zm_geom_shape(g, err, errlen);
    if (!s)
        return NULL;
    zk_trsf tr;
    zm_similarity_trsf(R, scale, t, &tr);
    zk_shape *out = zk_transformed(s, &tr);
    if (!out)
        snprintf(err, errlen, "transform failed: %s", zk_error_message());
    return out;
}

static int score_cadrille(zm_geom *pred, zm_geom *gt, const zm_options *o, zm_score *s)
{
    zm_mesh mp = {0}, mg = {0};
    double sp, sg, tp[3], tg[3];
    int rc = -1;
    const zm_mesh *rp = zm_geom_mesh(pred, MESH_REL, MESH_ANG, 1, s->error, sizeof s->error);
    const zm_mesh *rg = rp ? zm_geom_mesh(gt, MESH_REL, MESH_ANG, 1, s->error, sizeof s->error) : NULL;
    if (!rg || bbox_normalized_mesh(rp, 0.5, &mp, &sp, tp, s->error, sizeof s->error) ||
        bbox_normalized_mesh(rg, 0.5, &mg, &sg, tg, s->error, sizeof s->error))
        goto done;
    if (o->chamfer && chamfer_of(&mp, &mg, o, &s->cd, s->error, sizeof s->error))
        goto done;
    zk_shape *bp = transformed_shape(pred, NULL, sp, tp, s->error, sizeof s->error);
    zk_shape *bg = bp ? transformed_shape(gt, NULL, sg, tg, s->error, sizeof s->error) : NULL;
    if (bp && bg && !zm_exact_iou(bp, bg, &s->iou, s->error, sizeof s->error))
        rc = 0;
    zk_unref(bp);
    zk_unref(bg);
done:
    zm_mesh_free(&mp);
    zm_mesh_free(&mg);
    return rc;
}

/* Centroid, radius of gyration sqrt(trace(I) / (2 V)) and principal axes (columns of V, det +1). */
static int principal_frame(zk_shape *s, double c[3], double *rg, double V[9], char *err, size_t errlen)
{
    double vol, I[9], w[3];
    zk_vec cm;
    if (zk_volume_inertia(s, &vol, &cm, I)) {
        snprintf(err, errlen, "volume properties failed: %s", zk_error_message());
        return -1;
    }
    if (!(fabs(vol) > 1e-300)) {
        snprintf(err, errlen, "the shape has no volume");
        return -1;
    }
    c[0] = cm.x, c[1] = cm.y, c[2] = cm.z;
    *rg = sqrt(fabs((I[0] + I[4] + I[8]) / (2.0 * vol)));
    zm_eigen_sym3(I, w, V);
    return 0;
}

static int score_cadcoder(zm_geom *pred, zm_geom *gt, const zm_options *o, zm_score *s)
{
    (void)o;
    zk_shape *bp = zm_geom_shape(pred, s->error, sizeof s->error);
    zk_shape *bg = bp ? zm_geom_shape(gt, s->error, sizeof s->error) : NULL;
    double cp[3], cg[3], rp, rg, Vp[9], Vg[9];
    if (!bg || principal_frame(bp, cp, &rp, Vp, s->error, sizeof s->error) ||
        principal_frame(bg, cg, &rg, Vg, s->error, sizeof s->error))
        return -1;
    /* The prediction is brought into the ground truth's frame: p -> (rg/rp) Vg D Vp^T (p - cp) + cg,
     * the same IoU as normalizing both (IoU is invariant under a common similarity). */
    static const double flips[4][3] = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
    double best = -1;
    for (int f = 0; f < 4; f++) {
        double R[9], t[3], scale = rg / rp;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++)
                    sum += Vg[3 * i + k] * flips[f][k] * Vp[3 * j + k];
                R[3 * i + j] = sum;
            }
        for (int i = 0; i < 3; i++)
            t[i] = cg[i] - scale * (R[3 * i] * cp[0] + R[3 * i + 1] * cp[1] + R[3 * i + 2] * cp[2]);
        zk_shape *moved = transformed_shape(pred, R, scale, t, s->error, sizeof s->error);
        double iou;
        int rc = moved ? zm_exact_iou(moved, bg, &iou, s->error, sizeof s->error) : -1;
        zk_unref(moved);
        if (rc)
            return -1;
        if (iou > best) {
            best = iou;
            s->rotation = f;
        }
    }
    s->iou = best;
    return 0;
}

static int score_exact(zm_geom *pred, zm_geom *gt, const zm_options *o, zm_score *s)
{
    zk_shape *bp = zm_geom_shape(pred, s->error, sizeof s->error);
    zk_shape *bg = bp ? zm_geom_shape(gt, s->error, sizeof s->error) : NULL;
    if (!bg || zm_exact_iou(bp, bg, &s->iou, s->error, sizeof s->error))
        return -1;
    if (o->chamfer) {
        const zm_mesh *mp = zm_geom_mesh(pred, MESH_REL, MESH_ANG, 1, s->error, sizeof s->error);
        const zm_mesh *mg = mp ? zm_geom_mesh(gt, MESH_REL, MESH_ANG, 1, s->error, sizeof s->error) : NULL;
        if (!mg || chamfer_of(mp, mg, o, &s->cd, s->error, sizeof s->error))
            return -1;
    }
    return 0;
}

int zm_score_pair(zm_geom *pred, zm_geom *gt, const zm_options *o, zm_score *out)
{
    memset(out, 0, sizeof *out);
    out->iou = NAN;
    out->cd = NAN;
    double t0 = zm_now();
    int rc;
    switch (o->protocol) {
    case ZM_PROTO_ZEROCAD:
        rc = score_zerocad(pred, gt, o, out);
        break;
    case ZM_PROTO_CADRILLE:
        rc = score_cadrille(pred, gt, o, out);
        break;
    case ZM_PROTO_CADCODER:
        rc = score_cadcoder(pred, gt, o, out);
        break;
    case ZM_PROTO_EXACT:
        rc = score_exact(pred, gt, o, out);
        break;
    default:
        snprintf(out->error, sizeof out->error, "unknown protocol");
        rc = -1;
    }
    out->seconds = zm_now() - t0;
    if (rc) {
        out->iou = NAN;
        out->cd = NAN;
        if (!out->error[0])
            snprintf(out->error, sizeof out->error, "scoring failed");
    }
    return rc;
}
