/* workplane_bool.c: placeholder until its owner lands the real implementation. */
#include "cq_internal.h"

PyMethodDef cq_wp_bool_methods[] = {
    {NULL, NULL, 0, NULL}
};
