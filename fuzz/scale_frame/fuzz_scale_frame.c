/* fuzz_scale_frame.c: libFuzzer entry point for zsc_frame_recv (any bytes on the socket: whole
 * frames are read until the end or an error, never past the data, never a crash or a huge
 * allocation) and zsc_slice_parse (any text: accepted only as K/N with 0 <= K < N). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scale_internal.h"

static void frames(const uint8_t *data, size_t size)
{
    int fd = memfd_create("frames", 0);
    if (fd < 0)
        return;
    if (write(fd, data, size) == (ssize_t)size && lseek(fd, 0, SEEK_SET) == 0) {
        zsc_frame f;
        size_t words = 0;
        while (zsc_frame_recv(fd, &f) == 1) {
            words += f.n;
            free(f.words);
        }
        if (words * 8 > size)
            abort();   /* more words than bytes given */
    }
    close(fd);
}

static void slice(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return;
    memcpy(text, data, size);
    text[size] = '\0';
    zsc_slice s;
    char err[160];
    if (zsc_slice_parse(text, &s, err, sizeof err) == 0 && !(s.n >= 1 && s.k >= 0 && s.k < s.n))
        abort();
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    frames(data, size);
    slice(data, size);
    return 0;
}
