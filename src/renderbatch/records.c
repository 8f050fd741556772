/* records.c: the record files of a render batch (OUTDIR/render.jsonl, or a part of a shared
 * job): one JSON line per item, appended whole and fsync'd after the item's files, so a line
 * means the views are on disk. Opening cuts a torn last line (a run killed mid-write); reading
 * marks the items whose ids whole lines record, which a rerun skips. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineappend.h"
#include "renderbatch_internal.h"

int zrb_records_open(zrb_records *r, const char *path, char *err, size_t errlen)
{
    snprintf(r->path, sizeof r->path, "%s", path);
    r->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (r->fd < 0 || zc_cut_torn_tail(r->fd) < 0) {
        snprintf(err, errlen, "%s: cannot open the records: %s", path, strerror(errno));
        if (r->fd >= 0)
            close(r->fd);
        r->fd = -1;
        return -1;
    }
    return 0;
}

/* The id of one whole line, or NULL when it is not a render record. */
static char *line_id(const char *line, size_t len)
{
    json_t *j = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    const char *id = json_string_value(json_object_get(j, "id"));
    const char *status = json_string_value(json_object_get(j, "status"));
    char *copy = id && status ? strdup(id) : NULL;
    json_decref(j);
    return copy;
}

int zrb_records_mark(const char *path, const zrb_items *items, unsigned char *done, size_t *marked, char *err,
                     size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "%s: cannot read the records: %s", path, strerror(errno));
        return -1;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int rc = 0;
    while (!rc && (len = getline(&buf, &cap, f)) > 0) {
        lineno++;
        if (buf[len - 1] != '\n')
            break;   /* a torn last line: its item was not finished */
        if (len == 1)
            continue;
        char *id = line_id(buf, (size_t)len);
        if (!id) {
            snprintf(err, errlen, "%s:%ld: not a render record (a JSON object with \"id\" and \"status\")", path,
                     lineno);
            rc = -1;
            break;
        }
        long i = zrb_items_find(items, id);
        if (i >= 0 && !done[i]) {
            done[i] = 1;
            (*marked)++;
        }
        free(id);
    }
    free(buf);
    fclose(f);
    return rc;
}

int zrb_records_append(zrb_records *r, const zrb_item *it, const char *error, json_t *views, double seconds,
                       char *err, size_t errlen)
{
    json_t *rec = json_object();
    json_object_set_new(rec, "id", json_string(it->id));
    json_object_set_new(rec, "input", zrb_json_text(it->source));
    json_object_set_new(rec, "status", json_string(error ? "error" : "ok"));
    json_object_set_new(rec, "error", error ? zrb_json_text(error) : json_null());
    json_object_set_new(rec, "views", views ? views : json_array());
    json_object_set_new(rec, "seconds", json_real(seconds));
    char *text = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(rec);
    char *line = NULL;
    int n = text ? asprintf(&line, "%s\n", text) : -1;
    free(text);
    int rc = n > 0 && !zc_append_line(r->fd, line, (size_t)n) && !fsync(r->fd) ? 0 : -1;
    if (rc)
        snprintf(err, errlen, "%s: cannot append the record of %s: %s", r->path, it->id,
                 n > 0 ? strerror(errno) : "out of memory");
    free(line);
    return rc;
}

void zrb_records_close(zrb_records *r)
{
    if (r->fd >= 0)
        close(r->fd);
    r->fd = -1;
}
