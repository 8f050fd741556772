/* fuzz_selectors.c: libFuzzer entry point for the selector grammar parser. Any input must
 * either parse into a well-formed tree or fail with a ValueError-kind message naming a
 * position inside the string; never crash, leak or recurse without bound. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "selector_core.h"

/* Checks the shape of a parsed tree; aborts (a finding) when it is malformed. */
static void check(const zs_node *n, int depth)
{
    if (!n || depth > 1000)
        abort();
    switch (n->kind) {
    case ZS_AND:
    case ZS_OR:
    case ZS_EXC:
        check(n->left, depth + 1);
        check(n->right, depth + 1);
        return;
    case ZS_NOT:
        if (n->right)
            abort();
        check(n->left, depth + 1);
        return;
    case ZS_TYPE:
        if (!n->type[0] || memchr(n->type, 0, sizeof n->type) == NULL)
            abort();
        /* fall through */
    default:
        if (n->left || n->right)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    zs_error err;
    zs_node *n = zs_parse(text, &err);
    if (n) {
        check(n, 0);
        zs_node_free(n);
    } else if (err.kind != ZS_ERR_VALUE || !strstr(err.msg, "position")) {
        abort();
    }
    free(text);
    return 0;
}
