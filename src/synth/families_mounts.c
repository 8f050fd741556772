/* families_mounts.c: mounts: an L-shaped motor mount with a square screw pattern and gussets,
 * and a sensor mount whose tab leans on a transformed workplane. */
#include "families.h"

/* Base and upright boxes (centered tuples), pilot bore and screw pattern (holes or slots) from
 * a comprehension, base slots, gussets mirrored across XZ, end edges filleted last. */
void zs_fam_motor_mount(zs_rng *r, zs_text *t)
{
    double spacing = zs_rng_step(r, 16, 50, 1);
    double screw = zs_rng_step(r, 2.5, 5, 0.5);
    double pilot = zs_rng_step(r, 8, spacing - screw - 4, 1);
    double th = zs_rng_step(r, 4, 8, 1);
    double width = spacing + screw + zs_rng_step(r, 10, 24, 2);
    double height = th + spacing + screw + zs_rng_step(r, 6, 16, 2);
    double base_l = zs_rng_step(r, 30, 70, 5);
    int slotted = zs_rng_chance(r, 40);
    int ribs = zs_rng_chance(r, 60);
    double rib_t = zs_rng_step(r, 2, 4, 0.5);
    double g = zs_rng_step(r, 8, (base_l - th) * 0.6, 1);
    if (g > height - th - 2)
        g = height - th - 2;
    double sw = zs_rng_step(r, 4, 6, 0.5);

    zs_text_put(t, "\n# motor face\n");
    zs_param(t, "screw_spacing", spacing);
    zs_param(t, "screw_d", screw);
    zs_param(t, "pilot_d", pilot);
    zs_text_put(t, "\n# bracket\n");
    zs_param(t, "thickness", th);
    zs_param(t, "width", width);
    zs_param(t, "height", height);
    zs_param(t, "base_len", base_l);
    zs_text_put(t, "\nbase = cq.Workplane(\"XY\").box(base_len, width, thickness, centered=(False, True, False))\n"
                   "upright = cq.Workplane(\"XY\").box(thickness, width, height, centered=(False, True, False))\n"
                   "mount = base.union(upright)\n");
    zs_text_put(t, "\n# motor pilot and screw pattern, centred on the free height of the upright\n"
                   "mount = (\n    mount.faces(\"<X\")\n    .workplane(centerOption=\"CenterOfBoundBox\")\n"
                   "    .center(0, thickness / 2)\n    .hole(pilot_d)\n)\n"
                   "pattern = [(sx * screw_spacing / 2, sy * screw_spacing / 2) for sx in (-1, 1) for sy in (-1, 1)]\n");
    if (slotted)
        zs_text_put(t, "mount = (\n    mount.faces(\"<X\")\n    .workplane(centerOption=\"CenterOfBoundBox\")\n"
                       "    .center(0, thickness / 2)\n    .pushPoints(pattern)\n"
                       "    .slot2D(screw_d * 2, screw_d, 90)\n    .cutThruAll()\n)\n");
    else
        zs_text_put(t, "mount = (\n    mount.faces(\"<X\")\n    .workplane(centerOption=\"CenterOfBoundBox\")\n"
                       "    .center(0, thickness / 2)\n    .pushPoints(pattern)\n    .hole(screw_d)\n)\n");
    zs_param(t, "\nslot_w", sw);
    zs_text_put(t, "# fixing slots in the base\nmount = (\n    mount.faces(\">Z[-2]\")\n    .workplane()\n"
                   "    .pushPoints([(thickness + (base_len - thickness) / 2, sy * width / 4) for sy in (-1, 1)])\n"
                   "    .slot2D((base_len - thickness) / 2, slot_w, 0)\n    .cutThruAll()\n)\n");
    if (ribs) {
        zs_param(t, "\nrib_t", rib_t);
        zs_param(t, "gusset", g);
        zs_text_put(t, "rib = (\n    cq.Workplane(\"XZ\", origin=(0, width / 2, 0))\n"
                       "    .polyline([(thickness, thickness), (thickness + gusset, thickness), "
                       "(thickness, thickness + gusset)])\n    .close()\n    .extrude(rib_t)\n)\n"
                       "mount = mount.union(rib.mirror(\"XZ\", union=True))\n");
    }
    zs_text_fmt(t, "\nmount = mount.edges(\"|Y and >X\").fillet(%v)\n", zs_rng_step(r, 0.5, th / 2 - 0.5, 0.5));
    zs_result(t, "mount");
}

/* Base plate with slots, a tab on a rotated workplane sunk into the base, a sensor bore through
 * the tab from a second transformed plane, base corners rounded last. */
void zs_fam_angled_sensor_mount(zs_rng *r, zs_text *t)
{
    double bl = zs_rng_step(r, 50, 110, 5);
    double bw = zs_rng_step(r, 40, 80, 5);
    double bt = zs_rng_step(r, 6, 12, 1);
    double tilt = zs_rng_step(r, 10, 45, 5);
    double tab_t = zs_rng_step(r, 4, 8, 1);
    double sensor = zs_rng_step(r, 8, bl - 42 < 24 ? bl - 42 : 24, 1);
    double tab_w = zs_rng_step(r, sensor + 12, bl - 30, 2);
    double tab_h = sensor + zs_rng_step(r, 14, 30, 2);
    double sw = zs_rng_step(r, 4, 6, 0.5);

    zs_text_put(t, "import math\n\n# base\n");
    zs_param(t, "base_l", bl);
    zs_param(t, "base_w", bw);
    zs_param(t, "base_t", bt);
    zs_text_put(t, "\n# tilted tab\n");
    zs_param(t, "tilt", tilt);
    zs_param(t, "tab_w", tab_w);
    zs_param(t, "tab_t", tab_t);
    zs_param(t, "tab_h", tab_h);
    zs_param(t, "sensor_d", sensor);
    zs_param(t, "slot_w", sw);
    zs_text_put(t, "\nbase = cq.Workplane(\"XY\").box(base_l, base_w, base_t)\n"
                   "base = (\n    base.faces(\">Z\")\n    .workplane()\n"
                   "    .pushPoints([(sx * (base_l / 2 - 8), 0) for sx in (-1, 1)])\n"
                   "    .slot2D(base_w * 0.5, slot_w, 90)\n    .cutThruAll()\n)\n");
    zs_text_put(t, "\n# sink the tab so its lower edge stays inside the base\n"
                   "sink = tab_t / 2 * math.sin(math.radians(tilt)) + 0.5\n"
                   "tab_plane = cq.Workplane(\"XY\").transformed(offset=(0, 0, base_t / 2 - sink), "
                   "rotate=(-tilt, 0, 0))\n"
                   "tab = tab_plane.rect(tab_w, tab_t).extrude(tab_h + sink)\nmount = base.union(tab)\n");
    zs_text_put(t, "\n# sensor bore square to the tab\nbore = (\n    tab_plane.transformed(offset=(0, 0, tab_h * 0.6), "
                   "rotate=(90, 0, 0))\n    .circle(sensor_d / 2)\n    .extrude(tab_t * 2, both=True)\n)\n"
                   "mount = mount.cut(bore)\n");
    if (zs_rng_chance(r, 60))
        zs_text_put(t, "\n# two screw holes around the bore\nscrews = (\n"
                       "    tab_plane.transformed(offset=(0, 0, tab_h * 0.6), rotate=(90, 0, 0))\n"
                       "    .pushPoints([(-(sensor_d / 2 + 4), 0), (sensor_d / 2 + 4, 0)])\n"
                       "    .circle(1.5)\n    .extrude(tab_t * 2, both=True)\n)\nmount = mount.cut(screws)\n");
    zs_text_fmt(t, "\nmount = mount.edges(\"|Z and (<X or >X)\").fillet(%v)\n", zs_rng_step(r, 1, 5, 0.5));
    zs_result(t, "mount");
}
