/* families_fasteners.c: spacers and fasteners: a hex standoff, a cross-drilled round spacer, and
 * a bolt (hex head or socket cap) with a relief groove. */
#include "families.h"

/* Hex prism from polygon (across-flats converted to the circumscribed diameter), tapped bores or
 * a male stud, optional collar and marking groove, end chamfers last. */
void zs_fam_hex_standoff(zs_rng *r, zs_text *t)
{
    double thread = zs_rng_step(r, 2.5, 8, 0.5);
    double af = thread + zs_rng_step(r, 2.5, 6, 0.5);
    double len = zs_rng_step(r, 8, 50, 1);
    int stud = zs_rng_chance(r, 50);
    int collar = zs_rng_chance(r, 40);
    int groove = zs_rng_chance(r, 40) && len >= 16;

    zs_text_put(t, "import math\n\n# standoff\n");
    zs_param(t, "across_flats", af);
    zs_param(t, "length", len);
    zs_param(t, "thread_d", thread);
    zs_param(t, "tap_depth", len * 0.4 > 3 * thread ? 3 * thread : len * 0.4);
    zs_text_put(t, "\nstandoff = (\n    cq.Workplane(\"XY\")\n    .polygon(6, across_flats * 2 / math.sqrt(3))\n"
                   "    .extrude(length)\n)\n");
    zs_text_put(t, "standoff = standoff.faces(\">Z\").workplane().hole(thread_d * 0.85, tap_depth)\n");
    if (stud)
        zs_text_fmt(t, "\n# male thread stud underneath\nstandoff = (\n    standoff.faces(\"<Z\")\n    .workplane()\n"
                       "    .circle(thread_d / 2)\n    .extrude(%v)\n)\n",
                    zs_rng_step(r, thread, thread * 2, 0.5));
    else
        zs_text_put(t, "standoff = standoff.faces(\"<Z\").workplane().hole(thread_d * 0.85, tap_depth)\n");
    if (collar)
        zs_text_fmt(t, "\n# round collar at the top\nstandoff = (\n    standoff.faces(\">Z\")\n    .workplane()\n"
                       "    .circle(across_flats / 2 + %v)\n    .circle(thread_d * 0.6)\n    .extrude(%v)\n)\n",
                    zs_rng_step(r, 0.5, 2, 0.5), zs_rng_step(r, 1, 3, 0.5));
    if (groove)
        zs_text_put(t, "\n# marking groove around the middle\nmark = (\n    cq.Workplane(\"XY\")\n"
                       "    .workplane(offset=length / 2 - 0.5)\n    .circle(across_flats)\n"
                       "    .circle(across_flats / 2 - 0.4)\n    .extrude(1.0)\n)\nstandoff = standoff.cut(mark)\n");
    if (collar)
        zs_text_fmt(t, "\nstandoff = standoff.faces(\">Z\").chamfer(%v)\n", zs_rng_step(r, 0.2, 0.4, 0.1));
    else
        zs_text_fmt(t, "\nstandoff = standoff.faces(\"<Z or >Z\").edges(\"not %%CIRCLE\").chamfer(%v)\n",
                    zs_rng_step(r, 0.2, 0.5, 0.1));
    zs_result(t, "standoff");
}

/* Cylinder with countersinks at both ends through a single bore, cross holes from a loop on
 * transformed planes, wrench flats cut by a mirrored pair, chamfers last. */
void zs_fam_round_spacer(zs_rng *r, zs_text *t)
{
    double od = zs_rng_step(r, 10, 40, 1);
    double bore = zs_rng_step(r, 3, od * 0.5, 0.5);
    double len = zs_rng_step(r, 10, 60, 1);
    int ncross = zs_rng_int(r, 0, 2);
    double cross = zs_rng_step(r, 2, (od - bore) / 2 < 5 ? (od - bore) / 2 : 5, 0.5);
    int flats = zs_rng_chance(r, 60);
    double flat_depth = zs_rng_step(r, 0.5, (od - bore) / 4, 0.5);

    zs_text_put(t, "\n# spacer\n");
    zs_param(t, "outer_d", od);
    zs_param(t, "bore_d", bore);
    zs_param(t, "length", len);
    zs_param(t, "csk_d", bore + (od - bore) / 2);
    zs_text_put(t, "\nspacer = cq.Workplane(\"XY\").circle(outer_d / 2).extrude(length)\n"
                   "spacer = spacer.faces(\">Z\").workplane().cskHole(bore_d, csk_d, 90)\n"
                   "spacer = spacer.faces(\"<Z\").workplane().cskHole(bore_d, csk_d, 90, depth=2)\n");
    if (flats) {
        zs_param(t, "\nflat_depth", flat_depth);
        zs_text_put(t, "# a pair of wrench flats: one cutter and its mirror image\n"
                       "cutter = (\n    cq.Workplane(\"XY\")\n    .center(outer_d / 2 - flat_depth + outer_d / 2, 0)\n"
                       "    .rect(outer_d, outer_d)\n    .extrude(length / 2)\n)\n"
                       "spacer = spacer.cut(cutter.mirror(\"YZ\", union=True))\n");
    }
    if (ncross > 0) {
        zs_param(t, "\ncross_d", cross);
        zs_param_int(t, "n_cross", ncross);
        zs_text_put(t, "# radial cross holes, each on its own rotated plane\nfor k in range(n_cross):\n"
                       "    z = length * (k + 1) / (n_cross + 1)\n"
                       "    drill = (\n        cq.Workplane(\"XY\")\n"
                       "        .transformed(offset=(0, 0, z), rotate=(90, 90 * k, 0))\n"
                       "        .circle(cross_d / 2)\n        .extrude(outer_d, both=True)\n    )\n"
                       "    spacer = spacer.cut(drill)\n");
    }
    zs_text_fmt(t, "\nspacer = spacer.faces(\">Z\").edges(\"not %%LINE\").fillet(%v)\n",
                zs_rng_step(r, 0.3, 0.6, 0.1));
    zs_result(t, "spacer");
}

/* Hex head (polygon) or socket cap head (circle + hex socket), shank, relief groove, cross hole
 * for a split pin, tip chamfer, head edge break last. */
void zs_fam_bolt(zs_rng *r, zs_text *t)
{
    double d = zs_rng_step(r, 4, 16, 1);
    double len = zs_rng_step(r, d * 2, d * 6, 1);
    int socket = zs_rng_chance(r, 45);
    int pin = zs_rng_chance(r, 40) && len >= d * 3;
    int relief = zs_rng_chance(r, 50);

    zs_text_put(t, "import math\n\n# bolt\n");
    zs_param(t, "d", d);
    zs_param(t, "shank_len", len);
    if (socket) {
        zs_param(t, "head_d", d * 1.5);
        zs_param(t, "head_h", d);
        zs_param(t, "socket_af", d * 0.5 + 0.5 * (d >= 8));
        zs_text_put(t, "\n# socket cap head\nbolt = cq.Workplane(\"XY\").circle(head_d / 2).extrude(head_h)\n"
                       "bolt = (\n    bolt.faces(\">Z\")\n    .workplane()\n"
                       "    .polygon(6, socket_af * 2 / math.sqrt(3))\n    .cutBlind(-head_h * 0.55)\n)\n");
    } else {
        zs_param(t, "head_af", d * 1.5 + 1);
        zs_param(t, "head_h", d * 0.65);
        zs_text_put(t, "\n# hex head\nbolt = (\n    cq.Workplane(\"XY\")\n    .polygon(6, head_af * 2 / math.sqrt(3))\n"
                       "    .extrude(head_h)\n)\n");
    }
    zs_text_put(t, "\n# shank below the head\nbolt = bolt.faces(\"<Z\").workplane().circle(d / 2).extrude(shank_len)\n");
    if (relief)
        zs_text_put(t, "\n# thread relief groove under the head\ngroove = (\n    cq.Workplane(\"XY\")\n"
                       "    .workplane(offset=-d * 0.6)\n    .circle(d)\n    .circle(d * 0.42)\n"
                       "    .extrude(d * 0.3)\n)\nbolt = bolt.cut(groove)\n");
    if (pin)
        zs_text_put(t, "\n# split pin hole near the tip\npin = (\n    cq.Workplane(\"XZ\")\n"
                       "    .center(0, -shank_len + d)\n    .circle(d * 0.15)\n    .extrude(d, both=True)\n)\n"
                       "bolt = bolt.cut(pin)\n");
    zs_text_put(t, "\n# chamfered tip\nbolt = bolt.faces(\"<Z\").chamfer(d * 0.1)\n");
    if (socket)
        zs_text_put(t, "bolt = bolt.faces(\">Z\").edges(\"%CIRCLE\").fillet(d * 0.08)\n");
    else
        zs_text_put(t, "bolt = bolt.faces(\">Z\").chamfer(d * 0.06)\n");
    zs_result(t, "bolt");
}
