/* module.c: PyInit_cadquery, the entry point of the `cadquery` module. */
#include "cq_internal.h"
#include "cq.h"

static struct PyModuleDef cadquery_def = {
    PyModuleDef_HEAD_INIT, "cadquery", "CadQuery-compatible CAD over OpenCascade, in C (zerocad).",
    -1, NULL, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit_cadquery(void)
{
    zk_init();
    PyObject *m = PyModule_Create(&cadquery_def);
    if (!m)
        return NULL;
    if (cq_errors_init(m) < 0 || cq_geom_init(m) < 0 || cq_shapes_init(m) < 0 ||
        cq_selectors_init(m) < 0 || cq_sketch_init(m) < 0 || cq_workplane_init(m) < 0 ||
        cq_exporters_init(m) < 0 || cq_importers_init(m) < 0 || cq_assembly_init(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
