/* pq_vbuf.c: the writer's per-column value buffer: anonymous memory grown with mremap, so growing
 * never copies and never leaves the old copy resident (the writer's peak memory stays close to
 * one row group). */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>

#include "pq_writer_internal.h"

int pq_vbuf_append(pq_vbuf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : (1u << 20);
        while (cap < b->len + n)
            cap *= 2;
        void *m = b->cap ? mremap(b->buf, b->cap, cap, MREMAP_MAYMOVE)
                         : mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED)
            return -1;
        b->buf = m;
        b->cap = cap;
    }
    if (n)
        memcpy(b->buf + b->len, p, n);
    b->len += n;
    return 0;
}

void pq_vbuf_free(pq_vbuf *b)
{
    if (b->cap)
        munmap(b->buf, b->cap);
    memset(b, 0, sizeof *b);
}
