/* draft_corpus.c: the text the drafter of speculative decoding looks in after the ids so far: a
 * built-in page of CadQuery idioms (written for this purpose: the API calls, selectors and layout a
 * generated program is made of), or a text file given by the user, tokenized with the checkpoint's
 * tokenizer. */
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char builtin[] =
    "```python\n"
    "import cadquery as cq\n"
    "\n"
    "# Base plate with a centered boss and four corner holes\n"
    "length = 80.0\n"
    "width = 60.0\n"
    "thickness = 10.0\n"
    "hole_diameter = 6.0\n"
    "fillet_radius = 2.0\n"
    "\n"
    "result = (\n"
    "    cq.Workplane(\"XY\")\n"
    "    .box(length, width, thickness)\n"
    "    .faces(\">Z\")\n"
    "    .workplane()\n"
    "    .rect(length - 20.0, width - 20.0, forConstruction=True)\n"
    "    .vertices()\n"
    "    .hole(hole_diameter)\n"
    "    .edges(\"|Z\")\n"
    "    .fillet(fillet_radius)\n"
    ")\n"
    "\n"
    "boss = cq.Workplane(\"XY\").workplane(offset=thickness).circle(15.0).extrude(20.0)\n"
    "result = result.union(boss)\n"
    "result = result.faces(\">Z\").workplane().hole(10.0)\n"
    "result = result.faces(\"<Z\").workplane(centerOption=\"CenterOfBoundBox\").cboreHole(8.0, 12.0, 3.0)\n"
    "result = result.edges(\">Z\").chamfer(1.0)\n"
    "\n"
    "shaft = cq.Workplane(\"XZ\").circle(5.0).extrude(40.0, both=True)\n"
    "tube = cq.Workplane(\"XY\").circle(20.0).circle(16.0).extrude(30.0)\n"
    "ring = cq.Workplane(\"YZ\").center(0, 10).rect(4.0, 2.0).revolve(360, (0, 0, 0), (0, 1, 0))\n"
    "cyl = cq.Workplane(\"XY\").cylinder(30.0, 6.0)\n"
    "ball = cq.Workplane(\"XY\").sphere(8.0)\n"
    "wedge = cq.Workplane(\"XY\").polyline([(0, 0), (40, 0), (40, 10), (0, 30)]).close().extrude(15.0)\n"
    "hexagon = cq.Workplane(\"XY\").polygon(6, 25.0).extrude(12.0)\n"
    "slots = cq.Workplane(\"XY\").box(50.0, 30.0, 5.0).faces(\">Z\").workplane().pushPoints([(-10.0, 0.0), "
    "(10.0, 0.0)]).slot2D(12.0, 4.0).cutThruAll()\n"
    "grid = cq.Workplane(\"XY\").box(60.0, 40.0, 4.0).faces(\">Z\").workplane().rarray(15.0, 10.0, 3, 3)"
    ".circle(2.5).cutThruAll()\n"
    "flange = cq.Workplane(\"XY\").circle(40.0).extrude(8.0).faces(\">Z\").workplane().polarArray(30.0, 0, 360, 6)"
    ".hole(5.0)\n"
    "pocket = cq.Workplane(\"XY\").box(40.0, 40.0, 20.0).faces(\">Z\").workplane().rect(20.0, 20.0).cutBlind(-8.0)\n"
    "shell = cq.Workplane(\"XY\").box(30.0, 20.0, 15.0).faces(\">Z\").shell(-2.0)\n"
    "frustum = cq.Workplane(\"XY\").rect(30.0, 30.0).workplane(offset=20.0).rect(15.0, 15.0).loft(combine=True)\n"
    "path = cq.Workplane(\"XZ\").spline([(0, 0), (10, 10), (20, 0)])\n"
    "pipe = cq.Workplane(\"XY\").circle(2.0).sweep(path)\n"
    "arc = cq.Workplane(\"XY\").moveTo(0, 0).lineTo(20, 0).threePointArc((25, 5), (20, 10)).lineTo(0, 10).close()"
    ".extrude(5.0)\n"
    "part = result.cut(pocket).union(cyl.translate((0, 0, 10))).rotate((0, 0, 0), (0, 0, 1), 45)\n"
    "mirrored = wedge.mirror(\"YZ\")\n"
    "result = result.intersect(cq.Workplane(\"XY\").box(100.0, 100.0, 100.0))\n"
    "\n"
    "cq.exporters.export(result, \"out.step\")\n"
    "show_object(result)\n"
    "```";

const char *zc_draft_corpus_builtin(void)
{
    return builtin;
}

static char *read_text(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n = -1;
    if (f && !fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = 0;
    } else {
        snprintf(err, errlen, "%s: cannot read the draft corpus: %s", path, errno ? strerror(errno) : "short read");
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

int32_t *zc_draft_corpus_ids(const zc_tokenizer *tok, const char *path, int *n, char *err, size_t errlen)
{
    errno = 0;
    char *text = path ? read_text(path, err, errlen) : NULL;
    const char *src = path ? text : builtin;
    int32_t *ids = NULL;
    size_t nids = 0;
    *n = 0;
    if (src && zc_tokenizer_encode(tok, src, strlen(src), &ids, &nids, err, errlen))
        ids = NULL;
    free(text);
    if (ids)
        *n = (int)nids;
    return ids;
}
