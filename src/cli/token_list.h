/* token_list.h: parsing of a comma-separated token id list ("1,2,3") given on the command line. */
#ifndef ZC_CLI_TOKEN_LIST_H
#define ZC_CLI_TOKEN_LIST_H

#include <stdint.h>

/* Parses "1,2,3" into a malloc'd array of ids in 0..INT32_MAX. Returns 0, or -1 on a bad list. */
int cli_parse_token_list(const char *s, int32_t **out, int *n);

#endif
