/* engine_resume.c: picks a folder up where an earlier run left it. The finished shards say
 * which rows exist; the log says what became of every program before them. The log is cut
 * just before the first accepted program that no finished shard holds (its shard was never
 * finished: a killed run), so that program and all after it are run again; counts and dedup
 * keys are rebuilt from the lines kept. */
#define _GNU_SOURCE
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <jansson.h>
#include <xxhash.h>

#include "engine_internal.h"

static uint64_t uuid_hash(const char *uuid, size_t len)
{
    return XXH3_64bits(uuid, len);
}

static void add_uuid(void *ctx, const char *uuid, size_t len)
{
    zs_keyset_add(ctx, uuid_hash(uuid, len));
}

/* part-NNNNN.parquet -> NNNNN, else -1. */
static int part_number(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int n = -1, used = 0;
    if (sscanf(base, "part-%d.parquet%n", &n, &used) == 1 && base[used] == '\0')
        return n;
    return -1;
}

/* Reads the finished shards' uuids; sets next_part. Returns the number of rows or -1. */
static long scan_shards(zs_run *r, zs_keyset *uuids)
{
    char **paths = NULL, err[1024];
    int n = zd_list_shards(r->opts->out_dir, &paths, err, sizeof err);
    if (n < 0) {
        fprintf(stderr, "%s: %s\n", r->opts->label, err);
        return -1;
    }
    const char **parts = malloc(((size_t)n + 1) * sizeof *parts);
    int kept = 0;
    for (int i = 0; parts && i < n; i++) {
        int part = part_number(paths[i]);
        if (part < 0)
            continue;   /* not ours */
        if (part + 1 > r->next_part)
            r->next_part = part + 1;
        parts[kept++] = paths[i];
    }
    int rc = parts ? zd_scan_uuids(parts, kept, add_uuid, uuids, err, sizeof err) : -1;
    if (!parts)
        snprintf(err, sizeof err, "out of memory");
    free(parts);
    zd_free_list(paths, n);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", r->opts->label, err);
        return -1;
    }
    return (long)uuids->count + uuids->has_zero;
}

static uint64_t hex_of(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? strtoull(s, NULL, 16) : 0;
}

/* Restores what one kept line says. */
static int restore(zs_run *r, json_t *line)
{
    const char *status = json_string_value(json_object_get(line, "status"));
    const char *family = json_string_value(json_object_get(line, "family"));
    const char *reason = json_string_value(json_object_get(line, "reason"));
    r->programs++;
    zs_tally_add(&r->families, family ? family : "(none)", 1);
    if (!status || strcmp(status, "accepted") != 0)
        return zs_tally_add(&r->reasons, reason ? reason : "unknown", 1) < 0 ? -1 : 0;
    r->accepted++;
    zs_tally_add(&r->families_ok, family ? family : "(none)", 1);
    if (zs_keyset_add(&r->code_keys, hex_of(line, "code_key")) < 0 ||
        zs_keyset_add(&r->geo_keys, hex_of(line, "geo_key")) < 0 ||
        zs_keyset_add(&r->view_keys, hex_of(line, "view_key")) < 0)
        return -1;
    return 0;
}

/* Walks the log; returns the byte length to keep, or -1 (message printed). */
static long read_log(zs_run *r, FILE *f, const char *path, const zs_keyset *in_shards)
{
    char *buf = NULL;
    size_t cap = 0;
    long keep = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&buf, &cap, f)) > 0) {
        lineno++;
        if (buf[len - 1] != '\n')
            break;   /* torn last line */
        json_error_t jerr;
        json_t *line = json_loads(buf, 0, &jerr);
        json_t *idx = json_object_get(line, "i");
        const char *uuid = json_string_value(json_object_get(line, "uuid"));
        const char *status = json_string_value(json_object_get(line, "status"));
        if (!json_is_integer(idx) || !uuid || !status) {
            fprintf(stderr, "%s: %s:%ld: not a line of the synthesis log\n", r->opts->label, path, lineno);
            json_decref(line);
            free(buf);
            return -1;
        }
        if (!strcmp(status, "accepted") && !zs_keyset_has(in_shards, uuid_hash(uuid, strlen(uuid)))) {
            json_decref(line);
            break;   /* its shard was never finished: from here on, run again */
        }
        int rc = restore(r, line);
        r->start_index = (uint64_t)json_integer_value(idx) + 1;
        json_decref(line);
        if (rc < 0) {
            fprintf(stderr, "%s: out of memory\n", r->opts->label);
            free(buf);
            return -1;
        }
        keep += len;
    }
    free(buf);
    return keep;
}

/* One run per folder: an exclusive lock held for the run's life (released by the kernel
 * when the process ends, however it ends). Returns the lock's descriptor or -1. */
static int lock_folder(zs_run *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.synth.lock", r->opts->out_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "%s: %s: %s\n", r->opts->label, path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, "%s: %s: another run is writing this folder\n", r->opts->label, r->opts->out_dir);
        close(fd);
        return -1;
    }
    return fd;
}

/* Shards a killed run left unfinished (*.tmp-*): nobody else writes here (the lock). */
static void remove_unfinished(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, "part-", 5) != 0 || !strstr(e->d_name, ".parquet.tmp-"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
}

int zs_resume(zs_run *r)
{
    r->lock_fd = lock_folder(r);
    if (r->lock_fd < 0)
        return 2;
    remove_unfinished(r->opts->out_dir);
    zs_keyset uuids;
    zs_keyset_init(&uuids);
    long rows = scan_shards(r, &uuids);
    if (rows < 0) {
        zs_keyset_free(&uuids);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/synth-log.jsonl", r->opts->out_dir);
    FILE *f = fopen(path, "rb");
    if (!f && errno != ENOENT) {
        fprintf(stderr, "%s: %s: %s\n", r->opts->label, path, strerror(errno));
        zs_keyset_free(&uuids);
        return 2;
    }
    long keep = f ? read_log(r, f, path, &uuids) : 0;
    if (f)
        fclose(f);
    zs_keyset_free(&uuids);
    if (keep < 0)
        return 2;
    if (r->accepted != rows) {
        fprintf(stderr, "%s: %s: the finished shards hold %ld rows but synth-log.jsonl accounts for %ld; this "
                "folder was not written by one synthesis run (use a new folder)\n", r->opts->label,
                r->opts->out_dir, rows, r->accepted);
        return 2;
    }
    r->log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (r->log_fd < 0 || ftruncate(r->log_fd, keep) != 0) {
        fprintf(stderr, "%s: %s: %s\n", r->opts->label, path, strerror(errno));
        return 1;
    }
    r->accepted_at_start = r->accepted;
    r->programs_at_start = r->programs;
    return 0;
}
