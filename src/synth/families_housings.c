/* families_housings.c: housings: an open enclosure box shelled from a block, with floor bosses
 * placed by a loop, a connector cutout, a cable hole and side vents. */
#include "families.h"

/* Block shelled open at the top, screw bosses on the floor from a loop over corners, a
 * rectangular cutout on -X, a round hole on +X, optional vent slots on -Y, corner fillets and a
 * rim chamfer last. */
void zs_fam_enclosure_box(zs_rng *r, zs_text *t)
{
    double len = zs_rng_step(r, 60, 150, 5);
    double wid = zs_rng_step(r, 50, 110, 5);
    double h = zs_rng_step(r, 25, 60, 5);
    double wall = zs_rng_step(r, 2, 4, 0.5);
    double boss_r = zs_rng_step(r, 3, 5, 0.5);
    double inset = wall + boss_r + zs_rng_step(r, 2, 4, 0.5);
    double boss_h = zs_rng_step(r, 5, h / 2, 1);
    double cut_w = zs_rng_step(r, 8, wid - 2 * inset - 2 * boss_r - 6, 1);
    double cut_h = zs_rng_step(r, 5, h / 2 - 2, 1);
    double hole_r = zs_rng_step(r, 2, (h / 2 - wall - 2) < 10 ? h / 2 - wall - 2 : 10, 0.5);
    int vents = zs_rng_chance(r, 60);
    int nv = zs_rng_int(r, 3, 8);
    double vw = zs_rng_step(r, 2, 3, 0.5);
    double vpitch = vw + zs_rng_step(r, 2, 4, 0.5);
    if (nv * vpitch > len - 2 * inset)
        nv = (int)((len - 2 * inset) / vpitch);
    int corners = zs_rng_chance(r, 50);

    zs_text_put(t, "\n# outer size\n");
    zs_param(t, "length", len);
    zs_param(t, "width", wid);
    zs_param(t, "height", h);
    zs_param(t, "wall", wall);
    zs_text_put(t, "\n# internal bosses\n");
    zs_param(t, "boss_r", boss_r);
    zs_param(t, "boss_h", boss_h);
    zs_param(t, "boss_inset", inset);
    zs_param(t, "screw_d", boss_r);
    zs_text_put(t, "\n# openings\n");
    zs_param(t, "port_w", cut_w);
    zs_param(t, "port_h", cut_h);
    zs_param(t, "cable_r", hole_r);
    zs_text_put(t, "\nbox = cq.Workplane(\"XY\").box(length, width, height, centered=(True, True, False))\n"
                   "box = box.faces(\">Z\").shell(-wall)\n");
    zs_text_put(t, "\n# screw bosses standing on the floor\nboss_pts = []\nfor sx in (-1, 1):\n"
                   "    for sy in (-1, 1):\n"
                   "        boss_pts.append((sx * (length / 2 - boss_inset), sy * (width / 2 - boss_inset)))\n"
                   "bosses = (\n    cq.Workplane(\"XY\")\n    .workplane(offset=wall)\n    .pushPoints(boss_pts)\n"
                   "    .circle(boss_r)\n    .extrude(boss_h)\n)\nbox = box.union(bosses)\n"
                   "box = (\n    box.faces(\">Z[-2]\")\n    .workplane()\n    .pushPoints(boss_pts)\n"
                   "    .hole(screw_d, boss_h - 1)\n)\n");
    zs_text_put(t, "\n# connector cutout in the -X wall\nbox = (\n    box.faces(\"<X\")\n"
                   "    .workplane(centerOption=\"CenterOfBoundBox\")\n    .rect(port_w, port_h)\n"
                   "    .cutBlind(-wall - 0.5)\n)\n");
    zs_text_put(t, "\n# cable entry in the +X wall\nbox = (\n    box.faces(\">X\")\n"
                   "    .workplane(centerOption=\"CenterOfBoundBox\")\n    .circle(cable_r)\n"
                   "    .cutBlind(-wall - 0.5)\n)\n");
    if (vents && nv >= 2) {
        zs_param_int(t, "\nn_vents", nv);
        zs_param(t, "vent_w", vw);
        zs_param(t, "vent_pitch", vpitch);
        zs_param(t, "vent_len", zs_rng_step(r, vw + 4, h / 2, 1));
        zs_text_put(t, "# vertical vent slots in the -Y wall\nbox = (\n    box.faces(\"<Y\")\n"
                       "    .workplane(centerOption=\"CenterOfBoundBox\")\n"
                       "    .rarray(vent_pitch, 1, n_vents, 1)\n    .slot2D(vent_len, vent_w, 90)\n"
                       "    .cutBlind(-wall - 0.5)\n)\n");
    }
    double fr = zs_rng_step(r, 1, wall * 1.5, 0.5);
    if (corners)
        zs_text_fmt(t, "\nbox = box.edges(\"|Z and >Y\").fillet(%v)\n"
                       "box = box.edges(\"|Z and <Y and (<X or >X)\").fillet(%v)\n",
                    fr, fr);
    zs_text_fmt(t, "box = box.faces(\">Z\").chamfer(%v)\n", wall * 0.25);
    zs_result(t, "box");
}

/* Base plate, pedestal and a horizontal bearing boss, counterbored bearing seat from the front,
 * bore from the back, slots on the base top (an indexed selector), grease hole through the
 * crown, base corners rounded last. */
void zs_fam_pillow_block(zs_rng *r, zs_text *t)
{
    double shaft = zs_rng_step(r, 8, 30, 1);
    double seat = shaft + zs_rng_step(r, 6, 16, 2);
    double boss_r = seat / 2 + zs_rng_step(r, 4, 10, 1);
    double w = zs_rng_step(r, 14, 40, 2);
    double bt = zs_rng_step(r, 6, 14, 1);
    double ch = bt + boss_r + zs_rng_step(r, 0, 10, 1);
    double slot_w = zs_rng_step(r, 5, 10, 1);
    double slot_l = slot_w + zs_rng_step(r, 3, 10, 1);
    double len = 2 * boss_r + 2 * (slot_l + 8);

    zs_text_put(t, "\n# bearing\n");
    zs_param(t, "shaft_d", shaft);
    zs_param(t, "seat_d", seat);
    zs_param(t, "seat_depth", w * 0.3);
    zs_param(t, "boss_r", boss_r);
    zs_param(t, "centre_h", ch);
    zs_text_put(t, "\n# base\n");
    zs_param(t, "length", len);
    zs_param(t, "width", w);
    zs_param(t, "base_t", bt);
    zs_param(t, "slot_w", slot_w);
    zs_param(t, "slot_l", slot_l);
    zs_text_put(t, "\nbase = cq.Workplane(\"XY\").box(length, width, base_t, centered=(True, True, False))\n"
                   "pedestal = cq.Workplane(\"XY\").box(2 * boss_r, width, centre_h, centered=(True, True, False))\n"
                   "boss = cq.Workplane(\"XZ\").center(0, centre_h).circle(boss_r).extrude(width / 2, both=True)\n"
                   "block = base.union(pedestal).union(boss)\n");
    zs_text_put(t, "\n# bearing seat from the front, shaft bore from the back\nblock = (\n    block.faces(\">Y\")\n"
                   "    .workplane(origin=(0, 0, centre_h))\n    .cboreHole(shaft_d, seat_d, seat_depth)\n)\n"
                   "block = (\n    block.faces(\"<Y\")\n    .workplane(origin=(0, 0, centre_h))\n"
                   "    .cboreHole(shaft_d, seat_d, seat_depth, depth=seat_depth + 1)\n)\n");
    zs_text_put(t, "\n# fixing slots on the base top (the highest planar faces)\nblock = (\n    block.faces(\">Z[-1]\")\n"
                   "    .workplane(origin=(0, 0, 0))\n"
                   "    .pushPoints([(-(length / 2 - slot_l / 2 - 4), 0), (length / 2 - slot_l / 2 - 4, 0)])\n"
                   "    .slot2D(slot_l, slot_w, 0)\n    .cutThruAll()\n)\n");
    if (zs_rng_chance(r, 60))
        zs_text_put(t, "\n# grease hole through the crown\ngrease = (\n    cq.Workplane(\"XY\")\n"
                       "    .workplane(offset=centre_h)\n    .circle(1.5)\n    .extrude(boss_r + 1)\n)\n"
                       "block = block.cut(grease)\n");
    zs_text_fmt(t, "\nblock = block.edges(\"|Z and (<X or >X)\").fillet(%v)\n", zs_rng_step(r, 1, 4, 0.5));
    zs_result(t, "block");
}
