/* chat.h: renders a conversation into the ChatML prompt text exactly as the Qwen3-VL
 * chat_template does (no default system prompt; image parts become
 * <|vision_start|><|image_pad|><|vision_end|>). The only way into chat.c. */
#ifndef ZC_MODEL_CHAT_H
#define ZC_MODEL_CHAT_H

#include <stddef.h>

typedef enum { ZC_CHAT_TEXT = 0, ZC_CHAT_IMAGE = 1 } zc_chat_part_kind;

typedef struct {
    zc_chat_part_kind kind;
    const char *text; /* ZC_CHAT_TEXT: the text; ignored for images */
} zc_chat_part;

typedef struct {
    const char *role;          /* "system", "user" or "assistant" */
    const zc_chat_part *parts; /* content as parts; used when text == NULL */
    size_t nparts;
    const char *text;          /* content as a plain string (takes precedence if non-NULL) */
} zc_chat_msg;

/* Malloc'd prompt string; NULL on out of memory or an unknown role. */
char *zc_chat_render(const zc_chat_msg *msgs, size_t n, int add_generation_prompt);

/* Copy of prompt in which the k-th "<|image_pad|>" is repeated counts[k] times (k < nimages;
 * pads beyond nimages are kept single). Malloc'd; NULL on out of memory. */
char *zc_chat_expand_image_pads(const char *prompt, const size_t *counts, size_t nimages);

/* The Zero-to-CAD prompt: system text (NULL = none), nviews images of pads_per_view pads each,
 * then the user text, then the generation prompt. Malloc'd. */
char *zc_chat_render_cad(const char *system, size_t nviews, size_t pads_per_view,
                         const char *user_text);

#endif
