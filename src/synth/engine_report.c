/* engine_report.c: what the engine tells: the progress line (rate, accepted share, ETA), the
 * closing summary, synth-stats.json beside the shards, and the small name -> count tallies
 * behind them. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "engine_internal.h"

int zs_tally_add(zs_tally *t, const char *name, long by)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->names[i], name)) {
            t->counts[i] += by;
            return 0;
        }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **names = realloc(t->names, cap * sizeof *names);
        if (!names)
            return -1;
        t->names = names;
        long *counts = realloc(t->counts, cap * sizeof *counts);
        if (!counts)
            return -1;
        t->counts = counts;
        t->cap = cap;
    }
    t->names[t->n] = strdup(name);
    if (!t->names[t->n])
        return -1;
    t->counts[t->n++] = by;
    return 0;
}

long zs_tally_get(const zs_tally *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->names[i], name))
            return t->counts[i];
    return 0;
}

void zs_tally_free(zs_tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->names[i]);
    free(t->names);
    free(t->counts);
    memset(t, 0, sizeof *t);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void format_eta(double s, char *out, size_t len)
{
    if (s < 0 || s > 1e7)
        snprintf(out, len, "?");
    else if (s >= 3600)
        snprintf(out, len, "%dh%02dm", (int)(s / 3600), (int)(s / 60) % 60);
    else
        snprintf(out, len, "%dm%02ds", (int)(s / 60), (int)s % 60);
}

void zs_progress_draw(zs_run *r, int force)
{
    if (!r->opts->progress)
        return;
    int tty = isatty(2);
    double now = now_s();
    if (!force && now - r->last_draw < (tty ? 0.25 : 10.0))
        return;
    r->last_draw = now;
    double el = now - r->t0;
    long new_ok = r->accepted - r->accepted_at_start;
    double rate = el > 0 ? new_ok / el : 0;
    char eta[32];
    long left = r->opts->target > 0 ? r->opts->target - r->accepted : 0;
    format_eta(rate > 0 ? left / rate : -1, eta, sizeof eta);
    fprintf(stderr, "%s%s: %ld/%ld rows accepted, %ld programs (%.1f%% accepted), %.2f rows/s, ETA %s%s",
            tty ? "\r" : "", r->opts->label, r->accepted, r->opts->target > 0 ? r->opts->target : r->accepted,
            r->programs, r->programs ? 100.0 * r->accepted / r->programs : 0.0, rate, eta, tty ? "\033[K" : "\n");
    r->progress_drawn = tty;
}

void zs_print_summary(const zs_run *r, int interrupted)
{
    double el = now_s() - r->t0;
    fprintf(stderr, "%s: %s%ld rows in %s (%ld new in %.1f s); %ld programs, acceptance %.1f%%\n", r->opts->label,
            interrupted ? "interrupted: " : "", r->accepted, r->opts->out_dir, r->accepted - r->accepted_at_start,
            el, r->programs, r->programs ? 100.0 * r->accepted / r->programs : 0.0);
    for (size_t i = 0; i < r->reasons.n; i++)
        fprintf(stderr, "  rejected, %s: %ld\n", r->reasons.names[i], r->reasons.counts[i]);
}

int zs_write_stats(const zs_run *r, int interrupted)
{
    json_t *reasons = json_object(), *families = json_object();
    for (size_t i = 0; i < r->reasons.n; i++)
        json_object_set_new(reasons, r->reasons.names[i], json_integer(r->reasons.counts[i]));
    for (size_t i = 0; i < r->families.n; i++)
        json_object_set_new(families, r->families.names[i],
                            json_pack("{s:I, s:I}", "programs", (json_int_t)r->families.counts[i], "accepted",
                                      (json_int_t)zs_tally_get(&r->families_ok, r->families.names[i])));
    json_t *stats = json_pack("{s:I, s:I, s:I, s:f, s:b, s:o, s:o}", "target", (json_int_t)r->opts->target,
                              "accepted", (json_int_t)r->accepted, "programs", (json_int_t)r->programs,
                              "acceptance", r->programs ? (double)r->accepted / r->programs : 0.0, "complete",
                              !interrupted && (r->opts->target <= 0 || r->accepted >= r->opts->target),
                              "rejected", reasons, "families", families);
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/synth-stats.json", r->opts->out_dir);
    snprintf(tmp, sizeof tmp, "%s.tmp-%d", path, (int)getpid());
    int rc = stats && json_dump_file(stats, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? 0 : -1;
    json_decref(stats);
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc < 0) {
        unlink(tmp);
        fprintf(stderr, "%s: cannot write %s\n", r->opts->label, path);
    }
    return rc;
}
