// wire_fillet.cpp: CadQuery's Wire.fillet: a 2D/3D fillet at the corners of a wire, each corner in
// the plane of its two edges (ChFi2d_FilletAPI), optionally only at given vertices.
#include "kernel_internal.hpp"

#include <BRepAdaptor_Curve.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepGProp.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <BRep_Tool.hxx>
#include <ChFi2d_FilletAPI.hxx>
#include <GProp_GProps.hxx>
#include <TopExp.hxx>
#include <TopoDS.hxx>
#include <gp_Pln.hxx>

namespace {

gp_Vec tangent(const TopoDS_Edge &e, bool at_end) {
    BRepAdaptor_Curve c(e);
    double u = (at_end != (e.Orientation() == TopAbs_REVERSED)) ? c.LastParameter() : c.FirstParameter();
    gp_Pnt p;
    gp_Vec v;
    c.D1(u, p, v);
    if (e.Orientation() == TopAbs_REVERSED) v.Reverse();
    return v;
}

} // namespace

extern "C" zk_shape *zk_wire_fillet(const zk_shape *wire, double radius, zk_shape *const *vertices, size_t nv) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &ws = zk::get(wire);
        if (ws.ShapeType() != TopAbs_WIRE) zk::fail("fillet: not a wire");
        std::vector<TopoDS_Edge> edges;
        for (BRepTools_WireExplorer ex(TopoDS::Wire(ws)); ex.More(); ex.Next()) edges.push_back(ex.Current());
        if (edges.empty()) zk::fail("fillet: empty wire");
        if (edges.size() == 1) return zk::wrap(ws);
        bool closed = BRep_Tool::IsClosed(ws);
        size_t n = edges.size();
        std::vector<TopoDS_Edge> out;
        TopoDS_Edge cur = edges[0];
        for (size_t i = 0; i < n; i++) {
            if (i == n - 1 && !closed) break;
            TopoDS_Edge next = (i + 1 == n) ? out[0] : edges[i + 1];
            gp_Vec a = tangent(cur, true), b = tangent(next, false), normal = a.Crossed(b);
            TopoDS_Vertex corner = TopExp::LastVertex(cur, true);
            bool wanted = nv == 0;
            for (size_t k = 0; k < nv && !wanted; k++) wanted = corner.IsSame(zk::get(vertices[k]));
            if (normal.Magnitude() < 1e-12 || !wanted) {
                out.push_back(cur);
                cur = next;
                continue;
            }
            GProp_GProps props;
            BRepGProp::LinearProperties(cur, props);
            gp_Pln pln(props.CentreOfMass(), gp_Dir(normal));
            ChFi2d_FilletAPI api(cur, next, pln);
            if (!api.Perform(radius)) zk::fail("Failed fillet at a vertex");
            gp_Pnt p = BRep_Tool::Pnt(TopExp::FirstVertex(next, true));
            TopoDS_Edge arc = api.Result(p, cur, next);
            if (arc.IsNull()) zk::fail("Failed fillet at a vertex");
            out.push_back(cur);
            out.push_back(arc);
            if (i + 1 == n) out[0] = next;   /* closing corner: the first edge is clipped at its start */
            cur = next;
        }
        if (!closed) out.push_back(cur);
        BRepBuilderAPI_MakeWire mk;
        for (const auto &e : out) mk.Add(e);
        if (!mk.IsDone()) zk::fail("fillet: the filleted edges do not make a wire");
        return zk::wrap(mk.Wire());
    });
}
