/* vision_probe.c: test driver for the image side of zc_model; prints JSON for the pytest files in
 * tests/vision to compare with the NumPy reference (tests/reference/vision_ref.py).
 *   vision_probe pixels PNG [DIR]               pixel_values and grid of one image
 *   vision_probe encode DIR PNG...              merged embeddings and DeepStack features
 *   vision_probe positions MERGE PAD T,H,W;... IDS   3-axis positions and the rope delta
 *   vision_probe logits DIR IDS PNG...          every position's logits (pads already expanded)
 *   vision_probe candidates DIR K BATCH SEED MAXNEW PNG...   K sampled reconstruct answers
 *                                               (zc_reconstruct_generate, at most BATCH together) */
#include "vision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void print_floats(const float *v, size_t n)
{
    putchar('[');
    for (size_t i = 0; i < n; i++)
        printf(i ? ",%.9g" : "%.9g", (double)v[i]);
    putchar(']');
}

static int32_t *parse_ids(const char *s, int *n)
{
    int32_t *ids = malloc((strlen(s) + 1) * sizeof *ids);
    int k = 0;
    for (const char *p = s; ids && *p;) {
        char *end;
        ids[k++] = (int32_t)strtol(p, &end, 10);
        p = *end ? end + 1 : end;
    }
    *n = k;
    return ids;
}

static int fail(const char *msg)
{
    fprintf(stderr, "vision_probe: %s\n", msg);
    return 1;
}

static int cmd_pixels(int argc, char **argv)
{
    char err[1024];
    zc_image_proc p;
    zc_image_patches img;
    if (argc < 3 || zc_image_proc_load(argc > 3 ? argv[3] : "/nonexistent", &p, err, sizeof err) ||
        zc_image_preprocess_png(&p, argv[2], &img, err, sizeof err))
        return fail(argc < 3 ? "usage: pixels PNG [DIR]" : err);
    printf("{\"grid\":[%d,%d,%d],\"row\":%d,\"pixels\":", img.grid_t, img.grid_h, img.grid_w, img.row);
    print_floats(img.pixels, (size_t)img.grid_t * img.grid_h * img.grid_w * img.row);
    printf("}\n");
    zc_image_patches_free(&img);
    return 0;
}

static int load_images(const zc_vision *v, int n, char **paths, zc_image_patches *imgs, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++)
        if (zc_image_preprocess_png(zc_vision_image_proc(v), paths[i], &imgs[i], err, errlen))
            return -1;
    return 0;
}

static int cmd_encode(int argc, char **argv)
{
    char err[1024];
    if (argc < 4)
        return fail("usage: encode DIR PNG...");
    zc_vision *v = zc_vision_load(argv[2], err, sizeof err);
    if (!v)
        return fail(err);
    int n = argc - 3, ntok = 0;
    const zc_vision_config *c = zc_vision_get_config(v);
    zc_image_patches *imgs = calloc((size_t)n, sizeof *imgs);
    if (load_images(v, n, argv + 3, imgs, err, sizeof err))
        return fail(err);
    for (int i = 0; i < n; i++)
        ntok += zc_image_tokens(&imgs[i], c->merge);
    float *emb = malloc((size_t)ntok * c->out_hidden * 4), *ds[ZC_VISION_MAX_DEEPSTACK] = {0};
    for (int i = 0; i < c->n_deepstack; i++)
        ds[i] = malloc((size_t)ntok * c->out_hidden * 4);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (zc_vision_encode(v, imgs, n, emb, ds, err, sizeof err))
        return fail(err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    printf("{\"encode_s\":%.6f,\"gemm_bf16\":%d,\"tokens\":%d,\"embeds\":", secs, zc_model_gemm_bf16(), ntok);
    print_floats(emb, (size_t)ntok * c->out_hidden);
    printf(",\"deepstack\":[");
    for (int i = 0; i < c->n_deepstack; i++) {
        if (i)
            putchar(',');
        print_floats(ds[i], (size_t)ntok * c->out_hidden);
        free(ds[i]);
    }
    printf("]}\n");
    for (int i = 0; i < n; i++)
        zc_image_patches_free(&imgs[i]);
    free(imgs);
    free(emb);
    zc_vision_free(v);
    return 0;
}

static int cmd_positions(int argc, char **argv)
{
    char err[1024];
    if (argc < 6)
        return fail("usage: positions MERGE PAD T,H,W;... IDS");
    int ngrid = 0, n, (*grid)[3] = malloc(64 * sizeof *grid), delta;
    for (char *s = strtok(argv[4], ";"); s && ngrid < 64; s = strtok(NULL, ";"))
        if (sscanf(s, "%d,%d,%d", &grid[ngrid][0], &grid[ngrid][1], &grid[ngrid][2]) == 3)
            ngrid++;
    int32_t *ids = parse_ids(argv[5], &n), *pos = malloc((size_t)n * 3 * sizeof *pos);
    if (zc_mrope_positions(ids, n, (const int(*)[3])grid, ngrid, atoi(argv[2]), atoi(argv[3]), pos, &delta, err,
                           sizeof err))
        return fail(err);
    printf("{\"delta\":%d,\"pos\":[", delta);
    for (int i = 0; i < 3 * n; i++)
        printf(i ? ",%d" : "%d", pos[i]);
    printf("]}\n");
    free(grid);
    free(ids);
    free(pos);
    return 0;
}

static int cmd_logits(int argc, char **argv)
{
    char err[1024];
    if (argc < 4)
        return fail("usage: logits DIR IDS PNG...");
    zc_model *m = zc_model_load(argv[2], ZC_QUANT_NONE, err, sizeof err);
    zc_vision *v = m ? zc_vision_load(argv[2], err, sizeof err) : NULL;
    if (!v)
        return fail(err);
    int n, nimg = argc - 4, delta;
    int32_t *ids = parse_ids(argv[3], &n);
    zc_image_patches *imgs = calloc((size_t)(nimg ? nimg : 1), sizeof *imgs);
    if (load_images(v, nimg, argv + 4, imgs, err, sizeof err))
        return fail(err);
    int V = zc_model_config(m)->vocab;
    float *logits = malloc((size_t)n * V * 4);
    zc_kv *kv = zc_kv_new(m, n);
    if (zc_mm_prefill(m, v, kv, ids, n, imgs, nimg, ZC_LOGITS_ALL, logits, &delta, err, sizeof err))
        return fail(err);
    printf("{\"delta\":%d,\"gemm_bf16\":%d,\"logits\":[", delta, zc_model_gemm_bf16());
    for (int i = 0; i < n; i++) {
        if (i)
            putchar(',');
        print_floats(logits + (size_t)i * V, (size_t)V);
    }
    printf("]}\n");
    for (int i = 0; i < nimg; i++)
        zc_image_patches_free(&imgs[i]);
    free(imgs);
    free(ids);
    free(logits);
    zc_kv_free(kv);
    zc_vision_free(v);
    zc_model_free(m);
    return 0;
}

static void print_string(const char *s)
{
    putchar('"');
    for (; *s; s++)
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    putchar('"');
}

static int cmd_candidates(int argc, char **argv)
{
    char err[1024];
    if (argc < 8)
        return fail("usage: candidates DIR K BATCH SEED MAXNEW PNG...");
    zc_model *m = zc_model_load(argv[2], ZC_QUANT_NONE, err, sizeof err);
    zc_vision *v = m ? zc_vision_load(argv[2], err, sizeof err) : NULL;
    zc_tokenizer *tok = v ? zc_tokenizer_load(argv[2], err, sizeof err) : NULL;
    if (!tok)
        return fail(err);
    int nimg = argc - 7;
    zc_image_patches *imgs = calloc((size_t)nimg, sizeof *imgs);
    if (load_images(v, nimg, argv + 7, imgs, err, sizeof err))
        return fail(err);
    zc_recon_gen g = {.max_new = atoi(argv[6]), .n_candidates = atoi(argv[3]), .max_batch = atoi(argv[4]), .quiet = 1};
    g.sp = (zc_sampler_params){.temperature = 1.2f, .top_k = 0, .top_p = 1.0f, .repetition_penalty = 1.0f,
                               .seed = (uint64_t)atoll(argv[5])};
    char **texts = NULL;
    if (zc_reconstruct_generate(m, v, tok, imgs, nimg, &g, &texts, err, sizeof err))
        return fail(err);
    printf("[");
    for (int i = 0; i < g.n_candidates; i++) {
        printf(i ? "," : "");
        print_string(texts[i]);
        free(texts[i]);
    }
    printf("]\n");
    free(texts);
    for (int i = 0; i < nimg; i++)
        zc_image_patches_free(&imgs[i]);
    free(imgs);
    zc_tokenizer_free(tok);
    zc_vision_free(v);
    zc_model_free(m);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return fail("usage: vision_probe pixels|encode|positions|logits ...");
    if (!strcmp(argv[1], "pixels"))
        return cmd_pixels(argc, argv);
    if (!strcmp(argv[1], "encode"))
        return cmd_encode(argc, argv);
    if (!strcmp(argv[1], "positions"))
        return cmd_positions(argc, argv);
    if (!strcmp(argv[1], "logits"))
        return cmd_logits(argc, argv);
    if (!strcmp(argv[1], "candidates"))
        return cmd_candidates(argc, argv);
    return fail("unknown subcommand");
}
