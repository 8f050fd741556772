// wires.cpp: wires assembled from edges (BRepBuilderAPI_MakeWire, ShapeAnalysis_FreeBounds),
// polygons, closing an open wire, and planar wire offsets (BRepOffsetAPI_MakeOffset).
#include "kernel_internal.hpp"

#include <BRepAdaptor_CompCurve.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepOffsetAPI_MakeOffset.hxx>
#include <BRep_Tool.hxx>
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
        if (mk.IsDone()) return zk::wrap(mk.Wire());
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
