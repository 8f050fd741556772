/* check.h: the C tests' assertions. CHECK(cond) reports the file, line and condition on stderr and
 * counts the failure; CHECKF(cond, fmt, ...) adds a printf-style note (the values that were wrong).
 * A test's main returns failures != 0. One header, included by each test file (tests/CMakeLists.txt
 * puts tests/common on the include path). */
#ifndef ZC_TESTS_CHECK_H
#define ZC_TESTS_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int failures;

/* Reports one failed check (fmt may be NULL: no note) and counts it. */
static inline void check_failed(const char *file, int line, const char *cond, const char *fmt, ...)
{
    fprintf(stderr, "%s:%d: check failed: %s", file, line, cond);
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        fputs(": ", stderr);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fputc('\n', stderr);
    failures++;
}

#define CHECK(cond)                                               \
    do {                                                          \
        if (!(cond))                                              \
            check_failed(__FILE__, __LINE__, #cond, NULL);        \
    } while (0)

#define CHECKF(cond, ...)                                         \
    do {                                                          \
        if (!(cond))                                              \
            check_failed(__FILE__, __LINE__, #cond, __VA_ARGS__); \
    } while (0)

#endif
