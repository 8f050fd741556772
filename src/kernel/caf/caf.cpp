// caf.cpp: assembly documents through OCCT's XDE (XCAF): building a document label by label
// (shapes, components with locations, names, colours, materials, subshapes, layers), writing it
// as STEP (STEPCAFControl), XBF/XML (OCAF storage), glTF (RWGltf) and VRML (VrmlAPI), and reading
// STEP/XBF/XML back with the same label queries. Labels are handed to C as indices into the
// document's table (zk_caf.labels).
#include "kernel_internal.hpp"

#include <BOPAlgo_GlueEnum.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRep_Builder.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Iterator.hxx>
#include <BinXCAFDrivers.hxx>
#include <BinXCAFDrivers_DocumentRetrievalDriver.hxx>
#include <BinXCAFDrivers_DocumentStorageDriver.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <Interface_Static.hxx>
#include <STEPControl_Controller.hxx>
#include <Message_ProgressRange.hxx>
#include <PCDM_StoreStatus.hxx>
#include <Quantity_Color.hxx>
#include <Quantity_ColorRGBA.hxx>
#include <RWGltf_CafWriter.hxx>
#include <STEPCAFControl_Reader.hxx>
#include <STEPCAFControl_Writer.hxx>
#include <STEPConstruct.hxx>
#include <StepGeom_Curve.hxx>
#include <StepGeom_Surface.hxx>
#include <StepGeom_TrimmedCurve.hxx>
#include <StepShape_AdvancedFace.hxx>
#include <StepShape_GeometricCurveSet.hxx>
#include <StepShape_GeometricSetSelect.hxx>
#include <TColStd_IndexedDataMapOfStringString.hxx>
#include <TCollection_ExtendedString.hxx>
#include <TCollection_HAsciiString.hxx>
#include <TDF_ChildIterator.hxx>
#include <TDF_Label.hxx>
#include <TDF_LabelSequence.hxx>
#include <TDataStd_Name.hxx>
#include <TDataStd_TreeNode.hxx>
#include <TDocStd_Document.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <Transfer_FinderProcess.hxx>
#include <VrmlAPI_Writer.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_LayerTool.hxx>
#include <XCAFDoc_Material.hxx>
#include <XCAFDoc_MaterialTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>
#include <XSControl_TransferWriter.hxx>
#include <XSControl_WorkSession.hxx>
#include <XmlXCAFDrivers.hxx>
#include <XmlXCAFDrivers_DocumentRetrievalDriver.hxx>
#include <XmlXCAFDrivers_DocumentStorageDriver.hxx>

#include <cstdlib>
#include <cstring>

struct zk_caf {
    Handle(TDocStd_Document) doc;
    std::vector<TDF_Label> labels;
};

namespace {

Handle(XCAFApp_Application) app() {
    static bool defined = false;
    Handle(XCAFApp_Application) a = XCAFApp_Application::GetApplication();
    if (!defined) {
        BinXCAFDrivers::DefineFormat(a);
        XmlXCAFDrivers::DefineFormat(a);
        defined = true;
    }
    return a;
}

Handle(XCAFDoc_ShapeTool) shapes(zk_caf *d) { return XCAFDoc_DocumentTool::ShapeTool(d->doc->Main()); }
Handle(XCAFDoc_ColorTool) colors(zk_caf *d) { return XCAFDoc_DocumentTool::ColorTool(d->doc->Main()); }
Handle(XCAFDoc_LayerTool) layers(zk_caf *d) { return XCAFDoc_DocumentTool::LayerTool(d->doc->Main()); }

int add_label(zk_caf *d, const TDF_Label &l) {
    d->labels.push_back(l);
    return static_cast<int>(d->labels.size() - 1);
}

const TDF_Label &label(zk_caf *d, int i) {
    if (!d || i < 0 || static_cast<size_t>(i) >= d->labels.size()) zk::fail("invalid assembly label");
    return d->labels[static_cast<size_t>(i)];
}

Quantity_ColorRGBA rgba_of(const double c[4]) {
    return Quantity_ColorRGBA(Quantity_Color(c[0], c[1], c[2], Quantity_TOC_sRGB), static_cast<float>(c[3]));
}

void rgba_out(const Quantity_ColorRGBA &c, double out[4]) {
    c.GetRGB().Values(out[0], out[1], out[2], Quantity_TOC_sRGB);
    out[3] = c.Alpha();
    for (int i = 0; i < 4; i++)   /* the linear <-> sRGB round trip leaves 1 - 1e-16 for 1 */
        if (std::fabs(out[i] - 1.0) < 1e-9) out[i] = 1.0;
        else if (std::fabs(out[i]) < 1e-9) out[i] = 0.0;
}

char *dup(const TCollection_AsciiString &s) {
    char *r = static_cast<char *>(std::malloc(static_cast<size_t>(s.Length()) + 1));
    if (!r) throw std::bad_alloc();
    std::memcpy(r, s.ToCString(), static_cast<size_t>(s.Length()) + 1);
    return r;
}

std::string name_of(const TDF_Label &l) {
    Handle(TDataStd_Name) n;
    if (l.IsNull() || !l.FindAttribute(TDataStd_Name::GetID(), n)) return "";
    return TCollection_AsciiString(n->Get()).ToCString();
}

/* Sets the static STEP unit settings (xstep.cascade.unit, write.step.unit); restored by the guard. */
struct UnitScope {
    std::string cascade, write;
    UnitScope(const char *unit, const char *out_unit) {
        STEPControl_Controller::Init();   /* defines the STEP statics (with defaults) once: before setting them */
        cascade = Interface_Static::CVal("xstep.cascade.unit");
        write = Interface_Static::CVal("write.step.unit");
        if (unit && *unit) Interface_Static::SetCVal("xstep.cascade.unit", unit);
        if (out_unit && *out_unit) Interface_Static::SetCVal("write.step.unit", out_unit);
    }
    ~UnitScope() {
        Interface_Static::SetCVal("xstep.cascade.unit", cascade.c_str());
        Interface_Static::SetCVal("write.step.unit", write.c_str());
    }
};

int export_labels(zk_caf *d, const TDF_LabelSequence &seq, int **out, size_t *n) {
    *n = static_cast<size_t>(seq.Length());
    *out = static_cast<int *>(std::malloc((*n ? *n : 1) * sizeof(int)));
    if (!*out) return -1;
    for (int i = 1; i <= seq.Length(); i++) (*out)[i - 1] = add_label(d, seq.Value(i));
    return 0;
}

void name_entity(const Handle(Transfer_FinderProcess) &finder, const TopoDS_Shape &s, const char *name) {
    Handle(StepRepr_RepresentationItem) e = STEPConstruct::FindEntity(finder, s);
    if (e.IsNull()) return;
    Handle(TCollection_HAsciiString) n = new TCollection_HAsciiString(name);
    if (Handle(StepShape_AdvancedFace) f = Handle(StepShape_AdvancedFace)::DownCast(e)) {
        f->FaceGeometry()->SetName(n);
    } else if (Handle(StepShape_GeometricCurveSet) cs = Handle(StepShape_GeometricCurveSet)::DownCast(e)) {
        for (int i = 1; i <= cs->NbElements(); i++) {
            StepShape_GeometricSetSelect el = cs->ElementsValue(i);
            if (el.CaseNumber() != 2) continue;
            Handle(StepGeom_Curve) c = el.Curve();
            c->SetName(n);
            if (Handle(StepGeom_TrimmedCurve) t = Handle(StepGeom_TrimmedCurve)::DownCast(c))
                t->BasisCurve()->SetName(n);
        }
    }
}

} // namespace

extern "C" {

zk_caf *zk_caf_new(void) {
    return zk::guard<zk_caf *>(nullptr, [&] {
        zk_caf *d = new zk_caf;
        app()->NewDocument("BinXCAF", d->doc);
        XCAFDoc_ShapeTool::SetAutoNaming(Standard_False);
        return d;
    });
}

void zk_caf_free(zk_caf *d) {
    if (!d) return;
    zk::guard<int>(0, [&] {
        if (!d->doc.IsNull() && d->doc->IsOpened()) app()->Close(d->doc);
        return 0;
    });
    delete d;
}

int zk_caf_new_shape(zk_caf *d) {
    return zk::guard<int>(-1, [&] { return add_label(d, shapes(d)->NewShape()); });
}

int zk_caf_add_shape(zk_caf *d, const zk_shape *s) {
    return zk::guard<int>(-1, [&] { return add_label(d, shapes(d)->AddShape(zk::get(s), Standard_False)); });
}

int zk_caf_set_shape(zk_caf *d, int lab, const zk_shape *s) {
    return zk::guard<int>(-1, [&] {
        shapes(d)->SetShape(label(d, lab), zk::get(s));
        return 0;
    });
}

int zk_caf_add_component(zk_caf *d, int parent, int ref, const zk_trsf *loc) {
    return zk::guard<int>(-1, [&] {
        TopLoc_Location l = loc ? TopLoc_Location(zk::trsf(loc)) : TopLoc_Location();
        return add_label(d, shapes(d)->AddComponent(label(d, parent), label(d, ref), l));
    });
}

int zk_caf_set_location(zk_caf *d, int lab, const zk_trsf *loc) {
    return zk::guard<int>(-1, [&] {
        /* OCCT 7.6 has no XCAFDoc_ShapeTool::SetLocation: a located free shape becomes the one
         * component of a new top-level assembly (an identity location keeps the label) */
        TopLoc_Location l(zk::trsf(loc));
        if (l.IsIdentity()) return lab;
        Handle(XCAFDoc_ShapeTool) st = shapes(d);
        TDF_Label top = st->NewShape();
        st->AddComponent(top, label(d, lab), l);
        return add_label(d, top);
    });
}

int zk_caf_set_name(zk_caf *d, int lab, const char *name) {
    return zk::guard<int>(-1, [&] {
        TDataStd_Name::Set(label(d, lab), TCollection_ExtendedString(name ? name : "", Standard_True));
        return 0;
    });
}

int zk_caf_set_color(zk_caf *d, int lab, const double rgba[4], int generic) {
    return zk::guard<int>(-1, [&] {
        colors(d)->SetColor(label(d, lab), rgba_of(rgba), generic ? XCAFDoc_ColorGen : XCAFDoc_ColorSurf);
        return 0;
    });
}

int zk_caf_set_material(zk_caf *d, int lab, const char *name, const char *desc, double density,
                        const char *density_unit) {
    return zk::guard<int>(-1, [&] {
        XCAFDoc_DocumentTool::MaterialTool(d->doc->Main())
            ->SetMaterial(label(d, lab), new TCollection_HAsciiString(name), new TCollection_HAsciiString(desc),
                          density, new TCollection_HAsciiString("MassDensity"),
                          new TCollection_HAsciiString(density_unit));
        return 0;
    });
}

int zk_caf_add_subshape(zk_caf *d, int lab, const zk_shape *sub) {
    return zk::guard<int>(-1, [&] {
        TDF_Label l = shapes(d)->AddSubShape(label(d, lab), zk::get(sub));
        if (l.IsNull()) return -2;
        return add_label(d, l);
    });
}

int zk_caf_set_layer(zk_caf *d, int lab, const char *layer) {
    return zk::guard<int>(-1, [&] {
        Handle(XCAFDoc_LayerTool) lt = layers(d);
        TDF_Label ll = lt->AddLayer(TCollection_ExtendedString(layer, Standard_True));
        lt->SetLayer(label(d, lab), ll);
        return 0;
    });
}

int zk_caf_update(zk_caf *d) {
    return zk::guard<int>(-1, [&] {
        shapes(d)->UpdateAssemblies();
        return 0;
    });
}

int zk_caf_mesh(zk_caf *d, double tol, double ang_tol) {
    return zk::guard<int>(-1, [&] {
        TDF_LabelSequence seq;
        shapes(d)->GetShapes(seq);
        for (int i = 1; i <= seq.Length(); i++) {
            TopoDS_Shape s = XCAFDoc_ShapeTool::GetShape(seq.Value(i));
            if (!s.IsNull()) BRepMesh_IncrementalMesh(s, tol, Standard_False, ang_tol, Standard_True);
        }
        return 0;
    });
}

int zk_caf_write_step(zk_caf *d, const char *path, int pcurves, int precision_mode, const char *unit,
                      const char *out_unit, zk_shape *const *named, const char *const *names, size_t nnamed) {
    return zk::guard<int>(-1, [&] {
        if (!path || !*path) zk::fail("empty file name");
        UnitScope units(unit, out_unit);
        Handle(XSControl_WorkSession) session = new XSControl_WorkSession();
        STEPCAFControl_Writer writer(session, Standard_False);
        writer.SetColorMode(Standard_True);
        writer.SetLayerMode(Standard_True);
        writer.SetNameMode(Standard_True);
        writer.SetMaterialMode(Standard_True);
        Interface_Static::SetIVal("write.surfacecurve.mode", pcurves ? 1 : 0);
        Interface_Static::SetIVal("write.precision.mode", precision_mode);
        Interface_Static::SetIVal("write.stepcaf.subshapes.name", 1);
        if (!writer.Transfer(d->doc, STEPControl_AsIs)) zk::fail("STEP transfer of the assembly failed");
        Handle(Transfer_FinderProcess) finder = session->TransferWriter()->FinderProcess();
        for (size_t i = 0; i < nnamed; i++) name_entity(finder, zk::get(named[i]), names[i]);
        Interface_Static::SetIVal("write.surfacecurve.mode", 1);
        Interface_Static::SetIVal("write.precision.mode", 0);
        if (writer.Write(path) != IFSelect_RetDone) {
            std::string m = std::string("cannot write STEP file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

/* Registers the XCAF format under a file extension (OCCT appends the format's extension to a
 * file name that lacks it, so a ".caf" file needs the format defined with "caf"). */
static void define_format(bool binary, const char *ext) {
    Handle(XCAFApp_Application) a = app();
    if (binary)
        a->DefineFormat("BinXCAF", "Binary XCAF Document", ext, new BinXCAFDrivers_DocumentRetrievalDriver(),
                        new BinXCAFDrivers_DocumentStorageDriver());
    else
        a->DefineFormat("XmlXCAF", "Xml XCAF Document", ext, new XmlXCAFDrivers_DocumentRetrievalDriver(),
                        new XmlXCAFDrivers_DocumentStorageDriver("Copyright: Open Cascade, 2001-2002"));
}

int zk_caf_save(zk_caf *d, const char *path, int binary) {
    return zk::guard<int>(-1, [&] {
        if (!path || !*path) zk::fail("empty file name");
        const char *slash = std::strrchr(path, '/'), *dot = std::strrchr(path, '.');
        std::string ext = (dot && (!slash || dot > slash)) ? dot + 1 : "";
        define_format(binary != 0, ext.c_str());
        /* the document caches its format's resources when the format changes: switch through the
         * other format so that it reads the extension just defined */
        d->doc->ChangeStorageFormat(binary ? "XmlXCAF" : "BinXCAF");
        d->doc->ChangeStorageFormat(binary ? "BinXCAF" : "XmlXCAF");
        PCDM_StoreStatus st = app()->SaveAs(d->doc, TCollection_ExtendedString(path, Standard_True));
        define_format(binary != 0, binary ? "xbf" : "xml");
        if (st != PCDM_SS_OK) {
            std::string m = std::string("cannot write ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

int zk_caf_write_gltf(zk_caf *d, const char *path, int binary) {
    return zk::guard<int>(-1, [&] {
        if (!path || !*path) zk::fail("empty file name");
        RWGltf_CafWriter writer(TCollection_AsciiString(path), binary ? Standard_True : Standard_False);
        if (!writer.Perform(d->doc, TColStd_IndexedDataMapOfStringString(), Message_ProgressRange())) {
            std::string m = std::string("cannot write glTF file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

int zk_caf_write_vrml(zk_caf *d, const char *path) {
    return zk::guard<int>(-1, [&] {
        if (!path || !*path) zk::fail("empty file name");
        VrmlAPI_Writer writer;
        if (!writer.WriteDoc(d->doc, path, 1.0)) {
            std::string m = std::string("cannot write VRML file ") + path;
            zk::fail(m.c_str());
        }
        return 0;
    });
}

zk_caf *zk_caf_read_step(const char *path, const char *unit) {
    return zk::guard<zk_caf *>(nullptr, [&]() -> zk_caf * {
        if (!path || !*path) zk::fail("empty file name");
        UnitScope units(unit, nullptr);
        STEPCAFControl_Reader reader;
        reader.SetColorMode(Standard_True);
        reader.SetNameMode(Standard_True);
        reader.SetLayerMode(Standard_True);
        reader.SetSHUOMode(Standard_True);
        reader.SetMatMode(Standard_True);
        Interface_Static::SetIVal("read.stepcaf.subshapes.name", 1);
        if (reader.ReadFile(path) != IFSelect_RetDone) {
            std::string m = std::string("Error reading STEP file: ") + path;
            zk::fail(m.c_str());
        }
        zk_caf *d = new zk_caf;
        app()->NewDocument("BinXCAF", d->doc);
        if (!reader.Transfer(d->doc)) {
            zk_caf_free(d);
            zk::fail("STEP transfer into an assembly document failed");
        }
        return d;
    });
}

zk_caf *zk_caf_open(const char *path) {
    return zk::guard<zk_caf *>(nullptr, [&]() -> zk_caf * {
        if (!path || !*path) zk::fail("empty file name");
        zk_caf *d = new zk_caf;
        if (app()->Open(TCollection_ExtendedString(path, Standard_True), d->doc) != PCDM_RS_OK) {
            delete d;
            std::string m = std::string("Opening of file ") + path + " failed";
            zk::fail(m.c_str());
        }
        return d;
    });
}

int zk_caf_free_shapes(zk_caf *d, int **out, size_t *n) {
    return zk::guard<int>(-1, [&] {
        TDF_LabelSequence seq;
        shapes(d)->GetFreeShapes(seq);
        return export_labels(d, seq, out, n);
    });
}

int zk_caf_components(zk_caf *d, int lab, int **out, size_t *n) {
    return zk::guard<int>(-1, [&] {
        TDF_LabelSequence seq;
        XCAFDoc_ShapeTool::GetComponents(label(d, lab), seq);
        return export_labels(d, seq, out, n);
    });
}

int zk_caf_subshapes(zk_caf *d, int lab, int **out, size_t *n) {
    return zk::guard<int>(-1, [&] {
        TDF_LabelSequence seq;
        XCAFDoc_ShapeTool::GetSubShapes(label(d, lab), seq);
        return export_labels(d, seq, out, n);
    });
}

int zk_caf_referred(zk_caf *d, int lab) {
    return zk::guard<int>(-1, [&] {
        TDF_Label ref;
        if (!XCAFDoc_ShapeTool::GetReferredShape(label(d, lab), ref)) return -2;
        return add_label(d, ref);
    });
}

int zk_caf_kind(zk_caf *d, int lab) {
    return zk::guard<int>(-1, [&] {
        const TDF_Label &l = label(d, lab);
        int k = 0;
        if (XCAFDoc_ShapeTool::IsAssembly(l)) k |= ZK_CAF_ASSEMBLY;
        if (XCAFDoc_ShapeTool::IsSimpleShape(l)) k |= ZK_CAF_SIMPLE;
        if (XCAFDoc_ShapeTool::IsReference(l)) k |= ZK_CAF_REFERENCE;
        if (shapes(d)->IsTopLevel(l)) k |= ZK_CAF_TOP;
        return k;
    });
}

int zk_caf_location(zk_caf *d, int lab, zk_trsf *out, int *identity) {
    return zk::guard<int>(-1, [&] {
        TopLoc_Location l = XCAFDoc_ShapeTool::GetLocation(label(d, lab));
        zk::trsf_out(l.Transformation(), out);
        if (identity) *identity = l.IsIdentity() ? 1 : 0;
        return 0;
    });
}

char *zk_caf_name(zk_caf *d, int lab) {
    return zk::guard<char *>(nullptr, [&] { return dup(TCollection_AsciiString(name_of(label(d, lab)).c_str())); });
}

int zk_caf_ref_color(zk_caf *d, int lab, double rgba[4]) {
    return zk::guard<int>(-1, [&] {
        const TDF_Label &l = label(d, lab);
        for (XCAFDoc_ColorType t : {XCAFDoc_ColorSurf, XCAFDoc_ColorGen}) {
            Handle(TDataStd_TreeNode) node;
            if (l.FindAttribute(XCAFDoc::ColorRefGUID(t), node) && node->HasFather()) {
                Quantity_ColorRGBA c;
                if (colors(d)->GetColor(node->Father()->Label(), c)) {
                    rgba_out(c, rgba);
                    return 1;
                }
            }
        }
        return 0;
    });
}

int zk_caf_shape_color(zk_caf *d, const zk_shape *s, double rgba[4]) {
    return zk::guard<int>(-1, [&] {
        Quantity_ColorRGBA c;
        if (!colors(d)->GetColor(zk::get(s), XCAFDoc_ColorSurf, c)) return 0;
        rgba_out(c, rgba);
        return 1;
    });
}

int zk_caf_material(zk_caf *d, int lab, char **name, char **desc, double *density, char **density_unit) {
    return zk::guard<int>(-1, [&] {
        Handle(TDataStd_TreeNode) node;
        if (!label(d, lab).FindAttribute(XCAFDoc::MaterialRefGUID(), node) || !node->HasFather()) return 0;
        Handle(XCAFDoc_Material) m;
        if (!node->Father()->Label().FindAttribute(XCAFDoc_Material::GetID(), m)) return 0;
        *name = dup(m->GetName()->String());
        *desc = dup(m->GetDescription()->String());
        *density = m->GetDensity();
        *density_unit = dup(m->GetDensValType()->String());
        return 1;
    });
}

zk_shape *zk_caf_shape(zk_caf *d, int lab) {
    return zk::guard<zk_shape *>(nullptr, [&] { return zk::wrap(XCAFDoc_ShapeTool::GetShape(label(d, lab))); });
}

int zk_caf_layers(zk_caf *d, int lab, char ***out, size_t *n) {
    return zk::guard<int>(-1, [&] {
        TDF_LabelSequence seq;
        layers(d)->GetLayers(label(d, lab), seq);
        *n = static_cast<size_t>(seq.Length());
        *out = static_cast<char **>(std::calloc(*n ? *n : 1, sizeof(char *)));
        if (!*out) return -1;
        for (int i = 1; i <= seq.Length(); i++)
            (*out)[i - 1] = dup(TCollection_AsciiString(name_of(seq.Value(i)).c_str()));
        return 0;
    });
}

int zk_caf_add_fused(zk_caf *d, zk_shape *const *parts, const double (*rgba)[4], const int *has_color, size_t n,
                     int glue, double tol, const char *name) {
    return zk::guard<int>(-1, [&] {
        if (n == 0) zk::fail("no shapes to fuse");
        std::vector<TopoDS_Shape> args;
        if (n == 1) {
            const TopoDS_Shape &s = zk::get(parts[0]);
            if (s.ShapeType() == TopAbs_COMPOUND)
                for (TopoDS_Iterator it(s); it.More(); it.Next()) args.push_back(it.Value());
            else
                args.push_back(s);
        } else {
            for (size_t i = 0; i < n; i++) args.push_back(zk::get(parts[i]));
        }
        BRepAlgoAPI_Fuse op;
        TopoDS_Shape top;
        bool fused = args.size() > 1;
        if (fused) {
            TopTools_ListOfShape a, t;
            a.Append(args[0]);
            for (size_t i = 1; i < args.size(); i++) t.Append(args[i]);
            if (tol > 0) op.SetFuzzyValue(tol);
            if (glue) op.SetGlue(BOPAlgo_GlueShift);
            op.SetArguments(a);
            op.SetTools(t);
            op.Build();
            if (!op.IsDone()) zk::fail("fusing the assembly failed");
            top = op.Shape();
        } else {
            top = args[0];
        }
        if (top.ShapeType() != TopAbs_COMPOUND) {
            BRep_Builder b;
            TopoDS_Compound c;
            b.MakeCompound(c);
            b.Add(c, top);
            top = c;
        }
        Handle(XCAFDoc_ShapeTool) st = shapes(d);
        Handle(XCAFDoc_ColorTool) ct = colors(d);
        TDF_Label tl = st->AddShape(top, Standard_False);
        TDataStd_Name::Set(tl, TCollection_ExtendedString(name ? name : "", Standard_True));
        auto paint = [&](const TopoDS_Shape &f, size_t i, bool check_deleted) {
            TDF_Label l = st->AddSubShape(tl, f);
            if (has_color[i] && !l.IsNull() && !(check_deleted && fused && op.IsDeleted(f)))
                ct->SetColor(l, rgba_of(rgba[i]), XCAFDoc_ColorGen);
        };
        for (size_t i = 0; i < n; i++) {
            for (TopExp_Explorer e(zk::get(parts[i]), TopAbs_FACE); e.More(); e.Next()) {
                paint(e.Current(), i, true);
                if (!fused) continue;
                for (TopTools_ListIteratorOfListOfShape it(op.Modified(e.Current())); it.More(); it.Next())
                    paint(it.Value(), i, true);
                for (TopTools_ListIteratorOfListOfShape it(op.Generated(e.Current())); it.More(); it.Next())
                    paint(it.Value(), i, false);
            }
        }
        return add_label(d, tl);
    });
}

} // extern "C"
