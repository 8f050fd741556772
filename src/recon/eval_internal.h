/* eval_internal.h: internal to the model evaluation of src/recon (zrc_eval_model): the durable
 * per-item records, the sources of test items (shard rows, a folder of STEP files) and the
 * execution and scoring of generated programs. */
#ifndef ZC_RECON_EVAL_INTERNAL_H
#define ZC_RECON_EVAL_INTERNAL_H

#include "recon.h"

/* ---- records (eval_records.c): OUT.jsonl, one whole line per item, fsync'd ---- */
typedef struct {
    char *id;
    int success, scored;
    double iou;
} ev_rec;

typedef struct {
    int fd;
    const char *path;
    ev_rec *v;
    size_t n, cap;
    char **slots;              /* open-addressing set of ids */
    size_t nslots;
    const char *weights;       /* the decoder format ("as stored", "q8", "q4") of every record read
                                  that names one; NULL: any */
} ev_records;

/* Opens (creates) path for appending, cuts a torn last line, reads the records there. A record
 * whose decoder_weights is not weights (when given) is an error: one report, one decoder format
 * (the torn line, never a record, is cut all the same). 0, or -1 with err naming the file and line. */
int ev_records_open(ev_records *r, const char *path, const char *weights, char *err, size_t errlen);
int ev_records_has(const ev_records *r, const char *id);
/* Reads the whole lines of another process's record file into r (read only: a torn last line
 * is left alone, ids already in r are kept once; r->weights checked as above). 0, or -1 with err. */
int ev_records_load(ev_records *r, const char *path, char *err, size_t errlen);
/* Appends one record line (a JSON object with id, success, scored, iou) and fsyncs. 0 or -1. */
int ev_records_append(ev_records *r, void *json_record, char *err, size_t errlen);
void ev_records_close(ev_records *r);

/* ---- items (eval_source.c) ---- */
typedef struct {
    char *id;
    uint8_t *rgb[ZRC_VIEWS];
    int w[ZRC_VIEWS], h[ZRC_VIEWS], nviews;
    unsigned char *gt;         /* the ground truth's bytes (STEP, or STL when gt_stl) */
    size_t gt_len;
    int gt_stl;
    char *gt_name;             /* for messages: SHARD#uuid or the STEP file */
    /* filled on the way */
    char *code;
    int tokens;
    double t0, gen_s;
    size_t pos;                /* the item's position in source order (shared runs) */
} ev_item;

void ev_item_free(ev_item *it);

typedef struct ev_source ev_source;
/* The rows of the shards (files or folders), or the STEP files of gt_dir. NULL + err. */
ev_source *ev_source_open(const zrc_eval_opts *o, char *err, size_t errlen);
/* The next item not in done (its views decoded or rendered): 1, 0 at the end, -1 with err (the
 * source is broken: a bad shard). Items that cannot be prepared (no views, a STEP file that does
 * not render) come back with nviews 0 and the reason in err: they are recorded as failures. */
int ev_source_next(ev_source *s, const ev_records *done, ev_item *it, char *err, size_t errlen);
/* Items seen so far (done ones included): for --limit. */
long ev_source_seen(const ev_source *s);
/* The ids of the first limit items (0: all) in order, nothing decoded: *ids malloc'd (free each
 * and the array). 0, or -1 with err. */
int ev_source_ids(ev_source *s, long limit, char ***ids, size_t *n, char *err, size_t errlen);
/* The item at position pos (as ev_source_next would give it). 1, 0 past the end, -1 with err. */
int ev_source_at(ev_source *s, size_t pos, ev_item *it, char *err, size_t errlen);
void ev_source_close(ev_source *s);

/* ---- execution and scoring (eval_exec.c) ---- */
typedef struct {
    char status[16];
    char error[512];
    int success, scored;
    double iou, cd, exec_s, score_s;
} ev_score;

/* Runs the n programs (items' code) in the executor's sandbox (the result solid comes back as
 * BRep text in memory) and scores each against its ground truth. 0, or -1 with err when the
 * executor failed or was interrupted. */
int ev_exec_score(ev_item *const *items, int n, const zm_options *mo, ev_score *out, char *err, size_t errlen);

/* ---- the table (eval_table.c) ---- */
/* Over every record: success rate, IoU mean / median / P90 over the scored successes and with
 * failures as 0, beside the model card's figures; PREFIX.json and PREFIX.md written, the markdown
 * printed on stdout. 0, or -1 (a message printed). */
int zrc_eval_table(const ev_records *r, const zrc_eval_opts *o, const zm_options *mo, const char *prefix,
                   double seconds, long recorded);

#endif
