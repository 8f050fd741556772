/* importers.c: placeholder until its owner lands the real implementation. */
#include "cq_internal.h"

int cq_importers_init(PyObject *module)
{
    (void)module;
    return 0;
}
