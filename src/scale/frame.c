/* frame.c: framed messages of 64-bit words over the socket between a rank's command process
 * and its MPI process (whole frames written and read, short reads and EINTR handled). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "scale_internal.h"

#define ZSC_FRAME_MAX ((uint64_t)1 << 26)   /* words (512 MiB): 64 million positions in one frame */

/* A peer gone is an error (EPIPE), not a SIGPIPE that kills the rank process: a command that
 * stops at once (bad input) closes its end before the rank process says hello. */
static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = send(fd, p, len, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* 1 read, 0 end of file before the first byte, -1 error or end of file midway. */
static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, p + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0) {
            errno = EPIPE;
            return got ? -1 : 0;
        }
        got += (size_t)r;
    }
    return 1;
}

int zsc_frame_send(int fd, uint32_t type, const uint64_t *words, size_t n)
{
    uint32_t head[2] = {type, 0};
    uint64_t count = n;
    if (write_all(fd, head, sizeof head) < 0 || write_all(fd, &count, sizeof count) < 0)
        return -1;
    return n ? write_all(fd, words, n * sizeof *words) : 0;
}

int zsc_frame_recv(int fd, zsc_frame *f)
{
    uint32_t head[2];
    uint64_t count;
    memset(f, 0, sizeof *f);
    int rc = read_all(fd, head, sizeof head);
    if (rc <= 0)
        return rc;
    if (read_all(fd, &count, sizeof count) != 1)
        return -1;
    if (count > ZSC_FRAME_MAX) {
        errno = EPROTO;
        return -1;
    }
    f->type = head[0];
    f->n = (size_t)count;
    if (!count)
        return 1;
    f->words = malloc(f->n * sizeof *f->words);
    if (!f->words)
        return -1;
    if (read_all(fd, f->words, f->n * sizeof *f->words) != 1) {
        free(f->words);
        f->words = NULL;
        return -1;
    }
    return 1;
}
