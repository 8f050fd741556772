/* eval_records.c: the per-item records of a shared `zerocad eval --pred` (OUT.part-RRRRR.jsonl,
 * OUT.shard-K-of-N.jsonl): one whole line per item, the object zm_report_item_json makes,
 * appended and fsync'd as soon as the item is scored; read back into items (id, status, success,
 * scored, iou, cd, error, the before-refinement fields, times) to skip the items recorded on a
 * rerun and to compute the table over every file of the job. A torn last line (a process killed
 * mid-write) is cut when its own process opens the file again, and ignored by readers. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "lineappend.h"
#include "metrics_internal.h"

static double number_or_nan(const json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* A number, or null (what num() in report.c writes for NaN); anything else is not a record. */
static int number_field(const json_t *rec, const char *key)
{
    const json_t *v = json_object_get(rec, key);
    return !v || json_is_null(v) || json_is_number(v);
}

/* Is this line's object a record? The fields a record must have, with their types. */
static int is_record(const json_t *rec)
{
    const char *id = json_string_value(json_object_get(rec, "id"));
    const json_t *error = json_object_get(rec, "error");
    const json_t *sb = json_object_get(rec, "success_before");
    return json_is_object(rec) && id && *id && json_is_string(json_object_get(rec, "status")) &&
           json_is_boolean(json_object_get(rec, "success")) && json_is_boolean(json_object_get(rec, "scored")) &&
           (!error || json_is_null(error) || json_is_string(error)) && (!sb || json_is_boolean(sb)) &&
           number_field(rec, "iou") && number_field(rec, "cd") && number_field(rec, "iou_before") &&
           number_field(rec, "exec_seconds") && number_field(rec, "score_seconds");
}

/* The record's fields into a new item; an id already there keeps its first record. 0 or -1. */
static int keep(zm_item_list *items, const json_t *rec)
{
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (zm_items_find(items, id))
        return 0;
    zm_item *it = zm_items_find_or_add(items, id);
    if (!it)
        return -1;
    snprintf(it->status, sizeof it->status, "%s", json_string_value(json_object_get(rec, "status")));
    const char *error = json_string_value(json_object_get(rec, "error"));
    snprintf(it->error, sizeof it->error, "%s", error ? error : "");
    it->success = json_is_true(json_object_get(rec, "success"));
    it->scored = json_is_true(json_object_get(rec, "scored"));
    it->valid = it->success;
    it->iou = number_or_nan(json_object_get(rec, "iou"));
    it->cd = number_or_nan(json_object_get(rec, "cd"));
    it->exec_seconds = number_or_nan(json_object_get(rec, "exec_seconds"));
    it->score_seconds = number_or_nan(json_object_get(rec, "score_seconds"));
    const json_t *sb = json_object_get(rec, "success_before");
    if (sb) {
        it->has_before = 1;
        it->success_before = json_is_true(sb);
        it->iou_before = number_or_nan(json_object_get(rec, "iou_before"));
        it->scored_before = json_is_true(json_object_get(rec, "scored_before"));
    }
    return 0;
}

int zm_records_read(const char *path, zm_item_list *items, long *rows, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long no = 0, n = 0;
    int rc = 0;
    while (!rc && (len = getline(&line, &cap, f)) > 0 && line[len - 1] == '\n') {   /* whole lines only */
        no++;
        if (strspn(line, " \t\r\n") == (size_t)len)
            continue;
        json_error_t jerr;
        json_t *rec = (size_t)len == strlen(line) ? json_loads(line, 0, &jerr) : NULL;
        if (!is_record(rec)) {
            snprintf(err, errlen, "%s:%ld: not a record of `zerocad eval --pred` (a JSON object with \"id\", "
                     "\"status\", \"success\", \"scored\")", path, no);
            rc = -1;
        } else if (keep(items, rec)) {
            snprintf(err, errlen, "out of memory reading %s", path);
            rc = -1;
        }
        n += !rc;
        json_decref(rec);
    }
    if (!rc && ferror(f)) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        rc = -1;
    }
    free(line);
    fclose(f);
    if (rows)
        *rows = n;
    return rc;
}

int zm_records_open(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open for appending: %s", path, strerror(errno));
        return -1;
    }
    if (zc_cut_torn_tail(fd) < 0) {
        snprintf(err, errlen, "%s: cannot cut its torn last line: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int zm_records_append(int fd, const char *path, const void *record, char *err, size_t errlen)
{
    char *s = json_dumps(record, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(17));
    size_t n = s ? strlen(s) : 0;
    char *line = s ? realloc(s, n + 2) : NULL;
    if (!line) {
        free(s);
        snprintf(err, errlen, "out of memory writing a record to %s", path);
        return -1;
    }
    line[n] = '\n';
    line[n + 1] = 0;
    int rc = zc_append_line(fd, line, n + 1) || fsync(fd) ? -1 : 0;
    if (rc)
        snprintf(err, errlen, "%s: cannot append a record: %s", path, strerror(errno));
    free(line);
    return rc;
}
