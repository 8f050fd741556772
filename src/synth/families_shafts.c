/* families_shafts.c: shafts: a stepped shaft revolved from a profile built in a loop, with a
 * keyway, retaining-ring grooves, a cross pin hole and centre holes. */
#include "families.h"

/* Profile points from a loop over steps, full revolve about X, keyway cut from a slot on an
 * offset workplane, grooves cut in a loop, cross hole on a transformed plane, end chamfers. */
void zs_fam_stepped_shaft(zs_rng *r, zs_text *t)
{
    int n = zs_rng_int(r, 3, 5);
    double d[5], l[5];
    double base = zs_rng_step(r, 12, 30, 2);
    int peak = zs_rng_int(r, 1, n - 2);
    int maxdist = peak > n - 1 - peak ? peak : n - 1 - peak;
    if (base < 8 + 4 * maxdist + 2)
        base = 8 + 4 * maxdist + 2;   /* every step stays >= 8 and differs from its neighbours */
    for (int i = 0; i < n; i++) {
        int dist = i < peak ? peak - i : i - peak;
        d[i] = base - 4 * dist - (i > peak ? 2 : 0);
        l[i] = zs_rng_step(r, 10, 35, 5);
    }
    /* keyway on the first step (other than the largest) at least 15 long and 10 thick */
    int key = -1;
    for (int i = 0; i < n; i++)
        if (i != peak && d[i] >= 10 && l[i] >= 15 && key < 0)
            key = i;
    int groove = zs_rng_chance(r, 60);
    int cross = zs_rng_chance(r, 50) && l[0] >= 20;
    int centre = zs_rng_chance(r, 50);

    zs_text_put(t, "\n# steps from the left end: (diameter, length)\nsteps = [\n");
    for (int i = 0; i < n; i++)
        zs_text_fmt(t, "    (%v, %v),\n", d[i], l[i]);
    zs_text_put(t, "]\n");
    zs_param(t, "edge_chamfer", centre ? 0.5 : zs_rng_step(r, 0.5, 1.0, 0.25));
    zs_text_put(t, "\n# half profile above the X axis\npts = [(0, 0)]\nx = 0.0\nfor dia, ln in steps:\n"
                   "    pts.append((x, dia / 2))\n    x += ln\n    pts.append((x, dia / 2))\n"
                   "pts.append((x, 0))\ntotal_len = x\n"
                   "shaft = cq.Workplane(\"XY\").polyline(pts).close().revolve(360, (0, 0, 0), (1, 0, 0))\n");
    if (key >= 0) {
        double kw = d[key] >= 20 ? 6 : d[key] >= 14 ? 5 : 3;
        double kl = zs_rng_step(r, l[key] * 0.4 > kw + 2 ? l[key] * 0.4 : kw + 2, l[key] - 4, 1);
        zs_param(t, "\nkey_w", kw);
        zs_param(t, "key_len", kl);
        zs_param(t, "key_depth", kw * 0.5);
        zs_text_fmt(t, "# keyway milled into step %d\nkey_x = sum(ln for _, ln in steps[:%d]) + steps[%d][1] / 2\n",
                    key, key, key);
        zs_text_fmt(t, "keyway = (\n    cq.Workplane(\"XY\")\n    .workplane(offset=steps[%d][0] / 2 - key_depth)\n"
                       "    .center(key_x, 0)\n    .slot2D(key_len, key_w, 0)\n    .extrude(key_depth + 1)\n)\n"
                       "shaft = shaft.cut(keyway)\n",
                    key);
    }
    if (groove) {
        int gi = n - 1;
        zs_param(t, "\ngroove_w", 1.2);
        zs_param(t, "groove_depth", d[gi] >= 12 ? 1.0 : 0.6);
        zs_text_fmt(t, "# retaining ring grooves near the right end\nfor gx in [total_len - %v]:\n"
                       "    ring = (\n        cq.Workplane(\"YZ\")\n        .workplane(offset=gx)\n"
                       "        .circle(steps[-1][0])\n        .circle(steps[-1][0] / 2 - groove_depth)\n"
                       "        .extrude(groove_w)\n    )\n    shaft = shaft.cut(ring)\n",
                    zs_rng_step(r, 3, l[gi] - 3, 0.5));
    }
    if (cross) {
        double xc = l[0] / 2;
        zs_param(t, "\npin_d", d[0] * 0.3 < 2 ? 2 : d[0] * 0.3);
        zs_text_fmt(t, "# cross pin hole through the first step\n"
                       "pin = (\n    cq.Workplane(\"XY\")\n    .transformed(offset=(%v, 0, 0), rotate=(90, 0, 0))\n"
                       "    .circle(pin_d / 2)\n    .extrude(steps[0][0], both=True)\n)\nshaft = shaft.cut(pin)\n",
                    xc);
    }
    if (centre)
        zs_text_fmt(t, "\n# centre drill at both ends\n"
                       "shaft = shaft.faces(\"<X\").workplane().hole(%v, %v)\n"
                       "shaft = shaft.faces(\">X\").workplane().hole(%v, %v)\n",
                    3.0, 4.0, 3.0, 4.0);
    zs_text_put(t, "\nshaft = shaft.faces(\"<X or >X\").edges(\"not %LINE\").chamfer(edge_chamfer)\n");
    zs_result(t, "shaft");
}
