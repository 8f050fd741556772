/* lineappend.h: appending whole lines to a file durably or not at all, for every JSONL file
 * the project appends to (the executor's results, and synthesis state, shards and eval
 * records). A public header of its own: include it and link zc_exec; it needs nothing else
 * of the executor. */
#ifndef ZC_LINEAPPEND_H
#define ZC_LINEAPPEND_H

#include <stddef.h>
#include <sys/types.h>

/* Appends `len` bytes (one or more whole lines, ending in '\n') to `fd`, which its caller
 * opened with O_APPEND and is the only one writing to. On a failed or short write (ENOSPC,
 * EDQUOT, EFBIG, EIO) the file is cut back to its length before the call, so it still ends
 * with a whole line. Returns 0, or -1 with errno set to the cause of the failed write. */
int zc_append_line(int fd, const char *buf, size_t len);

/* Cuts a torn last line (bytes after the last '\n', left by a crash or power loss) off the
 * file open for writing on `fd`. Returns the new length, or -1 with errno set. */
off_t zc_cut_torn_tail(int fd);

#endif
