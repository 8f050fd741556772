// history_internal.hpp: the operation-history recorder of the kernel (CadQuery's func History):
// the record struct and the templates that read an OCCT builder's Generated/Modified/IsDeleted,
// FirstShape/LastShape and Images into the recorder that zk_hist_record_into() made active.
#ifndef ZC_KERNEL_HISTORY_INTERNAL_HPP
#define ZC_KERNEL_HISTORY_INTERNAL_HPP

#include "kernel_internal.hpp"

#include <TopTools_DataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListOfShape.hxx>

/* One key's records: lists per kind (ZK_HIST_*), whether each kind was recorded, deleted. */
struct zk_hist_entry {
    std::vector<TopoDS_Shape> values[ZK_HIST_NKINDS];
    bool present[ZK_HIST_NKINDS] = {};
    bool tracked = false, deleted = false;
};

struct zk_hist {
    TopTools_IndexedMapOfShape keys;       /* index i + 1 is entries[i] */
    std::vector<zk_hist_entry> entries;
    std::vector<TopoDS_Shape> ends[2];     /* first shapes, last shapes */
    int mode = ZK_HIST_RECORD;
};

namespace zk {

/* The recorder in effect on this thread (nullptr: none, or paused). */
zk_hist *hist_active();
/* The entry of key (added, untracked, when absent). */
zk_hist_entry &hist_entry(zk_hist *h, const TopoDS_Shape &key);
/* Adds value to a kind of key's entry (no duplicate by IsSame); replace clears the kind first. */
void hist_add(zk_hist *h, const TopoDS_Shape &key, int kind, const TopoDS_Shape &value, bool replace);
void hist_add_end(zk_hist *h, int last, const TopoDS_Shape &s);
/* Remap mode: every recorded value v becomes its images through a later step (modified(v) when
 * not empty; dropped when deleted; kept otherwise). */
void hist_remap(zk_hist *h, const std::vector<TopoDS_Shape> &(*images)(const TopoDS_Shape &, void *, bool *),
                void *ctx);

enum { HIST_GEN = 1, HIST_MOD = 2, HIST_DEL = 4 };

/* Records, for every tracked key, what builder b reports (flags: HIST_GEN/MOD/DEL). In remap mode
 * it maps the values recorded so far through b's Modified/IsDeleted instead. */
template <class B>
void hist_record(B &b, int flags) {
    zk_hist *h = hist_active();
    if (!h) return;
    if (h->mode == ZK_HIST_REMAP) {
        struct ctx_t { B *b; std::vector<TopoDS_Shape> out; } ctx{&b, {}};
        hist_remap(h, [](const TopoDS_Shape &v, void *p, bool *deleted) -> const std::vector<TopoDS_Shape> & {
            ctx_t *c = static_cast<ctx_t *>(p);
            c->out.clear();
            *deleted = false;
            try {
                for (TopTools_ListIteratorOfListOfShape it(c->b->Modified(v)); it.More(); it.Next())
                    c->out.push_back(it.Value());
                if (c->out.empty()) *deleted = c->b->IsDeleted(v) != 0;
            } catch (const Standard_Failure &) {
            }
            return c->out;
        }, &ctx);
        return;
    }
    for (size_t i = 0; i < h->entries.size(); i++) {
        if (!h->entries[i].tracked) continue;
        TopoDS_Shape key = h->keys(static_cast<int>(i) + 1);
        try {
            if ((flags & HIST_DEL) && b.IsDeleted(key)) h->entries[i].deleted = true;
        } catch (const Standard_Failure &) {
        }
        try {
            if (flags & HIST_GEN)
                for (TopTools_ListIteratorOfListOfShape it(b.Generated(key)); it.More(); it.Next())
                    hist_add(h, key, ZK_HIST_GENERATED, it.Value(), false);
        } catch (const Standard_Failure &) {
        }
        try {
            if (flags & HIST_MOD)
                for (TopTools_ListIteratorOfListOfShape it(b.Modified(key)); it.More(); it.Next())
                    hist_add(h, key, ZK_HIST_MODIFIED, it.Value(), false);
        } catch (const Standard_Failure &) {
        }
    }
}

/* Builders with FirstShape()/LastShape() (pipe shells, lofts, BRepFeat prisms). */
template <class B>
void hist_record_ends(B &b) {
    zk_hist *h = hist_active();
    if (!h || h->mode == ZK_HIST_REMAP) return;
    TopoDS_Shape f = b.FirstShape(), l = b.LastShape();
    if (!f.IsNull()) hist_add_end(h, 0, f);
    if (!l.IsNull()) hist_add_end(h, 1, l);
}

/* Prisms and revolutions: also FirstShape(key)/LastShape(key) of every tracked key. */
template <class B>
void hist_record_sweep_ends(B &b) {
    zk_hist *h = hist_active();
    if (!h || h->mode == ZK_HIST_REMAP) return;
    hist_record_ends(b);
    for (size_t i = 0; i < h->entries.size(); i++) {
        if (!h->entries[i].tracked) continue;
        TopoDS_Shape key = h->keys(static_cast<int>(i) + 1);
        try {
            TopoDS_Shape f = b.FirstShape(key), l = b.LastShape(key);
            if (!f.IsNull()) hist_add(h, key, ZK_HIST_FIRST, f, true);
            if (!l.IsNull()) hist_add(h, key, ZK_HIST_LAST, l, true);
        } catch (const Standard_Failure &) {
        }
    }
}

/* Images (BOPAlgo_Builder::Images): every tracked key maps to its images, or to itself. */
void hist_record_images(const TopTools_DataMapOfShapeListOfShape &images);

} // namespace zk

#endif
