/* batch.c: zx_batch_run, the executor's in-memory front end: programs come from the caller's
 * next() callback, outcomes (and what a hook made in the worker) go to its done() callback;
 * the supervisor, workers and sandbox are the ones `zerocad exec` uses. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cq.h"
#include "exec_internal.h"

#define ZX_DEFAULT_PAYLOAD (64u << 20)

static int batch_take(zx_plan *p, size_t *index, char **id, char **name, char **source, char *err, size_t errlen)
{
    const zx_batch *b = p->ctx;
    *id = *source = NULL;
    int got = b->next(b->ctx, index, id, source);
    if (got <= 0)
        return got;
    if (!*id || !*source) {
        free(*id);
        free(*source);
        *id = *source = NULL;
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t n = strlen(*id) + 4;
    *name = malloc(n);
    if (!*name) {
        free(*id);
        free(*source);
        *id = *source = NULL;
        return -1;
    }
    snprintf(*name, n, "%s.py", *id);
    return 1;
}

static int batch_record(zx_plan *p, size_t index, const char *id, const zx_outcome *o, zx_status status,
                        double peak_rss_mb, const char *const export_paths[2], const unsigned char *payload)
{
    (void)id;
    (void)export_paths;
    const zx_batch *b = p->ctx;
    zx_result r = {.status = zx_status_name(status), .error = o->error, .measured = o->measured,
                   .volume = o->volume, .area = o->area, .solids = o->solids, .faces = o->faces,
                   .edges = o->edges, .valid = o->valid, .seconds = o->seconds, .peak_rss_mb = peak_rss_mb,
                   .payload = payload, .payload_len = payload ? o->payload_len : 0};
    memcpy(r.bbox, o->bbox, sizeof r.bbox);
    return b->done(b->ctx, index, &r);
}

int zx_batch_run(const zx_batch *batch)
{
    if (batch->jobs < 1 || !(batch->timeout > 0) || !batch->next || !batch->done) {
        fprintf(stderr, "zerocad exec: bad batch settings (jobs >= 1, timeout > 0, next and done needed)\n");
        return 1;
    }
    char root[PATH_MAX];
    if (zc_python_start() != 0 || zx_temp_root(root, sizeof root) < 0)
        return 1;
    double disk_mb = zx_disk_mb(batch->disk_mb);
    long files = zx_disk_files(batch->files);
    zx_disk disk;
    if (zx_disk_setup(&disk, disk_mb, files, root) != 0) {
        fprintf(stderr, "zerocad exec: cannot set up the disk budget: %s\n", strerror(errno));
        zx_remove_tree(root);
        return 1;
    }
    zx_prewarm();
    zx_plan plan = {.jobs = batch->jobs, .timeout = batch->timeout, .memory_mb = batch->memory_mb,
                    .scratch_root = root, .disk = &disk, .disk_mb = disk_mb, .files = files,
                    .hook = batch->hook, .hook_ctx = batch->hook_ctx,
                    .payload_cap = batch->hook ? (batch->payload_cap ? batch->payload_cap : ZX_DEFAULT_PAYLOAD) : 0,
                    .ctx = (void *)batch, .take = batch_take, .record = batch_record};
    int rc = zx_supervise(&plan);
    zx_remove_tree(root);
    return rc;
}
