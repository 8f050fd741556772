/* package.c: makes `cadquery` a package laid out as CadQuery's: cadquery.occ_impl.{geom,shapes,
 * exporters(.dxf,.svg,.assembly),importers,assembly,sketch_solver}, cadquery.{cq,sketch,
 * selectors,assembly,func,cqgi,utils,hull}. All code stays in this one shared object: each
 * submodule is a module object registered in sys.modules (packages get an empty __path__, so the
 * import system resolves `import cadquery.x.y` from sys.modules and reports a missing name as
 * ModuleNotFoundError). A submodule holds the same objects as the top level (or as the module that
 * defines them: cadquery.func, cadquery.exporters, ...), looked up by name; names not (yet)
 * defined are simply absent. */
#include "cq_internal.h"

#define SHAPE_CLASSES "Shape", "Mixin1D", "Mixin3D", "Solid", "Compound", "CompSolid", "Shell", \
                      "Face", "Wire", "Edge", "Vertex", "sortWiresByBuildOrder"
#define GEOM_CLASSES "Vector", "Matrix", "Location", "Plane", "BoundBox"
#define SELECTOR_CLASSES "Selector", "NearestToPointSelector", "ParallelDirSelector", \
                         "DirectionSelector", "PerpendicularDirSelector", "TypeSelector", \
                         "DirectionMinMaxSelector", "StringSyntaxSelector"
/* CadQuery's free-function API (cadquery/func.py), defined by func*.c in cadquery.func */
#define FREE_FUNCTIONS "edgeOn", "wireOn", "wire", "face", "shell", "solid", "compound", "vertex", \
    "segment", "polyline", "polygon", "rect", "spline", "circle", "ellipse", "plane", "box", \
    "cylinder", "sphere", "torus", "cone", "text", "fuse", "cut", "intersect", "imprint", "split", \
    "fill", "clean", "cap", "fillet", "chamfer", "extrude", "revolve", "offset", "offset2D", \
    "sweep", "loft", "hollow", "check", "closest", "setThreads", "project", "faceOn", \
    "isSubshape", "prism", "chamfer2D", "fillet2D", "draft", "History", "HLRResult", "hlr", \
    "enclose"

typedef struct {
    const char *fullname;   /* "cadquery.occ_impl.shapes" */
    int package;            /* has submodules: gets __path__ = [] */
    const char *existing;   /* a module another file made, registered under fullname too */
    const char *const *names;
    PyMethodDef *functions; /* defined here, or NULL */
} submodule;

static const char *const GEOM_NAMES[] = {GEOM_CLASSES, NULL};
static const char *const SHAPES_NAMES[] = {SHAPE_CLASSES, GEOM_CLASSES, FREE_FUNCTIONS, NULL};
static const char *const FUNC_NAMES[] = {"Vector", "Plane", "Location", SHAPE_CLASSES, FREE_FUNCTIONS,
                                         NULL};
static const char *const CQ_NAMES[] = {"Workplane", "CQ", "CQContext", "Sketch", SHAPE_CLASSES,
                                       GEOM_CLASSES, SELECTOR_CLASSES, "selectors", "exporters",
                                       "importers", NULL};
static const char *const SKETCH_NAMES[] = {"Sketch", "Constraint", GEOM_CLASSES, SHAPE_CLASSES, NULL};
static const char *const ASSEMBLY_NAMES[] = {"Assembly", "Color", "Material", "Constraint",
                                             "Location", "Shape", "Workplane", "ExportModes", NULL};
static const char *const OCC_ASSEMBLY_NAMES[] = {"Color", "Material", "Location", "toCAF", "toJSON",
                                                 "toFusedCAF", "toVTK", "imprint", NULL};
static const char *const DXF_NAMES[] = {"DxfDocument", "exportDXF", "exportDXFProjection", NULL};
static const char *const SVG_NAMES[] = {"UNITS", NULL};
static const char *const EXP_ASSEMBLY_NAMES[] = {"ExportModes", "exportAssembly", "exportStepMeta",
                                                 "exportCAF", "exportVTKJS", "exportVRML",
                                                 "exportGLTF", NULL};
static const char *const SOLVER_NAMES[] = {"SketchConstraintSolver", "ConstraintKind", NULL};
static const char *const CQGI_NAMES[] = {"parse", "CQModel", "ShapeResult", "BuildResult",
                                         "ScriptMetadata", "InputParameter", "ScriptCallback",
                                         "InvalidParameterError", "NoOutputError",
                                         "ScriptExecutionError", "EnvironmentBuilder",
                                         "NumberParameterType", "StringParameterType",
                                         "BooleanParameterType", "TupleParameterType", NULL};
static const char *const UTILS_NAMES[] = {"multidispatch", "cqmultimethod", "instance_of", NULL};
static const char *const NONE[] = {NULL};

/* In creation order: a parent before its children. */
static const submodule SUBMODULES[] = {
    {"cadquery.occ_impl", 1, NULL, NONE, NULL},
    {"cadquery.occ_impl.geom", 0, NULL, GEOM_NAMES, NULL},
    {"cadquery.func", 0, "cadquery.func", FUNC_NAMES, NULL},
    {"cadquery.occ_impl.shapes", 0, NULL, SHAPES_NAMES, NULL},
    {"cadquery.occ_impl.exporters", 1, "cadquery.exporters", NONE, NULL},
    {"cadquery.occ_impl.exporters.dxf", 0, NULL, DXF_NAMES, NULL},
    {"cadquery.occ_impl.exporters.svg", 0, NULL, SVG_NAMES, cq_svg_functions},
    {"cadquery.occ_impl.exporters.assembly", 0, NULL, EXP_ASSEMBLY_NAMES, cq_exp_assembly_functions},
    {"cadquery.occ_impl.importers", 0, "cadquery.importers", NONE, NULL},
    {"cadquery.occ_impl.assembly", 0, NULL, OCC_ASSEMBLY_NAMES, cq_occ_assembly_functions},
    {"cadquery.occ_impl.sketch_solver", 0, NULL, SOLVER_NAMES, NULL},
    {"cadquery.selectors", 0, "cadquery.selectors", NONE, NULL},
    {"cadquery.cq", 0, NULL, CQ_NAMES, NULL},
    {"cadquery.sketch", 0, NULL, SKETCH_NAMES, NULL},
    {"cadquery.assembly", 0, NULL, ASSEMBLY_NAMES, NULL},
    {"cadquery.cqgi", 0, "cadquery.cqgi", CQGI_NAMES, NULL},
    {"cadquery.utils", 0, "cadquery.utils", UTILS_NAMES, NULL},
    {"cadquery.hull", 0, NULL, NONE, cq_hull_functions},
};

/* Modules searched for a name, in order, after the top level. */
static const char *const SOURCES[] = {"cadquery.func", "cadquery.exporters", "cadquery.importers",
                                      "cadquery.selectors", "cadquery.cqgi", "cadquery.utils",
                                      NULL};

/* A new reference to the object called `name` (top level first, then SOURCES), or NULL (no error). */
static PyObject *lookup(PyObject *top, const char *name)
{
    PyObject *v = PyObject_GetAttrString(top, name);
    if (v)
        return v;
    PyErr_Clear();
    PyObject *modules = PyImport_GetModuleDict();
    for (int i = 0; SOURCES[i]; i++) {
        PyObject *m = PyDict_GetItemString(modules, SOURCES[i]);
        if (!m)
            continue;
        v = PyObject_GetAttrString(m, name);
        if (v)
            return v;
        PyErr_Clear();
    }
    return NULL;
}

static int fill(PyObject *top, PyObject *m, const char *const *names)
{
    for (int i = 0; names[i]; i++) {
        if (PyObject_HasAttrString(m, names[i]))
            continue;
        PyObject *v = lookup(top, names[i]);
        if (!v)
            continue;
        int rc = PyObject_SetAttrString(m, names[i], v);
        Py_DECREF(v);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Marks m as a package (empty __path__) of `fullname`. */
static int make_package(PyObject *m, const char *fullname)
{
    PyObject *path = PyList_New(0);
    PyObject *pkg = PyUnicode_FromString(fullname);
    int rc = path && pkg && PyObject_SetAttrString(m, "__path__", path) == 0 &&
                     PyObject_SetAttrString(m, "__package__", pkg) == 0 ? 0 : -1;
    Py_XDECREF(path);
    Py_XDECREF(pkg);
    return rc;
}

/* The parent module of fullname (already made) and the last component. */
static PyObject *parent_of(const char *fullname, const char **attr)
{
    const char *dot = strrchr(fullname, '.');
    *attr = dot + 1;
    PyObject *name = PyUnicode_FromStringAndSize(fullname, dot - fullname);
    if (!name)
        return NULL;
    PyObject *parent = PyDict_GetItemWithError(PyImport_GetModuleDict(), name);
    Py_DECREF(name);
    if (!parent && !PyErr_Occurred())
        PyErr_Format(PyExc_ImportError, "cadquery: parent of %s not registered", fullname);
    return parent;
}

static int make_one(PyObject *top, const submodule *s)
{
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *m = s->existing ? PyDict_GetItemString(modules, s->existing) : NULL;
    if (!m)
        m = PyDict_GetItemString(modules, s->fullname);
    if (m)
        Py_INCREF(m);
    else
        m = PyModule_New(s->fullname);
    if (!m)
        return -1;
    const char *attr;
    PyObject *parent = parent_of(s->fullname, &attr);
    int rc = parent ? 0 : -1;
    if (rc == 0 && s->package)
        rc = make_package(m, s->fullname);
    if (rc == 0)
        rc = fill(top, m, s->names);
    if (rc == 0 && s->functions)
        rc = PyModule_AddFunctions(m, s->functions);
    if (rc == 0)
        rc = cq_register_submodule(parent, attr, s->fullname, m);
    Py_DECREF(m);
    return rc;
}

int cq_package_init(PyObject *module)
{
    if (make_package(module, "cadquery") < 0)
        return -1;
    for (size_t i = 0; i < sizeof SUBMODULES / sizeof SUBMODULES[0]; i++)
        if (make_one(module, &SUBMODULES[i]) < 0)
            return -1;
    return 0;
}
