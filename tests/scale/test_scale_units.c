/* test_scale_units.c: the coordinator's batch sizes (src/scale/queue.c) and --shard slices
 * (src/scale/slice.c). Expected values are worked out by hand in the comments. */
#include <stdio.h>
#include <string.h>

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

int main(void)
{
    batch_sizes();
    slices();
    if (failures)
        return 1;
    printf("ok\n");
    return 0;
}
