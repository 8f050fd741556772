/* families_profiles.c: profiles, levers, caps and blocks: a T-slot extrusion whose slot cutter is
 * drawn half and mirrored, a lever arm outlined with threePointArc and mirrorX, a domed end cap
 * shelled open with grip ribs, and a V-block. */
#include "families.h"

/* Square bar, centre bore, T-slot cutter (polyline + mirrorY) cut on all four sides in a loop of
 * rotations, corner bores, outer corners rounded last. */
void zs_fam_t_slot_profile(zs_rng *r, zs_text *t)
{
    double a = zs_rng_step(r, 20, 45, 5);
    double len = zs_rng_step(r, 30, 120, 10);
    double open = zs_rng_step(r, a * 0.2, a * 0.3, 0.5);
    double lip = zs_rng_step(r, 1.5, 2.5, 0.5);
    double inner = open + zs_rng_step(r, 3, a * 0.25, 0.5);
    double depth = lip + zs_rng_step(r, 3, a * 0.2, 0.5);
    if (inner > a - 2 * depth - 4)
        inner = a - 2 * depth - 4;
    if (inner < open + 1) {            /* the T heads must not meet at the corners */
        inner = open + 1;
        depth = (a - inner - 4) / 2;
    }
    double core = zs_rng_step(r, 3, a / 2 - depth - 3 > 3 ? (a / 2 - depth - 3) * 1.4 : 3, 0.5);
    int corner_holes = zs_rng_chance(r, 50) && a >= 30 && inner / 2 + 1.5 < a * 0.265 &&
                       a / 2 - depth > a * 0.385 + 1;

    zs_text_put(t, "\n# extrusion\n");
    zs_param(t, "size", a);
    zs_param(t, "length", len);
    zs_param(t, "slot_open", open);
    zs_param(t, "slot_lip", lip);
    zs_param(t, "slot_inner", inner);
    zs_param(t, "slot_depth", depth);
    zs_param(t, "core_d", core);
    zs_text_put(t, "\nbar = cq.Workplane(\"XY\").rect(size, size).extrude(length)\n"
                   "bar = bar.faces(\">Z\").workplane().hole(core_d)\n");
    zs_text_put(t, "\n# T-slot cutter: half outline, mirrored about the Y axis\ncutter = (\n    cq.Workplane(\"XY\")\n"
                   "    .polyline(\n        [\n            (0, size / 2 + 1),\n            (slot_open / 2, size / 2 + 1),\n"
                   "            (slot_open / 2, size / 2 - slot_lip),\n            (slot_inner / 2, size / 2 - slot_lip),\n"
                   "            (slot_inner / 2, size / 2 - slot_depth),\n            (0, size / 2 - slot_depth),\n"
                   "        ]\n    )\n    .mirrorY()\n    .extrude(length)\n)\n"
                   "for k in range(4):\n    bar = bar.cut(cutter.rotate((0, 0, 0), (0, 0, 1), 90 * k))\n");
    if (corner_holes)
        zs_text_fmt(t, "\n# corner cavities\nbar = (\n    bar.faces(\">Z\")\n    .workplane()\n"
                       "    .rect(size - %v, size - %v, forConstruction=True)\n    .vertices()\n    .hole(%v)\n)\n",
                    a * 0.35, a * 0.35, a * 0.12);
    zs_text_fmt(t, "\nbar = bar.edges(\"|Z and (>X or <X) and (>Y or <Y)\").fillet(%v)\n", zs_rng_step(r, 0.5, 1.5, 0.5));
    zs_result(t, "bar");
}

/* Outline of two bosses joined by a tapering web (threePointArc ends, mirrorX), extruded; boss
 * cylinders on both ends; bores; a lightening slot pocket; clamp slit on the big end optional;
 * corner edges rounded last. */
void zs_fam_lever_arm(zs_rng *r, zs_text *t)
{
    double r1 = zs_rng_step(r, 10, 22, 1);
    double r2 = zs_rng_step(r, 6, r1 - 2, 1);
    double len = zs_rng_step(r, 50, 140, 5);
    double th = zs_rng_step(r, 4, 10, 1);
    double boss_h = zs_rng_step(r, 2, 8, 1);
    double b1 = zs_rng_step(r, 5, r1, 1);
    double b2 = zs_rng_step(r, 3, r2, 0.5);
    double pocket_l = len - r1 - r2 - 8;
    int pocket = pocket_l > 12 && th >= 6 && zs_rng_chance(r, 70);

    zs_text_put(t, "\n# lever\n");
    zs_param(t, "length", len);
    zs_param(t, "r_big", r1);
    zs_param(t, "r_small", r2);
    zs_param(t, "thickness", th);
    zs_param(t, "boss_h", boss_h);
    zs_param(t, "bore_big", b1);
    zs_param(t, "bore_small", b2);
    zs_text_put(t, "\n# upper half of the outline, mirrored about the X axis\narm = (\n    cq.Workplane(\"XY\")\n"
                   "    .moveTo(-r_big, 0)\n    .threePointArc((-r_big * 0.7071, r_big * 0.7071), (0, r_big))\n"
                   "    .lineTo(length, r_small)\n"
                   "    .threePointArc((length + r_small * 0.7071, r_small * 0.7071), (length + r_small, 0))\n"
                   "    .mirrorX()\n    .extrude(thickness)\n)\n");
    zs_text_put(t, "\n# bosses on both ends\narm = (\n    arm.faces(\">Z\")\n    .workplane()\n"
                   "    .pushPoints([(0, 0)])\n    .circle(r_big * 0.8)\n    .extrude(boss_h)\n)\n"
                   "arm = (\n    arm.faces(\"<Z\")\n    .workplane()\n    .pushPoints([(length, 0)])\n"
                   "    .circle(r_small * 0.85)\n    .extrude(boss_h)\n)\n");
    zs_text_put(t, "\n# bores\narm = arm.faces(\">Z\").workplane().hole(bore_big)\n"
                   "arm = arm.faces(\"<Z\").workplane(origin=(length, 0, 0)).hole(bore_small)\n");
    if (pocket) {
        zs_text_put(t, "\n# lightening pocket along the web\n");
        zs_param(t, "pocket_l", pocket_l);
        zs_text_fmt(t, "arm = (\n    arm.faces(\">Z[-2]\")\n    .workplane(origin=(0, 0, 0))\n"
                       "    .center(r_big + 4 + pocket_l / 2, 0)\n    .slot2D(pocket_l, %v, 0)\n"
                       "    .cutBlind(-thickness / 2)\n)\n",
                    r2 * 1.0);
    }
    zs_text_put(t, "\narm = arm.faces(\">Z or <Z\").edges(\"%CIRCLE\").chamfer(0.5)\n");
    zs_result(t, "arm");
}

/* Cylinder with a threePointArc dome revolved, shelled open underneath, grip ribs on a polar
 * array, a vent hole through the dome, bottom rim chamfer last. */
void zs_fam_end_cap(zs_rng *r, zs_text *t)
{
    double rad = zs_rng_step(r, 10, 40, 1);
    double h = zs_rng_step(r, 8, 30, 1);
    double dome = zs_rng_step(r, 2, rad * 0.4, 0.5);
    double wall = zs_rng_step(r, 1, 3, 0.5);
    int nrib = zs_rng_int(r, 0, 3) * 6;
    double rib_w = zs_rng_step(r, 1, 2.5, 0.5);
    int vent = zs_rng_chance(r, 50);

    zs_text_put(t, "import math\n\n# cap\n");
    zs_param(t, "cap_r", rad);
    zs_param(t, "skirt_h", h);
    zs_param(t, "dome_h", dome);
    zs_param(t, "wall", wall);
    zs_text_put(t, "\n# dome: an arc centred on the axis, so the crown is smooth\n"
                   "c = skirt_h - (cap_r ** 2 - dome_h ** 2) / (2 * dome_h)\nrho = skirt_h + dome_h - c\n"
                   "mid = (cap_r / 2, c + math.sqrt(rho ** 2 - (cap_r / 2) ** 2))\n"
                   "profile = (\n    cq.Workplane(\"XZ\")\n    .moveTo(0, 0)\n    .lineTo(cap_r, 0)\n"
                   "    .lineTo(cap_r, skirt_h)\n"
                   "    .threePointArc(mid, (0, skirt_h + dome_h))\n"
                   "    .close()\n)\ncap = profile.revolve(360, (0, 0, 0), (0, 1, 0))\n"
                   "cap = cap.faces(\"<Z\").shell(-wall)\n");
    if (nrib > 0) {
        zs_param_int(t, "\nn_ribs", nrib);
        zs_param(t, "rib_w", rib_w);
        zs_text_put(t, "# grip ribs around the skirt, starting above the rim\nribs = (\n    cq.Workplane(\"XY\")\n"
                       "    .workplane(offset=1)\n    .polarArray(cap_r + rib_w * 0.75, 0, 360, n_ribs)\n"
                       "    .rect(rib_w * 2, rib_w)\n    .extrude(skirt_h - 2)\n)\ncap = cap.union(ribs)\n");
    }
    if (vent)
        zs_text_put(t, "\n# vent through the crown\nvent = cq.Workplane(\"XY\").circle(wall + 0.5).extrude(skirt_h + dome_h + 1)\n"
                       "cap = cap.cut(vent)\n");
    zs_text_fmt(t, "\ncap = cap.faces(\"<Z\").chamfer(%v)\n", wall * 0.3);
    zs_result(t, "cap");
}

/* Block with a 90-degree V groove and relief (profiles extruded along X), a clamp channel in the
 * base, side clamp slots, tapped holes at the ends, long top edges chamfered last. */
void zs_fam_v_block(zs_rng *r, zs_text *t)
{
    double len = zs_rng_step(r, 40, 120, 5);
    double w = zs_rng_step(r, 30, 80, 5);
    double vw = zs_rng_step(r, w * 0.4, w * 0.7, 1);
    double relief = zs_rng_step(r, 1, 3, 0.5);
    double ch_w = zs_rng_step(r, 6, w * 0.4, 1);
    double ch_d = zs_rng_step(r, 2, 6, 1);
    double h = vw / 2 + relief * 2 + ch_d + zs_rng_step(r, 6, 20, 1);
    int slots = zs_rng_chance(r, 60);

    zs_text_put(t, "\n# V-block\n");
    zs_param(t, "length", len);
    zs_param(t, "width", w);
    zs_param(t, "height", h);
    zs_param(t, "v_width", vw);
    zs_param(t, "relief", relief);
    zs_param(t, "channel_w", ch_w);
    zs_param(t, "channel_d", ch_d);
    zs_text_put(t, "\nblock = cq.Workplane(\"XY\").box(length, width, height)\n"
                   "\n# 90 degree V along X\nv_cut = (\n    cq.Workplane(\"YZ\", origin=(-length / 2 - 1, 0, 0))\n"
                   "    .polyline([(-v_width / 2 - 1, height / 2 + 1), (v_width / 2 + 1, height / 2 + 1), "
                   "(0, height / 2 - v_width / 2)])\n    .close()\n    .extrude(length + 2)\n)\n"
                   "block = block.cut(v_cut)\n"
                   "relief_cut = (\n    cq.Workplane(\"YZ\", origin=(-length / 2 - 1, 0, 0))\n"
                   "    .center(0, height / 2 - v_width / 2)\n    .rect(relief, relief * 2)\n    .extrude(length + 2)\n)\n"
                   "block = block.cut(relief_cut)\n");
    zs_text_put(t, "\n# clamp channel under the block\nblock = block.faces(\"<Z\").workplane().rect(length + 2, channel_w)"
                   ".cutBlind(-channel_d)\n");
    if (slots)
        zs_text_fmt(t, "\n# clamp slots in both sides\nfor side in (\">Y\", \"<Y\"):\n"
                       "    block = (\n        block.faces(side)\n        .workplane(centerOption=\"CenterOfBoundBox\")\n"
                       "        .slot2D(length * 0.5, %v, 0)\n        .cutBlind(-%v)\n    )\n",
                    zs_rng_step(r, 3, 6, 0.5), zs_rng_step(r, 2, (w - vw) / 4 < 2 ? 2 : (w - vw) / 4, 0.5));
    zs_text_fmt(t, "\nblock = block.edges(\"|X and >Z and (>Y or <Y)\").chamfer(%v)\n", zs_rng_step(r, 0.5, 1.5, 0.5));
    zs_result(t, "block");
}
