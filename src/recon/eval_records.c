/* eval_records.c: the per-item records of `zerocad eval --model` (OUT.jsonl): opened for appending
 * with a torn last line cut off (a run killed mid-write), every line read back (id, success,
 * scored, iou: what the table needs and what resuming skips), then one whole line appended and
 * fsync'd per item, so that a killed run resumes with each item exactly once. */
#define _GNU_SOURCE
#include "eval_internal.h"
#include "lineappend.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t hash_id(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int set_grow(ev_records *r)
{
    size_t ns = r->nslots ? 2 * r->nslots : 1024;
    char **slots = calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < r->nslots; i++)
        if (r->slots[i]) {
            size_t k = hash_id(r->slots[i]) & (ns - 1);
            while (slots[k])
                k = (k + 1) & (ns - 1);
            slots[k] = r->slots[i];
        }
    free(r->slots);
    r->slots = slots, r->nslots = ns;
    return 0;
}

int ev_records_has(const ev_records *r, const char *id)
{
    if (!r->nslots)
        return 0;
    for (size_t k = hash_id(id) & (r->nslots - 1); r->slots[k]; k = (k + 1) & (r->nslots - 1))
        if (!strcmp(r->slots[k], id))
            return 1;
    return 0;
}

/* Keeps a record (its id also in the set). 0, or -1 out of memory. */
static int keep(ev_records *r, const char *id, int success, int scored, double iou)
{
    if ((r->n + 1) * 2 > r->nslots && set_grow(r))
        return -1;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        ev_rec *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return -1;
        r->v = v, r->cap = cap;
    }
    char *d = strdup(id);
    if (!d)
        return -1;
    r->v[r->n++] = (ev_rec){d, success, scored, iou};
    size_t k = hash_id(d) & (r->nslots - 1);
    while (r->slots[k])
        k = (k + 1) & (r->nslots - 1);
    r->slots[k] = d;
    return 0;
}

/* Keeps the record j: 0, 1 when it is not a record, 2 when it names another decoder format than
 * r->weights, -1 out of memory. */
static int keep_json(ev_records *r, json_t *j)
{
    const char *id = json_string_value(json_object_get(j, "id"));
    json_t *wj = json_object_get(j, "decoder_weights"), *iou = json_object_get(j, "iou");
    const char *w = json_string_value(wj);
    if (!id || (wj && !w))
        return 1; /* not a record (a decoder_weights that is not a string neither) */
    if (r->weights && w && strcmp(w, r->weights))
        return 2;
    if (ev_records_has(r, id))
        return 0;
    return keep(r, id, json_is_true(json_object_get(j, "success")), json_is_true(json_object_get(j, "scored")),
                json_is_number(iou) ? json_number_value(iou) : NAN) ? -1 : 0;
}

/* Line no of path (text, one record); 0, or -1 with err. */
static int take_line(ev_records *r, const char *path, long no, const char *text, char *err, size_t errlen)
{
    json_t *j = json_loads(text, 0, NULL);
    int k = j ? keep_json(r, j) : 1;
    if (k == 1)
        snprintf(err, errlen,
                 "%s: line %ld is not a record of `zerocad eval --model` (a JSON object with \"id\"; "
                 "\"decoder_weights\", if there, a string)",
                 path, no);
    else if (k == 2)
        snprintf(err, errlen,
                 "%s: line %ld was decoded with decoder weights %s, this run with %s: resume it with the --quant it "
                 "started with, or write a new report (-o)",
                 path, no, json_string_value(json_object_get(j, "decoder_weights")), r->weights);
    else if (k < 0)
        snprintf(err, errlen, "out of memory reading %s", path);
    json_decref(j);
    return k ? -1 : 0;
}

static int read_back(ev_records *r, char *err, size_t errlen)
{
    FILE *f = fopen(r->path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", r->path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    long no = 0;
    int rc = 0;
    while (!rc && getline(&line, &cap, f) > 0)
        rc = take_line(r, r->path, ++no, line, err, errlen);
    free(line);
    fclose(f);
    return rc;
}

int ev_records_load(ev_records *r, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    long no = 0;
    ssize_t len;
    int rc = 0;
    while (!rc && (len = getline(&line, &cap, f)) > 0 && line[len - 1] == '\n') /* whole lines only */
        rc = take_line(r, path, ++no, line, err, errlen);
    free(line);
    fclose(f);
    return rc;
}

int ev_records_open(ev_records *r, const char *path, const char *weights, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->weights = weights;
    r->fd = -1;
    r->fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (r->fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (zc_cut_torn_tail(r->fd) < 0) {
        snprintf(err, errlen, "%s: cannot cut its torn last line: %s", path, strerror(errno));
        return -1;
    }
    return read_back(r, err, errlen);
}

int ev_records_append(ev_records *r, void *json_record, char *err, size_t errlen)
{
    json_t *j = json_record;
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    size_t n = s ? strlen(s) : 0;
    char *line = s ? realloc(s, n + 2) : NULL;
    if (!line) {
        free(s);
        snprintf(err, errlen, "out of memory writing a record");
        return -1;
    }
    line[n] = '\n', line[n + 1] = 0;
    int rc = zc_append_line(r->fd, line, n + 1) || fsync(r->fd) ? -1 : 0;
    if (rc)
        snprintf(err, errlen, "%s: cannot append a record: %s", r->path, strerror(errno));
    else if (keep_json(r, j) < 0)
        snprintf(err, errlen, "out of memory"), rc = -1;
    free(line);
    return rc;
}

void ev_records_close(ev_records *r)
{
    if (r->fd >= 0)
        close(r->fd);
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].id);
    free(r->v);
    free(r->slots);
    memset(r, 0, sizeof *r);
    r->fd = -1;
}
