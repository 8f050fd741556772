/* workplane.c: the Workplane and CQContext types of the `cadquery` module (CadQuery 2.4's
 * cq.py Workplane/CQContext): object layout, constructor, GC, the operator slots (installed by
 * workplane_bool.c), the method-table merge at module init, and the chain helpers the other
 * workplane files share (newObject, findSolid, _getFaces, _combineWithBase, pending edges). */
#include "cq_internal.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h>

/* ------------------------------------------------------------------ small helpers */

int cq_wp_check(PyObject *o)
{
    return PyObject_TypeCheck(o, &CQWorkplaneType);
}

int cq_is_type(PyObject *o, PyTypeObject *t)
{
    return PyObject_TypeCheck(o, t);
}

/* A copy of a Plane object (CadQuery's copy(self.plane)): same class, same frame. */
CQPlane *cq_wp_plane_copy(const CQPlane *src)
{
    PyTypeObject *tp = Py_TYPE(src);
    CQPlane *p = (CQPlane *)tp->tp_alloc(tp, 0);
    if (!p)
        return NULL;
    p->origin = src->origin;
    p->xDir = src->xDir;
    p->yDir = src->yDir;
    p->zDir = src->zDir;
    return p;
}

int cq_wp_is_construction(PyObject *shape)
{
    PyObject *v = PyObject_GetAttrString(shape, "forConstruction");
    if (!v) {
        PyErr_Clear();
        return 0;
    }
    int r = PyObject_IsTrue(v);
    Py_DECREF(v);
    if (r < 0) {
        PyErr_Clear();
        return 0;
    }
    return r;
}

int cq_wp_set_construction(PyObject *shape, int flag)
{
    return PyObject_SetAttrString(shape, "forConstruction", flag ? Py_True : Py_False);
}

/* ------------------------------------------------------------------ CQContext */

static PyObject *ctx_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    CQContext *c = (CQContext *)type->tp_alloc(type, 0);
    if (!c)
        return NULL;
    c->pendingWires = PyList_New(0);
    c->pendingEdges = PyList_New(0);
    c->tags = PyDict_New();
    c->firstPoint = Py_NewRef(Py_None);
    c->tolerance = 1e-4;
    if (!c->pendingWires || !c->pendingEdges || !c->tags) {
        Py_DECREF(c);
        return NULL;
    }
    return (PyObject *)c;
}

CQContext *cq_wp_context_new(void)
{
    return (CQContext *)ctx_new(&CQContextType, NULL, NULL);
}

static int ctx_traverse(CQContext *c, visitproc visit, void *arg)
{
    Py_VISIT(c->pendingWires);
    Py_VISIT(c->pendingEdges);
    Py_VISIT(c->firstPoint);
    Py_VISIT(c->tags);
    return 0;
}

static int ctx_clear(CQContext *c)
{
    Py_CLEAR(c->pendingWires);
    Py_CLEAR(c->pendingEdges);
    Py_CLEAR(c->firstPoint);
    Py_CLEAR(c->tags);
    return 0;
}

static void ctx_dealloc(CQContext *c)
{
    PyObject_GC_UnTrack(c);
    ctx_clear(c);
    Py_TYPE(c)->tp_free((PyObject *)c);
}

/* popPendingEdges/popPendingWires: the list is handed out and replaced by a new empty one. */
PyObject *cq_ctx_pop(CQContext *c, int wires, int error_on_empty)
{
    PyObject **slot = wires ? &c->pendingWires : &c->pendingEdges;
    if (!*slot || !PyList_Check(*slot)) {
        Py_XSETREF(*slot, PyList_New(0));
        if (!*slot)
            return NULL;
    }
    if (error_on_empty && PyList_GET_SIZE(*slot) == 0) {
        PyErr_SetString(PyExc_ValueError, wires ? "No pending wires present" : "No pending edges present");
        return NULL;
    }
    PyObject *fresh = PyList_New(0);
    if (!fresh)
        return NULL;
    PyObject *out = *slot;
    *slot = fresh;
    return out;
}

static PyObject *ctx_pop_method(CQContext *c, PyObject *args, PyObject *kw, int wires)
{
    static char *kwlist[] = {"errorOnEmpty", NULL};
    int err = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|p", kwlist, &err))
        return NULL;
    return cq_ctx_pop(c, wires, err);
}

static PyObject *ctx_pop_edges(PyObject *c, PyObject *args, PyObject *kw)
{
    return ctx_pop_method((CQContext *)c, args, kw, 0);
}

static PyObject *ctx_pop_wires(PyObject *c, PyObject *args, PyObject *kw)
{
    return ctx_pop_method((CQContext *)c, args, kw, 1);
}

static PyMethodDef ctx_methods[] = {
    {"popPendingEdges", (PyCFunction)(void (*)(void))ctx_pop_edges, METH_VARARGS | METH_KEYWORDS,
     "Get and clear pending edges (ValueError when empty and errorOnEmpty)."},
    {"popPendingWires", (PyCFunction)(void (*)(void))ctx_pop_wires, METH_VARARGS | METH_KEYWORDS,
     "Get and clear pending wires (ValueError when empty and errorOnEmpty)."},
    {NULL, NULL, 0, NULL}
};

/* pendingWires/pendingEdges are always lists and tags a dict: the C code relies on it. */
static PyObject *ctx_get_slot(CQContext *c, void *which)
{
    PyObject *v = which == (void *)0 ? c->pendingWires : which == (void *)1 ? c->pendingEdges : c->tags;
    return Py_NewRef(v ? v : Py_None);
}

static int ctx_set_slot(CQContext *c, PyObject *v, void *which)
{
    if (!v) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete a CQContext attribute");
        return -1;
    }
    if (which == (void *)2) {
        if (!PyDict_Check(v)) {
            PyErr_SetString(PyExc_TypeError, "CQContext.tags must be a dict");
            return -1;
        }
        Py_XSETREF(c->tags, Py_NewRef(v));
        return 0;
    }
    PyObject *lst = PyList_Check(v) ? Py_NewRef(v) : PySequence_List(v);
    if (!lst)
        return -1;
    if (which == (void *)0)
        Py_XSETREF(c->pendingWires, lst);
    else
        Py_XSETREF(c->pendingEdges, lst);
    return 0;
}

static PyGetSetDef ctx_getset[] = {
    {"pendingWires", (getter)ctx_get_slot, (setter)ctx_set_slot, "wires waiting for a face", (void *)0},
    {"pendingEdges", (getter)ctx_get_slot, (setter)ctx_set_slot, "edges waiting for a wire", (void *)1},
    {"tags", (getter)ctx_get_slot, (setter)ctx_set_slot, "tag name -> Workplane", (void *)2},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyMemberDef ctx_members[] = {
    {"firstPoint", T_OBJECT, offsetof(CQContext, firstPoint), 0, "local start point of the edges or None"},
    {"tolerance", T_DOUBLE, offsetof(CQContext, tolerance), 0, "modelling tolerance (1e-4)"},
    {NULL, 0, 0, 0, NULL}
};

PyTypeObject CQContextType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.CQContext",
    .tp_basicsize = sizeof(CQContext),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Shared state of a Workplane chain: pending wires/edges, first point, tags.",
    .tp_new = ctx_new,
    .tp_dealloc = (destructor)ctx_dealloc,
    .tp_traverse = (traverseproc)ctx_traverse,
    .tp_clear = (inquiry)ctx_clear,
    .tp_methods = ctx_methods,
    .tp_members = ctx_members,
    .tp_getset = ctx_getset,
};

/* ------------------------------------------------------------------ Workplane object */

static PyObject *wp_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    CQWorkplane *w = (CQWorkplane *)type->tp_alloc(type, 0);
    if (!w)
        return NULL;
    w->objects = PyList_New(0);
    w->parent = Py_NewRef(Py_None);
    w->tag = Py_NewRef(Py_None);
    w->ctx = cq_wp_context_new();
    if (!w->objects || !w->ctx) {
        Py_DECREF(w);
        return NULL;
    }
    /* plane is set by __init__; until then a plain XY plane keeps the object usable. */
    w->plane = (CQPlane *)cq_plane_named("XY", (zk_vec){0, 0, 0});
    if (!w->plane) {
        Py_DECREF(w);
        return NULL;
    }
    return (PyObject *)w;
}

/* Workplane(inPlane="XY", origin=(0,0,0), obj=None) */
static int wp_init(CQWorkplane *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"inPlane", "origin", "obj", NULL};
    PyObject *in_plane = NULL, *origin_o = NULL, *obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOO", kwlist, &in_plane, &origin_o, &obj))
        return -1;
    zk_vec origin = {0, 0, 0};
    if (origin_o && origin_o != Py_None && cq_vector_from_obj(origin_o, &origin) < 0)
        return -1;
    PyObject *plane = NULL;
    if (!in_plane || PyUnicode_Check(in_plane)) {
        const char *name = in_plane ? PyUnicode_AsUTF8(in_plane) : "XY";
        if (!name)
            return -1;
        plane = cq_plane_named(name, origin);
    } else if (PyObject_TypeCheck(in_plane, &CQPlaneType)) {
        plane = Py_NewRef(in_plane);
    } else if (PyObject_TypeCheck(in_plane, &CQVectorType) || PyObject_TypeCheck(in_plane, &CQLocationType) ||
               cq_shape_check(in_plane)) {
        obj = in_plane;
        plane = cq_plane_named("XY", origin);
    } else {
        PyErr_Format(PyExc_ValueError, "Provided value %R is not a valid work plane", in_plane);
        return -1;
    }
    if (!plane)
        return -1;
    Py_XSETREF(self->plane, (CQPlane *)plane);
    int truth = obj == Py_None ? 0 : PyObject_IsTrue(obj);
    if (truth < 0)
        return -1;
    PyObject *objs = truth ? PyList_New(1) : PyList_New(0);
    if (!objs)
        return -1;
    if (truth)
        PyList_SET_ITEM(objs, 0, Py_NewRef(obj));
    Py_XSETREF(self->objects, objs);
    Py_XSETREF(self->parent, Py_NewRef(Py_None));
    Py_XSETREF(self->tag, Py_NewRef(Py_None));
    CQContext *ctx = cq_wp_context_new();
    if (!ctx)
        return -1;
    Py_XSETREF(self->ctx, ctx);
    return 0;
}

static int wp_traverse(CQWorkplane *w, visitproc visit, void *arg)
{
    Py_VISIT(w->objects);
    Py_VISIT(w->plane);
    Py_VISIT(w->parent);
    Py_VISIT(w->ctx);
    Py_VISIT(w->tag);
    Py_VISIT(w->dict);
    return 0;     /* a heap subclass's type is visited by subtype_traverse */
}

static int wp_clear(CQWorkplane *w)
{
    Py_CLEAR(w->objects);
    Py_CLEAR(w->plane);
    Py_CLEAR(w->parent);
    Py_CLEAR(w->ctx);
    Py_CLEAR(w->tag);
    Py_CLEAR(w->dict);
    return 0;
}

static void wp_dealloc(CQWorkplane *w)
{
    PyTypeObject *tp = Py_TYPE(w);
    PyObject_GC_UnTrack(w);
    Py_TRASHCAN_BEGIN(w, wp_dealloc)
    wp_clear(w);
    tp->tp_free((PyObject *)w);
    Py_TRASHCAN_END
}

/* ---- attribute access (typed slots must stay of the right type for the C code) */

static PyObject *wp_get_objects(CQWorkplane *w, void *c)
{
    (void)c;
    return Py_NewRef(w->objects);
}

static int wp_set_objects(CQWorkplane *w, PyObject *v, void *c)
{
    (void)c;
    if (!v) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete objects");
        return -1;
    }
    PyObject *lst = PyList_Check(v) ? Py_NewRef(v) : PySequence_List(v);
    if (!lst)
        return -1;
    Py_XSETREF(w->objects, lst);
    return 0;
}

static PyObject *wp_get_plane(CQWorkplane *w, void *c)
{
    (void)c;
    return Py_NewRef(w->plane);
}

static int wp_set_plane(CQWorkplane *w, PyObject *v, void *c)
{
    (void)c;
    if (!v || !PyObject_TypeCheck(v, &CQPlaneType)) {
        PyErr_SetString(PyExc_TypeError, "Workplane.plane must be a Plane");
        return -1;
    }
    Py_XSETREF(w->plane, (CQPlane *)Py_NewRef(v));
    return 0;
}

static PyObject *wp_get_ctx(CQWorkplane *w, void *c)
{
    (void)c;
    return Py_NewRef(w->ctx);
}

static int wp_set_ctx(CQWorkplane *w, PyObject *v, void *c)
{
    (void)c;
    if (!v || !PyObject_TypeCheck(v, &CQContextType)) {
        PyErr_SetString(PyExc_TypeError, "Workplane.ctx must be a CQContext");
        return -1;
    }
    Py_XSETREF(w->ctx, (CQContext *)Py_NewRef(v));
    return 0;
}

static PyGetSetDef wp_getset[] = {
    {"objects", (getter)wp_get_objects, (setter)wp_set_objects, "the stack (a list)", NULL},
    {"plane", (getter)wp_get_plane, (setter)wp_set_plane, "the workplane's Plane", NULL},
    {"ctx", (getter)wp_get_ctx, (setter)wp_set_ctx, "the chain's shared CQContext", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyMemberDef wp_members[] = {
    {"parent", T_OBJECT, offsetof(CQWorkplane, parent), 0, "the previous Workplane of the chain or None"},
    {"_tag", T_OBJECT, offsetof(CQWorkplane, tag), 0, "this object's tag or None"},
    {"__dictoffset__", T_PYSSIZET, offsetof(CQWorkplane, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static PyMappingMethods wp_as_mapping = {
    .mp_subscript = cq_wp_getitem,      /* [2.5+] wp[i], wp[a:b], wp[[i, j]] (workplane_stack.c) */
};

PyTypeObject CQWorkplaneType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Workplane",
    .tp_basicsize = sizeof(CQWorkplane),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Workplane(inPlane='XY', origin=(0, 0, 0), obj=None): a 2D coordinate system with a stack "
              "of objects; methods chain (CadQuery 2.4 semantics).",
    .tp_new = wp_new,
    .tp_init = (initproc)wp_init,
    .tp_dealloc = (destructor)wp_dealloc,
    .tp_traverse = (traverseproc)wp_traverse,
    .tp_clear = (inquiry)wp_clear,
    .tp_getset = wp_getset,
    .tp_members = wp_members,
    .tp_dictoffset = offsetof(CQWorkplane, dict),
    .tp_iter = cq_wp_iter,
    .tp_as_mapping = &wp_as_mapping,
};

/* ------------------------------------------------------------------ chain helpers */

/* A Workplane of `type` with the given fields (plane and ctx are shared, not copied). The
 * exact type is allocated directly; a subclass is created by calling it with no arguments
 * (CadQuery's self.__class__()) and its fields replaced. */
PyObject *cq_wp_make(PyTypeObject *type, CQPlane *plane, PyObject *parent, CQContext *ctx, PyObject *objects)
{
    CQWorkplane *w;
    if (type == &CQWorkplaneType)
        w = (CQWorkplane *)type->tp_alloc(type, 0);
    else
        w = (CQWorkplane *)PyObject_CallNoArgs((PyObject *)type);
    if (!w)
        return NULL;
    if (!cq_wp_check((PyObject *)w)) {
        PyErr_SetString(PyExc_TypeError, "Workplane subclass constructor returned a non-Workplane");
        Py_DECREF(w);
        return NULL;
    }
    PyObject *lst = objects ? PySequence_List(objects) : PyList_New(0);
    if (!lst) {
        Py_DECREF(w);
        return NULL;
    }
    Py_XSETREF(w->objects, lst);
    Py_XSETREF(w->plane, (CQPlane *)Py_NewRef(plane));
    Py_XSETREF(w->parent, Py_NewRef(parent ? parent : Py_None));
    Py_XSETREF(w->ctx, (CQContext *)Py_NewRef(ctx));
    if (!w->tag)
        w->tag = Py_NewRef(Py_None);
    return (PyObject *)w;
}

PyObject *cq_wp_new_object(CQWorkplane *self, PyObject *objects)
{
    CQPlane *pl = cq_wp_plane_copy(self->plane);
    if (!pl)
        return NULL;
    PyObject *r = cq_wp_make(Py_TYPE(self), pl, (PyObject *)self, self->ctx, objects);
    Py_DECREF(pl);
    return r;
}

/* newObject with a single new item (steals `item`). */
PyObject *cq_wp_new_object1(CQWorkplane *self, PyObject *item)
{
    if (!item)
        return NULL;
    PyObject *lst = PyList_New(1);
    if (!lst) {
        Py_DECREF(item);
        return NULL;
    }
    PyList_SET_ITEM(lst, 0, item);
    PyObject *r = cq_wp_new_object(self, lst);
    Py_DECREF(lst);
    return r;
}

static int is_solid_or_compound(PyObject *o)
{
    return PyObject_TypeCheck(o, &CQSolidType) || PyObject_TypeCheck(o, &CQCompoundType);
}

/* _findType((Solid, Compound)): the Solids/Compounds on a stack become one Compound. */
static PyObject *stack_solids_compound(CQWorkplane *wp)
{
    /* current CadQuery's _findType((Solid,)): solids, and the solids inside compounds (a
     * compound without solids, e.g. of faces, is not a base) */
    Py_ssize_t n = PyList_GET_SIZE(wp->objects);
    size_t k = 0, cap = (size_t)n + 1;
    zk_shape **arr = PyMem_Malloc(sizeof(zk_shape *) * cap);
    if (!arr)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyList_GET_ITEM(wp->objects, i);
        if (!is_solid_or_compound(o))
            continue;
        zk_shape *s = ((CQShape *)o)->s, **sub = NULL;
        size_t ns = 0;
        if (zk_shape_type(s) != ZK_COMPOUND) {
            arr[k++] = zk_ref(s);
            continue;
        }
        if (zk_explore(s, ZK_SOLID, &sub, &ns) < 0)
            zk_error_clear();
        zk_shape **grown = ns ? PyMem_Realloc(arr, sizeof(zk_shape *) * (cap + ns)) : arr;
        if (!grown) {
            zk_free_list(sub, ns);
            for (size_t j = 0; j < k; j++)
                zk_unref(arr[j]);
            PyMem_Free(arr);
            return PyErr_NoMemory();
        }
        arr = grown;
        cap += ns;
        for (size_t j = 0; j < ns; j++)
            arr[k++] = zk_ref(sub[j]);
        zk_free_list(sub, ns);
    }
    PyObject *r = NULL;
    if (k == 0) {
        r = Py_NewRef(Py_None);
    } else {
        zk_shape *c = zk_compound(arr, k);
        r = c ? cq_shape_wrap(c) : cq_raise_kernel_error("makeCompound");
    }
    for (size_t j = 0; j < k; j++)
        zk_unref(arr[j]);
    PyMem_Free(arr);
    return r;
}

PyObject *cq_wp_find_solid(CQWorkplane *self, int search_stack, int search_parents, int raise_missing)
{
    CQWorkplane *wp = self;
    int look_here = search_stack;
    while (wp) {
        if (look_here) {
            PyObject *r = stack_solids_compound(wp);
            if (r != Py_None)
                return r;
            Py_DECREF(r);
        }
        look_here = 1;
        if (!search_parents || !wp->parent || !cq_wp_check(wp->parent))
            break;
        wp = (CQWorkplane *)wp->parent;
    }
    if (!raise_missing)
        Py_RETURN_NONE;
    PyErr_Format(PyExc_ValueError, "Cannot find a solid %sin the parent chain",
                 search_stack ? "on the stack or " : "");
    return NULL;
}

/* Face.makeFromWires(outer, inners).Faces() (wiresToFaces). */
PyObject *cq_wires_to_faces(PyObject *wires)
{
    Py_ssize_t n = PySequence_Size(wires);
    if (n < 0)
        return NULL;
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(wires, "wires must be a sequence");
    if (!seq)
        return NULL;
    PyObject *res = NULL;
    zk_shape **inners = PyMem_Malloc(sizeof(zk_shape *) * (size_t)n);
    if (!inners) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    zk_shape *outer = cq_shape_get(PySequence_Fast_GET_ITEM(seq, 0));
    if (!outer)
        goto done;
    for (Py_ssize_t i = 1; i < n; i++) {
        inners[i - 1] = cq_shape_get(PySequence_Fast_GET_ITEM(seq, i));
        if (!inners[i - 1])
            goto done;
    }
    if (n > 1 && !zk_curve_is_closed(outer)) {
        PyErr_SetString(PyExc_ValueError, "Cannot build face(s): outer wire is not closed");
        goto done;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        if (!zk_curve_is_closed(inners[i - 1])) {
            PyErr_SetString(PyExc_ValueError, "Cannot build face(s): inner wire is not closed");
            goto done;
        }
    }
    zk_shape *f = zk_face_from_wires(outer, inners, (size_t)(n - 1));
    if (!f) {
        cq_raise_kernel_error("Face.makeFromWires");
        goto done;
    }
    res = cq_shape_explore(f, ZK_FACE);
    zk_unref(f);
done:
    PyMem_Free(inners);
    Py_DECREF(seq);
    return res;
}

PyObject *cq_wp_get_faces(CQWorkplane *self)
{
    PyObject *rv = PyList_New(0);
    if (!rv)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(self->objects);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyList_GET_ITEM(self->objects, i);
        PyObject *faces = NULL;
        Py_INCREF(o);
        if (cq_sketch_check(o)) {
            faces = cq_sketch_faces(o);
        } else if (cq_shape_check(o) && zk_shape_type(((CQShape *)o)->s) == ZK_FACE) {
            faces = PyList_New(1);   /* current CadQuery: faces on the stack */
            if (faces)
                PyList_SET_ITEM(faces, 0, Py_NewRef(o));
        } else if (cq_shape_check(o) && zk_shape_type(((CQShape *)o)->s) == ZK_COMPOUND) {
            PyObject *kids = PySequence_List(o);   /* the faces among a compound's children */
            faces = kids ? PyList_New(0) : NULL;
            for (Py_ssize_t k = 0; faces && k < PyList_GET_SIZE(kids); k++) {
                PyObject *c = PyList_GET_ITEM(kids, k);
                if (zk_shape_type(((CQShape *)c)->s) == ZK_FACE && PyList_Append(faces, c) < 0)
                    Py_CLEAR(faces);
            }
            Py_XDECREF(kids);
        } else {
            Py_DECREF(o);
            continue;
        }
        Py_DECREF(o);
        Py_ssize_t end = PyList_GET_SIZE(rv);
        if (!faces || PyList_SetSlice(rv, end, end, faces) < 0) {
            Py_XDECREF(faces);
            Py_DECREF(rv);
            return NULL;
        }
        Py_DECREF(faces);
    }
    if (PyList_GET_SIZE(rv) > 0)
        return rv;
    Py_DECREF(rv);
    PyObject *wires = cq_ctx_pop(self->ctx, 1, 1);
    if (!wires)
        return NULL;
    PyObject *faces = cq_wires_to_faces(wires);
    Py_DECREF(wires);
    return faces;
}

/* The direct children of a shape as a malloc'd array of new references. */
static int shape_children(zk_shape *s, zk_shape ***out, size_t *n)
{
    if (zk_children(s, out, n) < 0) {
        cq_raise_kernel_error("Compound iteration");
        return -1;
    }
    return 0;
}

/* Compound.fuse(*tools) with base a Compound: args = children(base) + tools; fuse(args[0], args[1:]).
 * base_is_compound 0 -> Shape.fuse(base, tools). */
zk_shape *cq_compound_fuse(zk_shape *base, int base_is_compound, zk_shape *const *tools, size_t ntools,
                           int glue, double tol)
{
    zk_shape **kids = NULL;
    size_t nk = 0;
    if (base_is_compound) {
        if (shape_children(base, &kids, &nk) < 0)
            return NULL;
    } else {
        kids = malloc(sizeof(zk_shape *));
        if (!kids) {
            PyErr_NoMemory();
            return NULL;
        }
        kids[0] = zk_ref(base);
        nk = 1;
    }
    size_t nargs = nk + ntools;
    zk_shape *r = NULL;
    if (nargs == 0) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
    } else {
        zk_shape **all = PyMem_Malloc(sizeof(zk_shape *) * nargs);
        if (!all) {
            PyErr_NoMemory();
        } else {
            for (size_t i = 0; i < nk; i++)
                all[i] = kids[i];
            for (size_t i = 0; i < ntools; i++)
                all[nk + i] = tools[i];
            if (nargs == 1) {
                r = zk_ref(all[0]);
            } else {
                r = zk_fuse(all[0], all + 1, nargs - 1, glue, tol);
                if (!r)
                    cq_raise_kernel_error("fuse");
            }
            PyMem_Free(all);
        }
    }
    zk_free_list(kids, nk);
    return r;
}

/* Compound.cut(*tools): the compound's children are the arguments. */
static zk_shape *compound_cut(zk_shape *base, zk_shape *tool)
{
    zk_shape **kids = NULL;
    size_t nk = 0;
    if (shape_children(base, &kids, &nk) < 0)
        return NULL;
    zk_shape *arg = nk == 1 ? kids[0] : base;
    zk_shape *r = zk_cut(arg, &tool, 1, 0);
    zk_free_list(kids, nk);
    if (!r)
        cq_raise_kernel_error("cut");
    return r;
}

/* Compound.makeCompound(items): AttributeError for an item that is not a Shape. */
PyObject *cq_make_compound(PyObject *items)
{
    PyObject *seq = PySequence_Fast(items, "expected a list of shapes");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    zk_shape **arr = PyMem_Malloc(sizeof(zk_shape *) * (n ? n : 1));
    PyObject *r = NULL;
    if (!arr) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PySequence_Fast_GET_ITEM(seq, i);
        if (!cq_shape_check(o)) {
            PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute 'wrapped'", Py_TYPE(o)->tp_name);
            goto done;
        }
        arr[i] = ((CQShape *)o)->s;
    }
    zk_shape *c = zk_compound(arr, (size_t)n);
    r = c ? cq_shape_wrap(c) : cq_raise_kernel_error("makeCompound");
done:
    PyMem_Free(arr);
    Py_DECREF(seq);
    return r;
}

static int mode_equals(PyObject *mode, PyObject *what)
{
    return PyObject_RichCompareBool(mode, what, Py_EQ);
}

static int mode_is_str(PyObject *mode, const char *s)
{
    return PyUnicode_Check(mode) && PyUnicode_CompareWithASCIIString(mode, s) == 0;
}

/* Shape.clean() for every Shape of a list, in place. Wires, edges and vertices are kept as
 * they are (ShapeUpgrade_UnifySameDomain leaves free wires unchanged). */
int cq_clean_list(PyObject *lst)
{
    Py_ssize_t n = PyList_GET_SIZE(lst);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyList_GET_ITEM(lst, i);
        if (!cq_shape_check(o))
            continue;
        if (PyObject_TypeCheck(o, &CQWireType) || PyObject_TypeCheck(o, &CQEdgeType) ||
            PyObject_TypeCheck(o, &CQVertexType))
            continue;
        zk_shape *c = zk_clean(((CQShape *)o)->s);
        if (!c) {
            cq_raise_kernel_error("clean");
            return -1;
        }
        PyObject *w = cq_shape_wrap(c);
        if (!w)
            return -1;
        PyList_SetItem(lst, i, w);
    }
    return 0;
}

PyObject *cq_wp_combine(CQWorkplane *self, PyObject *obj, PyObject *mode, int clean)
{
    int truth = PyObject_IsTrue(mode);
    if (truth < 0)
        return NULL;
    PyObject *newS = NULL;
    if (truth) {
        PyObject *shape = cq_shape_check(obj) ? Py_NewRef(obj) : cq_make_compound(obj);
        if (!shape)
            return NULL;
        int is_cut = mode_is_str(mode, "cut") || mode_is_str(mode, "s");
        int is_fuse = !is_cut && (mode_equals(mode, Py_True) == 1 || mode_is_str(mode, "a"));
        if (!is_cut && !is_fuse) {
            Py_DECREF(shape);
            PyErr_SetString(PyExc_UnboundLocalError,
                            "cannot access local variable 'newS' where it is not associated with a value");
            return NULL;
        }
        PyObject *base = cq_wp_find_solid(self, 1, 1, 0);
        if (!base) {
            Py_DECREF(shape);
            return NULL;
        }
        zk_shape *tool = ((CQShape *)shape)->s;
        PyObject *r = NULL;
        if (base != Py_None) {
            zk_shape *rs = is_cut ? compound_cut(((CQShape *)base)->s, tool)
                                  : cq_compound_fuse(((CQShape *)base)->s, 1, &tool, 1, 0, 0.0);
            r = rs ? cq_shape_wrap(rs) : NULL;
        } else if (is_fuse && PyObject_TypeCheck(shape, &CQCompoundType)) {
            zk_shape *rs = cq_compound_fuse(tool, 1, NULL, 0, 0, 0.0);
            r = rs ? cq_shape_wrap(rs) : NULL;
        } else {
            r = Py_NewRef(shape);
        }
        Py_DECREF(base);
        Py_DECREF(shape);
        newS = cq_wp_new_object1(self, r);
    } else if (cq_shape_check(obj)) {
        newS = cq_wp_new_object1(self, Py_NewRef(obj));
    } else {
        newS = cq_wp_new_object(self, obj);
    }
    if (!newS)
        return NULL;
    if (clean && cq_clean_list(((CQWorkplane *)newS)->objects) < 0) {
        Py_DECREF(newS);
        return NULL;
    }
    return newS;
}

/* _findFromPoint(useLocalCoords): the end of the last Edge, or the last Vector on the stack
 * (the plane origin when the stack is empty); RuntimeError otherwise. */
int cq_wp_from_point(CQWorkplane *self, int local, zk_vec *out)
{
    Py_ssize_t n = PyList_GET_SIZE(self->objects);
    zk_vec p;
    if (n == 0) {
        p = self->plane->origin;
    } else {
        PyObject *o = PyList_GET_ITEM(self->objects, n - 1);
        if (PyObject_TypeCheck(o, &CQEdgeType)) {
            p = zk_curve_end(((CQShape *)o)->s);
        } else if (PyObject_TypeCheck(o, &CQVectorType)) {
            CQVector *v = (CQVector *)o;
            p = (zk_vec){v->x, v->y, v->z};
        } else if (PyObject_TypeCheck(o, &CQVertexType)) {
            p = zk_vertex_point(((CQShape *)o)->s);   /* current CadQuery: a selected vertex */
        } else {
            /* current CadQuery raises ValueError here (2.4: RuntimeError) */
            PyErr_Format(PyExc_ValueError, "Cannot convert object type %R to vector.", (PyObject *)Py_TYPE(o));
            return -1;
        }
    }
    *out = local ? cq_plane_to_local(self->plane, p) : p;
    return 0;
}

zk_vec cq_wp_current_point(CQWorkplane *self)
{
    zk_vec p = {0, 0, 0};
    if (cq_wp_from_point(self, 1, &p) < 0)
        return (zk_vec){0, 0, 0};
    return p;
}

static int ctx_list_append(PyObject **slot, PyObject *item)
{
    if (!*slot || !PyList_Check(*slot)) {
        PyObject *lst = *slot ? PySequence_List(*slot) : PyList_New(0);
        if (!lst)
            return -1;
        Py_XSETREF(*slot, lst);
    }
    return PyList_Append(*slot, item);
}

int cq_wp_add_pending_edge(CQWorkplane *self, PyObject *edge)
{
    if (ctx_list_append(&self->ctx->pendingEdges, edge) < 0)
        return -1;
    if (self->ctx->firstPoint == NULL || self->ctx->firstPoint == Py_None) {
        zk_shape *s = cq_shape_get(edge);
        if (!s)
            return -1;
        PyObject *v = cq_vector_new(cq_plane_to_local(self->plane, zk_curve_start(s)));
        if (!v)
            return -1;
        Py_XSETREF(self->ctx->firstPoint, v);
    }
    return 0;
}

int cq_wp_add_pending_wire(CQWorkplane *self, PyObject *wire)
{
    return ctx_list_append(&self->ctx->pendingWires, wire);
}

/* _mergeTags: when the chains differ, self's tags win over obj's. */
int cq_wp_merge_tags(CQWorkplane *self, PyObject *obj)
{
    if (!cq_wp_check(obj))
        return 0;
    CQWorkplane *o = (CQWorkplane *)obj;
    if (o->ctx == self->ctx)
        return 0;
    PyObject *d = PyDict_New();
    if (!d)
        return -1;
    if ((o->ctx->tags && PyDict_Update(d, o->ctx->tags) < 0) ||
        (self->ctx->tags && PyDict_Update(d, self->ctx->tags) < 0)) {
        Py_DECREF(d);
        return -1;
    }
    Py_XSETREF(self->ctx->tags, d);
    return 0;
}

/* ------------------------------------------------------------------ init */

static PyMethodDef *merged_methods;

static Py_ssize_t table_len(const PyMethodDef *t)
{
    Py_ssize_t n = 0;
    while (t && t[n].ml_name)
        n++;
    return n;
}

static int merge_tables(void)
{
    PyMethodDef *tables[] = {cq_wp_core_methods, cq_wp_stack_methods, cq_wp_draw_methods,
                             cq_wp_point_methods, cq_wp_feature_methods, cq_wp_bool_methods,
                             cq_wp_svg_methods, cq_wp_more_methods};
    size_t ntables = sizeof(tables) / sizeof(tables[0]);
    Py_ssize_t total = 0;
    for (size_t i = 0; i < ntables; i++)
        total += table_len(tables[i]);
    merged_methods = PyMem_Calloc((size_t)total + 1, sizeof(PyMethodDef));
    if (!merged_methods) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t k = 0;
    for (size_t i = 0; i < ntables; i++) {
        for (Py_ssize_t j = 0; j < table_len(tables[i]); j++) {
            /* the first definition of a name wins; later duplicates are dropped */
            int dup = 0;
            for (Py_ssize_t q = 0; q < k; q++)
                if (strcmp(merged_methods[q].ml_name, tables[i][j].ml_name) == 0)
                    dup = 1;
            if (!dup)
                merged_methods[k++] = tables[i][j];
        }
    }
    return 0;
}

int cq_workplane_init(PyObject *module)
{
    if (!merged_methods) {
        if (merge_tables() < 0)
            return -1;
        CQWorkplaneType.tp_methods = merged_methods;
        /* + - | & * / : the features helper's number methods (workplane_bool.c) */
        if (cq_wp_install_number_ops(&CQWorkplaneType) < 0)
            return -1;
    }
    if (PyType_Ready(&CQContextType) < 0 || PyType_Ready(&CQWorkplaneType) < 0)
        return -1;
    /* plugins: CadQuery documents extending Workplane by assigning functions onto the class */
    CQWorkplaneType.tp_flags &= ~Py_TPFLAGS_IMMUTABLETYPE;
    if (PyModule_AddObjectRef(module, "Workplane", (PyObject *)&CQWorkplaneType) < 0 ||
        PyModule_AddObjectRef(module, "CQ", (PyObject *)&CQWorkplaneType) < 0 ||
        PyModule_AddObjectRef(module, "CQContext", (PyObject *)&CQContextType) < 0)
        return -1;
    return 0;
}
