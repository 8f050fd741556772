// hlr.cpp: hidden-line removal (HLRBRep_Algo) of a shape seen along a direction, and the
// discretisation of edges into polylines (GCPnts_QuasiUniformDeflection): what SVG export and
// CadQuery's hlr() need.
#include "kernel_internal.hpp"

#include <BRepAdaptor_Curve.hxx>
#include <BRepLib.hxx>
#include <BRep_Builder.hxx>
#include <GCPnts_QuasiUniformDeflection.hxx>
#include <HLRAlgo_Projector.hxx>
#include <HLRBRep_Algo.hxx>
#include <HLRBRep_HLRToShape.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>

#include <cstdlib>

namespace {

// Adds the edges of part (if not null) to out, with their 3D curves built.
void add_edges(BRep_Builder &b, TopoDS_Compound &out, const TopoDS_Shape &part) {
    if (part.IsNull()) return;
    BRepLib::BuildCurves3d(part, 1e-6);
    for (TopExp_Explorer ex(part, TopAbs_EDGE); ex.More(); ex.Next()) b.Add(out, ex.Current());
}

}  // namespace

extern "C" int zk_hlr(const zk_shape *s, zk_vec dir, const zk_vec *xdir, double focus, zk_shape **visible,
                      zk_shape **hidden) {
    return zk::guard<int>(-1, [&] {
        gp_Ax2 frame = xdir ? gp_Ax2(gp_Pnt(0, 0, 0), zk::dir(dir), zk::dir(*xdir))
                            : gp_Ax2(gp_Pnt(0, 0, 0), zk::dir(dir));
        Handle(HLRBRep_Algo) algo = new HLRBRep_Algo();
        algo->Add(zk::get(s));
        algo->Projector(focus > 0 ? HLRAlgo_Projector(frame, focus) : HLRAlgo_Projector(frame));
        algo->Update();
        algo->Hide();
        HLRBRep_HLRToShape shapes(algo);
        BRep_Builder b;
        TopoDS_Compound vis, hid;
        b.MakeCompound(vis);
        b.MakeCompound(hid);
        add_edges(b, vis, shapes.VCompound());
        add_edges(b, vis, shapes.Rg1LineVCompound());
        add_edges(b, vis, shapes.OutLineVCompound());
        add_edges(b, hid, shapes.HCompound());
        add_edges(b, hid, shapes.OutLineHCompound());
        *visible = zk::wrap(vis);
        *hidden = zk::wrap(hid);
        if (!*hidden) {
            zk_unref(*visible);
            *visible = nullptr;
            return -1;
        }
        return 0;
    });
}

extern "C" int zk_edge_discretize(const zk_shape *edge, double deflection, double **xyz, size_t *n) {
    *xyz = nullptr;
    *n = 0;
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &sh = zk::get(edge);
        if (sh.ShapeType() != TopAbs_EDGE) zk::fail("discretize: not an edge");
        BRepAdaptor_Curve curve(TopoDS::Edge(sh));
        GCPnts_QuasiUniformDeflection pts(curve, deflection, curve.FirstParameter(), curve.LastParameter());
        if (!pts.IsDone()) return 0;
        int np = pts.NbPoints();
        double *out = static_cast<double *>(std::malloc(sizeof(double) * 3 * (np > 0 ? np : 1)));
        if (!out) zk::fail("out of memory");
        for (int i = 0; i < np; i++) {
            gp_Pnt p = pts.Value(i + 1);
            out[3 * i] = p.X();
            out[3 * i + 1] = p.Y();
            out[3 * i + 2] = p.Z();
        }
        *xyz = out;
        *n = (size_t)np;
        return 0;
    });
}
