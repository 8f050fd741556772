/* families_couplings_wheels.c: couplings and wheels: a clamp-style shaft coupling and a spoked
 * wheel revolved from its section with radial windows on a rotating polar array. */
#include "families.h"

/* Cylinder with a stepped bore from both ends, a clamp slit, clamp screw holes from pushPoints on
 * a side plane, optional relief groove between the halves, end chamfers last. */
void zs_fam_shaft_coupling(zs_rng *r, zs_text *t)
{
    double d1 = zs_rng_step(r, 4, 16, 1);
    double d2 = zs_rng_step(r, 4, 16, 1);
    double big = d1 > d2 ? d1 : d2;
    double od = big + zs_rng_step(r, 12, 24, 2);
    double len = zs_rng_step(r, od, od * 2, 1);
    double slit = zs_rng_step(r, 0.8, 1.5, 0.1);
    double screw = zs_rng_step(r, 2.5, 4, 0.5);
    int groove = zs_rng_chance(r, 50);

    zs_text_put(t, "\n# coupling\n");
    zs_param(t, "outer_d", od);
    zs_param(t, "length", len);
    zs_param(t, "bore_a", d1);
    zs_param(t, "bore_b", d2);
    zs_param(t, "slit_w", slit);
    zs_param(t, "screw_d", screw);
    zs_text_put(t, "\ncoupling = cq.Workplane(\"XY\").circle(outer_d / 2).extrude(length)\n"
                   "coupling = coupling.faces(\">Z\").workplane().hole(bore_a, length / 2 + 1)\n"
                   "coupling = coupling.faces(\"<Z\").workplane().hole(bore_b, length / 2 + 1)\n");
    zs_text_put(t, "\n# clamp slit from the bore out through the +X wall\nslit = (\n    cq.Workplane(\"XZ\")\n"
                   "    .center(outer_d / 4, length / 2)\n    .rect(outer_d / 2 + 1, length + 2)\n"
                   "    .extrude(slit_w / 2, both=True)\n)\ncoupling = coupling.cut(slit)\n");
    zs_text_put(t, "\n# clamp screws across the slit, one per half\nscrew_x = (max(bore_a, bore_b) / 2 + outer_d / 2) / 2\n"
                   "screws = (\n    cq.Workplane(\"XZ\")\n    .pushPoints([(screw_x, length / 4), (screw_x, 3 * length / 4)])\n"
                   "    .circle(screw_d / 2)\n    .extrude(outer_d, both=True)\n)\ncoupling = coupling.cut(screws)\n");
    if (groove)
        zs_text_put(t, "\n# relief groove between the halves\nrelief = (\n    cq.Workplane(\"XY\")\n"
                       "    .workplane(offset=length / 2 - 0.75)\n    .circle(outer_d)\n    .circle(outer_d / 2 - 1)\n"
                       "    .extrude(1.5)\n)\ncoupling = coupling.cut(relief)\n");
    zs_text_fmt(t, "\ncoupling = coupling.faces(\">Z or <Z\").edges(\"%%CIRCLE\").chamfer(%v)\n",
                zs_rng_step(r, 0.3, 0.6, 0.1));
    zs_result(t, "coupling");
}

/* Rim, web and hub as one revolved section, radial slot windows in the web (polarArray rotates
 * each slot), keyway, optional tread grooves from a loop, hub chamfers last. */
void zs_fam_spoked_wheel(zs_rng *r, zs_text *t)
{
    double ro = zs_rng_step(r, 40, 100, 5);
    double rim_t = zs_rng_step(r, 4, 10, 1);
    double rim_w = zs_rng_step(r, 10, 30, 2);
    double web = zs_rng_step(r, 3, rim_w / 2, 1);
    double bore = zs_rng_step(r, 6, 20, 1);
    double hub_r = bore / 2 + zs_rng_step(r, 5, 12, 1);
    double hub_w = zs_rng_step(r, web + 4, rim_w + 6, 2);
    double rim_in = ro - rim_t;
    if (rim_in - hub_r - 6 < 10) {        /* keep at least 10 of web for the windows */
        bore = 6;
        hub_r = bore / 2 + 5;
    }
    double span = rim_in - hub_r - 6;
    int nwin = zs_rng_int(r, 3, 8);
    double mid = hub_r + 3 + span / 2;
    double chord = 2 * 3.14159 * mid / nwin;
    double win_w = chord * 0.45 < span * 0.6 ? chord * 0.45 : span * 0.6;
    int tread = zs_rng_chance(r, 50) && rim_w >= 14;

    zs_text_put(t, "\n# wheel section\n");
    zs_param(t, "outer_r", ro);
    zs_param(t, "rim_t", rim_t);
    zs_param(t, "rim_w", rim_w);
    zs_param(t, "web_t", web);
    zs_param(t, "hub_r", hub_r);
    zs_param(t, "hub_w", hub_w);
    zs_param(t, "bore_d", bore);
    zs_text_put(t, "rim_in = outer_r - rim_t\n");
    zs_text_put(t, "\nsection = [\n    (bore_d / 2, -hub_w / 2),\n    (hub_r, -hub_w / 2),\n    (hub_r, -web_t / 2),\n"
                   "    (rim_in, -web_t / 2),\n    (rim_in, -rim_w / 2),\n    (outer_r, -rim_w / 2),\n"
                   "    (outer_r, rim_w / 2),\n    (rim_in, rim_w / 2),\n    (rim_in, web_t / 2),\n"
                   "    (hub_r, web_t / 2),\n    (hub_r, hub_w / 2),\n    (bore_d / 2, hub_w / 2),\n]\n"
                   "wheel = cq.Workplane(\"XZ\").polyline(section).close().revolve()\n");
    zs_param_int(t, "\nn_windows", nwin);
    zs_text_fmt(t, "# radial windows through the web\nwheel = (\n    wheel.faces(\">Z\")\n    .workplane()\n"
                   "    .polarArray(%v, 0, 360, n_windows)\n    .slot2D(%v, %v, 0)\n    .cutThruAll()\n)\n",
                mid, span * 0.8 > win_w + 1 ? span * 0.8 : win_w + 1, win_w);
    zs_text_fmt(t, "\n# keyway\nwheel = (\n    wheel.faces(\">Z\")\n    .workplane()\n    .center(0, bore_d / 2)\n"
                   "    .rect(%v, %v)\n    .cutThruAll()\n)\n",
                bore >= 12 ? 4.0 : 2.0, bore >= 12 ? 4.0 : 2.0);
    if (tread) {
        zs_text_put(t, "\n# tread grooves\nfor zg in (-rim_w / 4, rim_w / 4):\n"
                       "    ring = (\n        cq.Workplane(\"XY\")\n        .workplane(offset=zg - 1)\n"
                       "        .circle(outer_r + 1)\n        .circle(outer_r - 1)\n        .extrude(2)\n    )\n"
                       "    wheel = wheel.cut(ring)\n");
    }
    zs_text_fmt(t, "\nwheel = wheel.faces(\"<Z\").edges(\"%%CIRCLE\").chamfer(%v)\n", zs_rng_step(r, 0.3, 0.8, 0.1));
    zs_result(t, "wheel");
}
