/* catalog.c: the table of part families, in a fixed order (the order is part of the generator's
 * determinism: reordering or inserting rows changes which family an (seed, index) pair gets). */
#include "families.h"

static const zs_family families[] = {
    {"flanged_bushing", "flanges", "Flanged bushing", zs_fam_flanged_bushing},
    {"pipe_flange", "flanges", "Pipe flange", zs_fam_pipe_flange},
    {"mounting_plate", "plates", "Mounting plate", zs_fam_mounting_plate},
    {"vented_cover_plate", "plates", "Vented cover plate", zs_fam_vented_cover_plate},
    {"l_bracket", "brackets", "L bracket", zs_fam_l_bracket},
    {"u_channel_bracket", "brackets", "U channel bracket", zs_fam_u_channel_bracket},
    {"stepped_shaft", "shafts", "Stepped shaft", zs_fam_stepped_shaft},
    {"enclosure_box", "housings", "Enclosure box", zs_fam_enclosure_box},
    {"spur_gear", "gears", "Spur gear", zs_fam_spur_gear},
    {"v_pulley", "pulleys", "V-belt pulley", zs_fam_v_pulley},
    {"fluted_knob", "knobs", "Fluted knob", zs_fam_fluted_knob},
    {"star_knob", "knobs", "Star knob", zs_fam_star_knob},
    {"arch_handle", "handles", "Arched pull handle", zs_fam_arch_handle},
    {"spline_handle", "handles", "Spline grip handle", zs_fam_spline_handle},
    {"pipe_elbow", "pipes", "Flanged pipe elbow", zs_fam_pipe_elbow},
    {"pipe_reducer", "pipes", "Pipe reducer", zs_fam_pipe_reducer},
    {"duct_transition", "ducts", "Duct transition", zs_fam_duct_transition},
    {"motor_mount", "mounts", "Motor mount", zs_fam_motor_mount},
    {"angled_sensor_mount", "mounts", "Angled sensor mount", zs_fam_angled_sensor_mount},
    {"hinge_leaf", "hinges", "Hinge leaf", zs_fam_hinge_leaf},
    {"split_ring_clip", "clips", "Split retaining clip", zs_fam_split_ring_clip},
    {"cable_clip", "clips", "Cable saddle clip", zs_fam_cable_clip},
    {"pillow_block", "housings", "Pillow block", zs_fam_pillow_block},
    {"hex_standoff", "spacers", "Hex standoff", zs_fam_hex_standoff},
    {"round_spacer", "spacers", "Round spacer", zs_fam_round_spacer},
    {"bolt", "fasteners", "Bolt", zs_fam_bolt},
    {"shaft_coupling", "couplings", "Clamp shaft coupling", zs_fam_shaft_coupling},
    {"spoked_wheel", "wheels", "Spoked wheel", zs_fam_spoked_wheel},
    {"t_slot_profile", "profiles", "T-slot extrusion", zs_fam_t_slot_profile},
    {"lever_arm", "levers", "Lever arm", zs_fam_lever_arm},
    {"end_cap", "caps", "Domed end cap", zs_fam_end_cap},
    {"v_block", "blocks", "V-block", zs_fam_v_block},
};

const zs_family *zs_catalog(int *count)
{
    *count = (int)(sizeof families / sizeof families[0]);
    return families;
}
