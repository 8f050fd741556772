/* agent_docs_query.c: the answers of lookup_documentation(name) (one entry: "cadquery.NAME" +
 * signature, a blank line, then __doc__ exactly as the module holds it) and
 * grep_documentation(pattern) (the best FTS5 matches, one line each), read from the docs
 * tables that agent_docs.c built. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"

#define MAX_HITS 20

static const char *strip_prefix(const char *name)
{
    while (*name == ' ')
        name++;
    if (!strncmp(name, "cadquery.", 9))
        return name + 9;
    if (!strncmp(name, "cq.", 3))
        return name + 3;
    return name;
}

static char *entry_text(sqlite3_stmt *st)
{
    const char *name = (const char *)sqlite3_column_text(st, 0);
    const char *sig = (const char *)sqlite3_column_text(st, 1);
    const char *doc = (const char *)sqlite3_column_text(st, 2);
    char *out = NULL;
    if (asprintf(&out, "cadquery.%s%s\n\n%s", name, sig ? sig : "", doc && doc[0] ? doc : "(no docstring)") < 0)
        return NULL;
    return out;
}

/* Names matching, one per line (at most MAX_HITS), or NULL when none. */
static char *name_list(sqlite3 *db, const char *sql, const char *arg, int *count)
{
    sqlite3_stmt *st;
    *count = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    while (f && *count < MAX_HITS && sqlite3_step(st) == SQLITE_ROW) {
        const char *doc = (const char *)sqlite3_column_text(st, 2);
        size_t first = doc ? strcspn(doc, "\n") : 0;
        fprintf(f, "cadquery.%s%s%s%.*s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
                first ? ": " : "", (int)(first > 200 ? 200 : first), doc ? doc : "");
        (*count)++;
    }
    sqlite3_finalize(st);
    if (f)
        fclose(f);
    if (!*count) {
        free(buf);
        return NULL;
    }
    return buf;
}

char *zs_docs_lookup(zs_state *s, const char *name, int *is_error)
{
    sqlite3 *db = zs_state_db(s);
    char key[256];
    snprintf(key, sizeof key, "%s", strip_prefix(name));
    size_t n = strlen(key);
    while (n && (key[n - 1] == ' ' || key[n - 1] == ')' || key[n - 1] == '('))
        key[--n] = '\0';
    sqlite3_stmt *st;
    char *out = NULL;
    *is_error = 0;
    if (sqlite3_prepare_v2(db, "SELECT name, signature, doc FROM docs WHERE name=?", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            out = entry_text(st);
        sqlite3_finalize(st);
    }
    if (out)
        return out;
    int count;
    char pattern[300];
    snprintf(pattern, sizeof pattern, "%%.%s", key);
    char *list = name_list(db, "SELECT name, signature, doc FROM docs WHERE name LIKE ? ORDER BY name", pattern,
                           &count);
    if (list && count == 1) {   /* "hole" -> the one Workplane.hole */
        char *nl = strchr(list, '(');
        size_t k = nl ? (size_t)(nl - list) : strcspn(list, ":\n");
        char exact[256];
        snprintf(exact, sizeof exact, "%.*s", (int)k, list);
        free(list);
        return strcmp(exact, name) ? zs_docs_lookup(s, exact, is_error) : NULL;
    }
    *is_error = 1;
    if (list) {
        if (asprintf(&out, "\"%s\" names several entries; look up one of:\n%s", name, list) < 0)
            out = NULL;
        free(list);
        return out;
    }
    if (asprintf(&out, "no documentation for \"%s\"; try grep_documentation to search", name) < 0)
        out = NULL;
    return out;
}

/* The pattern as one FTS5 phrase (for patterns that are not valid FTS5 queries). */
static char *as_phrase(const char *pattern)
{
    size_t n = strlen(pattern);
    char *q = malloc(2 * n + 3);
    if (!q)
        return NULL;
    size_t k = 0;
    q[k++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (pattern[i] == '"')
            q[k++] = '"';
        q[k++] = pattern[i];
    }
    q[k++] = '"';
    q[k] = '\0';
    return q;
}

char *zs_docs_grep(zs_state *s, const char *pattern, int *is_error)
{
    sqlite3 *db = zs_state_db(s);
    const char *sql = "SELECT name, signature, doc FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rank";
    int count = 0;
    char *list = name_list(db, sql, pattern, &count);
    if (!list) {
        char *phrase = as_phrase(pattern);
        list = phrase ? name_list(db, sql, phrase, &count) : NULL;
        free(phrase);
    }
    *is_error = !list;
    if (list)
        return list;
    char *out = NULL;
    if (asprintf(&out, "nothing in the documentation matches \"%s\"", pattern) < 0)
        out = NULL;
    return out;
}
