/* families.h (internal to zc_synth): the catalog's entry type and every family's builder.
 * A builder writes a program's body (everything after the title comment and
 * `import cadquery as cq`), drawing its parameters from the PRNG within ranges that keep the
 * part valid, and ends with `result = ...`. Adding a family: write its builder in a
 * families_<category>.c file, declare it here, add a row to the table in catalog.c. */
#ifndef ZC_SYNTH_FAMILIES_H
#define ZC_SYNTH_FAMILIES_H

#include "rng.h"
#include "text.h"

typedef void (*zs_family_build)(zs_rng *r, zs_text *t);

typedef struct {
    const char *name;      /* snake_case, unique */
    const char *category;  /* plural noun, e.g. "flanges" */
    const char *title;     /* the program's first line: # <title> (<category>) */
    zs_family_build build;
} zs_family;

/* The catalog table (catalog.c). */
const zs_family *zs_catalog(int *count);

/* Shared emitters (emit.c). */
void zs_param(zs_text *t, const char *name, double v);
void zs_param_int(zs_text *t, const char *name, int v);
/* Ends the part: `result = <var>` preceded by nothing else. */
void zs_result(zs_text *t, const char *var);

/* families_flanges.c */
void zs_fam_flanged_bushing(zs_rng *r, zs_text *t);
void zs_fam_pipe_flange(zs_rng *r, zs_text *t);
/* families_plates.c */
void zs_fam_mounting_plate(zs_rng *r, zs_text *t);
void zs_fam_vented_cover_plate(zs_rng *r, zs_text *t);
/* families_brackets.c */
void zs_fam_l_bracket(zs_rng *r, zs_text *t);
void zs_fam_u_channel_bracket(zs_rng *r, zs_text *t);
/* families_fasteners.c */
void zs_fam_hex_standoff(zs_rng *r, zs_text *t);
void zs_fam_round_spacer(zs_rng *r, zs_text *t);
void zs_fam_bolt(zs_rng *r, zs_text *t);
/* families_couplings_wheels.c */
void zs_fam_shaft_coupling(zs_rng *r, zs_text *t);
void zs_fam_spoked_wheel(zs_rng *r, zs_text *t);
/* families_profiles.c */
void zs_fam_t_slot_profile(zs_rng *r, zs_text *t);
void zs_fam_lever_arm(zs_rng *r, zs_text *t);
void zs_fam_end_cap(zs_rng *r, zs_text *t);
void zs_fam_v_block(zs_rng *r, zs_text *t);
/* families_shafts.c */
void zs_fam_stepped_shaft(zs_rng *r, zs_text *t);
/* families_housings.c */
void zs_fam_enclosure_box(zs_rng *r, zs_text *t);
void zs_fam_pillow_block(zs_rng *r, zs_text *t);
/* families_rotary.c */
void zs_fam_spur_gear(zs_rng *r, zs_text *t);
void zs_fam_v_pulley(zs_rng *r, zs_text *t);
/* families_knobs.c */
void zs_fam_fluted_knob(zs_rng *r, zs_text *t);
void zs_fam_star_knob(zs_rng *r, zs_text *t);
/* families_handles.c */
void zs_fam_arch_handle(zs_rng *r, zs_text *t);
void zs_fam_spline_handle(zs_rng *r, zs_text *t);
/* families_pipes.c */
void zs_fam_pipe_elbow(zs_rng *r, zs_text *t);
void zs_fam_pipe_reducer(zs_rng *r, zs_text *t);
void zs_fam_duct_transition(zs_rng *r, zs_text *t);
/* families_mounts.c */
void zs_fam_motor_mount(zs_rng *r, zs_text *t);
void zs_fam_angled_sensor_mount(zs_rng *r, zs_text *t);
/* families_hinges_clips.c */
void zs_fam_hinge_leaf(zs_rng *r, zs_text *t);
void zs_fam_split_ring_clip(zs_rng *r, zs_text *t);
void zs_fam_cable_clip(zs_rng *r, zs_text *t);

#endif
