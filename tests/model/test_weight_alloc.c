/* test_weight_alloc.c: quantized weight matrices on transparent huge pages (weight_alloc.c), read
 * back from the kernel's own account of the process's memory (/proc/self/smaps: a mapping's VmFlags
 * carry "hg" once it is advised MADV_HUGEPAGE): a matrix of 2 MB or more starts on a 2 MB boundary
 * and its whole 2 MB pages are advised, the tail past them is not; smaller matrices and ZC_THP=0 are
 * never advised; q8/q4 matrices in rows and in panels take their codes from it. Which pages the
 * kernel then backs with huge pages is its choice (memory fragmentation), so that is not asserted. */
#include "check.h"
#include "kernels.h"
#include "quant.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MB ((size_t)1 << 20)

/* Does this kernel have transparent huge pages (else madvise refuses the advice)? */
static int thp_kernel(void)
{
    return access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) == 0;
}

/* 1 when the mapping holding addr is advised for huge pages, 0 when not, -1 when no mapping holds it. */
static int advised(const void *addr)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    int inside = 0, found = -1;
    uintptr_t a = (uintptr_t)addr;
    while (found < 0 && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) /* a mapping's first line; the others are "Key: ..." */
            inside = a >= lo && a < hi;
        else if (inside && !strncmp(line, "VmFlags:", 8))
            found = strstr(line, " hg") != NULL;
    }
    fclose(f);
    return found;
}

static void test_large(void)
{
    size_t bytes = 6 * MB + 4160;
    uint8_t *p = zc_weights_alloc(bytes);
    CHECK(p != NULL);
    if (!p)
        return;
    memset(p, 1, bytes);
    CHECKF((uintptr_t)p % (2 * MB) == 0, "%p", (void *)p);
    int want = thp_kernel();
    CHECKF(advised(p) == want, "start: %d", advised(p));
    CHECKF(advised(p + 6 * MB - 1) == want, "last whole 2 MB page: %d", advised(p + 6 * MB - 1));
    CHECKF(advised(p + 6 * MB) == 0, "tail: %d", advised(p + 6 * MB));
    CHECKF(advised(p + bytes - 1) == 0, "last byte: %d", advised(p + bytes - 1));
    free(p);
}

static void test_small(void)
{
    size_t bytes = 2 * MB - 64;
    uint8_t *p = zc_weights_alloc(bytes);
    CHECK(p != NULL && (uintptr_t)p % 64 == 0);
    if (p) {
        memset(p, 1, bytes);
        CHECKF(advised(p) == 0, "%d", advised(p));
    }
    free(p);
}

static void test_off(void)
{
    setenv("ZC_THP", "0", 1);
    size_t bytes = 8 * MB;
    uint8_t *p = zc_weights_alloc(bytes);
    CHECK(p != NULL && (uintptr_t)p % 64 == 0);
    if (p) {
        memset(p, 1, bytes);
        CHECKF(advised(p) == 0 && advised(p + 4 * MB) == 0, "%d %d", advised(p), advised(p + 4 * MB));
    }
    free(p);
    unsetenv("ZC_THP");
}

/* A rows x cols matrix quantized to kind (rows or panels) has its codes on advised pages. */
static void test_matrix(zc_wkind kind, int rows, int cols)
{
    float *f = malloc((size_t)rows * (size_t)cols * sizeof(float));
    CHECK(f != NULL);
    if (!f)
        return;
    for (size_t i = 0; i < (size_t)rows * (size_t)cols; i++)
        f[i] = (float)((int)(i % 97) - 48) / 48.0f;
    zc_mat src = {.rows = rows, .cols = cols, .kind = ZC_W_F32, .data = f}, q;
    int rc = kind == ZC_W_Q8 ? zc_mat_quantize_q8(&src, &q)
           : kind == ZC_W_Q4 ? zc_mat_quantize_q4(&src, &q)
                             : zc_mat_quantize_panels(&src, kind, &q);
    CHECKF(rc == 0, "kind %d", (int)kind);
    if (!rc) {
        CHECKF(zc_mat_bytes(&q) >= 2 * MB, "kind %d: %zu bytes", (int)kind, zc_mat_bytes(&q));
        CHECKF((uintptr_t)q.data % (2 * MB) == 0, "kind %d: %p", (int)kind, q.data);
        CHECKF(advised(q.data) == thp_kernel(), "kind %d: %d", (int)kind, advised(q.data));
        zc_mat_free(&q);
    }
    free(f);
}

int main(void)
{
    zc_kernels_init();
    if (!thp_kernel())
        printf("this kernel has no transparent huge pages: checking that nothing is advised\n");
    test_large();
    test_small();
    test_off();
    test_matrix(ZC_W_Q8, 1024, 2048);
    test_matrix(ZC_W_Q4, 2048, 2048);
    test_matrix(ZC_W_Q8P, 1024, 2048);
    test_matrix(ZC_W_Q4P, 2048, 2048);
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    else
        printf("weight allocation tests passed\n");
    return failures != 0;
}
