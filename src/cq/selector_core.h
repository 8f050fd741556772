/* selector_core.h: CadQuery selectors as a small C program (no Python): the node tree that
 * the string grammar parses into and that the selector classes build, its parser and its
 * evaluation over a list of kernel shapes. Private to src/cq/selectors*.c (and the C unit
 * test in tests/cq_selectors/). */
#ifndef ZC_SELECTOR_CORE_H
#define ZC_SELECTOR_CORE_H

#include <stddef.h>

#include "kernel.h"

typedef enum {
    ZS_ALL = 0,      /* Selector(): everything, unchanged */
    ZS_AND,          /* AndSelector(left, right) */
    ZS_OR,           /* SumSelector */
    ZS_EXC,          /* SubtractSelector */
    ZS_NOT,          /* InverseSelector(left) */
    ZS_DIRECTION,    /* DirectionSelector: angle(dir, v) < tol; "+D", "-D", bare "D" */
    ZS_PARALLEL,     /* ParallelDirSelector: |dir x v| < tol; "|D" */
    ZS_PERPENDICULAR,/* PerpendicularDirSelector: |angle - pi/2| < tol; "#D" */
    ZS_BASEDIR,      /* BaseDirSelector: every planar face / linear edge */
    ZS_TYPE,         /* TypeSelector: geomType() == type; "%TYPE" */
    ZS_CENTER_NTH,   /* CenterNthSelector (and DirectionMinMaxSelector with n = -1) */
    ZS_DIRECTION_NTH,/* DirectionNthSelector: parallel filter, then CenterNth */
    ZS_RADIUS_NTH,   /* RadiusNthSelector */
    ZS_LENGTH_NTH,   /* LengthNthSelector */
    ZS_AREA_NTH,     /* AreaNthSelector */
    ZS_NEAREST,      /* NearestToPointSelector */
    ZS_BOX           /* BoxSelector */
} zs_kind;

typedef struct zs_node {
    zs_kind kind;
    zk_vec dir;              /* direction (not normalized, as CadQuery) or point */
    zk_vec p1;               /* BoxSelector's second corner */
    long n;                  /* Nth index (Python indexing: negative from the end) */
    int dir_max;             /* 1: ascending clusters (">"), 0: reversed ("<") */
    int use_bbox;            /* BoxSelector(boundingbox=True) */
    double tol;              /* 1e-4 by default */
    char type[16];           /* TypeSelector, upper case */
    struct zs_node *left, *right;
} zs_node;

/* Error kinds raised to Python as ValueError / IndexError. */
typedef enum { ZS_OK = 0, ZS_ERR_VALUE, ZS_ERR_INDEX, ZS_ERR_MEMORY } zs_err_kind;
typedef struct {
    zs_err_kind kind;
    char msg[512];
} zs_error;

zs_node *zs_node_new(zs_kind kind);
void zs_node_free(zs_node *n);

/* Parses a selector string (CadQuery's grammar). NULL with err filled (ZS_ERR_VALUE:
 * message names the string and the 0-based position) on a syntax error. */
zs_node *zs_parse(const char *text, zs_error *err);

/* Evaluates `node` over shapes[0..n-1]. On success *out is a malloc'd array of indices into
 * shapes (the selection, in result order), *nout its length, return 0. On failure -1 and err. */
int zs_eval(const zs_node *node, zk_shape *const *shapes, size_t n, size_t **out, size_t *nout,
            zs_error *err);

/* Building blocks, also used by the Python classes when a user subclass overrides test()/key():
 * the vector a direction selector tests (planar face normal / linear edge tangent; 0 when the
 * shape has none), the direction test of a ZS_DIRECTION/PARALLEL/PERPENDICULAR/BASEDIR node,
 * the key of an Nth node (1, or 0 when CadQuery's key() raises ValueError), and the cluster
 * pick of an Nth node over n keys (valid[i] 0: dropped). */
int zs_test_vector(zk_shape *s, zk_vec *out);
int zs_dir_test(const zs_node *node, zk_vec v);
int zs_key(const zs_node *node, zk_shape *s, double *key);
int zs_cluster_pick(const zs_node *node, const double *keys, const unsigned char *valid, size_t n,
                    size_t **out, size_t *nout, zs_error *err);

/* OCCT's gp_Vec::Angle (acos/asin blend, accurate near 0 and pi). */
double zs_angle(zk_vec a, zk_vec b);

#endif
