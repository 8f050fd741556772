/* families_rotary.c: gears and pulleys: a spur gear whose tooth outline is a polyline computed in
 * a loop, and a multi-groove V-belt pulley revolved from its half section. */
#include "families.h"

#include <math.h>

/* Trapezoidal teeth from a loop of polar points, hub, bore with keyway, optional web recess with
 * lightening holes on a polar array, hub chamfers last. */
void zs_fam_spur_gear(zs_rng *r, zs_text *t)
{
    double m = zs_rng_step(r, 1, 3, 0.5);
    int z = zs_rng_int(r, 12, 40);
    double th = zs_rng_step(r, 5, 16, 1);
    double root_r = m * z / 2 - 1.25 * m;
    double bore = zs_rng_step(r, 5, root_r * 0.5 < 25 ? root_r * 0.5 : 25, 1);
    double hub = bore + zs_rng_step(r, 6, 14, 2);
    double hub_h = zs_rng_step(r, 0, 12, 2);
    if (hub / 2 > root_r - 3)
        hub = bore + 4, hub_h = 0;
    double key_w = bore >= 12 ? 4 : bore >= 8 ? 3 : 2;
    double web_in = hub / 2 + 2, web_out = root_r - 2.5;
    double ring = web_out - web_in;
    int recess = zs_rng_chance(r, 60) && ring >= 6 && th >= 8;
    int holes = ring >= 8 && zs_rng_chance(r, 70);
    double lh_r = (ring - 3) / 2;
    double lh_at = (web_in + web_out) / 2;
    /* chord between neighbours >= 0.827 of the arc for n >= 3: windows stay 3 apart */
    int n_lh = (int)(0.827 * 2 * M_PI * lh_at / (2 * lh_r + 3));
    if (n_lh > 8)
        n_lh = zs_rng_int(r, 4, 8);
    if (n_lh < 3)
        holes = 0;

    zs_text_put(t, "import math\n\n# gear data\n");
    zs_param(t, "module_m", m);
    zs_param_int(t, "n_teeth", z);
    zs_param(t, "face_w", th);
    zs_param(t, "bore_d", bore);
    zs_param(t, "hub_d", hub);
    zs_param(t, "hub_h", hub_h);
    zs_param(t, "key_w", key_w);
    zs_text_put(t, "\npitch_r = module_m * n_teeth / 2\ntip_r = pitch_r + module_m\n"
                   "root_r = pitch_r - 1.25 * module_m\n");
    zs_text_put(t, "\n# tooth outline: root, flank, tip, flank for every tooth\noutline = []\n"
                   "for i in range(n_teeth):\n    a0 = 2 * math.pi * i / n_teeth\n"
                   "    for frac, rad in ((0.0, root_r), (0.15, tip_r), (0.35, tip_r), (0.5, root_r)):\n"
                   "        a = a0 + frac * 2 * math.pi / n_teeth\n"
                   "        outline.append((rad * math.cos(a), rad * math.sin(a)))\n"
                   "gear = cq.Workplane(\"XY\").polyline(outline).close().extrude(face_w)\n");
    if (recess) {
        zs_param(t, "\nweb_recess", zs_rng_step(r, 1, th / 4, 0.5));
        zs_text_fmt(t, "# thinner web on both faces\nfor sel in (\">Z\", \"<Z\"):\n"
                       "    gear = (\n        gear.faces(sel)\n        .workplane()\n"
                       "        .circle(%v)\n        .circle(%v)\n        .cutBlind(-web_recess)\n    )\n",
                    web_out, web_in);
    }
    if (hub_h > 0)
        zs_text_put(t, "\n# hub\ngear = gear.faces(\">Z\").workplane().circle(hub_d / 2).extrude(hub_h)\n");
    if (holes) {
        zs_param_int(t, "\nn_windows", n_lh);
        zs_text_fmt(t, "gear = (\n    gear.faces(\"<Z\")\n    .workplane()\n"
                       "    .polarArray(%v, 0, 360, n_windows)\n    .circle(%v)\n    .cutThruAll()\n)\n",
                    lh_at, lh_r);
    }
    zs_text_put(t, "\n# bore and keyway\ngear = gear.faces(\">Z\").workplane().hole(bore_d)\n"
                   "gear = (\n    gear.faces(\">Z\")\n    .workplane()\n    .center(0, bore_d / 2)\n"
                   "    .rect(key_w, key_w)\n    .cutThruAll()\n)\n");
    if (hub_h > 0)
        zs_text_fmt(t, "gear = gear.faces(\">Z\").edges(\"%%CIRCLE\").chamfer(%v)\n",
                    zs_rng_step(r, 0.3, 0.8, 0.1));
    zs_result(t, "gear");
}

/* Half section with V grooves from a loop, full revolve, hub set screw on a transformed plane,
 * optional polar holes through the web, edge breaks last. */
void zs_fam_v_pulley(zs_rng *r, zs_text *t)
{
    int n = zs_rng_int(r, 1, 3);
    double gw = zs_rng_step(r, 8, 14, 1);
    double gd = zs_rng_step(r, 5, 9, 1);
    double edge = zs_rng_step(r, 2, 4, 0.5);
    double pitch = gw + zs_rng_step(r, 2, 5, 0.5);
    double outer = zs_rng_step(r, 30, 80, 2.5);
    double bore = zs_rng_step(r, 6, 20, 1);
    double hub = bore + zs_rng_step(r, 10, 20, 2);
    if (hub / 2 > outer - gd - 8)
        hub = bore + 8;
    double hub_ext = zs_rng_step(r, 0, 15, 2.5);
    double web_in = hub / 2 + 3, web_out = outer - gd - 4;
    int holes = web_out - web_in >= 10 && zs_rng_chance(r, 60);

    zs_text_put(t, "\n# pulley\n");
    zs_param_int(t, "n_grooves", n);
    zs_param(t, "groove_top", gw);
    zs_param(t, "groove_bottom", gw * 0.3);
    zs_param(t, "groove_depth", gd);
    zs_param(t, "groove_pitch", pitch);
    zs_param(t, "rim_edge", edge);
    zs_param(t, "outer_r", outer);
    zs_param(t, "bore_d", bore);
    zs_param(t, "hub_d", hub);
    zs_param(t, "hub_ext", hub_ext);
    zs_text_put(t, "width = 2 * rim_edge + (n_grooves - 1) * groove_pitch + groove_top\n");
    zs_text_put(t, "\n# half section (radius, height), grooves added in a loop\n"
                   "sec = [(bore_d / 2, -hub_ext), (hub_d / 2, -hub_ext), (hub_d / 2, 0), (outer_r, 0)]\n"
                   "for i in range(n_grooves):\n    z0 = rim_edge + i * groove_pitch\n"
                   "    inset = (groove_top - groove_bottom) / 2\n"
                   "    sec += [\n        (outer_r, z0),\n        (outer_r - groove_depth, z0 + inset),\n"
                   "        (outer_r - groove_depth, z0 + inset + groove_bottom),\n"
                   "        (outer_r, z0 + groove_top),\n    ]\n"
                   "sec += [(outer_r, width), (bore_d / 2, width)]\n");
    if (hub_ext == 0)
        zs_text_put(t, "sec = [(bore_d / 2, 0)] + sec[3:]\n");
    zs_text_put(t, "pulley = cq.Workplane(\"XZ\").polyline(sec).close().revolve()\n");
    if (holes) {
        int k = zs_rng_int(r, 3, 6);
        double hr = (web_out - web_in) / 2 - 1;
        double at = (web_in + web_out) / 2;
        double chord = 0.827 * 2 * M_PI * at / k;   /* lower bound of the chord, k >= 3 */
        if (chord < 2 * hr + 3)
            hr = (chord - 3) / 2;
        zs_param_int(t, "\nn_holes", k);
        zs_text_fmt(t, "pulley = (\n    pulley.faces(\">Z\")\n    .workplane()\n"
                       "    .polarArray(%v, 30, 360, n_holes)\n    .hole(%v)\n)\n",
                    at, 2 * hr);
    }
    if (hub_ext >= 7.5) {
        zs_param(t, "\nset_screw_d", bore >= 10 ? 4.0 : 3.0);
        zs_text_put(t, "# set screw through the hub extension\nscrew = (\n    cq.Workplane(\"XY\")\n"
                       "    .transformed(offset=(0, 0, -hub_ext / 2), rotate=(0, 90, 0))\n"
                       "    .circle(set_screw_d / 2)\n    .extrude(hub_d)\n)\npulley = pulley.cut(screw)\n");
    }
    zs_text_fmt(t, "\npulley = pulley.faces(\"<Z\").edges(\"%%CIRCLE\").chamfer(%v)\n",
                zs_rng_step(r, 0.3, 0.8, 0.1));
    zs_result(t, "pulley");
}
