/* vision_config.c: reads vision_config from a checkpoint's config.json (every size of the vision
 * encoder; none hard-coded). A missing or ill-typed key is a one-line error naming the file. */
#include "vision_state.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int get_int(json_t *o, const char *key, int *out, const char *file, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) <= 0 || json_integer_value(v) > (1 << 20)) {
        snprintf(err, errlen, "%s: %s key 'vision_config.%s' (a positive integer)", file, v ? "bad" : "missing",
                 key);
        return -1;
    }
    *out = (int)json_integer_value(v);
    return 0;
}

static int read_deepstack(json_t *vc, zc_vision_config *c, const char *file, char *err, size_t errlen)
{
    json_t *a = json_object_get(vc, "deepstack_visual_indexes");
    c->n_deepstack = 0;
    if (!a)
        return 0;
    if (!json_is_array(a) || json_array_size(a) > ZC_VISION_MAX_DEEPSTACK)
        goto bad;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *e = json_array_get(a, i);
        if (!json_is_integer(e) || json_integer_value(e) < 0 || json_integer_value(e) >= c->depth)
            goto bad;
        c->deepstack[c->n_deepstack++] = (int)json_integer_value(e);
    }
    return 0;
bad:
    snprintf(err, errlen, "%s: bad key 'vision_config.deepstack_visual_indexes' (block indexes below depth)", file);
    return -1;
}

static int read_act(json_t *vc, zc_vision_config *c, const char *file, char *err, size_t errlen)
{
    const char *act = json_string_value(json_object_get(vc, "hidden_act"));
    if (!act || !strcmp(act, "gelu_pytorch_tanh")) {
        c->act_tanh = 1;
        return 0;
    }
    if (!strcmp(act, "gelu")) {
        c->act_tanh = 0;
        return 0;
    }
    snprintf(err, errlen, "%s: vision_config.hidden_act '%s' is not supported (gelu_pytorch_tanh or gelu)", file, act);
    return -1;
}

static int check(const zc_vision_config *c, const char *file, char *err, size_t errlen)
{
    int side = (int)lround(sqrt((double)c->num_pos));
    if (side * side != c->num_pos) {
        snprintf(err, errlen, "%s: vision_config.num_position_embeddings %d is not a square", file, c->num_pos);
        return -1;
    }
    if (c->hidden % c->heads || (c->hidden / c->heads) % 4) {
        snprintf(err, errlen, "%s: vision_config.hidden_size %d does not split into %d heads of a multiple of 4",
                 file, c->hidden, c->heads);
        return -1;
    }
    if (c->in_channels != 3) {
        snprintf(err, errlen, "%s: vision_config.in_channels must be 3", file);
        return -1;
    }
    return 0;
}

int zc_vision_config_load(const char *dir, zc_vision_config *c, char *err, size_t errlen)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/config.json", dir);
    json_error_t je;
    json_t *root = json_load_file(file, 0, &je);
    if (!json_is_object(root)) {
        snprintf(err, errlen, "%s: %s (line %d: %s)", file, root ? "not an object" : "cannot read JSON", je.line,
                 je.text);
        json_decref(root);
        return -1;
    }
    json_t *vc = json_object_get(root, "vision_config");
    memset(c, 0, sizeof *c);
    c->in_channels = 3;
    int rc = -1;
    if (!json_is_object(vc))
        snprintf(err, errlen, "%s: missing key 'vision_config' (not a vision-language checkpoint)", file);
    else if (!get_int(vc, "depth", &c->depth, file, err, errlen) &&
             !get_int(vc, "hidden_size", &c->hidden, file, err, errlen) &&
             !get_int(vc, "num_heads", &c->heads, file, err, errlen) &&
             !get_int(vc, "intermediate_size", &c->inter, file, err, errlen) &&
             !(json_object_get(vc, "in_channels") && get_int(vc, "in_channels", &c->in_channels, file, err, errlen)) &&
             !get_int(vc, "patch_size", &c->patch, file, err, errlen) &&
             !get_int(vc, "temporal_patch_size", &c->temporal, file, err, errlen) &&
             !get_int(vc, "spatial_merge_size", &c->merge, file, err, errlen) &&
             !get_int(vc, "out_hidden_size", &c->out_hidden, file, err, errlen) &&
             !get_int(vc, "num_position_embeddings", &c->num_pos, file, err, errlen) &&
             !read_deepstack(vc, c, file, err, errlen) && !read_act(vc, c, file, err, errlen))
        rc = check(c, file, err, errlen);
    json_decref(root);
    return rc;
}
