/* test_synth_units: the generator's catalog, determinism and category filter, and the exact-dedup
 * code key on crafted pairs that must and must not collide. */
#include "check.h"
#include "synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t key(const char *s)
{
    return zs_code_key(s, strlen(s));
}

static void same(const char *a, const char *b)
{
    CHECKF(key(a) == key(b), "expected the same key:\n--- %s\n--- %s", a, b);
}

static void differ(const char *a, const char *b)
{
    CHECKF(key(a) != key(b), "expected different keys:\n--- %s\n--- %s", a, b);
}

static void test_code_key(void)
{
    /* comments and whitespace */
    same("result = cq.Workplane('XY').box(1, 2, 3)\n",
         "# a box\nresult = cq.Workplane( 'XY' ).box(1,2,3)   # trailing\n\n");
    /* number formatting */
    same("a = 1.0\nb = .5\nc = 100\n", "a = 1\nb = 0.50\nc = 1e2\n");
    same("x = 0.0\ny = 2.5e-1\n", "x = 0\ny = 0.25\n");
    same("n = 0x10\n", "n = 16\n");
    same("n = 1_000\n", "n = 1000.000\n");
    differ("a = 1.5\n", "a = 1.05\n");
    differ("a = 15\n", "a = 1.5\n");
    differ("a = 2\n", "a = 0.2\n");
    /* identifiers renamed in order of first appearance */
    same("width = 10\nplate = cq.Workplane().box(width, width, 2)\nresult = plate\n",
         "w = 10\np = cq.Workplane().box(w, w, 2)\nresult = p\n");
    differ("a = 1\nb = 2\nr = cq.Workplane().box(a, b, a)\n",
           "a = 1\nb = 2\nr = cq.Workplane().box(a, b, b)\n");
    /* attribute / method names, keyword-argument names and strings are kept */
    differ("r = cq.Workplane().box(1, 1, 1)\n", "r = cq.Workplane().sphere(1, 1, 1)\n");
    differ("r = p.faces('>Z')\n", "r = p.faces('<Z')\n");
    differ("r = p.extrude(5, taper=3)\n", "r = p.extrude(5, both=3)\n");
    differ("r = cq.Workplane('XY')\n", "r = xq.Workplane('XY')\n");
    same("r = p.extrude(5, taper=3)\n", "s = q.extrude(5.0, taper = 3.)\n");
    /* comparison is not a keyword argument */
    same("f(a == 1)\n", "g(b == 1)\n");
    /* a '#' inside a string is not a comment */
    differ("s = '#a'\n", "s = '#b'\n");
    /* structure matters */
    differ("a = f(1)(2)\n", "a = f(1, 2)\n");
    /* empty and odd input never crash */
    CHECKF(key("") == key("   # only a comment\n"), "empty vs comment-only");
    (void)key("'unterminated");
    (void)key("\"\"\"unterminated triple");
    (void)key("1e+");
    (void)key("0x");
    (void)key("x = 0xffffffffffffffffffff\n");
}

static void test_catalog(void)
{
    int n = zs_family_count();
    CHECKF(n >= 30, "family count %d", n);
    for (int i = 0; i < n; i++) {
        CHECKF(zs_family_name(i) && zs_family_category(i), "family %d unnamed", i);
        for (int j = 0; j < i; j++)
            CHECKF(strcmp(zs_family_name(i), zs_family_name(j)) != 0, "duplicate family %s", zs_family_name(i));
    }
    CHECKF(zs_family_name(n) == NULL && zs_family_name(-1) == NULL, "out-of-range family");
    int c = zs_category_count();
    CHECKF(c >= 15, "category count %d", c);
    CHECKF(zs_category_name(c) == NULL, "out-of-range category");
}

static void test_generate(void)
{
    char err[256];
    zs_program a, b;
    int diff = 0;
    for (uint64_t i = 0; i < 40; i++) {
        CHECKF(zs_generate(7, i, NULL, &a, err, sizeof err) == 0, "generate: %s", err);
        CHECKF(zs_generate(7, i, NULL, &b, err, sizeof err) == 0, "generate: %s", err);
        CHECKF(strcmp(a.code, b.code) == 0, "(7, %d) not deterministic", (int)i);
        CHECKF(strncmp(a.code, "# ", 2) == 0, "no title line");
        char want[128];
        snprintf(want, sizeof want, "(%s)\nimport cadquery as cq\n", a.category);
        CHECKF(strstr(a.code, want) != NULL, "title line lacks '(%s)'", a.category);
        CHECKF(strstr(a.code, "\nresult = ") != NULL, "no result assignment in %s", a.family);
        zs_program_free(&b);
        CHECKF(zs_generate(8, i, NULL, &b, err, sizeof err) == 0, "generate: %s", err);
        diff += strcmp(a.code, b.code) != 0;
        zs_program_free(&a);
        zs_program_free(&b);
    }
    CHECKF(diff >= 38, "seeds 7 and 8 gave %d different programs of 40", diff);

    /* category filter */
    const char *cat = zs_category_name(1);
    char list[256];
    snprintf(list, sizeof list, " %s ,%s", cat, zs_category_name(0));
    for (uint64_t i = 0; i < 30; i++) {
        CHECKF(zs_generate(3, i, list, &a, err, sizeof err) == 0, "generate with '%s': %s", list, err);
        CHECKF(strcmp(a.category, cat) == 0 || strcmp(a.category, zs_category_name(0)) == 0,
               "category %s outside '%s'", a.category, list);
        zs_program_free(&a);
    }
    a.code = NULL;
    CHECKF(zs_generate(3, 0, "plates,teapots", &a, err, sizeof err) == -1, "unknown category accepted");
    CHECKF(strstr(err, "teapots") != NULL, "error does not name the category: %s", err);
    CHECKF(a.code == NULL, "output touched on error");
    CHECKF(zs_generate(3, 0, " , ", &a, err, sizeof err) == -1, "empty category list accepted");
}

int main(void)
{
    test_code_key();
    test_catalog();
    test_generate();
    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("synth units: ok\n");
    return 0;
}
