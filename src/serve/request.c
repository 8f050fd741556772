/* request.c: a chat-completions request body (jansson) -> zc_serve_request: the model, the
 * sampling parameters (max_tokens / max_completion_tokens, temperature, top_p, top_k, seed,
 * repetition_penalty, stop, n = 1 only), stream and stream_options. Unknown keys are ignored as
 * OpenAI-compatible servers do; every value the client got wrong is a 400 naming its param. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "serve_internal.h"

#define BAD(e, param, ...) zc_serve_fail(e, 400, "invalid_request_error", "invalid_value", param, __VA_ARGS__)

void zc_serve_request_free(zc_serve_request *r)
{
    for (size_t i = 0; r->msgs && i < r->nmsgs; i++) {
        zc_serve_msg *m = &r->msgs[i];
        for (size_t k = 0; m->parts && k < m->nparts; k++) {
            free(m->parts[k].text);
            free(m->parts[k].data);
        }
        free(m->parts);
        free(m->role);
    }
    free(r->msgs);
    free(r->model);
    for (int i = 0; i < r->nstop; i++)
        free(r->stop[i]);
    memset(r, 0, sizeof *r);
}

/* A number in [lo, hi]; 1 read, 0 absent (or null), -1 bad. */
static int get_number(json_t *root, const char *key, double lo, double hi, double *out, zc_serve_error *e)
{
    json_t *v = json_object_get(root, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < lo ||
        json_number_value(v) > hi)
        return BAD(e, key, "'%s' must be a number in [%g, %g]", key, lo, hi);
    *out = json_number_value(v);
    return 1;
}

/* An integer in [lo, hi]; 1 read, 0 absent (or null), -1 bad. */
static int get_int(json_t *root, const char *key, json_int_t lo, json_int_t hi, json_int_t *out, zc_serve_error *e)
{
    json_t *v = json_object_get(root, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return BAD(e, key, "'%s' must be an integer in [%lld, %lld]", key, (long long)lo, (long long)hi);
    *out = json_integer_value(v);
    return 1;
}

static int get_bool(json_t *obj, const char *key, int *out, zc_serve_error *e)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return BAD(e, key, "'%s' must be true or false", key);
    *out = json_is_true(v);
    return 0;
}

static int add_stop(zc_serve_request *r, json_t *s, zc_serve_error *e)
{
    if (!json_is_string(s) || json_string_length(s) == 0 || strlen(json_string_value(s)) != json_string_length(s))
        return BAD(e, "stop", "'stop' must be a non-empty string or a list of up to %d of them", ZC_SERVE_MAX_STOP);
    if (!(r->stop[r->nstop] = strdup(json_string_value(s))))
        return zc_serve_fail(e, 500, "server_error", NULL, NULL, "out of memory");
    r->nstop++;
    return 0;
}

static int read_stop(json_t *root, zc_serve_request *r, zc_serve_error *e)
{
    json_t *v = json_object_get(root, "stop");
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v))
        return add_stop(r, v, e);
    if (json_array_size(v) > ZC_SERVE_MAX_STOP)
        return BAD(e, "stop", "'stop' takes at most %d strings", ZC_SERVE_MAX_STOP);
    for (size_t i = 0; i < json_array_size(v); i++)
        if (add_stop(r, json_array_get(v, i), e))
            return -1;
    return 0;
}

static int read_max_tokens(json_t *root, zc_serve_request *r, zc_serve_error *e)
{
    json_int_t v = 0;
    int got = get_int(root, "max_completion_tokens", 1, 1 << 30, &v, e);
    if (got == 0)
        got = get_int(root, "max_tokens", 1, 1 << 30, &v, e);
    r->max_tokens = got == 1 ? (long)v : -1;
    return got < 0 ? -1 : 0;
}

static int read_sampling(json_t *root, zc_serve_request *r, zc_serve_error *e)
{
    double d = 0;
    json_int_t i = 0;
    int got;
    if ((got = get_number(root, "temperature", 0, 2, &d, e)) < 0)
        return -1;
    r->has_temperature = got, r->temperature = (float)d;
    if ((got = get_number(root, "top_p", 0, 1, &d, e)) < 0)
        return -1;
    r->has_top_p = got, r->top_p = (float)d;
    if ((got = get_number(root, "repetition_penalty", 0.01, 100, &d, e)) < 0)
        return -1;
    r->has_rep = got, r->repetition_penalty = (float)d;
    if ((got = get_int(root, "top_k", -1, 1 << 30, &i, e)) < 0)
        return -1;
    r->has_top_k = got, r->top_k = (int)i;
    if ((got = get_int(root, "seed", INT64_MIN, INT64_MAX, &i, e)) < 0)
        return -1;
    r->has_seed = got, r->seed = (uint64_t)i;
    if ((got = get_int(root, "n", 1, 1 << 30, &i, e)) < 0)
        return -1;
    if (got && i != 1)
        return zc_serve_fail(e, 400, "invalid_request_error", "unsupported_value", "n",
                             "only n = 1 is supported (one choice per request)");
    return 0;
}

static int read_stream(json_t *root, zc_serve_request *r, zc_serve_error *e)
{
    if (get_bool(root, "stream", &r->stream, e))
        return -1;
    json_t *so = json_object_get(root, "stream_options");
    if (!so || json_is_null(so))
        return 0;
    if (!json_is_object(so))
        return BAD(e, "stream_options", "'stream_options' must be an object");
    return get_bool(so, "include_usage", &r->include_usage, e);
}

static int read_model(json_t *root, zc_serve_request *r, zc_serve_error *e)
{
    json_t *v = json_object_get(root, "model");
    if (!json_is_string(v))
        return zc_serve_fail(e, 400, "invalid_request_error", v ? "invalid_value" : "missing_required_parameter",
                             "model", "'model' (a string) is required");
    if (!(r->model = strdup(json_string_value(v))))
        return zc_serve_fail(e, 500, "server_error", NULL, NULL, "out of memory");
    return 0;
}

static int read_root(json_t *root, const zc_serve_limits *lim, zc_serve_request *r, zc_serve_error *e)
{
    if (!json_is_object(root))
        return BAD(e, NULL, "the request body must be a JSON object");
    if (read_model(root, r, e) || srv_read_messages(json_object_get(root, "messages"), lim, r, e) ||
        read_max_tokens(root, r, e) || read_sampling(root, r, e) || read_stop(root, r, e) || read_stream(root, r, e))
        return -1;
    return 0;
}

int zc_serve_parse_request(const char *body, size_t len, const zc_serve_limits *lim, zc_serve_request *out,
                           zc_serve_error *e)
{
    memset(out, 0, sizeof *out);
    out->max_tokens = -1;
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_json", NULL,
                             "the request body is not valid JSON (%s at line %d, column %d)", je.text, je.line,
                             je.column);
    int rc = read_root(root, lim, out, e);
    json_decref(root);
    if (rc)
        zc_serve_request_free(out);
    return rc;
}
