// booleans.cpp: fuse/cut/common (BRepAlgoAPI with SetRunParallel, fuzzy value, glue),
// splitting, sections, unify-same-domain clean, shape fixing, sewing and solids from shells.
#include "history_internal.hpp"

#include <BOPAlgo_GlueEnum.hxx>
#include <BRepAlgoAPI_Common.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepAlgoAPI_Section.hxx>
#include <BRepAlgoAPI_Splitter.hxx>
#include <BRepBuilderAPI_Sewing.hxx>
#include <ShapeFix_Shape.hxx>
#include <ShapeFix_Solid.hxx>
#include <ShapeUpgrade_UnifySameDomain.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Solid.hxx>

namespace {

/* CadQuery's Shape._bool_op: arguments, tools, SetRunParallel(true), Build, Shape. */
zk_shape *run_bool(BRepAlgoAPI_BooleanOperation &op, const TopTools_ListOfShape &args,
                   const TopTools_ListOfShape &tools, double tol) {
    if (tol > 0) op.SetFuzzyValue(tol);
    op.SetArguments(args);
    op.SetTools(tools);
    op.SetRunParallel(Standard_True);
    op.Build();
    zk::hist_record(op, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
    return zk::wrap(op.Shape());
}

TopTools_ListOfShape single(const zk_shape *a) {
    TopTools_ListOfShape l;
    l.Append(zk::get(a));
    return l;
}

} // namespace

extern "C" zk_shape *zk_fuse(const zk_shape *a, zk_shape *const *tools, size_t n, int glue, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Fuse op;
        if (glue) op.SetGlue(BOPAlgo_GlueShift);
        return run_bool(op, single(a), zk::list_of(tools, n), tol);
    });
}

extern "C" zk_shape *zk_cut(const zk_shape *a, zk_shape *const *tools, size_t n, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Cut op;
        return run_bool(op, single(a), zk::list_of(tools, n), tol);
    });
}

extern "C" zk_shape *zk_common(const zk_shape *a, zk_shape *const *tools, size_t n, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Common op;
        return run_bool(op, single(a), zk::list_of(tools, n), tol);
    });
}

extern "C" zk_shape *zk_fuse_many(zk_shape *const *args, size_t nargs, zk_shape *const *tools, size_t n,
                                  int glue, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Fuse op;
        if (glue) op.SetGlue(BOPAlgo_GlueShift);
        return run_bool(op, zk::list_of(args, nargs), zk::list_of(tools, n), tol);
    });
}

extern "C" zk_shape *zk_cut_many(zk_shape *const *args, size_t nargs, zk_shape *const *tools, size_t n,
                                 double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Cut op;
        return run_bool(op, zk::list_of(args, nargs), zk::list_of(tools, n), tol);
    });
}

extern "C" zk_shape *zk_common_many(zk_shape *const *args, size_t nargs, zk_shape *const *tools,
                                    size_t n, double tol) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Common op;
        return run_bool(op, zk::list_of(args, nargs), zk::list_of(tools, n), tol);
    });
}

extern "C" zk_shape *zk_split(const zk_shape *a, zk_shape *const *tools, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Splitter op;
        op.SetArguments(single(a));
        op.SetTools(zk::list_of(tools, n));
        op.SetRunParallel(Standard_True);
        op.Build();
        zk::hist_record(op, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
        return zk::wrap(op.Shape());
    });
}

extern "C" zk_shape *zk_section(const zk_shape *a, const zk_shape *tool) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepAlgoAPI_Section op(zk::get(a), zk::get(tool), Standard_False);
        op.Approximation(Standard_True);
        op.Build();
        return zk::wrap(op.Shape());
    });
}

extern "C" zk_shape *zk_clean(const zk_shape *s) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        ShapeUpgrade_UnifySameDomain up(zk::get(s), Standard_True, Standard_True, Standard_True);
        up.AllowInternalEdges(Standard_False);
        up.Build();
        return zk::wrap(up.Shape());
    });
}

extern "C" zk_shape *zk_fix(const zk_shape *s) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        ShapeFix_Shape fix(zk::get(s));
        fix.Perform();
        return zk::wrap(fix.Shape());
    });
}

extern "C" zk_shape *zk_solid_from_shell(const zk_shape *shell) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &sh = zk::get(shell);
        if (sh.ShapeType() != TopAbs_SHELL) zk::fail("zk_solid_from_shell: not a shell");
        ShapeFix_Solid fix;
        return zk::wrap(fix.SolidFromShell(TopoDS::Shell(sh)));
    });
}

extern "C" zk_shape *zk_shell_from_faces(zk_shape *const *faces, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepBuilderAPI_Sewing sew;
        for (size_t i = 0; i < n; i++) sew.Add(zk::get(faces[i]));
        sew.Perform();
        return zk::wrap(sew.SewedShape());
    });
}
