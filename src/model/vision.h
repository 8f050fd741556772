/* vision.h: the image side of zc_model (Qwen3-VL): PNG views -> pixel patches as transformers'
 * Qwen2-VL fast image processor makes them, the vision encoder (patch embedding, interpolated
 * position embedding, 2D rotary, pre-norm blocks, DeepStack mergers, final merger), the 3-axis
 * M-RoPE position ids with the rope delta, and a multimodal prefill into the text decoder.
 * See docs/model-vision.md. */
#ifndef ZC_MODEL_VISION_H
#define ZC_MODEL_VISION_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define ZC_VISION_MAX_DEEPSTACK 8

/* vision_config of config.json. */
typedef struct {
    int depth, hidden, heads, inter;
    int in_channels, patch, temporal, merge;
    int out_hidden;            /* = text hidden_size */
    int num_pos;               /* num_position_embeddings (a square number) */
    int n_deepstack;
    int deepstack[ZC_VISION_MAX_DEEPSTACK]; /* block indexes after which a DeepStack merger runs */
    int act_tanh;              /* hidden_act gelu_pytorch_tanh (1) or gelu (0) */
} zc_vision_config;

/* preprocessor_config.json (Qwen2VLImageProcessorFast). */
typedef struct {
    int patch, temporal, merge;
    long min_pixels, max_pixels;  /* size.shortest_edge / size.longest_edge (pixel counts) */
    float mean[3], std[3];
    double rescale;               /* rescale_factor (1/255) */
} zc_image_proc;

/* One preprocessed image: rows of C*temporal*patch*patch values, in 2x2 merge-block order. */
typedef struct {
    int grid_t, grid_h, grid_w;   /* patch grid */
    int row;                      /* values per row */
    float *pixels;                /* [grid_t*grid_h*grid_w][row], malloc'd */
} zc_image_patches;

/* ---- images ---- */
/* Decodes a PNG (any colour type / depth) to 8-bit RGB; alpha is composited on white. *rgb is
 * malloc'd 3*w*h bytes. 0, or -1 with a one-line message naming the file. */
int zc_image_load_png(const char *path, uint8_t **rgb, int *w, int *h, char *err, size_t errlen);
int zc_image_decode_png(const void *data, size_t len, const char *name, uint8_t **rgb, int *w, int *h,
                        char *err, size_t errlen);
/* transformers' smart_resize: both sides multiples of factor, pixel count within [min, max]. */
int zc_image_smart_resize(int h, int w, int factor, long min_pixels, long max_pixels, int *oh, int *ow,
                          char *err, size_t errlen);
/* Antialiased bicubic resize of 8-bit RGB exactly as torch's uint8 path (interpolate(...,
 * mode="bicubic", antialias=True) on a uint8 tensor: int16 weights, horizontal then vertical). */
int zc_image_resize_bicubic(const uint8_t *rgb, int w, int h, uint8_t *out, int ow, int oh);
/* Defaults of Qwen3-VL, then dir/preprocessor_config.json when present. */
int zc_image_proc_load(const char *dir, zc_image_proc *p, char *err, size_t errlen);
/* smart_resize + resize + rescale/normalize + temporal repeat + patch flattening. */
int zc_image_preprocess(const zc_image_proc *p, const uint8_t *rgb, int w, int h, zc_image_patches *out,
                        char *err, size_t errlen);
int zc_image_preprocess_png(const zc_image_proc *p, const char *path, zc_image_patches *out, char *err,
                            size_t errlen);
void zc_image_patches_free(zc_image_patches *img);
/* LLM tokens of an image: grid_t * grid_h * grid_w / merge^2. */
int zc_image_tokens(const zc_image_patches *img, int merge);

/* ---- the vision encoder ---- */
typedef struct zc_vision zc_vision;
/* Loads model.visual.* of the checkpoint folder dir (config.json vision_config, preprocessor). */
zc_vision *zc_vision_load(const char *dir, char *err, size_t errlen);
void zc_vision_free(zc_vision *v);
const zc_vision_config *zc_vision_get_config(const zc_vision *v);
const zc_image_proc *zc_vision_image_proc(const zc_vision *v);
/* Encodes nimg images. embeds receives sum(tokens) x out_hidden floats; deepstack[k] (k <
 * n_deepstack) receives the same shape for the k-th DeepStack merger (may be NULL). */
int zc_vision_encode(const zc_vision *v, const zc_image_patches *imgs, int nimg, float *embeds, float **deepstack,
                     char *err, size_t errlen);

/* ---- M-RoPE position ids (transformers' get_rope_index for images) ---- */
/* tokens[n] with each image's pads expanded; grid_thw[k] = patch grid of the k-th image in
 * order. pos receives n triples (t, h, w); *rope_delta = max position + 1 - n. -1 when the pads
 * do not match the grids (message in err). */
int zc_mrope_positions(const int32_t *tokens, int n, const int (*grid_thw)[3], int nimg, int merge,
                       int image_token_id, int32_t *pos, int *rope_delta, char *err, size_t errlen);

/* ---- multimodal prefill ---- */
/* Runs tokens (pads expanded, images in order) through the decoder with image embeddings in
 * place of the <|image_pad|> rows, DeepStack features added after the first decoder layers and
 * 3-axis positions. *rope_delta is the delta for the following decode steps
 * (zc_model_forward_tokens(..., rope_delta, ...)). logits as zc_model_forward. */
int zc_mm_prefill(const zc_model *m, const zc_vision *v, zc_kv *kv, const int32_t *tokens, int n,
                  const zc_image_patches *imgs, int nimg, zc_logits_mode mode, float *logits, int *rope_delta,
                  char *err, size_t errlen);
/* The same prompt as inputs for batched generation (zc_batch_add): embeddings with the images in
 * place, M-RoPE positions, DeepStack mask and features, rope delta. 0, or -1 with err. */
typedef struct {
    float *embeds;             /* [n][hidden] */
    int32_t *pos;              /* [n][3] */
    unsigned char *mask;       /* [n]: image rows */
    float *ds[ZC_VISION_MAX_DEEPSTACK];
    int n_ds, rope_delta;
} zc_mm_inputs;
int zc_mm_inputs_make(const zc_model *m, const zc_vision *v, const int32_t *tokens, int n,
                      const zc_image_patches *imgs, int nimg, zc_mm_inputs *out, char *err, size_t errlen);
void zc_mm_inputs_free(zc_mm_inputs *in);
/* Points r's embeds, pos, DeepStack and rope_delta at in (zc_batch_add copies them). */
void zc_mm_inputs_request(const zc_mm_inputs *in, zc_batch_req *r);
/* Expands the k-th single <|image_pad|> of tokens into counts[k] pads. Malloc'd, *n_out set. */
int32_t *zc_expand_image_pads(const int32_t *tokens, int n, int image_token_id, const int *counts, int nimg,
                              int *n_out);

/* ---- reconstruct: 8 views -> CadQuery program text ---- */
/* The Zero-to-CAD prompt (model card and docs/model-vision.md). */
#define ZC_CAD_SYSTEM                                                                                      \
    "You are a CAD code assistant. Given multiple rendered views of a 3D shape, generate clean, "           \
    "well-structured CadQuery Python code that accurately reproduces the geometry."
#define ZC_CAD_USER "Generate CadQuery code for this shape."

typedef struct {
    const char *system, *user;  /* NULL: ZC_CAD_SYSTEM / ZC_CAD_USER; "" system: none */
    int max_new;                /* new tokens per candidate */
    int n_candidates;
    zc_sampler_params sp;       /* candidate i samples with seed sp.seed + i */
    int quiet;                  /* no progress lines on stderr */
    int no_speculate;           /* 1: no speculation for greedy candidates (zc_decode) */
    const char *draft_corpus;   /* text file the drafter also looks in (NULL: the built-in one) */
    int no_draft_corpus;        /* 1: drafts from the text so far only */
    int max_batch;              /* sampled candidates decoded together, at most this many (0: 8;
                                 * 1: one after another) */
} zc_recon_gen;

/* The Zero-to-CAD prompt ids for these views (system, one vision run per view with its pads
 * expanded, user text, generation prompt). Malloc'd, *n set; NULL with err. */
int32_t *zc_reconstruct_prompt(const zc_model *m, const zc_vision *v, const zc_tokenizer *tok,
                               const zc_image_patches *views, int nviews, const zc_recon_gen *g, int *n, char *err,
                               size_t errlen);
/* Prefills the prompt with the views once, then samples n_candidates answers from that cache:
 * sampled candidates (temperature > 0) decode together in a zc_batch, each from a copy of the
 * prompt's cache (max_batch at a time), with the tokens they get one after another; greedy ones
 * (which may speculate) one after another. *texts receives n_candidates malloc'd strings (special
 * tokens skipped). */
int zc_reconstruct_generate(const zc_model *m, const zc_vision *v, const zc_tokenizer *tok,
                            const zc_image_patches *views, int nviews, const zc_recon_gen *g, char ***texts,
                            char *err, size_t errlen);
/* The program in a model answer: the first ```python (or ```) fenced block, else the whole text.
 * Malloc'd. */
char *zc_reconstruct_extract_code(const char *text);

#endif
