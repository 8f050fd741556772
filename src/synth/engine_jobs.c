/* engine_jobs.c: reads what the processes of a shared job (engine_shared.c) recorded in
 * DIR's work/, without changing anything: for every program id, rejected, valid (its row is in
 * a finished shard of the same process) or not recorded. A valid line whose row is in no
 * finished shard (its process was killed before the shard was closed) does not count: the
 * id runs again. A torn last line is ignored. Used to plan a run and to decide the dataset. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

void zs_work_dir(const char *out_dir, char *out, size_t len)
{
    snprintf(out, len, "%s/work", out_dir);
}

int zs_work_shard_tag(const char *name, char *tag, size_t len)
{
    size_t n = strlen(name);
    const char *end = ".parquet";
    if (strncmp(name, "part-", 5) != 0 || n < 5 + 1 + 6 + 8 || strcmp(name + n - 8, end) != 0)
        return -1;
    const char *digits = name + n - 8 - 5;
    for (int i = 0; i < 5; i++)
        if (digits[i] < '0' || digits[i] > '9')
            return -1;
    if (digits[-1] != '-')
        return -1;
    size_t tlen = (size_t)(digits - 1 - (name + 5));
    if (tlen == 0 || tlen >= len)
        return -1;
    memcpy(tag, name + 5, tlen);
    tag[tlen] = '\0';
    return 0;
}

static void add_uuid(void *ctx, const char *uuid, size_t len)
{
    zs_keyset_add(ctx, zs_uuid_hash(uuid, len));
}

/* The uuids in the finished shards of process `tag`. */
static int tag_uuids(char **shards, int nshards, const char *tag, zs_keyset *uuids, char *err, size_t errlen)
{
    const char **mine = malloc(((size_t)nshards + 1) * sizeof *mine);
    if (!mine) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int n = 0;
    for (int i = 0; i < nshards; i++) {
        const char *base = strrchr(shards[i], '/');
        char t[256];
        if (zs_work_shard_tag(base ? base + 1 : shards[i], t, sizeof t) == 0 && !strcmp(t, tag))
            mine[n++] = shards[i];
    }
    int rc = n ? zd_scan_uuids(mine, n, add_uuid, uuids, err, errlen) : 0;
    free(mine);
    return rc;
}

/* One line of a log: its outcome for its id (later lines of the same id replace earlier ones). */
static void take_line(zs_jobs *j, const char *line, size_t len, const zs_keyset *uuids)
{
    zs_job_line l;
    if (zs_job_line_parse(line, len, &l) < 0 || l.id >= j->n)
        return;   /* a torn last line, or an id past the job */
    if (!l.valid) {
        j->state[l.id] = ZS_JOB_REJECTED;
    } else if (zs_keyset_has(uuids, l.uuid_hash)) {
        j->state[l.id] = ZS_JOB_VALID;
        memcpy(j->keys[l.id], l.keys, sizeof l.keys);
        j->keys[l.id][3] = l.uuid_hash;
    }
}

static int read_log(zs_jobs *j, const char *path, const zs_keyset *uuids, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&buf, &cap, f)) > 0)
        if (buf[len - 1] == '\n')
            take_line(j, buf, (size_t)len, uuids);
    free(buf);
    fclose(f);
    return 0;
}

/* "synth-log.part-TAG.jsonl" -> TAG, else -1. */
static int log_tag(const char *name, char *tag, size_t len)
{
    size_t n = strlen(name), pre = strlen("synth-log.part-"), suf = strlen(".jsonl");
    if (n <= pre + suf || strncmp(name, "synth-log.part-", pre) != 0 || strcmp(name + n - suf, ".jsonl") != 0 ||
        n - pre - suf >= len)
        return -1;
    memcpy(tag, name + pre, n - pre - suf);
    tag[n - pre - suf] = '\0';
    return 0;
}

static int scan_logs(zs_jobs *j, const char *work, char **shards, int nshards, char *err, size_t errlen)
{
    DIR *d = opendir(work);
    if (!d)
        return errno == ENOENT ? 0 : (snprintf(err, errlen, "%s: %s", work, strerror(errno)), -1);
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        char tag[256], path[4400];
        if (log_tag(e->d_name, tag, sizeof tag) < 0)
            continue;
        zs_keyset uuids;
        zs_keyset_init(&uuids);
        snprintf(path, sizeof path, "%s/%s", work, e->d_name);
        rc = tag_uuids(shards, nshards, tag, &uuids, err, errlen);
        if (rc == 0)
            rc = read_log(j, path, &uuids, err, errlen);
        zs_keyset_free(&uuids);
    }
    closedir(d);
    return rc;
}

int zs_jobs_scan(const char *out_dir, size_t n, zs_jobs *j, char *err, size_t errlen)
{
    memset(j, 0, sizeof *j);
    j->n = n;
    j->state = calloc(n + 1, 1);
    j->keys = calloc(n + 1, sizeof *j->keys);
    if (!j->state || !j->keys) {
        snprintf(err, errlen, "out of memory");
        zs_jobs_free(j);
        return -1;
    }
    char work[4096];
    zs_work_dir(out_dir, work, sizeof work);
    char **shards = NULL;
    int nshards = 0;
    DIR *d = opendir(work);
    if (d) {
        closedir(d);
        nshards = zd_list_shards(work, &shards, err, errlen);
        if (nshards < 0) {
            zs_jobs_free(j);
            return -1;
        }
    }
    int rc = scan_logs(j, work, shards, nshards, err, errlen);
    zd_free_list(shards, nshards);
    if (rc < 0)
        zs_jobs_free(j);
    return rc;
}

void zs_jobs_free(zs_jobs *j)
{
    free(j->state);
    free(j->keys);
    memset(j, 0, sizeof *j);
}

int zs_jobs_plan(const char *out_dir, const char *label, long programs, const zs_share *share)
{
    zs_jobs j;
    char err[1024];
    if (zs_jobs_scan(out_dir, (size_t)programs, &j, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", label, err);
        return -1;
    }
    size_t *todo = malloc(((size_t)programs + 1) * sizeof *todo), n = 0;
    for (long i = 0; todo && i < programs; i++)
        if (j.state[i] == ZS_JOB_NONE)
            todo[n++] = (size_t)i;
    zs_jobs_free(&j);
    int rc = todo ? share->plan(share->ctx, (size_t)programs, todo, n) : -1;
    free(todo);
    return rc;
}
