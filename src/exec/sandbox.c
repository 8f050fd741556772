/* sandbox.c: the resource limits of a worker and the list of places a program may read
 * (shared by the audit hook and Landlock). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "exec_internal.h"

#define FILE_SIZE_LIMIT (1024.0 * 1024.0 * 1024.0)   /* the largest file a program may write */

/* Read-only places: the system's libraries and Python's standard library, plus what the C
 * library and OCCT look up at run time. Entries ending in '/' are directories. */
static const char *const readable_places[] = {
    "/usr/", "/lib/", "/lib64/", "/etc/ld.so.cache", "/etc/localtime", "/etc/fonts/",
    "/dev/null", "/dev/zero", "/dev/urandom", "/sys/devices/system/cpu/", NULL,
};

const char *const *zx_sandbox_read_places(void)
{
    return readable_places;
}

static int under(const char *path, const char *place)
{
    size_t n = strlen(place);
    if (place[n - 1] == '/')   /* a directory: itself or anything below */
        return !strncmp(path, place, n) || (strlen(path) == n - 1 && !strncmp(path, place, n - 1));
    return !strcmp(path, place);
}

int zx_sandbox_readable(const char *path, const char *scratch)
{
    size_t n = strlen(scratch);
    if (!strncmp(path, scratch, n) && (path[n] == '\0' || path[n] == '/'))
        return 1;
    for (int i = 0; readable_places[i]; i++)
        if (under(path, readable_places[i]))
            return 1;
    return 0;
}

static int set_limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit old;
    if (getrlimit(resource, &old) == 0) {   /* never raise what the user already lowered */
        if (old.rlim_max != RLIM_INFINITY && hard > old.rlim_max)
            hard = old.rlim_max;
        if (soft > hard)
            soft = hard;
    }
    struct rlimit rl = {soft, hard};
    return setrlimit(resource, &rl);
}

static double current_address_space(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return (double)pages * (double)sysconf(_SC_PAGESIZE);
}

/* Every thread on the system, an upper bound of this user's count: the process limit then
 * leaves room for threads but none for a fork bomb (which seccomp stops first anyway). */
static rlim_t process_limit(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double a, b, c;
    unsigned long running = 0, total = 4096;
    if (f) {
        if (fscanf(f, "%lf %lf %lf %lu/%lu", &a, &b, &c, &running, &total) != 5)
            total = 4096;
        fclose(f);
    }
    return (rlim_t)total + 64;
}

int zx_sandbox_rlimits(double memory_mb, double timeout, double max_file_bytes)
{
    int rc = 0;
    if (memory_mb > 0) {
        rlim_t as = (rlim_t)(current_address_space() + memory_mb * 1024.0 * 1024.0);
        rc |= set_limit(RLIMIT_AS, as, as);
    }
    rlim_t cpu = (rlim_t)ceil(timeout * 2.0) + 1;
    rc |= set_limit(RLIMIT_CPU, cpu, cpu + 2);
    rc |= set_limit(RLIMIT_NPROC, process_limit(), process_limit());
    double fsize = max_file_bytes > 0 && max_file_bytes < FILE_SIZE_LIMIT ? max_file_bytes : FILE_SIZE_LIMIT;
    rc |= set_limit(RLIMIT_FSIZE, (rlim_t)fsize, (rlim_t)fsize);
    rc |= set_limit(RLIMIT_CORE, 0, 0);
    return rc ? -1 : 0;
}
