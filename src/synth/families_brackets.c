/* families_brackets.c: brackets: an L angle bracket with optional mirrored gussets, and a U
 * channel bracket with side slots and mirrored fixing ears. */
#include "families.h"

/* L profile (polyline) extruded both ways, hole grid on the foot from loops, slot or holes in
 * the upright, optional gussets mirrored across YZ, outer bend fillet and end chamfers last. */
void zs_fam_l_bracket(zs_rng *r, zs_text *t)
{
    double w = zs_rng_step(r, 30, 90, 5);
    double th = zs_rng_step(r, 3, 8, 0.5);
    double leg_a = zs_rng_step(r, 30, 80, 5);
    double leg_b = zs_rng_step(r, 30, 80, 5);
    double hole = zs_rng_step(r, 3, 7, 0.5);
    int rows = zs_rng_int(r, 1, 2);
    double foot_free = leg_a - th - 6;
    double pitch = rows > 1 ? zs_rng_step(r, hole + 4, foot_free / 2, 1) : 0;
    if (rows > 1 && pitch * 2 > foot_free)
        rows = 1, pitch = 0;
    double y0 = th + 3 + hole / 2 + (foot_free - hole - (rows - 1) * pitch) / 2;
    double dx = zs_rng_step(r, w * 0.2, w / 2 - hole / 2 - 5, 0.5);
    int slot = zs_rng_chance(r, 50);
    int gussets = zs_rng_chance(r, 60) && w >= 40;
    double g = zs_rng_step(r, 8, (leg_a < leg_b ? leg_a : leg_b) - th - 4, 1);
    double rib = zs_rng_step(r, 2, 4, 0.5);

    zs_text_put(t, "\n# angle dimensions\n");
    zs_param(t, "width", w);
    zs_param(t, "foot_len", leg_a);
    zs_param(t, "upright_h", leg_b);
    zs_param(t, "thickness", th);
    zs_text_put(t, "\n# holes\n");
    zs_param(t, "hole_d", hole);
    zs_param_int(t, "hole_rows", rows);
    zs_param(t, "hole_pitch", pitch);
    zs_param(t, "hole_dx", dx);
    zs_param(t, "hole_y0", y0);
    zs_text_put(t, "\n# L section in the YZ plane\nsection = [\n    (0, 0),\n    (foot_len, 0),\n"
                   "    (foot_len, thickness),\n    (thickness, thickness),\n    (thickness, upright_h),\n"
                   "    (0, upright_h),\n]\n"
                   "bracket = cq.Workplane(\"YZ\").polyline(section).close().extrude(width / 2, both=True)\n");
    zs_text_put(t, "\n# mounting holes in the foot\npts = []\nfor i in range(hole_rows):\n"
                   "    for sx in (-1, 1):\n        pts.append((sx * hole_dx, hole_y0 + i * hole_pitch))\n"
                   "bracket = bracket.faces(\">Z[-2]\").workplane().pushPoints(pts).hole(hole_d)\n");
    if (slot) {
        zs_param(t, "\nslot_len", zs_rng_step(r, hole + 4, w * 0.6, 1));
        zs_text_put(t, "# horizontal adjustment slot in the upright\n"
                       "bracket = (\n    bracket.faces(\"<Y\")\n    .workplane(centerOption=\"CenterOfBoundBox\")\n"
                       "    .center(0, thickness / 2 + 2)\n"
                       "    .slot2D(slot_len, hole_d, 0)\n    .cutThruAll()\n)\n");
    } else {
        zs_text_put(t, "# two holes in the upright\n"
                       "bracket = (\n    bracket.faces(\"<Y\")\n    .workplane(centerOption=\"CenterOfBoundBox\")\n"
                       "    .pushPoints([(-hole_dx, thickness / 2 + 2), (hole_dx, thickness / 2 + 2)])\n"
                       "    .hole(hole_d)\n)\n");
    }
    if (gussets) {
        zs_param(t, "\ngusset", g);
        zs_param(t, "rib_t", rib);
        zs_text_put(t, "# triangular gussets at both sides, mirrored across YZ\n"
                       "rib = (\n    cq.Workplane(\"YZ\", origin=(width / 2 - rib_t, 0, 0))\n"
                       "    .polyline([(thickness, thickness), (thickness + gusset, thickness), "
                       "(thickness, thickness + gusset)])\n"
                       "    .close()\n    .extrude(rib_t)\n)\n"
                       "ribs = rib.mirror(\"YZ\", union=True)\nbracket = bracket.union(ribs)\n");
    }
    zs_text_fmt(t, "\n# outer bend radius and end chamfers\n"
                   "bracket = bracket.edges(\"|X and <Y and <Z\").fillet(%v)\n",
                zs_rng_step(r, 0.5, th * 0.8, 0.5));
    zs_text_fmt(t, "bracket = bracket.edges(\"|Z and >Y\").chamfer(%v)\n", zs_rng_step(r, 0.5, th * 0.4, 0.25));
    zs_result(t, "bracket");
}

/* U section extruded both ways, base hole rarray, slot through both side walls, ears on top of
 * the walls (one drawn, mirrored), bottom outer edges filleted last. */
void zs_fam_u_channel_bracket(zs_rng *r, zs_text *t)
{
    double w = zs_rng_step(r, 30, 70, 2);
    double h = zs_rng_step(r, 20, 50, 2);
    double len = zs_rng_step(r, 40, 120, 5);
    double th = zs_rng_step(r, 2.5, 6, 0.5);
    double hole = zs_rng_step(r, 3, 6, 0.5);
    int n = zs_rng_int(r, 2, 5);
    double pitch = (len - 16) / (n > 1 ? n - 1 : 1);
    if (pitch < hole + 3)
        n = 2, pitch = len - 16;
    int ears = zs_rng_chance(r, 60);
    double ear = zs_rng_step(r, 10, 18, 1);
    int slot = zs_rng_chance(r, 70) && h - th > 12;

    zs_text_put(t, "\n# channel\n");
    zs_param(t, "inner_w", w);
    zs_param(t, "height", h);
    zs_param(t, "length", len);
    zs_param(t, "wall", th);
    zs_param(t, "hole_d", hole);
    zs_param_int(t, "n_holes", n);
    zs_param(t, "hole_pitch", pitch);
    zs_text_put(t, "\nw2 = inner_w / 2 + wall\nprofile = [\n    (-w2, 0),\n    (w2, 0),\n    (w2, height),\n"
                   "    (w2 - wall, height),\n    (w2 - wall, wall),\n    (-w2 + wall, wall),\n"
                   "    (-w2 + wall, height),\n    (-w2, height),\n]\n"
                   "channel = cq.Workplane(\"XZ\").polyline(profile).close().extrude(length / 2, both=True)\n");
    zs_text_put(t, "\n# fixing holes along the base\nchannel = (\n    channel.faces(\"<Z\")\n    .workplane()\n"
                   "    .rarray(1, hole_pitch, 1, n_holes)\n    .hole(hole_d)\n)\n");
    if (slot) {
        zs_param(t, "\nslot_len", zs_rng_step(r, 10, len * 0.6, 1));
        zs_param(t, "slot_w", zs_rng_step(r, 3, (h - th) / 2 < 8 ? (h - th) / 2 : 8, 0.5));
        zs_text_put(t, "# slot through both side walls\nchannel = (\n    channel.faces(\">X\")\n"
                       "    .workplane(centerOption=\"CenterOfBoundBox\")\n"
                       "    .center(0, wall / 2)\n    .slot2D(slot_len, slot_w, 0)\n    .cutThruAll()\n)\n");
    }
    if (ears) {
        zs_param(t, "\near_w", ear);
        zs_text_put(t, "# ear on top of the +X wall, mirrored to the -X wall\n"
                       "ear = (\n    cq.Workplane(\"XY\")\n    .workplane(offset=height - wall)\n"
                       "    .center(w2 + ear_w / 2, 0)\n    .rect(ear_w, length)\n    .extrude(wall)\n"
                       "    .faces(\">Z\")\n    .workplane()\n"
                       "    .rarray(1, length / 2, 1, 2)\n    .hole(hole_d)\n)\n"
                       "channel = channel.union(ear).union(ear.mirror(\"YZ\"))\n");
    }
    zs_text_fmt(t, "\nchannel = channel.edges(\"|Y and <Z\").fillet(%v)\n", zs_rng_step(r, 0.5, th * 0.8, 0.25));
    zs_result(t, "channel");
}
