// features.cpp: 3D fillets (BRepFilletAPI_MakeFillet), chamfers (BRepFilletAPI_MakeChamfer with
// the first ancestor face of each edge, as CadQuery does) and shelling (thick solid by join).
#include "kernel_internal.hpp"

#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepFilletAPI_MakeChamfer.hxx>
#include <BRepFilletAPI_MakeFillet.hxx>
#include <BRepOffsetAPI_MakeThickSolid.hxx>
#include <ShapeFix_Shape.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>

namespace {

const TopoDS_Edge &edge_of(const zk_shape *s) {
    const TopoDS_Shape &sh = zk::get(s);
    if (sh.ShapeType() != TopAbs_EDGE) zk::fail("expected an edge");
    return TopoDS::Edge(sh);
}

TopoDS_Shell first_shell(const TopoDS_Shape &s) {
    TopTools_IndexedMapOfShape map;
    TopExp::MapShapes(s, TopAbs_SHELL, map);
    if (map.Extent() < 1) zk::fail("the shape has no shell");
    return TopoDS::Shell(map(1));
}

} // namespace

extern "C" zk_shape *zk_fillet(const zk_shape *solid, zk_shape *const *edges, size_t n, double radius) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepFilletAPI_MakeFillet mk(zk::get(solid));
        for (size_t i = 0; i < n; i++) mk.Add(radius, edge_of(edges[i]));
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_chamfer(const zk_shape *solid, zk_shape *const *edges, size_t n, double d1, double d2) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &s = zk::get(solid);
        TopTools_IndexedDataMapOfShapeListOfShape map;
        TopExp::MapShapesAndAncestors(s, TopAbs_EDGE, TopAbs_FACE, map);
        if (d2 <= 0) d2 = d1;
        BRepFilletAPI_MakeChamfer mk(s);
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Edge &e = edge_of(edges[i]);
            const TopTools_ListOfShape &faces = map.FindFromKey(e);
            mk.Add(d1, d2, e, TopoDS::Face(faces.First()));
        }
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_shell(const zk_shape *solid, zk_shape *const *faces, size_t n, double thickness,
                              double tol, int kind) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &s = zk::get(solid);
        if (tol <= 0) tol = 1e-4;
        BRepOffsetAPI_MakeThickSolid mk;
        mk.MakeThickSolidByJoin(s, zk::list_of(faces, n), thickness, tol, BRepOffset_Skin, Standard_True,
                                Standard_False, kind == 1 ? GeomAbs_Intersection : GeomAbs_Arc);
        mk.Build();
        if (n > 0) return zk::wrap(mk.Shape());
        /* No faces removed: a closed hollow solid from the offset shell and the original shell. */
        TopoDS_Shell offset = first_shell(mk.Shape());
        TopoDS_Shell orig = first_shell(s);
        TopoDS_Shape r = thickness > 0 ? BRepBuilderAPI_MakeSolid(offset, orig).Shape()
                                       : BRepBuilderAPI_MakeSolid(orig, offset).Shape();
        if (!BRepCheck_Analyzer(r).IsValid()) {
            ShapeFix_Shape fix(r);
            fix.Perform();
            r = fix.Shape();
        }
        return zk::wrap(r);
    });
}
