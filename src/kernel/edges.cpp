// edges.cpp: vertices and edges (lines, circles and arcs, ellipses, interpolated splines,
// Bezier curves, helices) as CadQuery's Edge.make*/Wire.makeHelix build them, plus curve queries
// (end points, positions and tangents by parameter or arc length, radius, centre, closedness).
#include "kernel_internal.hpp"

#include <BRepAdaptor_CompCurve.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeVertex.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepLib.hxx>
#include <BRep_Tool.hxx>
#include <GCE2d_MakeSegment.hxx>
#include <GCPnts_AbscissaPoint.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <GC_MakeArcOfEllipse.hxx>
#include <GeomAPI_Interpolate.hxx>
#include <GeomAPI_PointsToBSpline.hxx>
#include <Geom2d_Line.hxx>
#include <Geom_BezierCurve.hxx>
#include <Geom_ConicalSurface.hxx>
#include <Geom_CylindricalSurface.hxx>
#include <TColStd_HArray1OfBoolean.hxx>
#include <TColStd_HArray1OfReal.hxx>
#include <TColgp_Array1OfPnt.hxx>
#include <TColgp_Array1OfVec.hxx>
#include <TColgp_HArray1OfPnt.hxx>
#include <TopoDS.hxx>
#include <gp_Ax3.hxx>
#include <gp_Circ.hxx>
#include <gp_Elips.hxx>

#include <memory>

namespace {

zk_shape *edge_of(const Handle(Geom_Curve) & c) { return zk::wrap(BRepBuilderAPI_MakeEdge(c).Edge()); }

/* The adaptor of an edge or a wire (CadQuery's _geomAdaptor). */
std::unique_ptr<Adaptor3d_Curve> adaptor(const zk_shape *s) {
    const TopoDS_Shape &sh = zk::get(s);
    if (sh.ShapeType() == TopAbs_EDGE) return std::make_unique<BRepAdaptor_Curve>(TopoDS::Edge(sh));
    if (sh.ShapeType() == TopAbs_WIRE) return std::make_unique<BRepAdaptor_CompCurve>(TopoDS::Wire(sh));
    zk::fail("not an edge or a wire");
}

/* The curve parameter at t: normalized parameter, or fraction of the arc length. */
double param_at(const Adaptor3d_Curve &c, double t, int length_mode) {
    double u0 = c.FirstParameter(), u1 = c.LastParameter();
    if (!length_mode) return u0 + t * (u1 - u0);
    double len = GCPnts_AbscissaPoint::Length(c);
    GCPnts_AbscissaPoint ap(c, len * t, u0);
    if (!ap.IsDone()) zk::fail("arc length parameter not found");
    return ap.Parameter();
}

/* CadQuery's makeEllipse: a gp_Elips whose major radius is the larger one (rotated when r2 > r1);
 * *correction receives the angle to subtract from arc angles. */
gp_Elips ellipse(const zk_ax2 *frame, double r1, double r2, double *correction) {
    gp_Ax2 ax = zk::ax2(frame);
    if (r2 > r1) {
        *correction = M_PI / 2;
        return gp_Elips(ax, r2, r1).Rotated(ax.Axis(), M_PI / 2);
    }
    *correction = 0;
    return gp_Elips(ax, r1, r2);
}

TopoDS_Wire helix(double pitch, double height, double radius, zk_vec center, zk_vec dir, double angle_deg,
                  int lefthand) {
    gp_Ax3 ax(zk::pnt(center), zk::dir(dir));
    Handle(Geom_Surface) surf;
    if (angle_deg == 360.0)
        surf = new Geom_CylindricalSurface(ax, radius);
    else
        surf = new Geom_ConicalSurface(ax, angle_deg * M_PI / 180.0, radius);
    Handle(Geom2d_Line) line =
        new Geom2d_Line(gp_Pnt2d(0, 0), gp_Dir2d(lefthand ? -2 * M_PI : 2 * M_PI, pitch));
    double turns = height / pitch;
    gp_Pnt2d a = line->Value(0.0);
    gp_Pnt2d b = line->Value(turns * std::sqrt(4 * M_PI * M_PI + pitch * pitch));
    Handle(Geom2d_TrimmedCurve) seg = GCE2d_MakeSegment(a, b).Value();
    TopoDS_Edge e = BRepBuilderAPI_MakeEdge(seg, surf).Edge();
    TopoDS_Wire w = BRepBuilderAPI_MakeWire(e).Wire();
    BRepLib::BuildCurves3d(w, 1e-6, GeomAbs_C1, 14, 2000);
    return w;
}

} // namespace

extern "C" zk_shape *zk_vertex(zk_vec p) {
    return zk::guard<zk_shape *>(nullptr, [&] { return zk::wrap(BRepBuilderAPI_MakeVertex(zk::pnt(p)).Vertex()); });
}

extern "C" zk_vec zk_vertex_point(const zk_shape *v) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        const TopoDS_Shape &sh = zk::get(v);
        if (sh.ShapeType() != TopAbs_VERTEX) zk::fail("not a vertex");
        return zk::from(BRep_Tool::Pnt(TopoDS::Vertex(sh)));
    });
}

extern "C" zk_shape *zk_edge_line(zk_vec a, zk_vec b) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return zk::wrap(BRepBuilderAPI_MakeEdge(zk::pnt(a), zk::pnt(b)).Edge());
    });
}

extern "C" zk_shape *zk_edge_circle(const zk_ax2 *frame, double radius) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return zk::wrap(BRepBuilderAPI_MakeEdge(gp_Circ(zk::ax2(frame), radius)).Edge());
    });
}

extern "C" zk_shape *zk_edge_circle_arc(const zk_ax2 *frame, double radius, double a1, double a2) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        gp_Circ c(zk::ax2(frame), radius);
        return edge_of(GC_MakeArcOfCircle(c, a1, a2, Standard_True).Value());
    });
}

extern "C" zk_shape *zk_edge_arc3(zk_vec p1, zk_vec p2, zk_vec p3) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return edge_of(GC_MakeArcOfCircle(zk::pnt(p1), zk::pnt(p2), zk::pnt(p3)).Value());
    });
}

extern "C" zk_shape *zk_edge_arc_tangent(zk_vec p1, zk_vec tangent, zk_vec p2) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return edge_of(GC_MakeArcOfCircle(zk::pnt(p1), zk::vec(tangent), zk::pnt(p2)).Value());
    });
}

extern "C" zk_shape *zk_edge_ellipse(const zk_ax2 *frame, double r_major, double r_minor) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        double corr;
        gp_Elips e = ellipse(frame, r_major, r_minor, &corr);
        return zk::wrap(BRepBuilderAPI_MakeEdge(e).Edge());
    });
}

extern "C" zk_shape *zk_edge_ellipse_arc(const zk_ax2 *frame, double r1, double r2, double a1, double a2,
                                         int sense) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        double corr;
        gp_Elips e = ellipse(frame, r1, r2, &corr);
        return edge_of(GC_MakeArcOfEllipse(e, a1 - corr, a2 - corr, sense == 1).Value());
    });
}

extern "C" zk_shape *zk_edge_spline(const zk_vec *pts, size_t n, const zk_vec *tangents, size_t ntangents,
                                    int periodic, const double *params, int scale, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!pts || n < 2) zk::fail("a spline needs at least 2 points");
        if (tol <= 0) tol = 1e-6;
        Handle(TColgp_HArray1OfPnt) p = new TColgp_HArray1OfPnt(1, (int)n);
        for (size_t i = 0; i < n; i++) p->SetValue((int)i + 1, zk::pnt(pts[i]));
        std::unique_ptr<GeomAPI_Interpolate> ip;
        if (params) {
            size_t np = n + (periodic ? 1 : 0);
            Handle(TColStd_HArray1OfReal) pa = new TColStd_HArray1OfReal(1, (int)np);
            for (size_t i = 0; i < np; i++) pa->SetValue((int)i + 1, params[i]);
            ip = std::make_unique<GeomAPI_Interpolate>(p, pa, periodic != 0, tol);
        } else {
            ip = std::make_unique<GeomAPI_Interpolate>(p, periodic != 0, tol);
        }
        if (tangents && ntangents) {
            if (ntangents == 2 && n != 2) {
                ip->Load(zk::vec(tangents[0]), zk::vec(tangents[1]), scale != 0);
            } else if (ntangents == n) {
                TColgp_Array1OfVec tv(1, (int)n);
                Handle(TColStd_HArray1OfBoolean) on = new TColStd_HArray1OfBoolean(1, (int)n);
                for (size_t i = 0; i < n; i++) {
                    tv.SetValue((int)i + 1, zk::vec(tangents[i]));
                    on->SetValue((int)i + 1, Standard_True);
                }
                ip->Load(tv, on, scale != 0);
            } else {
                zk::fail("There must be one tangent for each interpolation point, or just two end point tangents");
            }
        }
        ip->Perform();
        if (!ip->IsDone()) zk::fail("B-spline interpolation failed");
        return edge_of(ip->Curve());
    });
}

extern "C" zk_shape *zk_edge_spline_approx(const zk_vec *pts, size_t n, double tol, int min_deg, int max_deg,
                                           const double *smoothing) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!pts || n < 2) zk::fail("a spline needs at least 2 points");
        TColgp_Array1OfPnt p(1, (int)n);
        for (size_t i = 0; i < n; i++) p.SetValue((int)i + 1, zk::pnt(pts[i]));
        std::unique_ptr<GeomAPI_PointsToBSpline> ap;
        if (smoothing)
            ap = std::make_unique<GeomAPI_PointsToBSpline>(p, smoothing[0], smoothing[1], smoothing[2], max_deg,
                                                           GeomAbs_C2, tol);
        else
            ap = std::make_unique<GeomAPI_PointsToBSpline>(p, min_deg, max_deg, GeomAbs_C2, tol);
        if (!ap->IsDone()) zk::fail("B-spline approximation failed");
        return edge_of(ap->Curve());
    });
}

extern "C" zk_shape *zk_edge_bezier(const zk_vec *pts, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!pts || n < 2) zk::fail("a Bezier curve needs at least 2 points");
        TColgp_Array1OfPnt poles(1, (int)n);
        for (size_t i = 0; i < n; i++) poles.SetValue((int)i + 1, zk::pnt(pts[i]));
        return edge_of(new Geom_BezierCurve(poles));
    });
}

extern "C" zk_shape *zk_wire_helix(double pitch, double height, double radius, zk_vec center, zk_vec dir,
                                   int lefthand) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return zk::wrap(helix(pitch, height, radius, center, dir, 360.0, lefthand));
    });
}

extern "C" zk_shape *zk_wire_helix_cone(double pitch, double height, double radius, zk_vec center, zk_vec dir,
                                        double angle_deg, int lefthand) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        return zk::wrap(helix(pitch, height, radius, center, dir, angle_deg, lefthand));
    });
}

/* A reversed edge starts at its curve's last parameter (CadQuery's startPoint: its first vertex). */
static bool reversed_edge(const zk_shape *s) {
    const TopoDS_Shape &sh = zk::get(s);
    return sh.ShapeType() == TopAbs_EDGE && sh.Orientation() == TopAbs_REVERSED;
}

extern "C" zk_vec zk_curve_start(const zk_shape *s) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        auto c = adaptor(s);
        return zk::from(c->Value(reversed_edge(s) ? c->LastParameter() : c->FirstParameter()));
    });
}

extern "C" zk_vec zk_curve_end(const zk_shape *s) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        auto c = adaptor(s);
        return zk::from(c->Value(reversed_edge(s) ? c->FirstParameter() : c->LastParameter()));
    });
}

extern "C" int zk_curve_bounds(const zk_shape *s, double *first, double *last) {
    return zk::guard<int>(-1, [&] {
        auto c = adaptor(s);
        if (first) *first = c->FirstParameter();
        if (last) *last = c->LastParameter();
        return 0;
    });
}

extern "C" zk_vec zk_curve_position_at(const zk_shape *s, double t, int length_mode) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        auto c = adaptor(s);
        return zk::from(c->Value(param_at(*c, t, length_mode)));
    });
}

extern "C" zk_vec zk_curve_tangent_at(const zk_shape *s, double t, int length_mode) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        auto c = adaptor(s);
        gp_Pnt p;
        gp_Vec v;
        c->D1(param_at(*c, t, length_mode), p, v);
        return zk::from(gp_Dir(v));
    });
}

extern "C" int zk_curve_is_closed(const zk_shape *s) {
    return zk::guard<int>(-1, [&] { return BRep_Tool::IsClosed(zk::get(s)) ? 1 : 0; });
}

extern "C" double zk_curve_radius(const zk_shape *s) {
    return zk::guard<double>(-1.0, [&] {
        auto c = adaptor(s);
        if (c->GetType() != GeomAbs_Circle) return -1.0;
        return c->Circle().Radius();
    });
}

extern "C" zk_vec zk_curve_arc_center(const zk_shape *s) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        auto c = adaptor(s);
        if (c->GetType() == GeomAbs_Circle) return zk::from(c->Circle().Location());
        if (c->GetType() == GeomAbs_Ellipse) return zk::from(c->Ellipse().Location());
        zk::fail("the curve has no arc center");
    });
}
