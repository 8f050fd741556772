/* weight_alloc.c: memory for weight matrices (quantized, or bf16/f32 read from the checkpoint, which
 * the loader no longer uses in place in its mapping). A matrix of 2 MB or more starts on a 2 MB
 * boundary and its whole 2 MB pages are advised for transparent huge pages (MADV_HUGEPAGE; Debian's
 * kernels default to THP "madvise"), the tail past the last whole page is not, so a matrix takes no
 * more memory than with 4 KB pages. Decoding streams every matrix once per token: with 4 KB pages
 * one core of a Zen 4 read 19 GB/s in a plain read loop, with huge pages 28-30, and one-thread
 * decode gained 1-9% (docs/model.md). ZC_THP=0 leaves every matrix on 4 KB pages, to compare. */
#include "quant.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

static int thp_wanted(void)
{
    const char *e = getenv("ZC_THP");
    return !(e && !strcmp(e, "0"));
}

void *zc_weights_alloc(size_t bytes)
{
    size_t align = bytes >= HUGE_PAGE && thp_wanted() ? HUGE_PAGE : 64;
    void *p = NULL;
    if (posix_memalign(&p, align, bytes ? bytes : 1))
        return NULL;
    /* advice only: a kernel without THP refuses it (EINVAL) and the pages stay 4 KB */
    if (align == HUGE_PAGE)
        (void)madvise(p, bytes / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
    return p;
}
