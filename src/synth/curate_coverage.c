/* curate_coverage.c: what a set of rows covers: for each CadQuery op_name of cadquery_ops_json the
 * rows that call it (and the calls), a histogram of num_faces, and the category of each program
 * (its first line "# <Title> (<category>)", "unknown" otherwise); printed as Markdown tables
 * comparing the input with the curated subset. */
#include "curate.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 96

static const int face_edges[] = {7, 10, 15, 20, 30, 50, 100}; /* bins: <7, 7-9, ..., 50-99, 100+ */
#define FACE_BINS 8

typedef struct {
    char name[NAME_MAX_LEN];
    int64_t rows, calls;
} tally;

typedef struct {
    tally *v;
    size_t n, cap;
} tally_set;

struct zcur_coverage {
    int64_t rows, no_ops, bad_ops, no_faces;
    int64_t faces[FACE_BINS];
    tally_set ops, cats;
};

static tally *tally_get(tally_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].name, name))
            return &s->v[i];
    if (s->n == s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 32;
        tally *nv = realloc(s->v, nc * sizeof *nv);
        if (!nv)
            return NULL;
        s->v = nv;
        s->cap = nc;
    }
    tally *t = &s->v[s->n++];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    return t;
}

zcur_coverage *zcur_coverage_new(void)
{
    return calloc(1, sizeof(zcur_coverage));
}

void zcur_coverage_free(zcur_coverage *c)
{
    if (!c)
        return;
    free(c->ops.v);
    free(c->cats.v);
    free(c);
}

int64_t zcur_coverage_rows(const zcur_coverage *c)
{
    return c->rows;
}

void zcur_category_of(const char *code, size_t len, char *out, size_t cap)
{
    size_t end = 0;
    while (end < len && code[end] != '\n')
        end++;
    size_t b = 0;
    while (b < end && (code[b] == ' ' || code[b] == '\t'))
        b++;
    while (end > b && (code[end - 1] == ' ' || code[end - 1] == '\t' || code[end - 1] == '\r'))
        end--;
    snprintf(out, cap, "unknown");
    if (b >= end || code[b] != '#' || code[end - 1] != ')')
        return;
    size_t open = end - 1;
    while (open > b && code[open] != '(')
        open--;
    if (code[open] != '(' || open + 1 >= end - 1)
        return;
    size_t n = end - 1 - (open + 1);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, code + open + 1, n);
    out[n] = 0;
}

static int face_bin(int64_t f)
{
    int b = 0;
    while (b < FACE_BINS - 1 && f >= face_edges[b])
        b++;
    return b;
}

/* Counts every call; a row counts once per distinct op_name. 0, or -1 when out of memory. */
static int add_ops(zcur_coverage *c, const char *js, size_t len)
{
    json_t *root = json_loadb(js, len, 0, NULL);
    if (!json_is_array(root)) {
        c->bad_ops++;
        json_decref(root);
        return 0;
    }
    int rc = 0;
    size_t n = json_array_size(root);
    for (size_t i = 0; i < n && !rc; i++) {
        const char *name = json_string_value(json_object_get(json_array_get(root, i), "op_name"));
        if (!name)
            continue;
        tally *t = tally_get(&c->ops, name);
        if (!t) {
            rc = -1;
            break;
        }
        t->calls++;
        int first = 1;
        for (size_t j = 0; j < i && first; j++) {
            const char *o = json_string_value(json_object_get(json_array_get(root, j), "op_name"));
            first = !(o && !strcmp(o, name));
        }
        t->rows += first;
    }
    json_decref(root);
    return rc;
}

int zcur_coverage_add(zcur_coverage *c, const char *ops_json, size_t ops_len, int64_t num_faces, const char *code,
                      size_t code_len)
{
    c->rows++;
    if (!ops_json)
        c->no_ops++;
    else if (add_ops(c, ops_json, ops_len))
        return -1;
    if (num_faces < 0)
        c->no_faces++;
    else
        c->faces[face_bin(num_faces)]++;
    char cat[NAME_MAX_LEN];
    zcur_category_of(code ? code : "", code ? code_len : 0, cat, sizeof cat);
    tally *t = tally_get(&c->cats, cat);
    if (!t)
        return -1;
    t->rows++;
    return 0;
}

/* ---- the report ---- */
static int64_t rows_of(const tally_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].name, name))
            return s->v[i].rows;
    return 0;
}

static double pct(int64_t part, int64_t whole)
{
    return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

/* In the merged table, rows holds the rows before and calls the rows after. */
static int by_rows_then_name(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->rows != y->rows)
        return x->rows < y->rows ? 1 : -1;
    if (x->calls != y->calls)
        return x->calls < y->calls ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* Rows of every name of `before` and `after`, sorted by rows before (then after, then name). */
static void tally_table(FILE *f, const char *title, const char *col, const tally_set *before,
                        const tally_set *after, int64_t nb, int64_t na)
{
    tally_set all = {0};
    for (int side = 0; side < 2; side++) {
        const tally_set *s = side ? after : before;
        for (size_t i = 0; i < s->n; i++)
            tally_get(&all, s->v[i].name);
    }
    for (size_t i = 0; i < all.n; i++) {
        all.v[i].rows = rows_of(before, all.v[i].name);
        all.v[i].calls = rows_of(after, all.v[i].name);
    }
    if (all.n)
        qsort(all.v, all.n, sizeof *all.v, by_rows_then_name);
    fprintf(f, "\n### %s\n\n| %s | rows before | %% before | rows after | %% after |\n|---|---:|---:|---:|---:|\n",
            title, col);
    for (size_t i = 0; i < all.n; i++) {
        int64_t b = all.v[i].rows, a = all.v[i].calls;
        fprintf(f, "| %s | %lld | %.1f | %lld | %.1f |\n", all.v[i].name, (long long)b, pct(b, nb), (long long)a,
                pct(a, na));
    }
    free(all.v);
}

static void faces_table(FILE *f, const zcur_coverage *b, const zcur_coverage *a)
{
    fprintf(f, "\n### Faces (num_faces)\n\n| faces | rows before | %% before | rows after | %% after |\n"
               "|---|---:|---:|---:|---:|\n");
    for (int i = 0; i < FACE_BINS; i++) {
        char label[32];
        if (i == 0)
            snprintf(label, sizeof label, "< %d", face_edges[0]);
        else if (i == FACE_BINS - 1)
            snprintf(label, sizeof label, ">= %d", face_edges[i - 1]);
        else
            snprintf(label, sizeof label, "%d-%d", face_edges[i - 1], face_edges[i] - 1);
        fprintf(f, "| %s | %lld | %.1f | %lld | %.1f |\n", label, (long long)b->faces[i], pct(b->faces[i], b->rows),
                (long long)a->faces[i], pct(a->faces[i], a->rows));
    }
    fprintf(f, "| absent | %lld | %.1f | %lld | %.1f |\n", (long long)b->no_faces, pct(b->no_faces, b->rows),
            (long long)a->no_faces, pct(a->no_faces, a->rows));
}

void zcur_coverage_report(FILE *f, const zcur_coverage *before, const zcur_coverage *after)
{
    fprintf(f, "## Coverage before and after curation\n\n| | before | after |\n|---|---:|---:|\n");
    fprintf(f, "| rows | %lld | %lld |\n", (long long)before->rows, (long long)after->rows);
    fprintf(f, "| distinct op_names | %zu | %zu |\n", before->ops.n, after->ops.n);
    fprintf(f, "| categories | %zu | %zu |\n", before->cats.n, after->cats.n);
    fprintf(f, "| rows without cadquery_ops_json | %lld | %lld |\n", (long long)before->no_ops,
            (long long)after->no_ops);
    fprintf(f, "| rows with unreadable cadquery_ops_json | %lld | %lld |\n", (long long)before->bad_ops,
            (long long)after->bad_ops);
    tally_table(f, "Operations (rows calling each op_name)", "op_name", &before->ops, &after->ops, before->rows,
                after->rows);
    faces_table(f, before, after);
    tally_table(f, "Categories (first line of the program)", "category", &before->cats, &after->cats, before->rows,
                after->rows);
}
