/* records.c: the results file: one JSON line per program, appended with a single write()
 * as each program finishes (so a killed executor leaves whole lines), fdatasync'd at most
 * once a second and at the end; reopening it collects the ids already recorded (resume) and
 * drops a torn last line. A write that fails part way (a full disk) is undone, so the file
 * always ends with a whole line (lineappend.c). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "exec_internal.h"
#include "lineappend.h"

/* Adds the id of every complete line to done; returns the length of the complete part, or
 * -1 with a message. */
static long collect_ids(FILE *f, const char *path, zx_idset *done, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t cap = 0;
    long complete = 0, line = 0;
    ssize_t len;
    while ((len = getline(&buf, &cap, f)) > 0) {
        line++;
        if (buf[len - 1] != '\n')
            break;   /* torn last line: dropped and its program run again */
        json_error_t jerr;
        json_t *obj = buf[0] == '\n' ? NULL : json_loads(buf, 0, &jerr);
        json_t *id = json_object_get(obj, "id");
        if (buf[0] != '\n' && !json_is_string(id)) {
            snprintf(err, errlen, "%s:%ld: not a record of zerocad exec (no string \"id\"); refusing to append",
                     path, line);
            json_decref(obj);
            free(buf);
            return -1;
        }
        if (id && zx_idset_add(done, json_string_value(id)) < 0) {
            snprintf(err, errlen, "out of memory");
            json_decref(obj);
            free(buf);
            return -1;
        }
        json_decref(obj);
        complete += len;
    }
    free(buf);
    return complete;
}

int zx_records_open(zx_records *r, const char *path, zx_idset *done, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->path = path;
    FILE *f = fopen(path, "rb");
    if (f) {
        long complete = collect_ids(f, path, done, err, errlen);   /* refuses a file not ours, untouched */
        fclose(f);
        if (complete < 0)
            return -1;
    } else if (errno != ENOENT) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    r->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (r->fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (zc_cut_torn_tail(r->fd) < 0) {
        snprintf(err, errlen, "%s: cannot drop the torn last line: %s", path, strerror(errno));
        close(r->fd);
        r->fd = -1;
        return -1;
    }
    r->last_sync = zx_now();
    return 0;
}

int zx_records_read(const char *path, zx_idset *done, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    long complete = collect_ids(f, path, done, err, errlen);
    fclose(f);
    return complete < 0 ? -1 : 0;
}

static json_t *number_or_null(int measured, double v)
{
    return measured && isfinite(v) ? json_real(v) : json_null();
}

static json_t *int_or_null(int measured, int v)
{
    return measured ? json_integer(v) : json_null();
}

static json_t *build_record(const char *id, const zx_outcome *o, zx_status status, double peak_rss_mb,
                            const char *const export_paths[2])
{
    json_t *rec = json_object();
    json_t *err = o->error[0] ? json_string(o->error) : json_null();
    if (!err)   /* not valid UTF-8: keep the record, say so */
        err = json_string("(the error message is not valid UTF-8)");
    json_t *bbox = json_null();
    if (o->measured)
        bbox = json_pack("[f,f,f,f,f,f]", o->bbox[0], o->bbox[1], o->bbox[2], o->bbox[3], o->bbox[4], o->bbox[5]);
    json_t *exports = json_object();
    const char *kinds[2] = {"step", "stl"};
    for (int k = 0; k < 2; k++)
        if ((o->exported & (1 << k)) && export_paths[k])
            json_object_set_new(exports, kinds[k], json_string(export_paths[k]));
    json_object_set_new(rec, "id", json_string(id));
    json_object_set_new(rec, "status", json_string(zx_status_name(status)));
    json_object_set_new(rec, "error", err);
    json_object_set_new(rec, "volume", number_or_null(o->measured, o->volume));
    json_object_set_new(rec, "area", number_or_null(o->measured, o->area));
    json_object_set_new(rec, "bbox", bbox);
    json_object_set_new(rec, "solids", int_or_null(o->measured, o->solids));
    json_object_set_new(rec, "faces", int_or_null(o->measured, o->faces));
    json_object_set_new(rec, "edges", int_or_null(o->measured, o->edges));
    json_object_set_new(rec, "valid", o->measured ? json_boolean(o->valid) : json_null());
    json_object_set_new(rec, "seconds", number_or_null(1, o->seconds));
    json_object_set_new(rec, "peak_rss_mb", number_or_null(1, peak_rss_mb));
    json_object_set_new(rec, "exports", exports);
    return rec;
}

int zx_records_append(zx_records *r, const char *id, const zx_outcome *o, zx_status status, double peak_rss_mb,
                      const char *const export_paths[2])
{
    json_t *rec = build_record(id, o, status, peak_rss_mb, export_paths);
    char *text = rec ? json_dumps(rec, JSON_REAL_PRECISION(17) | JSON_COMPACT) : NULL;
    json_decref(rec);
    if (!text) {
        fprintf(stderr, "zerocad exec: cannot format the record of '%s'\n", id);
        return -1;
    }
    size_t len = strlen(text);
    char *line = realloc(text, len + 2);
    if (!line) {
        free(text);
        return -1;
    }
    line[len] = '\n';
    line[len + 1] = '\0';
    int rc = zc_append_line(r->fd, line, len + 1);   /* whole line or nothing (ENOSPC) */
    free(line);
    if (rc < 0) {
        fprintf(stderr, "zerocad exec: %s: cannot write: %s\n", r->path, strerror(errno));
        return -1;
    }
    double now = zx_now();
    if (now - r->last_sync >= 1.0) {
        fdatasync(r->fd);
        r->last_sync = now;
    }
    return 0;
}

int zx_records_close(zx_records *r)
{
    if (r->fd < 0)
        return 0;
    int rc = fsync(r->fd);
    if (close(r->fd) != 0)
        rc = -1;
    r->fd = -1;
    if (rc != 0)
        fprintf(stderr, "zerocad exec: %s: %s\n", r->path, strerror(errno));
    return rc;
}
