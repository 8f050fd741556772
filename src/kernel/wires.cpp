// wires.cpp: wires assembled from edges (BRepBuilderAPI_MakeWire, ShapeAnalysis_FreeBounds),
// polygons, closing an open wire, and planar wire offsets (BRepOffsetAPI_MakeOffset).
#include "history_internal.hpp"

#include <BRepAdaptor_CompCurve.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepOffsetAPI_MakeOffset.hxx>
#include <BRep_Tool.hxx>
#include <Geom_Curve.hxx>
#include <ShapeAnalysis_FreeBounds.hxx>
#include <TopExp.hxx>
#include <TopTools_HSequenceOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Iterator.hxx>

namespace {

/* The non-degenerated edges of the inputs, each input explored in MapShapes order. */
Handle(TopTools_HSequenceOfShape) edges_of(zk_shape *const *shapes, size_t n) {
    Handle(TopTools_HSequenceOfShape) seq = new TopTools_HSequenceOfShape;
    TopTools_IndexedMapOfShape seen;
    for (size_t i = 0; i < n; i++) {
        TopTools_IndexedMapOfShape map;
        TopExp::MapShapes(zk::get(shapes[i]), TopAbs_EDGE, map);
        for (int k = 1; k <= map.Extent(); k++) {
            const TopoDS_Edge &e = TopoDS::Edge(map(k));
            if (BRep_Tool::Degenerated(e) || seen.Contains(e)) continue;
            seen.Add(e);
            seq->Append(e);
        }
    }
    return seq;
}

std::vector<TopoDS_Shape> connect(zk_shape *const *shapes, size_t n, double tol) {
    Handle(TopTools_HSequenceOfShape) wires = new TopTools_HSequenceOfShape;
    Handle(TopTools_HSequenceOfShape) edges = edges_of(shapes, n);
    ShapeAnalysis_FreeBounds::ConnectEdgesToWires(edges, tol, Standard_False, wires);
    std::vector<TopoDS_Shape> v;
    for (int i = 1; i <= wires->Length(); i++) v.push_back(wires->Value(i));
    return v;
}

/* The edge of w lying on e's curve (BRepLib_MakeWire copies an edge to merge its vertices,
 * keeping the curve); null when none. */
TopoDS_Shape edge_on_same_curve(const TopTools_IndexedMapOfShape &wedges, const TopoDS_Edge &e) {
    TopLoc_Location loc;
    double f, l;
    Handle(Geom_Curve) c = BRep_Tool::Curve(e, loc, f, l);
    for (int k = 1; k <= wedges.Extent(); k++) {
        if (wedges(k).IsSame(e)) return wedges(k);
        TopLoc_Location loc2;
        Handle(Geom_Curve) c2 = BRep_Tool::Curve(TopoDS::Edge(wedges(k)), loc2, f, l);
        if (!c.IsNull() && c == c2 && loc == loc2) return wedges(k);
    }
    return TopoDS_Shape();
}

/* The vertex of edge e nearest to the vertex v. */
TopoDS_Shape nearest_vertex(const TopoDS_Shape &e, const TopoDS_Vertex &v) {
    TopoDS_Vertex a, b;
    TopExp::Vertices(TopoDS::Edge(e), a, b);
    gp_Pnt p = BRep_Tool::Pnt(v);
    if (a.IsNull()) return b;
    if (b.IsNull()) return a;
    return p.Distance(BRep_Tool::Pnt(a)) <= p.Distance(BRep_Tool::Pnt(b)) ? a : b;
}

/* CadQuery's wire() history: each input edge is modified into (and imaged by) the wire's edge on
 * its curve, and each of its vertices into that edge's vertex at the same point. */
void record_wire(const TopoDS_Shape &w, const TopTools_ListOfShape &edges) {
    zk_hist *h = zk::hist_active();
    if (!h || h->mode != ZK_HIST_RECORD) return;
    TopTools_IndexedMapOfShape wedges;
    TopExp::MapShapes(w, TopAbs_EDGE, wedges);
    for (TopTools_ListIteratorOfListOfShape it(edges); it.More(); it.Next()) {
        const TopoDS_Edge &e = TopoDS::Edge(it.Value());
        TopoDS_Shape ne = edge_on_same_curve(wedges, e);
        if (ne.IsNull()) continue;
        zk::hist_add(h, e, ZK_HIST_MODIFIED, ne, true);
        zk::hist_add(h, e, ZK_HIST_IMAGES, ne, true);
        TopoDS_Vertex a, b;
        TopExp::Vertices(e, a, b);
        for (const TopoDS_Vertex &v : {a, b}) {
            if (v.IsNull()) continue;
            TopoDS_Shape nv = nearest_vertex(ne, v);
            zk::hist_add(h, v, ZK_HIST_MODIFIED, nv, true);
            zk::hist_add(h, v, ZK_HIST_IMAGES, nv, true);
        }
    }
}

} // namespace

extern "C" zk_shape *zk_wire_from_edges(zk_shape *const *edges, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepBuilderAPI_MakeWire mk;
        TopTools_ListOfShape list;
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &s = zk::get(edges[i]);
            if (s.ShapeType() == TopAbs_EDGE)
                list.Append(s);
            else if (s.ShapeType() == TopAbs_WIRE)
                for (TopoDS_Iterator it(s); it.More(); it.Next()) list.Append(it.Value());
            else
                zk::fail("zk_wire_from_edges: inputs must be edges or wires");
        }
        mk.Add(list);
        mk.Build();
        if (mk.IsDone()) {
            record_wire(mk.Wire(), list);
            return zk::wrap(mk.Wire());
        }
        std::vector<TopoDS_Shape> wires = connect(edges, n, 1e-6);
        if (wires.size() == 1) return zk::wrap(wires[0]);
        return zk::wrap(mk.Wire()); /* raises StdFail_NotDone with the builder's state */
    });
}

extern "C" zk_shape *zk_wire_polygon(const zk_vec *pts, size_t n, int close) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!pts || n < 2) zk::fail("a polygon needs at least 2 points");
        BRepBuilderAPI_MakePolygon mk;
        for (size_t i = 0; i < n; i++) mk.Add(zk::pnt(pts[i]));
        if (close) mk.Close();
        return zk::wrap(mk.Wire());
    });
}

extern "C" int zk_wires_from_edges(zk_shape *const *edges, size_t n, zk_shape ***out, size_t *nout) {
    return zk::guard<int>(-1, [&] { return zk::export_list(connect(edges, n, 1e-9), out, nout); });
}

extern "C" int zk_wires_from_edges_tol(zk_shape *const *edges, size_t n, double tol, zk_shape ***out,
                                       size_t *nout) {
    return zk::guard<int>(-1, [&] { return zk::export_list(connect(edges, n, tol), out, nout); });
}

extern "C" int zk_wire_offset2d(const zk_shape *wire, double d, int kind, zk_shape ***out, size_t *nout) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &w = zk::get(wire);
        if (w.ShapeType() != TopAbs_WIRE) zk::fail("zk_wire_offset2d: not a wire");
        GeomAbs_JoinType join = kind == 1 ? GeomAbs_Intersection : kind == 2 ? GeomAbs_Tangent : GeomAbs_Arc;
        BRepOffsetAPI_MakeOffset mk;
        mk.Init(join);
        mk.AddWire(TopoDS::Wire(w));
        mk.Perform(d);
        TopoDS_Shape res = mk.Shape();
        std::vector<TopoDS_Shape> v;
        if (res.ShapeType() == TopAbs_COMPOUND)
            for (TopoDS_Iterator it(res); it.More(); it.Next()) v.push_back(it.Value());
        else
            v.push_back(res);
        return zk::export_list(v, out, nout);
    });
}

extern "C" zk_shape *zk_wire_close(const zk_shape *wire) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &w = zk::get(wire);
        if (BRep_Tool::IsClosed(w)) return zk_ref(const_cast<zk_shape *>(wire));
        BRepAdaptor_CompCurve c(TopoDS::Wire(w));
        gp_Pnt a = c.Value(c.LastParameter()), b = c.Value(c.FirstParameter());
        TopoDS_Edge e = BRepBuilderAPI_MakeEdge(a, b).Edge();
        zk_shape *eh = zk::wrap(e);
        zk_shape *parts[2] = {const_cast<zk_shape *>(wire), eh};
        std::vector<TopoDS_Shape> wires = connect(parts, 2, 1e-9);
        zk_unref(eh);
        if (wires.empty()) zk::fail("could not close the wire");
        return zk::wrap(wires[0]);
    });
}
