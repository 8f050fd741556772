/* tokenizer_utf8.c: UTF-8 validation and repair (maximal-subpart replacement with U+FFFD, as
 * Python's decode(errors="replace") and Rust's from_utf8_lossy do), code point classes, and the
 * GPT-2 byte <-> code point table of byte-level BPE. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tokenizer_internal.h"

/* Allowed range of the second byte after a lead byte (Unicode Table 3-7). */
static int second_range(unsigned char lead, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80, *hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead == 0xE0)
        *lo = 0xA0;
    else if (lead == 0xED)
        *hi = 0x9F;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead == 0xF0)
        *lo = 0x90;
    else if (lead == 0xF4)
        *hi = 0x8F;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0;
}

size_t tok_utf8_seq(const unsigned char *s, size_t n, size_t *bad, int allow_partial)
{
    *bad = 0;
    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    unsigned char lo, hi;
    size_t need = (size_t)second_range(s[0], &lo, &hi);
    if (!need) {
        *bad = 1;
        return 0;
    }
    for (size_t k = 1; k < need; k++) {
        if (k >= n) {
            *bad = allow_partial ? 0 : k;
            return 0;
        }
        unsigned char c = s[k];
        if (k > 1)
            lo = 0x80, hi = 0xBF;
        if (c < lo || c > hi) {
            *bad = k;
            return 0;
        }
    }
    return need;
}

char *tok_utf8_repair(const char *s, size_t n, size_t *outlen)
{
    /* Each invalid byte grows to at most 3 bytes. */
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        size_t bad, len = tok_utf8_seq(u + i, n - i, &bad, 0);
        if (len) {
            memcpy(out + o, u + i, len);
            o += len, i += len;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3, i += bad;
        }
    }
    out[o] = 0;
    *outlen = o;
    return out;
}

size_t tok_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t len = utf8proc_iterate(s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &c);
    if (len <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)len;
}

size_t tok_utf8_encode(int32_t cp, char *out)
{
    utf8proc_ssize_t len = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
    return len > 0 ? (size_t)len : 0;
}

int tok_is_whitespace(int32_t cp)
{
    if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680)
        return 1;
    if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return 1;
    return 0;
}

int tok_is_word_char(int32_t cp)
{
    if (cp == '_')
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Bytes that stand for themselves: '!'..'~', 0xA1..0xAC, 0xAE..0xFF. The others map to 256, 257,
 * ... in byte order. */
static int byte_is_printable(unsigned b)
{
    return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
}

int32_t tok_byte_to_cp(unsigned char b)
{
    if (byte_is_printable(b))
        return b;
    if (b <= 0x20)
        return 256 + b;
    if (b <= 0xA0)
        return 256 + 33 + (b - 0x7F);
    return 256 + 67; /* 0xAD */
}

int tok_cp_to_byte(int32_t cp)
{
    if (cp < 0)
        return -1;
    if (cp < 256)
        return byte_is_printable((unsigned)cp) ? cp : -1;
    int32_t k = cp - 256;
    if (k < 33)
        return k;
    if (k < 67)
        return 0x7F + (k - 33);
    return k == 67 ? 0xAD : -1;
}
