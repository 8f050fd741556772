// queries.cpp: geometry type names (CadQuery's geomType), mass properties (volume, area,
// length, centre of mass by dimension), bounding boxes, validity, point classification, distance.
#include "kernel_internal.hpp"

#include <TopoDS_Iterator.hxx>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepClass3d_SolidClassifier.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <BRepGProp.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <BRepIntCurveSurface_Inter.hxx>
#include <TopoDS.hxx>
#include <gce_MakeDir.hxx>
#include <gp_Lin.hxx>
#include <algorithm>

namespace {

const char *curve_type_name(GeomAbs_CurveType t) {
    switch (t) {
    case GeomAbs_Line: return "LINE";
    case GeomAbs_Circle: return "CIRCLE";
    case GeomAbs_Ellipse: return "ELLIPSE";
    case GeomAbs_Hyperbola: return "HYPERBOLA";
    case GeomAbs_Parabola: return "PARABOLA";
    case GeomAbs_BezierCurve: return "BEZIER";
    case GeomAbs_BSplineCurve: return "BSPLINE";
    case GeomAbs_OffsetCurve: return "OFFSET";
    default: return "OTHER";
    }
}

const char *surface_type_name(GeomAbs_SurfaceType t) {
    switch (t) {
    case GeomAbs_Plane: return "PLANE";
    case GeomAbs_Cylinder: return "CYLINDER";
    case GeomAbs_Cone: return "CONE";
    case GeomAbs_Sphere: return "SPHERE";
    case GeomAbs_Torus: return "TORUS";
    case GeomAbs_BezierSurface: return "BEZIER";
    case GeomAbs_BSplineSurface: return "BSPLINE";
    case GeomAbs_SurfaceOfRevolution: return "REVOLUTION";
    case GeomAbs_SurfaceOfExtrusion: return "EXTRUSION";
    case GeomAbs_OffsetSurface: return "OFFSET";
    default: return "OTHER";
    }
}

const char *topo_type_name(TopAbs_ShapeEnum t) {
    switch (t) {
    case TopAbs_COMPOUND: return "Compound";
    case TopAbs_COMPSOLID: return "CompSolid";
    case TopAbs_SOLID: return "Solid";
    case TopAbs_SHELL: return "Shell";
    case TopAbs_WIRE: return "Wire";
    case TopAbs_VERTEX: return "Vertex";
    default: return "Shape";
    }
}

/* CadQuery's shape_properties_LUT: linear for edges/wires, surface for faces/shells,
 * volume for solids/compsolids/compounds. */
/* The type that sets a shape's dimension: a compound's is its first non-compound descendant's
 * (CadQuery's _mass_calc_function; an empty compound counts as a solid). */
TopAbs_ShapeEnum dimension_type(const TopoDS_Shape &s) {
    TopoDS_Shape cur = s;
    while (cur.ShapeType() == TopAbs_COMPOUND) {
        TopoDS_Iterator it(cur);
        if (!it.More()) return TopAbs_SOLID;
        cur = it.Value();
    }
    return cur.ShapeType();
}

GProp_GProps properties_by_dimension(const TopoDS_Shape &s) {
    GProp_GProps props;
    switch (dimension_type(s)) {
    case TopAbs_EDGE:
    case TopAbs_WIRE: BRepGProp::LinearProperties(s, props); break;
    case TopAbs_FACE:
    case TopAbs_SHELL: BRepGProp::SurfaceProperties(s, props); break;
    default: BRepGProp::VolumeProperties(s, props); break;
    }
    return props;
}

} // namespace

extern "C" const char *zk_geom_type(const zk_shape *s) {
    return zk::guard<const char *>("", [&]() -> const char * {
        const TopoDS_Shape &sh = zk::get(s);
        if (sh.IsNull()) zk::fail("null shape");
        if (sh.ShapeType() == TopAbs_EDGE)
            return curve_type_name(BRepAdaptor_Curve(TopoDS::Edge(sh)).GetType());
        if (sh.ShapeType() == TopAbs_FACE)
            return surface_type_name(BRepAdaptor_Surface(TopoDS::Face(sh)).GetType());
        return topo_type_name(sh.ShapeType());
    });
}

extern "C" double zk_volume(const zk_shape *s) {
    return zk::guard<double>(NAN, [&] {
        GProp_GProps props;
        BRepGProp::VolumeProperties(zk::get(s), props);
        return props.Mass();
    });
}

extern "C" double zk_area(const zk_shape *s) {
    return zk::guard<double>(NAN, [&] {
        GProp_GProps props;
        BRepGProp::SurfaceProperties(zk::get(s), props);
        return props.Mass();
    });
}

extern "C" double zk_length(const zk_shape *s) {
    return zk::guard<double>(NAN, [&] {
        GProp_GProps props;
        BRepGProp::LinearProperties(zk::get(s), props);
        return props.Mass();
    });
}

extern "C" zk_vec zk_center_of_mass(const zk_shape *s) {
    return zk::guard<zk_vec>(zk::nan_vec(), [&] {
        const TopoDS_Shape &sh = zk::get(s);
        if (sh.IsNull()) zk::fail("null shape");
        if (sh.ShapeType() == TopAbs_VERTEX) return zk::from(BRep_Tool::Pnt(TopoDS::Vertex(sh)));
        return zk::from(properties_by_dimension(sh).CentreOfMass());
    });
}

extern "C" zk_vec zk_center_of_bbox(const zk_shape *s) {
    double b[6];
    if (zk_bbox(s, 0, 1, b) != 0) return zk::nan_vec();
    return zk_vec{(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
}

extern "C" int zk_bbox(const zk_shape *s, double tol, int optimal, double out[6]) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &sh = zk::get(s);
        if (!out) zk::fail("NULL output array");
        Bnd_Box box;
        if (optimal) {
            /* Exact on the analytic geometry even after the shape was meshed in place (an STL
             * export or a render): CadQuery's useTriangulation=true would read the mesh instead. */
            BRepBndLib::AddOptimal(sh, box, Standard_False, Standard_False);
        } else {
            BRepMesh_IncrementalMesh mesh(sh, tol > 0 ? tol : 1e-2, Standard_True);
            BRepBndLib::Add(sh, box, Standard_True);
        }
        if (box.IsVoid()) zk::fail("empty bounding box");
        box.Get(out[0], out[1], out[2], out[3], out[4], out[5]);
        return 0;
    });
}

extern "C" int zk_is_valid(const zk_shape *s) {
    return zk::guard<int>(0, [&] {
        BRepCheck_Analyzer check(zk::get(s));
        return check.IsValid() ? 1 : 0;
    });
}

extern "C" int zk_classify(const zk_shape *solid, zk_vec p, double tol) {
    return zk::guard<int>(-1, [&] {
        BRepClass3d_SolidClassifier cls(zk::get(solid));
        cls.Perform(zk::pnt(p), tol > 0 ? tol : 1e-6);
        if (cls.IsOnAFace() || cls.State() == TopAbs_ON) return 2;
        return cls.State() == TopAbs_IN ? 1 : 0;
    });
}

extern "C" double zk_distance(const zk_shape *a, const zk_shape *b) {
    return zk::guard<double>(NAN, [&] {
        BRepExtrema_DistShapeShape d(zk::get(a), zk::get(b));
        if (!d.IsDone()) zk::fail("distance computation failed");
        return d.Value();
    });
}

extern "C" double zk_mass(const zk_shape *s) {
    return zk::guard<double>(NAN, [&] {
        const TopoDS_Shape &sh = zk::get(s);
        if (sh.ShapeType() == TopAbs_VERTEX) zk::fail("a vertex has no mass");
        return properties_by_dimension(sh).Mass();
    });
}

extern "C" int zk_faces_intersected_by_line(const zk_shape *s, zk_vec point, zk_vec axis, double tol,
                                            int direction, zk_shape ***out, size_t *nout) {
    return zk::guard<int>(-1, [&] {
        if (tol <= 0) tol = 1e-4;
        gp_Pnt p = zk::pnt(point);
        gp_Dir ax = zk::dir(axis);
        BRepIntCurveSurface_Inter inter;
        inter.Init(zk::get(s), gp_Lin(p, ax), tol);
        std::vector<std::pair<double, TopoDS_Shape>> hits;
        for (; inter.More(); inter.Next()) {
            gp_Pnt q = inter.Pnt();
            double d2 = p.SquareDistance(q);
            gce_MakeDir md(p, q);
            bool has_dir = md.IsDone();
            bool opposite = has_dir && md.Value().IsOpposite(ax, tol);
            if (direction == 1 && !(has_dir && !opposite && d2 > tol)) continue;
            if (direction == 2 && !(has_dir && opposite && d2 > tol)) continue;
            hits.emplace_back(d2, inter.Face());
        }
        std::stable_sort(hits.begin(), hits.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        std::vector<TopoDS_Shape> v;
        for (auto &h : hits) v.push_back(h.second);
        return zk::export_list(v, out, nout);
    });
}
