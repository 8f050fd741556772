// dxf_geom.cpp: the curve side of DXF exchange. An edge as a DXF entity (LINE, CIRCLE/ARC with
// CadQuery's angle convention, ELLIPSE, else a B-spline SPLINE), cubic approximation of splines
// (approx="spline" of exportDXF), and the edges a DXF
// reader needs that kernel.h lacks (a B-spline from DXF control points/knots/weights; circle and
// ellipse arcs by DXF angles).
#include "kernel_internal.hpp"

#include <BRepAdaptor_Curve.hxx>
#include <BSplCLib.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRep_Tool.hxx>
#include <GC_MakeArcOfEllipse.hxx>
#include <GeomAbs_Shape.hxx>
#include <GeomConvert.hxx>
#include <GeomConvert_ApproxCurve.hxx>
#include <Geom_BSplineCurve.hxx>
#include <Geom_Circle.hxx>
#include <Geom_Ellipse.hxx>
#include <Geom_TrimmedCurve.hxx>
#include <TColStd_Array1OfInteger.hxx>
#include <TColStd_Array1OfReal.hxx>
#include <TColgp_Array1OfPnt.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>
#include <gp_Elips.hxx>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace {

const double RAD2DEG = 180.0 / M_PI;

void set3(double out[3], const gp_XYZ &p) {
    out[0] = p.X();
    out[1] = p.Y();
    out[2] = p.Z();
}

double *copy_doubles(const std::vector<double> &v) {
    double *r = static_cast<double *>(std::malloc((v.size() ? v.size() : 1) * sizeof(double)));
    if (!r) throw std::bad_alloc();
    if (!v.empty()) std::memcpy(r, v.data(), v.size() * sizeof(double));
    return r;
}

void spline_entity(const BRepAdaptor_Curve &a, zk_dxf_entity *out) {
    Handle(Geom_BSplineCurve) c = GeomConvert::CurveToBSplineCurve(a.Curve().Curve());
    Handle(Geom_BSplineCurve) s = GeomConvert::SplitBSplineCurve(c, a.FirstParameter(), a.LastParameter(), 1e-9);
    s->Transform(a.Trsf());
    out->kind = ZK_DXF_SPLINE;
    out->degree = s->Degree();
    std::vector<double> knots;
    {
        TColStd_Array1OfReal ks(1, BSplCLib::KnotSequenceLength(s->Multiplicities(), s->Degree(), s->IsPeriodic()));
        s->KnotSequence(ks);
        for (int i = ks.Lower(); i <= ks.Upper(); i++) knots.push_back(ks(i));
    }
    std::vector<double> poles, weights;
    for (int i = 1; i <= s->NbPoles(); i++) {
        gp_Pnt p = s->Pole(i);
        poles.insert(poles.end(), {p.X(), p.Y(), p.Z()});
        weights.push_back(s->Weight(i));
    }
    if (s->IsPeriodic()) {
        int pad = s->NbKnots() - s->LastUKnotIndex();
        for (int i = 0; i < pad && 3 * i + 2 < static_cast<int>(poles.size()); i++) {
            poles.insert(poles.end(), {poles[3 * i], poles[3 * i + 1], poles[3 * i + 2]});
            weights.push_back(weights[static_cast<size_t>(i)]);
        }
    }
    out->npoles = poles.size() / 3;
    out->poles = copy_doubles(poles);
    out->weights = s->IsRational() ? copy_doubles(weights) : nullptr;
    out->nknots = knots.size();
    out->knots = copy_doubles(knots);
}

} // namespace

extern "C" {

int zk_dxf_edge(const zk_shape *edge, zk_dxf_entity *out) {
    std::memset(out, 0, sizeof *out);
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &sh = zk::get(edge);
        if (sh.ShapeType() != TopAbs_EDGE) zk::fail("not an edge");
        TopoDS_Edge e = TopoDS::Edge(sh);
        BRepAdaptor_Curve a(e);
        double u0 = a.FirstParameter(), u1 = a.LastParameter();
        switch (a.GetType()) {
        case GeomAbs_Line:
            out->kind = ZK_DXF_LINE;
            set3(out->p0, a.Value(u0).XYZ());
            set3(out->p1, a.Value(u1).XYZ());
            break;
        case GeomAbs_Circle: {
            gp_Circ c = a.Circle();
            gp_Dir y = c.YAxis().Direction(), z = c.Axis().Direction();
            double phi = y.AngleWithRef(gp_Dir(0, 1, 0), z);
            set3(out->p0, c.Location().XYZ());
            out->radius = c.Radius();
            if (z.Z() > 0) {
                out->a0 = RAD2DEG * (u0 - phi);
                out->a1 = RAD2DEG * (u1 - phi);
            } else {
                out->a0 = -RAD2DEG * (u1 - phi) + 180;
                out->a1 = -RAD2DEG * (u0 - phi) + 180;
            }
            out->kind = BRep_Tool::IsClosed(e) ? ZK_DXF_CIRCLE : ZK_DXF_ARC;
            break;
        }
        case GeomAbs_Ellipse: {
            gp_Elips el = a.Ellipse();
            out->kind = ZK_DXF_ELLIPSE;
            set3(out->p0, el.Location().XYZ());
            set3(out->p1, el.MajorRadius() * el.XAxis().Direction().XYZ());
            out->radius = el.MinorRadius() / el.MajorRadius();
            if (el.Axis().Direction().Z() > 0) {
                out->a0 = u0;
                out->a1 = u1;
            } else {
                Handle(Geom_TrimmedCurve) t = GC_MakeArcOfEllipse(el, u0, u1, Standard_False).Value();
                out->a0 = t->FirstParameter();
                out->a1 = t->LastParameter();
            }
            break;
        }
        default:
            spline_entity(a, out);
        }
        return 0;
    });
}

void zk_dxf_entity_free(zk_dxf_entity *e) {
    if (!e) return;
    std::free(e->poles);
    std::free(e->weights);
    std::free(e->knots);
    e->poles = e->weights = e->knots = nullptr;
}

zk_shape *zk_edge_to_cubic(const zk_shape *edge, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        TopoDS_Edge e = TopoDS::Edge(zk::get(edge));
        BRepAdaptor_Curve a(e);
        Handle(Geom_BSplineCurve) c = GeomConvert::CurveToBSplineCurve(a.Curve().Curve());
        Handle(Geom_BSplineCurve) s = GeomConvert::SplitBSplineCurve(c, a.FirstParameter(), a.LastParameter(), 1e-9);
        s->Transform(a.Trsf());
        GeomConvert_ApproxCurve approx(s, tol, GeomAbs_C1, 200, 3);   // C2 would force degree 5
        if (!approx.HasResult()) zk::fail("cubic approximation of a spline failed");
        return zk::wrap(BRepBuilderAPI_MakeEdge(approx.Curve()).Edge());
    });
}

zk_shape *zk_edge_bspline(const double *poles, const double *weights, size_t npoles, const double *knots,
                          size_t nknots, int degree, int periodic) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (npoles < 2 || degree < 1 || nknots < 2) zk::fail("invalid spline");
        std::vector<double> uk;
        std::vector<int> mult;
        for (size_t i = 0; i < nknots; i++) {
            if (!uk.empty() && std::fabs(knots[i] - uk.back()) <= 0) mult.back()++;
            else {
                uk.push_back(knots[i]);
                mult.push_back(1);
            }
        }
        TColgp_Array1OfPnt p(1, static_cast<int>(npoles));
        for (size_t i = 0; i < npoles; i++) p.SetValue(static_cast<int>(i) + 1, gp_Pnt(poles[3 * i], poles[3 * i + 1], poles[3 * i + 2]));
        TColStd_Array1OfReal k(1, static_cast<int>(uk.size()));
        TColStd_Array1OfInteger m(1, static_cast<int>(uk.size()));
        for (size_t i = 0; i < uk.size(); i++) {
            k.SetValue(static_cast<int>(i) + 1, uk[i]);
            m.SetValue(static_cast<int>(i) + 1, mult[i]);
        }
        Handle(Geom_BSplineCurve) c;
        if (weights) {
            TColStd_Array1OfReal w(1, static_cast<int>(npoles));
            for (size_t i = 0; i < npoles; i++) w.SetValue(static_cast<int>(i) + 1, weights[i]);
            c = new Geom_BSplineCurve(p, w, k, m, degree, periodic != 0);
        } else {
            c = new Geom_BSplineCurve(p, k, m, degree, periodic != 0);
        }
        return zk::wrap(BRepBuilderAPI_MakeEdge(c).Edge());
    });
}

zk_shape *zk_edge_dxf_arc(zk_vec center, double radius, double a0_deg, double a1_deg) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!(radius > 0)) zk::fail("invalid arc radius");
        Handle(Geom_Circle) c = new Geom_Circle(gp_Ax2(zk::pnt(center), gp_Dir(0, 0, 1)), radius);
        double a0 = a0_deg / RAD2DEG, a1 = a1_deg / RAD2DEG;
        while (a1 <= a0) a1 += 2 * M_PI;
        return zk::wrap(BRepBuilderAPI_MakeEdge(c, a0, a1).Edge());
    });
}

zk_shape *zk_edge_dxf_ellipse(zk_vec center, zk_vec major, double ratio, zk_vec normal, double p0, double p1) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        double r1 = zk::vec(major).Magnitude(), r2 = r1 * ratio;
        if (!(r1 > 0) || !(r2 > 0)) zk::fail("invalid ellipse");
        gp_Ax2 ax(zk::pnt(center), zk::dir(normal), zk::dir(major));
        if (r2 > r1) zk::fail("invalid ellipse ratio");
        Handle(Geom_Ellipse) e = new Geom_Ellipse(ax, r1, r2);
        while (p1 <= p0) p1 += 2 * M_PI;
        if (std::fabs(p1 - p0 - 2 * M_PI) < 1e-12) return zk::wrap(BRepBuilderAPI_MakeEdge(e).Edge());
        return zk::wrap(BRepBuilderAPI_MakeEdge(e, p0, p1).Edge());
    });
}

} // extern "C"
