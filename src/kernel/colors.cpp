// colors.cpp: OCCT's colour names and hex codes read as sRGB with alpha (cq.Color, assemblies).
#include "kernel_internal.hpp"

#include <Quantity_ColorRGBA.hxx>

#include <cmath>

extern "C" int zk_color_srgb(const char *name, double rgba[4]) {
    return zk::guard<int>(-1, [&] {
        Quantity_ColorRGBA c;
        if (!name || !(Quantity_ColorRGBA::ColorFromName(name, c) || Quantity_ColorRGBA::ColorFromHex(name, c)))
            zk::fail("unknown colour name");
        c.GetRGB().Values(rgba[0], rgba[1], rgba[2], Quantity_TOC_sRGB);
        rgba[3] = c.Alpha();
        for (int i = 0; i < 4; i++)   /* the linear <-> sRGB round trip leaves 1 - 1e-16 for 1 */
            if (std::fabs(rgba[i] - 1.0) < 1e-9) rgba[i] = 1.0;
            else if (std::fabs(rgba[i]) < 1e-9) rgba[i] = 0.0;
        return 0;
    });
}
