/* families_knobs.c: knobs: a fluted control knob and a lobed star knob with a hex nut pocket. */
#include "families.h"

/* Cylinder with scalloped flutes on a polar array, skirt, blind shaft hole with a D flat, side
 * set screw on a transformed plane, top recess, fillet of the top rim last. */
void zs_fam_fluted_knob(zs_rng *r, zs_text *t)
{
    double rad = zs_rng_step(r, 10, 25, 1);
    double h = zs_rng_step(r, 12, 30, 1);
    int n = zs_rng_int(r, 8, 18);
    double fr = zs_rng_step(r, 1, 2.5, 0.5);
    if (2 * 3.14159 * rad / n < 2 * fr + 1.5)
        n = (int)(2 * 3.14159 * rad / (2 * fr + 1.5));
    double shaft = zs_rng_step(r, 4, 8, 1);
    int skirt = zs_rng_chance(r, 50);
    int recess = zs_rng_chance(r, 60);
    int screw = zs_rng_chance(r, 50);
    double band = zs_rng_step(r, 3, h / 3, 0.5);
    double recess_d = zs_rng_step(r, 1, 2, 0.5);
    double fil_max = band / 2 < 2 ? band / 2 : 2;
    if (recess && fil_max > recess_d * 0.6)
        fil_max = recess_d * 0.6;

    zs_text_put(t, "\n# knob\n");
    zs_param(t, "knob_r", rad);
    zs_param(t, "knob_h", h);
    zs_param_int(t, "n_flutes", n);
    zs_param(t, "flute_r", fr);
    zs_param(t, "shaft_d", shaft);
    zs_param(t, "shaft_depth", h * 0.6);
    zs_param(t, "top_band", band);
    zs_text_put(t, "\nknob = cq.Workplane(\"XY\").circle(knob_r).extrude(knob_h)\n"
                   "\n# grip flutes from the base, stopping below a smooth top band\n"
                   "knob = (\n    knob.faces(\"<Z\")\n    .workplane()\n"
                   "    .polarArray(knob_r, 0, 360, n_flutes)\n    .circle(flute_r)\n"
                   "    .cutBlind(-(knob_h - top_band))\n)\n");
    if (skirt)
        zs_text_fmt(t, "\n# pointer skirt at the base\nknob = (\n    knob.faces(\"<Z\")\n    .workplane()\n"
                       "    .circle(knob_r + %v)\n    .extrude(%v)\n)\n",
                    zs_rng_step(r, 2, 5, 0.5), zs_rng_step(r, 1.5, 3, 0.5));
    /* (a D flat together with flutes and a top recess makes OCCT's fillet of the top fail) */
    if (recess)
        zs_text_put(t, "\n# round shaft hole\nknob = knob.faces(\"<Z\").workplane().hole(shaft_d, shaft_depth)\n");
    else
        zs_text_put(t, "\n# D-shaped shaft hole: bore, then a flat added back\n"
                       "knob = knob.faces(\"<Z\").workplane().hole(shaft_d, shaft_depth)\n"
                       "knob = (\n    knob.faces(\"<Z\")\n    .workplane()\n    .center(shaft_d / 2, 0)\n"
                       "    .rect(shaft_d * 0.3, shaft_d)\n    .extrude(-shaft_depth)\n)\n");
    if (screw)
        zs_text_put(t, "\n# set screw from the side\nscrew = (\n    cq.Workplane(\"XY\")\n"
                       "    .transformed(offset=(0, 0, shaft_depth / 2), rotate=(90, 0, 0))\n"
                       "    .circle(1.5)\n    .extrude(knob_r + 5)\n)\nknob = knob.cut(screw)\n");
    if (recess)
        zs_text_fmt(t, "\n# shallow recess for a cap\nknob = knob.faces(\">Z\").workplane().circle(knob_r * 0.6)"
                       ".cutBlind(-%v)\n",
                    recess_d);
    zs_text_fmt(t, "\nknob = knob.faces(\">Z\").edges(\"not %%LINE\").fillet(%v)\n",
                zs_rng_step(r, 0.5, fil_max, 0.1));
    zs_result(t, "knob");
}

/* Core cylinder plus lobes on a polar array, tapered boss, bolt hole, hex nut pocket from a
 * polygon, fillets on the lobe tops last. */
void zs_fam_star_knob(zs_rng *r, zs_text *t)
{
    int n = zs_rng_int(r, 3, 7);
    double core = zs_rng_step(r, 10, 22, 1);
    double lobe_r = zs_rng_step(r, 3, core * 0.5, 0.5);
    double lobe_at = core + lobe_r * 0.4;
    double h = zs_rng_step(r, 8, 20, 1);
    double bolt = zs_rng_step(r, 4, 8, 1);
    double nut = bolt * 1.8 + 1.5;
    double nut_h = bolt * 0.8;
    double boss_h = zs_rng_step(r, 3, 10, 1);
    int ns = zs_rng_chance(r, 50);

    if (ns) {
        zs_text_put(t, "from types import SimpleNamespace\n\n# knob parameters\np = SimpleNamespace(\n");
        zs_text_fmt(t, "    lobes=%d,\n    core_r=%v,\n    lobe_r=%v,\n    lobe_at=%v,\n    height=%v,\n"
                       "    bolt_d=%v,\n    nut_d=%v,\n    nut_h=%v,\n    boss_h=%v,\n)\n",
                    n, core, lobe_r, lobe_at, h, bolt, nut, nut_h, boss_h);
    } else {
        zs_text_put(t, "\n# knob parameters\n");
        zs_param_int(t, "lobes", n);
        zs_param(t, "core_r", core);
        zs_param(t, "lobe_r", lobe_r);
        zs_param(t, "lobe_at", lobe_at);
        zs_param(t, "height", h);
        zs_param(t, "bolt_d", bolt);
        zs_param(t, "nut_d", nut);
        zs_param(t, "nut_h", nut_h);
        zs_param(t, "boss_h", boss_h);
    }
    const char *p = ns ? "p." : "";
    zs_text_fmt(t, "\ncore = cq.Workplane(\"XY\").circle(%score_r).extrude(%sheight)\n"
                   "lobes = (\n    cq.Workplane(\"XY\")\n    .polarArray(%slobe_at, 0, 360, %slobes)\n"
                   "    .circle(%slobe_r)\n    .extrude(%sheight)\n)\nknob = core.union(lobes)\n",
                p, p, p, p, p, p);
    zs_text_fmt(t, "\n# tapered boss on top\nknob = (\n    knob.faces(\">Z\")\n    .workplane()\n"
                   "    .circle(%score_r * 0.7)\n    .extrude(%sboss_h, taper=%v)\n)\n",
                p, p, zs_rng_step(r, 3, 12, 1));
    zs_text_fmt(t, "\n# through hole and hex nut trap underneath\n"
                   "knob = knob.faces(\">Z\").workplane().hole(%sbolt_d)\n"
                   "knob = knob.faces(\"<Z\").workplane().polygon(6, %snut_d).cutBlind(-%snut_h)\n",
                p, p, p);
    zs_text_put(t, "\nknob = knob.faces(\">Z\").fillet(0.5)\n");
    zs_result(t, "knob");
}
