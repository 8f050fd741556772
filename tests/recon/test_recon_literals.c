/* test_recon_literals.c: the literal scanner and rewriter (literals.c) on hand-made sources whose
 * numbers are known: spans found by searching the text for each expected literal in turn; none
 * inside strings, comments or names; the parameters block; the picking order; the rewrite
 * changes the chosen spans only and keeps each literal's kind. */
#include "check.h"
#include "recon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SRC =
    "# a 3x4 plate, 12 holes\n"
    "import cadquery as cq\n"
    "length, width = 20.0, -10\n"
    "height = 5.5e0  # mm\n"
    "n2 = 3\n"
    "name = \"box 7.5 \\\" 8\"\n"
    "doc = '''9.25\n"
    "10'''\n"
    "big = 1_000\n"
    "r = (cq.Workplane(\"XY\").box(length, width, height)\n"
    "     .faces(\">Z\").hole(.75)\n"
    "     .edges().fillet(0x1F * 0 + 2))\n"
    "x = y2 + 0.5 if n2 else 4j\n"
    "result = r\n";

/* The expected literals in order: text, is_int, tunable, param. */
static const struct { const char *text; int is_int, tunable, param; } WANT[] = {
    {"20.0", 0, 1, 1}, {"10", 1, 1, 1}, {"5.5e0", 0, 1, 1}, {"3", 1, 1, 1}, {"1_000", 1, 1, 1},
    {".75", 0, 1, 0}, {"0x1F", 1, 0, 0}, {"0 ", 1, 0, 0}, {"2)", 1, 1, 0}, {"0.5", 0, 1, 0}, {"4j", 1, 0, 0},
};

static void test_scan(void)
{
    zrc_literals l;
    CHECK(zrc_literals_scan(SRC, &l) == 0);
    size_t nw = sizeof WANT / sizeof WANT[0];
    CHECK(l.n == nw);
    const char *at = strstr(SRC, "length, width = ");
    for (size_t i = 0; i < nw && i < l.n; i++) {
        const char *p = strstr(at, WANT[i].text);
        size_t len = strcspn(WANT[i].text, " )");
        CHECK(p && l.v[i].start == (size_t)(p - SRC) && l.v[i].len == len);
        CHECK(l.v[i].is_int == WANT[i].is_int);
        CHECK(l.v[i].tunable == WANT[i].tunable);
        CHECK(l.v[i].param == WANT[i].param);
        at = p ? p + len : at;
    }
    CHECK(l.v[0].value == 20.0 && l.v[1].value == 10 && l.v[2].value == 5.5 && l.v[4].value == 1000);
    CHECK(l.v[5].value == 0.75);
    /* picking order: the parameters block, then floats, then integers; at most max */
    size_t idx[16];
    int k = zrc_literals_pick(&l, 16, idx);
    CHECK(k == 8);
    size_t order[] = {0, 1, 2, 3, 4, 5, 9, 8};
    for (int i = 0; i < k && i < 8; i++)
        CHECK(idx[i] == order[i]);
    CHECK(zrc_literals_pick(&l, 2, idx) == 2 && idx[0] == 0 && idx[1] == 1);
    zrc_literals_free(&l);
}

static void test_rewrite(void)
{
    const char *src = "a, b = 20.0, -3\nr = box(a, b, 0.125) # 7\n";
    zrc_literals l;
    CHECK(zrc_literals_scan(src, &l) == 0 && l.n == 3);
    size_t idx[3] = {0, 1, 2};
    double v[3] = {26.5, 4.6, 0.125};   /* the third unchanged: kept as written */
    char *out = zrc_literals_rewrite(src, &l, idx, v, 3);
    CHECK(out && !strcmp(out, "a, b = 26.5, -5\nr = box(a, b, 0.125) # 7\n"));
    free(out);
    v[0] = 40, v[1] = 0.2;   /* a float keeps a point; an integer stays one, at least 1 */
    out = zrc_literals_rewrite(src, &l, idx, v, 2);
    CHECK(out && !strcmp(out, "a, b = 40.0, -1\nr = box(a, b, 0.125) # 7\n"));
    free(out);
    char buf[64];
    zrc_literal_format(1234567.0, 0, buf, sizeof buf);
    CHECK(!strcmp(buf, "1.23457e+06"));
    zrc_literal_format(2.5, 1, buf, sizeof buf);
    CHECK(!strcmp(buf, "3") || !strcmp(buf, "2"));
    zrc_literals_free(&l);
}

static void test_no_numbers(void)
{
    const char *src = "import cadquery as cq\nresult = cq.Workplane('XY').sphere(r)  # 12\ns = \"3.5\"\n";
    zrc_literals l;
    CHECK(zrc_literals_scan(src, &l) == 0 && l.n == 0);
    size_t idx[1];
    CHECK(zrc_literals_pick(&l, 8, idx) == 0);
    char *out = zrc_literals_rewrite(src, &l, idx, NULL, 0);
    CHECK(out && !strcmp(out, src));
    free(out);
    zrc_literals_free(&l);
    CHECK(zrc_literals_scan("x = 'unterminated 5\ny = 6\n", &l) == 0 && l.n == 1 && l.v[0].value == 6);
    zrc_literals_free(&l);
}

int main(void)
{
    test_scan();
    test_rewrite();
    test_no_numbers();
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
