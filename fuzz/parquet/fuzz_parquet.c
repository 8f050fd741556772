/* fuzz_parquet.c: libFuzzer target for the parquet reader of src/data: every input is taken as a
 * whole file (through a memfd) and opened, described, decoded chunk by chunk and read as shard
 * rows; it must be accepted or rejected with a message, never crash, hang or over-allocate. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "parquet.h"
#include "shard.h"

static int memfd = -1;
static char path[64];
static FILE *devnull;

static void read_all(void)
{
    char err[512];
    pq_file *f = pq_open(path, err, sizeof err);
    if (!f)
        return;
    pq_describe_json(f, devnull, err, sizeof err);
    for (int g = 0; g < pq_num_row_groups(f) && g < 4; g++)
        for (int c = 0; c < pq_num_columns(f) && c < 32; c++) {
            pq_chunk ch;
            pq_row_index ix;
            if (pq_read_chunk(f, g, c, &ch, err, sizeof err) < 0)
                continue;
            if (pq_index_rows(pq_column_at(f, c), &ch, pq_row_group_rows(f, g), &ix) == 0)
                pq_row_index_free(&ix);
            pq_chunk_free(&ch);
        }
    pq_close(f);
    zd_reader *r = zd_open(path, ZD_COL_ALL | ZD_COL_DESCRIPTION, err, sizeof err);
    zd_row row;
    for (int n = 0; r && n < 100000 && zd_next(r, &row, err, sizeof err) == 1; n++)
        ;
    zd_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memfd < 0) {
        memfd = memfd_create("fuzz.parquet", 0);
        snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);
        devnull = fopen("/dev/null", "w");
    }
    if (ftruncate(memfd, 0) < 0 || pwrite(memfd, data, size, 0) != (ssize_t)size)
        return 0;
    read_all();
    return 0;
}
