/* engine_verdict.c: the end of a shared job (engine_shared.c). Once every program id of
 * 0..programs-1 has an outcome in DIR's work/, the ids are decided in order as zs_engine_run
 * decides them: a valid program is kept unless dedup finds its code, its shape or its views
 * among the rows kept before it, until the row target is reached. The kept rows of each
 * process's shard DIR's work/part-TAG-NNNNN.parquet are written to DIR/part-TAG-NNNNN.parquet
 * (a temporary name renamed into place; a shard keeping no row is left out), so the dataset is
 * the rows a one-process run with the same seed and target would make. Running it again
 * writes the same files. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine_internal.h"

/* The uuid hashes of the rows kept, deciding ids in order. */
static long decide(const zs_engine_opts *o, const zs_jobs *j, zs_keyset *keep)
{
    zs_keyset code, geo, view;
    zs_keyset_init(&code);
    zs_keyset_init(&geo);
    zs_keyset_init(&view);
    long kept = 0;
    for (size_t i = 0; i < j->n && (o->target <= 0 || kept < o->target); i++) {
        if (j->state[i] != ZS_JOB_VALID)
            continue;
        const uint64_t *k = j->keys[i];
        if (o->dedup && (zs_keyset_has(&code, k[0]) || zs_keyset_has(&geo, k[1]) || zs_keyset_has(&view, k[2])))
            continue;
        zs_keyset_add(&code, k[0]);
        zs_keyset_add(&geo, k[1]);
        zs_keyset_add(&view, k[2]);
        zs_keyset_add(keep, k[3]);
        kept++;
    }
    zs_keyset_free(&code);
    zs_keyset_free(&geo);
    zs_keyset_free(&view);
    return kept;
}

/* Copies the kept rows of one work shard to out; returns the rows written or -1. An empty
 * result writes nothing and removes an out left by an earlier decision. */
static long copy_kept(const char *in, const char *out, const zs_keyset *keep, char *err, size_t errlen)
{
    zd_reader *r = zd_open(in, ZD_COL_ALL | ZD_COL_DESCRIPTION, err, errlen);
    if (!r)
        return -1;
    zd_write_opts wo;   /* the LLM agent's shards keep their "description" column */
    zd_write_opts_default(&wo);
    wo.description_column = zd_has_description(r);
    zd_writer *w = NULL;
    zd_row row;
    long rows = 0;
    int got;
    while ((got = zd_next(r, &row, err, errlen)) == 1) {
        if (!zs_keyset_has(keep, zs_uuid_hash(row.uuid, row.uuid_len)))
            continue;
        if (!w && !(w = zd_writer_open(out, &wo, err, errlen))) {
            got = -1;
            break;
        }
        if (zd_write(w, &row, err, errlen) < 0) {
            got = -1;
            break;
        }
        rows++;
    }
    zd_close(r);
    if (got < 0) {
        if (w)
            zd_writer_abort(w);
        return -1;
    }
    if (!w) {
        unlink(out);
        return 0;
    }
    return zd_writer_close(w, err, errlen) < 0 ? -1 : rows;
}

static int add_output(zs_shared_result *res, const char *path, long rows)
{
    char **files = realloc(res->files, (res->n + 1) * sizeof *files);
    if (files)
        res->files = files;
    long *counts = realloc(res->rows, (res->n + 1) * sizeof *counts);
    if (counts)
        res->rows = counts;
    if (!files || !counts || !(res->files[res->n] = strdup(path)))
        return -1;
    res->rows[res->n++] = rows;
    return 0;
}

static int write_dataset(const zs_engine_opts *o, const zs_keyset *keep, zs_shared_result *res)
{
    char work[4096], err[1024];
    zs_work_dir(o->out_dir, work, sizeof work);
    char **shards = NULL;
    int n = zd_list_shards(work, &shards, err, sizeof err), rc = n < 0 ? -1 : 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        const char *base = strrchr(shards[i], '/');
        char tag[256], out[4400];
        base = base ? base + 1 : shards[i];
        if (zs_work_shard_tag(base, tag, sizeof tag) < 0)
            continue;
        snprintf(out, sizeof out, "%s/%s", o->out_dir, base);
        long rows = copy_kept(shards[i], out, keep, err, sizeof err);
        if (rows < 0)
            rc = -1;
        else if (rows > 0 && add_output(res, out, rows) < 0)
            rc = -1, snprintf(err, sizeof err, "out of memory");
    }
    zd_free_list(shards, n > 0 ? n : 0);
    if (rc < 0)
        fprintf(stderr, "%s: %s\n", o->label, err);
    return rc;
}

int zs_shared_finish(const zs_engine_opts *o, long programs, zs_shared_result *res)
{
    memset(res, 0, sizeof *res);
    zs_jobs j;
    char err[1024];
    if (zs_jobs_scan(o->out_dir, (size_t)programs, &j, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", o->label, err);
        return 1;
    }
    for (long i = 0; i < programs; i++)
        res->recorded += j.state[i] != ZS_JOB_NONE;
    if (res->recorded < programs) {
        zs_jobs_free(&j);
        return 3;
    }
    zs_keyset keep;
    zs_keyset_init(&keep);
    res->accepted = decide(o, &j, &keep);
    zs_jobs_free(&j);
    int rc = write_dataset(o, &keep, res);
    zs_keyset_free(&keep);
    return rc < 0 ? 1 : 0;
}

void zs_shared_result_free(zs_shared_result *res)
{
    for (size_t i = 0; i < res->n; i++)
        free(res->files[i]);
    free(res->files);
    free(res->rows);
    memset(res, 0, sizeof *res);
}
