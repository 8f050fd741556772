/* safetensors.h: internal to zc_model. Memory-mapped safetensors files (single or sharded via
 * model.safetensors.index.json) and lookup of tensors by name with dtype/shape/offset checks. */
#ifndef ZC_MODEL_SAFETENSORS_H
#define ZC_MODEL_SAFETENSORS_H

#include <stddef.h>
#include <stdint.h>

typedef enum { ZC_DT_F32 = 0, ZC_DT_F16 = 1, ZC_DT_BF16 = 2, ZC_DT_OTHER = 3 } zc_dtype;

#define ZC_ST_MAX_DIMS 8

typedef struct {
    char *name;
    zc_dtype dtype;
    int ndim;
    int64_t shape[ZC_ST_MAX_DIMS];
    const void *data;   /* inside the mapping */
    size_t nbytes;
    int file;           /* index into zc_st_set.files */
} zc_st_tensor;

typedef struct {
    char *path;
    uint8_t *map;
    size_t size;
    int fd;             /* kept open for zc_st_read; -1 when closed */
} zc_st_file;

typedef struct {
    zc_st_file *files;
    int n_files;
    zc_st_tensor *tensors;
    int n_tensors;
} zc_st_set;

/* Opens dir/model.safetensors, or the shards listed in dir/model.safetensors.index.json.
 * 0 ok; -1 with a one-line message naming the file. */
int zc_st_open_dir(zc_st_set *set, const char *dir, char *err, size_t errlen);
void zc_st_close(zc_st_set *set);
const zc_st_tensor *zc_st_find(const zc_st_set *set, const char *name);
const char *zc_st_file_of(const zc_st_set *set, const zc_st_tensor *t);
size_t zc_dtype_size(zc_dtype dt);
const char *zc_dtype_name(zc_dtype dt);
/* Tells the kernel that the mapped bytes of t are no longer needed (drops them from RSS). */
void zc_st_release(const zc_st_set *set, const zc_st_tensor *t);
/* The same for every mapped page of every file: after loading, what still reads the checkpoint
 * reads it with zc_st_read, and the kernel's fault-around had mapped pages next to each read
 * through the mapping (up to 64 KB by default) that per-tensor releases leave behind. */
void zc_st_release_all(const zc_st_set *set);
/* Copies n bytes of t from byte off with pread, without touching the mapping (so nothing enters
 * the RSS: a read through the mapping maps the whole cached folio around it). 0 ok; -1 when the
 * range is outside t or the file is shorter than it was at open. */
int zc_st_read(const zc_st_set *set, const zc_st_tensor *t, size_t off, void *buf, size_t n);

#endif
