/* config.c: reads a checkpoint's config.json (every size of the text decoder, from text_config
 * or, for plain Qwen3 files, the top level) and generation_config.json (EOS ids and sampling
 * defaults). A missing or ill-typed key is a one-line error naming the file and the key. */
#include "config.h"

#include <float.h>
#include <jansson.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int get_int(json_t *obj, const char *key, int *out, const char *file, char *err, size_t errlen)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v) || json_integer_value(v) <= 0 || json_integer_value(v) > (1 << 30)) {
        snprintf(err, errlen, "%s: %s key '%s' (a positive integer)", file, v ? "bad" : "missing", key);
        return -1;
    }
    *out = (int)json_integer_value(v);
    return 0;
}

static int get_num(json_t *obj, const char *key, double *out, const char *file, char *err, size_t errlen)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_number(v) || !(json_number_value(v) > 0) || !isfinite(json_number_value(v))) {
        snprintf(err, errlen, "%s: %s key '%s' (a positive number)", file, v ? "bad" : "missing", key);
        return -1;
    }
    *out = json_number_value(v);
    return 0;
}

/* A JSON integer that fits a token id (0 .. INT32_MAX). */
static int is_token_id(json_t *v)
{
    return json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= INT32_MAX;
}

/* An optional token id; absent or out of range reads as -1 (none). */
static int opt_token(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return is_token_id(v) ? (int)json_integer_value(v) : -1;
}

/* rope_theta sits in the text config (transformers 4.57 files) or in rope_parameters (newer
 * files); mrope_section in rope_scaling or rope_parameters. */
static json_t *rope_block(json_t *tc)
{
    json_t *rp = json_object_get(tc, "rope_parameters");
    return json_is_object(rp) ? rp : json_object_get(tc, "rope_scaling");
}

static int read_rope(json_t *tc, zc_text_config *c, const char *file, char *err, size_t errlen)
{
    json_t *rb = rope_block(tc);
    if (json_object_get(tc, "rope_theta"))
        return get_num(tc, "rope_theta", &c->rope_theta, file, err, errlen);
    if (json_is_object(rb) && json_object_get(rb, "rope_theta"))
        return get_num(rb, "rope_theta", &c->rope_theta, file, err, errlen);
    snprintf(err, errlen, "%s: missing key 'rope_theta'", file);
    return -1;
}

static int read_mrope(json_t *tc, zc_text_config *c, const char *file, char *err, size_t errlen)
{
    json_t *src = rope_block(tc);
    json_t *ms = json_is_object(src) ? json_object_get(src, "mrope_section") : NULL;
    if (!json_is_array(ms) || json_array_size(ms) != 3) {
        snprintf(err, errlen, "%s: %s key 'rope_scaling.mrope_section' (3 integers)", file, ms ? "bad" : "missing");
        return -1;
    }
    int sum = 0;
    for (int i = 0; i < 3; i++) {
        json_t *v = json_array_get(ms, (size_t)i);
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 4096) {
            snprintf(err, errlen, "%s: bad key 'mrope_section'", file);
            return -1;
        }
        c->mrope[i] = (int)json_integer_value(v);
        sum += c->mrope[i];
    }
    if (sum != c->head_dim / 2) {
        snprintf(err, errlen, "%s: mrope_section sums to %d but head_dim/2 is %d", file, sum, c->head_dim / 2);
        return -1;
    }
    json_t *il = json_object_get(src, "mrope_interleaved");
    c->mrope_interleaved = il ? json_is_true(il) : 1;
    return 0;
}

static int check_supported(json_t *tc, const char *file, char *err, size_t errlen)
{
    json_t *act = json_object_get(tc, "hidden_act");
    if (act && (!json_is_string(act) || strcmp(json_string_value(act), "silu"))) {
        snprintf(err, errlen, "%s: unsupported hidden_act (only silu)", file);
        return -1;
    }
    if (json_is_true(json_object_get(tc, "attention_bias"))) {
        snprintf(err, errlen, "%s: unsupported attention_bias true", file);
        return -1;
    }
    return 0;
}

static int read_sizes(json_t *tc, zc_text_config *c, const char *file, char *err, size_t errlen)
{
    double eps;
    if (get_int(tc, "hidden_size", &c->hidden, file, err, errlen) ||
        get_int(tc, "num_hidden_layers", &c->n_layers, file, err, errlen) ||
        get_int(tc, "num_attention_heads", &c->n_heads, file, err, errlen) ||
        get_int(tc, "num_key_value_heads", &c->n_kv_heads, file, err, errlen) ||
        get_int(tc, "intermediate_size", &c->inter, file, err, errlen) ||
        get_int(tc, "vocab_size", &c->vocab, file, err, errlen) ||
        get_num(tc, "rms_norm_eps", &eps, file, err, errlen))
        return -1;
    c->eps = (float)eps;
    if (!(c->eps > 0.0f) || !isfinite(c->eps)) {   /* 1e-60 underflows to 0 as a float, 1e39 overflows */
        snprintf(err, errlen, "%s: bad key 'rms_norm_eps' (%g is 0 or infinite as a 32-bit float)", file, eps);
        return -1;
    }
    if (json_object_get(tc, "head_dim")) {
        if (get_int(tc, "head_dim", &c->head_dim, file, err, errlen))
            return -1;
    } else {
        c->head_dim = c->hidden / c->n_heads;
    }
    if (c->n_heads % c->n_kv_heads || c->head_dim % 2) {
        snprintf(err, errlen, "%s: num_attention_heads %d not a multiple of num_key_value_heads %d, or odd head_dim",
                 file, c->n_heads, c->n_kv_heads);
        return -1;
    }
    return 0;
}

int zc_config_load(const char *dir, zc_text_config *c, char *err, size_t errlen)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/config.json", dir);
    memset(c, 0, sizeof *c);
    json_error_t jerr;
    json_t *root = json_load_file(file, 0, &jerr);
    if (!json_is_object(root)) {
        snprintf(err, errlen, "%s: %s", file, root ? "not a JSON object" : jerr.text);
        json_decref(root);
        return -1;
    }
    json_t *tc = json_object_get(root, "text_config");
    if (!json_is_object(tc))
        tc = root;
    int rc = check_supported(tc, file, err, errlen) || read_sizes(tc, c, file, err, errlen) ||
             read_rope(tc, c, file, err, errlen) || read_mrope(tc, c, file, err, errlen);
    c->image_token_id = opt_token(root, "image_token_id");
    c->video_token_id = opt_token(root, "video_token_id");
    c->vision_start_token_id = opt_token(root, "vision_start_token_id");
    c->vision_end_token_id = opt_token(root, "vision_end_token_id");
    json_decref(root);
    return rc ? -1 : 0;
}

static int read_eos(json_t *v, zc_gen_config *g)
{
    g->n_eos = 0;
    if (json_is_integer(v)) {
        if (!is_token_id(v))
            return -1;
        g->eos[g->n_eos++] = (int32_t)json_integer_value(v);
        return 0;
    }
    if (!json_is_array(v))
        return -1;
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
        if (!is_token_id(e) || g->n_eos >= ZC_MAX_EOS)
            return -1;
        g->eos[g->n_eos++] = (int32_t)json_integer_value(e);
    }
    return 0;
}

static void read_opt_float(json_t *root, const char *key, float *out)
{
    json_t *v = json_object_get(root, key);
    if (json_is_number(v) && fabs(json_number_value(v)) <= FLT_MAX)   /* else: keep the default */
        *out = (float)json_number_value(v);
}

int zc_gen_config_load(const char *dir, zc_gen_config *g, char *err, size_t errlen)
{
    memset(g, 0, sizeof *g);
    g->temperature = 1.0f;
    g->top_p = 1.0f;
    g->top_k = 50; /* transformers' GenerationConfig default */
    g->repetition_penalty = 1.0f;
    char file[4096];
    snprintf(file, sizeof file, "%s/generation_config.json", dir);
    if (access(file, F_OK) != 0) {
        /* fall back to eos_token_id of config.json */
        snprintf(file, sizeof file, "%s/config.json", dir);
        json_t *root = json_load_file(file, 0, NULL);
        json_t *tc = root ? json_object_get(root, "text_config") : NULL;
        json_t *v = json_object_get(json_is_object(tc) ? tc : root, "eos_token_id");
        if (!v)
            v = json_object_get(root, "eos_token_id");
        if (v)
            read_eos(v, g);
        json_decref(root);
        return 0;
    }
    json_error_t jerr;
    json_t *root = json_load_file(file, 0, &jerr);
    if (!json_is_object(root)) {
        snprintf(err, errlen, "%s: %s", file, root ? "not a JSON object" : jerr.text);
        json_decref(root);
        return -1;
    }
    json_t *eos = json_object_get(root, "eos_token_id");
    if (eos && read_eos(eos, g)) {
        snprintf(err, errlen, "%s: bad key 'eos_token_id'", file);
        json_decref(root);
        return -1;
    }
    g->do_sample = json_is_true(json_object_get(root, "do_sample"));
    read_opt_float(root, "temperature", &g->temperature);
    read_opt_float(root, "top_p", &g->top_p);
    read_opt_float(root, "repetition_penalty", &g->repetition_penalty);
    json_t *k = json_object_get(root, "top_k");
    if (json_is_integer(k) && json_integer_value(k) >= 0 && json_integer_value(k) <= INT32_MAX)
        g->top_k = (int)json_integer_value(k);
    json_decref(root);
    return 0;
}
