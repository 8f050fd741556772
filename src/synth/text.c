/* text.c: the program text buffer and its formatter. Numbers are rounded to thousandths with
 * llround and written with integer arithmetic, never through printf's locale-dependent %f. */
#include "text.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void zs_text_init(zs_text *t)
{
    memset(t, 0, sizeof *t);
}

static void put_n(zs_text *t, const char *s, size_t n)
{
    if (t->oom)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1024;
        while (t->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(t->p, cap);
        if (!p) {
            t->oom = 1;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

void zs_text_put(zs_text *t, const char *s)
{
    put_n(t, s, strlen(s));
}

void zs_format_number(char *out, size_t outlen, double v)
{
    long long milli = llround(v * 1000.0);
    const char *sign = milli < 0 ? "-" : "";
    unsigned long long m = milli < 0 ? (unsigned long long)(-milli) : (unsigned long long)milli;
    unsigned long long whole = m / 1000, frac = m % 1000;
    if (frac == 0)
        snprintf(out, outlen, "%s%llu.0", sign, whole);
    else if (frac % 100 == 0)
        snprintf(out, outlen, "%s%llu.%llu", sign, whole, frac / 100);
    else if (frac % 10 == 0)
        snprintf(out, outlen, "%s%llu.%02llu", sign, whole, frac / 10);
    else
        snprintf(out, outlen, "%s%llu.%03llu", sign, whole, frac);
}

void zs_text_fmt(zs_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *c = fmt; *c; c++) {
        if (*c != '%')
            continue;
        put_n(t, run, (size_t)(c - run));
        char buf[48];
        switch (c[1]) {
        case 's':
            zs_text_put(t, va_arg(ap, const char *));
            break;
        case 'd':
            snprintf(buf, sizeof buf, "%d", va_arg(ap, int));
            zs_text_put(t, buf);
            break;
        case 'v':
            zs_format_number(buf, sizeof buf, va_arg(ap, double));
            zs_text_put(t, buf);
            break;
        case '%':
            put_n(t, "%", 1);
            break;
        default:               /* unknown directive: written as it is */
            put_n(t, c, c[1] ? 2 : 1);
            break;
        }
        if (!c[1]) {
            run = c + 1;
            break;
        }
        c++;
        run = c + 1;
    }
    if (*run)
        zs_text_put(t, run);
    va_end(ap);
}

char *zs_text_take(zs_text *t)
{
    char *p = t->oom ? NULL : t->p;
    if (t->oom)
        free(t->p);
    if (p == NULL && !t->oom) {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    zs_text_init(t);
    return p;
}

void zs_text_free(zs_text *t)
{
    free(t->p);
    zs_text_init(t);
}
