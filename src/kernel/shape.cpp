// shape.cpp: handle life cycle (reference counting), the error record, zk_init (silencing
// OCCT's console output), shape identity, and the C <-> gp conversions shared by every file.
#include "kernel_internal.hpp"

#include <BRepBuilderAPI_Copy.hxx>
#include <Interface_Static.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_Printer.hxx>
#include <Standard_NullObject.hxx>
#include <Standard_Type.hxx>
#include <TopTools_ShapeMapHasher.hxx>

#include <cstdlib>
#include <mutex>
#include <new>
#include <stdexcept>

namespace {
thread_local std::string g_error_message;
thread_local std::string g_error_type;
std::once_flag g_init_once;

void silence_messengers() {
    const Handle(Message_Messenger) &m = Message::DefaultMessenger();
    Message_SequenceOfPrinters printers = m->Printers();
    for (Message_SequenceOfPrinters::Iterator it(printers); it.More(); it.Next())
        m->RemovePrinter(it.Value());
}
} // namespace

namespace zk {

void set_error(const char *type, const char *message) {
    g_error_type = type ? type : "";
    g_error_message = message && *message ? message : (type && *type ? type : "kernel failure");
}

void clear_error() {
    g_error_type.clear();
    g_error_message.clear();
}

void record_failure(const Standard_Failure &e) {
    const char *type = e.DynamicType().IsNull() ? "Standard_Failure" : e.DynamicType()->Name();
    set_error(type, e.GetMessageString());
}

void fail(const char *message) { throw std::invalid_argument(message); }

zk_shape *wrap(const TopoDS_Shape &shape) {
    if (shape.IsNull()) {
        set_error("", "the operation produced no shape");
        return nullptr;
    }
    zk_shape *h = new (std::nothrow) zk_shape;
    if (!h) {
        set_error("", "out of memory");
        return nullptr;
    }
    h->shape = shape;
    h->refs.store(1);
    return h;
}

const TopoDS_Shape &get(const zk_shape *s) {
    if (!s) throw Standard_NullObject("NULL shape handle");
    return s->shape;
}

TopTools_ListOfShape list_of(zk_shape *const *shapes, size_t n) {
    TopTools_ListOfShape l;
    for (size_t i = 0; i < n; i++) l.Append(get(shapes[i]));
    return l;
}

std::vector<TopoDS_Shape> vector_of(zk_shape *const *shapes, size_t n) {
    std::vector<TopoDS_Shape> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++) v.push_back(get(shapes[i]));
    return v;
}

int export_list(const std::vector<TopoDS_Shape> &shapes, zk_shape ***out, size_t *nout) {
    if (!out || !nout) fail("NULL output pointer");
    *out = nullptr;
    *nout = 0;
    size_t n = shapes.size();
    zk_shape **arr = static_cast<zk_shape **>(std::malloc((n ? n : 1) * sizeof(zk_shape *)));
    if (!arr) fail("out of memory");
    for (size_t i = 0; i < n; i++) {
        arr[i] = wrap(shapes[i]);
        if (!arr[i]) {
            zk_free_list(arr, i);
            return -1;
        }
    }
    *out = arr;
    *nout = n;
    return 0;
}

gp_Pnt pnt(zk_vec v) { return gp_Pnt(v.x, v.y, v.z); }
gp_Vec vec(zk_vec v) { return gp_Vec(v.x, v.y, v.z); }
gp_Dir dir(zk_vec v) { return gp_Dir(v.x, v.y, v.z); }
zk_vec from(const gp_XYZ &xyz) { return zk_vec{xyz.X(), xyz.Y(), xyz.Z()}; }

gp_Ax2 ax2(const zk_ax2 *f) {
    if (!f) return gp_Ax2();
    bool has_x = f->xdir.x != 0.0 || f->xdir.y != 0.0 || f->xdir.z != 0.0;
    if (has_x) return gp_Ax2(pnt(f->p), dir(f->dir), dir(f->xdir));
    return gp_Ax2(pnt(f->p), dir(f->dir));
}

gp_Trsf trsf(const zk_trsf *t) {
    if (!t) fail("NULL transform");
    gp_Trsf r;
    r.SetValues(t->m[0][0], t->m[0][1], t->m[0][2], t->m[0][3],
                t->m[1][0], t->m[1][1], t->m[1][2], t->m[1][3],
                t->m[2][0], t->m[2][1], t->m[2][2], t->m[2][3]);
    return r;
}

void trsf_out(const gp_Trsf &t, zk_trsf *out) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) out->m[i][j] = t.Value(i + 1, j + 1);
}

} // namespace zk

extern "C" void zk_init(void) {
    std::call_once(g_init_once, [] {
        try {
            /* STEP's controller registers itself when a STEPControl reader/writer is first made
             * (its static tables are never freed: see tests/kernel/lsan.supp). */
            silence_messengers();
        } catch (...) {
        }
    });
}

extern "C" zk_shape *zk_ref(zk_shape *s) {
    if (s) s->refs.fetch_add(1);
    return s;
}

extern "C" void zk_unref(zk_shape *s) {
    if (s && s->refs.fetch_sub(1) == 1) delete s;
}

extern "C" const char *zk_error_message(void) { return g_error_message.c_str(); }
extern "C" const char *zk_error_type(void) { return g_error_type.c_str(); }
extern "C" void zk_error_clear(void) { zk::clear_error(); }

extern "C" zk_type zk_shape_type(const zk_shape *s) {
    if (!s || s->shape.IsNull()) return ZK_SHAPE;
    return static_cast<zk_type>(s->shape.ShapeType());
}

extern "C" int zk_is_null(const zk_shape *s) { return !s || s->shape.IsNull(); }

extern "C" int zk_is_same(const zk_shape *a, const zk_shape *b) {
    if (!a || !b) return 0;
    return a->shape.IsSame(b->shape) ? 1 : 0;
}

extern "C" int zk_is_equal(const zk_shape *a, const zk_shape *b) {
    if (!a || !b) return 0;
    return a->shape.IsEqual(b->shape) ? 1 : 0;
}

extern "C" uint64_t zk_hash(const zk_shape *s) {
    if (!s || s->shape.IsNull()) return 0;
    return static_cast<uint64_t>(s->shape.HashCode(IntegerLast()));
}

extern "C" int zk_orientation(const zk_shape *s) {
    if (!s || s->shape.IsNull()) return -1;
    return static_cast<int>(s->shape.Orientation());
}

extern "C" zk_shape *zk_copy(const zk_shape *s) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepBuilderAPI_Copy copier(zk::get(s), Standard_True, Standard_False);
        return zk::wrap(copier.Shape());
    });
}
