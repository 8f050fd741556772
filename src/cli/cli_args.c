/* cli_args.c: numeric option values and option names for the commands' errors (cli_args.h). */
#include "cli_args.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int cli_number(const char *cmd, const char *opt, const char *text, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (!*text || *end || !(v >= lo && v <= hi)) {
        if (isinf(hi))
            fprintf(stderr, "zerocad %s: %s needs a number >= %g, not '%s'\n", cmd, opt, lo, text);
        else
            fprintf(stderr, "zerocad %s: %s needs a number in %g..%g, not '%s'\n", cmd, opt, lo, hi, text);
        return -1;
    }
    *out = v;
    return 0;
}

const char *cli_option_name(const struct option *longopts, int li, int c, char *const *argv, int optind,
                            char *buf, size_t n)
{
    if (li >= 0)
        snprintf(buf, n, "--%s", longopts[li].name);
    else if (c == '?' || c == ':')
        snprintf(buf, n, "%s", optind > 0 ? argv[optind - 1] : "?");
    else
        snprintf(buf, n, "-%c", c);
    return buf;
}

const char *cli_long_name(const struct option *longopts, int c)
{
    for (; longopts->name; longopts++)
        if (longopts->val == c && !longopts->flag)
            return longopts->name;
    return NULL;
}
