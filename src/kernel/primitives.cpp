// primitives.cpp: box, cylinder, sphere, cone, torus and wedge solids (BRepPrimAPI_*), each
// placed by a frame exactly as CadQuery's Solid.make* does with gp_Ax2(pnt, dir).
#include "kernel_internal.hpp"

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCone.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <BRepPrimAPI_MakeTorus.hxx>
#include <BRepPrimAPI_MakeWedge.hxx>

extern "C" zk_shape *zk_box(const zk_ax2 *frame, double dx, double dy, double dz) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepPrimAPI_MakeBox mk(zk::ax2(frame), dx, dy, dz);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_cylinder(const zk_ax2 *frame, double radius, double height, double angle) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepPrimAPI_MakeCylinder mk(zk::ax2(frame), radius, height, angle);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_sphere(const zk_ax2 *frame, double radius, double a1, double a2, double a3) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepPrimAPI_MakeSphere mk(zk::ax2(frame), radius, a1, a2, a3);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_cone(const zk_ax2 *frame, double r1, double r2, double height, double angle) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepPrimAPI_MakeCone mk(zk::ax2(frame), r1, r2, height, angle);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_torus(const zk_ax2 *frame, double r1, double r2) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepPrimAPI_MakeTorus mk(zk::ax2(frame), r1, r2);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_wedge(const zk_ax2 *frame, double dx, double dy, double dz, double xmin,
                              double zmin, double xmax, double zmax) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepPrimAPI_MakeWedge mk(zk::ax2(frame), dx, dy, dz, xmin, zmin, xmax, zmax);
        return zk::wrap(mk.Solid());
    });
}
