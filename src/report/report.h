/* report.h: the only way into src/report/ (module zc_report), `zerocad report DIR -o FILE.html`:
 * one self-contained HTML page (images inline as data URIs, SVG charts drawn here, no script
 * from elsewhere) from the outputs of synth, curate, reconstruct --retrieval and eval found in
 * DIR. See docs/report.md for the files it looks for.
 *
 * Errors: 0 on success, -1 with a one-line message in err (nothing is left at the output path
 * but what was there before). */
#ifndef ZC_REPORT_H
#define ZC_REPORT_H

#include <stddef.h>

typedef struct {
    const char *dir;           /* the pipeline's output folder */
    const char *out;           /* FILE.html */
    int dataset_rows;          /* training rows shown in the dataset grid (default 12) */
} zrp_opts;

int zrp_build(const zrp_opts *o, char *err, size_t errlen);

#endif
