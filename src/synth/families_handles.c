/* families_handles.c: handles: an arched pull handle swept along a three-point arc, and a grip
 * handle swept along a spline with vertical end tangents on a base plate. */
#include "families.h"

/* Bar (circle or ellipse) swept along a threePointArc whose start tangent is computed in the
 * program, feet from pushPoints, tapped holes from below, chamfers last. */
void zs_fam_arch_handle(zs_rng *r, zs_text *t)
{
    double span = zs_rng_step(r, 60, 160, 5);
    double rise = zs_rng_step(r, span * 0.2, span * 0.5, 2.5);
    double grip = zs_rng_step(r, 3, 7, 0.5);
    double foot_r = grip + zs_rng_step(r, 3, 6, 0.5);
    double foot_h = zs_rng_step(r, grip + 2, grip + 10, 1);
    double screw = zs_rng_step(r, 3, foot_r < 6 ? foot_r : 6, 0.5);
    int ellipse = zs_rng_chance(r, 40);

    zs_text_put(t, "import math\n\n# handle\n");
    zs_param(t, "span", span);
    zs_param(t, "rise", rise);
    zs_param(t, "grip_r", grip);
    zs_param(t, "foot_r", foot_r);
    zs_param(t, "foot_h", foot_h);
    zs_param(t, "screw_d", screw);
    zs_text_put(t, "\n# arc path in the XZ plane through the top of the handle\n"
                   "path = cq.Workplane(\"XZ\").moveTo(-span / 2, 0).threePointArc((0, rise), (span / 2, 0))\n"
                   "\n# the profile sits square to the arc at its start\n"
                   "c = (rise ** 2 - (span / 2) ** 2) / (2 * rise)\n"
                   "tx, tz = -c, span / 2\nn = math.hypot(tx, tz)\n"
                   "start = cq.Plane(origin=(-span / 2, 0, 0), xDir=(0, 1, 0), normal=(tx / n, 0, tz / n))\n");
    if (ellipse)
        zs_text_put(t, "bar = cq.Workplane(start).ellipse(grip_r, grip_r * 0.7).sweep(path)\n");
    else
        zs_text_put(t, "bar = cq.Workplane(start).circle(grip_r).sweep(path)\n");
    zs_text_put(t, "\n# feet around both ends of the bar\nfeet = (\n    cq.Workplane(\"XY\")\n"
                   "    .workplane(offset=-foot_h)\n    .pushPoints([(-span / 2, 0), (span / 2, 0)])\n"
                   "    .circle(foot_r)\n    .extrude(foot_h + grip_r + 1)\n)\nhandle = bar.union(feet)\n");
    zs_text_fmt(t, "\n# tapped holes from underneath\nhandle = (\n    handle.faces(\"<Z\")\n    .workplane()\n"
                   "    .pushPoints([(-span / 2, 0), (span / 2, 0)])\n    .hole(screw_d, %v)\n)\n",
                zs_rng_step(r, 3, foot_h - 1, 0.5));
    zs_text_fmt(t, "\nhandle = handle.faces(\"<Z\").chamfer(%v)\n", zs_rng_step(r, 0.3, 0.8, 0.1));
    zs_result(t, "handle");
}

/* Spline path with vertical end tangents, round or rectangular grip swept along it, a base plate
 * with counterbored holes, base corners rounded last. */
void zs_fam_spline_handle(zs_rng *r, zs_text *t)
{
    double span = zs_rng_step(r, 60, 140, 5);
    double h = zs_rng_step(r, 25, 60, 5);
    double g = zs_rng_step(r, 4, 7, 0.5);
    int rect = zs_rng_chance(r, 40);
    double base_w = 2 * g + zs_rng_step(r, 8, 16, 1);
    double hole0 = zs_rng_step(r, 3, 5, 0.5);
    double base_t = zs_rng_step(r, 3, 8, 1);
    double hole = hole0;
    double bulge = zs_rng_step(r, 0.85, 0.95, 0.05);

    zs_text_put(t, "\n# grip path and section\n");
    zs_param(t, "span", span);
    zs_param(t, "height", h);
    zs_param(t, "grip", g);
    zs_text_put(t, "\n# base\n");
    zs_param(t, "base_w", base_w);
    zs_param(t, "base_t", base_t);
    zs_param(t, "hole_d", hole);
    zs_text_put(t, "base_ext = grip + 2 * hole_d + 5\n");
    zs_text_fmt(t, "\npath_pts = [\n    (-span / 2, 0),\n    (-span / 4, height * %v),\n    (0, height),\n"
                   "    (span / 4, height * %v),\n    (span / 2, 0),\n]\n",
                bulge, bulge);
    zs_text_put(t, "path = cq.Workplane(\"XZ\").spline(path_pts, tangents=[(0, 1), (0, -1)])\n");
    if (rect)
        zs_text_put(t, "grip_bar = cq.Workplane(\"XY\", origin=(-span / 2, 0, 0)).rect(grip * 1.6, grip * 2)"
                       ".sweep(path, isFrenet=True)\n");
    else
        zs_text_put(t, "grip_bar = cq.Workplane(\"XY\", origin=(-span / 2, 0, 0)).circle(grip).sweep(path)\n");
    zs_text_put(t, "\n# base plate under both ends\nbase = cq.Workplane(\"XY\").rect(span + 2 * base_ext, base_w)"
                   ".extrude(-base_t)\nhandle = grip_bar.union(base)\n");
    zs_text_fmt(t, "\n# counterbored fixing holes outboard of the grip\nfix_pts = [(sx * (span / 2 + grip + hole_d + 2), 0)"
                   " for sx in (-1, 1)]\nhandle = (\n    handle.faces(\"<Z\")\n    .workplane()\n"
                   "    .pushPoints(fix_pts)\n    .cboreHole(hole_d, hole_d * 1.8, %v)\n)\n",
                base_t * 0.4);
    zs_text_fmt(t, "\nhandle = handle.edges(\"|Z and (<X or >X)\").fillet(%v)\n", zs_rng_step(r, 1, base_w / 4, 0.5));
    zs_result(t, "handle");
}
