// text.cpp: text as planar faces or extruded solids (CadQuery's Compound.makeText):
// Font_FontMgr font lookup (or a registered font file), Font_BRepTextBuilder glyph outlines,
// an optional prism along the faces' normal, then placement in the given frame.
#include "kernel_internal.hpp"

#include <cstring>

#include <BRepBuilderAPI_Transform.hxx>
#include <BRepGProp_Face.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <BRepTools.hxx>
#include <Font_BRepTextBuilder.hxx>
#include <Font_FontMgr.hxx>
#include <Font_SystemFont.hxx>
#include <StdPrs_BRepFont.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Ax3.hxx>

namespace {

Font_FontAspect aspect_of(int kind) {
    return kind == 1 ? Font_FontAspect_Bold : kind == 2 ? Font_FontAspect_Italic : Font_FontAspect_Regular;
}

/* CadQuery: a font file that FreeType accepts is registered and used; otherwise the family
 * `font` (default "Arial") is looked up with OCCT's aliases and fall-backs. */
Handle(Font_SystemFont) find_font(const char *font, const char *font_path, Font_FontAspect aspect) {
    Handle(Font_FontMgr) mgr = Font_FontMgr::GetInstance();
    if (font_path && *font_path) {
        Handle(Font_SystemFont) f = mgr->CheckFont(font_path);
        if (!f.IsNull()) {
            f->SetFontPath(aspect, TCollection_AsciiString(font_path));
            mgr->RegisterFont(f, Standard_True);
            return f;
        }
    }
    /* CadQuery resolves names and their aliases only (an unknown font is an error); the default
     * "Arial" may fall back to any font where no alias of it is installed. */
    const char *name = font && *font ? font : "Arial";
    Font_FontAspect a = aspect;
    Handle(Font_SystemFont) f = mgr->FindFont(TCollection_AsciiString(name), Font_StrictLevel_Aliases, a, Standard_False);
    if (f.IsNull() && strcmp(name, "Arial") == 0)
        f = mgr->FindFont(TCollection_AsciiString(name), Font_StrictLevel_Any, a, Standard_False);
    if (f.IsNull()) zk::fail((std::string("Font '") + name + "' not found").c_str());
    return f;
}

/* The normal of the first face at its uv mid-point (CadQuery's Faces()[0].normalAt()). */
gp_Vec first_face_normal(const TopoDS_Shape &s) {
    TopExp_Explorer ex(s, TopAbs_FACE);
    if (!ex.More()) zk::fail("the text produced no faces");
    const TopoDS_Face &f = TopoDS::Face(ex.Current());
    double u0, u1, v0, v1;
    BRepTools::UVBounds(f, u0, u1, v0, v1);
    gp_Pnt p;
    gp_Vec n;
    BRepGProp_Face(f).Normal(0.5 * (u0 + u1), 0.5 * (v0 + v1), p, n);
    return n;
}

} // namespace

extern "C" zk_shape *zk_text(const char *txt, double size, double distance, const char *font,
                             const char *font_path, int kind, int halign, int valign, const zk_ax2 *frame) {
    return zk::guard<zk_shape *>(nullptr, [&] {
        if (!txt) zk::fail("NULL text");
        if (!(size > 0)) zk::fail("text size must be positive");
        Font_FontAspect aspect = aspect_of(kind);
        Handle(Font_SystemFont) sys = find_font(font, font_path, aspect);
        StdPrs_BRepFont brep_font(NCollection_String(sys->FontName().ToCString()), aspect, size);
        Graphic3d_HorizontalTextAlignment ha =
            halign == 0 ? Graphic3d_HTA_LEFT : halign == 2 ? Graphic3d_HTA_RIGHT : Graphic3d_HTA_CENTER;
        Graphic3d_VerticalTextAlignment va =
            valign == 0 ? Graphic3d_VTA_BOTTOM : valign == 2 ? Graphic3d_VTA_TOP : Graphic3d_VTA_CENTER;
        Font_BRepTextBuilder builder;
        TopoDS_Shape flat = builder.Perform(brep_font, NCollection_String(txt), gp_Ax3(), ha, va);
        TopoDS_Shape shape = flat;
        if (distance != 0) shape = BRepPrimAPI_MakePrism(flat, first_face_normal(flat) * distance).Shape();
        gp_Trsf place;
        place.SetTransformation(gp_Ax3(zk::ax2(frame)));
        place.Invert();
        return zk::wrap(BRepBuilderAPI_Transform(shape, place, Standard_False).Shape());
    });
}
