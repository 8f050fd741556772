/* progress.c: the progress line of a render batch on stderr (redrawn at most four times a
 * second, only when stderr is a terminal) and the summary at the end. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "renderbatch_internal.h"

double zrb_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void zrb_progress_start(zrb_progress *p, size_t total, size_t skipped, int quiet, const char *label)
{
    memset(p, 0, sizeof *p);
    p->total = total;
    p->skipped = skipped;
    p->quiet = quiet;
    p->label = label;
    p->t0 = zrb_now();
    p->tty = isatty(STDERR_FILENO);
}

static void draw(zrb_progress *p, double now)
{
    double elapsed = now - p->t0;
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0.0;
    fprintf(stderr, "\r\033[Krender: %zu", p->done);
    if (p->total)
        fprintf(stderr, "/%zu", p->total);
    fprintf(stderr, " items  %.1f/s  errors %zu", rate, p->errors);
    fflush(stderr);
    p->drawn = 1;
    p->last_print = now;
}

void zrb_progress_add(zrb_progress *p, int ok)
{
    p->done++;
    if (!ok)
        p->errors++;
    double now = zrb_now();
    if (!p->quiet && p->tty && now - p->last_print >= 0.25)
        draw(p, now);
}

void zrb_progress_summary(zrb_progress *p)
{
    if (p->drawn)
        fprintf(stderr, "\r\033[K");
    if (p->quiet)
        return;
    double elapsed = zrb_now() - p->t0;
    fprintf(stderr, "zerocad render%s%s: %zu items in %.2f s (%.1f items/s): ok %zu, error %zu", p->label ? " " : "",
            p->label ? p->label : "", p->done, elapsed, elapsed > 0 ? (double)p->done / elapsed : 0.0,
            p->done - p->errors, p->errors);
    if (p->skipped)
        fprintf(stderr, "; %zu already recorded, skipped", p->skipped);
    fprintf(stderr, "\n");
}
