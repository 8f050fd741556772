/* text.c: text checks for records: whether bytes are UTF-8 (a JSON string must be), and a
 * JSON string of any bytes with those that are not UTF-8 replaced. */
#include <stdlib.h>
#include <string.h>

#include "renderbatch_internal.h"

/* Length of the UTF-8 sequence at p (1..4), or 0 when it is not one. */
static size_t sequence(const unsigned char *p)
{
    size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (n == 2 && p[0] < 0xc2)
        return 0;   /* overlong */
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if (n == 3) {
        unsigned cp = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
        if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
    } else if (n == 4) {
        unsigned cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3fu) << 12) | ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
        if (cp < 0x10000 || cp > 0x10ffff)
            return 0;
    }
    return n;
}

int zrb_utf8_valid(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = sequence(p);
        if (!n)
            return 0;
        p += n;
    }
    return 1;
}

json_t *zrb_json_text(const char *s)
{
    if (zrb_utf8_valid(s))
        return json_string(s);
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    for (unsigned char *p = (unsigned char *)copy; *p;) {
        size_t n = sequence(p);
        if (!n)
            *p = '?';
        p += n ? n : 1;
    }
    json_t *j = json_string(copy);
    free(copy);
    return j;
}
