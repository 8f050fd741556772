/* cmd_serve.c: `zerocad serve`: the options of the OpenAI-compatible chat-completions server
 * (src/serve/, docs/serve.md); the server itself is zc_serve_run. */
#include "commands.h"
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void serve_usage(FILE *f)
{
    fprintf(f,
            "usage: zerocad serve -m DIR [--port P] [--host H] [--api-key KEY | --api-key-env VAR]\n"
            "         [--model-name NAME] [--max-batch B] [--max-queue Q] [--ctx N] [--max-tokens N]\n"
            "         [--max-images N] [--max-body BYTES] [--max-image-pixels N] [-t THREADS] [--quant none|q8]\n"
            "An OpenAI-compatible chat-completions server over a Qwen3-VL checkpoint folder (CPU):\n"
            "POST /v1/chat/completions (stream or not; images as data:image/png;base64 URLs),\n"
            "GET /v1/models, GET /health. Stops gracefully on SIGINT/SIGTERM. See docs/serve.md.\n"
            "  -m DIR             checkpoint folder (config.json, safetensors, tokenizer files)\n"
            "  --host H           address to listen on (default 127.0.0.1)\n"
            "  --port P           port (default 8000)\n"
            "  --api-key KEY      require 'Authorization: Bearer KEY' (--api-key-env VAR: the key is $VAR)\n"
            "  --model-name NAME  the model id clients must name (default: the folder's name)\n"
            "  --max-batch B      requests decoded together (default 8); the rest wait in FIFO order\n"
            "  --max-queue Q      requests that may wait (default 256; beyond: 429)\n"
            "  --ctx N            prompt + completion tokens per request (default 8192)\n"
            "  --max-tokens N     completion tokens when a request names none (default 1024)\n"
            "  --max-images N     images per request (default %d)\n"
            "  --max-body BYTES   request body size (default %u; beyond: 413)\n"
            "  --max-image-pixels N  width*height of one image (default %ld)\n"
            "  -t THREADS         kernel threads of the model\n"
            "  --quant none|q8    weight format in memory (default none)\n",
            ZC_SERVE_DEFAULT_MAX_IMAGES, ZC_SERVE_DEFAULT_MAX_BODY, ZC_SERVE_DEFAULT_MAX_IMAGE_PIXELS);
}

/* A positive integer argument, or -1. */
static long positive(const char *v)
{
    char *end;
    long x = v ? strtol(v, &end, 10) : -1;
    return v && *v && !*end && x > 0 ? x : -1;
}

static int int_opt(const char *a, const char *v, long max, long *out)
{
    long x = positive(v);
    if (x < 0 || x > max) {
        fprintf(stderr, "zerocad serve: %s needs an integer in [1, %ld]\n", a, max);
        return -1;
    }
    *out = x;
    return 0;
}

static int numeric(const char *a, const char *v, zc_serve_opts *o)
{
    long x = 0;
    if (!strcmp(a, "--port") && !int_opt(a, v, 65535, &x))
        o->port = (int)x;
    else if (!strcmp(a, "--max-batch") && !int_opt(a, v, 256, &x))
        o->max_batch = (int)x;
    else if (!strcmp(a, "--max-queue") && !int_opt(a, v, 1 << 20, &x))
        o->max_queue = (int)x;
    else if (!strcmp(a, "--ctx") && !int_opt(a, v, 1 << 20, &x))
        o->ctx = (int)x;
    else if (!strcmp(a, "--max-tokens") && !int_opt(a, v, 1 << 20, &x))
        o->default_max_tokens = (int)x;
    else if (!strcmp(a, "--max-images") && !int_opt(a, v, 1024, &x))
        o->limits.max_images = (int)x;
    else if (!strcmp(a, "--max-body") && !int_opt(a, v, 1L << 32, &x))
        o->limits.max_body = (size_t)x;
    else if (!strcmp(a, "--max-image-pixels") && !int_opt(a, v, 1L << 30, &x))
        o->limits.max_image_pixels = x;
    else if ((!strcmp(a, "-t") || !strcmp(a, "--threads")) && !int_opt(a, v, 1024, &x))
        o->threads = (int)x;
    else
        return -1;
    return 0;
}

static int is_numeric(const char *a)
{
    static const char *names[] = {"--port", "--max-batch", "--max-queue", "--ctx", "--max-tokens", "--max-images",
                                  "--max-body", "--max-image-pixels", "-t", "--threads"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(a, names[i]))
            return 1;
    return 0;
}

static int key_from_env(const char *var, zc_serve_opts *o)
{
    const char *k = getenv(var);
    if (!k || !*k) {
        fprintf(stderr, "zerocad serve: --api-key-env %s: the variable is unset or empty\n", var);
        return -1;
    }
    o->api_key = k;
    return 0;
}

/* 0 ok, 1 help, 2 bad usage. */
static int parse_args(int argc, char **argv, zc_serve_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return 1;
        if (!v) {
            fprintf(stderr, "zerocad serve: bad argument '%s'\n", a);
            return 2;
        }
        i++;
        if (is_numeric(a)) {
            if (numeric(a, v, o))
                return 2;
        } else if (!strcmp(a, "-m") || !strcmp(a, "--model")) {
            o->dir = v;
        } else if (!strcmp(a, "--host")) {
            o->host = v;
        } else if (!strcmp(a, "--model-name") && *v) {
            o->model_name = v;
        } else if (!strcmp(a, "--api-key") && *v) {
            o->api_key = v;
        } else if (!strcmp(a, "--api-key-env")) {
            if (key_from_env(v, o))
                return 2;
        } else if (!strcmp(a, "--quant") && (!strcmp(v, "none") || !strcmp(v, "q8"))) {
            o->quant = !strcmp(v, "q8") ? ZC_QUANT_Q8 : ZC_QUANT_NONE;
        } else {
            fprintf(stderr, "zerocad serve: bad argument '%s'\n", a);
            return 2;
        }
    }
    if (!o->dir) {
        fprintf(stderr, "zerocad serve: need -m DIR (a checkpoint folder)\n");
        return 2;
    }
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    zc_serve_opts o = {0};
    int pr = parse_args(argc, argv, &o);
    if (pr)
        serve_usage(pr == 1 ? stdout : stderr);
    return pr ? (pr == 1 ? 0 : 2) : zc_serve_run(&o);
}
