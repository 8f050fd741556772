/* status.c: the names of the statuses a record can carry, and the clock the executor uses. */
#include <time.h>

#include "exec_internal.h"

const char *zx_status_name(zx_status s)
{
    static const char *const names[ZX_NSTATUS] = {"ok", "error", "timeout", "memory", "crashed", "denied"};
    return s >= 0 && s < ZX_NSTATUS ? names[s] : "error";
}

double zx_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
