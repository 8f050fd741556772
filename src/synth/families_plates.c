/* families_plates.c: plates: a mounting plate with a corner hole pattern, pocket and slots, and a
 * shelled vented cover plate with screw bosses. */
#include "families.h"

/* Box plate, corner holes (plain, counterbored or countersunk) on a rarray, optional central
 * pocket and slots through it, rounded vertical corners, broken bottom edges. */
void zs_fam_mounting_plate(zs_rng *r, zs_text *t)
{
    double len = zs_rng_step(r, 60, 160, 5);
    double wid = zs_rng_step(r, 40, 120, 5);
    double th = zs_rng_step(r, 4, 12, 1);
    double hole = zs_rng_step(r, 3, 8, 0.5);
    int kind = zs_rng_pick(r, 3);
    double head = hole + zs_rng_step(r, 3, 5, 0.5);
    double hr = (kind == 0 ? hole : head) / 2;
    double edge = hr + zs_rng_step(r, 3, 6, 0.5);
    double corner = zs_rng_step(r, 1, edge - hr - 1, 0.5);
    double inner_l = len - 2 * edge - 2 * hr - 6, inner_w = wid - 2 * edge - 2 * hr - 6;
    int pocket = zs_rng_chance(r, 60) && inner_l > 16 && inner_w > 16 && th >= 6;
    int slots = zs_rng_chance(r, 60) && inner_l > 20 && inner_w > 16;

    zs_text_put(t, "\n# plate\n");
    zs_param(t, "length", len);
    zs_param(t, "width", wid);
    zs_param(t, "thickness", th);
    zs_text_put(t, "\n# fasteners\n");
    zs_param(t, "hole_d", hole);
    zs_param(t, "edge_offset", edge);
    zs_param(t, "corner_r", corner);
    if (kind != 0)
        zs_param(t, "head_d", head);
    zs_text_put(t, "\nplate = cq.Workplane(\"XY\").box(length, width, thickness)\n");
    zs_text_put(t, "\n# four corner holes\nplate = (\n    plate.faces(\">Z\")\n    .workplane()\n"
                   "    .rarray(length - 2 * edge_offset, width - 2 * edge_offset, 2, 2)\n");
    if (kind == 0)
        zs_text_put(t, "    .hole(hole_d)\n)\n");
    else if (kind == 1)
        zs_text_fmt(t, "    .cboreHole(hole_d, head_d, %v)\n)\n", th * 0.4);
    else
        zs_text_put(t, "    .cskHole(hole_d, head_d, 90)\n)\n");
    if (pocket) {
        zs_param(t, "\npocket_l", zs_rng_step(r, inner_l * 0.5, inner_l, 1));
        zs_param(t, "pocket_w", zs_rng_step(r, inner_w * 0.5, inner_w, 1));
        zs_param(t, "pocket_depth", zs_rng_step(r, 1, th / 2, 0.5));
        zs_text_put(t, "# shallow pocket in the top face\n"
                       "plate = plate.faces(\">Z\").workplane().rect(pocket_l, pocket_w)"
                       ".cutBlind(-pocket_depth)\n");
    }
    if (slots) {
        int n = zs_rng_int(r, 1, 4);
        double sw = zs_rng_step(r, 3, 6, 0.5);
        double span = inner_l - 2 * sw;
        double pitch = n > 1 ? span / (n - 1) : 0;
        if (pitch > 0 && pitch < sw + 3)
            n = 1, pitch = 0;
        double sl = zs_rng_step(r, sw + 4, inner_w - (pocket ? 6 : 2), 1);
        zs_param_int(t, "\nn_slots", n);
        zs_param(t, "slot_pitch", pitch);
        zs_param(t, "slot_len", sl);
        zs_param(t, "slot_w", sw);
        zs_text_put(t, "# adjustment slots along Y\n"
                       "slot_pts = [((i - (n_slots - 1) / 2) * slot_pitch, 0) for i in range(n_slots)]\n"
                       "plate = (\n    plate.faces(\"<Z\")\n    .workplane()\n    .pushPoints(slot_pts)\n"
                       "    .slot2D(slot_len, slot_w, 90)\n    .cutThruAll()\n)\n");
    }
    zs_text_put(t, "\n# finishing\nplate = plate.edges(\"|Z and (<X or >X)\").fillet(corner_r)\n");
    if (zs_rng_chance(r, 70))
        zs_text_fmt(t, "plate = plate.faces(\"<Z\").chamfer(%v)\n", zs_rng_step(r, 0.3, 0.8, 0.1));
    zs_result(t, "plate");
}

/* Rectangular cover shelled open underneath, a rarray of vent slots through the top, four
 * screw bosses under the top, rounded outer corners. */
void zs_fam_vented_cover_plate(zs_rng *r, zs_text *t)
{
    double len = zs_rng_step(r, 60, 140, 5);
    double wid = zs_rng_step(r, 50, 110, 5);
    double h = zs_rng_step(r, 8, 25, 1);
    double wall = zs_rng_step(r, 1.5, 3.5, 0.5);
    double boss_r = zs_rng_step(r, 3, 5, 0.5);
    double inset = wall + boss_r + zs_rng_step(r, 1, 3, 0.5);
    double sw = zs_rng_step(r, 2, 4, 0.5);
    double vent_zone_l = len - 2 * (inset + boss_r) - 6;
    double vent_zone_w = wid - 2 * wall - 8;
    int nx = zs_rng_int(r, 2, 8);
    double pitch_x = vent_zone_l / nx;
    if (pitch_x < sw + 2)
        nx = 2, pitch_x = vent_zone_l / 2;
    int ny = vent_zone_w > 50 && zs_rng_chance(r, 50) ? 2 : 1;
    double sl = (vent_zone_w / ny) - 4;
    if (sl < sw + 2)
        sl = sw + 2;
    int mirror_tab = zs_rng_chance(r, 50);

    zs_text_put(t, "\n# cover body\n");
    zs_param(t, "length", len);
    zs_param(t, "width", wid);
    zs_param(t, "height", h);
    zs_param(t, "wall", wall);
    zs_text_put(t, "\n# vents\n");
    zs_param_int(t, "vent_nx", nx);
    zs_param_int(t, "vent_ny", ny);
    zs_param(t, "vent_pitch_x", pitch_x);
    zs_param(t, "vent_pitch_y", vent_zone_w / ny);
    zs_param(t, "vent_len", sl);
    zs_param(t, "vent_w", sw);
    zs_text_put(t, "\n# screw bosses\n");
    zs_param(t, "boss_r", boss_r);
    zs_param(t, "boss_inset", inset);
    zs_param(t, "screw_d", boss_r);
    zs_text_put(t, "\ncover = (\n    cq.Workplane(\"XY\")\n    .rect(length, width)\n    .extrude(height)\n"
                   "    .faces(\"<Z\")\n    .shell(-wall)\n)\n");
    zs_text_put(t, "\n# vent slots through the top\ncover = (\n    cover.faces(\">Z\")\n    .workplane()\n"
                   "    .rarray(vent_pitch_x, vent_pitch_y, vent_nx, vent_ny)\n"
                   "    .slot2D(vent_len, vent_w, 90)\n    .cutBlind(-wall * 2)\n)\n");
    zs_text_put(t, "\n# bosses hang from the underside of the top\nbosses = (\n    cq.Workplane(\"XY\")\n"
                   "    .rarray(length - 2 * boss_inset, width - 2 * boss_inset, 2, 2)\n"
                   "    .circle(boss_r)\n    .circle(screw_d / 2)\n    .extrude(height - wall)\n)\n"
                   "cover = cover.union(bosses)\n");
    if (mirror_tab) {
        zs_param(t, "\ntab_len", zs_rng_step(r, 8, 14, 1));
        zs_param(t, "tab_w", zs_rng_step(r, 10, wid * 0.4, 1));
        zs_text_put(t, "# fixing tabs, one drawn and mirrored to the other end\n"
                       "tab = (\n    cq.Workplane(\"XY\")\n    .center(length / 2 + tab_len / 2, 0)\n"
                       "    .rect(tab_len, tab_w)\n    .extrude(wall)\n"
                       "    .faces(\">Z\")\n    .workplane()\n    .hole(tab_len / 2)\n)\n"
                       "tabs = tab.mirror(\"YZ\", union=True)\ncover = cover.union(tabs)\n");
    }
    zs_text_fmt(t, "\ncover = cover.edges(\"%s\").fillet(%v)\n",
                mirror_tab ? "|Z and >Y" : "|Z and >Y and (<X or >X)", zs_rng_step(r, 0.5, wall * 1.5, 0.25));
    zs_result(t, "cover");
}
