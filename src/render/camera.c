/* camera.c: one view's camera: an orthonormal frame from the view's direction and up, the
 * framing scale that makes the bounding sphere fill the frame less the margin, the headlight
 * in world space, and the projection of points to sample space. */
#include <math.h>
#include <string.h>

#include "render_internal.h"

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static int normalize3(double v[3])
{
    double n = sqrt(dot3(v, v));
    if (!(n > 1e-300))
        return -1;
    v[0] /= n;
    v[1] /= n;
    v[2] /= n;
    return 0;
}

static void cross3(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

/* up projected on the image plane (perpendicular to dir); falls back to +Y then +X. */
static void image_up(const double dir[3], const double want[3], double up[3])
{
    static const double fallbacks[2][3] = {{0, 1, 0}, {1, 0, 0}};
    const double *cand = want;
    for (int k = 0; k < 3; k++) {
        double d = dot3(cand, dir);
        double len = sqrt(dot3(cand, cand));
        for (int i = 0; i < 3; i++)
            up[i] = cand[i] - d * dir[i];
        if (sqrt(dot3(up, up)) > 1e-6 * len && !normalize3(up))
            return;
        cand = fallbacks[k < 2 ? k : 1];
    }
}

static void setup_light(const zr_spec *spec, zr_camera *cam)
{
    double l[3];
    for (int i = 0; i < 3; i++)
        l[i] = spec->light_dir[0] * cam->right[i] + spec->light_dir[1] * cam->up[i] + spec->light_dir[2] * cam->dir[i];
    if (normalize3(l))
        memcpy(l, cam->dir, sizeof l);
    memcpy(cam->light, l, sizeof l);
}

int zr_camera_setup(const zr_view *view, const zr_framing *framing, const zr_spec *spec, zr_camera *cam)
{
    memset(cam, 0, sizeof *cam);
    memcpy(cam->dir, view->direction, sizeof cam->dir);
    if (normalize3(cam->dir) || !(framing->radius > 0))
        return -1;
    image_up(cam->dir, view->up, cam->up);
    cross3(cam->up, cam->dir, cam->right);
    memcpy(cam->center, framing->center, sizeof cam->center);
    int s = spec->supersample;
    cam->sw = view->width * s;
    cam->sh = view->height * s;
    cam->cx = 0.5 * cam->sw;
    cam->cy = 0.5 * cam->sh;
    double half = 0.5 * (cam->sw < cam->sh ? cam->sw : cam->sh);
    if (view->projection == ZR_PERSPECTIVE) {
        double t = tan(0.5 * view->fov_deg * M_PI / 180.0);
        double apparent = atan((1.0 - spec->margin) * t);
        cam->perspective = 1;
        cam->distance = framing->radius / sin(apparent);
        cam->scale = half / t;
    } else {
        cam->scale = (1.0 - spec->margin) * half / framing->radius;
    }
    memcpy(cam->view_vec, cam->dir, sizeof cam->view_vec);
    setup_light(spec, cam);
    return 0;
}

void zr_camera_project(const zr_camera *cam, const float p[3], double *x, double *y, double *depth)
{
    double q[3] = {(double)p[0] - cam->center[0], (double)p[1] - cam->center[1], (double)p[2] - cam->center[2]};
    double vx = dot3(q, cam->right), vy = dot3(q, cam->up), vz = dot3(q, cam->dir);
    if (cam->perspective) {
        double zc = cam->distance - vz;
        *x = cam->cx + vx / zc * cam->scale;
        *y = cam->cy - vy / zc * cam->scale;
        *depth = -1.0 / zc;
    } else {
        *x = cam->cx + vx * cam->scale;
        *y = cam->cy - vy * cam->scale;
        *depth = -vz;
    }
}

double zr_camera_depth_distance(const zr_camera *cam, double depth)
{
    return cam->perspective ? -1.0 / depth : depth;
}

int zr_camera_faces(const zr_camera *cam, const float n[3], const float p[3])
{
    double nn[3] = {n[0], n[1], n[2]};
    if (!cam->perspective)
        return dot3(nn, cam->dir) > 0;
    double to_cam[3];
    for (int i = 0; i < 3; i++)
        to_cam[i] = cam->center[i] + cam->distance * cam->dir[i] - (double)p[i];
    return dot3(nn, to_cam) > 0;
}
