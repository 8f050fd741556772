// caf_plugin.hpp: the interface between the kernel and its assembly plugin (zerocad_caf.so,
// src/kernel/caf/): the XCAF document functions of kernel.h live in the plugin so that OCCT's
// XCAF, OCAF, VRML and visualization toolkits are mapped only when an assembly is first saved,
// exported, loaded or coloured. The kernel's loader (caf_loader.cpp) dlopens the plugin on first
// use and calls zk_caf_plugin_table() once; the plugin reports errors and makes shape handles
// through the kernel's functions given in zk_caf_core (the plugin's own copies of the kernel's
// state would not be the ones zk_error_message() reads).
#ifndef ZC_KERNEL_CAF_PLUGIN_HPP
#define ZC_KERNEL_CAF_PLUGIN_HPP

#include "kernel.h"

class TopoDS_Shape;

/* What the kernel lends the plugin. */
struct zk_caf_core {
    void (*set_error)(const char *type, const char *message);
    void (*clear_error)(void);
    zk_shape *(*wrap)(const TopoDS_Shape &shape);
    int (*contains_subshape)(const zk_shape *of, const zk_shape *sub);
    int (*color_srgb)(const char *name, double rgba[4]);
};

/* The plugin's implementations of kernel.h's assembly functions. */
struct zk_caf_api {
    decltype(&::zk_caf_new) zk_caf_new;
    decltype(&::zk_caf_free) zk_caf_free;
    decltype(&::zk_caf_new_shape) zk_caf_new_shape;
    decltype(&::zk_caf_add_shape) zk_caf_add_shape;
    decltype(&::zk_caf_set_shape) zk_caf_set_shape;
    decltype(&::zk_caf_add_component) zk_caf_add_component;
    decltype(&::zk_caf_set_location) zk_caf_set_location;
    decltype(&::zk_caf_set_name) zk_caf_set_name;
    decltype(&::zk_caf_set_color) zk_caf_set_color;
    decltype(&::zk_caf_set_material) zk_caf_set_material;
    decltype(&::zk_caf_add_subshape) zk_caf_add_subshape;
    decltype(&::zk_caf_set_layer) zk_caf_set_layer;
    decltype(&::zk_caf_update) zk_caf_update;
    decltype(&::zk_caf_mesh) zk_caf_mesh;
    decltype(&::zk_caf_write_step) zk_caf_write_step;
    decltype(&::zk_caf_save) zk_caf_save;
    decltype(&::zk_caf_write_gltf) zk_caf_write_gltf;
    decltype(&::zk_caf_write_vrml) zk_caf_write_vrml;
    decltype(&::zk_caf_read_step) zk_caf_read_step;
    decltype(&::zk_caf_open) zk_caf_open;
    decltype(&::zk_caf_free_shapes) zk_caf_free_shapes;
    decltype(&::zk_caf_components) zk_caf_components;
    decltype(&::zk_caf_subshapes) zk_caf_subshapes;
    decltype(&::zk_caf_referred) zk_caf_referred;
    decltype(&::zk_caf_kind) zk_caf_kind;
    decltype(&::zk_caf_location) zk_caf_location;
    decltype(&::zk_caf_name) zk_caf_name;
    decltype(&::zk_caf_ref_color) zk_caf_ref_color;
    decltype(&::zk_caf_shape_color) zk_caf_shape_color;
    decltype(&::zk_caf_material) zk_caf_material;
    decltype(&::zk_caf_shape) zk_caf_shape;
    decltype(&::zk_caf_layers) zk_caf_layers;
    decltype(&::zk_caf_add_fused) zk_caf_add_fused;
    decltype(&::zk_write_vrml_shape) zk_write_vrml_shape;
};

/* The one symbol the plugin exports. */
extern "C" typedef const zk_caf_api *(*zk_caf_plugin_table_fn)(const zk_caf_core *core);
constexpr const char *ZK_CAF_PLUGIN_TABLE = "zk_caf_plugin_table";
constexpr const char *ZK_CAF_PLUGIN_FILE = "zerocad_caf.so";

#endif
