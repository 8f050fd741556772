/* chat.c: the Qwen3-VL chat template (chat_template.json of Qwen3-VL-*-Instruct) written out in
 * C for the roles it knows: a leading system message, user, assistant and tool turns, image
 * parts as <|vision_start|><|image_pad|><|vision_end|>, and the generation prompt. There is no
 * default system prompt, and system messages after the first are dropped, as the template does. */
#include <stdlib.h>
#include <string.h>

#include "chat.h"

#define IMAGE_PART "<|vision_start|><|image_pad|><|vision_end|>"
#define IMAGE_PAD "<|image_pad|>"

typedef struct {
    char *v;
    size_t n, cap;
    int oom;
} sbuf;

static void put(sbuf *b, const char *s)
{
    size_t len = strlen(s);
    if (b->oom)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 256;
        while (ncap < b->n + len + 1)
            ncap *= 2;
        char *v = realloc(b->v, ncap);
        if (!v) {
            b->oom = 1;
            return;
        }
        b->v = v;
        b->cap = ncap;
    }
    memcpy(b->v + b->n, s, len);
    b->n += len;
    b->v[b->n] = 0;
}

static char *finish(sbuf *b)
{
    if (!b->oom && !b->v)
        put(b, "");
    if (b->oom) {
        free(b->v);
        return NULL;
    }
    return b->v;
}

/* Content of a message; images only where the template renders them (user and tool turns). */
static void put_content(sbuf *b, const zc_chat_msg *m, int with_images)
{
    if (m->text) {
        put(b, m->text);
        return;
    }
    for (size_t i = 0; i < m->nparts; i++) {
        const zc_chat_part *p = &m->parts[i];
        if (p->kind == ZC_CHAT_IMAGE) {
            if (with_images)
                put(b, IMAGE_PART);
        } else if (p->text) {
            put(b, p->text);
        }
    }
}

static int role_is(const zc_chat_msg *m, const char *role)
{
    return m->role && !strcmp(m->role, role);
}

static void put_tool(sbuf *b, const zc_chat_msg *msgs, size_t n, size_t i)
{
    if (i == 0 || !role_is(&msgs[i - 1], "tool"))
        put(b, "<|im_start|>user");
    put(b, "\n<tool_response>\n");
    put_content(b, &msgs[i], 1);
    put(b, "\n</tool_response>");
    if (i + 1 == n || !role_is(&msgs[i + 1], "tool"))
        put(b, "<|im_end|>\n");
}

char *zc_chat_render(const zc_chat_msg *msgs, size_t n, int add_generation_prompt)
{
    for (size_t i = 0; i < n; i++)
        if (!role_is(&msgs[i], "system") && !role_is(&msgs[i], "user") &&
            !role_is(&msgs[i], "assistant") && !role_is(&msgs[i], "tool"))
            return NULL;
    sbuf b = {0};
    if (n > 0 && role_is(&msgs[0], "system")) {
        put(&b, "<|im_start|>system\n");
        put_content(&b, &msgs[0], 0);
        put(&b, "<|im_end|>\n");
    }
    for (size_t i = 0; i < n; i++) {
        const zc_chat_msg *m = &msgs[i];
        if (role_is(m, "user") || role_is(m, "assistant")) {
            put(&b, "<|im_start|>");
            put(&b, m->role);
            put(&b, "\n");
            put_content(&b, m, role_is(m, "user"));
            put(&b, "<|im_end|>\n");
        } else if (role_is(m, "tool")) {
            put_tool(&b, msgs, n, i);
        }
    }
    if (add_generation_prompt)
        put(&b, "<|im_start|>assistant\n");
    return finish(&b);
}

char *zc_chat_expand_image_pads(const char *prompt, const size_t *counts, size_t nimages)
{
    sbuf b = {0};
    size_t k = 0, padlen = strlen(IMAGE_PAD);
    const char *p = prompt;
    for (;;) {
        const char *hit = strstr(p, IMAGE_PAD);
        if (!hit) {
            put(&b, p);
            break;
        }
        size_t before = (size_t)(hit - p);
        char *chunk = malloc(before + 1);
        if (!chunk) {
            b.oom = 1;
            break;
        }
        memcpy(chunk, p, before);
        chunk[before] = 0;
        put(&b, chunk);
        free(chunk);
        size_t reps = k < nimages ? counts[k] : 1;
        for (size_t r = 0; r < reps; r++)
            put(&b, IMAGE_PAD);
        k++;
        p = hit + padlen;
    }
    return finish(&b);
}

char *zc_chat_render_cad(const char *system, size_t nviews, size_t pads_per_view,
                         const char *user_text)
{
    zc_chat_part *parts = calloc(nviews + 1, sizeof *parts);
    size_t *counts = calloc(nviews + 1, sizeof *counts);
    char *out = NULL;
    if (parts && counts) {
        for (size_t i = 0; i < nviews; i++) {
            parts[i].kind = ZC_CHAT_IMAGE;
            counts[i] = pads_per_view;
        }
        parts[nviews].kind = ZC_CHAT_TEXT;
        parts[nviews].text = user_text ? user_text : "";
        zc_chat_msg msgs[2] = {
            {.role = "system", .text = system},
            {.role = "user", .parts = parts, .nparts = nviews + 1},
        };
        char *prompt = system ? zc_chat_render(msgs, 2, 1) : zc_chat_render(msgs + 1, 1, 1);
        if (prompt)
            out = zc_chat_expand_image_pads(prompt, counts, nviews);
        free(prompt);
    }
    free(parts);
    free(counts);
    return out;
}
