// faces.cpp: planar faces from wires (CadQuery's Face.makeFromWires), filling faces, plane
// rectangles, normals and uv-centre points, outer/inner wires, 2D fillets and chamfers.
#include "history_internal.hpp"

#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepFilletAPI_MakeFillet2d.hxx>
#include <BRepGProp_Face.hxx>
#include <BRepLib_FindSurface.hxx>
#include <BRepOffsetAPI_MakeFilling.hxx>
#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <GeomAPI_ProjectPointOnSurf.hxx>
#include <Geom_Surface.hxx>
#include <ShapeFix_Face.hxx>
#include <ShapeFix_Shape.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <gp_Ax3.hxx>
#include <gp_Pln.hxx>

namespace {

const TopoDS_Face &face_of(const zk_shape *s) {
    const TopoDS_Shape &sh = zk::get(s);
    if (sh.ShapeType() != TopAbs_FACE) zk::fail("not a face");
    return TopoDS::Face(sh);
}

const TopoDS_Wire &wire_of(const zk_shape *s, const char *what) {
    const TopoDS_Shape &sh = zk::get(s);
    if (sh.ShapeType() != TopAbs_WIRE) zk::fail(what);
    return TopoDS::Wire(sh);
}

void uv_mid(const TopoDS_Face &f, double *u, double *v) {
    double u0, u1, v0, v1;
    BRepTools::UVBounds(f, u0, u1, v0, v1);
    *u = 0.5 * (u0 + u1);
    *v = 0.5 * (v0 + v1);
}

/* CadQuery's Shape.fix(): ShapeFix_Shape only when the shape is not valid. */
TopoDS_Shape fix_if_invalid(const TopoDS_Shape &s) {
    if (BRepCheck_Analyzer(s).IsValid()) return s;
    ShapeFix_Shape fix(s);
    fix.Perform();
    return fix.Shape();
}

} // namespace

extern "C" zk_shape *zk_face_from_wires(const zk_shape *outer, zk_shape *const *inners, size_t ninners) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Wire &ow = wire_of(outer, "Cannot build face(s): outer shape is not a wire");
        if (ninners && !BRep_Tool::IsClosed(ow)) zk::fail("Cannot build face(s): outer wire is not closed");
        BRep_Builder b;
        TopoDS_Compound all;
        b.MakeCompound(all);
        b.Add(all, ow);
        for (size_t i = 0; i < ninners; i++) b.Add(all, wire_of(inners[i], "Cannot build face(s): inner shape is not a wire"));
        if (!BRepLib_FindSurface(all, -1, Standard_True).Found()) zk::fail("Cannot build face(s): wires not planar");

        ShapeFix_Shape sfs(ow);
        sfs.Perform();
        TopoDS_Wire wo = TopoDS::Wire(sfs.Shape());
        BRepBuilderAPI_MakeFace mk(wo, Standard_True);
        for (size_t i = 0; i < ninners; i++) {
            const TopoDS_Wire &iw = TopoDS::Wire(zk::get(inners[i]));
            if (!BRep_Tool::IsClosed(iw)) zk::fail("Cannot build face(s): inner wire is not closed");
            mk.Add(iw);
        }
        mk.Build();
        if (!mk.IsDone()) {
            std::string msg = "Cannot build face(s): " + std::to_string((int)mk.Error());
            zk::fail(msg.c_str());
        }
        ShapeFix_Face sff(mk.Face());
        sff.FixOrientation();
        sff.Perform();
        return zk::wrap(sff.Result());
    });
}

extern "C" zk_shape *zk_face_filling(zk_shape *const *edges, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepOffsetAPI_MakeFilling fill(3, 15, 2, Standard_False, 1e-5, 1e-4, 1e-2, 0.1, 8, 9);
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &s = zk::get(edges[i]);
            for (TopExp_Explorer ex(s, TopAbs_EDGE); ex.More(); ex.Next())
                fill.Add(TopoDS::Edge(ex.Current()), GeomAbs_C0);
        }
        fill.Build();
        return zk::wrap(fix_if_invalid(fill.Shape()));
    });
}

extern "C" zk_shape *zk_face_plane(const zk_ax2 *frame, double width, double height) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        gp_Pln pln(gp_Ax3(zk::ax2(frame)));
        if (width > 0 && height > 0)
            return zk::wrap(BRepBuilderAPI_MakeFace(pln, -width / 2, width / 2, -height / 2, height / 2).Face());
        return zk::wrap(BRepBuilderAPI_MakeFace(pln).Face());
    });
}

extern "C" zk_vec zk_face_normal_at(const zk_shape *face, const zk_vec *at) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        const TopoDS_Face &f = face_of(face);
        double u, v;
        if (!at) {
            uv_mid(f, &u, &v);
        } else {
            Handle(Geom_Surface) surf = BRep_Tool::Surface(f);
            GeomAPI_ProjectPointOnSurf proj(zk::pnt(*at), surf);
            proj.LowerDistanceParameters(u, v);
        }
        gp_Pnt p;
        gp_Vec n;
        BRepGProp_Face(f).Normal(u, v, p, n);
        return zk::from(n);
    });
}

extern "C" zk_vec zk_face_center_uv(const zk_shape *face) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        const TopoDS_Face &f = face_of(face);
        double u, v;
        uv_mid(f, &u, &v);
        return zk::from(BRep_Tool::Surface(f)->Value(u, v));
    });
}

extern "C" zk_shape *zk_face_outer_wire(const zk_shape *face) {
    return zk::guard<zk_shape *>(nullptr, [&] { return zk::wrap(BRepTools::OuterWire(face_of(face))); });
}

extern "C" int zk_face_inner_wires(const zk_shape *face, zk_shape ***out, size_t *nout) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Face &f = face_of(face);
        TopoDS_Wire outer = BRepTools::OuterWire(f);
        TopTools_IndexedMapOfShape map;
        TopExp::MapShapes(f, TopAbs_WIRE, map);
        std::vector<TopoDS_Shape> v;
        for (int i = 1; i <= map.Extent(); i++)
            if (!map(i).IsSame(outer)) v.push_back(map(i));
        return zk::export_list(v, out, nout);
    });
}

/* History of a 2D fillet/chamfer (CadQuery's fillet2D/chamfer2D): the builder's generated and
 * modified shapes, then the i-th new edge as what vertex i generated. */
static void record_2d(BRepFilletAPI_MakeFillet2d &mk, const TopTools_SequenceOfShape &made, zk_shape *const *vertices,
               size_t n) {
    zk_hist *h = zk::hist_active();
    if (!h || h->mode != ZK_HIST_RECORD || !mk.IsDone()) return;
    zk::hist_record(mk, zk::HIST_GEN | zk::HIST_MOD);
    for (size_t i = 0; i < n && static_cast<int>(i) < made.Length(); i++)
        zk::hist_add(h, zk::get(vertices[i]), ZK_HIST_GENERATED, made(static_cast<int>(i) + 1), true);
}

extern "C" zk_shape *zk_fillet2d(const zk_shape *face, zk_shape *const *vertices, size_t n, double radius) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepFilletAPI_MakeFillet2d mk(face_of(face));
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &v = zk::get(vertices[i]);
            if (v.ShapeType() != TopAbs_VERTEX) zk::fail("zk_fillet2d: not a vertex");
            mk.AddFillet(TopoDS::Vertex(v), radius);
        }
        mk.Build();
        record_2d(mk, mk.FilletEdges(), vertices, n);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_chamfer2d(const zk_shape *face, zk_shape *const *vertices, size_t n, double d) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Face &f = face_of(face);
        TopTools_IndexedDataMapOfShapeListOfShape map;
        TopExp::MapShapesAndAncestors(f, TopAbs_VERTEX, TopAbs_EDGE, map);
        BRepFilletAPI_MakeFillet2d mk(f);
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &v = zk::get(vertices[i]);
            const TopTools_ListOfShape *edges = map.Seek(v);
            if (!edges || edges->Extent() < 2) zk::fail("Cannot chamfer at this location");
            mk.AddChamfer(TopoDS::Edge(edges->First()), TopoDS::Edge(edges->Last()), d, d);
        }
        mk.Build();
        record_2d(mk, mk.ChamferEdges(), vertices, n);
        return zk::wrap(fix_if_invalid(mk.Shape()));
    });
}
