// caf_loader.cpp: kernel.h's assembly (XCAF) functions, forwarded to the plugin zerocad_caf.so
// (src/kernel/caf/), which is loaded on the first call: importing cadquery and building shapes
// never maps OCCT's XCAF/OCAF/VRML/visualization toolkits. The plugin is looked for beside the
// object holding this code (build/python/ for cadquery.so), then in its python/ folder (build/
// for the zerocad executable). zk_caf_preload() loads it ahead (the executor does, before its
// workers lock their file access down).
#include "caf_plugin.hpp"
#include "kernel_internal.hpp"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace {

std::once_flag g_once;
const zk_caf_api *g_api = nullptr;
std::string g_load_error;

void core_set_error(const char *type, const char *message) { zk::set_error(type, message); }
void core_clear_error(void) { zk::clear_error(); }
zk_shape *core_wrap(const TopoDS_Shape &s) { return zk::wrap(s); }

const zk_caf_core g_core = {core_set_error, core_clear_error, core_wrap, zk_contains_subshape, zk_color_srgb};

/* The folder of the executable or shared object this function is linked into ("" if unknown). */
std::string own_folder() {
    Dl_info info;
    if (!dladdr(reinterpret_cast<void *>(&own_folder), &info) || !info.dli_fname) return "";
    std::string path = info.dli_fname;
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

void load() {
    std::string dir = own_folder();
    const std::string candidates[] = {dir + "/" + ZK_CAF_PLUGIN_FILE, dir + "/python/" + ZK_CAF_PLUGIN_FILE};
    for (const std::string &path : candidates) {
        void *h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char *e = dlerror();
            if (g_load_error.empty() || path == candidates[0]) g_load_error = e ? e : path;
            continue;
        }
        auto table = reinterpret_cast<zk_caf_plugin_table_fn>(dlsym(h, ZK_CAF_PLUGIN_TABLE));
        g_api = table ? table(&g_core) : nullptr;
        if (g_api) return;
        g_load_error = path + ": not a zerocad assembly plugin";
        dlclose(h);
    }
}

/* The plugin's table, loading it on the first call; NULL with the error recorded. */
const zk_caf_api *plugin() {
    std::call_once(g_once, load);
    if (!g_api) zk::set_error("", ("assemblies need " + std::string(ZK_CAF_PLUGIN_FILE) + ": " + g_load_error).c_str());
    return g_api;
}

} // namespace

extern "C" int zk_caf_preload(void) { return plugin() ? 0 : -1; }

extern "C" zk_caf *zk_caf_new(void) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_new() : nullptr;
}

extern "C" void zk_caf_free(zk_caf *d) {
    const zk_caf_api *api = plugin();
    if (api) api->zk_caf_free(d);
}

extern "C" int zk_caf_new_shape(zk_caf *d) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_new_shape(d) : -1;
}

extern "C" int zk_caf_add_shape(zk_caf *d, const zk_shape *s) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_add_shape(d, s) : -1;
}

extern "C" int zk_caf_set_shape(zk_caf *d, int lab, const zk_shape *s) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_set_shape(d, lab, s) : -1;
}

extern "C" int zk_caf_add_component(zk_caf *d, int parent, int ref, const zk_trsf *loc) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_add_component(d, parent, ref, loc) : -1;
}

extern "C" int zk_caf_set_location(zk_caf *d, int lab, const zk_trsf *loc) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_set_location(d, lab, loc) : -1;
}

extern "C" int zk_caf_set_name(zk_caf *d, int lab, const char *name) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_set_name(d, lab, name) : -1;
}

extern "C" int zk_caf_set_color(zk_caf *d, int lab, const double rgba[4], int generic) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_set_color(d, lab, rgba, generic) : -1;
}

extern "C" int zk_caf_set_material(zk_caf *d, int lab, const char *name, const char *desc, double density, const char *density_unit) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_set_material(d, lab, name, desc, density, density_unit) : -1;
}

extern "C" int zk_caf_add_subshape(zk_caf *d, int lab, const zk_shape *sub) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_add_subshape(d, lab, sub) : -1;
}

extern "C" int zk_caf_set_layer(zk_caf *d, int lab, const char *layer) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_set_layer(d, lab, layer) : -1;
}

extern "C" int zk_caf_update(zk_caf *d) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_update(d) : -1;
}

extern "C" int zk_caf_mesh(zk_caf *d, double tol, double ang_tol) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_mesh(d, tol, ang_tol) : -1;
}

extern "C" int zk_caf_write_step(zk_caf *d, const char *path, int pcurves, int precision_mode, const char *unit, const char *out_unit, zk_shape *const *named, const char *const *names, size_t nnamed) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_write_step(d, path, pcurves, precision_mode, unit, out_unit, named, names, nnamed) : -1;
}

extern "C" int zk_caf_save(zk_caf *d, const char *path, int binary) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_save(d, path, binary) : -1;
}

extern "C" int zk_caf_write_gltf(zk_caf *d, const char *path, int binary) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_write_gltf(d, path, binary) : -1;
}

extern "C" int zk_caf_write_vrml(zk_caf *d, const char *path) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_write_vrml(d, path) : -1;
}

extern "C" zk_caf *zk_caf_read_step(const char *path, const char *unit) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_read_step(path, unit) : nullptr;
}

extern "C" zk_caf *zk_caf_open(const char *path) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_open(path) : nullptr;
}

extern "C" int zk_caf_free_shapes(zk_caf *d, int **out, size_t *n) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_free_shapes(d, out, n) : -1;
}

extern "C" int zk_caf_components(zk_caf *d, int lab, int **out, size_t *n) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_components(d, lab, out, n) : -1;
}

extern "C" int zk_caf_subshapes(zk_caf *d, int lab, int **out, size_t *n) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_subshapes(d, lab, out, n) : -1;
}

extern "C" int zk_caf_referred(zk_caf *d, int lab) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_referred(d, lab) : -1;
}

extern "C" int zk_caf_kind(zk_caf *d, int lab) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_kind(d, lab) : -1;
}

extern "C" int zk_caf_location(zk_caf *d, int lab, zk_trsf *out, int *identity) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_location(d, lab, out, identity) : -1;
}

extern "C" char *zk_caf_name(zk_caf *d, int lab) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_name(d, lab) : nullptr;
}

extern "C" int zk_caf_ref_color(zk_caf *d, int lab, double rgba[4]) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_ref_color(d, lab, rgba) : -1;
}

extern "C" int zk_caf_shape_color(zk_caf *d, const zk_shape *s, double rgba[4]) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_shape_color(d, s, rgba) : -1;
}

extern "C" int zk_caf_material(zk_caf *d, int lab, char **name, char **desc, double *density, char **density_unit) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_material(d, lab, name, desc, density, density_unit) : -1;
}

extern "C" zk_shape *zk_caf_shape(zk_caf *d, int lab) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_shape(d, lab) : nullptr;
}

extern "C" int zk_caf_layers(zk_caf *d, int lab, char ***out, size_t *n) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_layers(d, lab, out, n) : -1;
}

extern "C" int zk_caf_add_fused(zk_caf *d, zk_shape *const *parts, const double (*rgba)[4], const int *has_color, size_t n, int glue, double tol, const char *name) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_caf_add_fused(d, parts, rgba, has_color, n, glue, tol, name) : -1;
}

extern "C" int zk_write_vrml_shape(const zk_shape *s, const char *path) {
    const zk_caf_api *api = plugin();
    return api ? api->zk_write_vrml_shape(s, path) : -1;
}
