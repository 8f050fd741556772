/* llm_joblist.c: the job list of `zerocad synth --llm` shared among processes
 * (docs/scale.md): one SQLite file, DIR's work/llm-jobs.TAG.sqlite, written by the process that
 * plans (a temporary name renamed into place, rollback journal, never changed afterwards) and
 * read by every process of the job without locks (immutable). Position p is job id p + 1;
 * its description comes from --descriptions FILE (duplicates dropped as a one-process run
 * drops them, so the ids are the same) or from the catalog DIR/llm-catalog.sqlite (in id
 * order). A job whose conversation a process already finished (in any
 * DIR/llm-state.part-*.sqlite) carries how it ended: it is never sent to the server again. */
#define _GNU_SOURCE
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent_internal.h"

struct zs_joblist {
    sqlite3 *db;
    long count;
};

static int exec_sql(sqlite3 *db, const char *sql, const char *what, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    snprintf(err, errlen, "%s: %s", what, msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return -1;
}

/* Runs sql with one text parameter (a file to attach). */
static int exec_with(sqlite3 *db, const char *sql, const char *arg, const char *what, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return 0;
    snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(db));
    return -1;
}

static long scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int add_description(void *ctx, const char *text)
{
    return zs_state_add_description(ctx, text, NULL) < 0 ? -1 : 0;
}

/* The descriptions: the user's file, or the catalog. 0, -1, or -2 (bad input). */
static int fill(const zs_llm_opts *o, zs_state *st, char *err, size_t errlen)
{
    sqlite3 *db = zs_state_db(st);
    if (o->descriptions_file) {
        if (exec_sql(db, "BEGIN", "job list", err, errlen) < 0)
            return -1;
        long n = zs_each_line(o->descriptions_file, add_description, st, err, errlen);
        if (exec_sql(db, n < 0 ? "ROLLBACK" : "COMMIT", "job list", err, errlen) < 0)
            return -1;
        return n < 0 ? -2 : 0;
    }
    char cat[4200];
    struct stat sb;
    snprintf(cat, sizeof cat, "%s/llm-catalog.sqlite", o->engine.out_dir);
    if (stat(cat, &sb) != 0) {
        snprintf(err, errlen, "%s: no catalog: give --descriptions FILE, or make the catalog under mpirun "
                 "(rank 0 makes it)", cat);
        return -2;
    }
    if (exec_with(db, "ATTACH ? AS cat", cat, cat, err, errlen) < 0)
        return -1;
    int rc = exec_sql(db, "INSERT INTO jobs(id, description, norm, category) SELECT id, description, norm, category "
                      "FROM cat.jobs ORDER BY id", cat, err, errlen);
    exec_sql(db, "DETACH cat", cat, err, errlen);
    return rc;
}

/* Conversations some process finished: their ends, matched by id and description. */
static int carry(const zs_llm_opts *o, sqlite3 *db, char *err, size_t errlen)
{
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/llm-state.part-*.sqlite", o->engine.out_dir);
    glob_t g;
    int grc = glob(pattern, 0, NULL, &g);
    if (grc == GLOB_NOMATCH)
        return 0;
    if (grc != 0) {
        snprintf(err, errlen, "%s: cannot list the state files", o->engine.out_dir);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < g.gl_pathc; i++) {
        const char *part = g.gl_pathv[i];
        if (exec_with(db, "ATTACH ? AS part", part, part, err, errlen) < 0) {
            rc = -1;
            break;
        }
        rc = exec_sql(db,
                      "UPDATE jobs SET status = x.status, code = x.code, reason = x.reason FROM "
                      "(SELECT id, description, status, code, reason FROM part.jobs WHERE status IN "
                      "('accepted','failed')) AS x WHERE jobs.id = x.id AND jobs.description = x.description "
                      "AND jobs.status = 'pending'", part, err, errlen);
        exec_sql(db, "DETACH part", part, err, errlen);
    }
    globfree(&g);
    return rc;
}

long zs_joblist_build(const zs_llm_opts *o, const char *path, char *err, size_t errlen)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    unlink(tmp);
    zs_state *st = zs_state_open_file(tmp, 1, err, errlen);
    if (!st)
        return -1;
    sqlite3 *db = zs_state_db(st);
    long n = exec_sql(db, "PRAGMA journal_mode=DELETE", tmp, err, errlen);
    if (n == 0)
        n = fill(o, st, err, errlen);
    if (n == 0 && (n = scalar(db, "SELECT count(*) FROM jobs")) != scalar(db, "SELECT coalesce(max(id), 0) FROM jobs")) {
        snprintf(err, errlen, "%s: the catalog's job ids are not 1..%ld", o->engine.out_dir, n);
        n = -1;
    }
    if (n >= 0 && carry(o, db, err, errlen) < 0)
        n = -1;
    zs_state_close(st);
    if (n >= 0 && rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        n = -1;
    }
    if (n < 0)
        unlink(tmp);
    return n;
}

/* PATH as an SQLite URI (file:PATH?immutable=1, with %, ? and # escaped). */
static char *uri_of(const char *path)
{
    size_t n = strlen(path);
    char *u = malloc(3 * n + 32), *q = u;
    if (!u)
        return NULL;
    q += sprintf(q, "file:");
    for (const char *p = path; *p; p++)
        q += *p == '%' || *p == '?' || *p == '#' ? sprintf(q, "%%%02x", (unsigned char)*p) : (*q = *p, 1);
    sprintf(q, "?immutable=1");
    return u;
}

zs_joblist *zs_joblist_open(const char *path, char *err, size_t errlen)
{
    zs_joblist *j = calloc(1, sizeof *j);
    char *uri = uri_of(path);
    if (!j || !uri) {
        free(j);
        free(uri);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int rc = sqlite3_open_v2(uri, &j->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    j->count = rc == SQLITE_OK ? scalar(j->db, "SELECT count(*) FROM jobs") : -1;
    if (j->count < 0) {
        snprintf(err, errlen, "%s: cannot read the job list (%s)", path,
                 j->db ? sqlite3_errmsg(j->db) : "cannot open");
        zs_joblist_close(j);
        return NULL;
    }
    return j;
}

long zs_joblist_count(zs_joblist *j)
{
    return j->count;
}

static char *dup_text(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t ? strdup(t) : NULL;
}

int zs_joblist_get(zs_joblist *j, uint64_t pos, char **description, int *finished, char **code, char **reason)
{
    sqlite3_stmt *st;
    *description = *code = *reason = NULL;
    if (sqlite3_prepare_v3(j->db, "SELECT description, status, code, reason FROM jobs WHERE id=?", -1,
                           SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)pos + 1);
    int rc = sqlite3_step(st);
    int got = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (got == 1) {
        const char *status = (const char *)sqlite3_column_text(st, 1);
        *finished = !status ? 0 : !strcmp(status, "accepted") ? 1 : !strcmp(status, "failed") ? 2 : 0;
        *description = dup_text(st, 0);
        *code = dup_text(st, 2);
        *reason = dup_text(st, 3);
        if (!*description || (*finished == 1 && !*code)) {
            free(*description);
            free(*code);
            free(*reason);
            *description = *code = *reason = NULL;
            got = -1;
        }
    }
    sqlite3_finalize(st);
    return got;
}

void zs_joblist_close(zs_joblist *j)
{
    if (!j)
        return;
    sqlite3_close_v2(j->db);
    free(j);
}
