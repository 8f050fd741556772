/* workplane_feature.c: placeholder until its owner lands the real implementation. */
#include "cq_internal.h"

PyMethodDef cq_wp_feature_methods[] = {
    {NULL, NULL, 0, NULL}
};
