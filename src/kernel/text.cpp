// text.cpp: text as faces or solids (placeholder until the Font_BRepTextBuilder bridge lands).
#include "kernel_internal.hpp"

extern "C" zk_shape *zk_text(const char *txt, double size, double distance, const char *font,
                             const char *font_path, int kind, int halign, int valign, const zk_ax2 *frame) {
    (void)txt; (void)size; (void)distance; (void)font; (void)font_path; (void)kind; (void)halign;
    (void)valign; (void)frame;
    return zk::guard<zk_shape *>(nullptr, []() -> zk_shape * { zk::fail("text is not implemented yet"); });
}
