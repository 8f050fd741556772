/* exact.c: exact B-rep IoU (OCCT booleans), similarity transforms as kernel transforms, and the
 * symmetric 3x3 eigen decomposition used for principal axes. */
#include <math.h>
#include <string.h>

#include "metrics_internal.h"

int zm_exact_iou(const zk_shape *a, const zk_shape *b, double *iou, char *err, size_t errlen)
{
    zk_shape *tool = (zk_shape *)b;
    zk_shape *common = zk_common(a, &tool, 1, 0);
    if (!common) {
        snprintf(err, errlen, "boolean common failed: %s", zk_error_message());
        return -1;
    }
    double vi = zk_volume(common);
    zk_unref(common);
    zk_shape *fused = zk_fuse(a, &tool, 1, 0, 0);
    if (!fused) {
        snprintf(err, errlen, "boolean fuse failed: %s", zk_error_message());
        return -1;
    }
    double vu = zk_volume(fused);
    zk_unref(fused);
    if (!(vu > 0) || !isfinite(vi)) {
        snprintf(err, errlen, "the union has no volume (not solids?)");
        return -1;
    }
    *iou = vi / vu;
    return 0;
}

void zm_similarity_trsf(const double *R, double scale, const double t[3], zk_trsf *out)
{
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++)
            out->m[i][j] = scale * (R ? R[3 * i + j] : (i == j));
        out->m[i][3] = t ? t[i] : 0.0;
    }
}

static double det3(const double M[9])
{
    return M[0] * (M[4] * M[8] - M[5] * M[7]) - M[1] * (M[3] * M[8] - M[5] * M[6]) +
           M[2] * (M[3] * M[7] - M[4] * M[6]);
}

void zm_eigen_sym3(const double A[9], double w[3], double V[9])
{
    double a[9];
    memcpy(a, A, sizeof a);
    for (int i = 0; i < 9; i++)
        V[i] = (i % 4 == 0);
    for (int sweep = 0; sweep < 64; sweep++) {
        double off = fabs(a[1]) + fabs(a[2]) + fabs(a[5]);
        double scale = fabs(a[0]) + fabs(a[4]) + fabs(a[8]);
        if (off <= 1e-300 || off <= 1e-17 * scale)
            break;
        for (int p = 0; p < 2; p++)
            for (int q = p + 1; q < 3; q++) {
                double apq = a[3 * p + q];
                if (apq == 0)
                    continue;
                double theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
                double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
                double c = 1 / sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < 3; k++) {   /* a = J^T a J */
                    double akp = a[3 * k + p], akq = a[3 * k + q];
                    a[3 * k + p] = c * akp - s * akq;
                    a[3 * k + q] = s * akp + c * akq;
                }
                for (int k = 0; k < 3; k++) {
                    double apk = a[3 * p + k], aqk = a[3 * q + k];
                    a[3 * p + k] = c * apk - s * aqk;
                    a[3 * q + k] = s * apk + c * aqk;
                }
                for (int k = 0; k < 3; k++) {
                    double vkp = V[3 * k + p], vkq = V[3 * k + q];
                    V[3 * k + p] = c * vkp - s * vkq;
                    V[3 * k + q] = s * vkp + c * vkq;
                }
            }
    }
    double d[3] = {a[0], a[4], a[8]};
    int order[3] = {0, 1, 2};
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            if (d[order[j]] < d[order[i]]) {
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
    double Vs[9];
    for (int c = 0; c < 3; c++) {
        w[c] = d[order[c]];
        for (int r = 0; r < 3; r++)
            Vs[3 * r + c] = V[3 * r + order[c]];
    }
    if (det3(Vs) < 0)
        for (int r = 0; r < 3; r++)
            Vs[3 * r + 2] = -Vs[3 * r + 2];
    memcpy(V, Vs, sizeof Vs);
}
