/* llm_fence.c: the program of an answer written as text (servers without tool calling, or a
 * model that answers with code instead of calling the tool): the last ```python block, else the
 * last ``` block of any language; an unclosed last block runs to the end of the text. */
#include <stdlib.h>
#include <string.h>

#include "llm.h"

/* The body of the fence that opens at `open` ("```" + info line); *end: just past its close. */
static const char *block_body(const char *open, const char **end, size_t *len)
{
    const char *nl = strchr(open, '\n');
    if (!nl) {
        *end = open + strlen(open);
        *len = 0;
        return *end;
    }
    const char *body = nl + 1;
    const char *close = strstr(body, "```");
    *len = close ? (size_t)(close - body) : strlen(body);
    *end = close ? close + 3 : body + *len;
    return body;
}

static int is_python_info(const char *info)
{
    return !strncmp(info, "python", 6) || !strncmp(info, "py\n", 3) || !strncmp(info, "py ", 3);
}

char *zs_llm_fenced_code(const char *text)
{
    if (!text)
        return NULL;
    const char *best = NULL, *any = NULL;
    size_t best_len = 0, any_len = 0;
    const char *p = text;
    while ((p = strstr(p, "```"))) {
        const char *end;
        size_t len;
        const char *body = block_body(p, &end, &len);
        if (len) {
            if (is_python_info(p + 3)) {
                best = body;
                best_len = len;
            }
            any = body;
            any_len = len;
        }
        p = end;
    }
    if (!best) {
        best = any;
        best_len = any_len;
    }
    if (!best)
        return NULL;
    char *out = malloc(best_len + 1);
    if (out) {
        memcpy(out, best, best_len);
        out[best_len] = '\0';
    }
    return out;
}
