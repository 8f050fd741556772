/* workplane.c: placeholder until its owner lands the real implementation. */
#include "cq_internal.h"

PyMethodDef cq_wp_core_methods[] = {
    {NULL, NULL, 0, NULL}
};

int cq_workplane_init(PyObject *module)
{
    (void)module;
    return 0;
}
