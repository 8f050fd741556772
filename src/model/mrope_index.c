/* mrope_index.c: 3-axis rotary position ids of a prompt with images, as transformers'
 * Qwen3VLModel.get_rope_index: text tokens count up on all three axes; the image whose pads start
 * text_len tokens after the previous segment gets (frame, row, col) of its merged LLM grid plus
 * st_idx + text_len (st_idx = previous maximum + 1); text after an image resumes at the maximum + 1.
 * The rope delta (maximum + 1 - length) shifts the positions of every later decode step. */
#include "vision.h"

#include <stdio.h>

static int32_t max3(const int32_t *pos, int n)
{
    int32_t mx = -1;
    for (int i = 0; i < 3 * n; i++)
        mx = pos[i] > mx ? pos[i] : mx;
    return mx;
}

static void text_run(int32_t *pos, int from, int len, int32_t start)
{
    for (int i = 0; i < len; i++)
        pos[3 * (from + i)] = pos[3 * (from + i) + 1] = pos[3 * (from + i) + 2] = start + i;
}

/* Index of the next image pad at or after st, or n. */
static int next_pad(const int32_t *tokens, int n, int st, int image_token_id)
{
    while (st < n && tokens[st] != image_token_id)
        st++;
    return st;
}

int zc_mrope_positions(const int32_t *tokens, int n, const int (*grid_thw)[3], int nimg, int merge,
                       int image_token_id, int32_t *pos, int *rope_delta, char *err, size_t errlen)
{
    int st = 0;
    for (int k = 0; k < nimg; k++) {
        int gt = grid_thw[k][0], gh = grid_thw[k][1] / merge, gw = grid_thw[k][2] / merge;
        int ed = next_pad(tokens, n, st, image_token_id), count = gt * gh * gw;
        for (int i = 0; i < count; i++)
            if (ed + i >= n || tokens[ed + i] != image_token_id) {
                snprintf(err, errlen, "image %d needs %d consecutive <|image_pad|> tokens, the prompt has fewer", k,
                         count);
                return -1;
            }
        int text_len = ed - st;
        int32_t st_idx = max3(pos, st) + 1;
        text_run(pos, st, text_len, st_idx);
        for (int i = 0; i < count; i++) {
            int32_t *p = pos + 3 * (ed + i);
            p[0] = i / (gh * gw) + text_len + st_idx;
            p[1] = (i / gw) % gh + text_len + st_idx;
            p[2] = i % gw + text_len + st_idx;
        }
        st = ed + count;
    }
    if (next_pad(tokens, n, st, image_token_id) < n) {
        snprintf(err, errlen, "the prompt has more <|image_pad|> tokens than the %d image(s) need", nimg);
        return -1;
    }
    if (st < n)
        text_run(pos, st, n - st, max3(pos, st) + 1);
    *rope_delta = (int)(max3(pos, n) + 1 - n);
    return 0;
}
