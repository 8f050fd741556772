// freeops.cpp: the kernel side of current CadQuery's free functions that had no earlier
// counterpart: face/shell offsets (BRepOffset_MakeOffset, skin mode), 2D offsets with a context
// face or open ends, closest points, volumes enclosed by faces (BOPAlgo_MakerVolume), imprinting
// (BOPAlgo_Builder), filling with constraints and caps (BRepOffsetAPI_MakeFilling), projections
// of wires onto shapes (normal: BRepAlgo_NormalProjection; along a direction: BRepProj_Projection).
#include "history_internal.hpp"

#include <BOPAlgo_Builder.hxx>
#include <BOPAlgo_MakerVolume.hxx>
#include <BRepAlgo_NormalProjection.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <BRepOffsetAPI_MakeFilling.hxx>
#include <BRepOffsetAPI_MakeOffset.hxx>
#include <BRepOffset_MakeOffset.hxx>
#include <BRepProj_Projection.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>

#include <functional>

namespace {

void each_edge(const TopoDS_Shape &s, const std::function<void(const TopoDS_Edge &)> &f) {
    for (TopExp_Explorer ex(s, TopAbs_EDGE); ex.More(); ex.Next()) f(TopoDS::Edge(ex.Current()));
}

TopoDS_Compound compound_of(const std::vector<TopoDS_Shape> &v) {
    TopoDS_Compound c;
    BRep_Builder b;
    b.MakeCompound(c);
    for (const auto &s : v) b.Add(c, s);
    return c;
}

} // namespace

extern "C" zk_shape *zk_offset_skin(const zk_shape *s, double t, double tol, int cap) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepOffset_MakeOffset b;
        b.Initialize(zk::get(s), t, tol, BRepOffset_Skin, false, false, GeomAbs_Intersection, cap != 0);
        b.MakeOffsetShape();
        if (!b.IsDone()) zk::fail("offset failed");
        zk::hist_record(b, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
        return zk::wrap(b.Shape());
    });
}

extern "C" zk_shape *zk_offset2d_ex(zk_shape *const *wires, size_t n, double t, const zk_shape *ctx_face, int kind,
                                    int open) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        GeomAbs_JoinType join = kind == 1 ? GeomAbs_Intersection : kind == 2 ? GeomAbs_Tangent : GeomAbs_Arc;
        BRepOffsetAPI_MakeOffset b;
        if (ctx_face) {
            const TopoDS_Shape &cf = zk::get(ctx_face);
            if (cf.ShapeType() != TopAbs_FACE) zk::fail("offset2D: the context is not a face");
            BRepBuilderAPI_MakeFace fb(BRep_Tool::Surface(TopoDS::Face(cf)), 1e-6);
            for (size_t i = 0; i < n; i++) fb.Add(TopoDS::Wire(zk::get(wires[i])));
            fb.Build();
            b.Init(fb.Face(), join, open != 0);
        } else {
            b.Init(join, open != 0);
            for (size_t i = 0; i < n; i++) b.AddWire(TopoDS::Wire(zk::get(wires[i])));
        }
        b.Perform(t);
        if (!b.IsDone()) zk::fail("offset2D failed");
        zk::hist_record(b, zk::HIST_GEN | zk::HIST_MOD);
        return zk::wrap(b.Shape());
    });
}

extern "C" int zk_closest_points(const zk_shape *a, const zk_shape *b, zk_vec *pa, zk_vec *pb) {
    return zk::guard<int>(-1, [&] {
        BRepExtrema_DistShapeShape ext(zk::get(a), zk::get(b));
        if (!ext.IsDone() || ext.NbSolution() < 1) zk::fail("closest points not found");
        *pa = zk::from(ext.PointOnShape1(1));
        *pb = zk::from(ext.PointOnShape2(1));
        return 0;
    });
}

extern "C" zk_shape *zk_enclose(zk_shape *const *shapes, size_t n, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BOPAlgo_MakerVolume b;
        b.SetAvoidInternalShapes(true);
        if (tol > 0) b.SetFuzzyValue(tol);
        b.SetRunParallel(false);
        for (size_t i = 0; i < n; i++) b.AddArgument(zk::get(shapes[i]));
        b.Perform();
        if (b.HasErrors()) zk::fail("enclose failed");
        zk::hist_record(b, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
        return zk::wrap(b.Shape());
    });
}

/* Filling of the edges of `bounds`; each edge of `faces_of_edges` (same count, or NULL) makes the
 * boundary G1 to that face (CadQuery's cap); constraint edges (C0, not boundary) and points. */
extern "C" zk_shape *zk_fill_constrained(zk_shape *const *bounds, size_t n, zk_shape *const *faces_of_edges,
                                         zk_shape *const *cons, size_t ncons, const zk_vec *pts, size_t npts) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepOffsetAPI_MakeFilling b;
        if (faces_of_edges) b.SetResolParam(2, 15, 5);
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &e = zk::get(bounds[i]);
            if (e.ShapeType() != TopAbs_EDGE) zk::fail("fill: boundary items must be edges");
            if (faces_of_edges)
                b.Add(TopoDS::Edge(e), TopoDS::Face(zk::get(faces_of_edges[i])), GeomAbs_G1, true);
            else
                b.Add(TopoDS::Edge(e), GeomAbs_C0);
        }
        for (size_t i = 0; i < ncons; i++)
            each_edge(zk::get(cons[i]), [&](const TopoDS_Edge &e) { b.Add(e, GeomAbs_C0, false); });
        for (size_t i = 0; i < npts; i++) b.Add(zk::pnt(pts[i]));
        b.Build();
        if (!b.IsDone()) zk::fail("filling failed");
        return zk::wrap(b.Shape());
    });
}

/* Projection of wires onto base: dir NULL -> normal projection (CadQuery's defaults: C2, degree 3,
 * 30 segments, tol 1e-4); else along dir, every projected piece. */
extern "C" zk_shape *zk_project(zk_shape *const *items, size_t n, const zk_shape *base, const zk_vec *dir) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &bs = zk::get(base);
        if (!dir) {
            BRepAlgo_NormalProjection b(bs);
            double tol = 1e-4;
            b.SetParams(tol, std::pow(tol, 2.0 / 3.0), GeomAbs_C2, 3, 30);
            for (size_t i = 0; i < n; i++) b.Add(zk::get(items[i]));
            b.Build();
            if (!b.IsDone()) zk::fail("projection failed");
            return zk::wrap(b.Projection());
        }
        std::vector<TopoDS_Shape> out;
        for (size_t i = 0; i < n; i++)
            each_edge(zk::get(items[i]), [&](const TopoDS_Edge &e) {
                BRepProj_Projection p(e, bs, zk::dir(*dir));
                for (; p.More(); p.Next()) out.push_back(p.Current());
            });
        return zk::wrap(compound_of(out));
    });
}
