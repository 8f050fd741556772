/* text.h (internal to zc_synth): a growing text buffer that the families write their programs
 * into, with a small locale-independent formatter. */
#ifndef ZC_SYNTH_TEXT_H
#define ZC_SYNTH_TEXT_H

#include <stddef.h>

typedef struct {
    char *p;
    size_t len, cap;
    int oom;               /* set once an allocation failed; later writes are dropped */
} zs_text;

void zs_text_init(zs_text *t);
void zs_text_put(zs_text *t, const char *s);
/* Directives: %s (const char *), %d (int), %v (double: a Python float literal rounded to 3
 * decimals, always with a decimal point: 12.0, 2.5, 0.125, -3.0), %% (a percent sign). */
void zs_text_fmt(zs_text *t, const char *fmt, ...);
/* The text (NUL-terminated, malloc'd, ownership to the caller), or NULL after an allocation
 * failure; the buffer is reset either way. */
char *zs_text_take(zs_text *t);
void zs_text_free(zs_text *t);

/* Formats v as %v does into out (at least 32 bytes). */
void zs_format_number(char *out, size_t outlen, double v);

#endif
