// reshape.cpp: editing the topology of existing shapes as CadQuery's newer Shape/Solid methods do:
// removing and replacing sub-shapes (BRepTools_ReShape), reversing, the outer shell of a solid,
// adding cavities, and the binary BRep format (BinTools) in memory.
#include "kernel_internal.hpp"

#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepClass3d.hxx>
#include <BRepTools_ReShape.hxx>
#include <BRep_Builder.hxx>
#include <BinTools.hxx>
#include <ShapeFix_Solid.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>

#include <cstdlib>
#include <cstring>
#include <sstream>

extern "C" zk_shape *zk_reshape_remove(const zk_shape *s, zk_shape *const *subs, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        Handle(BRepTools_ReShape) b = new BRepTools_ReShape();
        for (size_t i = 0; i < n; i++) b->Remove(zk::get(subs[i]));
        return zk::wrap(b->Apply(zk::get(s)));
    });
}

extern "C" zk_shape *zk_reshape_replace(const zk_shape *s, const zk_shape *old, zk_shape *const *with, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        TopoDS_Compound c;
        BRep_Builder bb;
        bb.MakeCompound(c);
        for (size_t i = 0; i < n; i++) bb.Add(c, zk::get(with[i]));
        Handle(BRepTools_ReShape) b = new BRepTools_ReShape();
        b->Replace(zk::get(old), c);
        return zk::wrap(b->Apply(zk::get(s)));
    });
}

extern "C" zk_shape *zk_reversed(const zk_shape *s) {
    return zk::guard<zk_shape *>(nullptr, [&] { return zk::wrap(zk::get(s).Reversed()); });
}

extern "C" zk_shape *zk_solid_outer_shell(const zk_shape *s) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &sh = zk::get(s);
        if (sh.ShapeType() != TopAbs_SOLID) zk::fail("outerShell: not a solid");
        return zk::wrap(BRepClass3d::OuterShell(TopoDS::Solid(sh)));
    });
}

extern "C" zk_shape *zk_solid_add_cavities(const zk_shape *s, zk_shape *const *shells, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        const TopoDS_Shape &sh = zk::get(s);
        if (sh.ShapeType() != TopAbs_SOLID) zk::fail("addCavity: not a solid");
        BRepBuilderAPI_MakeSolid b(TopoDS::Solid(sh));
        for (size_t i = 0; i < n; i++) {
            const TopoDS_Shape &c = zk::get(shells[i]);
            if (c.ShapeType() == TopAbs_SHELL)
                b.Add(TopoDS::Shell(c));
            else if (c.ShapeType() == TopAbs_SOLID)
                b.Add(BRepClass3d::OuterShell(TopoDS::Solid(c)));
            else
                zk::fail("addCavity: expected shells or solids");
        }
        ShapeFix_Solid fix(b.Solid());
        fix.Perform();
        return zk::wrap(fix.Solid());
    });
}

extern "C" char *zk_bin_write(const zk_shape *s, size_t *len) {
    return zk::guard<char *>(nullptr, [&] {
        std::ostringstream os(std::ios::out | std::ios::binary);
        BinTools::Write(zk::get(s), os);
        std::string data = os.str();
        char *out = (char *)malloc(data.size() ? data.size() : 1);
        if (!out) zk::fail("out of memory");
        memcpy(out, data.data(), data.size());
        *len = data.size();
        return out;
    });
}

extern "C" zk_shape *zk_bin_read(const void *data, size_t len) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (len == 0) zk::fail("empty binary BRep data");
        std::istringstream is(std::string((const char *)data, len), std::ios::in | std::ios::binary);
        TopoDS_Shape sh;
        BinTools::Read(sh, is);
        if (sh.IsNull()) zk::fail("no shape in the binary BRep data");
        return zk::wrap(sh);
    });
}
