/* report_internal.h: what the files of src/report/ share and nothing outside them uses. */
#ifndef ZC_REPORT_INTERNAL_H
#define ZC_REPORT_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "report.h"

/* ---- html.c ---- */
void zrp_text(FILE *f, const char *s, size_t n);           /* HTML-escaped text */
void zrp_str(FILE *f, const char *s);                      /* the same, NUL-terminated */
/* <img> with the PNG inline as a data URI (base64 by OpenSSL's EVP_EncodeBlock). */
int zrp_img(FILE *f, const unsigned char *png, size_t len, const char *alt, int px);

/* ---- svg.c ---- */
/* A horizontal bar chart: one bar per label with its value written beside it. */
void zrp_bar_chart(FILE *f, const char *title, const char *const *labels, const double *values, int n,
                   const char *unit);

/* ---- inputs.c ---- */
json_t *zrp_load_json(const char *path);                   /* NULL when absent or malformed */
json_t *zrp_load_jsonl(const char *path);                  /* array of objects; NULL when absent */
/* The rows (uuid, code, 8 PNG views) of a shard file or of a folder's shards, at most max
 * (< 0: all). 0, or -1 + err. */
typedef struct {
    char *uuid, *code;
    unsigned char *png[8];
    size_t len[8];
} zrp_row;
int zrp_load_rows(const char *in, long max, zrp_row **rows, size_t *n, char *err, size_t errlen);
void zrp_free_rows(zrp_row *rows, size_t n);
const zrp_row *zrp_find_row(const zrp_row *rows, size_t n, const char *uuid);

/* ---- sections ---- */
int zrp_section_dataset(FILE *f, const zrp_opts *o, char *err, size_t errlen);
int zrp_section_stats(FILE *f, const zrp_opts *o, char *err, size_t errlen);
int zrp_section_eval(FILE *f, const zrp_opts *o, char *err, size_t errlen);
int zrp_section_items(FILE *f, const zrp_opts *o, char *err, size_t errlen);

#endif
