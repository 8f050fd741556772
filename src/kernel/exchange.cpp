// exchange.cpp: STEP write/read (STEPControl, CadQuery's settings), STL write (BRepMesh +
// StlAPI_Writer) and read (RWStl triangles rebuilt as a shell of shared-edge planar faces), BREP.
#include "kernel_internal.hpp"

#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <Geom_Line.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <Interface_Static.hxx>
#include <Poly_Triangulation.hxx>
#include <RWStl.hxx>
#include <STEPControl_Reader.hxx>
#include <STEPControl_Writer.hxx>
#include <StlAPI_Writer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Edge.hxx>
#include <TopoDS_Shell.hxx>
#include <TopoDS_Vertex.hxx>
#include <TopoDS_Wire.hxx>
#include <gp_Pln.hxx>

#include <cstdio>
#include <sstream>
#include <map>
#include <utility>

namespace {

void require_path(const char *path) {
    if (!path || !*path) zk::fail("empty file name");
}

static std::vector<TopoDS_Shape> transfer_roots(STEPControl_Reader &reader) {
    for (int i = 1; i <= reader.NbRootsForTransfer(); i++) reader.TransferRoot(i);
    std::vector<TopoDS_Shape> v;
    for (int i = 1; i <= reader.NbShapes(); i++)
        if (!reader.Shape(i).IsNull()) v.push_back(reader.Shape(i));
    if (v.empty()) zk::fail("the STEP file holds no shape");
    return v;
}

std::vector<TopoDS_Shape> read_step_shapes(const char *path) {
    require_path(path);
    STEPControl_Reader reader;
    if (reader.ReadFile(path) != IFSelect_RetDone) zk::fail("STEP File could not be loaded");
    return transfer_roots(reader);
}

/* STEP text in memory, read through OCCT's stream reader (no file in between). */
static std::vector<TopoDS_Shape> read_step_memory(const char *name, const void *data, size_t len) {
    std::istringstream in(std::string(static_cast<const char *>(data), len));
    STEPControl_Reader reader;
    if (reader.ReadStream(name ? name : "memory.step", in) != IFSelect_RetDone)
        zk::fail("STEP data could not be loaded");
    return transfer_roots(reader);
}

/* Builds a shell of planar triangles sharing vertices and edges (no sewing needed). */
class TriangleShell {
public:
    explicit TriangleShell(const Handle(Poly_Triangulation) & tri) : tri_(tri) {
        b_.MakeShell(shell_);
        verts_.resize(tri->NbNodes());
        for (int i = 1; i <= tri->NbNodes(); i++) b_.MakeVertex(verts_[i - 1], tri->Node(i), 1e-7);
    }

    void add(int a, int c, int d) {
        gp_Pnt pa = tri_->Node(a), pc = tri_->Node(c), pd = tri_->Node(d);
        gp_Vec n = gp_Vec(pa, pc).Crossed(gp_Vec(pa, pd));
        if (n.Magnitude() < 1e-12) return; /* degenerate triangle */
        TopoDS_Wire w;
        b_.MakeWire(w);
        b_.Add(w, edge(a, c));
        b_.Add(w, edge(c, d));
        b_.Add(w, edge(d, a));
        w.Closed(Standard_True);
        BRepBuilderAPI_MakeFace mk(gp_Pln(pa, gp_Dir(n)), w, Standard_True);
        if (mk.IsDone()) {
            b_.Add(shell_, mk.Face());
            nfaces_++;
        }
    }

    /* A solid when every edge bounds exactly two faces, else the shell. */
    TopoDS_Shape result() {
        bool closed = nfaces_ > 0;
        for (const auto &kv : uses_)
            if (kv.second != 2) closed = false;
        shell_.Closed(closed);
        if (!closed) return shell_;
        BRepBuilderAPI_MakeSolid mk(shell_);
        return mk.IsDone() ? mk.Shape() : TopoDS_Shape(shell_);
    }

private:
    /* The edge a->b, created once per node pair (stored from the lower index). */
    TopoDS_Edge edge(int a, int b) {
        std::pair<int, int> key(std::min(a, b), std::max(a, b));
        auto it = edges_.find(key);
        if (it == edges_.end()) {
            TopoDS_Edge e;
            gp_Pnt p = tri_->Node(key.first), q = tri_->Node(key.second);
            Handle(Geom_Line) line = new Geom_Line(p, gp_Dir(gp_Vec(p, q)));
            b_.MakeEdge(e, line, 1e-7);
            TopoDS_Vertex v1 = verts_[key.first - 1], v2 = verts_[key.second - 1];
            b_.Add(e, TopoDS::Vertex(v1.Oriented(TopAbs_FORWARD)));
            b_.Add(e, TopoDS::Vertex(v2.Oriented(TopAbs_REVERSED)));
            b_.Range(e, 0.0, p.Distance(q));
            it = edges_.emplace(key, e).first;
        }
        uses_[key]++;
        return a < b ? it->second : TopoDS::Edge(it->second.Reversed());
    }

    Handle(Poly_Triangulation) tri_;
    BRep_Builder b_;
    TopoDS_Shell shell_;
    std::vector<TopoDS_Vertex> verts_;
    std::map<std::pair<int, int>, TopoDS_Edge> edges_;
    std::map<std::pair<int, int>, int> uses_;
    int nfaces_ = 0;
};

} // namespace

extern "C" int zk_write_step(const zk_shape *s, const char *path) {
    return zk::guard<int>(-1, [&] {
        require_path(path);
        const TopoDS_Shape &sh = zk::get(s);
        STEPControl_Writer writer;
        Interface_Static::SetIVal("write.surfacecurve.mode", 1);
        Interface_Static::SetIVal("write.precision.mode", 0);
        if (writer.Transfer(sh, STEPControl_AsIs) != IFSelect_RetDone) zk::fail("STEP transfer failed");
        if (writer.Write(path) != IFSelect_RetDone) {
            std::string m = std::string("cannot write STEP file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

/* The roots of a STEP file as one shape: the shape itself, or a compound of several. */
static zk_shape *one_shape(const std::vector<TopoDS_Shape> &v) {
    if (v.size() == 1) return zk::wrap(v[0]);
    BRep_Builder b;
    TopoDS_Compound c;
    b.MakeCompound(c);
    for (const TopoDS_Shape &s : v) b.Add(c, s);
    return zk::wrap(c);
}

extern "C" zk_shape *zk_read_step(const char *path) {
    return zk::guard<zk_shape *>(nullptr, [&] { return one_shape(read_step_shapes(path)); });
}

extern "C" zk_shape *zk_read_step_memory(const char *name, const void *data, size_t len) {
    return zk::guard<zk_shape *>(nullptr, [&] { return one_shape(read_step_memory(name, data, len)); });
}

extern "C" int zk_read_step_all(const char *path, zk_shape ***out, size_t *nout) {
    return zk::guard<int>(-1, [&] { return zk::export_list(read_step_shapes(path), out, nout); });
}

extern "C" int zk_write_stl(const zk_shape *s, const char *path, double lin_tol, double ang_tol, int relative,
                            int ascii) {
    return zk::guard<int>(-1, [&] {
        require_path(path);
        const TopoDS_Shape &sh = zk::get(s);
        if (lin_tol <= 0) lin_tol = 1e-3;
        if (ang_tol <= 0) ang_tol = 0.1;
        BRepMesh_IncrementalMesh mesher(sh, lin_tol, relative != 0, ang_tol, Standard_True);
        StlAPI_Writer writer;
        writer.ASCIIMode() = ascii != 0;
        if (!writer.Write(sh, path)) {
            std::string m = std::string("cannot write STL file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

extern "C" zk_shape *zk_read_stl(const char *path) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        require_path(path);
        FILE *f = std::fopen(path, "rb");
        if (!f) {
            std::string m = std::string("cannot open STL file ") + path;
            zk::fail(m.c_str());
        }
        std::fclose(f);
        Handle(Poly_Triangulation) tri = RWStl::ReadFile(path);
        if (tri.IsNull() || tri->NbTriangles() == 0) {
            std::string m = std::string("no triangles in STL file ") + path;
            zk::fail(m.c_str());
        }
        TriangleShell shell(tri);
        for (int k = 1; k <= tri->NbTriangles(); k++) {
            int a, c, d;
            tri->Triangle(k).Get(a, c, d);
            shell.add(a, c, d);
        }
        return zk::wrap(shell.result());
    });
}

extern "C" int zk_write_brep(const zk_shape *s, const char *path) {
    return zk::guard<int>(-1, [&] {
        require_path(path);
        if (!BRepTools::Write(zk::get(s), path)) {
            std::string m = std::string("cannot write BREP file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

extern "C" zk_shape *zk_read_brep(const char *path) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        require_path(path);
        TopoDS_Shape s;
        BRep_Builder b;
        if (!BRepTools::Read(s, path, b) || s.IsNull()) {
            std::string m = std::string("Could not import ") + path;
            zk::fail(m.c_str());
        }
        return zk::wrap(s);
    });
}
