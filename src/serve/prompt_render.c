/* prompt_render.c: a parsed request's messages through the Qwen3-VL chat template of zc_model
 * (chat.c, the template `zerocad generate` and `zerocad reconstruct` use): image parts become
 * <|vision_start|><|image_pad|><|vision_end|> in order, then the generation prompt is added. */
#include <stdlib.h>

#include "serve_internal.h"

char *zc_serve_render_prompt(const zc_serve_request *r)
{
    zc_chat_msg *msgs = calloc(r->nmsgs ? r->nmsgs : 1, sizeof *msgs);
    size_t total = 0;
    for (size_t i = 0; i < r->nmsgs; i++)
        total += r->msgs[i].nparts;
    zc_chat_part *parts = calloc(total ? total : 1, sizeof *parts);
    char *out = NULL;
    if (msgs && parts) {
        size_t k = 0;
        for (size_t i = 0; i < r->nmsgs; i++) {
            const zc_serve_msg *m = &r->msgs[i];
            msgs[i] = (zc_chat_msg){.role = m->role, .parts = parts + k, .nparts = m->nparts};
            for (size_t j = 0; j < m->nparts; j++, k++)
                parts[k] = (zc_chat_part){.kind = m->parts[j].is_image ? ZC_CHAT_IMAGE : ZC_CHAT_TEXT,
                                          .text = m->parts[j].text};
        }
        out = zc_chat_render(msgs, r->nmsgs, 1);
    }
    free(msgs);
    free(parts);
    return out;
}
