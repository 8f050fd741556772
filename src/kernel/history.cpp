// history.cpp: the operation-history recorder (CadQuery's func History): keys, the active recorder
// of the thread, the C accessors, images, the remapping step, and local sewing with its history.
#include "history_internal.hpp"

#include <BRepBuilderAPI_Sewing.hxx>
#include <BRepTools_History.hxx>
#include <BRepTools_ReShape.hxx>
#include <BRep_Builder.hxx>
#include <TopExp.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Iterator.hxx>
#include <TopoDS_Shell.hxx>

#include <new>

namespace {

thread_local zk_hist *active = nullptr;

bool contains_same(const std::vector<TopoDS_Shape> &v, const TopoDS_Shape &s) {
    for (const TopoDS_Shape &x : v)
        if (x.IsSame(s)) return true;
    return false;
}

void track(zk_hist *h, const TopoDS_Shape &s) {
    static const TopAbs_ShapeEnum kinds[] = {TopAbs_FACE, TopAbs_EDGE, TopAbs_VERTEX};
    for (TopAbs_ShapeEnum k : kinds) {
        TopTools_IndexedMapOfShape m;
        TopExp::MapShapes(s, k, m);
        for (int i = 1; i <= m.Extent(); i++) zk::hist_entry(h, m(i)).tracked = true;
    }
}

/* BRepTools_History read through the builder interface of zk::hist_record. */
struct history_reader {
    const BRepTools_History &h;
    const TopTools_ListOfShape &Generated(const TopoDS_Shape &s) const { return h.Generated(s); }
    const TopTools_ListOfShape &Modified(const TopoDS_Shape &s) const { return h.Modified(s); }
    Standard_Boolean IsDeleted(const TopoDS_Shape &s) const { return h.IsRemoved(s); }
};

/* CadQuery's shell() result: the shells of the sewn shape and its free faces, each made a one-face
 * shell; one of them alone, or a compound of them. */
TopoDS_Shape shells_of(const TopoDS_Shape &sewn) {
    std::vector<TopoDS_Shape> out;
    BRep_Builder b;
    auto add = [&](const TopoDS_Shape &s) {
        if (s.ShapeType() == TopAbs_SHELL) {
            out.push_back(s);
        } else if (s.ShapeType() == TopAbs_FACE) {
            TopoDS_Shell sh;
            b.MakeShell(sh);
            b.Add(sh, s);
            out.push_back(sh);
        }
    };
    if (sewn.ShapeType() == TopAbs_COMPOUND)
        for (TopoDS_Iterator it(sewn); it.More(); it.Next()) add(it.Value());
    else
        add(sewn);
    if (out.size() == 1) return out[0];
    TopoDS_Compound c;
    b.MakeCompound(c);
    for (const TopoDS_Shape &s : out) b.Add(c, s);
    return c;
}

} // namespace

namespace zk {

zk_hist *hist_active() { return active; }

zk_hist_entry &hist_entry(zk_hist *h, const TopoDS_Shape &key) {
    int i = h->keys.FindIndex(key);
    if (i == 0) {
        i = h->keys.Add(key);
        h->entries.emplace_back();
    }
    return h->entries[static_cast<size_t>(i) - 1];
}

void hist_add(zk_hist *h, const TopoDS_Shape &key, int kind, const TopoDS_Shape &value, bool replace) {
    zk_hist_entry &e = hist_entry(h, key);
    if (replace) e.values[kind].clear();
    e.present[kind] = true;
    if (!contains_same(e.values[kind], value)) e.values[kind].push_back(value);
}

void hist_add_end(zk_hist *h, int last, const TopoDS_Shape &s) {
    if (!contains_same(h->ends[last], s)) h->ends[last].push_back(s);
}

void hist_remap(zk_hist *h, const std::vector<TopoDS_Shape> &(*images)(const TopoDS_Shape &, void *, bool *),
                void *ctx) {
    auto remap = [&](std::vector<TopoDS_Shape> &vals) {
        std::vector<TopoDS_Shape> out;
        for (const TopoDS_Shape &v : vals) {
            bool deleted = false;
            const std::vector<TopoDS_Shape> &im = images(v, ctx, &deleted);
            if (!im.empty()) {
                for (const TopoDS_Shape &x : im)
                    if (!contains_same(out, x)) out.push_back(x);
            } else if (!deleted && !contains_same(out, v)) {
                out.push_back(v);
            }
        }
        vals.swap(out);
    };
    for (zk_hist_entry &e : h->entries)
        for (int k = 0; k < ZK_HIST_NKINDS; k++)
            if (k != ZK_HIST_IMAGES) remap(e.values[k]);
    remap(h->ends[0]);
    remap(h->ends[1]);
}

void hist_record_images(const TopTools_DataMapOfShapeListOfShape &images) {
    zk_hist *h = hist_active();
    if (!h || h->mode == ZK_HIST_REMAP) return;
    for (size_t i = 0; i < h->entries.size(); i++) {
        if (!h->entries[i].tracked) continue;
        TopoDS_Shape key = h->keys(static_cast<int>(i) + 1);
        const TopTools_ListOfShape *im = images.Seek(key);
        h->entries[i].values[ZK_HIST_IMAGES].clear();
        h->entries[i].present[ZK_HIST_IMAGES] = true;
        if (!im || im->IsEmpty())
            h->entries[i].values[ZK_HIST_IMAGES].push_back(key);
        else
            for (TopTools_ListIteratorOfListOfShape it(*im); it.More(); it.Next())
                hist_add(h, key, ZK_HIST_IMAGES, it.Value(), false);
    }
}

} // namespace zk

extern "C" zk_hist *zk_hist_new(void) { return new (std::nothrow) zk_hist(); }

extern "C" void zk_hist_free(zk_hist *h) {
    if (active == h) active = nullptr;
    delete h;
}

extern "C" int zk_hist_track(zk_hist *h, const zk_shape *s) {
    return zk::guard<int>(-1, [&] {
        track(h, zk::get(s));
        return 0;
    });
}

extern "C" void zk_hist_record_into(zk_hist *h) { active = h; }

extern "C" zk_hist *zk_hist_active(void) { return active; }

extern "C" int zk_hist_keep_ends_in(zk_hist *h, const zk_shape *s) {
    return zk::guard<int>(-1, [&] {
        TopTools_IndexedMapOfShape subs;
        TopExp::MapShapes(zk::get(s), subs);
        for (std::vector<TopoDS_Shape> &ends : h->ends) {
            std::vector<TopoDS_Shape> kept;
            for (const TopoDS_Shape &e : ends)
                if (subs.Contains(e)) kept.push_back(e);
            ends.swap(kept);
        }
        return 0;
    });
}

extern "C" void zk_hist_set_mode(zk_hist *h, int mode) { h->mode = mode; }

extern "C" size_t zk_hist_size(const zk_hist *h) { return h->entries.size(); }

extern "C" zk_shape *zk_hist_key(const zk_hist *h, size_t i) {
    return zk::guard<zk_shape *>(nullptr, [&] { return zk::wrap(h->keys(static_cast<int>(i) + 1)); });
}

extern "C" int zk_hist_deleted(const zk_hist *h, size_t i) { return h->entries[i].deleted ? 1 : 0; }

extern "C" int zk_hist_values(const zk_hist *h, size_t i, int kind, zk_shape ***out, size_t *n) {
    *out = nullptr;
    *n = 0;
    if (!h->entries[i].present[kind]) return 0;
    return zk::guard<int>(-1, [&] {
        if (zk::export_list(h->entries[i].values[kind], out, n) < 0) throw std::bad_alloc();
        return 1;
    });
}

extern "C" int zk_hist_ends(const zk_hist *h, int last, zk_shape ***out, size_t *n) {
    return zk::guard<int>(-1, [&] {
        if (zk::export_list(h->ends[last ? 1 : 0], out, n) < 0) throw std::bad_alloc();
        return 0;
    });
}

/* Sewing as CadQuery's shell(): the context's history (generated, modified) and, for every face
 * sewn and every face of ctx, its image in the sewn shape. */
extern "C" zk_shape *zk_sew(zk_shape *const *faces, size_t n, const zk_shape *ctx, double tol, int manifold) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        BRepBuilderAPI_Sewing b(tol, Standard_True, Standard_True, Standard_True, manifold ? Standard_False
                                                                                          : Standard_True);
        if (ctx) b.Load(zk::get(ctx));
        std::vector<TopoDS_Shape> all;
        for (size_t i = 0; i < n; i++) {
            TopTools_IndexedMapOfShape m;
            TopExp::MapShapes(zk::get(faces[i]), TopAbs_FACE, m);
            for (int k = 1; k <= m.Extent(); k++) {
                b.Add(m(k));
                all.push_back(m(k));
            }
        }
        b.Perform();
        TopoDS_Shape sewn = b.SewedShape();
        zk_hist *h = zk::hist_active();
        if (h && h->mode == ZK_HIST_RECORD) {
            if (ctx) {
                TopTools_IndexedMapOfShape m;
                TopExp::MapShapes(zk::get(ctx), TopAbs_FACE, m);
                for (int k = 1; k <= m.Extent(); k++) all.push_back(m(k));
            }
            Handle(BRepTools_History) hist = b.GetContext()->History();
            if (!hist.IsNull()) {
                history_reader r{*hist};
                zk::hist_record(r, zk::HIST_GEN | zk::HIST_MOD);
            }
            for (const TopoDS_Shape &f : all) zk::hist_add(h, f, ZK_HIST_IMAGES, b.Modified(f), true);
        }
        return zk::wrap(shells_of(sewn));
    });
}
