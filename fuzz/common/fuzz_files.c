/* fuzz_files.c: the temporary folder and file of one fuzz input (fuzz_files.h). */
#define _GNU_SOURCE
#include "fuzz_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int zf_make_dir(char *dir, size_t len, const char *name)
{
    const char *tmp = getenv("TMPDIR");
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : tmp && *tmp ? tmp : "/tmp";
    snprintf(dir, len, "%s/zc-fuzz-%s-XXXXXX", base, name);
    return mkdtemp(dir) ? 0 : -1;
}

int zf_write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, size, f);
    return fclose(f) == 0 && n == size ? 0 : -1;
}
