/* fuzz_render_records.c: libFuzzer target for the record files of `zerocad render --batch`: every
 * input is written as OUTDIR/render.jsonl in a private temporary directory for a batch of four
 * items. zrb_records_mark (another process's file, read only) must accept it or reject it with a
 * message naming the file, and leave its bytes as they were. Then the file is opened for
 * appending (its torn last line cut): marking it again must agree, and after one record appended
 * for an item not marked, marking must find exactly that one item more. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_files.h"
#include "renderbatch_internal.h"

#define NITEMS 4
static char *ids[NITEMS] = {"a", "b", "box-7", "\xc3\xa9t\xc3\xa9"};

static void make_items(zrb_items *items, zrb_item *v)
{
    memset(items, 0, sizeof *items);
    for (size_t i = 0; i < NITEMS; i++)
        v[i] = (zrb_item){ids[i], ids[i], -1, 0};
    items->v = v;
    items->n = items->cap = NITEMS;
    char err[256];
    if (zrb_items_index(items, err, sizeof err))
        abort();
}

/* Marks from path; -1 rejected (with a message naming it), else the items marked. */
static long mark(const char *path, const zrb_items *items, unsigned char *done)
{
    char err[2048] = "";
    size_t marked = 0;
    memset(done, 0, NITEMS);
    if (zrb_records_mark(path, items, done, &marked, err, sizeof err)) {
        if (!err[0] || !strstr(err, path))
            abort();
        return -1;
    }
    size_t count = 0;
    for (size_t i = 0; i < NITEMS; i++)
        count += done[i];
    if (count != marked)
        abort();
    return (long)marked;
}

static void unchanged(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *back = malloc(size + 1);
    if (!f || !back || fread(back, 1, size + 1, f) != size || (size && memcmp(back, data, size)))
        abort();   /* the reader of another process's file must not touch it */
    free(back);
    fclose(f);
}

static void append_one(const char *path, const zrb_items *items, long before)
{
    unsigned char done[NITEMS];
    if (mark(path, items, done) != before)
        abort();   /* cutting a torn tail changes no whole line */
    size_t i = 0;
    while (i < NITEMS && done[i])
        i++;
    if (i == NITEMS)
        return;
    zrb_records r;
    char err[2048];
    if (zrb_records_open(&r, path, err, sizeof err))
        abort();
    if (zrb_records_append(&r, &items->v[i], i % 2 ? "a bad \xff input" : NULL, NULL, 0.5, err, sizeof err))
        abort();
    zrb_records_close(&r);
    if (mark(path, items, done) != before + 1 || !done[i])
        abort();   /* what the writer appends, the reader must read */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[512], path[600];
    if (zf_make_dir(dir, sizeof dir, "render-records"))
        abort();
    snprintf(path, sizeof path, "%s/render.jsonl", dir);
    if (zf_write_file(path, data, size))
        abort();
    zrb_items items;
    zrb_item v[NITEMS];
    make_items(&items, v);
    unsigned char done[NITEMS];
    long before = mark(path, &items, done);
    unchanged(path, data, size);
    zrb_records r;
    char err[2048];
    if (zrb_records_open(&r, path, err, sizeof err))
        abort();
    zrb_records_close(&r);
    if (before >= 0)
        append_one(path, &items, before);
    free(items.by_id);
    unlink(path);
    rmdir(dir);
    return 0;
}
