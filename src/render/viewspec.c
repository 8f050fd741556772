/* viewspec.c: the view spec as data: the built-in default "zerocad-8v1" (the 8 cube-corner
 * views of the zerocad-8v1 spec in docs/render.md), the named standard views, and view selection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

/* Camera directions of zerocad-8v1, in view order: front side (y < 0) then rear side (y > 0). */
static const double default_dirs[8][3] = {
    {-1, -1, +1}, {+1, -1, +1}, {+1, -1, -1}, {-1, -1, -1},
    {+1, +1, +1}, {-1, +1, +1}, {-1, +1, -1}, {+1, +1, -1},
};

struct named_view {
    const char *name;
    double dir[3], up[3];
};

/* Standard single views (drawn with the spec's look); iso is the front-right-top corner. */
static const struct named_view named_views[] = {
    {"iso", {1, -1, 1}, {0, 0, 1}},
    {"front", {0, -1, 0}, {0, 0, 1}},
    {"back", {0, 1, 0}, {0, 0, 1}},
    {"left", {-1, 0, 0}, {0, 0, 1}},
    {"right", {1, 0, 0}, {0, 0, 1}},
    {"top", {0, 0, 1}, {0, 1, 0}},
    {"bottom", {0, 0, -1}, {0, -1, 0}},
};

#define NNAMED (sizeof named_views / sizeof named_views[0])

static void set_view(zr_view *v, const char *name, const double dir[3], const double up[3], int size)
{
    memset(v, 0, sizeof *v);
    snprintf(v->name, sizeof v->name, "%s", name);
    memcpy(v->direction, dir, sizeof v->direction);
    memcpy(v->up, up, sizeof v->up);
    v->projection = ZR_ORTHOGRAPHIC;
    v->fov_deg = 30.0;
    v->width = v->height = size;
}

static void set_default_look(zr_spec *s)
{
    snprintf(s->version, sizeof s->version, "%s", ZR_DEFAULT_SPEC_VERSION);
    s->margin = 0.05;
    memset(s->background, 255, 3);
    memset(s->material, 230, 3);
    s->light_dir[0] = -0.25;
    s->light_dir[1] = 0.35;
    s->light_dir[2] = 1.0;
    s->ambient = 0.35;
    s->diffuse = 0.65;
    s->edges = 1;
    s->silhouette = 1;
    memset(s->line_color, 40, 3);
    s->line_width = 1.0;
    s->feature_angle_deg = 20.0;
    s->supersample = 3;
    s->tess_linear = 0.001;
    s->tess_angular_deg = 11.5;
}

int zr_spec_default(zr_spec *out)
{
    static const double up[3] = {0, 0, 1};
    memset(out, 0, sizeof *out);
    set_default_look(out);
    out->views = calloc(8, sizeof *out->views);
    if (!out->views)
        return -1;
    out->nviews = 8;
    for (int i = 0; i < 8; i++) {
        char name[ZR_NAME_MAX];
        snprintf(name, sizeof name, "view_%d", i);
        set_view(&out->views[i], name, default_dirs[i], up, 256);
    }
    return 0;
}

void zr_spec_free(zr_spec *spec)
{
    if (!spec)
        return;
    free(spec->views);
    spec->views = NULL;
    spec->nviews = 0;
}

void zr_spec_set_size(zr_spec *spec, int size)
{
    for (size_t i = 0; i < spec->nviews; i++)
        spec->views[i].width = spec->views[i].height = size;
}

/* Index of the spec view called `name`, or given as a number or "view_<n>"; -1 if none. */
static long find_spec_view(const zr_spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->nviews; i++)
        if (!strcmp(spec->views[i].name, name))
            return (long)i;
    const char *num = !strncmp(name, "view_", 5) ? name + 5 : name;
    char *end;
    long k = strtol(num, &end, 10);
    if (*num && !*end && k >= 0 && (size_t)k < spec->nviews)
        return k;
    return -1;
}

int zr_spec_select_view(zr_spec *spec, const char *name, char *err, size_t errlen)
{
    long k = find_spec_view(spec, name);
    if (k >= 0) {
        spec->views[0] = spec->views[k];
        spec->nviews = 1;
        return 0;
    }
    for (size_t i = 0; i < NNAMED; i++) {
        if (!strcmp(named_views[i].name, name)) {
            int size = spec->nviews ? spec->views[0].width : 256;
            set_view(&spec->views[0], name, named_views[i].dir, named_views[i].up, size);
            spec->nviews = 1;
            return 0;
        }
    }
    char names[256] = "";
    for (size_t i = 0; i < NNAMED; i++) {
        strncat(names, named_views[i].name, sizeof names - strlen(names) - 1);
        strncat(names, i + 1 < NNAMED ? ", " : "", sizeof names - strlen(names) - 1);
    }
    zr_set_error(err, errlen, "unknown view '%s' (use %s, or a view of the spec by name or index)", name, names);
    return -1;
}
