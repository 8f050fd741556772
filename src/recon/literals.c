/* literals.c: the numeric literals of a CadQuery (Python) program, by source span, and the same
 * text with new values written into those spans. A small scanner of Python's lexical rules
 * (comments, strings with prefixes and triple quotes, names, numbers, brackets, line joins) finds
 * every NUMBER token as Python's tokenize does; a top-level statement `a, b = 1.0, -2` (names =
 * signed numbers) marks its literals as the parameters block. Refinement tunes these spans. */
#define _GNU_SOURCE
#include "recon.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_NAME, T_NUMBER, T_OP, T_NEWLINE } tok_kind;

typedef struct {
    tok_kind kind;
    size_t start, len;
    int col0;               /* the first token of a logical line, at column 0 */
} tok;

typedef struct {
    tok *v;
    size_t n, cap;
} tok_list;

static int push(tok_list *l, tok_kind k, size_t start, size_t len, int col0)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        tok *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (tok){k, start, len, col0};
    return 0;
}

static int name_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Length of a string literal starting at s[i] (after its prefix), quotes included. */
static size_t string_len(const char *s, size_t n, size_t i)
{
    char q = s[i];
    int triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
    size_t j = i + (triple ? 3 : 1);
    while (j < n) {
        if (s[j] == '\\') {
            j += 2;
            continue;
        }
        if (!triple && s[j] == '\n')
            return j - i;       /* unterminated: up to the line's end */
        if (s[j] == q && (!triple || (j + 2 < n && s[j + 1] == q && s[j + 2] == q)))
            return j + (triple ? 3 : 1) - i;
        j++;
    }
    return (j > n ? n : j) - i;
}

/* A string prefix (r, b, u, f and their pairs, any case) of length p before a quote? */
static int string_prefix(const char *s, size_t n, size_t i, size_t *p)
{
    for (size_t k = 0; k <= 2 && i + k < n; k++) {
        if (s[i + k] == '\'' || s[i + k] == '"') {
            *p = k;
            return 1;
        }
        if (!strchr("rRbBuUfF", s[i + k]))
            return 0;
    }
    return 0;
}

static size_t digits(const char *s, size_t n, size_t j, int (*ok)(int))
{
    while (j < n && (ok((unsigned char)s[j]) || (s[j] == '_' && j + 1 < n && ok((unsigned char)s[j + 1]))))
        j++;
    return j;
}

static int is_dec(int c)
{
    return c >= '0' && c <= '9';
}

/* Length of the number token at s[i] (a digit, or '.' then a digit); *is_int, *decimal set. */
static size_t number_len(const char *s, size_t n, size_t i, int *is_int, int *decimal)
{
    size_t j = i;
    *is_int = 1;
    *decimal = 1;
    if (s[i] == '0' && i + 1 < n && strchr("xXoObB", s[i + 1])) {
        *decimal = 0;
        j = i + 2;
        while (j < n && (isxdigit((unsigned char)s[j]) || s[j] == '_'))
            j++;
        return j - i;
    }
    j = digits(s, n, j, is_dec);
    if (j < n && s[j] == '.') {
        *is_int = 0;
        j = digits(s, n, j + 1, is_dec);
    }
    if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < n && (s[k] == '+' || s[k] == '-'))
            k++;
        if (k < n && is_dec((unsigned char)s[k])) {
            *is_int = 0;
            j = digits(s, n, k, is_dec);
        }
    }
    if (j < n && (s[j] == 'j' || s[j] == 'J')) {
        *decimal = 0;   /* imaginary */
        j++;
    }
    return j - i;
}

static int tokenize(const char *s, size_t n, tok_list *l)
{
    int depth = 0, line_start = 1;
    size_t i = 0, col = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t p, len;
        int is_int, dec, first = line_start && depth == 0;
        if (c == '\n') {
            if (depth == 0 && !line_start && push(l, T_NEWLINE, i, 1, 0))
                return -1;
            line_start = depth == 0 ? 1 : line_start;
            i++, col = 0;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
            i++, col++;
            continue;
        }
        if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
            i += 2, col = 0;   /* explicit line join */
            continue;
        }
        if (c == '#') {
            while (i < n && s[i] != '\n')
                i++;
            continue;
        }
        int col0 = first && col == 0;
        line_start = 0;
        if (string_prefix(s, n, i, &p)) {
            len = p + string_len(s, n, i + p);
            for (size_t k = i; k < i + len; k++)
                col = s[k] == '\n' ? 0 : col + 1;
            i += len;   /* a string: no token kept, it is never tuned */
            continue;
        }
        if (isalpha(c) || c == '_' || c >= 0x80) {
            for (len = 1; i + len < n && name_char((unsigned char)s[i + len]); len++)
                ;
            if (push(l, T_NAME, i, len, col0))
                return -1;
        } else if (is_dec(c) || (c == '.' && i + 1 < n && is_dec((unsigned char)s[i + 1]) &&
                                 !(i > 0 && name_char((unsigned char)s[i - 1])))) {
            /* ".5" right after a name character (`x.5`, `1_.5`: not Python) is the operator '.'
             * and the number 5: rewritten as a number it could join the name's digits */
            len = number_len(s, n, i, &is_int, &dec);
            if (push(l, T_NUMBER, i, len, col0))
                return -1;
        } else {
            len = 1;
            depth += strchr("([{", c) ? 1 : strchr(")]}", c) && depth > 0 ? -1 : 0;
            if (push(l, T_OP, i, len, col0))
                return -1;
        }
        i += len, col += len;
    }
    return 0;
}

static int op_is(const char *s, const tok *t, char c)
{
    return t->kind == T_OP && s[t->start] == c;
}

/* Tokens [a, b) of one logical line: `NAME (, NAME)* = [+-]NUMBER (, [+-]NUMBER)*` with as many
 * numbers as names (a ';' ends the statement)? */
static int params_line(const char *s, const tok *t, size_t a, size_t b)
{
    size_t i = a, names = 0, nums = 0;
    while (i < b && t[i].kind == T_NAME) {
        names++, i++;
        if (i < b && op_is(s, &t[i], ','))
            i++;
        else
            break;
    }
    if (!names || i + 1 >= b || !op_is(s, &t[i], '=') || op_is(s, &t[i + 1], '='))
        return 0;
    for (i++; i < b; i++) {
        if (op_is(s, &t[i], '+') || op_is(s, &t[i], '-'))
            i++;
        if (i >= b || t[i].kind != T_NUMBER)
            return 0;
        nums++;
        if (i + 1 < b && op_is(s, &t[i + 1], ','))
            i++;
        else if (i + 1 < b && !op_is(s, &t[i + 1], ';'))
            return 0;
        else
            break;
    }
    return nums == names;
}

/* Does the number t sit right against a name character or a '.' (`1..5`, `1.5.real`, `1if`)? A new
 * value written there could join its neighbour into one token (`1.` `.5` -> `1.0.685`), so such
 * literals are kept as they are; valid CadQuery all but never has them. */
static int touches_name_or_dot(const char *s, const tok *t)
{
    unsigned char before = t->start > 0 ? (unsigned char)s[t->start - 1] : ' ';
    unsigned char after = (unsigned char)s[t->start + t->len];
    return name_char(before) || before == '.' || name_char(after) || after == '.';
}

static int add_literal(zrc_literals *out, const char *s, const tok *t, int param)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 64;
        zrc_literal *v = realloc(out->v, cap * sizeof *v);
        if (!v)
            return -1;
        out->v = v;
        out->cap = cap;
    }
    int is_int, dec;
    number_len(s, t->start + t->len, t->start, &is_int, &dec);
    char buf[128];
    size_t k = 0;
    for (size_t j = t->start; j < t->start + t->len && k + 1 < sizeof buf; j++)
        if (s[j] != '_')
            buf[k++] = s[j];
    buf[k] = 0;
    double v = dec ? strtod(buf, NULL) : 0;
    int tunable = dec && isfinite(v) && v != 0 && v < 1e15 && t->len < 48 && !touches_name_or_dot(s, t);
    out->v[out->n++] = (zrc_literal){.start = t->start, .len = t->len, .value = v, .is_int = is_int,
                                     .tunable = tunable, .param = param};
    return 0;
}

int zrc_literals_scan(const char *src, zrc_literals *out)
{
    memset(out, 0, sizeof *out);
    tok_list l = {0};
    size_t n = strlen(src);
    int rc = tokenize(src, n, &l);
    for (size_t a = 0; rc == 0 && a < l.n;) {
        size_t b = a;
        while (b < l.n && l.v[b].kind != T_NEWLINE)
            b++;
        int param = l.v[a].col0 && params_line(src, l.v, a, b);
        for (size_t i = a; rc == 0 && i < b; i++)
            if (l.v[i].kind == T_NUMBER)
                rc = add_literal(out, src, &l.v[i], param);
        a = b + 1;
    }
    free(l.v);
    if (rc) {
        zrc_literals_free(out);
        return -1;
    }
    return 0;
}

void zrc_literals_free(zrc_literals *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* The order in which literals are tuned: the parameters block, then other floats, then other
 * integers, each in source order; at most max of them. Returns how many indices went to idx. */
int zrc_literals_pick(const zrc_literals *l, int max, size_t *idx)
{
    int k = 0;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < l->n && k < max; i++) {
            const zrc_literal *x = &l->v[i];
            int want = pass == 0 ? x->param : pass == 1 ? !x->param && !x->is_int : !x->param && x->is_int;
            if (x->tunable && want)
                idx[k++] = i;
        }
    return k;
}

/* A value as a Python literal of the same kind: integers stay integers (nearest, never 0: the
 * sign of the original is kept), floats keep a point or an exponent. Values are positive here:
 * a literal never holds its sign (that is a unary minus beside it). */
void zrc_literal_format(double v, int is_int, char *buf, size_t len)
{
    if (is_int) {
        long long r = llround(v);
        snprintf(buf, len, "%lld", r < 1 ? 1 : r);
        return;
    }
    snprintf(buf, len, "%.6g", v);
    if (!strpbrk(buf, ".e"))
        snprintf(buf + strlen(buf), len - strlen(buf), ".0");
}

char *zrc_literals_rewrite(const char *src, const zrc_literals *l, const size_t *idx, const double *values, int k)
{
    size_t n = strlen(src), cap = n + (size_t)k * 32 + 1, o = 0, at = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (size_t i = 0; i < l->n; i++) {
        int j = 0;
        while (j < k && idx[j] != i)
            j++;
        if (j == k)
            continue;
        const zrc_literal *x = &l->v[i];
        char num[64];
        if (values[j] == x->value)
            snprintf(num, sizeof num, "%.*s", (int)x->len, src + x->start);   /* unchanged: as written */
        else
            zrc_literal_format(values[j], x->is_int, num, sizeof num);
        memcpy(out + o, src + at, x->start - at);
        o += x->start - at;
        memcpy(out + o, num, strlen(num));
        o += strlen(num);
        at = x->start + x->len;
    }
    memcpy(out + o, src + at, n - at);
    out[o + n - at] = 0;
    return out;
}
