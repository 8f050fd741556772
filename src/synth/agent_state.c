/* agent_state.c: the LLM agent's state in SQLite (DIR/llm-state.sqlite, WAL): descriptions
 * (one job each), catalog calls, every HTTP call with its tokens, the conversations' messages,
 * the attempts (programs submitted) and the tool calls. A job's end is one row update, so a
 * killed run finds every finished job finished and never asks the server about it again;
 * jobs it left running start over. The API key is never stored here. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"

struct zs_state {
    sqlite3 *db;
};

static const char *const schema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS jobs(id INTEGER PRIMARY KEY, description TEXT NOT NULL, norm TEXT UNIQUE,"
    " category TEXT, status TEXT NOT NULL DEFAULT 'pending', reason TEXT, attempts INTEGER DEFAULT 0,"
    " tool_calls INTEGER DEFAULT 0, turns INTEGER DEFAULT 0, first_ok INTEGER, tokens_in INTEGER DEFAULT 0,"
    " tokens_out INTEGER DEFAULT 0, seconds REAL, code TEXT, seq INTEGER UNIQUE);"
    "CREATE TABLE IF NOT EXISTS catalog_calls(n INTEGER PRIMARY KEY, category TEXT, added INTEGER,"
    " error TEXT);"
    "CREATE TABLE IF NOT EXISTS calls(id INTEGER PRIMARY KEY, job INTEGER, stage TEXT, http_status INTEGER,"
    " tokens_in INTEGER, tokens_out INTEGER, seconds REAL, overhead_ms REAL, tries INTEGER, error TEXT);"
    "CREATE TABLE IF NOT EXISTS messages(job INTEGER, seq INTEGER, role TEXT, json TEXT);"
    "CREATE TABLE IF NOT EXISTS attempts(job INTEGER, n INTEGER, code TEXT, ok INTEGER, reason TEXT,"
    " feedback TEXT);"
    "CREATE TABLE IF NOT EXISTS tool_calls(job INTEGER, call_id TEXT, name TEXT, arguments TEXT,"
    " result TEXT, is_error INTEGER);"
    "CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, id);";

zs_state *zs_state_open(const char *dir, int create, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/llm-state.sqlite", dir);
    return zs_state_open_file(path, create, err, errlen);
}

zs_state *zs_state_open_file(const char *path, int create, char *err, size_t errlen)
{
    zs_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        zs_state_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000);
    char *msg = NULL;
    if (sqlite3_exec(s->db, schema, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, msg ? msg : "cannot set up");
        sqlite3_free(msg);
        zs_state_close(s);
        return NULL;
    }
    return s;
}

void zs_state_close(zs_state *s)
{
    if (!s)
        return;
    sqlite3_close_v2(s->db);
    free(s);
}

sqlite3 *zs_state_db(zs_state *s)
{
    return s->db;
}

/* Runs one statement with text (t), integer (i), real (d) and NULL-able text (z) bindings
 * given by the letters of fmt. Returns the sqlite result of the step. */
static int run(zs_state *s, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return SQLITE_ERROR;
    va_list ap;
    va_start(ap, fmt);
    for (int i = 0; fmt[i]; i++) {
        if (fmt[i] == 't' || fmt[i] == 'z') {
            const char *v = va_arg(ap, const char *);
            if (v)
                sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, i + 1);
        } else if (fmt[i] == 'i') {
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        } else {
            sqlite3_bind_double(st, i + 1, va_arg(ap, double));
        }
    }
    va_end(ap);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}

static int ok(int rc)
{
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* 1 when job id exists, 0 when not, -1 on an error. */
static int count_of_id(zs_state *s, int64_t id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM jobs WHERE id=?", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int n = sqlite3_step(st) == SQLITE_ROW ? (int)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* Lower case, runs of white space as one space, no trailing punctuation: duplicates by text. */
static char *normalized(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    int space = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = 0;
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    while (k && (out[k - 1] == '.' || out[k - 1] == ';' || out[k - 1] == ','))
        k--;
    out[k] = '\0';
    return out;
}

int zs_state_add_description(zs_state *s, const char *text, const char *category)
{
    char *norm = normalized(text);
    if (!norm)
        return -1;
    if (!norm[0]) {
        free(norm);
        return 0;
    }
    int rc = run(s, "INSERT OR IGNORE INTO jobs(description, norm, category) VALUES(?,?,?)", "ttz", text, norm,
                 category);
    free(norm);
    if (ok(rc) < 0)
        return -1;
    return sqlite3_changes(s->db) > 0;
}

int zs_state_add_job(zs_state *s, int64_t id, const char *text)
{
    char *norm = normalized(text);
    if (!norm)
        return -1;
    int rc = ok(run(s, "INSERT OR IGNORE INTO jobs(id, description, norm) VALUES(?,?,?)", "itt", id, text, norm));
    free(norm);
    if (rc == 0 && count_of_id(s, id) != 1)
        return -1;   /* its text is another job's here: not the same list of descriptions */
    return rc;
}

int zs_state_reset_unfinished(zs_state *s)
{
    return ok(run(s, "UPDATE jobs SET status='pending' WHERE status='running'", ""));
}

int64_t zs_state_next_pending(zs_state *s, int64_t after, char **description)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(s->db, "SELECT id, description FROM jobs WHERE status='pending' AND id>? ORDER BY id "
                           "LIMIT 1", -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, after);
    int64_t id = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        *description = strdup((const char *)sqlite3_column_text(st, 1));
        if (!*description)
            id = -1;
    } else if (rc != SQLITE_DONE) {
        id = -1;
    }
    sqlite3_finalize(st);
    return id;
}

static long count_of(zs_state *s, const char *sql, const char *arg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

long zs_state_count(zs_state *s, const char *status)
{
    return status ? count_of(s, "SELECT count(*) FROM jobs WHERE status=?", status)
                  : count_of(s, "SELECT count(*) FROM jobs", NULL);
}

int zs_state_job_start(zs_state *s, int64_t job)
{
    int rc = ok(run(s, "DELETE FROM messages WHERE job=?", "i", job));
    rc |= ok(run(s, "DELETE FROM attempts WHERE job=?", "i", job));
    rc |= ok(run(s, "DELETE FROM tool_calls WHERE job=?", "i", job));
    rc |= ok(run(s, "UPDATE jobs SET status='running' WHERE id=?", "i", job));
    return rc ? -1 : 0;
}

int zs_state_job_finish(zs_state *s, const zs_job_end *e)
{
    return ok(run(s,
                  "UPDATE jobs SET status=?, reason=?, code=?, attempts=?, tool_calls=?, turns=?, first_ok=?,"
                  " tokens_in=?, tokens_out=?, seconds=?,"
                  " seq=CASE WHEN ? THEN (SELECT coalesce(max(seq), -1) + 1 FROM jobs) ELSE NULL END WHERE id=?",
                  "tzziiiiiidii", e->accepted ? "accepted" : "failed", e->reason, e->code, (int64_t)e->attempts,
                  (int64_t)e->tool_calls, (int64_t)e->turns, (int64_t)e->first_ok, (int64_t)e->tokens_in,
                  (int64_t)e->tokens_out, e->seconds, (int64_t)e->accepted, e->job));
}

int zs_state_record_call(zs_state *s, const zs_call_rec *c)
{
    return ok(run(s,
                  "INSERT INTO calls(job, stage, http_status, tokens_in, tokens_out, seconds, overhead_ms, tries,"
                  " error) VALUES(?,?,?,?,?,?,?,?,?)",
                  "itiiiddiz", c->job, c->stage, (int64_t)c->status, (int64_t)c->tokens_in,
                  (int64_t)c->tokens_out, c->seconds, c->overhead_ms, (int64_t)c->tries, c->error));
}

int zs_state_record_message(zs_state *s, int64_t job, int seq, json_t *msg)
{
    char *text = json_dumps(msg, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!text)
        return -1;
    int rc = ok(run(s, "INSERT INTO messages(job, seq, role, json) VALUES(?,?,?,?)", "iizt", job, (int64_t)seq,
                    json_string_value(json_object_get(msg, "role")), text));
    free(text);
    return rc;
}

int zs_state_record_attempt(zs_state *s, int64_t job, int n, const char *code, int okay, const char *reason,
                            const char *feedback)
{
    return ok(run(s, "INSERT INTO attempts(job, n, code, ok, reason, feedback) VALUES(?,?,?,?,?,?)", "iitizz",
                  job, (int64_t)n, code, (int64_t)okay, reason, feedback));
}

int zs_state_record_tool(zs_state *s, int64_t job, const char *call_id, const char *name, const char *args,
                         const char *result, int is_error)
{
    return ok(run(s, "INSERT INTO tool_calls(job, call_id, name, arguments, result, is_error) VALUES(?,?,?,?,?,?)",
                  "izzzzi", job, call_id, name, args, result, (int64_t)is_error));
}

int zs_state_catalog_done(zs_state *s, int n)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM catalog_calls WHERE n=%d AND error IS NULL", n);
    return count_of(s, sql, NULL) > 0;
}

int zs_state_catalog_record(zs_state *s, int n, const char *category, int added, const char *error)
{
    return ok(run(s, "INSERT OR REPLACE INTO catalog_calls(n, category, added, error) VALUES(?,?,?,?)", "itiz",
                  (int64_t)n, category, (int64_t)added, error));
}

int zs_state_catalog_calls(zs_state *s)
{
    return (int)count_of(s, "SELECT coalesce(max(n) + 1, 0) FROM catalog_calls", NULL);
}

int zs_state_accepted_at(zs_state *s, uint64_t seq, char **code, char **description, int64_t *job)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(s->db, "SELECT id, code, description FROM jobs WHERE seq=?", -1,
                           SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)seq);
    int rc = sqlite3_step(st);
    int got = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (got == 1) {
        *job = sqlite3_column_int64(st, 0);
        *code = strdup((const char *)sqlite3_column_text(st, 1));
        *description = strdup((const char *)sqlite3_column_text(st, 2));
        if (!*code || !*description) {
            free(*code);
            free(*description);
            got = -1;
        }
    }
    sqlite3_finalize(st);
    return got;
}

int zs_state_job_result(zs_state *s, int64_t job, int *accepted, char **code, char **reason)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT status, code, reason FROM jobs WHERE id=? AND status IN "
                           "('accepted','failed')", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, job);
    int rc = sqlite3_step(st);
    int got = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    *code = *reason = NULL;
    if (got == 1) {
        const char *c = (const char *)sqlite3_column_text(st, 1), *r = (const char *)sqlite3_column_text(st, 2);
        *accepted = !strcmp((const char *)sqlite3_column_text(st, 0), "accepted");
        *code = c ? strdup(c) : NULL;
        *reason = r ? strdup(r) : NULL;
        if ((c && !*code) || (r && !*reason) || (*accepted && !c))
            got = -1;
    }
    sqlite3_finalize(st);
    return got;
}
