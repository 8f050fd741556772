// mesh.cpp: triangulation of shapes (BRepMesh_IncrementalMesh) gathered into one indexed mesh with
// outward unit normals, and the edges' polylines on that triangulation with sharp-edge flags.
#include "kernel_internal.hpp"

#include <BRepAdaptor_Curve.hxx>
#include <BRepGProp_Face.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRep_Tool.hxx>
#include <GCPnts_TangentialDeflection.hxx>
#include <Poly_PolygonOnTriangulation.hxx>
#include <Poly_Polygon3D.hxx>
#include <Poly_Triangulation.hxx>
#include <TopExp.hxx>
#include <TopLoc_Location.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>

#include <cstdlib>
#include <cstring>

namespace {

template <class T>
T *copy_out(const std::vector<T> &v) {
    T *p = static_cast<T *>(std::malloc((v.empty() ? 1 : v.size()) * sizeof(T)));
    if (!p) zk::fail("out of memory");
    if (!v.empty()) std::memcpy(p, v.data(), v.size() * sizeof(T));
    return p;
}

struct MeshBuffers {
    std::vector<float> pts, nrm;
    std::vector<uint32_t> tris;
};

/* Unit outward normal of face f at (u,v), or a zero vector at a singular point. */
gp_Vec surface_normal(BRepGProp_Face &gf, double u, double v) {
    gp_Pnt p;
    gp_Vec n;
    gf.Normal(u, v, p, n);
    double m = n.Magnitude();
    return m > 1e-12 ? n / m : gp_Vec(0, 0, 0);
}

void append_face(const TopoDS_Face &f, MeshBuffers &b) {
    TopLoc_Location loc;
    Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(f, loc);
    if (tri.IsNull()) return;
    const gp_Trsf t = loc.Transformation();
    const bool reversed = f.Orientation() == TopAbs_REVERSED;
    const size_t base = b.pts.size() / 3;
    const int nn = tri->NbNodes();
    std::vector<gp_Vec> normals(nn, gp_Vec(0, 0, 0));
    BRepGProp_Face gf(f);
    for (int i = 1; i <= nn; i++) {
        gp_Pnt p = tri->Node(i).Transformed(t);
        b.pts.insert(b.pts.end(), {(float)p.X(), (float)p.Y(), (float)p.Z()});
        if (tri->HasUVNodes()) {
            gp_Pnt2d uv = tri->UVNode(i);
            normals[i - 1] = surface_normal(gf, uv.X(), uv.Y());
        }
    }
    /* Area-weighted triangle normals where the surface normal is undefined (poles, no UV). */
    std::vector<gp_Vec> fallback(nn, gp_Vec(0, 0, 0));
    for (int k = 1; k <= tri->NbTriangles(); k++) {
        int a, c, d;
        tri->Triangle(k).Get(a, c, d);
        if (reversed) std::swap(c, d);
        b.tris.insert(b.tris.end(), {(uint32_t)(base + a - 1), (uint32_t)(base + c - 1), (uint32_t)(base + d - 1)});
        gp_Pnt pa = tri->Node(a).Transformed(t), pc = tri->Node(c).Transformed(t), pd = tri->Node(d).Transformed(t);
        gp_Vec fn = gp_Vec(pa, pc).Crossed(gp_Vec(pa, pd));
        fallback[a - 1] += fn;
        fallback[c - 1] += fn;
        fallback[d - 1] += fn;
    }
    for (int i = 0; i < nn; i++) {
        gp_Vec n = normals[i];
        if (n.Magnitude() < 0.5) {
            n = fallback[i];
            double m = n.Magnitude();
            n = m > 1e-300 ? n / m : gp_Vec(0, 0, 1);
        }
        b.nrm.insert(b.nrm.end(), {(float)n.X(), (float)n.Y(), (float)n.Z()});
    }
}

/* Points of an edge's discretization: its polygon on a face triangulation, its 3D polygon,
 * or (for free edges) a tangential deflection sampling. */
std::vector<gp_Pnt> edge_points(const TopoDS_Edge &e, const TopTools_ListOfShape *faces, double lin, double ang) {
    std::vector<gp_Pnt> out;
    if (faces) {
        for (TopTools_ListOfShape::Iterator it(*faces); it.More(); it.Next()) {
            TopLoc_Location loc;
            Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(TopoDS::Face(it.Value()), loc);
            if (tri.IsNull()) continue;
            Handle(Poly_PolygonOnTriangulation) poly = BRep_Tool::PolygonOnTriangulation(e, tri, loc);
            if (poly.IsNull()) continue;
            gp_Trsf t = loc.Transformation();
            for (int i = 1; i <= poly->NbNodes(); i++) out.push_back(tri->Node(poly->Node(i)).Transformed(t));
            return out;
        }
    }
    TopLoc_Location loc;
    Handle(Poly_Polygon3D) p3 = BRep_Tool::Polygon3D(e, loc);
    if (!p3.IsNull()) {
        gp_Trsf t = loc.Transformation();
        for (int i = 1; i <= p3->NbNodes(); i++) out.push_back(p3->Nodes().Value(i).Transformed(t));
        return out;
    }
    BRepAdaptor_Curve c(e);
    GCPnts_TangentialDeflection td(c, ang, lin > 0 ? lin : 0.1);
    for (int i = 1; i <= td.NbPoints(); i++) out.push_back(td.Value(i));
    return out;
}

/* Unit normal of face f at the point of edge e at parameter u (via the edge's pcurve). */
gp_Vec normal_on_edge(const TopoDS_Edge &e, const TopoDS_Face &f, double u) {
    double first, last;
    Handle(Geom2d_Curve) pc = BRep_Tool::CurveOnSurface(e, f, first, last);
    if (pc.IsNull()) return gp_Vec(0, 0, 0);
    gp_Pnt2d uv = pc->Value(u);
    BRepGProp_Face gf(f);
    return surface_normal(gf, uv.X(), uv.Y());
}

int sharpness(const TopoDS_Edge &e, const TopTools_ListOfShape *faces, double angle_deg) {
    if (!faces || faces->Extent() < 2) return 1;
    const TopoDS_Face &f1 = TopoDS::Face(faces->First());
    const TopoDS_Face &f2 = TopoDS::Face(faces->Last());
    if (f1.IsSame(f2)) return 0; /* seam */
    BRepAdaptor_Curve c(e);
    double u = 0.5 * (c.FirstParameter() + c.LastParameter());
    gp_Vec n1 = normal_on_edge(e, f1, u), n2 = normal_on_edge(e, f2, u);
    if (n1.Magnitude() < 0.5 || n2.Magnitude() < 0.5) return 1;
    double cosang = n1.Dot(n2);
    return cosang < std::cos(angle_deg * M_PI / 180.0) ? 1 : 0;
}

} // namespace

extern "C" int zk_mesh_shape(const zk_shape *s, double lin_tol, double ang_tol, int relative, zk_mesh *out) {
    return zk::guard<int>(-1, [&] {
        if (!out) zk::fail("NULL output mesh");
        std::memset(out, 0, sizeof *out);
        const TopoDS_Shape &sh = zk::get(s);
        if (lin_tol <= 0) lin_tol = 0.1;
        if (ang_tol <= 0) ang_tol = 0.5;
        BRepMesh_IncrementalMesh mesher(sh, lin_tol, relative != 0, ang_tol, Standard_False);
        TopTools_IndexedMapOfShape faces;
        TopExp::MapShapes(sh, TopAbs_FACE, faces);
        MeshBuffers b;
        for (int i = 1; i <= faces.Extent(); i++) append_face(TopoDS::Face(faces(i)), b);
        out->npoints = b.pts.size() / 3;
        out->ntris = b.tris.size() / 3;
        out->points = copy_out(b.pts);
        out->normals = copy_out(b.nrm);
        out->tris = copy_out(b.tris);
        return 0;
    });
}

extern "C" void zk_mesh_free(zk_mesh *m) {
    if (!m) return;
    std::free(m->points);
    std::free(m->normals);
    std::free(m->tris);
    std::memset(m, 0, sizeof *m);
}

extern "C" int zk_edge_polylines(const zk_shape *s, double lin_tol, double ang_tol, double angle_deg,
                                 zk_polylines *out) {
    return zk::guard<int>(-1, [&] {
        if (!out) zk::fail("NULL output polylines");
        std::memset(out, 0, sizeof *out);
        const TopoDS_Shape &sh = zk::get(s);
        if (lin_tol <= 0) lin_tol = 0.1;
        if (ang_tol <= 0) ang_tol = 0.5;
        BRepMesh_IncrementalMesh mesher(sh, lin_tol, Standard_False, ang_tol, Standard_False);
        TopTools_IndexedDataMapOfShapeListOfShape e2f;
        TopExp::MapShapesAndAncestors(sh, TopAbs_EDGE, TopAbs_FACE, e2f);
        TopTools_IndexedMapOfShape edges;
        TopExp::MapShapes(sh, TopAbs_EDGE, edges);
        std::vector<float> pts;
        std::vector<uint32_t> starts;
        std::vector<uint8_t> sharp;
        for (int i = 1; i <= edges.Extent(); i++) {
            const TopoDS_Edge &e = TopoDS::Edge(edges(i));
            if (BRep_Tool::Degenerated(e)) continue;
            const TopTools_ListOfShape *faces = e2f.Seek(e);
            std::vector<gp_Pnt> p = edge_points(e, faces, lin_tol, ang_tol);
            if (p.size() < 2) continue;
            starts.push_back((uint32_t)(pts.size() / 3));
            for (const gp_Pnt &q : p) pts.insert(pts.end(), {(float)q.X(), (float)q.Y(), (float)q.Z()});
            sharp.push_back((uint8_t)sharpness(e, faces, angle_deg));
        }
        starts.push_back((uint32_t)(pts.size() / 3));
        out->nlines = sharp.size();
        out->npts = pts.size() / 3;
        out->pts = copy_out(pts);
        out->starts = copy_out(starts);
        out->sharp = copy_out(sharp);
        return 0;
    });
}

extern "C" void zk_polylines_free(zk_polylines *p) {
    if (!p) return;
    std::free(p->pts);
    std::free(p->starts);
    std::free(p->sharp);
    std::memset(p, 0, sizeof *p);
}
