/* test_cq_selectors_parse.c: the selector string grammar — each string's tree (written
 * out as an s-expression by this test) and the errors with their positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selector_core.h"

static int failures;

static void num(char *buf, size_t sz, double v)
{
    char t[32];
    snprintf(t, sizeof t, "%g", v);
    strncat(buf, t, sz - strlen(buf) - 1);
}

static void dump(const zs_node *n, char *buf, size_t sz)
{
    static const char *names[] = {"all", "and", "or", "exc", "not", "dir", "par", "perp", "base", "type",
                                  "cnth", "dnth", "rnth", "lnth", "anth", "near", "box"};
    strncat(buf, "(", sz - strlen(buf) - 1);
    strncat(buf, names[n->kind], sz - strlen(buf) - 1);
    switch (n->kind) {
    case ZS_AND:
    case ZS_OR:
    case ZS_EXC:
        strncat(buf, " ", sz - strlen(buf) - 1);
        dump(n->left, buf, sz);
        strncat(buf, " ", sz - strlen(buf) - 1);
        dump(n->right, buf, sz);
        break;
    case ZS_NOT:
        strncat(buf, " ", sz - strlen(buf) - 1);
        dump(n->left, buf, sz);
        break;
    case ZS_TYPE:
        strncat(buf, " ", sz - strlen(buf) - 1);
        strncat(buf, n->type, sz - strlen(buf) - 1);
        break;
    case ZS_CENTER_NTH:
    case ZS_DIRECTION_NTH:
        strncat(buf, n->dir_max ? " max " : " min ", sz - strlen(buf) - 1);
        num(buf, sz, (double)n->n);
        /* fall through */
    default:
        strncat(buf, " ", sz - strlen(buf) - 1);
        num(buf, sz, n->dir.x);
        strncat(buf, ",", sz - strlen(buf) - 1);
        num(buf, sz, n->dir.y);
        strncat(buf, ",", sz - strlen(buf) - 1);
        num(buf, sz, n->dir.z);
    }
    strncat(buf, ")", sz - strlen(buf) - 1);
}

static void ok(const char *text, const char *want)
{
    zs_error err;
    zs_node *n = zs_parse(text, &err);
    if (!n) {
        printf("FAIL parse '%s': %s\n", text, err.msg);
        failures++;
        return;
    }
    char buf[1024] = "";
    dump(n, buf, sizeof buf);
    if (strcmp(buf, want) != 0) {
        printf("FAIL '%s'\n  got  %s\n  want %s\n", text, buf, want);
        failures++;
    }
    zs_node_free(n);
}

/* A syntax error whose message names the string and the position. */
static void bad(const char *text, size_t pos)
{
    zs_error err;
    zs_node *n = zs_parse(text, &err);
    char want[64];
    snprintf(want, sizeof want, "at position %zu", pos);
    if (n) {
        printf("FAIL '%s' parsed but should not\n", text);
        failures++;
        zs_node_free(n);
        return;
    }
    if (err.kind != ZS_ERR_VALUE || !strstr(err.msg, want) || !strstr(err.msg, "Invalid selector string")) {
        printf("FAIL '%s': wrong error '%s' (want %s)\n", text, err.msg, want);
        failures++;
    }
}

int main(void)
{
    /* atoms */
    ok(">Z", "(cnth max -1 0,0,1)");
    ok("<Z", "(cnth min -1 0,0,1)");
    ok(">Z[-2]", "(dnth max -2 0,0,1)");
    ok("<X[1]", "(dnth min 1 1,0,0)");
    ok(">Y[ - 3 ]", "(dnth max -3 0,1,0)");
    ok(">>Y[3]", "(cnth max 3 0,1,0)");
    ok("<<Y", "(cnth min -1 0,1,0)");
    ok("|Z", "(par 0,0,1)");
    ok("#XY", "(perp 1,1,0)");
    ok("+X", "(dir 1,0,0)");
    ok("-Y", "(dir -0,-1,-0)");
    ok("Z", "(dir 0,0,1)");
    ok("YZ", "(dir 0,1,1)");
    ok("XZ", "(dir 1,0,1)");
    ok("(1,0.5,-2)", "(dir 1,0.5,-2)");
    ok(">( 1 , 0 , +0. )", "(cnth max -1 1,0,0)");
    ok("|(0,0,1)", "(par 0,0,1)");
    ok("%circle", "(type CIRCLE)");
    ok("%PLANE", "(type PLANE)");
    ok("%BSpline", "(type BSPLINE)");
    ok("% LINE", "(type LINE)");
    ok("front", "(cnth max -1 0,0,1)");
    ok("back", "(cnth min -1 0,0,1)");
    ok("left", "(cnth min -1 1,0,0)");
    ok("right", "(cnth max -1 1,0,0)");
    ok("top", "(cnth max -1 0,1,0)");
    ok("bottom", "(cnth min -1 0,1,0)");
    ok("  > Z  ", "(cnth max -1 0,0,1)");
    /* precedence: and > or > exc > not */
    ok(">Z and |X", "(and (cnth max -1 0,0,1) (par 1,0,0))");
    ok("not >Z and |X", "(not (and (cnth max -1 0,0,1) (par 1,0,0)))");
    ok("|X exc >Z or <Z", "(exc (par 1,0,0) (or (cnth max -1 0,0,1) (cnth min -1 0,0,1)))");
    ok("|X except >Z", "(exc (par 1,0,0) (cnth max -1 0,0,1))");
    ok(">X and >Y or <Z", "(or (and (cnth max -1 1,0,0) (cnth max -1 0,1,0)) (cnth min -1 0,0,1))");
    ok("<Z or >X and >Y", "(or (cnth min -1 0,0,1) (and (cnth max -1 1,0,0) (cnth max -1 0,1,0)))");
    ok("|X or |Y or |Z", "(or (or (par 1,0,0) (par 0,1,0)) (par 0,0,1))");
    ok("|X exc >Z exc <Z", "(exc (exc (par 1,0,0) (cnth max -1 0,0,1)) (cnth min -1 0,0,1))");
    ok("(>Z or <Z) and |X", "(and (or (cnth max -1 0,0,1) (cnth min -1 0,0,1)) (par 1,0,0))");
    ok("not not >Z", "(not (not (cnth max -1 0,0,1)))");
    ok("(not >X[0] and #XY) or >XY[0]",
       "(or (not (and (dnth max 0 1,0,0) (perp 1,1,0))) (dnth max 0 1,1,0))");
    ok(">Z exc (not |X)", "(exc (cnth max -1 0,0,1) (not (par 1,0,0)))");
    ok("((>Z))", "(cnth max -1 0,0,1)");
    /* errors with positions */
    bad("", 0);
    bad(">", 1);
    bad(">Q", 1);
    bad("z", 0);
    bad("%FOO", 1);
    bad(">Z[", 3);
    bad(">Z[a]", 3);
    bad(">Z[1", 4);
    bad(">Z and", 6);
    bad(">Z and not |X", 7);
    bad("(>Z", 3);
    bad(">Z)", 2);
    bad("> >Z", 1);
    bad("|X exc", 6);
    bad(">Z |X", 3);
    bad("(1,0)", 1);
    bad(">(1,0,.5)", 1);
    /* deep nesting is refused, not a stack overflow */
    char deep[4096];
    size_t k = 0;
    for (; k < 1500; k++)
        deep[k] = '(';
    deep[k] = 0;
    zs_error err;
    zs_node *n = zs_parse(deep, &err);
    if (n || err.kind != ZS_ERR_VALUE) {
        printf("FAIL deep nesting accepted\n");
        failures++;
    }
    zs_node_free(n);
    k = 0;
    for (int i = 0; i < 1000; i++) {
        memcpy(deep + k, "not ", 4);
        k += 4;
    }
    strcpy(deep + k, ">Z");
    n = zs_parse(deep, &err);
    if (n || err.kind != ZS_ERR_VALUE) {
        printf("FAIL deep not-chain accepted\n");
        failures++;
    }
    zs_node_free(n);
    /* fuzz_selectors regression: a long selector of nested parentheses, 'exc' and 0xFF bytes
     * must still get a value error naming the position (the quoted selector once pushed the
     * position out of the 512-byte message), in ASCII whatever bytes it holds */
    k = 0;
    for (int i = 0; i < 80; i++)
        deep[k++] = '(';
    for (int i = 0; i < 60; i++) {
        memcpy(deep + k, ">Z exc ", 7);
        k += 7;
    }
    deep[k++] = (char)0xFF;
    deep[k++] = (char)0xFF;
    deep[k] = 0;
    size_t bad_at = k - 2;
    n = zs_parse(deep, &err);
    char want_pos[64];
    snprintf(want_pos, sizeof want_pos, "at position %zu", bad_at);
    if (n || err.kind != ZS_ERR_VALUE || !strstr(err.msg, want_pos) || !strstr(err.msg, "\\xff")) {
        printf("FAIL long selector: '%s' (want %s and \\xff)\n", err.msg, want_pos);
        failures++;
    }
    for (const char *c = err.msg; *c; c++)
        if ((unsigned char)*c >= 0x80) {
            printf("FAIL long selector: message is not ASCII\n");
            failures++;
            break;
        }
    zs_node_free(n);
    /* the deepest nesting refused names a position too */
    memset(deep, '(', 1500);
    deep[1500] = 0;
    n = zs_parse(deep, &err);
    if (n || err.kind != ZS_ERR_VALUE || !strstr(err.msg, "position")) {
        printf("FAIL deep nesting: '%s'\n", err.msg);
        failures++;
    }
    zs_node_free(n);
    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("selector parser: all ok\n");
    return 0;
}
