/* selectors_parse.c: hand-written recursive-descent parser of CadQuery's string selector
 * grammar (selectors.py 2.4), producing a zs_node tree. Precedence, tightest first:
 * and > or > exc|except > not (prefix, loosest); parentheses group. Whitespace between
 * tokens is skipped as pyparsing does; numbers are written without inner spaces. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "selector_core.h"

#define ZS_MAX_DEPTH 200
#define ZS_QUOTE_MAX 64   /* bytes of the selector quoted in an error message */

typedef struct {
    const char *text;
    size_t pos;
    int depth;
    zs_error *err;
    int failed;
} parser;

static const char *const geom_types[] = {
    "LINE", "CIRCLE", "ELLIPSE", "HYPERBOLA", "PARABOLA", "BEZIER", "BSPLINE", "OFFSET", "OTHER",
    "PLANE", "CYLINDER", "CONE", "SPHERE", "TORUS", "REVOLUTION", "EXTRUSION",
};

zs_node *zs_node_new(zs_kind kind)
{
    zs_node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->tol = 1e-4;
    n->dir_max = 1;
    n->n = -1;
    return n;
}

void zs_node_free(zs_node *n)
{
    if (!n)
        return;
    zs_node_free(n->left);
    zs_node_free(n->right);
    free(n);
}

/* Appends at most `max` bytes of `s` to out as printable ASCII (other bytes as \xNN), with
 * "..." when `s` is longer: a message must stay short enough to keep its position, and valid
 * UTF-8 for Python whatever bytes the selector holds. */
static void excerpt(char *out, size_t outlen, const char *s, size_t max)
{
    size_t o = 0, i;
    for (i = 0; s[i] && i < max && o + 5 < outlen; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, outlen - o, "\\x%02x", c);
    }
    if (s[i] && o + 4 < outlen)
        o += (size_t)snprintf(out + o, outlen - o, "...");
    out[o] = '\0';
}

static void fail(parser *p, const char *expected)
{
    if (p->failed)
        return;
    p->failed = 1;
    p->err->kind = ZS_ERR_VALUE;
    const char *at = p->text + p->pos;
    char text[ZS_QUOTE_MAX * 4 + 8], found[64];
    excerpt(text, sizeof text, p->text, ZS_QUOTE_MAX);
    excerpt(found, sizeof found, at, 12);
    if (*at)
        snprintf(p->err->msg, sizeof p->err->msg,
                 "Invalid selector string '%s': expected %s at position %zu (found '%s')", text, expected,
                 p->pos, found);
    else
        snprintf(p->err->msg, sizeof p->err->msg,
                 "Invalid selector string '%s': expected %s at position %zu (end of string)", text, expected,
                 p->pos);
}

static void skip_ws(parser *p)
{
    while (p->text[p->pos] == ' ' || p->text[p->pos] == '\t' || p->text[p->pos] == '\n' ||
           p->text[p->pos] == '\r')
        p->pos++;
}

/* Matches a literal (case-sensitive) after whitespace; consumes it on success. */
static int accept(parser *p, const char *lit)
{
    skip_ws(p);
    size_t n = strlen(lit);
    if (strncmp(p->text + p->pos, lit, n) == 0) {
        p->pos += n;
        return 1;
    }
    return 0;
}

static int peek(parser *p, const char *lit)
{
    skip_ws(p);
    return strncmp(p->text + p->pos, lit, strlen(lit)) == 0;
}

static zs_node *new_node(parser *p, zs_kind kind)
{
    zs_node *n = zs_node_new(kind);
    if (!n && !p->failed) {
        p->failed = 1;
        p->err->kind = ZS_ERR_MEMORY;
        snprintf(p->err->msg, sizeof p->err->msg, "out of memory parsing selector");
    }
    return n;
}

/* floatn := [+-]digits[.[digits]], no inner whitespace. */
static int parse_float(parser *p, double *out)
{
    skip_ws(p);
    const char *s = p->text + p->pos;
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    if (!isdigit((unsigned char)s[i]))
        return 0;
    while (isdigit((unsigned char)s[i]))
        i++;
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i]))
            i++;
    }
    char buf[128];
    if (i >= sizeof buf) {
        /* absurdly long literal: still a number, parse from the original */
        *out = strtod(s, NULL);
    } else {
        memcpy(buf, s, i);
        buf[i] = 0;
        *out = strtod(buf, NULL);
    }
    p->pos += i;
    return 1;
}

/* vector := "(" f "," f "," f ")"; restores the position when it does not match. */
static int parse_vector(parser *p, zk_vec *out)
{
    size_t save = p->pos;
    double v[3];
    if (!accept(p, "("))
        goto no;
    for (int k = 0; k < 3; k++) {
        if (!parse_float(p, &v[k]))
            goto no;
        if (k < 2 && !accept(p, ","))
            goto no;
    }
    if (!accept(p, ")"))
        goto no;
    out->x = v[0];
    out->y = v[1];
    out->z = v[2];
    return 1;
no:
    p->pos = save;
    return 0;
}

/* dir := XY|XZ|YZ|X|Y|Z | vector (longest match first, as pyparsing's oneOf). */
static int parse_dir(parser *p, zk_vec *out)
{
    static const struct { const char *name; zk_vec v; } axes[] = {
        {"XY", {1, 1, 0}}, {"XZ", {1, 0, 1}}, {"YZ", {0, 1, 1}},
        {"X", {1, 0, 0}},  {"Y", {0, 1, 0}},  {"Z", {0, 0, 1}},
    };
    for (size_t i = 0; i < sizeof axes / sizeof axes[0]; i++)
        if (accept(p, axes[i].name)) {
            *out = axes[i].v;
            return 1;
        }
    return parse_vector(p, out);
}

/* index := "[" ["-"] digits "]"; returns 1 if present (then *n set), 0 if absent, -1 on error. */
static int parse_index(parser *p, long *n)
{
    if (!accept(p, "["))
        return 0;
    int neg = accept(p, "-");
    skip_ws(p);
    const char *s = p->text + p->pos;
    if (!isdigit((unsigned char)*s)) {
        fail(p, "an integer index");
        return -1;
    }
    long v = 0;
    while (isdigit((unsigned char)*s)) {
        if (v < LONG_MAX / 10 - 10)
            v = v * 10 + (*s - '0');
        s++;
        p->pos++;
    }
    if (!accept(p, "]")) {
        fail(p, "']'");
        return -1;
    }
    *n = neg ? -v : v;
    return 1;
}

static int parse_type_name(parser *p, char *out, size_t outsz)
{
    skip_ws(p);
    const char *s = p->text + p->pos;
    size_t best = 0;
    const char *best_name = NULL;
    for (size_t i = 0; i < sizeof geom_types / sizeof geom_types[0]; i++) {
        size_t n = strlen(geom_types[i]);
        if (n > best && strncasecmp(s, geom_types[i], n) == 0) {
            best = n;
            best_name = geom_types[i];
        }
    }
    if (!best_name)
        return 0;
    snprintf(out, outsz, "%s", best_name);
    p->pos += best;
    return 1;
}

/* The simple selectors (pyparsing's _makeGrammar), tried in its MatchFirst order.
 * Returns NULL without failing when no atom starts here. */
static zs_node *parse_atom(parser *p)
{
    zk_vec v;
    size_t save = p->pos;
    if (parse_dir(p, &v)) {
        zs_node *n = new_node(p, ZS_DIRECTION);
        if (n)
            n->dir = v;
        return n;
    }
    if (accept(p, "%")) {
        zs_node *n = new_node(p, ZS_TYPE);
        if (!n)
            return NULL;
        if (!parse_type_name(p, n->type, sizeof n->type)) {
            fail(p, "a geometry type (LINE, CIRCLE, PLANE, CYLINDER, ...)");
            zs_node_free(n);
            return NULL;
        }
        return n;
    }
    /* ">" / "<" followed by a direction; else ">>" / "<<" */
    if (peek(p, ">") || peek(p, "<")) {
        int max = p->text[p->pos] == '>';
        size_t op_end = ++p->pos;
        if (parse_dir(p, &v)) {
            long idx;
            int has = parse_index(p, &idx);
            if (has < 0)
                return NULL;
            zs_node *n = new_node(p, has ? ZS_DIRECTION_NTH : ZS_CENTER_NTH);
            if (!n)
                return NULL;
            n->dir = v;
            n->dir_max = max;
            n->n = has ? idx : -1;
            return n;
        }
        p->pos = save;
        if (accept(p, max ? ">>" : "<<")) {
            if (!parse_dir(p, &v)) {
                fail(p, "a direction (X, Y, Z, XY, XZ, YZ or (x,y,z))");
                return NULL;
            }
            long idx;
            int has = parse_index(p, &idx);
            if (has < 0)
                return NULL;
            zs_node *n = new_node(p, ZS_CENTER_NTH);
            if (!n)
                return NULL;
            n->dir = v;
            n->dir_max = max;
            n->n = has ? idx : -1;
            return n;
        }
        p->pos = op_end;
        fail(p, "a direction (X, Y, Z, XY, XZ, YZ or (x,y,z))");
        return NULL;
    }
    static const struct { const char *op; zs_kind kind; double sign; } ops[] = {
        {"|", ZS_PARALLEL, 1}, {"#", ZS_PERPENDICULAR, 1}, {"+", ZS_DIRECTION, 1}, {"-", ZS_DIRECTION, -1},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (!accept(p, ops[i].op))
            continue;
        if (!parse_dir(p, &v)) {
            fail(p, "a direction (X, Y, Z, XY, XZ, YZ or (x,y,z))");
            return NULL;
        }
        zs_node *n = new_node(p, ops[i].kind);
        if (n) {
            n->dir.x = v.x * ops[i].sign;
            n->dir.y = v.y * ops[i].sign;
            n->dir.z = v.z * ops[i].sign;
        }
        return n;
    }
    static const struct { const char *name; zk_vec v; int max; } views[] = {
        {"front", {0, 0, 1}, 1}, {"back", {0, 0, 1}, 0},  {"left", {1, 0, 0}, 0},
        {"right", {1, 0, 0}, 1}, {"top", {0, 1, 0}, 1},   {"bottom", {0, 1, 0}, 0},
    };
    for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
        if (!accept(p, views[i].name))
            continue;
        zs_node *n = new_node(p, ZS_CENTER_NTH);
        if (n) {
            n->dir = views[i].v;
            n->dir_max = views[i].max;
            n->n = -1;
        }
        return n;
    }
    return NULL;
}

static zs_node *parse_not(parser *p);

/* Bounds the recursion (deeply nested input must not exhaust the stack). */
static int enter(parser *p)
{
    if (++p->depth > ZS_MAX_DEPTH) {
        fail(p, "less nesting");
        return 0;
    }
    return 1;
}

/* operand := atom | "(" expr ")" */
static zs_node *parse_operand(parser *p)
{
    if (!enter(p)) {
        p->depth--;
        return NULL;
    }
    zs_node *n = parse_atom(p);
    if (!n && !p->failed) {
        if (accept(p, "(")) {
            n = parse_not(p);
            if (n && !accept(p, ")")) {
                fail(p, "')'");
                zs_node_free(n);
                n = NULL;
            }
        } else {
            fail(p, "a selector");
        }
    }
    p->depth--;
    return n;
}

static zs_node *combine(parser *p, zs_kind kind, zs_node *l, zs_node *r)
{
    zs_node *n = new_node(p, kind);
    if (!n) {
        zs_node_free(l);
        zs_node_free(r);
        return NULL;
    }
    n->left = l;
    n->right = r;
    return n;
}

typedef zs_node *(*level_fn)(parser *);

/* One left-associative binary level: operand { op operand }. */
static zs_node *parse_binary(parser *p, level_fn operand, const char *const *ops, zs_kind kind)
{
    zs_node *l = operand(p);
    if (!l)
        return NULL;
    for (;;) {
        int matched = 0;
        for (const char *const *op = ops; *op; op++)
            if (accept(p, *op)) {
                matched = 1;
                break;
            }
        if (!matched)
            return l;
        zs_node *r = operand(p);
        if (!r) {
            zs_node_free(l);
            return NULL;
        }
        l = combine(p, kind, l, r);
        if (!l)
            return NULL;
    }
}

static zs_node *parse_and(parser *p)
{
    static const char *const ops[] = {"and", NULL};
    return parse_binary(p, parse_operand, ops, ZS_AND);
}

static zs_node *parse_or(parser *p)
{
    static const char *const ops[] = {"or", NULL};
    return parse_binary(p, parse_and, ops, ZS_OR);
}

static zs_node *parse_exc(parser *p)
{
    static const char *const ops[] = {"except", "exc", NULL};
    return parse_binary(p, parse_or, ops, ZS_EXC);
}

/* not_expr := "not" not_expr | exc_expr */
static zs_node *parse_not(parser *p)
{
    if (!enter(p)) {
        p->depth--;
        return NULL;
    }
    zs_node *n;
    if (accept(p, "not")) {
        zs_node *inner = parse_not(p);
        n = inner ? combine(p, ZS_NOT, inner, NULL) : NULL;
    } else {
        n = parse_exc(p);
    }
    p->depth--;
    return n;
}

zs_node *zs_parse(const char *text, zs_error *err)
{
    parser p = {text ? text : "", 0, 0, err, 0};
    err->kind = ZS_OK;
    err->msg[0] = 0;
    zs_node *n = parse_not(&p);
    if (n) {
        skip_ws(&p);
        if (p.text[p.pos]) {
            fail(&p, "'and', 'or', 'exc', 'except' or the end of the selector");
            zs_node_free(n);
            return NULL;
        }
    }
    return n;
}
