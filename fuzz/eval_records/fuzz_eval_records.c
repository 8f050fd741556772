/* fuzz_eval_records.c: libFuzzer target for the records reader of `zerocad eval --model`: every
 * input is written as an existing OUT.jsonl in a private temporary directory and opened with
 * ev_records_open. It must be accepted or rejected with a message, never crash. When accepted, the
 * ids read are distinct and each is found in the set; one record with a new id is appended and
 * the file opened again: that must succeed with exactly one record more, the new id among them.
 * Before that, ev_records_load (another process's file, read only) reads the same input: it must
 * leave the file as it was and agree with ev_records_open (accepted or not, the same records).
 * Both read as a run with q4 decoder weights. */
#define _GNU_SOURCE
#include "eval_internal.h"
#include "fuzz_files.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WEIGHTS "q4" /* the run's decoder format: records naming another one are rejected */

/* The records read are distinct ids, each in the set. */
static void check_set(const ev_records *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (!ev_records_has(r, r->v[i].id))
            abort();
        for (size_t k = 0; k < i && r->n < 512; k++)
            if (!strcmp(r->v[i].id, r->v[k].id))
                abort();
    }
}

/* Appends one record with an id the file does not have, then reads it all again. */
static void append_and_reopen(ev_records *r, const char *path)
{
    char id[64];
    int k = 0;
    do
        snprintf(id, sizeof id, "fuzz-appended-%d", k++);
    while (ev_records_has(r, id));
    size_t before = r->n;
    json_t *rec = json_pack("{s:s, s:b, s:b, s:f, s:s}", "id", id, "success", 1, "scored", 1, "iou", 0.75,
                            "decoder_weights", WEIGHTS);
    char err[2048];
    err[0] = 0;
    if (!rec || ev_records_append(r, rec, err, sizeof err))
        abort();
    json_decref(rec);
    ev_records_close(r);
    ev_records again;
    if (ev_records_open(&again, path, WEIGHTS, err, sizeof err) || again.n != before + 1 || !ev_records_has(&again, id))
        abort();   /* what the writer appends, the reader must read */
    check_set(&again);
    ev_records_close(&again);
}

/* Reads path read-only; aborts if its bytes changed. *n: the records read, -1 rejected. */
static void load_read_only(const char *path, const uint8_t *data, size_t size, long *n)
{
    ev_records r = {.fd = -1, .weights = WEIGHTS};
    char err[2048];
    err[0] = 0;
    *n = ev_records_load(&r, path, err, sizeof err) ? -1 : (long)r.n;
    if (*n < 0 && (!err[0] || !strstr(err, path)))
        abort();   /* a rejection must say why, naming the file */
    if (*n >= 0)
        check_set(&r);
    ev_records_close(&r);
    FILE *f = fopen(path, "rb");
    uint8_t *back = malloc(size + 1);
    if (!f || !back || fread(back, 1, size + 1, f) != size || (size && memcmp(back, data, size)))
        abort();   /* the reader of another process's file must not touch it */
    free(back);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[512], path[600];
    if (zf_make_dir(dir, sizeof dir, "eval-records"))
        abort();
    snprintf(path, sizeof path, "%s/out.jsonl", dir);
    if (zf_write_file(path, data, size))
        abort();
    long loaded;
    load_read_only(path, data, size, &loaded);
    ev_records r;
    char err[2048];
    err[0] = 0;
    if (ev_records_open(&r, path, WEIGHTS, err, sizeof err) == 0) {
        if (loaded != (long)r.n)
            abort();   /* the two readers see the same whole lines */
        check_set(&r);
        append_and_reopen(&r, path);
    } else {
        if (loaded >= 0)
            abort();
        if (!err[0] || !strstr(err, path))
            abort();   /* a rejection must say why, naming the file */
        ev_records_close(&r);
    }
    unlink(path);
    rmdir(dir);
    return 0;
}
