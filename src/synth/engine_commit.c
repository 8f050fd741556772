/* engine_commit.c: the engine's decision on one program, in program order: rejected by the
 * executor, the paper's validation or dedup, or accepted; one log line either way, and the
 * accepted row appended to the open shard (a new shard is opened as needed and closed when
 * it holds rows_per_shard rows; the log is flushed to disk before a shard is renamed into
 * place, so a finished shard's rows are always in the log). */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "engine_internal.h"
#include "generator.h"
#include "lineappend.h"
#include "rowmake.h"

const char *zs_reject_reason(const char *status, const char *error, const zs_made *made, int parsed, char *buf,
                             size_t buflen)
{
    if (strcmp(status, "ok") != 0) {
        if (strcmp(status, "error") != 0)
            return status;   /* timeout, memory, crashed, denied */
        if (!strncmp(error, "ExportError", 11))
            return "export failed";
        size_t type = strcspn(error, ": (");
        snprintf(buf, buflen, "exec error: %.*s", (int)(type < 64 ? type : 64), error);
        return buf;
    }
    if (!parsed)
        return "exec error: no row";
    return zs_validate(&made->facts);
}

static char *hex_key(uint64_t k, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)k);
    return out;
}

/* Appends one whole line to the log (or nothing: a failed write is cut back). */
static int log_line(zs_run *r, json_t *obj)
{
    char *text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!text)
        return -1;
    size_t len = strlen(text);
    char *line = realloc(text, len + 2);
    if (!line) {
        free(text);
        return -1;
    }
    line[len] = '\n';
    int rc = zc_append_line(r->log_fd, line, len + 1);
    free(line);
    if (rc < 0)
        fprintf(stderr, "%s: %s/synth-log.jsonl: cannot write: %s\n", r->opts->label, r->opts->out_dir,
                strerror(errno));
    return rc;
}

static int open_shard(zs_run *r)
{
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/part-%05d.parquet", r->opts->out_dir, r->next_part);
    zd_write_opts wo;
    zd_write_opts_default(&wo);
    wo.description_column = r->src->description != NULL;
    r->writer = zd_writer_open(path, &wo, err, sizeof err);
    if (!r->writer) {
        fprintf(stderr, "%s: %s\n", r->opts->label, err);
        return -1;
    }
    r->next_part++;
    return 0;
}

int zs_shard_close(zs_run *r)
{
    if (!r->writer)
        return 0;
    char err[1024];
    zd_writer *w = r->writer;
    r->writer = NULL;
    if (zd_writer_rows(w) == 0) {
        zd_writer_abort(w);
        r->next_part--;
        return 0;
    }
    if (fdatasync(r->log_fd) != 0 || zd_writer_close(w, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", r->opts->label, errno ? strerror(errno) : err);
        return -1;
    }
    return 0;
}

void zs_row_fill(zd_row *row, const zs_pending *p, const zs_made *m)
{
    memset(row, 0, sizeof *row);
    row->uuid = p->uuid;
    row->uuid_len = strlen(p->uuid);
    row->code = p->code;
    row->code_len = strlen(p->code);
    row->ops_json = (const char *)m->blob[ZS_BLOB_OPS];
    row->ops_json_len = m->blob_len[ZS_BLOB_OPS];
    row->ops_count = m->facts.ops_count;
    row->num_faces = m->facts.faces;
    row->num_renders = 8;
    row->face_latency_ms = m->facts.face_latency_ms;
    row->ops_latency_ms = m->facts.ops_latency_ms;
    for (int v = 0; v < 8; v++) {
        row->image[v] = m->blob[ZS_BLOB_VIEW0 + v];
        row->image_len[v] = m->blob_len[ZS_BLOB_VIEW0 + v];
    }
    row->stl = m->blob[ZS_BLOB_STL];
    row->stl_len = m->blob_len[ZS_BLOB_STL];
    row->step = m->blob[ZS_BLOB_STEP];
    row->step_len = m->blob_len[ZS_BLOB_STEP];
    row->description = p->description;
    row->description_len = p->description ? strlen(p->description) : 0;
}

static int write_row(zs_run *r, const zs_pending *p, const zs_made *m)
{
    if (!r->writer && open_shard(r) < 0)
        return -1;
    zd_row row;
    zs_row_fill(&row, p, m);
    char err[1024];
    if (zd_write(r->writer, &row, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", r->opts->label, err);
        return -1;
    }
    if (zd_writer_rows(r->writer) >= r->opts->rows_per_shard)
        return zs_shard_close(r);
    return 0;
}

/* Dedup: exact (normalized code) and geometric (invariants, views). */
static const char *duplicate_reason(zs_run *r, uint64_t code_key, const zs_facts *f)
{
    if (!r->opts->dedup)
        return NULL;
    if (zs_keyset_has(&r->code_keys, code_key))
        return "duplicate code";
    if (zs_keyset_has(&r->geo_keys, f->geo_key) || zs_keyset_has(&r->view_keys, f->view_key))
        return "duplicate shape";
    return NULL;
}

int zs_commit(zs_run *r, const zs_pending *p)
{
    zs_made made;
    memset(&made, 0, sizeof made);
    int parsed = zs_rowmake_parse(p->payload, p->payload_len, &made) == 0;
    char buf[128];
    const char *reason = zs_reject_reason(p->status, p->error ? p->error : "", &made, parsed, buf, sizeof buf);
    uint64_t code_key = zs_code_key(p->code, strlen(p->code));
    if (!reason)
        reason = duplicate_reason(r, code_key, &made.facts);
    char k1[17], k2[17], k3[17];
    json_t *line = json_pack("{s:I, s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:f}", "i", (json_int_t)p->index, "uuid",
                             p->uuid, "family", p->family, "category", p->category, "status",
                             reason ? "rejected" : "accepted", "reason", reason,
                             "error", p->error && p->error[0] ? p->error : NULL, "seconds", p->seconds);
    if (line && parsed) {
        json_object_set_new(line, "faces", json_integer(made.facts.faces));
        json_object_set_new(line, "code_key", json_string(hex_key(code_key, k1)));
        json_object_set_new(line, "geo_key", json_string(hex_key(made.facts.geo_key, k2)));
        json_object_set_new(line, "view_key", json_string(hex_key(made.facts.view_key, k3)));
    }
    int rc = line ? log_line(r, line) : -1;
    json_decref(line);
    if (rc < 0)
        return -1;
    r->programs++;
    zs_tally_add(&r->families, p->family ? p->family : "(none)", 1);
    if (reason)
        return zs_tally_add(&r->reasons, reason, 1) < 0 ? -1 : 0;
    zs_tally_add(&r->families_ok, p->family ? p->family : "(none)", 1);
    if (zs_keyset_add(&r->code_keys, code_key) < 0 || zs_keyset_add(&r->geo_keys, made.facts.geo_key) < 0 ||
        zs_keyset_add(&r->view_keys, made.facts.view_key) < 0)
        return -1;
    r->accepted++;
    return write_row(r, p, &made);
}
