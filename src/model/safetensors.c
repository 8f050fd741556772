/* safetensors.c: reads safetensors files by memory-mapping them; validates the JSON header
 * (dtype, shape, data_offsets against the file size) and handles sharded checkpoints listed in
 * model.safetensors.index.json. Errors are one line naming the file. */
#include "safetensors.h"
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define ST_MAX_HEADER (100u * 1024u * 1024u)

struct dtype_entry { const char *name; zc_dtype dt; size_t size; };

static const struct dtype_entry DTYPES[] = {
    {"F32", ZC_DT_F32, 4},   {"F16", ZC_DT_F16, 2},   {"BF16", ZC_DT_BF16, 2},
    {"F64", ZC_DT_OTHER, 8}, {"I64", ZC_DT_OTHER, 8}, {"U64", ZC_DT_OTHER, 8},
    {"I32", ZC_DT_OTHER, 4}, {"U32", ZC_DT_OTHER, 4}, {"I16", ZC_DT_OTHER, 2},
    {"U16", ZC_DT_OTHER, 2}, {"I8", ZC_DT_OTHER, 1},  {"U8", ZC_DT_OTHER, 1},
    {"BOOL", ZC_DT_OTHER, 1}, {"F8_E4M3", ZC_DT_OTHER, 1}, {"F8_E5M2", ZC_DT_OTHER, 1},
};

size_t zc_dtype_size(zc_dtype dt)
{
    return dt == ZC_DT_F32 ? 4 : dt == ZC_DT_OTHER ? 0 : 2;
}

const char *zc_dtype_name(zc_dtype dt)
{
    return dt == ZC_DT_F32 ? "F32" : dt == ZC_DT_F16 ? "F16" : dt == ZC_DT_BF16 ? "BF16" : "other";
}

static const struct dtype_entry *find_dtype(const char *s)
{
    for (size_t i = 0; i < sizeof DTYPES / sizeof DTYPES[0]; i++)
        if (!strcmp(DTYPES[i].name, s))
            return &DTYPES[i];
    return NULL;
}

static uint64_t read_le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* Parses one tensor entry; fills t (when non-NULL). 0 ok, -1 error. */
static int parse_entry(const char *key, json_t *val, const uint8_t *data, uint64_t data_size,
                       const char *name, zc_st_tensor *t, char *err, size_t errlen)
{
    json_t *jd = json_object_get(val, "dtype"), *js = json_object_get(val, "shape");
    json_t *jo = json_object_get(val, "data_offsets");
    if (!json_is_object(val) || !json_is_string(jd) || !json_is_array(js) || !json_is_array(jo) ||
        json_array_size(jo) != 2) {
        snprintf(err, errlen, "%s: malformed header: entry '%s' needs dtype, shape, data_offsets", name, key);
        return -1;
    }
    const struct dtype_entry *de = find_dtype(json_string_value(jd));
    if (!de) {
        snprintf(err, errlen, "%s: malformed header: tensor '%s' has unknown dtype '%s'", name, key,
                 json_string_value(jd));
        return -1;
    }
    size_t nd = json_array_size(js);
    if (nd > ZC_ST_MAX_DIMS) {
        snprintf(err, errlen, "%s: malformed header: tensor '%s' has %zu dims", name, key, nd);
        return -1;
    }
    uint64_t nelem = 1;
    int64_t shape[ZC_ST_MAX_DIMS] = {0};
    for (size_t i = 0; i < nd; i++) {
        json_t *d = json_array_get(js, i);
        if (!json_is_integer(d) || json_integer_value(d) < 0 ||
            json_integer_value(d) > (json_int_t)1 << 40) {
            snprintf(err, errlen, "%s: malformed header: tensor '%s' has a bad shape", name, key);
            return -1;
        }
        shape[i] = json_integer_value(d);
        if (shape[i] && nelem > ((uint64_t)1 << 48) / (uint64_t)shape[i]) {
            snprintf(err, errlen, "%s: malformed header: tensor '%s' is too large", name, key);
            return -1;
        }
        nelem *= (uint64_t)shape[i];
    }
    json_t *jb = json_array_get(jo, 0), *je = json_array_get(jo, 1);
    if (!json_is_integer(jb) || !json_is_integer(je) || json_integer_value(jb) < 0 ||
        json_integer_value(je) < json_integer_value(jb)) {
        snprintf(err, errlen, "%s: malformed header: tensor '%s' has bad data_offsets", name, key);
        return -1;
    }
    uint64_t b = (uint64_t)json_integer_value(jb), e = (uint64_t)json_integer_value(je);
    if (e > data_size) {
        snprintf(err, errlen, "%s: truncated: tensor '%s' ends at byte %llu of data but the file holds %llu",
                 name, key, (unsigned long long)e, (unsigned long long)data_size);
        return -1;
    }
    if (e - b != nelem * de->size) {
        snprintf(err, errlen, "%s: malformed header: tensor '%s' spans %llu bytes but its shape and dtype need %llu",
                 name, key, (unsigned long long)(e - b), (unsigned long long)(nelem * de->size));
        return -1;
    }
    if (t) {
        t->name = strdup(key);
        t->dtype = de->dt;
        t->ndim = (int)nd;
        memcpy(t->shape, shape, sizeof shape);
        t->data = data + b;
        t->nbytes = (size_t)(e - b);
    }
    return 0;
}

/* Parses the header of a file image; appends tensors to *out (when out != NULL). */
static int parse_header(const uint8_t *buf, size_t file_size, const char *name, zc_st_tensor **out,
                        int *n_out, int file_idx, char *err, size_t errlen)
{
    if (file_size < 8) {
        snprintf(err, errlen, "%s: truncated: %zu bytes, too short for a safetensors header", name, file_size);
        return -1;
    }
    uint64_t hsize = read_le64(buf);
    if (hsize > ST_MAX_HEADER || hsize < 2) {
        snprintf(err, errlen, "%s: malformed header: header length %llu is implausible", name,
                 (unsigned long long)hsize);
        return -1;
    }
    if (hsize > file_size - 8) {
        snprintf(err, errlen, "%s: truncated: header length %llu exceeds the file size %zu", name,
                 (unsigned long long)hsize, file_size);
        return -1;
    }
    json_error_t jerr;
    json_t *root = json_loadb((const char *)buf + 8, (size_t)hsize, JSON_REJECT_DUPLICATES, &jerr);
    if (!root || !json_is_object(root)) {
        snprintf(err, errlen, "%s: malformed header: %s", name, root ? "not a JSON object" : jerr.text);
        json_decref(root);
        return -1;
    }
    const uint8_t *data = buf + 8 + hsize;
    uint64_t data_size = file_size - 8 - hsize;
    const char *key;
    json_t *val;
    int rc = 0;
    json_object_foreach(root, key, val) {
        if (!strcmp(key, "__metadata__"))
            continue;
        zc_st_tensor t = {0}, *tp = out ? &t : NULL;
        if (parse_entry(key, val, data, data_size, name, tp, err, errlen)) {
            rc = -1;
            break;
        }
        if (out) {
            zc_st_tensor *grown = realloc(*out, (size_t)(*n_out + 1) * sizeof **out);
            if (!grown) {
                free(t.name);
                snprintf(err, errlen, "%s: out of memory", name);
                rc = -1;
                break;
            }
            *out = grown;
            t.file = file_idx;
            (*out)[(*n_out)++] = t;
        }
    }
    json_decref(root);
    return rc;
}

int zc_safetensors_check(const uint8_t *buf, size_t len, size_t file_size, const char *name,
                         char *err, size_t errlen)
{
    if (len < file_size) {
        snprintf(err, errlen, "%s: buffer shorter than the file", name);
        return -1;
    }
    return parse_header(buf, file_size, name, NULL, NULL, 0, err, errlen);
}

static int map_file(zc_st_file *f, const char *path, char *err, size_t errlen)
{
    f->path = strdup(path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        close(fd);
        return -1;
    }
    f->size = (size_t)st.st_size;
    if (f->size < 8) {
        snprintf(err, errlen, "%s: truncated: %zu bytes, too short for a safetensors header", path, f->size);
        close(fd);
        return -1;
    }
    void *p = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        snprintf(err, errlen, "%s: cannot mmap: %s", path, strerror(errno));
        close(fd);
        f->size = 0;
        return -1;
    }
    f->map = p;
    f->fd = fd;
    return 0;
}

static int add_file(zc_st_set *set, const char *path, char *err, size_t errlen)
{
    zc_st_file *grown = realloc(set->files, (size_t)(set->n_files + 1) * sizeof *grown);
    if (!grown) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    set->files = grown;
    zc_st_file *f = &set->files[set->n_files++];
    memset(f, 0, sizeof *f);
    f->fd = -1;
    if (map_file(f, path, err, errlen))
        return -1;
    return parse_header(f->map, f->size, path, &set->tensors, &set->n_tensors, set->n_files - 1, err,
                        errlen);
}

static int shard_seen(const zc_st_set *set, const char *path)
{
    for (int i = 0; i < set->n_files; i++)
        if (!strcmp(set->files[i].path, path))
            return 1;
    return 0;
}

static int open_index(zc_st_set *set, const char *dir, const char *index, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *root = json_load_file(index, 0, &jerr);
    json_t *wm = root ? json_object_get(root, "weight_map") : NULL;
    if (!json_is_object(wm)) {
        snprintf(err, errlen, "%s: malformed index: %s", index, root ? "no weight_map object" : jerr.text);
        json_decref(root);
        return -1;
    }
    const char *key;
    json_t *val;
    int rc = 0;
    char path[4096];
    json_object_foreach(wm, key, val) {
        const char *fn = json_string_value(val);
        if (!fn || !*fn || strchr(fn, '/') || !strcmp(fn, "..")) {
            snprintf(err, errlen, "%s: malformed index: bad file name for '%s'", index, key);
            rc = -1;
            break;
        }
        snprintf(path, sizeof path, "%s/%s", dir, fn);
        if (!shard_seen(set, path) && add_file(set, path, err, errlen)) {
            rc = -1;
            break;
        }
    }
    if (!rc) {
        json_object_foreach(wm, key, val) {
            const zc_st_tensor *t = zc_st_find(set, key);
            snprintf(path, sizeof path, "%s/%s", dir, json_string_value(val));
            if (!t || strcmp(set->files[t->file].path, path)) {
                snprintf(err, errlen, "%s: missing tensor '%s' listed in %s", path, key, index);
                rc = -1;
                break;
            }
        }
    }
    json_decref(root);
    return rc;
}

int zc_st_open_dir(zc_st_set *set, const char *dir, char *err, size_t errlen)
{
    memset(set, 0, sizeof *set);
    char single[4096], index[4096];
    snprintf(single, sizeof single, "%s/model.safetensors", dir);
    snprintf(index, sizeof index, "%s/model.safetensors.index.json", dir);
    int rc;
    if (access(single, F_OK) == 0)
        rc = add_file(set, single, err, errlen);
    else if (access(index, F_OK) == 0)
        rc = open_index(set, dir, index, err, errlen);
    else {
        snprintf(err, errlen, "%s: no model.safetensors or model.safetensors.index.json", dir);
        rc = -1;
    }
    if (rc)
        zc_st_close(set);
    return rc;
}

void zc_st_close(zc_st_set *set)
{
    for (int i = 0; i < set->n_files; i++) {
        if (set->files[i].map)
            munmap(set->files[i].map, set->files[i].size);
        if (set->files[i].fd >= 0)
            close(set->files[i].fd);
        free(set->files[i].path);
    }
    for (int i = 0; i < set->n_tensors; i++)
        free(set->tensors[i].name);
    free(set->files);
    free(set->tensors);
    memset(set, 0, sizeof *set);
}

const zc_st_tensor *zc_st_find(const zc_st_set *set, const char *name)
{
    for (int i = 0; i < set->n_tensors; i++)
        if (!strcmp(set->tensors[i].name, name))
            return &set->tensors[i];
    return NULL;
}

const char *zc_st_file_of(const zc_st_set *set, const zc_st_tensor *t)
{
    return set->files[t->file].path;
}

void zc_st_release(const zc_st_set *set, const zc_st_tensor *t)
{
    (void)set;
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t b = ((uintptr_t)t->data + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t e = ((uintptr_t)t->data + t->nbytes) & ~((uintptr_t)page - 1);
    if (e > b)
        madvise((void *)b, e - b, MADV_DONTNEED);
}

void zc_st_release_all(const zc_st_set *set)
{
    for (int i = 0; i < set->n_files; i++)
        if (set->files[i].map && set->files[i].size)
            madvise((void *)set->files[i].map, set->files[i].size, MADV_DONTNEED);
}

int zc_st_read(const zc_st_set *set, const zc_st_tensor *t, size_t off, void *buf, size_t n)
{
    const zc_st_file *f = &set->files[t->file];
    if (f->fd < 0 || off > t->nbytes || n > t->nbytes - off)
        return -1;
    off_t at = (off_t)((const uint8_t *)t->data - f->map) + (off_t)off;
    for (size_t got = 0; got < n;) {
        ssize_t r = pread(f->fd, (uint8_t *)buf + got, n - got, at + (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}
