/* scratch.c: per-program scratch directories: a file-system-safe name for an id, and
 * removal of a directory tree without following symlinks. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec_internal.h"

static int safe_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

/* Ids made only of safe characters (and not starting with a dot) are used as they are; any
 * other id is mapped and suffixed with a hash of the original, so two ids never share a
 * directory. */
void zx_safe_name(const char *id, char *out, size_t outlen)
{
    size_t n = strlen(id), i, o = 0;
    int changed = n == 0 || id[0] == '.' || n > 100;
    for (i = 0; i < n && o + 1 < outlen && o < 100; i++) {
        char c = safe_char(id[i]) ? id[i] : '_';
        changed |= c != id[i];
        out[o++] = c;
    }
    out[o] = '\0';
    if (!changed)
        return;
    uint32_t h = 2166136261u;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)id[i];
        h *= 16777619u;
    }
    char tail[16];
    snprintf(tail, sizeof tail, "-%08x", h);
    if (o + strlen(tail) + 2 > outlen)
        o = outlen > strlen(tail) + 2 ? outlen - strlen(tail) - 2 : 0;
    snprintf(out + o, outlen - o, "%s%s", o ? "" : "_", tail);
    if (out[0] == '.')
        out[0] = '_';
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

int zx_remove_tree(const char *path)
{
    if (access(path, F_OK) != 0)
        return 0;
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
