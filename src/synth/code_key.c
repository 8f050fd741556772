/* code_key.c: the exact-dedup key of a program: a light Python tokenizer writes a normalized
 * token stream (no comments or whitespace, local names renamed in order of first appearance,
 * numbers in a canonical digits-exponent form, strings as written) hashed with XXH3-64. */
#include "generator.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define SEP "\x1f"

/* ---- names kept as they are ---- */

static const char *const kept_names[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
    "yield", "abs", "all", "any", "bool", "dict", "enumerate", "float", "int", "isinstance", "len",
    "list", "map", "max", "min", "print", "range", "reversed", "round", "set", "sorted", "str",
    "sum", "tuple", "zip", "show_object", "cq", "cadquery", "math", "numpy", "np",
};

static int is_kept_name(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof kept_names / sizeof kept_names[0]; i++)
        if (strlen(kept_names[i]) == n && memcmp(kept_names[i], s, n) == 0)
            return 1;
    return 0;
}

/* ---- renaming table: open addressing on XXH64 of the name ---- */

typedef struct {
    const char *s;
    size_t n;
    unsigned id;
} name_slot;

typedef struct {
    name_slot *slots;
    size_t cap, used;
    int oom;
} name_table;

static int table_grow(name_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    name_slot *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].s)
            continue;
        size_t h = (size_t)XXH64(t->slots[i].s, t->slots[i].n, 0) & (cap - 1);
        while (s[h].s)
            h = (h + 1) & (cap - 1);
        s[h] = t->slots[i];
    }
    free(t->slots);
    t->slots = s;
    t->cap = cap;
    return 0;
}

/* The name's number (0, 1, ... in order of first appearance), or -1 when out of memory. */
static long table_id(name_table *t, const char *s, size_t n)
{
    if ((t->used + 1) * 2 > t->cap && table_grow(t) != 0)
        return -1;
    size_t h = (size_t)XXH64(s, n, 0) & (t->cap - 1);
    while (t->slots[h].s) {
        if (t->slots[h].n == n && memcmp(t->slots[h].s, s, n) == 0)
            return t->slots[h].id;
        h = (h + 1) & (t->cap - 1);
    }
    t->slots[h].s = s;
    t->slots[h].n = n;
    t->slots[h].id = (unsigned)t->used++;
    return t->slots[h].id;
}

/* ---- numbers ---- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Writes a decimal literal (underscores already removed) as <significant digits>e<exponent>,
 * or "0"; returns -1 when s is not a plain decimal literal. */
static int canon_decimal(zs_text *out, const char *s, size_t n)
{
    char digits[512];
    size_t nd = 0, i = 0;
    long exp = 0;
    int seen_digit = 0;
    for (; i < n && is_digit(s[i]); i++, seen_digit = 1)
        if (nd < sizeof digits - 1)
            digits[nd++] = s[i];
        else
            exp++;
    if (i < n && s[i] == '.') {
        for (i++; i < n && is_digit(s[i]); i++, seen_digit = 1)
            if (nd < sizeof digits - 1)
                digits[nd++] = s[i], exp--;
    }
    if (!seen_digit)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int neg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            neg = s[i++] == '-';
        if (i >= n || !is_digit(s[i]))
            return -1;
        long e = 0;
        for (; i < n && is_digit(s[i]); i++)
            if (e < 1000000)
                e = e * 10 + (s[i] - '0');
        exp += neg ? -e : e;
    }
    if (i != n)
        return -1;
    size_t lo = 0;
    while (lo < nd && digits[lo] == '0')
        lo++;
    if (lo == nd) {
        zs_text_put(out, "0");
        return 0;
    }
    while (nd > lo && digits[nd - 1] == '0')
        nd--, exp++;
    char tail[32];
    digits[nd] = '\0';
    zs_text_put(out, digits + lo);
    snprintf(tail, sizeof tail, "e%ld", exp);
    zs_text_put(out, tail);
    return 0;
}

/* 0x / 0o / 0b integers to decimal digits; -1 when malformed or wider than 64 bits. */
static int canon_based(zs_text *out, const char *s, size_t n)
{
    int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    unsigned long long v = 0;
    if (n < 3)
        return -1;
    for (size_t i = 2; i < n; i++) {
        char c = s[i];
        int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
        if (d >= base || v > (~0ull - (unsigned)d) / (unsigned)base)
            return -1;
        v = v * (unsigned)base + (unsigned)d;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", v);
    return canon_decimal(out, buf, strlen(buf));
}

static void put_number(zs_text *out, const char *s, size_t n)
{
    char clean[512];
    size_t m = 0;
    for (size_t i = 0; i < n && m < sizeof clean - 1; i++)
        if (s[i] != '_')
            clean[m++] = s[i];
    clean[m] = '\0';
    int imag = m > 0 && (clean[m - 1] == 'j' || clean[m - 1] == 'J');
    size_t body = imag ? m - 1 : m;
    size_t mark = out->len;
    int rc;
    if (body >= 2 && clean[0] == '0' && strchr("xXoObB", clean[1]))
        rc = canon_based(out, clean, body);
    else
        rc = canon_decimal(out, clean, body);
    if (rc != 0) {            /* not a literal we understand: as written */
        out->len = mark;
        if (out->p)
            out->p[mark] = '\0';
        char raw[512];
        size_t k = n < sizeof raw - 1 ? n : sizeof raw - 1;
        memcpy(raw, s, k);
        raw[k] = '\0';
        zs_text_put(out, raw);
        return;
    }
    if (imag)
        zs_text_put(out, "j");
}

/* ---- the tokenizer ---- */

static int is_name_start(unsigned char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_name_char(unsigned char c)
{
    return is_name_start(c) || is_digit((char)c);
}

static int is_string_prefix(const char *s, size_t n)
{
    if (n == 0 || n > 2)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("rRbBuUfF", s[i]))
            return 0;
    return 1;
}

/* End (one past) of the string literal whose opening quote is at i. */
static size_t string_end(const char *s, size_t len, size_t i)
{
    char q = s[i];
    int triple = i + 2 < len && s[i + 1] == q && s[i + 2] == q;
    i += triple ? 3 : 1;
    while (i < len) {
        if (s[i] == '\\') {
            i += 2;
            continue;
        }
        if (!triple && s[i] == '\n')
            return i;
        if (s[i] == q && (!triple || (i + 2 < len && s[i + 1] == q && s[i + 2] == q)))
            return i + (triple ? 3 : 1);
        i++;
    }
    return len;
}

static void put_n(zs_text *out, const char *s, size_t n)
{
    char buf[256];
    while (n > 0) {
        size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
        zs_text_put(out, buf);
        s += k, n -= k;
    }
}

/* Index of the next character at or after i that is neither space nor comment (len at the end). */
static size_t next_significant(const char *s, size_t len, size_t i)
{
    while (i < len) {
        if (s[i] == '#') {
            while (i < len && s[i] != '\n')
                i++;
        } else if (s[i] && strchr(" \t\r\n\f\v\\", s[i])) {
            i++;
        } else {
            return i;
        }
    }
    return len;
}

/* A keyword argument's name: inside brackets and followed by '=' (not '=='). */
static int is_kwarg_name(const char *s, size_t len, size_t end, int depth)
{
    size_t j = next_significant(s, len, end);
    return depth > 0 && j < len && s[j] == '=' && !(j + 1 < len && s[j + 1] == '=');
}

static void put_name(zs_text *out, name_table *names, const char *s, size_t len, size_t i, size_t n,
                     char prev, int depth)
{
    const char *name = s + i;
    if (prev == '.' || is_kwarg_name(s, len, i + n, depth) || is_kept_name(name, n)) {
        put_n(out, name, n);
        return;
    }
    long id = table_id(names, name, n);
    if (id < 0) {
        names->oom = 1;
        return;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "$%ld", id);
    zs_text_put(out, buf);
}

static void normalize(const char *s, size_t len, zs_text *out, name_table *names)
{
    size_t i = 0;
    char prev = 0;
    int depth = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '#') {
            while (i < len && s[i] != '\n')
                i++;
            continue;
        }
        if (c != 0 && strchr(" \t\r\n\f\v\\", c)) {
            i++;
            continue;
        }
        size_t start = i;
        if (c == '"' || c == '\'') {
            i = string_end(s, len, i);
            put_n(out, s + start, i - start);
            prev = '"';
        } else if (is_name_start(c)) {
            while (i < len && is_name_char((unsigned char)s[i]))
                i++;
            if (i < len && (s[i] == '"' || s[i] == '\'') && is_string_prefix(s + start, i - start)) {
                i = string_end(s, len, i);
                put_n(out, s + start, i - start);
                prev = '"';
            } else {
                put_name(out, names, s, len, start, i - start, prev, depth);
                prev = 'a';
            }
        } else if (is_digit((char)c) || (c == '.' && i + 1 < len && is_digit(s[i + 1]))) {
            while (i < len && (is_name_char((unsigned char)s[i]) || s[i] == '.' ||
                               ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E') &&
                                !(s[start] == '0' && i > start + 1 && strchr("xX", s[start + 1])))))
                i++;
            put_number(out, s + start, i - start);
            prev = '0';
        } else {
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                depth--;
            put_n(out, s + i, 1);
            prev = (char)c;
            i++;
        }
        zs_text_put(out, SEP);
    }
}

uint64_t zs_code_key(const char *code, size_t len)
{
    zs_text out;
    name_table names = {0};
    zs_text_init(&out);
    normalize(code, len, &out, &names);
    uint64_t key;
    if (out.oom || names.oom)                  /* cannot normalize: hash the raw bytes */
        key = XXH3_64bits(code, len);
    else
        key = XXH3_64bits(out.p ? out.p : "", out.len);
    zs_text_free(&out);
    free(names.slots);
    return key;
}
