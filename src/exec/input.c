/* input.c: the executor's inputs: directories of .py files, .py files, JSONL files of
 * {"id": ..., "code": ...} records, and parquet shards (input_shard.c). Scanning validates
 * everything up front (one-line errors naming the file and line) and keeps only ids and
 * positions; sources are loaded per job (a shard's code is kept from the scan). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "exec_internal.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static const char *keep_file(zx_jobs *jobs, const char *path)
{
    char **files = realloc(jobs->files, (jobs->nfiles + 1) * sizeof *files);
    if (!files)
        return NULL;
    jobs->files = files;
    char *copy = strdup(path);
    if (copy)
        jobs->files[jobs->nfiles++] = copy;
    return copy;
}

int zx_jobs_add(zx_jobs *jobs, zx_idset *ids, const char *id, const char *file, long line, long offset,
                char *err, size_t errlen)
{
    int added = zx_idset_add(ids, id);
    if (added <= 0) {
        if (added == 0 && line)
            snprintf(err, errlen, "%s:%ld: duplicate id '%s'", file, line, id);
        else if (added == 0)
            snprintf(err, errlen, "%s: duplicate id '%s' (another input has a program of that name)", file, id);
        else
            snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (jobs->count == jobs->cap) {
        size_t cap = jobs->cap ? jobs->cap * 2 : 256;
        zx_job *items = realloc(jobs->items, cap * sizeof *items);
        if (!items) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        jobs->items = items;
        jobs->cap = cap;
    }
    zx_job *j = &jobs->items[jobs->count];
    j->id = strdup(id);
    j->file = file;
    j->line = line;
    j->offset = offset;
    j->code = NULL;
    if (!j->id) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    jobs->count++;
    return 0;
}

/* A .py file's id is its name without the directory and the .py suffix. */
static int scan_py(const char *path, zx_jobs *jobs, zx_idset *ids, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    fclose(f);
    const char *file = keep_file(jobs, path);
    if (!file) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char id[1024];
    snprintf(id, sizeof id, "%.*s", (int)(strlen(base) - 3), base);
    return zx_jobs_add(jobs, ids, id, file, 0, 0, err, errlen);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int scan_dir(const char *path, zx_jobs *jobs, zx_idset *ids, char *err, size_t errlen)
{
    DIR *d = opendir(path);
    if (!d) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".py"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
        }
        names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
        if (!names[n]) {
            rc = -1;
            break;
        }
        sprintf(names[n], "%s%s%s", path, ends_with(path, "/") ? "" : "/", e->d_name);
        n++;
    }
    closedir(d);
    if (rc < 0)
        snprintf(err, errlen, "out of memory");
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = scan_py(names[i], jobs, ids, err, errlen);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

/* Parses one JSONL line into its id (as text) and code. Returns the parsed object (caller
 * decrefs) or NULL with a message. */
static json_t *parse_record(const char *text, const char *file, long line, char *id, size_t idlen,
                            const char **code, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *obj = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj) {
        snprintf(err, errlen, "%s:%ld: malformed JSON (%s)", file, line, jerr.text);
        return NULL;
    }
    json_t *jid = json_is_object(obj) ? json_object_get(obj, "id") : NULL;
    json_t *jcode = json_is_object(obj) ? json_object_get(obj, "code") : NULL;
    if (!json_is_object(obj))
        snprintf(err, errlen, "%s:%ld: not a JSON object", file, line);
    else if (json_is_string(jid) && json_string_length(jid) > 0 && json_string_length(jid) < idlen &&
             !memchr(json_string_value(jid), '\0', json_string_length(jid)))
        snprintf(id, idlen, "%s", json_string_value(jid));
    else if (json_is_integer(jid))
        snprintf(id, idlen, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
    else
        snprintf(err, errlen, "%s:%ld: \"id\" must be a non-empty string or an integer", file, line);
    if (json_is_object(obj) && (json_is_string(jid) || json_is_integer(jid)) && !json_is_string(jcode))
        snprintf(err, errlen, "%s:%ld: \"code\" must be a string", file, line);
    if (err[0]) {
        json_decref(obj);
        return NULL;
    }
    *code = json_string_value(jcode);
    return obj;
}

static int scan_jsonl(const char *path, zx_jobs *jobs, zx_idset *ids, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    const char *file = keep_file(jobs, path);
    char *buf = NULL;
    size_t cap = 0;
    long line = 0, offset = 0;
    ssize_t len;
    int rc = file ? 0 : -1;
    if (!file)
        snprintf(err, errlen, "out of memory");
    while (rc == 0 && (len = getline(&buf, &cap, f)) > 0) {
        line++;
        if (!blank(buf)) {
            char id[1024];
            const char *code;
            err[0] = '\0';
            json_t *obj = parse_record(buf, path, line, id, sizeof id, &code, err, errlen);
            rc = obj ? zx_jobs_add(jobs, ids, id, file, line, offset, err, errlen) : -1;
            json_decref(obj);
        }
        offset += len;
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    free(buf);
    fclose(f);
    return rc;
}

int zx_inputs_scan(const char *const *inputs, int n, zx_jobs *jobs, char *err, size_t errlen)
{
    memset(jobs, 0, sizeof *jobs);
    zx_idset ids;
    zx_idset_init(&ids);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        struct stat st;
        const char *p = inputs[i];
        if (stat(p, &st) != 0) {
            snprintf(err, errlen, "%s: %s", p, strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            rc = scan_dir(p, jobs, &ids, err, errlen);
        } else if (ends_with(p, ".py")) {
            rc = scan_py(p, jobs, &ids, err, errlen);
        } else if (ends_with(p, ".jsonl") || ends_with(p, ".ndjson")) {
            rc = scan_jsonl(p, jobs, &ids, err, errlen);
        } else if (ends_with(p, ".parquet")) {
            const char *file = keep_file(jobs, p);
            rc = file ? zx_scan_shard(file, jobs, &ids, err, errlen) : -1;
            if (!file)
                snprintf(err, errlen, "out of memory");
        } else {
            snprintf(err, errlen, "%s: not a directory, a .py file, a .jsonl file or a .parquet shard", p);
            rc = -1;
        }
    }
    zx_idset_free(&ids);
    return rc;
}

static char *read_whole(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "IOError: cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 14, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        len += fread(buf + len, 1, cap - len - 1, f);
        if (len + 1 < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb)
            free(buf);
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        snprintf(err, errlen, "IOError: cannot read %s", path);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

static char *read_jsonl_code(const zx_job *job, char *err, size_t errlen)
{
    FILE *f = fopen(job->file, "rb");
    char *buf = NULL, *code = NULL;
    size_t cap = 0;
    if (!f || fseek(f, job->offset, SEEK_SET) != 0 || getline(&buf, &cap, f) <= 0) {
        snprintf(err, errlen, "IOError: cannot read line %ld of %s", job->line, job->file);
    } else {
        char id[1024];
        const char *text;
        err[0] = '\0';
        json_t *obj = parse_record(buf, job->file, job->line, id, sizeof id, &text, err, errlen);
        if (obj && strcmp(id, job->id))
            snprintf(err, errlen, "IOError: %s changed while running (line %ld)", job->file, job->line);
        else if (obj)
            code = strdup(text);
        json_decref(obj);
    }
    if (f)
        fclose(f);
    free(buf);
    return code;
}

/* The name Python gives the program (its __file__): a relative name, so it points into the
 * scratch directory the worker runs in, where no such file exists. Tracebacks and warnings
 * then never try to read the input file (outside the sandbox), and a program that writes
 * next to its own __file__ writes into its scratch directory. */
char *zx_input_source(const zx_job *job, char *name, size_t namelen, char *err, size_t errlen)
{
    if (job->code) {
        char safe[160];
        zx_safe_name(job->id, safe, sizeof safe);
        snprintf(name, namelen, "%s.py", safe);
        char *copy = strdup(job->code);
        if (!copy)
            snprintf(err, errlen, "out of memory");
        return copy;
    }
    if (job->line == 0) {
        const char *base = strrchr(job->file, '/');
        snprintf(name, namelen, "%s", base ? base + 1 : job->file);
        return read_whole(job->file, err, errlen);
    }
    char safe[160];
    zx_safe_name(job->id, safe, sizeof safe);
    snprintf(name, namelen, "%s.py", safe);
    return read_jsonl_code(job, err, errlen);
}

void zx_jobs_free(zx_jobs *jobs)
{
    for (size_t i = 0; i < jobs->count; i++) {
        free(jobs->items[i].id);
        free(jobs->items[i].code);
    }
    for (size_t i = 0; i < jobs->nfiles; i++)
        free(jobs->files[i]);
    free(jobs->items);
    free(jobs->files);
    memset(jobs, 0, sizeof *jobs);
}
