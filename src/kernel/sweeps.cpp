// sweeps.cpp: solids swept from profiles: prisms (straight, tapered with LocOpe_DPrism, and
// BRepFeat prisms up to faces), revolutions, lofts (ThruSections), pipe-shell sweeps, and
// CadQuery's twisted extrusion (straight spine + helical auxiliary spine).
#include "history_internal.hpp"

#include <BRepAdaptor_CompCurve.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepFeat_MakeDPrism.hxx>
#include <BRepOffsetAPI_MakePipeShell.hxx>
#include <BRepOffsetAPI_ThruSections.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <BRepPrimAPI_MakeRevol.hxx>
#include <BRep_Builder.hxx>
#include <LocOpe_DPrism.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <gp_Ax1.hxx>

extern "C" zk_shape *zk_wire_helix(double pitch, double height, double radius, zk_vec center, zk_vec dir,
                                   int lefthand);

namespace {

/* A wire from an edge or a wire (CadQuery's Solid._toWire). */
TopoDS_Wire as_wire(const TopoDS_Shape &s) {
    if (s.ShapeType() == TopAbs_WIRE) return TopoDS::Wire(s);
    if (s.ShapeType() == TopAbs_EDGE) return BRepBuilderAPI_MakeWire(TopoDS::Edge(s)).Wire();
    zk::fail("expected an edge or a wire");
}

const TopoDS_Face &face_of(const zk_shape *s) {
    const TopoDS_Shape &sh = zk::get(s);
    if (sh.ShapeType() != TopAbs_FACE) zk::fail("expected a face");
    return TopoDS::Face(sh);
}

BRepBuilderAPI_TransitionMode transition_mode(int t) {
    return t == 1 ? BRepBuilderAPI_RoundCorner : t == 2 ? BRepBuilderAPI_RightCorner : BRepBuilderAPI_Transformed;
}

/* CadQuery's Solid._extrudeAuxSpine. */
TopoDS_Shape extrude_aux_spine(const TopoDS_Wire &profile, const TopoDS_Wire &spine, const TopoDS_Wire &aux) {
    BRepOffsetAPI_MakePipeShell mk(spine);
    mk.SetMode(aux, Standard_False);
    mk.Add(profile);
    mk.Build();
    mk.MakeSolid();
    return mk.Shape();
}

} // namespace

extern "C" zk_shape *zk_prism(const zk_shape *s, zk_vec v) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        /* A copied base has no history: copy only when no history is recorded. */
        BRepPrimAPI_MakePrism mk(zk::get(s), zk::vec(v), zk::hist_active() == nullptr);
        zk::hist_record(mk, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
        zk::hist_record_sweep_ends(mk);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_prism_taper(const zk_shape *face, double height, double taper_deg) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        double d = height < 0 ? -1.0 : 1.0;
        double t = taper_deg * M_PI / 180.0;
        LocOpe_DPrism mk(face_of(face), d * std::fabs(height) / std::cos(t), d * t);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_dprism(const zk_shape *base, const zk_shape *face, const zk_shape *basis,
                               double taper_rad, int additive, int mode, double depth, const zk_shape *until) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        TopoDS_Face sk = basis ? face_of(basis) : TopoDS_Face();
        BRepFeat_MakeDPrism mk(zk::get(base), face_of(face), sk, taper_rad, additive ? 1 : 0, Standard_False);
        if (mode == 2)
            mk.Perform(zk::get(until));
        else if (mode == 1)
            mk.PerformThruAll();
        else
            mk.Perform(depth);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_prism_until(const zk_shape *base, const zk_shape *face, zk_vec dir, int mode,
                                    const zk_shape *until_face, int fuse) {
    /* CadQuery's dprism (taper 0): BRepFeat_MakeDPrism follows the face normal; dir is unused. */
    (void)dir;
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepFeat_MakeDPrism mk(zk::get(base), face_of(face), TopoDS_Face(), 0.0, fuse ? 1 : 0, Standard_False);
        if (mode == 2)
            mk.Perform(zk::get(until_face));
        else if (mode == 1)
            mk.PerformThruAll();
        else
            mk.PerformUntilEnd();
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_revolve(const zk_shape *s, zk_vec axis_p, zk_vec axis_dir, double angle) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepPrimAPI_MakeRevol mk(zk::get(s), gp_Ax1(zk::pnt(axis_p), zk::dir(axis_dir)), angle,
                                 zk::hist_active() == nullptr);
        zk::hist_record(mk, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
        zk::hist_record_sweep_ends(mk);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_loft(zk_shape *const *wires, size_t n, int solid, int ruled) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (n < 2) zk::fail("More than one wire is required");
        BRepOffsetAPI_ThruSections mk(solid != 0, ruled != 0);
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &s = zk::get(wires[i]);
            if (s.ShapeType() == TopAbs_VERTEX)
                mk.AddVertex(TopoDS::Vertex(s));
            else
                mk.AddWire(as_wire(s));
        }
        mk.Build();
        zk::hist_record(mk, zk::HIST_GEN | zk::HIST_MOD);
        if (solid) zk::hist_record_ends(mk);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_pipe_shell_ex(zk_shape *const *profiles, size_t n, const zk_shape *path, int frenet,
                                      const zk_shape *aux, int aux_curvilinear, const zk_vec *fixed_dir,
                                      int transition, int make_solid) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (n < 1) zk::fail("a sweep needs a profile");
        TopoDS_Wire spine = as_wire(zk::get(path));
        BRepOffsetAPI_MakePipeShell mk(spine);
        bool rotate = false;
        if (fixed_dir) {
            /* CadQuery's _setSweepMode with a Vector: fixed trihedron at the path start. */
            BRepAdaptor_CompCurve c(spine);
            gp_Ax2 ax;
            ax.SetLocation(c.Value(c.FirstParameter()));
            ax.SetDirection(zk::dir(*fixed_dir));
            mk.SetMode(ax);
            rotate = true;
        } else if (aux) {
            mk.SetMode(as_wire(zk::get(aux)), aux_curvilinear != 0);
        } else {
            mk.SetMode(frenet != 0);
        }
        mk.SetTransitionMode(transition_mode(transition));
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &p = zk::get(profiles[i]);
            mk.Add(p.ShapeType() == TopAbs_VERTEX ? p : TopoDS_Shape(as_wire(p)), Standard_False, rotate);
        }
        mk.Build();
        if (make_solid) mk.MakeSolid();
        zk::hist_record(mk, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
        zk::hist_record_ends(mk);
        return zk::wrap(mk.Shape());
    });
}

extern "C" zk_shape *zk_pipe_shell(const zk_shape *profile, const zk_shape *path, int frenet, const zk_shape *aux,
                                   int transition, int make_solid) {
    zk_shape *profiles[1] = {const_cast<zk_shape *>(profile)};
    return zk_pipe_shell_ex(profiles, 1, path, frenet, aux, 1, nullptr, transition, make_solid);
}

extern "C" zk_shape *zk_pipe_shell_multi(zk_shape *const *profiles, size_t n, const zk_shape *path, int frenet,
                                         int transition, int make_solid) {
    return zk_pipe_shell_ex(profiles, n, path, frenet, nullptr, 1, nullptr, transition, make_solid);
}

extern "C" zk_shape *zk_twist_extrude(const zk_shape *outer, zk_shape *const *inners, size_t ninners,
                                      zk_vec center, zk_vec normal, double angle_deg) {
    return zk::guard<zk_shape *>(nullptr, [&]() -> zk_shape * {
        if (angle_deg == 0) zk::fail("twist angle must not be zero");
        gp_Vec nv = zk::vec(normal);
        double len = nv.Magnitude();
        gp_Pnt c = zk::pnt(center);
        TopoDS_Wire spine = BRepBuilderAPI_MakeWire(BRepBuilderAPI_MakeEdge(c, c.Translated(nv)).Edge()).Wire();
        zk_shape *aux = zk_wire_helix(360.0 / angle_deg * len, len, 1.0, center, normal, 0);
        if (!aux) return nullptr;
        TopoDS_Wire auxw = TopoDS::Wire(aux->shape);
        zk_unref(aux);
        TopoDS_Shape solid = extrude_aux_spine(as_wire(zk::get(outer)), spine, auxw);
        BRep_Builder b;
        TopoDS_Compound holes;
        b.MakeCompound(holes);
        for (size_t i = 0; i < ninners; i++) b.Add(holes, extrude_aux_spine(as_wire(zk::get(inners[i])), spine, auxw));
        BRepAlgoAPI_Cut cut(solid, holes);
        return zk::wrap(cut.Shape());
    });
}
