/* test_synth_verdict.c: the end of a shared synth job (src/synth/engine_verdict.c,
 * engine_jobs.c) on a work folder written by hand: two processes' logs and shards with
 * duplicate keys, a rejected program, a valid line whose row never reached a finished shard
 * (a killed process) and a torn last line. Which rows are kept is worked out by hand from the
 * keys and checked by reading the dataset's shards back. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "shard.h"

static int failures;

static void check(int cond, const char *what)
{
    if (!cond) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void write_shard(const char *path, const char *const *uuids, int n)
{
    char err[512];
    zd_writer *w = zd_writer_open(path, NULL, err, sizeof err);
    check(w != NULL, "work shard opened");
    for (int i = 0; w && i < n; i++) {
        zd_row row;
        zd_row_clear(&row);
        row.uuid = uuids[i];
        row.uuid_len = strlen(uuids[i]);
        row.code = "result = 1\n";
        row.code_len = strlen(row.code);
        check(zd_write(w, &row, err, sizeof err) == 0, "row written");
    }
    check(w && zd_writer_close(w, err, sizeof err) == 0, "work shard closed");
}

/* The uuids of a dataset shard, joined by spaces; "" when the file does not exist. */
static void uuids_of(const char *path, char *out, size_t len)
{
    out[0] = '\0';
    if (access(path, F_OK) != 0)
        return;
    char err[512];
    zd_reader *r = zd_open(path, ZD_COL_UUID, err, sizeof err);
    check(r != NULL, "dataset shard readable");
    zd_row row;
    while (r && zd_next(r, &row, err, sizeof err) == 1)
        snprintf(out + strlen(out), len - strlen(out), "%s%s", out[0] ? " " : "", row.uuid);
    if (r)
        zd_close(r);
}

#define LINE(i, u, st, c, g, v) \
    "{\"i\":" #i ",\"uuid\":\"" u "\",\"status\":\"" st "\",\"code_key\":\"" c "\",\"geo_key\":\"" g \
    "\",\"view_key\":\"" v "\"}\n"

static void make_folder(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, "work");
    check(mkdir(path, 0755) == 0, "work folder");
    /* process 00000: ids 0, 2 valid (2 has 0's code), 4 rejected, 5 valid but its shard was
     * never finished */
    snprintf(path, sizeof path, "%s/%s/synth-log.part-00000.jsonl", dir, "work");
    write_text(path, LINE(0, "u0", "valid", "01", "01", "01") LINE(2, "u2", "valid", "01", "02", "02")
                         "{\"i\":4,\"uuid\":\"u4\",\"status\":\"rejected\",\"reason\":\"timeout\"}\n"
                         LINE(5, "u5", "valid", "05", "05", "05"));
    /* process 00001: id 1 valid with 0's views, 3 valid and new; a torn last line */
    snprintf(path, sizeof path, "%s/%s/synth-log.part-00001.jsonl", dir, "work");
    write_text(path, LINE(1, "u1", "valid", "03", "03", "01") LINE(3, "u3", "valid", "04", "04", "04")
                         "{\"i\":6,\"uuid\":\"u6\",\"status\":\"rej");
    const char *a[] = {"u0", "u2"}, *b[] = {"u1", "u3"};
    snprintf(path, sizeof path, "%s/%s/part-00000-00000.parquet", dir, "work");
    write_shard(path, a, 2);
    snprintf(path, sizeof path, "%s/%s/part-00001-00000.parquet", dir, "work");
    write_shard(path, b, 2);
}

static void decide(const char *dir, long programs, long target, int dedup, const char *want0, const char *want1,
                   long want_rows)
{
    zs_engine_opts o = {.out_dir = dir, .label = "test", .target = target, .dedup = dedup};
    zs_shared_result res;
    check(zs_shared_finish(&o, programs, &res) == 0, "decided");
    check(res.accepted == want_rows, "rows kept");
    long sum = 0;
    for (size_t i = 0; i < res.n; i++)
        sum += res.rows[i];
    check(sum == want_rows, "the outputs' rows add up");
    char path[512], got[256];
    snprintf(path, sizeof path, "%s/part-00000-00000.parquet", dir);
    uuids_of(path, got, sizeof got);
    check(!strcmp(got, want0), want0);
    snprintf(path, sizeof path, "%s/part-00001-00000.parquet", dir);
    uuids_of(path, got, sizeof got);
    if (strcmp(got, want1))
        printf("  process 1 kept '%s', want '%s'\n", got, want1);
    check(!strcmp(got, want1), "process 1's kept rows");
    zs_shared_result_free(&res);
}

int main(void)
{
    char dir[] = "zs-verdict-XXXXXX"; /* in the test's working folder (the build tree) */
    if (!mkdtemp(dir))
        return 1;
    make_folder(dir);
    zs_engine_opts o = {.out_dir = dir, .label = "test", .target = 10, .dedup = 1};
    zs_shared_result res;
    /* id 5's row is in no finished shard, id 6 only torn: 0..6 has 5 recorded */
    check(zs_shared_finish(&o, 7, &res) == 3 && res.recorded == 5, "ids 5 and 6 not recorded");
    /* 0 kept; 1 shares 0's views, 2 its code: dropped; 3 kept; 4 rejected */
    decide(dir, 5, 10, 1, "u0", "u3", 2);
    /* the target cuts after id 0; process 1's shard keeps nothing and is removed */
    decide(dir, 5, 1, 1, "u0", "", 1);
    /* no dedup, three rows: ids 0, 1, 2 */
    decide(dir, 5, 3, 0, "u0 u2", "u1", 3);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("could not remove %s\n", dir);
    if (failures)
        return 1;
    printf("ok\n");
    return 0;
}
