// vrml.cpp: VRML export of a shape (VrmlAPI_Writer). In the assembly plugin because OCCT's VRML
// toolkit maps the XCAF and visualization toolkits.
#include "kernel_internal.hpp"

#include <VrmlAPI_Writer.hxx>

#include <string>

extern "C" int zk_write_vrml_shape(const zk_shape *s, const char *path) {
    return zk::guard<int>(-1, [&] {
        if (!path || !*path) zk::fail("empty file name");
        VrmlAPI_Writer writer;
        if (!writer.Write(zk::get(s), path, 2)) {
            std::string m = std::string("cannot write VRML file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}
