/* vision_prefill.c: a prompt with images through the text decoder, as Qwen3VLModel.forward does
 * at prefill: the vision tower's merged embeddings replace the <|image_pad|> rows of the token
 * embeddings (in order), the DeepStack features are added to those rows after decoder layers
 * 0..k-1, and the positions are the 3-axis M-RoPE ids; the rope delta is returned for decoding. */
#include "model_state.h"
#include "vision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM_CHUNK 1024

int32_t *zc_expand_image_pads(const int32_t *tokens, int n, int image_token_id, const int *counts, int nimg,
                              int *n_out)
{
    size_t total = (size_t)n;
    for (int k = 0; k < nimg; k++)
        total += (size_t)(counts[k] > 0 ? counts[k] - 1 : 0);
    int32_t *out = malloc(total * sizeof *out);
    if (!out)
        return NULL;
    int k = 0, o = 0;
    for (int i = 0; i < n; i++) {
        if (tokens[i] == image_token_id && k < nimg) {
            for (int j = 0; j < counts[k]; j++)
                out[o++] = image_token_id;
            k++;
        } else {
            out[o++] = tokens[i];
        }
    }
    *n_out = o;
    return out;
}

typedef struct {
    float *img;        /* [nimgtok][H] */
    float *ds[ZC_VISION_MAX_DEEPSTACK];
    int nds;
    float *emb;        /* [n][H] */
    int32_t *pos;      /* [n][3] */
    unsigned char *mask;
} mm_state;

static void mm_free(mm_state *s)
{
    free(s->img);
    for (int i = 0; i < ZC_VISION_MAX_DEEPSTACK; i++)
        free(s->ds[i]);
    free(s->emb);
    free(s->pos);
    free(s->mask);
}

static int count_pads(const int32_t *tokens, int n, int id)
{
    int c = 0;
    for (int i = 0; i < n; i++)
        c += tokens[i] == id;
    return c;
}

static int prepare(const zc_model *m, const zc_vision *v, const int32_t *tokens, int n, const zc_image_patches *imgs,
                   int nimg, mm_state *s, int *rope_delta, char *err, size_t errlen)
{
    const zc_text_config *tc = zc_model_config(m);
    const zc_vision_config *vc = zc_vision_get_config(v);
    int H = tc->hidden, ntok = 0, (*grid)[3] = malloc((size_t)(nimg > 0 ? nimg : 1) * sizeof *grid);
    for (int k = 0; grid && k < nimg; k++) {
        ntok += zc_image_tokens(&imgs[k], vc->merge);
        grid[k][0] = imgs[k].grid_t, grid[k][1] = imgs[k].grid_h, grid[k][2] = imgs[k].grid_w;
    }
    int rc = -1;
    if (!grid)
        snprintf(err, errlen, "out of memory");
    else if (vc->out_hidden != H)
        snprintf(err, errlen, "vision out_hidden_size %d differs from the text hidden_size %d", vc->out_hidden, H);
    else if (count_pads(tokens, n, tc->image_token_id) != ntok)
        snprintf(err, errlen, "the prompt has %d <|image_pad|> tokens, the %d image(s) give %d",
                 count_pads(tokens, n, tc->image_token_id), nimg, ntok);
    else if (!(s->pos = malloc((size_t)n * 3 * sizeof(int32_t))) || !(s->emb = malloc((size_t)n * H * 4)) ||
             !(s->mask = calloc((size_t)n, 1)))
        snprintf(err, errlen, "out of memory");
    else if (!zc_mrope_positions(tokens, n, (const int(*)[3])grid, nimg, vc->merge, tc->image_token_id, s->pos,
                                 rope_delta, err, errlen))
        rc = 0;
    free(grid);
    if (rc || ntok == 0)
        return rc;
    s->nds = vc->n_deepstack;
    int fail = !(s->img = malloc((size_t)ntok * H * 4));
    for (int i = 0; i < s->nds && !fail; i++)
        fail = !(s->ds[i] = malloc((size_t)ntok * H * 4));
    if (fail) {
        snprintf(err, errlen, "out of memory for %d image tokens", ntok);
        return -1;
    }
    return zc_vision_encode(v, imgs, nimg, s->img, s->ds, err, errlen);
}

static int embed(const zc_model *m, const int32_t *tokens, int n, mm_state *s, char *err, size_t errlen)
{
    const zc_text_config *tc = zc_model_config(m);
    for (int i = 0; i < n; i++)
        if (tokens[i] < 0 || tokens[i] >= tc->vocab) {
            snprintf(err, errlen, "token id %d is outside the vocabulary (%d)", tokens[i], tc->vocab);
            return -1;
        }
    if (zc_model_embed(m, tokens, n, s->emb)) {
        snprintf(err, errlen, "cannot read the embedding table from the checkpoint (changed since it was loaded?)");
        return -1;
    }
    int r = 0;
    for (int i = 0; i < n; i++)
        if (tokens[i] == tc->image_token_id) {
            s->mask[i] = 1;
            memcpy(s->emb + (size_t)i * tc->hidden, s->img + (size_t)r++ * tc->hidden, (size_t)tc->hidden * 4);
        }
    return 0;
}

static int run_chunks(const zc_model *m, zc_kv *kv, int n, mm_state *s, zc_logits_mode mode, float *logits)
{
    const zc_text_config *tc = zc_model_config(m);
    int done = 0, rows = 0;
    while (done < n) {
        int k = n - done < MM_CHUNK ? n - done : MM_CHUNK;
        const float *feats[ZC_VISION_MAX_DEEPSTACK];
        for (int i = 0; i < s->nds; i++)
            feats[i] = s->ds[i] + (size_t)rows * tc->hidden;
        zc_deepstack ds = {s->nds, feats, s->mask + done};
        zc_logits_mode md = mode == ZC_LOGITS_ALL ? ZC_LOGITS_ALL : done + k == n ? mode : ZC_LOGITS_NONE;
        float *out = mode == ZC_LOGITS_ALL ? logits + (size_t)done * tc->vocab : logits;
        if (zc_model_forward_rows(m, kv, s->emb + (size_t)done * tc->hidden, s->pos + 3 * (size_t)done, k,
                                  s->nds ? &ds : NULL, md, out)) /* the rows are not read again */
            return -1;
        for (int i = 0; i < k; i++)
            rows += s->mask[done + i];
        done += k;
    }
    return 0;
}

int zc_mm_prefill(const zc_model *m, const zc_vision *v, zc_kv *kv, const int32_t *tokens, int n,
                  const zc_image_patches *imgs, int nimg, zc_logits_mode mode, float *logits, int *rope_delta,
                  char *err, size_t errlen)
{
    mm_state s = {0};
    int rc = n <= 0 ? -1 : 0;
    if (rc)
        snprintf(err, errlen, "empty prompt");
    if (!rc)
        rc = prepare(m, v, tokens, n, imgs, nimg, &s, rope_delta, err, errlen);
    if (!rc)
        rc = embed(m, tokens, n, &s, err, errlen);
    if (!rc && run_chunks(m, kv, n, &s, mode, logits)) {
        snprintf(err, errlen, "the prompt (%d tokens) does not fit the KV cache", n);
        rc = -1;
    }
    mm_free(&s);
    return rc;
}

int zc_mm_inputs_make(const zc_model *m, const zc_vision *v, const int32_t *tokens, int n,
                      const zc_image_patches *imgs, int nimg, zc_mm_inputs *out, char *err, size_t errlen)
{
    mm_state s = {0};
    memset(out, 0, sizeof *out);
    int rc = n <= 0 ? -1 : 0;
    if (rc)
        snprintf(err, errlen, "empty prompt");
    if (!rc)
        rc = prepare(m, v, tokens, n, imgs, nimg, &s, &out->rope_delta, err, errlen);
    if (!rc)
        rc = embed(m, tokens, n, &s, err, errlen);
    if (!rc) {
        out->embeds = s.emb, out->pos = s.pos, out->mask = s.mask, out->n_ds = s.nds;
        for (int i = 0; i < s.nds; i++)
            out->ds[i] = s.ds[i], s.ds[i] = NULL;
        s.emb = NULL, s.pos = NULL, s.mask = NULL;
    }
    mm_free(&s);
    return rc;
}

void zc_mm_inputs_free(zc_mm_inputs *in)
{
    free(in->embeds);
    free(in->pos);
    free(in->mask);
    for (int i = 0; i < ZC_VISION_MAX_DEEPSTACK; i++)
        free(in->ds[i]);
    memset(in, 0, sizeof *in);
}

void zc_mm_inputs_request(const zc_mm_inputs *in, zc_batch_req *r)
{
    r->embeds = in->embeds;
    r->pos = in->pos;
    r->n_ds = in->n_ds;
    r->ds_feats = (const float *const *)in->ds;
    r->ds_mask = in->mask;
    r->rope_delta = in->rope_delta;
}
