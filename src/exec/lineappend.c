/* lineappend.c: whole-line appends that leave a file ending in a whole line whatever happens
 * (see lineappend.h): a write that fails part way is undone with ftruncate, and a torn tail
 * left by a crash is cut off when the file is opened again. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lineappend.h"

int zc_append_line(int fd, const char *buf, size_t len)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int cause = n < 0 ? errno : ENOSPC;   /* write() returning 0 for a non-empty buffer: full */
            if (done > 0) {   /* undo the part written; if even that fails, zc_cut_torn_tail does later */
                int undone = ftruncate(fd, st.st_size);
                (void)undone;
            }
            errno = cause;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

off_t zc_cut_torn_tail(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    off_t end = st.st_size;
    char buf[4096];
    while (end > 0) {
        size_t chunk = end < (off_t)sizeof buf ? (size_t)end : sizeof buf;
        ssize_t n = pread(fd, buf, chunk, end - (off_t)chunk);
        if (n != (ssize_t)chunk)
            return -1;
        char *nl = memrchr(buf, '\n', chunk);
        if (nl) {
            end = end - (off_t)chunk + (nl - buf) + 1;
            break;
        }
        end -= (off_t)chunk;
    }
    if (end < st.st_size && ftruncate(fd, end) != 0)
        return -1;
    return end;
}
