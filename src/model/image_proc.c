/* image_proc.c: the image processor settings of a checkpoint: Qwen3-VL's published values
 * (patch 16, temporal 2, merge 2, 65536..16777216 pixels, mean = std = 0.5, rescale 1/255), then
 * whatever dir/preprocessor_config.json says (size.shortest_edge/longest_edge, or the older
 * min_pixels/max_pixels keys). A malformed file is a one-line error naming it. */
#include "vision.h"

#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

static void defaults(zc_image_proc *p)
{
    p->patch = 16;
    p->temporal = 2;
    p->merge = 2;
    p->min_pixels = 65536;
    p->max_pixels = 16777216;
    for (int c = 0; c < 3; c++)
        p->mean[c] = p->std[c] = 0.5f;
    p->rescale = 1.0 / 255.0;
}

static int get_long(json_t *o, const char *key, long *out, const char *file, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) <= 0 || json_integer_value(v) > (1L << 40)) {
        snprintf(err, errlen, "%s: bad key '%s' (a positive integer)", file, key);
        return -1;
    }
    *out = (long)json_integer_value(v);
    return 0;
}

static int get_int(json_t *o, const char *key, int *out, const char *file, char *err, size_t errlen)
{
    long v = *out;
    if (get_long(o, key, &v, file, err, errlen))
        return -1;
    if (v > 4096) {
        snprintf(err, errlen, "%s: bad key '%s' (too large)", file, key);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int get_triple(json_t *o, const char *key, float *out, int positive, const char *file, char *err,
                      size_t errlen)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    if (json_is_number(v)) {
        out[0] = out[1] = out[2] = (float)json_number_value(v);
    } else if (json_is_array(v) && json_array_size(v) == 3) {
        for (int c = 0; c < 3; c++) {
            json_t *e = json_array_get(v, (size_t)c);
            if (!json_is_number(e))
                goto bad;
            out[c] = (float)json_number_value(e);
        }
    } else {
        goto bad;
    }
    for (int c = 0; positive && c < 3; c++)
        if (!(out[c] > 0))
            goto bad;
    return 0;
bad:
    snprintf(err, errlen, "%s: bad key '%s' (a number or a list of 3)", file, key);
    return -1;
}

static int read_keys(json_t *root, zc_image_proc *p, const char *file, char *err, size_t errlen)
{
    json_t *size = json_object_get(root, "size");
    if (get_int(root, "patch_size", &p->patch, file, err, errlen) ||
        get_int(root, "temporal_patch_size", &p->temporal, file, err, errlen) ||
        get_int(root, "merge_size", &p->merge, file, err, errlen) ||
        get_long(root, "min_pixels", &p->min_pixels, file, err, errlen) ||
        get_long(root, "max_pixels", &p->max_pixels, file, err, errlen) ||
        get_triple(root, "image_mean", p->mean, 0, file, err, errlen) ||
        get_triple(root, "image_std", p->std, 1, file, err, errlen))
        return -1;
    if (json_is_object(size) && (get_long(size, "shortest_edge", &p->min_pixels, file, err, errlen) ||
                                 get_long(size, "longest_edge", &p->max_pixels, file, err, errlen)))
        return -1;
    json_t *rf = json_object_get(root, "rescale_factor");
    if (rf && !(json_is_number(rf) && json_number_value(rf) > 0)) {
        snprintf(err, errlen, "%s: bad key 'rescale_factor'", file);
        return -1;
    }
    if (rf)
        p->rescale = json_number_value(rf);
    return 0;
}

int zc_image_proc_load(const char *dir, zc_image_proc *p, char *err, size_t errlen)
{
    defaults(p);
    char file[4096];
    snprintf(file, sizeof file, "%s/preprocessor_config.json", dir);
    if (access(file, F_OK) != 0)
        return 0;
    json_error_t je;
    json_t *root = json_load_file(file, 0, &je);
    if (!json_is_object(root)) {
        snprintf(err, errlen, "%s: malformed JSON (line %d: %s)", file, je.line, je.text);
        json_decref(root);
        return -1;
    }
    int rc = read_keys(root, p, file, err, errlen);
    json_decref(root);
    return rc;
}
