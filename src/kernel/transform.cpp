// transform.cpp: copies of shapes moved, rotated, scaled, mirrored or generally transformed
// (BRepBuilderAPI_Transform / GTransform) and TopLoc_Location based placement.
#include "kernel_internal.hpp"

#include <BRepBuilderAPI_GTransform.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <TopLoc_Location.hxx>
#include <gp_Ax1.hxx>
#include <gp_GTrsf.hxx>
#include <gp_Mat.hxx>

namespace {
zk_shape *apply(const zk_shape *s, const gp_Trsf &t) {
    BRepBuilderAPI_Transform op(zk::get(s), t, Standard_True);
    return zk::wrap(op.Shape());
}
} // namespace

extern "C" zk_shape *zk_transformed(const zk_shape *s, const zk_trsf *t) {
    return zk::guard<zk_shape *>(nullptr, [&] { return apply(s, zk::trsf(t)); });
}

extern "C" zk_shape *zk_moved(const zk_shape *s, const zk_trsf *t) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return zk::wrap(zk::get(s).Moved(TopLoc_Location(zk::trsf(t))));
    });
}

extern "C" zk_shape *zk_located(const zk_shape *s, const zk_trsf *t) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return zk::wrap(zk::get(s).Located(TopLoc_Location(zk::trsf(t))));
    });
}

extern "C" int zk_location(const zk_shape *s, zk_trsf *out) {
    return zk::guard<int>(-1, [&] {
        if (!out) zk::fail("NULL output transform");
        zk::trsf_out(zk::get(s).Location().Transformation(), out);
        return 0;
    });
}

extern "C" zk_shape *zk_translated(const zk_shape *s, zk_vec v) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        gp_Trsf t;
        t.SetTranslation(zk::vec(v));
        return apply(s, t);
    });
}

extern "C" zk_shape *zk_rotated(const zk_shape *s, zk_vec axis_p, zk_vec axis_dir, double angle) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        gp_Trsf t;
        t.SetRotation(gp_Ax1(zk::pnt(axis_p), zk::dir(axis_dir)), angle);
        return apply(s, t);
    });
}

extern "C" zk_shape *zk_scaled(const zk_shape *s, zk_vec center, double factor) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        gp_Trsf t;
        t.SetScale(zk::pnt(center), factor);
        return apply(s, t);
    });
}

extern "C" zk_shape *zk_mirrored(const zk_shape *s, zk_vec plane_p, zk_vec plane_normal) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        gp_Trsf t;
        t.SetMirror(gp_Ax2(zk::pnt(plane_p), zk::dir(plane_normal)));
        return apply(s, t);
    });
}

extern "C" zk_shape *zk_general_transformed(const zk_shape *s, const zk_trsf *t) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!t) zk::fail("NULL transform");
        gp_GTrsf g;
        g.SetVectorialPart(gp_Mat(t->m[0][0], t->m[0][1], t->m[0][2], t->m[1][0], t->m[1][1],
                                  t->m[1][2], t->m[2][0], t->m[2][1], t->m[2][2]));
        g.SetTranslationPart(gp_XYZ(t->m[0][3], t->m[1][3], t->m[2][3]));
        BRepBuilderAPI_GTransform op(zk::get(s), g, Standard_True);
        return zk::wrap(op.Shape());
    });
}
