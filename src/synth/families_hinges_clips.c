/* families_hinges_clips.c: hinges and clips: a hinge leaf with knuckles from a loop, a split
 * retaining ring revolved part-way with mirrored lugs, and a cable saddle clip drawn with
 * threePointArc. */
#include "families.h"

/* Leaf plate, every other knuckle segment unioned in a loop, pin bore through the knuckles,
 * countersunk screw holes, far corners rounded last. */
void zs_fam_hinge_leaf(zs_rng *r, zs_text *t)
{
    double th = zs_rng_step(r, 2, 5, 0.5);
    int nk = 2 * zs_rng_int(r, 1, 3) + 1;
    double lw = zs_rng_step(r, 30, 100, 5);
    double ld = zs_rng_step(r, 25, 60, 5);
    double kr = th + zs_rng_step(r, 0.5, 3, 0.5);
    double pin = zs_rng_step(r, kr * 0.6, kr * 1.2, 0.5);
    double gap = zs_rng_step(r, 0.4, 1.0, 0.2);
    double screw = zs_rng_step(r, 3, 5, 0.5);
    double csk = screw * 2;
    double edge = csk / 2 + 3;
    int cols = lw >= 60 ? 3 : 2;
    double y1 = kr + csk / 2 + 2;
    double y2 = ld - edge;
    int rows = y2 - y1 > csk + 4 ? 2 : 1;
    if (y2 < y1)
        ld = y1 + edge + 1, y2 = ld - edge;

    zs_text_put(t, "\n# leaf\n");
    zs_param(t, "leaf_w", lw);
    zs_param(t, "leaf_d", ld);
    zs_param(t, "thickness", th);
    zs_text_put(t, "\n# knuckles\n");
    zs_param_int(t, "n_knuckles", nk);
    zs_param(t, "knuckle_r", kr);
    zs_param(t, "pin_d", pin);
    zs_param(t, "knuckle_gap", gap);
    zs_text_put(t, "\n# screws\n");
    zs_param(t, "screw_d", screw);
    zs_param(t, "csk_d", csk);
    zs_text_put(t, "\nleaf = cq.Workplane(\"XY\").box(leaf_w, leaf_d, thickness, centered=(True, False, False))\n");
    zs_text_put(t, "\n# this leaf owns the even knuckle segments\nseg = leaf_w / n_knuckles\n"
                   "for i in range(0, n_knuckles, 2):\n    x0 = -leaf_w / 2 + i * seg\n"
                   "    knuckle = (\n        cq.Workplane(\"YZ\", origin=(x0 + knuckle_gap / 2, 0, thickness / 2))\n"
                   "        .circle(knuckle_r)\n        .extrude(seg - knuckle_gap)\n    )\n"
                   "    leaf = leaf.union(knuckle)\n");
    zs_text_put(t, "\n# hinge pin bore\npin = (\n    cq.Workplane(\"YZ\", origin=(-leaf_w / 2 - 1, 0, thickness / 2))\n"
                   "    .circle(pin_d / 2)\n    .extrude(leaf_w + 2)\n)\nleaf = leaf.cut(pin)\n");
    zs_text_fmt(t, "\n# countersunk screw holes\nholes = []\nfor row_y in %s:\n"
                   "    for k in range(%d):\n        holes.append((-leaf_w / 2 + %v + k * %v, row_y))\n",
                rows == 2 ? "(0, 1)" : "(0,)", cols, edge, (lw - 2 * edge) / (cols - 1));
    zs_text_fmt(t, "holes = [(x, %v + row * %v) for x, row in holes]\n", rows == 2 ? y1 : (y1 + y2) / 2, y2 - y1);
    zs_text_put(t, "leaf = leaf.faces(\">Z\").workplane().pushPoints(holes).cskHole(screw_d, csk_d, 90)\n");
    double fr = edge - csk / 2 - 1;
    zs_text_fmt(t, "\nleaf = leaf.edges(\"|Z and >Y\").fillet(%v)\n", fr < 1 ? 1.0 : zs_rng_step(r, 1, fr, 0.5));
    zs_result(t, "leaf");
}

/* Rectangular section revolved part-way about Z (partial revolve), lugs with holes at both ends
 * (the second mirrored across the clip's bisector plane), top edges chamfered last. */
void zs_fam_split_ring_clip(zs_rng *r, zs_text *t)
{
    double ri = zs_rng_step(r, 8, 40, 1);
    double w = zs_rng_step(r, 2, 6, 0.5);
    double th = zs_rng_step(r, 1.5, 4, 0.5);
    double angle = zs_rng_step(r, 270, 330, 10);
    double lug_l = zs_rng_step(r, 4, 8, 0.5);
    double lug_w = zs_rng_step(r, 4, 8, 0.5);
    double hole = (lug_l < lug_w ? lug_l : lug_w) - 2;

    zs_text_put(t, "import math\n\n# clip\n");
    zs_param(t, "inner_r", ri);
    zs_param(t, "band_w", w);
    zs_param(t, "thickness", th);
    zs_param(t, "wrap_angle", angle);
    zs_param(t, "lug_len", lug_l);
    zs_param(t, "lug_w", lug_w);
    zs_param(t, "lug_hole_d", hole);
    zs_text_put(t, "\nsection = [\n    (inner_r, -thickness / 2),\n    (inner_r + band_w, -thickness / 2),\n"
                   "    (inner_r + band_w, thickness / 2),\n    (inner_r, thickness / 2),\n]\n"
                   "clip = cq.Workplane(\"XZ\").polyline(section).close().revolve(wrap_angle, (0, 0, 0), (0, 1, 0))\n");
    zs_text_put(t, "\n# lug at the start of the band\nlug = (\n    cq.Workplane(\"XY\")\n"
                   "    .workplane(offset=-thickness / 2)\n    .center(inner_r + (band_w + lug_len) / 2, lug_w / 2)\n"
                   "    .rect(band_w + lug_len, lug_w)\n    .extrude(thickness)\n"
                   "    .faces(\">Z\")\n    .workplane()\n    .center(band_w / 2, 0)\n    .hole(lug_hole_d)\n)\n");
    zs_text_put(t, "# the end lug mirrors the first across the bisector plane\n"
                   "half = math.radians(wrap_angle / 2)\n"
                   "lug_end = lug.mirror((-math.sin(half), math.cos(half), 0))\n"
                   "clip = clip.union(lug).union(lug_end)\n");
    zs_text_fmt(t, "\nclip = clip.edges(\"|Z and >X\").fillet(%v)\n", lug_w >= 6 ? 1.0 : 0.5);
    zs_result(t, "clip");
}

/* Saddle profile: feet and an arch over the cable drawn with two threePointArc calls, extruded
 * both ways, holes in the feet, feet ends rounded last. */
void zs_fam_cable_clip(zs_rng *r, zs_text *t)
{
    double ri = zs_rng_step(r, 3, 15, 0.5);
    double th = zs_rng_step(r, 1.5, 4, 0.5);
    double foot = zs_rng_step(r, 8, 16, 1);
    double w = zs_rng_step(r, 8, 20, 1);
    double hole = zs_rng_step(r, 3, foot - 4 < 6 ? foot - 4 : 6, 0.5);

    zs_text_put(t, "import math\n\n# saddle clip\n");
    zs_param(t, "cable_r", ri);
    zs_param(t, "strap_t", th);
    zs_param(t, "foot_len", foot);
    zs_param(t, "clip_w", w);
    zs_param(t, "hole_d", hole);
    zs_text_put(t, "\nouter_r = cable_r + strap_t\nhalf_len = outer_r + foot_len\n"
                   "xo = math.sqrt(outer_r ** 2 - strap_t ** 2)\n");
    zs_text_put(t, "\nprofile = (\n    cq.Workplane(\"XZ\")\n    .moveTo(-half_len, 0)\n    .lineTo(-cable_r, 0)\n"
                   "    .threePointArc((0, cable_r), (cable_r, 0))\n    .lineTo(half_len, 0)\n"
                   "    .lineTo(half_len, strap_t)\n    .lineTo(xo, strap_t)\n"
                   "    .threePointArc((0, outer_r), (-xo, strap_t))\n    .lineTo(-half_len, strap_t)\n"
                   "    .close()\n)\nclip = profile.extrude(clip_w / 2, both=True)\n");
    zs_text_put(t, "\n# screw holes through both feet\nclip = (\n    clip.faces(\"<Z\")\n    .workplane()\n"
                   "    .pushPoints([(-(outer_r + foot_len / 2), 0), (outer_r + foot_len / 2, 0)])\n"
                   "    .hole(hole_d)\n)\n");
    zs_text_fmt(t, "\nclip = clip.edges(\"|Y and (<X or >X)\").fillet(%v)\n", th / 2 - 0.25);
    zs_result(t, "clip");
}
