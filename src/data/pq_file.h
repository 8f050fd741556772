/* pq_file.h: the pq_file structure shared by the reading files of zc_data (internal). */
#ifndef ZC_DATA_PQ_FILE_H
#define ZC_DATA_PQ_FILE_H

#include "pq_internal.h"

struct pq_file {
    char *path;
    int fd;
    uint64_t size, bytes_read;
    pq_meta meta;
    pq_column *cols;
    int *leaf_el;             /* schema element index of each leaf */
    int ncols, capcols;
};

/* "PATH: message" into err. */
void pq_err(char *err, size_t errlen, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* pread of exactly len bytes at off, counted in bytes_read. 0 or -1 (errno). */
int pq_pread_all(pq_file *f, void *buf, size_t len, uint64_t off);

#endif
