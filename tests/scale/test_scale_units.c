/* test_scale_units.c: the coordinator's batch sizes (src/scale/queue.c), --shard slices
 * (src/scale/slice.c), part-file names and listing (src/scale/parts.c) and row counting
 * and the manifest with given rows (src/scale/manifest.c). Expected values are spelled out by hand. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "scale_internal.h"

static int failures;

static void check(int cond, const char *what)
{
    if (!cond) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

static void batch_sizes(void)
{
    check(zsc_batch_size(100, 2, 8) == 8, "100 left, 2 ranks: half the rest per rank is 25, capped at want 8");
    check(zsc_batch_size(10, 2, 8) == 3, "10 left, 2 ranks: ceil(10 / 4) = 3");
    check(zsc_batch_size(1, 3, 8) == 1, "the last position alone");
    check(zsc_batch_size(5, 1, 8) == 3, "one rank: ceil(5 / 2) = 3");
    check(zsc_batch_size(0, 3, 8) == 0, "nothing left: an empty batch (the end)");
    check(zsc_batch_size(7, 3, 0) == 0, "a rank that wants nothing gets nothing");
    /* Handing out 37 positions to 3 ranks in turn: every batch 1..4, all 37 handed once. */
    size_t left = 37, handed = 0, batches = 0;
    int bad = 0;
    while (left) {
        size_t k = zsc_batch_size(left, 3, 4);
        if (k < 1 || k > 4)
            bad = 1;
        left -= k;
        handed += k;
        batches++;
    }
    check(!bad && handed == 37, "37 positions handed out in batches of 1 to 4");
    check(batches >= 10, "at least ceil(37 / 4) = 10 batches");
}

static void slices(void)
{
    zsc_slice s;
    char err[160];
    check(zsc_slice_parse("0/3", &s, err, sizeof err) == 0 && s.k == 0 && s.n == 3, "0/3");
    check(zsc_slice_parse("2/3", &s, err, sizeof err) == 0 && s.k == 2 && s.n == 3, "2/3");
    check(zsc_slice_parse("0/1", &s, err, sizeof err) == 0, "0/1 is the whole job");
    const char *bad[] = {"3/3", "-1/3", "1/0", "a/3", "1/3x", "", "1", "/3", "1/", "1//3", "99999999999/3"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = '\0';
        int rc = zsc_slice_parse(bad[i], &s, err, sizeof err);
        char what[64];
        snprintf(what, sizeof what, "'%s' refused with a message", bad[i]);
        check(rc < 0 && strstr(err, "--shard") != NULL, what);
    }
    /* 3 slices cover 0..99 exactly once; slice 1 holds 1, 4, 7, ... (33 positions). */
    int count[100] = {0}, in_one = 0;
    for (long k = 0; k < 3; k++) {
        zsc_slice t = {k, 3};
        for (size_t p = 0; p < 100; p++)
            count[p] += zsc_slice_has(&t, p);
    }
    zsc_slice one = {1, 3};
    for (size_t p = 0; p < 100; p++)
        in_one += zsc_slice_has(&one, p);
    int once = 1;
    for (int p = 0; p < 100; p++)
        once &= count[p] == 1;
    check(once, "every position in exactly one of 3 slices");
    check(in_one == 33 && zsc_slice_has(&one, 4) && !zsc_slice_has(&one, 5), "slice 1/3 of 100 positions");
    zsc_slice all = {0, 0};
    check(zsc_slice_has(&all, 12345), "no slice: every position");
}

static void names(void)
{
    char out[PATH_MAX];
    zsc_slice none = {0, 0}, s23 = {2, 3}, s02 = {0, 2};
    zsc_part_name("out/r.jsonl", 3, &none, out, sizeof out);
    check(!strcmp(out, "out/r.part-00003.jsonl"), "rank 3's part");
    zsc_part_name("r.jsonl", -1, &s23, out, sizeof out);
    check(!strcmp(out, "./r.shard-2-of-3.jsonl"), "slice 2/3 in the current folder");
    zsc_part_name("/a/b/res.ndjson", 1, &s02, out, sizeof out);
    check(!strcmp(out, "/a/b/res.shard-0-of-2.part-00001.ndjson"), "slice and rank, .ndjson kept");
    zsc_part_name("/r.txt", 0, &none, out, sizeof out);
    check(!strcmp(out, "/r.txt.part-00000.jsonl"), "a name without .jsonl, at the root");
    zsc_manifest_name("out/r.jsonl", out, sizeof out);
    check(!strcmp(out, "out/r.manifest.json"), "the manifest's name");
}

static void write_text(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        printf("FAIL cannot write %s\n", path);
        exit(1);
    }
}

static void listing(void)
{
    char dir[] = "/tmp/zsc-units-XXXXXX";
    if (!mkdtemp(dir)) {
        printf("FAIL mkdtemp\n");
        exit(1);
    }
    const char *files[] = {"r.jsonl", "r.part-00001.jsonl", "r.shard-1-of-3.jsonl", "r.part-00000.jsonl",
                           "r.manifest.json", "rx.part-00001.jsonl", "r.part-00002.jsonl.tmp", "other.jsonl"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        write_text(dir, files[i], "{\"id\": \"a\"}\n\n{\"id\": \"b\"}\n{\"id\": \"c\"");
    char base[PATH_MAX];
    snprintf(base, sizeof base, "%s/r.jsonl", dir);
    size_t n;
    char **list = zsc_parts_list(base, &n);
    const char *want[] = {"r.jsonl", "r.part-00000.jsonl", "r.part-00001.jsonl", "r.shard-1-of-3.jsonl"};
    int same = n == 4;
    for (size_t i = 0; same && i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, want[i]);
        same = !strcmp(list[i], path);
    }
    check(same, "the job's files: base and parts, sorted; not the manifest, a temporary, another job");
    check(zsc_count_lines(list[0]) == 2, "2 whole lines (a blank line and a torn last line not counted)");
    char missing[PATH_MAX];
    snprintf(missing, sizeof missing, "%s/none.jsonl", dir);
    check(zsc_count_lines(missing) == -1, "a missing file cannot be counted");
    zsc_parts_free(list, n);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* The manifest with the rows given (synth: parquet shards): totals and "complete" by hand. */
static void manifest_rows(void)
{
    char dir[] = "/tmp/zsc-units-XXXXXX";
    if (!mkdtemp(dir)) {
        check(0, "mkdtemp");
        return;
    }
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/synth.manifest.json", dir);
    char *files[] = {"/x/part-00000-00000.parquet", "/x/part-00002-00001.parquet"};
    long rows[] = {5, 3};
    for (long wanted = 8; wanted <= 9; wanted++) {
        check(zsc_manifest_write_rows(path, "synth", 12, wanted, files, rows, 2) == 0, "manifest written");
        json_t *m = json_load_file(path, 0, NULL);
        json_t *outs = json_object_get(m, "outputs");
        check(m && json_integer_value(json_object_get(m, "rows")) == 8, "rows 5 + 3");
        check(json_integer_value(json_object_get(m, "programs")) == 12, "programs as given");
        check(json_is_true(json_object_get(m, "complete")) == (wanted == 8), "complete when rows == wanted");
        check(json_array_size(outs) == 2 &&
                  !strcmp(json_string_value(json_object_get(json_array_get(outs, 1), "file")),
                          "part-00002-00001.parquet") &&
                  json_integer_value(json_object_get(json_array_get(outs, 1), "rows")) == 3,
              "each output by file name with its rows");
        json_decref(m);
    }
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    batch_sizes();
    slices();
    names();
    listing();
    manifest_rows();
    if (failures)
        return 1;
    printf("ok\n");
    return 0;
}
