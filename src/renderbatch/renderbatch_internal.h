/* renderbatch_internal.h: what the files of src/renderbatch/ share (not a public header; that
 * is renderbatch.h): the batch's items, its record files, the view-spec guard of OUTDIR, the
 * progress line and small text helpers. */
#ifndef ZRB_RENDERBATCH_INTERNAL_H
#define ZRB_RENDERBATCH_INTERNAL_H

#include <stddef.h>

#include <jansson.h>

#include "renderbatch.h"
#include "shard.h"

/* ---- the items (items.c, ids.c) ---- */
typedef struct {
    char *id;                  /* the file's stem, or the row's uuid */
    char *source;              /* the file, or SHARD.parquet#UUID */
    long shard;                /* index into zrb_items.shards; -1: a file */
    long row;                  /* the row's index in its shard */
} zrb_item;

typedef struct {
    zrb_item *v;
    size_t n, cap;
    char **shards;             /* the shards' paths */
    size_t nshards, capshards;
    size_t *by_id;             /* item indices sorted by id (ids are unique) */
} zrb_items;

/* Every item of the inputs in order: inputs as given, a folder's files sorted by name, a
 * shard's rows in order. Fails (one line naming the input) on an input that cannot be read, a
 * folder without inputs, an unknown file type, an id that is not UTF-8, or an id twice. */
int zrb_items_list(const char *const *inputs, int n, zrb_items *items, char *err, size_t errlen);
void zrb_items_free(zrb_items *items);
/* Sorts items->by_id (malloc'd); fails on an id twice or an id that is not UTF-8. */
int zrb_items_index(zrb_items *items, char *err, size_t errlen);
/* The index of the item with this id, or -1. */
long zrb_items_find(const zrb_items *items, const char *id);
/* Whether an id can name a folder of OUTDIR: not empty, "." or "..", no '/' or control
 * characters. */
int zrb_id_usable(const char *id);

/* ---- reading shard rows in order (rows.c) ---- */
typedef struct {
    zd_reader *reader;
    long shard, next;          /* the open shard and the index of the row zd_next gives next */
} zrb_cursor;

/* The step_file of the item's row (borrowed until the next call or zrb_cursor_close). The
 * shard stays open, so rows taken in increasing order are read once. */
int zrb_cursor_step(zrb_cursor *c, const zrb_items *items, const zrb_item *it, const unsigned char **step,
                    size_t *len, char *err, size_t errlen);
void zrb_cursor_close(zrb_cursor *c);

/* ---- record files (records.c) ---- */
typedef struct {
    int fd;
    char path[4096];
} zrb_records;

/* Opens (creating) the record file this process appends to, its torn last line cut off. */
int zrb_records_open(zrb_records *r, const char *path, char *err, size_t errlen);
/* Sets done[i] for every item whose id a whole line of the file records (a missing file
 * records nothing); *marked counts them. Fails on a line that is not a record. */
int zrb_records_mark(const char *path, const zrb_items *items, unsigned char *done, size_t *marked, char *err,
                     size_t errlen);
/* Appends one record line and fsyncs it: {"id", "input", "status", "error", "views",
 * "seconds"}; error NULL: status ok. views: the files written, relative to OUTDIR (stolen). */
int zrb_records_append(zrb_records *r, const zrb_item *it, const char *error, json_t *views, double seconds,
                       char *err, size_t errlen);
void zrb_records_close(zrb_records *r);

/* ---- one item (item.c) ---- */
/* Draws the item's views into OUTDIR/<id>/ (files and folders fsync'd); *files: their paths
 * relative to OUTDIR. 0; -1 the item failed (err says why: its record says so); -2 OUTDIR
 * could not be written (the batch stops). */
int zrb_item_render(const zrb_opts *o, const zrb_items *items, const zrb_item *it, zrb_cursor *cur, json_t **files,
                    char *err, size_t errlen);

/* ---- OUTDIR's view spec (spec_guard.c) ---- */
/* Writes OUTDIR/render.spec.json (the spec as JSON) when absent; fails when it holds another
 * spec (the ids recorded were drawn with it). Safe when several processes do it at once. */
int zrb_spec_guard(const char *outdir, const zr_spec *spec, char *err, size_t errlen);

/* ---- progress (progress.c) ---- */
typedef struct {
    size_t total, done, errors, skipped;
    double t0, last_print;
    int tty, drawn, quiet;
    const char *label;
} zrb_progress;

void zrb_progress_start(zrb_progress *p, size_t total, size_t skipped, int quiet, const char *label);
void zrb_progress_add(zrb_progress *p, int ok);
void zrb_progress_summary(zrb_progress *p);
double zrb_now(void);

/* ---- helpers (views_out.c, text.c) ---- */
int zrb_make_dirs(const char *dir, char *err, size_t errlen);
int zrb_sync_path(const char *path, char *err, size_t errlen);
int zrb_utf8_valid(const char *s);
/* A JSON string of s, its bytes that are not UTF-8 replaced by '?'. */
json_t *zrb_json_text(const char *s);

#endif
