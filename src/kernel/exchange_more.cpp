// exchange_more.cpp: more exchange formats for exporters.export: OCCT's binary shape format
// (BinTools, Shape.exportBin/importBin; VRML is in the assembly plugin, caf/vrml.cpp) and STEP written with units
// (xstep.cascade.unit: the model's unit, write.step.unit: the unit the file declares).
#include "kernel_internal.hpp"

#include <BinTools.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <Interface_Static.hxx>
#include <STEPControl_Controller.hxx>
#include <Message_ProgressRange.hxx>
#include <STEPControl_Writer.hxx>

#include <cstdio>
#include <cstring>
#include <string>

extern "C" int zk_write_bin(const zk_shape *s, const char *path) {
    return zk::guard<int>(-1, [&] {
        if (!path || !*path) zk::fail("empty file name");
        if (!BinTools::Write(zk::get(s), path, Message_ProgressRange())) {
            std::string m = std::string("cannot write ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

extern "C" zk_shape *zk_read_bin(const char *path) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!path || !*path) zk::fail("empty file name");
        TopoDS_Shape s;
        if (!BinTools::Read(s, path, Message_ProgressRange()) || s.IsNull()) {
            std::string m = std::string("cannot read a binary shape from ") + path;
            zk::fail(m.c_str());
        }
        return zk::wrap(s);
    });
}

extern "C" int zk_write_step_units(const zk_shape *s, const char *path, int pcurves, int precision_mode,
                                   const char *unit, const char *out_unit) {
    return zk::guard<int>(-1, [&] {
        if (!path || !*path) zk::fail("empty file name");
        STEPControl_Controller::Init();   /* defines the STEP statics (with defaults) once: before setting them */
        std::string cascade = Interface_Static::CVal("xstep.cascade.unit");
        std::string write = Interface_Static::CVal("write.step.unit");
        Interface_Static::SetCVal("xstep.cascade.unit", unit && *unit ? unit : "MM");
        Interface_Static::SetCVal("write.step.unit", out_unit && *out_unit ? out_unit : (unit && *unit ? unit : "MM"));
        Interface_Static::SetIVal("write.surfacecurve.mode", pcurves ? 1 : 0);
        Interface_Static::SetIVal("write.precision.mode", precision_mode);
        STEPControl_Writer writer;
        bool ok = writer.Transfer(zk::get(s), STEPControl_AsIs) == IFSelect_RetDone && writer.Write(path) == IFSelect_RetDone;
        Interface_Static::SetCVal("xstep.cascade.unit", cascade.c_str());
        Interface_Static::SetCVal("write.step.unit", write.c_str());
        Interface_Static::SetIVal("write.surfacecurve.mode", 1);
        Interface_Static::SetIVal("write.precision.mode", 0);
        if (!ok) {
            std::string m = std::string("cannot write STEP file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

/* The 80-byte header of a binary STL file, as current OCCT (and so current CadQuery) writes it:
 * "STL Exported by Open CASCADE [www.opencascade.com]" (7.6 spelled "OpenCASCADE"). */
extern "C" int zk_stl_set_header(const char *path) {
    return zk::guard<int>(-1, [&] {
        static const char text[] = "STL Exported by Open CASCADE [www.opencascade.com]";
        char header[80];
        std::memset(header, ' ', sizeof header);
        std::memcpy(header, text, sizeof text - 1);
        FILE *f = std::fopen(path, "r+b");
        if (!f) zk::fail("cannot open the STL file");
        bool ok = std::fwrite(header, 1, sizeof header, f) == sizeof header;
        ok = std::fclose(f) == 0 && ok;
        if (!ok) zk::fail("cannot write the STL header");
        return 0;
    });
}
