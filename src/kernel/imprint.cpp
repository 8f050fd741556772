// imprint.cpp: imprinting solids on each other (BOPAlgo_Builder, CadQuery's assembly imprint):
// the connected result and, for each of its solids, which input solids it came from.
#include "history_internal.hpp"

#include <BOPAlgo_Builder.hxx>
#include <BOPAlgo_GlueEnum.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListOfShape.hxx>

#include <cstdlib>

extern "C" int zk_imprint(zk_shape *const *args, size_t n, int glue, double tol, zk_shape **result,
                          zk_shape ***solids, size_t *nsolids, int **origins) {
    return zk::guard<int>(-1, [&] {
        *result = nullptr;
        *solids = nullptr;
        *origins = nullptr;
        BOPAlgo_Builder builder;
        if (glue == 1) builder.SetGlue(BOPAlgo_GlueShift);
        if (glue == 2) builder.SetGlue(BOPAlgo_GlueFull);
        builder.SetRunParallel(Standard_True);
        builder.SetUseOBB(Standard_True);
        builder.SetNonDestructive(Standard_True);
        if (tol > 0) builder.SetFuzzyValue(tol);
        std::vector<TopoDS_Shape> in = zk::vector_of(args, n);
        for (const TopoDS_Shape &s : in) builder.AddArgument(s);
        builder.Perform();
        if (builder.HasErrors()) zk::fail("imprinting the solids failed");
        zk::hist_record(builder, zk::HIST_GEN | zk::HIST_MOD | zk::HIST_DEL);
        zk::hist_record_images(builder.Images());
        const TopoDS_Shape &res = builder.Shape();
        TopTools_IndexedMapOfShape map;
        TopExp::MapShapes(res, TopAbs_SOLID, map);
        std::vector<TopoDS_Shape> out;
        for (int i = 1; i <= map.Extent(); i++) out.push_back(map(i));
        int *flags = static_cast<int *>(std::calloc(out.size() * n + 1, sizeof(int)));
        if (!flags) throw std::bad_alloc();
        const TopTools_DataMapOfShapeListOfShape &orig = builder.Origins();
        for (size_t i = 0; i < out.size(); i++) {
            bool any = false;
            if (orig.IsBound(out[i]))
                for (TopTools_ListIteratorOfListOfShape it(orig.Find(out[i])); it.More(); it.Next())
                    for (size_t j = 0; j < n; j++)
                        if (it.Value().IsSame(in[j])) {
                            flags[i * n + j] = 1;
                            any = true;
                        }
            for (size_t j = 0; !any && j < n; j++)   /* not modified: the input itself */
                if (out[i].IsSame(in[j])) {
                    flags[i * n + j] = 1;
                    any = true;
                }
        }
        if (zk::export_list(out, solids, nsolids) < 0) {
            std::free(flags);
            throw std::bad_alloc();
        }
        *origins = flags;
        *result = zk::wrap(res);
        return 0;
    });
}
