/* fuzz_pred_records.c: libFuzzer target for the records reader of a shared `zerocad eval --pred`
 * (zm_records_read): every input is written as a part file in a private temporary directory and
 * read. It must be accepted or rejected with a message naming the file, never crash, and leave
 * the file as it was. When accepted: the items read have distinct ids, each found by id, and no
 * more items than whole lines; then the file is opened for appending (a torn last line cut), one
 * record with a new id appended, and read again: that must succeed with exactly one item more, the
 * new one with the fields written. */
#define _GNU_SOURCE
#include "fuzz_files.h"
#include "metrics_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void check_items(const zm_item_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (zm_items_find(l, l->v[i].id) != &l->v[i])
            abort();
        for (size_t k = 0; k < i && l->n < 512; k++)
            if (!strcmp(l->v[i].id, l->v[k].id))
                abort();
    }
}

/* Whole lines of the input (ending in '\n'). */
static long whole_lines(const uint8_t *data, size_t size)
{
    long n = 0;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n';
    return n;
}

static void append_and_reread(const char *path, const zm_item_list *before)
{
    char id[64], err[2048] = "";
    int k = 0;
    do
        snprintf(id, sizeof id, "fuzz-appended-%d", k++);
    while (zm_items_find(before, id));
    int fd = zm_records_open(path, err, sizeof err);
    if (fd < 0)
        abort();
    json_t *rec = json_pack("{s:s, s:s, s:b, s:b, s:f, s:n, s:n}", "id", id, "status", "ok", "success", 1, "scored", 1,
                            "iou", 0.75, "cd", "error");
    if (!rec || zm_records_append(fd, path, rec, err, sizeof err))
        abort();
    json_decref(rec);
    close(fd);
    zm_item_list again = {0};
    if (zm_records_read(path, &again, NULL, err, sizeof err) || again.n != before->n + 1)
        abort();   /* what the writer appends, the reader must read */
    zm_item *it = zm_items_find(&again, id);
    if (!it || !it->success || !it->scored || it->iou != 0.75 || !isnan(it->cd) || strcmp(it->status, "ok"))
        abort();
    check_items(&again);
    zm_items_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[256], path[512];
    if (zf_make_dir(dir, sizeof dir, "pred_records"))
        return 0;
    snprintf(path, sizeof path, "%s/r.part-00000.jsonl", dir);
    if (zf_write_file(path, data, size))
        abort();
    zm_item_list l = {0};
    char err[2048] = "";
    long rows = -1;
    int rc = zm_records_read(path, &l, &rows, err, sizeof err);
    FILE *f = fopen(path, "rb");
    uint8_t *back = malloc(size + 1);
    if (!f || !back || fread(back, 1, size + 1, f) != size || (size && memcmp(back, data, size)))
        abort();   /* the reader must not change the file */
    fclose(f);
    free(back);
    if (rc) {
        if (!err[0] || !strstr(err, path))
            abort();   /* a rejection must say why, naming the file */
    } else {
        if (rows < 0 || rows > whole_lines(data, size) || (long)l.n > rows)
            abort();
        check_items(&l);
        append_and_reread(path, &l);
    }
    zm_items_free(&l);
    unlink(path);
    rmdir(dir);
    return 0;
}
