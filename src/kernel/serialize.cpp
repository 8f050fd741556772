// serialize.cpp: shapes to and from BRep text in memory (BRepTools::Write/Read on string
// streams), for pickling, and OCCT's named colours (Quantity_Color::ColorFromName).
#include "kernel_internal.hpp"

#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <Quantity_Color.hxx>

#include <cstdlib>
#include <cstring>
#include <sstream>

extern "C" char *zk_brep_text(const zk_shape *s, size_t *len) {
    return zk::guard<char *>(nullptr, [&]() -> char * {
        std::ostringstream out;
        BRepTools::Write(zk::get(s), out);
        std::string text = out.str();
        char *buf = static_cast<char *>(std::malloc(text.size() + 1));
        if (!buf) zk::fail("out of memory");
        std::memcpy(buf, text.c_str(), text.size() + 1);
        *len = text.size();
        return buf;
    });
}

extern "C" zk_shape *zk_brep_from_text(const char *text, size_t len) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        std::istringstream in(std::string(text, len));
        TopoDS_Shape s;
        BRep_Builder b;
        BRepTools::Read(s, in, b);
        if (s.IsNull()) zk::fail("not a BRep shape");
        return zk::wrap(s);
    });
}

extern "C" int zk_color_from_name(const char *name, double rgb[3]) {
    return zk::guard<int>(-1, [&] {
        Quantity_Color c;
        if (!name || !Quantity_Color::ColorFromName(name, c)) zk::fail("unknown colour name");
        c.Values(rgb[0], rgb[1], rgb[2], Quantity_TOC_RGB);
        return 0;
    });
}
