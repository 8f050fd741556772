// params.cpp: parametric queries and constructions on curves and surfaces, as CadQuery's newer
// Mixin1D/Edge/Face methods use them: arc-length and closest-point parameters, derivatives,
// curvature, sampling, moving frames, trimming in parameter space, edges built in a face's (u,v)
// space, isolines, face extension and added holes.
#include "kernel_internal.hpp"

#include <Adaptor3d_IsoCurve.hxx>
#include <BRepAdaptor_CompCurve.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepBuilderAPI_NurbsConvert.hxx>
#include <BRepGProp_Face.hxx>
#include <BRepLib.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <Extrema_ExtPC.hxx>
#include <GCE2d_MakeSegment.hxx>
#include <GCPnts_AbscissaPoint.hxx>
#include <GCPnts_QuasiUniformAbscissa.hxx>
#include <GCPnts_QuasiUniformDeflection.hxx>
#include <Geom2dAPI_Interpolate.hxx>
#include <GeomAPI_ProjectPointOnCurve.hxx>
#include <GeomAPI_ProjectPointOnSurf.hxx>
#include <GeomAdaptor_Surface.hxx>
#include <GeomFill_CorrectedFrenet.hxx>
#include <GeomFill_Frenet.hxx>
#include <Geom_Surface.hxx>
#include <LProp3d_CLProps.hxx>
#include <ShapeAnalysis_Edge.hxx>
#include <ShapeAnalysis_Surface.hxx>
#include <ShapeFix_Shape.hxx>
#include <TColStd_HArray1OfReal.hxx>
#include <TColgp_HArray1OfPnt2d.hxx>
#include <TopoDS.hxx>
#include <gp_Ax3.hxx>

#include <Geom2d_BSplineCurve.hxx>
#include <Geom_BSplineCurve.hxx>
#include <Geom_BezierCurve.hxx>

#include <cstdlib>
#include <memory>

namespace {

/* The adaptor of an edge or a wire (CadQuery's _geomAdaptor), as a handle (LProp3d, GeomFill). */
Handle(Adaptor3d_Curve) curve_of(const zk_shape *s) {
    const TopoDS_Shape &sh = zk::get(s);
    if (sh.ShapeType() == TopAbs_EDGE) return new BRepAdaptor_Curve(TopoDS::Edge(sh));
    if (sh.ShapeType() == TopAbs_WIRE) return new BRepAdaptor_CompCurve(TopoDS::Wire(sh));
    zk::fail("not an edge or a wire");
}

const TopoDS_Face &face_of(const zk_shape *s) {
    const TopoDS_Shape &sh = zk::get(s);
    if (sh.ShapeType() != TopAbs_FACE) zk::fail("not a face");
    return TopoDS::Face(sh);
}

/* The closest parameter of p on a curve adaptor within its bounds (the ends included). */
double closest_param(const Adaptor3d_Curve &c, const gp_Pnt &p) {
    double u0 = c.FirstParameter(), u1 = c.LastParameter();
    double best = u0, dbest = p.SquareDistance(c.Value(u0));
    double d1 = p.SquareDistance(c.Value(u1));
    if (d1 < dbest) {
        best = u1;
        dbest = d1;
    }
    Extrema_ExtPC ext(p, c, u0, u1, 1e-9);
    if (ext.IsDone())
        for (int i = 1; i <= ext.NbExt(); i++)
            if (ext.SquareDistance(i) < dbest) {
                dbest = ext.SquareDistance(i);
                best = ext.Point(i).Parameter();
            }
    return best;
}

/* A 2D B-spline through the (u,v) points, optionally at given parameters. */
Handle(Geom2d_Curve) interpolate2d(const double *uv, size_t n, const double *params, int periodic, double tol) {
    if (n < 2) zk::fail("edgeOn needs at least 2 points");
    Handle(TColgp_HArray1OfPnt2d) pts = new TColgp_HArray1OfPnt2d(1, (int)n);
    for (size_t i = 0; i < n; i++) pts->SetValue((int)i + 1, gp_Pnt2d(uv[2 * i], uv[2 * i + 1]));
    std::unique_ptr<Geom2dAPI_Interpolate> b;
    if (params) {
        Handle(TColStd_HArray1OfReal) ps = new TColStd_HArray1OfReal(1, (int)n + (periodic ? 1 : 0));
        for (int i = 1; i <= ps->Upper(); i++) ps->SetValue(i, params[i - 1]);
        b = std::make_unique<Geom2dAPI_Interpolate>(pts, ps, periodic != 0, tol);
    } else {
        b = std::make_unique<Geom2dAPI_Interpolate>(pts, periodic != 0, tol);
    }
    b->Perform();
    if (!b->IsDone()) zk::fail("2D interpolation failed");
    Handle(Geom2d_Curve) c(b->Curve());
    return c;
}

} // namespace

extern "C" int zk_curve_param_length(const zk_shape *s, double d, double *u) {
    return zk::guard<int>(-1, [&] {
        Handle(Adaptor3d_Curve) c = curve_of(s);
        double len = GCPnts_AbscissaPoint::Length(*c);
        GCPnts_AbscissaPoint ap(*c, len * d, c->FirstParameter());
        if (!ap.IsDone()) zk::fail("arc length parameter not found");
        *u = ap.Parameter();
        return 0;
    });
}

extern "C" int zk_curve_params_of_points(const zk_shape *s, const zk_vec *pts, size_t n, double *us) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &sh = zk::get(s);
        if (sh.ShapeType() == TopAbs_EDGE) {
            /* CadQuery: GeomAPI_ProjectPointOnCurve on the edge's curve within its bounds */
            double f, l;
            Handle(Geom_Curve) g = BRep_Tool::Curve(TopoDS::Edge(sh), f, l);
            if (!g.IsNull()) {
                Handle(Geom_Curve) gt = Handle(Geom_Curve)::DownCast(g->Transformed(sh.Location().Transformation()));
                GeomAPI_ProjectPointOnCurve proj;
                proj.Init(gt, f, l);
                for (size_t i = 0; i < n; i++) {
                    proj.Perform(zk::pnt(pts[i]));
                    if (proj.NbPoints() > 0) {
                        us[i] = proj.LowerDistanceParameter();
                    } else {
                        BRepAdaptor_Curve c(TopoDS::Edge(sh));
                        us[i] = closest_param(c, zk::pnt(pts[i]));
                    }
                }
                return 0;
            }
        }
        Handle(Adaptor3d_Curve) c = curve_of(s);
        for (size_t i = 0; i < n; i++) us[i] = closest_param(*c, zk::pnt(pts[i]));
        return 0;
    });
}

extern "C" int zk_curve_d1(const zk_shape *s, double u, zk_vec *p, zk_vec *d1) {
    return zk::guard<int>(-1, [&] {
        Handle(Adaptor3d_Curve) c = curve_of(s);
        gp_Pnt pt;
        gp_Vec v;
        c->D1(u, pt, v);
        if (p) *p = zk::from(pt);
        if (d1) *d1 = zk::from(v);
        return 0;
    });
}

extern "C" int zk_curve_curvature(const zk_shape *s, double u, double resolution, double *k) {
    return zk::guard<int>(-1, [&] {
        Handle(Adaptor3d_Curve) c = curve_of(s);
        LProp3d_CLProps props(c, u, 2, resolution);
        *k = props.Curvature();
        return 0;
    });
}

extern "C" int zk_curve_sample(const zk_shape *s, int n, double deflection, double **us, size_t *nout) {
    return zk::guard<int>(-1, [&] {
        Handle(Adaptor3d_Curve) c = curve_of(s);
        bool closed = c->IsClosed();
        std::vector<double> ps;
        if (n > 0) {
            GCPnts_QuasiUniformAbscissa g(*c, closed ? n + 1 : n);
            if (!g.IsDone()) zk::fail("curve sampling failed");
            int np = g.NbPoints();
            for (int i = 1; i <= (closed ? np - 1 : np); i++) ps.push_back(g.Parameter(i));
        } else {
            GCPnts_QuasiUniformDeflection g(*c, deflection);
            if (!g.IsDone()) zk::fail("curve sampling failed");
            int np = g.NbPoints();
            for (int i = 1; i <= (closed ? np - 1 : np); i++) ps.push_back(g.Parameter(i));
        }
        *us = (double *)malloc(sizeof(double) * (ps.size() ? ps.size() : 1));
        if (!*us) zk::fail("out of memory");
        for (size_t i = 0; i < ps.size(); i++) (*us)[i] = ps[i];
        *nout = ps.size();
        return 0;
    });
}

extern "C" int zk_curve_frame(const zk_shape *s, double u, int corrected, int planar, zk_trsf *out) {
    return zk::guard<int>(-1, [&] {
        Handle(Adaptor3d_Curve) c = curve_of(s);
        Handle(GeomFill_TrihedronLaw) law;
        if (corrected)
            law = new GeomFill_CorrectedFrenet();
        else
            law = new GeomFill_Frenet();
        law->SetCurve(c);
        gp_Vec t, nrm, b;
        law->D0(u, t, nrm, b);
        gp_Pnt p = c->Value(u);
        gp_Ax3 ax;
        if (planar) {
            gp_Vec x = gp_Vec(0, 0, 1).Crossed(t);
            ax = gp_Ax3(p, gp_Dir(0, 0, 1), gp_Dir(x));
        } else {
            ax = gp_Ax3(p, gp_Dir(t), gp_Dir(nrm));
        }
        gp_Trsf tr;
        tr.SetTransformation(ax, gp_Ax3());
        zk::trsf_out(tr, out);
        return 0;
    });
}

extern "C" int zk_curve_periodicity(const zk_shape *s, int *periodic, double *period, int *closed) {
    return zk::guard<int>(-1, [&] {
        Handle(Adaptor3d_Curve) c = curve_of(s);
        *periodic = c->IsPeriodic() ? 1 : 0;
        *period = c->IsPeriodic() ? c->Period() : 0.0;
        *closed = c->IsClosed() ? 1 : 0;
        return 0;
    });
}

extern "C" zk_shape *zk_edge_trim(const zk_shape *e, double u0, double u1) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &sh = zk::get(e);
        if (sh.ShapeType() != TopAbs_EDGE) zk::fail("not an edge");
        BRepAdaptor_Curve c(TopoDS::Edge(sh));
        Handle(Geom_Curve) g = c.Curve().Curve();
        Handle(Geom_Curve) gt = Handle(Geom_Curve)::DownCast(g->Transformed(c.Trsf()));
        BRepBuilderAPI_MakeEdge b(gt, u0, u1);
        if (!b.IsDone()) zk::fail("edge trimming failed");
        return zk::wrap(b.Shape());
    });
}

extern "C" int zk_edge_has_pcurve(const zk_shape *e, const zk_shape *f) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &sh = zk::get(e);
        if (sh.ShapeType() != TopAbs_EDGE) zk::fail("not an edge");
        return ShapeAnalysis_Edge().HasPCurve(TopoDS::Edge(sh), face_of(f)) ? 1 : 0;
    });
}

extern "C" zk_shape *zk_edge_on_face(const zk_shape *face, const double *uv, size_t n, const double *params,
                                     int periodic, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        Handle(Geom2d_Curve) c2 = interpolate2d(uv, n, params, periodic, tol);
        Handle(Geom_Surface) surf = BRep_Tool::Surface(face_of(face));
        TopoDS_Edge e = BRepBuilderAPI_MakeEdge(c2, surf).Edge();
        BRepLib::BuildCurves3d(e);
        return zk::wrap(e);
    });
}

extern "C" int zk_face_uv_bounds(const zk_shape *f, double out[4]) {
    return zk::guard<int>(-1, [&] {
        BRepTools::UVBounds(face_of(f), out[0], out[1], out[2], out[3]);
        return 0;
    });
}

extern "C" int zk_face_params_of_points(const zk_shape *f, const zk_vec *pts, size_t n, int analysis, double tol,
                                        double *uv) {
    return zk::guard<int>(-1, [&] {
        Handle(Geom_Surface) surf = BRep_Tool::Surface(face_of(f));
        if (!analysis) {
            for (size_t i = 0; i < n; i++) {
                GeomAPI_ProjectPointOnSurf proj(zk::pnt(pts[i]), surf);
                proj.LowerDistanceParameters(uv[2 * i], uv[2 * i + 1]);
            }
            return 0;
        }
        Handle(ShapeAnalysis_Surface) sas = new ShapeAnalysis_Surface(surf);
        gp_Pnt2d prev;
        for (size_t i = 0; i < n; i++) {
            prev = i == 0 ? sas->ValueOfUV(zk::pnt(pts[i]), tol) : sas->NextValueOfUV(prev, zk::pnt(pts[i]), tol);
            uv[2 * i] = prev.X();
            uv[2 * i + 1] = prev.Y();
        }
        return 0;
    });
}

extern "C" int zk_face_eval(const zk_shape *f, double u, double v, zk_vec *p, zk_vec *normal, zk_vec *du,
                            zk_vec *dv) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Face &fc = face_of(f);
        gp_Pnt pt;
        gp_Vec n;
        BRepGProp_Face(fc).Normal(u, v, pt, n);
        if (p) *p = zk::from(pt);
        if (normal) *normal = zk::from(n);
        if (du || dv) {
            gp_Vec a, b;
            BRep_Tool::Surface(fc)->D1(u, v, pt, a, b);
            if (du) *du = zk::from(a);
            if (dv) *dv = zk::from(b);
        }
        return 0;
    });
}

extern "C" zk_shape *zk_face_trim_uv(const zk_shape *f, double u0, double u1, double v0, double v1, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepBuilderAPI_MakeFace b(BRep_Tool::Surface(face_of(f)), u0, u1, v0, v1, tol);
        if (!b.IsDone()) zk::fail("face trimming failed");
        return zk::wrap(b.Shape());
    });
}

extern "C" zk_shape *zk_face_trim_wires(const zk_shape *f, const zk_shape *outer, zk_shape *const *inner,
                                        size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &o = zk::get(outer);
        if (o.ShapeType() != TopAbs_WIRE) zk::fail("trim: the outer boundary is not a wire");
        BRepBuilderAPI_MakeFace b(BRep_Tool::Surface(face_of(f)), TopoDS::Wire(o));
        for (size_t i = 0; i < n; i++) b.Add(TopoDS::Wire(zk::get(inner[i])));
        if (!b.IsDone()) zk::fail("face trimming failed");
        ShapeFix_Shape fix(b.Face());
        fix.Perform();
        return zk::wrap(fix.Shape());
    });
}

extern "C" zk_shape *zk_face_trim_polygon_uv(const zk_shape *f, const double *uv, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (n < 3) zk::fail("trim needs at least 3 (u, v) points");
        Handle(Geom_Surface) surf = BRep_Tool::Surface(face_of(f));
        TopTools_ListOfShape edges;
        for (size_t i = 0; i < n; i++) {
            size_t j = (i + 1) % n;
            Handle(Geom2d_TrimmedCurve) seg =
                GCE2d_MakeSegment(gp_Pnt2d(uv[2 * i], uv[2 * i + 1]), gp_Pnt2d(uv[2 * j], uv[2 * j + 1])).Value();
            edges.Append(BRepBuilderAPI_MakeEdge(seg, surf).Edge());
        }
        BRepBuilderAPI_MakeWire wb;
        wb.Add(edges);
        TopoDS_Wire w = wb.Wire();
        BRepLib::BuildCurves3d(w);
        BRepBuilderAPI_MakeFace b(surf, w);
        if (!b.IsDone()) zk::fail("face trimming failed");
        ShapeFix_Shape fix(b.Face());
        fix.Perform();
        return zk::wrap(fix.Shape());
    });
}

extern "C" zk_shape *zk_face_isoline(const zk_shape *f, double param, int u_dir) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Face &fc = face_of(f);
        double u1, u2, v1, v2;
        BRepTools::UVBounds(fc, u1, u2, v1, v2);
        Handle(GeomAdaptor_Surface) gs = new GeomAdaptor_Surface(BRep_Tool::Surface(fc));
        Adaptor3d_IsoCurve iso(gs, u_dir ? GeomAbs_IsoU : GeomAbs_IsoV, param);
        double p1 = u_dir ? v1 : u1, p2 = u_dir ? v2 : u2;
        BRepBuilderAPI_MakeEdge b;
        switch (iso.GetType()) {
        case GeomAbs_BSplineCurve: b = BRepBuilderAPI_MakeEdge(iso.BSpline(), p1, p2); break;
        case GeomAbs_BezierCurve: b = BRepBuilderAPI_MakeEdge(iso.Bezier(), p1, p2); break;
        case GeomAbs_Circle: b = BRepBuilderAPI_MakeEdge(iso.Circle(), p1, p2); break;
        case GeomAbs_Line: b = BRepBuilderAPI_MakeEdge(iso.Line(), p1, p2); break;
        case GeomAbs_Ellipse: b = BRepBuilderAPI_MakeEdge(iso.Ellipse(), p1, p2); break;
        case GeomAbs_Hyperbola: b = BRepBuilderAPI_MakeEdge(iso.Hyperbola(), p1, p2); break;
        case GeomAbs_Parabola: b = BRepBuilderAPI_MakeEdge(iso.Parabola(), p1, p2); break;
        default: zk::fail("isoline: unsupported curve type");
        }
        if (!b.IsDone()) zk::fail("isoline construction failed");
        return zk::wrap(b.Edge());
    });
}

extern "C" zk_shape *zk_face_extend(const zk_shape *f, double d, int umin, int umax, int vmin, int vmax) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        TopoDS_Face fc = face_of(f);
        BRepAdaptor_Surface ad(fc);
        if (ad.GetType() != GeomAbs_BSplineSurface)
            fc = TopoDS::Face(BRepBuilderAPI_NurbsConvert(fc, true).Shape());
        TopoDS_Face out;
        BRepLib::ExtendFace(fc, d, umin != 0, umax != 0, vmin != 0, vmax != 0, out);
        return zk::wrap(out);
    });
}

extern "C" zk_shape *zk_face_add_holes(const zk_shape *f, zk_shape *const *wires, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepBuilderAPI_MakeFace b(face_of(f));
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &w = zk::get(wires[i]);
            if (w.ShapeType() != TopAbs_WIRE) zk::fail("addHole: not a wire");
            b.Add(TopoDS::Wire(w));
        }
        if (!b.IsDone()) zk::fail("adding holes failed");
        ShapeFix_Shape fix(b.Face());
        fix.Perform();
        return zk::wrap(fix.Shape());
    });
}

extern "C" zk_shape *zk_to_nurbs(const zk_shape *s) {
    return zk::guard<zk_shape *>(nullptr, [&] { return zk::wrap(BRepBuilderAPI_NurbsConvert(zk::get(s), true).Shape()); });
}
