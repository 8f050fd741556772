/* viewspec_json.c: view specs to and from JSON (jansson). Every field is required, so a spec
 * file says everything about its views; a missing or ill-typed field is an error naming it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render_internal.h"

struct reader {
    const char *name;   /* the file, for messages */
    char *err;
    size_t errlen;
};

static json_t *field(struct reader *r, json_t *obj, const char *where, const char *key)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!v)
        zr_set_error(r->err, r->errlen, "%s: missing field '%s%s%s'", r->name, where, *where ? "." : "", key);
    return v;
}

static int bad(struct reader *r, const char *where, const char *key, const char *what)
{
    zr_set_error(r->err, r->errlen, "%s: field '%s%s%s' must be %s", r->name, where, *where ? "." : "", key, what);
    return -1;
}

static int get_number(struct reader *r, json_t *obj, const char *where, const char *key, double lo, double hi,
                      double *out)
{
    json_t *v = field(r, obj, where, key);
    if (!v)
        return -1;
    if (!json_is_number(v) || !(json_number_value(v) >= lo && json_number_value(v) <= hi)) {
        char what[96];
        snprintf(what, sizeof what, "a number in [%g, %g]", lo, hi);
        return bad(r, where, key, what);
    }
    *out = json_number_value(v);
    return 0;
}

static int get_int(struct reader *r, json_t *obj, const char *where, const char *key, int lo, int hi, int *out)
{
    json_t *v = field(r, obj, where, key);
    if (!v)
        return -1;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
        char what[96];
        snprintf(what, sizeof what, "an integer in [%d, %d]", lo, hi);
        return bad(r, where, key, what);
    }
    *out = (int)json_integer_value(v);
    return 0;
}

static int get_bool(struct reader *r, json_t *obj, const char *where, const char *key, int *out)
{
    json_t *v = field(r, obj, where, key);
    if (!v)
        return -1;
    if (!json_is_boolean(v))
        return bad(r, where, key, "true or false");
    *out = json_is_true(v);
    return 0;
}

static int get_vec3(struct reader *r, json_t *obj, const char *where, const char *key, double out[3])
{
    json_t *v = field(r, obj, where, key);
    if (!v)
        return -1;
    if (!json_is_array(v) || json_array_size(v) != 3)
        return bad(r, where, key, "an array of 3 numbers");
    for (size_t i = 0; i < 3; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_number(x) || !isfinite(json_number_value(x)))
            return bad(r, where, key, "an array of 3 numbers");
        out[i] = json_number_value(x);
    }
    if (out[0] == 0 && out[1] == 0 && out[2] == 0)
        return bad(r, where, key, "a non-zero vector");
    return 0;
}

static int get_rgb(struct reader *r, json_t *obj, const char *where, const char *key, uint8_t out[3])
{
    json_t *v = field(r, obj, where, key);
    if (!v)
        return -1;
    if (!json_is_array(v) || json_array_size(v) != 3)
        return bad(r, where, key, "an array of 3 integers in [0, 255]");
    for (size_t i = 0; i < 3; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_integer(x) || json_integer_value(x) < 0 || json_integer_value(x) > 255)
            return bad(r, where, key, "an array of 3 integers in [0, 255]");
        out[i] = (uint8_t)json_integer_value(x);
    }
    return 0;
}

static int read_view(struct reader *r, json_t *jv, size_t i, zr_view *v)
{
    char where[32];
    snprintf(where, sizeof where, "views[%zu]", i);
    memset(v, 0, sizeof *v);
    json_t *name = field(r, jv, where, "name");
    if (!name)
        return -1;
    if (!json_is_string(name) || !*json_string_value(name) || strlen(json_string_value(name)) >= ZR_NAME_MAX)
        return bad(r, where, "name", "a non-empty string of at most 31 bytes");
    snprintf(v->name, sizeof v->name, "%s", json_string_value(name));
    if (get_vec3(r, jv, where, "direction", v->direction) || get_vec3(r, jv, where, "up", v->up))
        return -1;
    json_t *proj = field(r, jv, where, "projection");
    if (!proj)
        return -1;
    const char *p = json_is_string(proj) ? json_string_value(proj) : "";
    if (!strcmp(p, "orthographic"))
        v->projection = ZR_ORTHOGRAPHIC;
    else if (!strcmp(p, "perspective"))
        v->projection = ZR_PERSPECTIVE;
    else
        return bad(r, where, "projection", "\"orthographic\" or \"perspective\"");
    v->fov_deg = 30.0;
    if (v->projection == ZR_PERSPECTIVE && get_number(r, jv, where, "fov_deg", 1.0, 170.0, &v->fov_deg))
        return -1;
    return get_int(r, jv, where, "width", 1, 4096, &v->width) || get_int(r, jv, where, "height", 1, 4096, &v->height);
}

static int read_views(struct reader *r, json_t *root, zr_spec *s)
{
    json_t *views = field(r, root, "", "views");
    if (!views)
        return -1;
    if (!json_is_array(views) || json_array_size(views) == 0)
        return bad(r, "", "views", "a non-empty array");
    s->nviews = json_array_size(views);
    s->views = calloc(s->nviews, sizeof *s->views);
    if (!s->views)
        return bad(r, "", "views", "small enough to fit in memory");
    for (size_t i = 0; i < s->nviews; i++)
        if (read_view(r, json_array_get(views, i), i, &s->views[i]))
            return -1;
    return 0;
}

static int read_look(struct reader *r, json_t *root, zr_spec *s)
{
    json_t *version = field(r, root, "", "version");
    if (!version)
        return -1;
    if (!json_is_string(version) || !*json_string_value(version) || strlen(json_string_value(version)) >= 64)
        return bad(r, "", "version", "a non-empty string of at most 63 bytes");
    snprintf(s->version, sizeof s->version, "%s", json_string_value(version));
    json_t *framing = field(r, root, "", "framing");
    json_t *light = framing ? field(r, root, "", "light") : NULL;
    json_t *lines = light ? field(r, root, "", "lines") : NULL;
    json_t *tess = lines ? field(r, root, "", "tessellation") : NULL;
    if (!tess)
        return -1;
    if (get_number(r, framing, "framing", "margin", 0.0, 0.9, &s->margin) ||
        get_rgb(r, root, "", "background", s->background) || get_rgb(r, root, "", "material", s->material) ||
        get_vec3(r, light, "light", "direction", s->light_dir) ||
        get_number(r, light, "light", "ambient", 0.0, 1.0, &s->ambient) ||
        get_number(r, light, "light", "diffuse", 0.0, 1.0, &s->diffuse) ||
        get_bool(r, lines, "lines", "edges", &s->edges) || get_bool(r, lines, "lines", "silhouette", &s->silhouette) ||
        get_rgb(r, lines, "lines", "color", s->line_color) ||
        get_number(r, lines, "lines", "width", 0.0, 16.0, &s->line_width) ||
        get_number(r, lines, "lines", "feature_angle_deg", 0.0, 180.0, &s->feature_angle_deg) ||
        get_int(r, root, "", "supersample", 1, 8, &s->supersample) ||
        get_number(r, tess, "tessellation", "linear", 1e-6, 0.5, &s->tess_linear) ||
        get_number(r, tess, "tessellation", "angular_deg", 0.1, 90.0, &s->tess_angular_deg))
        return -1;
    return 0;
}

int zr_spec_from_json_text(const char *text, const char *name, zr_spec *out, char *err, size_t errlen)
{
    struct reader r = {name, err, errlen};
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    if (!root) {
        zr_set_error(err, errlen, "%s: not valid JSON: %s (line %d)", name, jerr.text, jerr.line);
        return -1;
    }
    int rc = -1;
    if (!json_is_object(root))
        zr_set_error(err, errlen, "%s: a view spec must be a JSON object", name);
    else if (!read_look(&r, root, out) && !read_views(&r, root, out))
        rc = 0;
    json_decref(root);
    if (rc)
        zr_spec_free(out);
    return rc;
}

int zr_spec_load(const char *path, zr_spec *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        zr_set_error(err, errlen, "%s: cannot open the view spec", path);
        return -1;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = 2 * cap + 8192;
            char *t = realloc(text, cap);
            if (!t)
                break;
            text = t;
        }
        size_t n = fread(text + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    int io_err = ferror(f);
    fclose(f);
    if (!text || io_err) {
        free(text);
        zr_set_error(err, errlen, "%s: cannot read the view spec", path);
        return -1;
    }
    text[len] = 0;
    int rc = zr_spec_from_json_text(text, path, out, err, errlen);
    free(text);
    return rc;
}

static json_t *vec3(const double v[3])
{
    return json_pack("[f,f,f]", v[0], v[1], v[2]);
}

static json_t *rgb(const uint8_t c[3])
{
    return json_pack("[i,i,i]", c[0], c[1], c[2]);
}

static json_t *view_json(const zr_view *v)
{
    json_t *o = json_pack("{s:s, s:o, s:o, s:s, s:i, s:i}", "name", v->name, "direction", vec3(v->direction), "up",
                          vec3(v->up), "projection", v->projection == ZR_PERSPECTIVE ? "perspective" : "orthographic",
                          "width", v->width, "height", v->height);
    if (o && v->projection == ZR_PERSPECTIVE)
        json_object_set_new(o, "fov_deg", json_real(v->fov_deg));
    return o;
}

char *zr_spec_to_json(const zr_spec *s)
{
    json_t *views = json_array();
    for (size_t i = 0; i < s->nviews; i++)
        json_array_append_new(views, view_json(&s->views[i]));
    json_t *root = json_pack(
        "{s:s, s:{s:f}, s:o, s:o, s:{s:o, s:f, s:f}, s:{s:b, s:b, s:o, s:f, s:f}, s:i, s:{s:f, s:f}, s:o}",
        "version", s->version, "framing", "margin", s->margin, "background", rgb(s->background), "material",
        rgb(s->material), "light", "direction", vec3(s->light_dir), "ambient", s->ambient, "diffuse", s->diffuse,
        "lines", "edges", s->edges, "silhouette", s->silhouette, "color", rgb(s->line_color), "width",
        s->line_width, "feature_angle_deg", s->feature_angle_deg, "supersample", s->supersample, "tessellation",
        "linear", s->tess_linear, "angular_deg", s->tess_angular_deg, "views", views);
    char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) : NULL;
    json_decref(root);
    return text;
}
