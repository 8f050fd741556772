/* test_exec_lineappend.c: zc_append_line and zc_cut_torn_tail (src/exec/lineappend.h). A
 * partial write is made to happen deterministically, without root, with RLIMIT_FSIZE: the
 * kernel writes up to the limit and then fails with EFBIG, as a full disk does with ENOSPC.
 * Expected contents are spelled out here, never read back from the code under test. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lineappend.h"

static int failures;

static void check(int cond, const char *what)
{
    if (!cond) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

static char path[256];

static int open_fresh(const char *content)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644);
    if (fd < 0 || write(fd, content, strlen(content)) != (ssize_t)strlen(content)) {
        printf("FAIL cannot prepare %s\n", path);
        exit(1);
    }
    return fd;
}

static int has_content(int fd, const char *want)
{
    char buf[16384];
    ssize_t n = pread(fd, buf, sizeof buf, 0);
    return n == (ssize_t)strlen(want) && memcmp(buf, want, (size_t)n) == 0;
}

static void test_appends(void)
{
    int fd = open_fresh("");
    check(zc_append_line(fd, "one\n", 4) == 0, "append one");
    check(zc_append_line(fd, "two\nthree\n", 10) == 0, "append two lines");
    check(has_content(fd, "one\ntwo\nthree\n"), "appended content");
    close(fd);
}

/* The file may grow to 20 bytes: a 12-byte line after 12 bytes is written in part, then
 * refused; the part must be gone and the cause reported. */
static void test_partial_write_undone(void)
{
    int fd = open_fresh("first line\n");   /* 11 bytes */
    struct rlimit old;
    getrlimit(RLIMIT_FSIZE, &old);
    struct rlimit rl = {20, old.rlim_max};   /* the soft limit only: it can be raised again */
    signal(SIGXFSZ, SIG_IGN);
    check(setrlimit(RLIMIT_FSIZE, &rl) == 0, "setrlimit");
    errno = 0;
    int rc = zc_append_line(fd, "second line\n", 12);
    int err = errno;
    struct rlimit back = {old.rlim_cur, old.rlim_max};
    setrlimit(RLIMIT_FSIZE, &back);
    check(rc == -1, "a line past the limit fails");
    check(err == EFBIG, "the cause is the write's (EFBIG)");
    check(has_content(fd, "first line\n"), "the file is as before the failed append");
    check(zc_append_line(fd, "third\n", 6) == 0, "appending goes on afterwards");
    check(has_content(fd, "first line\nthird\n"), "content after recovery");
    close(fd);
}

static void test_cut(const char *content, const char *want)
{
    int fd = open_fresh(content);
    off_t len = zc_cut_torn_tail(fd);
    char what[128];
    snprintf(what, sizeof what, "cut of a %zu-byte file to %zu", strlen(content), strlen(want));
    check(len == (off_t)strlen(want) && has_content(fd, want), what);
    close(fd);
}

int main(void)
{
    snprintf(path, sizeof path, "%s/zc-lineappend-%d.jsonl", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    test_appends();
    test_partial_write_undone();
    test_cut("a\nb\nc", "a\nb\n");
    test_cut("a\nb\n", "a\nb\n");
    test_cut("torn", "");
    test_cut("", "");
    /* the last newline several 4096-byte blocks before the end */
    static char big[12000], want[200];
    memset(big, 'x', sizeof big - 1);
    big[99] = '\n';
    memcpy(want, big, 100);
    want[100] = 0;
    test_cut(big, want);
    unlink(path);
    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("lineappend: all ok\n");
    return 0;
}
