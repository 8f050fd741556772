/* curate_check.h: the C curation tests' one assertion: CHECK(cond) reports file, line and the
 * condition on stderr and counts the failure; main returns failures != 0. */
#ifndef ZC_CURATE_CHECK_H
#define ZC_CURATE_CHECK_H

#include <stdio.h>

static int failures;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);     \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

#endif
