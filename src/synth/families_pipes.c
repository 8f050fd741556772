/* families_pipes.c: pipes and ducts: a flanged elbow swept along an arc, a lofted reducer shelled
 * open at both ends, and a rectangular duct transition with a drilled flange. */
#include "families.h"

/* Annulus swept along a threePointArc (bend angle from the parameters), flanges from a helper
 * def on planes square to the path ends, bolt holes drawn with the flange, chamfers last. */
void zs_fam_pipe_elbow(zs_rng *r, zs_text *t)
{
    double od = zs_rng_step(r, 16, 50, 2);
    double wall = zs_rng_step(r, 2, od / 6 < 5 ? od / 6 : 5, 0.5);
    double angle = zs_rng_step(r, 45, 90, 15);
    double fl = zs_rng_step(r, 10, 20, 1);
    /* the outlet flange must clear the inlet flange: bend_r > flange radius + margin */
    double bend = zs_rng_step(r, od / 2 + fl + 3, od * 2 + fl + 3, 2.5);
    double ft = zs_rng_step(r, 4, 10, 1);
    double bolt = zs_rng_step(r, 3, fl - 5 < 6 ? fl - 5 : 6, 0.5);
    int nb = zs_rng_int(r, 3, 6);

    zs_text_put(t, "import math\n\n# elbow\n");
    zs_param(t, "pipe_od", od);
    zs_param(t, "pipe_wall", wall);
    zs_param(t, "bend_r", bend);
    zs_param(t, "bend_angle", angle);
    zs_text_put(t, "\n# flanges\n");
    zs_param(t, "flange_d", od + 2 * fl);
    zs_param(t, "flange_t", ft);
    zs_param(t, "bolt_d", bolt);
    zs_param_int(t, "n_bolts", nb);
    zs_text_put(t, "bore_d = pipe_od - 2 * pipe_wall\nbolt_circle_r = (pipe_od / 2 + flange_d / 2) / 2\n");
    zs_text_put(t, "\n# bend centre line in the XZ plane, starting upward at the origin\n"
                   "a = math.radians(bend_angle)\n"
                   "mid = (bend_r - bend_r * math.cos(a / 2), bend_r * math.sin(a / 2))\n"
                   "end = (bend_r - bend_r * math.cos(a), bend_r * math.sin(a))\n"
                   "path = cq.Workplane(\"XZ\").threePointArc(mid, end)\n"
                   "tube = cq.Workplane(\"XY\").circle(pipe_od / 2).circle(bore_d / 2).sweep(path)\n");
    zs_text_put(t, "\n\ndef make_flange(plane):\n    \"\"\"Drilled ring flange on a plane, growing along its normal.\"\"\"\n"
                   "    return (\n        cq.Workplane(plane)\n        .circle(flange_d / 2)\n        .circle(bore_d / 2)\n"
                   "        .polarArray(bolt_circle_r, 0, 360, n_bolts)\n        .circle(bolt_d / 2)\n"
                   "        .extrude(flange_t)\n    )\n\n\n");
    zs_text_put(t, "inlet = make_flange(cq.Plane(origin=(0, 0, -flange_t), xDir=(1, 0, 0), normal=(0, 0, 1)))\n"
                   "outlet = make_flange(\n    cq.Plane(origin=(end[0], 0, end[1]), xDir=(0, 1, 0), "
                   "normal=(math.sin(a), 0, math.cos(a)))\n)\n"
                   "elbow = tube.union(inlet).union(outlet)\n");
    zs_text_fmt(t, "\nelbow = elbow.faces(\"<Z\").chamfer(%v)\n", zs_rng_step(r, 0.3, 0.8, 0.1));
    zs_result(t, "elbow");
}

/* Straight cuffs joined by a loft (optionally eccentric), shelled open at both ends through a
 * compound face selector, optional drilled base flange, chamfers last. */
void zs_fam_pipe_reducer(zs_rng *r, zs_text *t)
{
    double d1 = zs_rng_step(r, 30, 80, 2);
    double d2 = zs_rng_step(r, d1 * 0.4, d1 * 0.75, 2);
    double wall = zs_rng_step(r, 1.5, d2 / 8 < 4 ? d2 / 8 : 4, 0.5);
    double l1 = zs_rng_step(r, 8, 25, 1);
    double l2 = zs_rng_step(r, 8, 25, 1);
    double lc = zs_rng_step(r, d1 * 0.5, d1 * 1.2, 2);
    double ecc = zs_rng_chance(r, 40) ? (d1 - d2) / 2 - wall - 1 : 0;
    int flange = zs_rng_chance(r, 50);

    zs_text_put(t, "\n# reducer\n");
    zs_param(t, "d_large", d1);
    zs_param(t, "d_small", d2);
    zs_param(t, "wall", wall);
    zs_param(t, "cuff_large", l1);
    zs_param(t, "cuff_small", l2);
    zs_param(t, "cone_len", lc);
    zs_param(t, "offset", ecc);
    zs_text_put(t, "\nreducer = (\n    cq.Workplane(\"XY\")\n    .circle(d_large / 2)\n    .extrude(cuff_large)\n"
                   "    .faces(\">Z\")\n    .workplane()\n    .circle(d_large / 2)\n"
                   "    .workplane(offset=cone_len)\n    .center(offset, 0)\n    .circle(d_small / 2)\n"
                   "    .loft(combine=True)\n    .faces(\">Z\")\n    .workplane()\n    .circle(d_small / 2)\n"
                   "    .extrude(cuff_small)\n)\n");
    zs_text_put(t, "\n# open both ends\nreducer = reducer.faces(\">Z or <Z\").shell(-wall)\n");
    if (flange) {
        double fl = zs_rng_step(r, 8, 16, 1);
        zs_param(t, "\nflange_w", fl);
        zs_param(t, "flange_t", zs_rng_step(r, 3, 6, 0.5));
        zs_param_int(t, "n_bolts", zs_rng_int(r, 4, 8));
        zs_text_put(t, "base = (\n    cq.Workplane(\"XY\")\n    .circle(d_large / 2 + flange_w)\n"
                       "    .circle(d_large / 2 - wall)\n    .extrude(flange_t)\n"
                       "    .faces(\">Z\")\n    .workplane()\n"
                       "    .polarArray(d_large / 2 + flange_w / 2, 0, 360, n_bolts)\n"
                       "    .hole(flange_w / 3)\n)\nreducer = reducer.union(base)\n");
    }
    zs_text_fmt(t, "\nreducer = reducer.faces(\"<Z\").edges(\"%%CIRCLE\").chamfer(%v)\n",
                zs_rng_step(r, 0.3, wall * 0.4, 0.1));
    zs_result(t, "reducer");
}

/* Rectangle lofted to a rectangle (ruled or smooth) or a circle, shelled open at both ends, a
 * flange with holes on construction-rectangle vertices, fillets of the flange corners last. */
void zs_fam_duct_transition(zs_rng *r, zs_text *t)
{
    double w1 = zs_rng_step(r, 40, 100, 5);
    double h1 = zs_rng_step(r, 30, 80, 5);
    double len = zs_rng_step(r, 40, 120, 5);
    double wall = zs_rng_step(r, 1.5, 3, 0.5);
    int round_end = zs_rng_chance(r, 40);
    double w2 = zs_rng_step(r, w1 * 0.4, w1 * 0.8, 2);
    double h2 = zs_rng_step(r, h1 * 0.4, h1 * 0.8, 2);
    double dx = zs_rng_step(r, 0, (w1 - w2) / 2 - 2 > 0 ? (w1 - w2) / 2 - 2 : 0, 1);
    double fl = zs_rng_step(r, 8, 15, 1);
    double ft = zs_rng_step(r, 3, 6, 0.5);
    int ruled = zs_rng_chance(r, 50);

    zs_text_put(t, "\n# duct ends\n");
    zs_param(t, "inlet_w", w1);
    zs_param(t, "inlet_h", h1);
    if (round_end)
        zs_param(t, "outlet_d", (w2 < h2 ? w2 : h2));
    else {
        zs_param(t, "outlet_w", w2);
        zs_param(t, "outlet_h", h2);
    }
    zs_param(t, "length", len);
    zs_param(t, "shift", dx);
    zs_param(t, "wall", wall);
    zs_text_put(t, "\n# flange\n");
    zs_param(t, "flange_w", fl);
    zs_param(t, "flange_t", ft);
    if (round_end) {
        /* (OCCT cannot shell a rectangle-to-circle loft: hollow it with an inner loft instead) */
        zs_text_put(t, "\nouter = (\n    cq.Workplane(\"XY\")\n    .rect(inlet_w, inlet_h)\n"
                       "    .workplane(offset=length)\n    .center(shift, 0)\n    .circle(outlet_d / 2)\n"
                       "    .loft()\n)\ninner = (\n    cq.Workplane(\"XY\")\n    .workplane(offset=-1)\n"
                       "    .rect(inlet_w - 2 * wall, inlet_h - 2 * wall)\n    .workplane(offset=length + 2)\n"
                       "    .center(shift, 0)\n    .circle(outlet_d / 2 - wall)\n    .loft()\n)\n"
                       "duct = outer.cut(inner)\n");
    } else {
        zs_text_fmt(t, "\nduct = (\n    cq.Workplane(\"XY\")\n    .rect(inlet_w, inlet_h)\n"
                       "    .workplane(offset=length)\n    .center(shift, 0)\n"
                       "    .rect(outlet_w, outlet_h)\n    .loft(ruled=%s)\n)\n"
                       "duct = duct.faces(\">Z or <Z\").shell(-wall)\n",
                    ruled ? "True" : "False");
    }
    zs_text_fmt(t, "\n# bolting flange at the inlet\nflange = (\n    cq.Workplane(\"XY\")\n"
                   "    .rect(inlet_w + 2 * flange_w, inlet_h + 2 * flange_w)\n"
                   "    .rect(inlet_w - 2 * wall, inlet_h - 2 * wall)\n    .extrude(-flange_t)\n)\n"
                   "flange = (\n    flange.faces(\"<Z\")\n    .workplane()\n"
                   "    .rect(inlet_w + flange_w, inlet_h + flange_w, forConstruction=True)\n"
                   "    .vertices()\n    .hole(%v)\n)\nduct = duct.union(flange)\n",
                fl * 0.4);
    zs_text_fmt(t, "\nduct = duct.edges(\"|Z and (<X or >X)\").fillet(%v)\n", zs_rng_step(r, 1, fl * 0.4, 0.5));
    zs_result(t, "duct");
}
