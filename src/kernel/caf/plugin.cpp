// plugin.cpp: the entry of the assembly plugin zerocad_caf.so (see caf_plugin.hpp): the table of
// its functions, and the kernel helpers caf.cpp and vrml.cpp use, routed to the kernel that
// loaded the plugin (errors and shape handles must be the kernel's own).
#include "caf_plugin.hpp"
#include "kernel_internal.hpp"

#include <Standard_NullObject.hxx>

#include <stdexcept>

namespace {

const zk_caf_core *g_core = nullptr;

const zk_caf_api g_api = {
        zk_caf_new,
        zk_caf_free,
        zk_caf_new_shape,
        zk_caf_add_shape,
        zk_caf_set_shape,
        zk_caf_add_component,
        zk_caf_set_location,
        zk_caf_set_name,
        zk_caf_set_color,
        zk_caf_set_material,
        zk_caf_add_subshape,
        zk_caf_set_layer,
        zk_caf_update,
        zk_caf_mesh,
        zk_caf_write_step,
        zk_caf_save,
        zk_caf_write_gltf,
        zk_caf_write_vrml,
        zk_caf_read_step,
        zk_caf_open,
        zk_caf_free_shapes,
        zk_caf_components,
        zk_caf_subshapes,
        zk_caf_referred,
        zk_caf_kind,
        zk_caf_location,
        zk_caf_name,
        zk_caf_ref_color,
        zk_caf_shape_color,
        zk_caf_material,
        zk_caf_shape,
        zk_caf_layers,
        zk_caf_add_fused,
        zk_write_vrml_shape,
};

} // namespace

namespace zk {

void set_error(const char *type, const char *message) { g_core->set_error(type, message); }

void clear_error() { g_core->clear_error(); }

void record_failure(const Standard_Failure &e) {
    const char *type = e.DynamicType().IsNull() ? "Standard_Failure" : e.DynamicType()->Name();
    set_error(type, e.GetMessageString());
}

void fail(const char *message) { throw std::invalid_argument(message); }

zk_shape *wrap(const TopoDS_Shape &shape) { return g_core->wrap(shape); }

const TopoDS_Shape &get(const zk_shape *s) {
    if (!s) throw Standard_NullObject("NULL shape handle");
    return s->shape;
}

gp_Trsf trsf(const zk_trsf *t) {
    if (!t) fail("NULL transform");
    gp_Trsf r;
    r.SetValues(t->m[0][0], t->m[0][1], t->m[0][2], t->m[0][3], t->m[1][0], t->m[1][1], t->m[1][2], t->m[1][3],
                t->m[2][0], t->m[2][1], t->m[2][2], t->m[2][3]);
    return r;
}

void trsf_out(const gp_Trsf &t, zk_trsf *out) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) out->m[i][j] = t.Value(i + 1, j + 1);
}

} // namespace zk

/* The kernel initialised OCCT before it loaded the plugin. */
extern "C" void zk_init(void) {}

extern "C" int zk_contains_subshape(const zk_shape *of, const zk_shape *sub) {
    return g_core->contains_subshape(of, sub);
}

extern "C" int zk_color_srgb(const char *name, double rgba[4]) { return g_core->color_srgb(name, rgba); }

extern "C" __attribute__((visibility("default"))) const zk_caf_api *zk_caf_plugin_table(const zk_caf_core *core) {
    g_core = core;
    return &g_api;
}
