/* reconstruct_code.c: the CadQuery program inside a model answer: the body of the first fenced
 * block (```python, ```py or a bare ```), up to its closing fence or the end of the text; an
 * answer without a fence is taken whole. */
#include "vision.h"

#include <stdlib.h>
#include <string.h>

static char *dup_range(const char *a, size_t n)
{
    char *s = malloc(n + 2);
    if (!s)
        return NULL;
    memcpy(s, a, n);
    if (n && s[n - 1] != '\n')
        s[n++] = '\n';
    s[n] = 0;
    return s;
}

char *zc_reconstruct_extract_code(const char *text)
{
    const char *open = strstr(text, "```");
    if (!open)
        return dup_range(text, strlen(text));
    const char *body = strchr(open + 3, '\n'); /* skip the info string (python, py, ...) */
    if (!body)
        return dup_range("", 0);
    body++;
    const char *close = strstr(body, "```");
    return dup_range(body, close ? (size_t)(close - body) : strlen(body));
}
