/* agent_report.c: `zerocad synth --report DIR`: the loop statistics of a run, read from its
 * state database (llm-state.sqlite): jobs by outcome, first-attempt success rate, attempts and
 * tool calls per accepted part, tokens in and out (every call, catalog included), the reasons
 * jobs failed and attempts were rejected, and the cost at the given prices. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agent_internal.h"

static double scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    double v = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static json_t *counts(sqlite3 *db, const char *sql)
{
    json_t *o = json_object();
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return o;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        json_object_set_new(o, k ? k : "(none)", json_integer(sqlite3_column_int64(st, 1)));
    }
    sqlite3_finalize(st);
    return o;
}

static json_t *report(sqlite3 *db, double price_in, double price_out)
{
    double accepted = scalar(db, "SELECT count(*) FROM jobs WHERE status='accepted'");
    double tin = scalar(db, "SELECT coalesce(sum(max(tokens_in, 0)), 0) FROM calls");
    double tout = scalar(db, "SELECT coalesce(sum(max(tokens_out, 0)), 0) FROM calls");
    json_t *r = json_pack(
        "{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f}", "jobs", scalar(db, "SELECT count(*) FROM jobs"),
        "accepted", accepted, "failed", scalar(db, "SELECT count(*) FROM jobs WHERE status='failed'"), "pending",
        scalar(db, "SELECT count(*) FROM jobs WHERE status IN ('pending','running')"), "first_attempt_success_rate",
        scalar(db, "SELECT coalesce(avg(first_ok), 0) FROM jobs WHERE status IN ('accepted','failed') AND "
                   "first_ok >= 0"),
        "attempts_per_accepted", scalar(db, "SELECT coalesce(avg(attempts), 0) FROM jobs WHERE status='accepted'"),
        "tool_calls_per_accepted",
        scalar(db, "SELECT coalesce(avg(tool_calls), 0) FROM jobs WHERE status='accepted'"), "calls",
        scalar(db, "SELECT count(*) FROM calls"), "tokens_in", tin, "tokens_out", tout, "tokens_per_accepted",
        accepted > 0 ? (tin + tout) / accepted : 0.0);
    json_object_set_new(r, "job_failures",
                        counts(db, "SELECT reason, count(*) FROM jobs WHERE status='failed' GROUP BY reason "
                                   "ORDER BY 2 DESC, 1"));
    json_object_set_new(r, "attempt_rejects",
                        counts(db, "SELECT reason, count(*) FROM attempts WHERE ok=0 GROUP BY reason ORDER BY 2 "
                                   "DESC, 1"));
    if (price_in >= 0 && price_out >= 0) {
        double cost = tin / 1e6 * price_in + tout / 1e6 * price_out;
        json_object_set_new(r, "cost", json_real(cost));
        json_object_set_new(r, "cost_per_accepted", json_real(accepted > 0 ? cost / accepted : 0.0));
    }
    return r;
}

static void print_text(json_t *r)
{
    const char *k;
    json_t *v;
    json_object_foreach(r, k, v) {
        if (json_is_object(v)) {
            printf("%s:\n", k);
            const char *k2;
            json_t *v2;
            json_object_foreach(v, k2, v2) printf("  %s: %lld\n", k2, (long long)json_integer_value(v2));
        } else {
            double d = json_number_value(v);
            if (d == (double)(long long)d)
                printf("%s: %lld\n", k, (long long)d);
            else
                printf("%s: %.4f\n", k, d);
        }
    }
}

/* Copies table `from` of the attached part into the in-memory table `to` (made by the first). */
static int copy_table(sqlite3 *db, const char *from, const char *to, int first)
{
    char sql[256];
    if (first)
        snprintf(sql, sizeof sql, "CREATE TABLE %s AS SELECT * FROM part.%s", to, from);
    else
        snprintf(sql, sizeof sql, "INSERT INTO %s SELECT * FROM part.%s", to, from);
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* A shared job's state (docs/scale.md): every DIR/llm-state.part-*.sqlite and the catalog's
 * calls (DIR/llm-catalog.sqlite) gathered in memory: calls and attempts of every process; a
 * job counted once, by how it ended where it ended (a conversation a killed process left
 * under way and another finished counts as finished). NULL (err set) when there is none. */
static sqlite3 *gather(const char *dir, char *err, size_t errlen)
{
    char pattern[4200], catalog[4200];
    snprintf(pattern, sizeof pattern, "%s/llm-state.part-*.sqlite", dir);
    snprintf(catalog, sizeof catalog, "%s/llm-catalog.sqlite", dir);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0) {
        snprintf(err, errlen, "%s/llm-state.sqlite: no such file (nor llm-state.part-*.sqlite)", dir);
        return NULL;
    }
    sqlite3 *db = NULL;
    int rc = sqlite3_open(":memory:", &db) == SQLITE_OK ? 0 : -1;
    struct stat st;
    for (size_t i = 0; rc == 0 && i <= g.gl_pathc; i++) {
        int cat = i == g.gl_pathc;
        if (cat && stat(catalog, &st) != 0)
            break;
        const char *path = cat ? catalog : g.gl_pathv[i];
        sqlite3_stmt *at;
        rc = sqlite3_prepare_v2(db, "ATTACH ? AS part", -1, &at, NULL) == SQLITE_OK ? 0 : -1;
        if (rc == 0) {
            sqlite3_bind_text(at, 1, path, -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(at) == SQLITE_DONE ? 0 : -1;
            sqlite3_finalize(at);
        }
        if (rc == 0)
            rc = copy_table(db, "calls", "calls", i == 0) |
                 (cat ? 0 : copy_table(db, "attempts", "attempts", i == 0) | copy_table(db, "jobs", "all_jobs", i == 0));
        if (rc < 0)
            snprintf(err, errlen, "%.900s: %s", path, sqlite3_errmsg(db));
        sqlite3_exec(db, "DETACH part", NULL, NULL, NULL);
    }
    globfree(&g);
    if (rc == 0 && sqlite3_exec(db,
                                "CREATE VIEW jobs AS SELECT * FROM all_jobs WHERE status IN ('accepted','failed') "
                                "UNION ALL SELECT * FROM all_jobs WHERE status NOT IN ('accepted','failed') AND id "
                                "NOT IN (SELECT id FROM all_jobs WHERE status IN ('accepted','failed')) GROUP BY id",
                                NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%.900s: %s", dir, sqlite3_errmsg(db));
        rc = -1;
    }
    if (rc < 0) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

int zs_llm_report(const char *dir, double price_in, double price_out, int as_json)
{
    char err[1024], path[4200];
    struct stat sb;
    snprintf(path, sizeof path, "%s/llm-state.sqlite", dir);
    zs_state *s = NULL;
    sqlite3 *db = stat(path, &sb) == 0 ? NULL : gather(dir, err, sizeof err);
    if (!db && !(s = zs_state_open(dir, 0, err, sizeof err))) {
        fprintf(stderr, "zerocad synth: --report: %s\n", err);
        return 2;
    }
    json_t *r = report(db ? db : zs_state_db(s), price_in, price_out);
    if (as_json) {
        char *t = json_dumps(r, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (t)
            puts(t);
        free(t);
    } else {
        print_text(r);
    }
    json_decref(r);
    zs_state_close(s);
    sqlite3_close(db);
    return 0;
}
