/* families_flanges.c: flanges: a revolved flanged bushing and a bolted pipe flange. */
#include "families.h"

#include <math.h>

/* Revolved stepped profile (flange + hub + bore), bolt circle on the flange, optional
 * counterbores, grease hole through the hub from the side, chamfers last. */
void zs_fam_flanged_bushing(zs_rng *r, zs_text *t)
{
    double bore = zs_rng_step(r, 8, 24, 1);
    double hub = bore + zs_rng_step(r, 8, 20, 2);
    double flange = hub + zs_rng_step(r, 24, 50, 2);
    double ft = zs_rng_step(r, 4, 10, 0.5);
    double hh = zs_rng_step(r, 8, 30, 1);
    double bolt = zs_rng_step(r, 3, 6.5, 0.5);
    int nb = zs_rng_int(r, 3, 8);
    int cbore = zs_rng_chance(r, 50);
    double cbd = bolt + zs_rng_step(r, 2.5, 4, 0.5);
    double margin = (cbore ? cbd : bolt) / 2 + 1.5;
    double bc_lo = hub / 2 + margin, bc_hi = flange / 2 - margin;
    double bcr = (bc_lo + bc_hi) / 2;
    while (nb > 3 && 0.827 * 2 * M_PI * bcr / nb < 2 * margin)   /* chord >= 0.827 arc */
        nb--;
    int grease = zs_rng_chance(r, 50) && hh >= 12;

    zs_text_put(t, "\n# bushing dimensions (mm)\n");
    zs_param(t, "bore_d", bore);
    zs_param(t, "hub_d", hub);
    zs_param(t, "hub_h", hh);
    zs_param(t, "flange_d", flange);
    zs_param(t, "flange_t", ft);
    zs_param(t, "bolt_circle_r", bcr);
    zs_param(t, "bolt_d", bolt);
    zs_param_int(t, "n_bolts", nb);
    if (cbore) {
        zs_param(t, "cbore_d", cbd);
        zs_param(t, "cbore_depth", ft * 0.4);
    }
    zs_text_put(t, "\n# half cross-section in the XZ plane, revolved about the Z axis\n"
                   "profile = [\n"
                   "    (bore_d / 2, 0.0),\n"
                   "    (flange_d / 2, 0.0),\n"
                   "    (flange_d / 2, flange_t),\n"
                   "    (hub_d / 2, flange_t),\n"
                   "    (hub_d / 2, flange_t + hub_h),\n"
                   "    (bore_d / 2, flange_t + hub_h),\n"
                   "]\n");
    zs_text_put(t, "bushing = (\n    cq.Workplane(\"XZ\")\n    .polyline(profile)\n    .close()\n"
                       "    .revolve(360.0, (0, 0, 0), (0, 1, 0))\n)\n");
    zs_text_put(t, "\n# bolt circle on the flange face\n");
    if (cbore)
        zs_text_put(t, "bushing = (\n    bushing.faces(\">Z[-2]\")\n    .workplane()\n"
                       "    .polarArray(bolt_circle_r, 0, 360, n_bolts)\n"
                       "    .cboreHole(bolt_d, cbore_d, cbore_depth)\n)\n");
    else
        zs_text_put(t, "bushing = (\n    bushing.faces(\">Z[-2]\")\n    .workplane()\n"
                       "    .polarArray(bolt_circle_r, 0, 360, n_bolts)\n    .hole(bolt_d)\n)\n");
    if (grease) {
        zs_param(t, "\ngrease_d", zs_rng_step(r, 2, 4, 0.5));
        zs_text_put(t, "# radial lubrication hole through the hub wall\n"
                       "grease = (\n    cq.Workplane(\"YZ\")\n"
                       "    .workplane(offset=hub_d / 4 + bore_d / 4)\n"
                       "    .center(0, flange_t + hub_h / 2)\n"
                       "    .circle(grease_d / 2)\n    .extrude(hub_d)\n)\n"
                       "bushing = bushing.cut(grease)\n");
    }
    zs_text_put(t, "\n# edge breaks last\n");
    zs_text_fmt(t, "bushing = bushing.faces(\">Z\").edges(\"not %%LINE\").chamfer(%v)\n",
                zs_rng_step(r, 0.3, 1.0, 0.1));
    if (zs_rng_chance(r, 60))
        zs_text_fmt(t, "bushing = bushing.edges(\"%%CIRCLE and <Z\").fillet(%v)\n",
                    zs_rng_step(r, 0.3, 1.0, 0.1) * (ft > 5 ? 1.0 : 0.5));
    zs_result(t, "bushing");
}

/* Disc + raised hub via loops of bolt points, through bore, optional gasket groove and hub
 * taper; bolt holes from a loop feeding pushPoints. */
void zs_fam_pipe_flange(zs_rng *r, zs_text *t)
{
    double od = zs_rng_step(r, 70, 160, 5);
    double pipe = zs_rng_step(r, 0.25, 0.4, 0.05) * od;
    double ft = zs_rng_step(r, 8, 18, 1);
    double hub_d = pipe + zs_rng_step(r, 8, 16, 2);
    double hub_h = zs_rng_step(r, 10, 30, 2);
    int nb = 2 * zs_rng_int(r, 2, 6);
    double bolt = zs_rng_step(r, 6, 14, 1);
    if (bolt > od / 2 - hub_d / 2 - 6)
        bolt = od / 2 - hub_d / 2 - 6;
    double pcd_r = (hub_d / 2 + bolt / 2 + 3 + od / 2 - bolt / 2 - 3) / 2;
    /* neighbouring holes 3 apart: the chord of n holes is at least 0.827 of the arc for n >= 3 */
    while (nb > 4 && 0.827 * 2 * M_PI * pcd_r / nb < bolt + 3)
        nb -= 2;
    double taper_deg = zs_rng_step(r, 2, 10, 1);
    /* the hub top must stay wider than the bore: hub_h * tan(taper) < wall - 2 */
    int taper = zs_rng_chance(r, 50) && hub_h * taper_deg * 0.018 < (hub_d - pipe) / 2 - 2;
    /* both top edges of the hub are filleted: the radius stays under half the top wall */
    double top_wall = (hub_d - pipe) / 2 - (taper ? hub_h * taper_deg * 0.018 : 0);
    double fillet_max = (top_wall - 0.5) / 2 < 1.5 ? (top_wall - 0.5) / 2 : 1.5;
    int groove = zs_rng_chance(r, 50);
    int face_cut = zs_rng_chance(r, 40);

    zs_text_put(t, "import math\n\n# flange parameters\n");
    zs_param(t, "outer_d", od);
    zs_param(t, "flange_t", ft);
    zs_param(t, "pipe_d", pipe);
    zs_param(t, "hub_d", hub_d);
    zs_param(t, "hub_h", hub_h);
    zs_param(t, "pcd_r", pcd_r);
    zs_param(t, "bolt_d", bolt);
    zs_param_int(t, "n_bolts", nb);
    zs_text_put(t, "\n# flange disc\nflange = cq.Workplane(\"XY\").circle(outer_d / 2).extrude(flange_t)\n");
    if (taper)
        zs_text_fmt(t, "\n# tapered welding hub\nhub = (\n    cq.Workplane(\"XY\")\n"
                       "    .workplane(offset=flange_t)\n    .circle(hub_d / 2)\n"
                       "    .extrude(hub_h, taper=%v)\n)\n",
                    taper_deg);
    else
        zs_text_put(t, "\n# straight hub\nhub = (\n    cq.Workplane(\"XY\")\n"
                       "    .workplane(offset=flange_t)\n    .circle(hub_d / 2)\n"
                       "    .extrude(hub_h)\n)\n");
    zs_text_put(t, "flange = flange.union(hub)\n");
    zs_text_put(t, "\n# pipe bore through flange and hub\n"
                   "flange = flange.faces(\">Z\").workplane().hole(pipe_d)\n");
    zs_text_put(t, "\n# bolt pattern computed in a loop\npts = []\nfor i in range(n_bolts):\n"
                   "    a = 2 * math.pi * (i + 0.5) / n_bolts\n"
                   "    pts.append((pcd_r * math.cos(a), pcd_r * math.sin(a)))\n"
                   "flange = flange.faces(\"<Z\").workplane().pushPoints(pts).hole(bolt_d)\n");
    if (groove) {
        double gw = zs_rng_step(r, 2, 4, 0.5);
        zs_param(t, "\ngroove_w", gw);
        zs_text_put(t, "# gasket groove on the sealing face\n"
                       "groove = (\n    cq.Workplane(\"XY\")\n"
                       "    .circle(pipe_d / 2 + 2 + groove_w)\n    .circle(pipe_d / 2 + 2)\n"
                       "    .extrude(1.5)\n)\nflange = flange.cut(groove)\n");
    }
    if (face_cut) {
        zs_text_put(t, "\n# wrench flats on the flange rim\n"
                       "for side in (-1, 1):\n"
                       "    flat = cq.Workplane(\"XY\").center(side * (outer_d / 2 + 2), 0)"
                       ".rect(8.0, outer_d).extrude(flange_t)\n"
                       "    flange = flange.cut(flat)\n");
    }
    zs_text_fmt(t, "\nflange = flange.edges(\">Z\").fillet(%v)\n", zs_rng_step(r, 0.5, fillet_max, 0.25));
    zs_text_fmt(t, "flange = flange.faces(\"<Z\").edges(\"%%CIRCLE\").chamfer(%v)\n",
                groove ? 0.5 : zs_rng_step(r, 0.5, 1.0, 0.25));
    zs_result(t, "flange");
}
