// kernel_internal.hpp: private helpers of the OCCT bridge: the handle struct, conversions between
// the C types of kernel.h and OCCT's gp types, and the guard that turns every exception into the
// recorded error (never lets one escape into C callers).
#ifndef ZC_KERNEL_INTERNAL_HPP
#define ZC_KERNEL_INTERNAL_HPP

#include "kernel.h"

#include <Standard_Failure.hxx>
#include <TopoDS_Shape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <gp_Ax2.hxx>
#include <gp_Dir.hxx>
#include <gp_Pnt.hxx>
#include <gp_Trsf.hxx>
#include <gp_Vec.hxx>

#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <string>
#include <vector>

struct zk_shape {
    TopoDS_Shape shape;
    std::atomic<long> refs;
};

namespace zk {

/* Errors (thread-local): cleared at the start of every guarded call. */
void set_error(const char *type, const char *message);
void clear_error();
void record_failure(const Standard_Failure &e);

/* A new handle (refcount 1) holding shape; a null shape is an error and gives NULL. */
zk_shape *wrap(const TopoDS_Shape &shape);
/* Borrowed shape of a handle; throws Standard_NullObject for a NULL handle. */
const TopoDS_Shape &get(const zk_shape *s);
/* The shapes of n handles as a TopTools_ListOfShape / vector. */
TopTools_ListOfShape list_of(zk_shape *const *shapes, size_t n);
std::vector<TopoDS_Shape> vector_of(zk_shape *const *shapes, size_t n);
/* Store shapes as a malloc'd array of new handles; returns 0 or -1 (out of memory). */
int export_list(const std::vector<TopoDS_Shape> &shapes, zk_shape ***out, size_t *nout);

gp_Pnt pnt(zk_vec v);
gp_Vec vec(zk_vec v);
gp_Dir dir(zk_vec v);           /* throws Standard_ConstructionError for a zero vector */
zk_vec from(const gp_XYZ &xyz);
inline zk_vec from(const gp_Pnt &p) { return from(p.XYZ()); }
inline zk_vec from(const gp_Vec &v) { return from(v.XYZ()); }
inline zk_vec from(const gp_Dir &d) { return from(d.XYZ()); }
gp_Ax2 ax2(const zk_ax2 *frame); /* NULL: the world XY frame */
gp_Trsf trsf(const zk_trsf *t);
void trsf_out(const gp_Trsf &t, zk_trsf *out);

/* Throws Standard_Failure(type-less) with a message: used for argument checks. */
[[noreturn]] void fail(const char *message);

inline zk_vec nan_vec() {
    double n = std::numeric_limits<double>::quiet_NaN();
    return zk_vec{n, n, n};
}

/* Run f, translating any exception into the recorded error and returning `failed`. */
template <class R, class F>
R guard(R failed, F &&f) {
    zk_init();
    clear_error();
    try {
        return f();
    } catch (const Standard_Failure &e) {
        record_failure(e);
    } catch (const std::exception &e) {
        set_error("", e.what());
    } catch (...) {
        set_error("", "unknown exception in the OCCT kernel");
    }
    return failed;
}

} // namespace zk

#endif
