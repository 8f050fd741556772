/* fuzz_files.h: what the libFuzzer targets that read files share: a private temporary folder per
 * input and writing the input there. fuzz/common has no CMakeLists.txt (not a target): each target
 * that needs it compiles fuzz_files.c in. */
#ifndef ZC_FUZZ_FILES_H
#define ZC_FUZZ_FILES_H

#include <stddef.h>
#include <stdint.h>

/* A new empty folder zc-fuzz-NAME-XXXXXX under /dev/shm (memory) when writable, else under TMPDIR
 * or /tmp; its path in dir. 0, or -1. */
int zf_make_dir(char *dir, size_t len, const char *name);
/* path gets exactly size bytes of data. 0, or -1. */
int zf_write_file(const char *path, const uint8_t *data, size_t size);

#endif
