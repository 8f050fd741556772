/* rope.c: Qwen3-VL's multimodal rotary embedding. Frequency i of the head_dim/2 pairs takes its
 * position from the T, H or W axis: interleaved (H at i%3==1 and W at i%3==2 below 3*section,
 * else T), or chunked [T..][H..][W..] when mrope_interleaved is false. Angles are computed in
 * fp32 as transformers does; the head is rotated in rotate-half form. */
#include "model_state.h"

#include <math.h>
#include <stdlib.h>

float *zc_rope_inv_freq(const zc_text_config *c)
{
    int half = c->head_dim / 2;
    float *f = malloc((size_t)half * sizeof(float));
    if (!f)
        return NULL;
    for (int i = 0; i < half; i++) {
        float e = (float)(2 * i) / (float)c->head_dim;
        f[i] = (float)(1.0 / pow(c->rope_theta, (double)e));
    }
    return f;
}

static int axis_of(const zc_text_config *c, int i)
{
    if (c->mrope_interleaved) {
        if (i % 3 == 1 && i < 3 * c->mrope[1])
            return 1;
        if (i % 3 == 2 && i < 3 * c->mrope[2])
            return 2;
        return 0;
    }
    if (i < c->mrope[0])
        return 0;
    return i < c->mrope[0] + c->mrope[1] ? 1 : 2;
}

void zc_rope_angles(const zc_model *m, const int32_t pos[3], float *cos_out, float *sin_out)
{
    int half = m->cfg.head_dim / 2;
    for (int i = 0; i < half; i++) {
        float a = (float)pos[axis_of(&m->cfg, i)] * m->inv_freq[i];
        cos_out[i] = (float)cos((double)a);
        sin_out[i] = (float)sin((double)a);
    }
}

void zc_rope_apply(float *x, const float *cos_v, const float *sin_v, int head_dim)
{
    int half = head_dim / 2;
    for (int j = 0; j < half; j++) {
        float a = x[j], b = x[j + half];
        x[j] = a * cos_v[j] - b * sin_v[j];
        x[j + half] = b * cos_v[j] + a * sin_v[j];
    }
}
