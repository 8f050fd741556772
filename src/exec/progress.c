/* progress.c: the progress line on stderr (only when stderr is a terminal) and the summary
 * printed at the end of every run. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec_internal.h"

void zx_progress_start(zx_progress *p, size_t total, size_t skipped)
{
    memset(p, 0, sizeof *p);
    p->total = total;
    p->skipped = skipped;
    p->t0 = zx_now();
    p->tty = isatty(STDERR_FILENO);
}

void zx_progress_add(zx_progress *p, zx_status s)
{
    p->done++;
    p->counts[s]++;
}

static void format_counts(const zx_progress *p, char *out, size_t outlen)
{
    size_t o = 0;
    out[0] = '\0';
    for (int s = 0; s < ZX_NSTATUS && o < outlen; s++) {
        if (!p->counts[s] && s != ZX_OK)
            continue;
        int n = snprintf(out + o, outlen - o, "%s%s %zu", o ? ", " : "", zx_status_name((zx_status)s), p->counts[s]);
        if (n < 0)
            break;
        o += (size_t)n;
    }
}

void zx_progress_tick(zx_progress *p, int force)
{
    double now = zx_now();
    if (!p->tty || (!force && now - p->last_print < 0.25))
        return;
    p->last_print = now;
    double elapsed = now - p->t0;
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0.0;
    char counts[256], eta[32] = "?";
    format_counts(p, counts, sizeof counts);
    if (rate > 0 && p->total >= p->done)
        snprintf(eta, sizeof eta, "%.0fs", (double)(p->total - p->done) / rate);
    fprintf(stderr, "\r\033[Kexec: %zu/%zu  %.1f/s  ETA %s  %s", p->done, p->total, rate, eta, counts);
    fflush(stderr);
    p->drawn = 1;
}

void zx_progress_summary(zx_progress *p, int interrupted)
{
    if (p->drawn)
        fprintf(stderr, "\r\033[K");
    double elapsed = zx_now() - p->t0;
    char counts[256];
    format_counts(p, counts, sizeof counts);
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0.0;
    double success = p->done ? 100.0 * (double)p->counts[ZX_OK] / (double)p->done : 0.0;
    fprintf(stderr, "zerocad exec: %s%zu of %zu programs in %.2f s (%.1f programs/s): %s; success %.1f%%",
            interrupted ? "interrupted after " : "", p->done, p->total, elapsed, rate, counts, success);
    if (p->skipped)
        fprintf(stderr, "; %zu already recorded, skipped", p->skipped);
    fprintf(stderr, "\n");
}
