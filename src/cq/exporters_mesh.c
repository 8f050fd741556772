/* exporters_mesh.c: the mesh and native formats of exporters.export beside STEP/STL/SVG, as
 * CadQuery writes them: TJS (three.js JSON, format version 3), AMF (XML, millimetres), 3MF (an
 * OPC zip: [Content_Types].xml, _rels/.rels, 3D/3dmodel.model; deflated when zlib is there,
 * written through Python's zipfile), VTP (VTK XML PolyData, ASCII), VRML (OCCT's VrmlAPI), BIN
 * (OCCT's BinTools) and BREP; plus Shape.exportBin / Shape.importBin. */
#include "cq_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The mesh text of a format written to a memory stream; returns 0 or -1 with an exception. */
typedef void (*mesh_writer)(FILE *f, const zk_mesh *m);

static void write_tjs(FILE *f, const zk_mesh *m)
{
    fprintf(f, "{\n    \"metadata\" :\n    {\n        \"formatVersion\" : 3,\n        \"generatedBy\"   : "
               "\"cadquery\",\n        \"vertices\"      : %zu,\n        \"faces\"         : %zu,\n"
               "        \"normals\"       : 0,\n        \"colors\"        : 0,\n        \"uvs\"           : 0,\n"
               "        \"materials\"     : 1,\n        \"morphTargets\"  : 0\n    },\n\n    \"scale\" : 1.0,\n\n"
               "    \"materials\": [    {\n    \"DbgColor\" : 15658734,\n    \"DbgIndex\" : 0,\n"
               "    \"DbgName\" : \"Material\",\n    \"colorAmbient\" : [0.0, 0.0, 0.0],\n"
               "    \"colorDiffuse\" : [0.6400000190734865, 0.10179081114814892, 0.126246120426746],\n"
               "    \"colorSpecular\" : [0.5, 0.5, 0.5],\n    \"shading\" : \"Lambert\",\n"
               "    \"specularCoef\" : 50,\n    \"transparency\" : 1.0,\n    \"vertexColors\" : false\n    }],\n\n"
               "    \"vertices\": [",
            m->npoints, m->ntris);
    for (size_t i = 0; i < 3 * m->npoints; i++)
        fprintf(f, "%s%.17g", i ? ", " : "", (double)m->points[i]);
    fprintf(f, "],\n\n    \"morphTargets\": [],\n\n    \"normals\": [],\n\n    \"colors\": [],\n\n"
               "    \"uvs\": [[]],\n\n    \"faces\": [");
    for (size_t i = 0; i < m->ntris; i++)   /* 0: a triangle with no material/uv/normal flags */
        fprintf(f, "%s0, %u, %u, %u", i ? ", " : "", m->tris[3 * i], m->tris[3 * i + 1], m->tris[3 * i + 2]);
    fprintf(f, "]\n}\n");
}

static void write_amf(FILE *f, const zk_mesh *m)
{
    fprintf(f, "<?xml version='1.0' encoding='us-ascii'?>\n<amf units=\"mm\"><object id=\"0\"><mesh><vertices>");
    for (size_t i = 0; i < m->npoints; i++)
        fprintf(f, "<vertex><coordinates><x>%.17g</x><y>%.17g</y><z>%.17g</z></coordinates></vertex>",
                (double)m->points[3 * i], (double)m->points[3 * i + 1], (double)m->points[3 * i + 2]);
    fprintf(f, "</vertices><volume>");
    for (size_t i = 0; i < m->ntris; i++)
        fprintf(f, "<triangle><v1>%u</v1><v2>%u</v2><v3>%u</v3></triangle>", m->tris[3 * i], m->tris[3 * i + 1],
                m->tris[3 * i + 2]);
    fprintf(f, "</volume></mesh></object></amf>");
}

static void write_vtp(FILE *f, const zk_mesh *m)
{
    fprintf(f, "<?xml version=\"1.0\"?>\n<VTKFile type=\"PolyData\" version=\"1.0\" byte_order=\"LittleEndian\" "
               "header_type=\"UInt64\">\n  <PolyData>\n    <Piece NumberOfPoints=\"%zu\" NumberOfVerts=\"0\" "
               "NumberOfLines=\"0\" NumberOfStrips=\"0\" NumberOfPolys=\"%zu\">\n      <PointData Normals=\"Normals\">\n"
               "        <DataArray type=\"Float32\" Name=\"Normals\" NumberOfComponents=\"3\" format=\"ascii\">\n",
            m->npoints, m->ntris);
    for (size_t i = 0; i < 3 * m->npoints; i++)
        fprintf(f, "%s%.9g", i ? " " : "          ", (double)m->normals[i]);
    fprintf(f, "\n        </DataArray>\n      </PointData>\n      <Points>\n        <DataArray type=\"Float32\" "
               "Name=\"Points\" NumberOfComponents=\"3\" format=\"ascii\">\n");
    for (size_t i = 0; i < 3 * m->npoints; i++)
        fprintf(f, "%s%.9g", i ? " " : "          ", (double)m->points[i]);
    fprintf(f, "\n        </DataArray>\n      </Points>\n      <Polys>\n        <DataArray type=\"Int64\" "
               "Name=\"connectivity\" format=\"ascii\">\n");
    for (size_t i = 0; i < 3 * m->ntris; i++)
        fprintf(f, "%s%u", i ? " " : "          ", m->tris[i]);
    fprintf(f, "\n        </DataArray>\n        <DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n");
    for (size_t i = 0; i < m->ntris; i++)
        fprintf(f, "%s%zu", i ? " " : "          ", 3 * (i + 1));
    fprintf(f, "\n        </DataArray>\n      </Polys>\n    </Piece>\n  </PolyData>\n</VTKFile>\n");
}

static void write_3mf_model(FILE *f, const zk_mesh *m)
{
    fprintf(f, "<?xml version='1.0' encoding='utf-8'?>\n<model xml:lang=\"en-US\" "
               "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\" unit=\"millimeter\">"
               "<metadata name=\"Application\">CadQuery 3MF Exporter</metadata><resources>"
               "<object id=\"0\" name=\"CadQuery Shape 0\" type=\"model\"><mesh><vertices>");
    for (size_t i = 0; i < m->npoints; i++)
        fprintf(f, "<vertex x=\"%.9g\" y=\"%.9g\" z=\"%.9g\" />", (double)m->points[3 * i],
                (double)m->points[3 * i + 1], (double)m->points[3 * i + 2]);
    fprintf(f, "</vertices><triangles>");
    for (size_t i = 0; i < m->ntris; i++)
        fprintf(f, "<triangle v1=\"%u\" v2=\"%u\" v3=\"%u\" />", m->tris[3 * i], m->tris[3 * i + 1], m->tris[3 * i + 2]);
    fprintf(f, "</triangles></mesh></object><object id=\"1\" name=\"CadQuery Component\" type=\"model\"><components>"
               "<component objectid=\"0\" /></components></object></resources><build><item objectid=\"1\" />"
               "</build></model>");
}

/* The text of writer(mesh of shape) as a new bytes object. */
static PyObject *mesh_text(PyObject *shape, double tol, double ang, mesh_writer writer)
{
    zk_mesh m;
    memset(&m, 0, sizeof m);
    if (zk_mesh_shape(cq_shape_get(shape), tol, ang, 0, &m) < 0)
        return cq_raise_kernel_error("export");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        zk_mesh_free(&m);
        return PyErr_NoMemory();
    }
    writer(f, &m);
    fclose(f);
    zk_mesh_free(&m);
    PyObject *r = PyBytes_FromStringAndSize(buf, (Py_ssize_t)len);
    free(buf);
    return r;
}

static int write_bytes(PyObject *fname, PyObject *data)
{
    PyObject *io = PyImport_ImportModule("io");
    PyObject *f = io ? PyObject_CallMethod(io, "open", "Os", fname, "wb") : NULL;
    PyObject *r = f ? PyObject_CallMethod(f, "write", "O", data) : NULL;
    PyObject *c = f ? PyObject_CallMethod(f, "close", NULL) : NULL;
    Py_XDECREF(io);
    Py_XDECREF(f);
    Py_XDECREF(c);
    int ok = r && c;
    Py_XDECREF(r);
    return ok ? 0 : -1;
}

static const char CONTENT_TYPES[] =
    "<?xml version='1.0' encoding='utf-8'?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"><Override PartName=\"/3D/3dmodel.model\" ContentType=\"application/"
    "vnd.ms-package.3dmanufacturing-3dmodel+xml\" /><Override PartName=\"/_rels/.rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\" /></Types>";
static const char RELATIONSHIPS[] =
    "<?xml version='1.0' encoding='utf-8'?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Target=\"/3D/3dmodel.model\" Id=\"rel-1\" Type=\"http://schemas.microsoft.com/"
    "3dmanufacturing/2013/01/3dmodel\" TargetMode=\"Internal\" /></Relationships>";

/* 3MF: a zip written by Python's zipfile (deflated when zlib imports, else stored). */
static int write_3mf(PyObject *shape, PyObject *fname, double tol, double ang)
{
    PyObject *model = mesh_text(shape, tol, ang, write_3mf_model);
    if (!model)
        return -1;
    PyObject *zlib = PyImport_ImportModule("zlib");
    int deflate = zlib != NULL;
    Py_XDECREF(zlib);
    PyErr_Clear();
    PyObject *zipfile = PyImport_ImportModule("zipfile");
    PyObject *zf = zipfile ? PyObject_CallMethod(zipfile, "ZipFile", "Osi", fname, "w", deflate ? 8 : 0) : NULL;
    int rc = zf ? 0 : -1;
    const char *names[3] = {"_rels/.rels", "[Content_Types].xml", "3D/3dmodel.model"};
    for (int i = 0; rc == 0 && i < 3; i++) {
        PyObject *r = i == 2 ? PyObject_CallMethod(zf, "writestr", "sO", names[i], model)
                             : PyObject_CallMethod(zf, "writestr", "ss", names[i], i == 0 ? RELATIONSHIPS : CONTENT_TYPES);
        rc = r ? 0 : -1;
        Py_XDECREF(r);
    }
    if (zf) {
        PyObject *r = PyObject_CallMethod(zf, "close", NULL);
        rc = r && rc == 0 ? 0 : -1;
        Py_XDECREF(r);
    }
    Py_XDECREF(zf);
    Py_XDECREF(zipfile);
    Py_DECREF(model);
    return rc;
}

static int native(PyObject *shape, PyObject *fname, int (*fn)(const zk_shape *, const char *), const char *what)
{
    PyObject *p = NULL;
    if (!PyUnicode_FSConverter(fname, &p))
        return -1;
    int rc = fn(cq_shape_get(shape), PyBytes_AS_STRING(p));
    Py_DECREF(p);
    if (rc < 0) {
        cq_raise_kernel_error(what);
        return -1;
    }
    return 0;
}

int cq_export_more(PyObject *shape, const char *type, PyObject *fname, double tol, double ang)
{
    mesh_writer w = strcmp(type, "TJS") == 0 ? write_tjs
                    : strcmp(type, "AMF") == 0 ? write_amf
                    : strcmp(type, "VTP") == 0 ? write_vtp : NULL;
    if (w) {
        PyObject *text = mesh_text(shape, tol, ang, w);
        int rc = text ? write_bytes(fname, text) : -1;
        Py_XDECREF(text);
        return rc < 0 ? -1 : 1;
    }
    if (strcmp(type, "3MF") == 0 || strcmp(type, "THREEMF") == 0)
        return write_3mf(shape, fname, tol, ang) < 0 ? -1 : 1;
    if (strcmp(type, "VRML") == 0)
        return native(shape, fname, zk_write_vrml_shape, "VRML export") < 0 ? -1 : 1;
    if (strcmp(type, "BIN") == 0)
        return native(shape, fname, zk_write_bin, "BIN export") < 0 ? -1 : 1;
    if (strcmp(type, "DXF") == 0)
        return cq_export_dxf_shape(shape, fname) < 0 ? -1 : 1;
    if (strcmp(type, "BREP") == 0)
        return native(shape, fname, zk_write_brep, "BREP export") < 0 ? -1 : 1;
    return 0;
}

/* The shape of an OCCT binary file named by args (fileName); Shape.exportBin/importBin themselves
 * are in shapes_edit.c (paths and file objects). */
static PyObject *bin_file_shape(PyObject *cls, PyObject *args, PyObject *kw)
{
    (void)cls;
    static char *kwlist[] = {"fileName", NULL};
    PyObject *f, *p = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:importBin", kwlist, &f) || !PyUnicode_FSConverter(f, &p))
        return NULL;
    zk_shape *s = zk_read_bin(PyBytes_AS_STRING(p));
    Py_DECREF(p);
    return s ? cq_shape_wrap(s) : cq_raise_kernel_error("importBin");
}

/* importers.importBin(fileName): a Workplane holding the shape of an OCCT binary file. */
static PyObject *importers_importBin(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    PyObject *s = bin_file_shape(NULL, args, kw);
    if (!s)
        return NULL;
    PyObject *wp = PyObject_CallFunction((PyObject *)&CQWorkplaneType, "s", "XY");
    PyObject *r = wp ? PyObject_CallMethod(wp, "newObject", "[O]", s) : NULL;
    Py_XDECREF(wp);
    Py_DECREF(s);
    return r;
}

PyMethodDef cq_bin_import_functions[] = {
    {"importBin", (PyCFunction)(void (*)(void))importers_importBin, METH_VARARGS | METH_KEYWORDS,
     "load an OCCT binary shape file into a Workplane"},
    {NULL, NULL, 0, NULL}
};
