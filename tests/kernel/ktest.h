/* ktest.h: tiny assertion helpers shared by the kernel's C test programs. */
#ifndef ZC_KTEST_H
#define ZC_KTEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel.h"

static int kt_failures = 0;

#define KT_CHECK(cond)                                                                   \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: check failed: %s [%s: %s]\n", __FILE__, __LINE__,    \
                    #cond, zk_error_type(), zk_error_message());                          \
            kt_failures++;                                                               \
        }                                                                                \
    } while (0)

/* |got - want| <= tol * max(1, |want|) */
#define KT_NEAR(got, want, tol)                                                          \
    do {                                                                                 \
        double g_ = (got), w_ = (want);                                                  \
        double s_ = fabs(w_) > 1 ? fabs(w_) : 1;                                         \
        if (!(fabs(g_ - w_) <= (tol) * s_)) {                                            \
            fprintf(stderr, "%s:%d: %s = %.12g, expected %.12g (tol %g) [%s]\n",         \
                    __FILE__, __LINE__, #got, g_, w_, (double)(tol), zk_error_message()); \
            kt_failures++;                                                               \
        }                                                                                \
    } while (0)

#define KT_VEC_NEAR(v, X, Y, Z, tol)  \
    do {                              \
        zk_vec vv_ = (v);             \
        KT_NEAR(vv_.x, X, tol);       \
        KT_NEAR(vv_.y, Y, tol);       \
        KT_NEAR(vv_.z, Z, tol);       \
    } while (0)

#define KT_DONE()                                                          \
    do {                                                                   \
        if (kt_failures) fprintf(stderr, "%d check(s) failed\n", kt_failures); \
        else printf("ok\n");                                               \
        return kt_failures ? 1 : 0;                                        \
    } while (0)

static inline zk_vec kt_v(double x, double y, double z) {
    zk_vec v = {x, y, z};
    return v;
}

/* Frame at p with main direction d (default X direction). */
static inline zk_ax2 kt_frame(zk_vec p, zk_vec d) {
    zk_ax2 f = {p, d, {0, 0, 0}};
    return f;
}

static inline size_t kt_count(const zk_shape *s, zk_type t) {
    zk_shape **l = NULL;
    size_t n = 0;
    if (zk_explore(s, t, &l, &n) != 0) return (size_t)-1;
    zk_free_list(l, n);
    return n;
}

#endif
