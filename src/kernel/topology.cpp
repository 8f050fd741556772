// topology.cpp: sub-shape exploration in TopExp::MapShapes order (CadQuery's _entities),
// direct children (TopoDS_Iterator), ancestors (MapShapesAndAncestors), compounds, list freeing.
#include "kernel_internal.hpp"

#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Iterator.hxx>

#include <cstdlib>
#include <cstring>

namespace {
/* A C caller may pass any int as zk_type: read it as an int (no out-of-range enum load in C++). */
TopAbs_ShapeEnum topabs(const zk_type &type) {
    int t;
    std::memcpy(&t, &type, sizeof t);
    if (t < ZK_COMPOUND || t > ZK_SHAPE) zk::fail("invalid shape type");
    return static_cast<TopAbs_ShapeEnum>(t);
}
} // namespace

extern "C" int zk_explore(const zk_shape *s, zk_type type, zk_shape ***out, size_t *n) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &sh = zk::get(s);
        TopTools_IndexedMapOfShape map;
        TopExp::MapShapes(sh, topabs(type), map);
        std::vector<TopoDS_Shape> v;
        v.reserve(map.Extent());
        for (int i = 1; i <= map.Extent(); i++) v.push_back(map(i));
        return zk::export_list(v, out, n);
    });
}

extern "C" int zk_children(const zk_shape *s, zk_shape ***out, size_t *n) {
    return zk::guard<int>(-1, [&] {
        std::vector<TopoDS_Shape> v;
        for (TopoDS_Iterator it(zk::get(s)); it.More(); it.Next()) v.push_back(it.Value());
        return zk::export_list(v, out, n);
    });
}

extern "C" int zk_ancestors(const zk_shape *s, const zk_shape *sub, zk_type type, zk_shape ***out,
                            size_t *n) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &key = zk::get(sub);
        TopTools_IndexedDataMapOfShapeListOfShape map;
        TopExp::MapShapesAndAncestors(zk::get(s), key.ShapeType(), topabs(type), map);
        std::vector<TopoDS_Shape> v;
        const TopTools_ListOfShape *found = map.Seek(key);
        if (found)
            for (TopTools_ListOfShape::Iterator it(*found); it.More(); it.Next()) v.push_back(it.Value());
        return zk::export_list(v, out, n);
    });
}

extern "C" void zk_free_list(zk_shape **list, size_t n) {
    if (!list) return;
    for (size_t i = 0; i < n; i++) zk_unref(list[i]);
    std::free(list);
}

extern "C" zk_shape *zk_compound(zk_shape *const *shapes, size_t n) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRep_Builder b;
        TopoDS_Compound c;
        b.MakeCompound(c);
        for (size_t i = 0; i < n; i++) b.Add(c, zk::get(shapes[i]));
        return zk::wrap(c);
    });
}

extern "C" int zk_edge_is_degenerated(const zk_shape *edge) {
    return zk::guard<int>(-1, [&] {
        const TopoDS_Shape &sh = zk::get(edge);
        if (sh.ShapeType() != TopAbs_EDGE) return 0;
        return BRep_Tool::Degenerated(TopoDS::Edge(sh)) ? 1 : 0;
    });
}

extern "C" int zk_is_closed(const zk_shape *s) {
    return zk::guard<int>(-1, [&] { return zk::get(s).Closed() ? 1 : 0; });
}

extern "C" int zk_contains_subshape(const zk_shape *of, const zk_shape *sub) {
    return zk::guard<int>(-1, [&] {
        TopTools_IndexedMapOfShape m;
        TopExp::MapShapes(zk::get(of), m);
        return m.Contains(zk::get(sub)) ? 1 : 0;
    });
}
