/* cli_args.h: what the commands share when they read their options: a numeric value checked
 * against its range, and the option's name as the user wrote it, for one-line errors. */
#ifndef ZC_CLI_ARGS_H
#define ZC_CLI_ARGS_H

#include <getopt.h>
#include <stddef.h>

/* *out = TEXT as a number in [lo, hi] (hi = INFINITY: no upper bound); -1 after printing
 * "zerocad CMD: OPT needs a number ..., not 'TEXT'". */
int cli_number(const char *cmd, const char *opt, const char *text, double lo, double hi, double *out);

/* The option getopt_long just returned (c, with longindex li or -1) as "--long" or "-x"; for
 * '?' and ':' the argument as written. Into buf (n bytes); returns buf. */
const char *cli_option_name(const struct option *longopts, int li, int c, char *const *argv, int optind,
                            char *buf, size_t n);

/* The long name of the option whose getopt code is c in longopts, or NULL. */
const char *cli_long_name(const struct option *longopts, int c);

#endif
