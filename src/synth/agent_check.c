/* agent_check.c: what execute_and_validate answers, from the sandboxed executor's outcome:
 * the measurements of a program that validates, or the error (with its line, as the
 * executor words it) and the rule of the paper's validation that failed. The STEP/STL export
 * check and dedup are the engine's, later. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"
#include "rowmake.h"

static const char *status_rule(const char *status)
{
    if (!strcmp(status, "timeout"))
        return "the program must finish within the time limit";
    if (!strcmp(status, "memory"))
        return "the program must stay within the memory limit";
    if (!strcmp(status, "denied"))
        return "the program may not touch files, the network or processes (sandbox)";
    if (!strcmp(status, "crashed"))
        return "the program must not crash the interpreter";
    return "the program must run without an exception";
}

int zs_check_feedback(const zx_result *r, char **feedback, const char **reason)
{
    *feedback = NULL;
    if (strcmp(r->status, "ok") != 0) {
        *reason = !strcmp(r->status, "error") ? "exec error" : r->status;
        if (asprintf(feedback, "FAILED (%s): %s\nrule failed: %s", r->status,
                     r->error && r->error[0] ? r->error : "(no message)", status_rule(r->status)) < 0)
            *feedback = NULL;
        return 0;
    }
    zs_facts f;
    memset(&f, 0, sizeof f);
    f.solids = r->solids;
    f.faces = r->faces;
    f.edges = r->edges;
    f.valid = r->valid;
    const char *why = r->measured ? zs_validate(&f) : "no solid in result";
    *reason = why;
    int n;
    if (why)
        n = asprintf(feedback,
                     "FAILED validation: %s\nrule failed: the result must be a single valid solid with at least 7 "
                     "faces\nmeasured: solids %d, faces %d, edges %d, valid %s, volume %.6g, area %.6g",
                     why, r->solids, r->faces, r->edges, r->valid ? "yes" : "no", r->volume, r->area);
    else
        n = asprintf(feedback,
                     "VALID: solids 1, faces %d, edges %d, volume %.6g, area %.6g, bounding box [%.4g, %.4g, "
                     "%.4g] .. [%.4g, %.4g, %.4g]",
                     r->faces, r->edges, r->volume, r->area, r->bbox[0], r->bbox[1], r->bbox[2], r->bbox[3],
                     r->bbox[4], r->bbox[5]);
    if (n < 0)
        *feedback = NULL;
    return why == NULL;
}
