/* serve.h: the public interface of zc_serve, the OpenAI-compatible chat-completions server over a
 * Qwen3-VL checkpoint (`zerocad serve`). One scheduler thread owns the model and decodes the
 * admitted requests together; HTTP threads parse, tokenize and decode images. The request parser
 * is public too (its fuzz target and tests call it without a model). See docs/serve.md. */
#ifndef ZC_SERVE_SERVE_H
#define ZC_SERVE_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* ---- limits and options ---- */
typedef struct {
    size_t max_body;        /* bytes of a request body (413 beyond) */
    int max_images;         /* images per request (400 beyond) */
    long max_image_pixels;  /* width * height of one decoded image (400 beyond) */
} zc_serve_limits;

typedef struct {
    const char *dir;         /* checkpoint folder */
    const char *model_name;  /* NULL: basename of dir */
    const char *host;        /* NULL: 127.0.0.1 */
    int port;                /* 0: 8000 */
    const char *api_key;     /* NULL: no key required */
    int max_batch;           /* sequences decoded together (<= 0: 8) */
    int max_queue;           /* requests waiting beyond the batch (429 beyond; <= 0: 256) */
    int ctx;                 /* prompt + completion tokens per request (<= 0: 8192) */
    int default_max_tokens;  /* completion tokens when the request names none (<= 0: 1024) */
    int threads;             /* kernel threads of the scheduler (<= 0: OpenMP default) */
    zc_quant quant;
    zc_serve_limits limits;  /* zeros: the defaults below */
} zc_serve_opts;

#define ZC_SERVE_DEFAULT_MAX_BODY (64u << 20)
#define ZC_SERVE_DEFAULT_MAX_IMAGES 8
#define ZC_SERVE_DEFAULT_MAX_IMAGE_PIXELS (4096L * 4096L)

/* Loads the model, listens, serves until SIGINT or SIGTERM (the caller blocks them in every
 * thread before calling: this function waits for them), then drains and returns. 0 on a clean
 * shutdown; 1 with a one-line message on stderr when the model or the socket cannot be had. */
int zc_serve_run(const zc_serve_opts *o);

/* ---- the request parser (no model needed) ---- */
typedef struct {
    int is_image;
    char *text;         /* text part */
    uint8_t *data;      /* image part: the bytes of the data URL, base64-decoded */
    size_t len;
} zc_serve_part;

typedef struct {
    char *role;         /* system, user, assistant, tool ("developer" is read as system) */
    int is_string;      /* content was a plain string (parts[0] holds it) */
    zc_serve_part *parts;
    size_t nparts;
} zc_serve_msg;

#define ZC_SERVE_MAX_STOP 4

typedef struct {
    char *model;
    zc_serve_msg *msgs;
    size_t nmsgs;
    int nimages;
    int stream, include_usage;
    long max_tokens;                /* -1: absent */
    int has_temperature, has_top_p, has_top_k, has_rep, has_seed;
    float temperature, top_p, repetition_penalty;
    int top_k;
    uint64_t seed;
    char *stop[ZC_SERVE_MAX_STOP];
    int nstop;
} zc_serve_request;

/* An OpenAI error object: HTTP status, type, param (may be empty), code (may be NULL). */
typedef struct {
    int status;
    const char *type;
    const char *code;
    char param[64];
    char message[512];
} zc_serve_error;

/* Parses a chat-completions request body. 0, or -1 with e filled (status 400 for anything the
 * client got wrong). out is always safe to free with zc_serve_request_free. */
int zc_serve_parse_request(const char *body, size_t len, const zc_serve_limits *lim, zc_serve_request *out,
                           zc_serve_error *e);
void zc_serve_request_free(zc_serve_request *r);
/* The request's messages through the Qwen3-VL chat template (generation prompt added). Malloc'd;
 * NULL on out of memory. */
char *zc_serve_render_prompt(const zc_serve_request *r);
/* {"error":{"message","type","param","code"}} as a malloc'd string. */
char *zc_serve_error_json(const zc_serve_error *e);
/* Fills e; returns -1 (for `return zc_serve_fail(...)`). param may be NULL. */
int zc_serve_fail(zc_serve_error *e, int status, const char *type, const char *code, const char *param,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
