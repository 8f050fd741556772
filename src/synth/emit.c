/* emit.c: small emitters shared by the families (parameter lines, the final assignment). */
#include "families.h"

void zs_param(zs_text *t, const char *name, double v)
{
    zs_text_fmt(t, "%s = %v\n", name, v);
}

void zs_param_int(zs_text *t, const char *name, int v)
{
    zs_text_fmt(t, "%s = %d\n", name, v);
}

void zs_result(zs_text *t, const char *var)
{
    zs_text_fmt(t, "\nresult = %s\n", var);
}
