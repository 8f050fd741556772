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
