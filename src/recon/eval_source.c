/* eval_source.c: the test items of `zerocad eval --model`, in a fixed order: every row of the
 * shards (files, or folders of *.parquet in name order) with its image_0..7 as the views and its
 * step_file (else stl_file) as the ground truth; or (--gt DIR) every .step/.stp file of a folder in
 * name order, rendered here to the default 8 views (src/render), the file itself the ground
 * truth. Rows already recorded are skipped before their images are decoded. */
#define _GNU_SOURCE
#include "eval_internal.h"
#include "render.h"
#include "shard.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ev_source {
    char **paths;              /* shards, or STEP files */
    int npaths, cur, steps;
    zd_reader *r;
    long seen;
};

static int add_path(ev_source *s, const char *p)
{
    char **v = realloc(s->paths, (size_t)(s->npaths + 1) * sizeof *v);
    if (!v || !(v[s->npaths] = strdup(p)))
        return v ? (s->paths = v, -1) : -1;
    s->paths = v;
    s->npaths++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_ext(const char *name, const char *ext)
{
    size_t l = strlen(name), e = strlen(ext);
    return l > e && !strcasecmp(name + l - e, ext);
}

static int list_steps(ev_source *s, const char *dir, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (struct dirent *e; !rc && (e = readdir(d));) {
        char *p = NULL;
        if (!has_ext(e->d_name, ".step") && !has_ext(e->d_name, ".stp"))
            continue;
        rc = asprintf(&p, "%s/%s", dir, e->d_name) < 0 || add_path(s, p) ? -1 : 0;
        free(p);
    }
    closedir(d);
    if (!rc && !s->npaths)
        snprintf(err, errlen, "%s: no .step or .stp files", dir), rc = -1;
    if (!rc)
        qsort(s->paths, (size_t)s->npaths, sizeof *s->paths, cmp_str);
    return rc;
}

static int list_shards(ev_source *s, const char *p, char *err, size_t errlen)
{
    DIR *d = opendir(p);
    if (!d)
        return add_path(s, p);
    closedir(d);
    char **v = NULL;
    int n = zd_list_shards(p, &v, err, errlen), rc = n < 0 ? -1 : 0;
    if (n == 0)
        snprintf(err, errlen, "%s: no .parquet shards", p), rc = -1;
    for (int i = 0; !rc && i < n; i++)
        rc = add_path(s, v[i]);
    if (n > 0)
        zd_free_list(v, n);
    return rc;
}

ev_source *ev_source_open(const zrc_eval_opts *o, char *err, size_t errlen)
{
    ev_source *s = calloc(1, sizeof *s);
    int rc = s ? 0 : -1;
    if (!s)
        snprintf(err, errlen, "out of memory");
    else if (o->gt_dir)
        s->steps = 1, rc = list_steps(s, o->gt_dir, err, errlen);
    for (int i = 0; !rc && !o->gt_dir && i < o->ndata; i++)
        rc = list_shards(s, o->data[i], err, errlen);
    for (int i = 0; !rc && !o->gt_dir && i < s->npaths; i++) {  /* every shard opens (footer, schema) */
        zd_reader *r = zd_open(s->paths[i], ZD_COL_IMAGES | ZD_COL_STL | ZD_COL_STEP, err, errlen);
        rc = r ? 0 : -1;
        if (r)
            zd_close(r);
    }
    if (rc) {
        ev_source_close(s);
        return NULL;
    }
    return s;
}

void ev_source_close(ev_source *s)
{
    if (!s)
        return;
    if (s->r)
        zd_close(s->r);
    for (int i = 0; i < s->npaths; i++)
        free(s->paths[i]);
    free(s->paths);
    free(s);
}

long ev_source_seen(const ev_source *s)
{
    return s->seen;
}

void ev_item_free(ev_item *it)
{
    free(it->id);
    for (int i = 0; i < ZRC_VIEWS; i++)
        free(it->rgb[i]);
    free(it->gt);
    free(it->gt_name);
    free(it->code);
    memset(it, 0, sizeof *it);
}

static unsigned char *dup_bytes(const unsigned char *p, size_t n)
{
    unsigned char *d = malloc(n ? n : 1);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

/* A shard row into an item: ids, ground truth bytes, decoded views (or the reason there are none). */
static int row_item(const char *shard, const zd_row *row, ev_item *it, char *err, size_t errlen)
{
    it->id = strndup(row->uuid, row->uuid_len);
    if (!it->id || asprintf(&it->gt_name, "%s#%s", shard, it->id) < 0)
        return -1;
    it->gt_stl = !row->step && row->stl;
    const unsigned char *g = row->step ? row->step : row->stl;
    size_t gl = row->step ? row->step_len : row->stl_len;
    if (g && !(it->gt = dup_bytes(g, gl)))
        return -1;
    it->gt_len = g ? gl : 0;
    for (int i = 0; i < ZRC_VIEWS; i++) {
        char name[32];
        snprintf(name, sizeof name, "image_%d", i);
        if (!row->image[i]) {
            snprintf(err, errlen, "%s: the row has no %s", it->gt_name, name);
            return 0;
        }
        if (zc_image_decode_png(row->image[i], row->image_len[i], name, &it->rgb[i], &it->w[i], &it->h[i], err,
                                errlen)) {
            for (int k = 0; k <= i; k++)
                free(it->rgb[k]), it->rgb[k] = NULL;
            return 0;
        }
    }
    it->nviews = ZRC_VIEWS;
    return 0;
}

/* The next row of the shards (the reader moves on to the next shard at the end of one): 1 with
 * row and its shard's path, 0 at the end, -1 with err. */
static int read_row(ev_source *s, zd_row *row, const char **path, char *err, size_t errlen)
{
    while (s->cur < s->npaths) {
        const char *p = s->paths[s->cur];
        if (!s->r && !(s->r = zd_open(p, ZD_COL_IMAGES | ZD_COL_STL | ZD_COL_STEP, err, errlen)))
            return -1;
        int k = zd_next(s->r, row, err, errlen);
        if (k < 0)
            return -1;
        if (k == 0) {
            zd_close(s->r);
            s->r = NULL;
            s->cur++;
            continue;
        }
        s->seen++;
        *path = p;
        return 1;
    }
    return 0;
}

static int next_row(ev_source *s, const ev_records *done, ev_item *it, char *err, size_t errlen)
{
    zd_row row;
    const char *p;
    int k;
    while ((k = read_row(s, &row, &p, err, errlen)) == 1) {
        char id[512];
        snprintf(id, sizeof id, "%.*s", (int)row.uuid_len, row.uuid);
        if (done && ev_records_has(done, id))
            continue;
        err[0] = 0;
        if (row_item(p, &row, it, err, errlen)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        return 1;
    }
    return k;
}

/* The default 8 views of a STEP file, rendered here. 0, or -1 with err. */
static int render_step(const char *path, ev_item *it, char *err, size_t errlen)
{
    zr_spec spec;
    zr_scene sc;
    zr_framing fr;
    memset(&spec, 0, sizeof spec);
    zk_shape *shape = zk_read_step(path);
    if (!shape) {
        snprintf(err, errlen, "%s: cannot read the STEP file", path);
        return -1;
    }
    int rc = zr_spec_default(&spec) ? -1 : 0;
    if (!rc && (zr_scene_from_shape(shape, &spec, &sc, err, errlen) == 0)) {
        uint8_t *rgbs[ZRC_MAX_VIEWS] = {0};
        rc = zr_framing_of(&sc, &fr, err, errlen) || zr_render_all(&sc, &fr, &spec, 2, rgbs, err, errlen) ? -1 : 0;
        for (size_t i = 0; i < spec.nviews && i < ZRC_MAX_VIEWS; i++) {
            if (i < ZRC_VIEWS && !rc)
                it->rgb[i] = rgbs[i], it->w[i] = spec.views[i].width, it->h[i] = spec.views[i].height;
            else
                free(rgbs[i]);
        }
        if (!rc)
            it->nviews = spec.nviews < ZRC_VIEWS ? (int)spec.nviews : ZRC_VIEWS;
        zr_scene_free(&sc);
    } else {
        rc = -1;
    }
    zr_spec_free(&spec);
    zk_unref(shape);
    return rc;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    size_t cap = 0;
    ssize_t n = f ? getdelim(&s, &cap, '\0', f) : -1;
    /* a STEP file has no NUL bytes; read the rest if it had one */
    if (f)
        fclose(f);
    if (n < 0) {
        free(s);
        return NULL;
    }
    *len = (size_t)n;
    return s;
}

/* The STEP file p as an item: its id (the name without extension), bytes and rendered views. */
static int step_item(const char *p, ev_item *it, char *err, size_t errlen)
{
    const char *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p, *dot = strrchr(base, '.');
    if (!(it->id = strndup(base, (size_t)(dot - base))) || !(it->gt_name = strdup(p)))
        return snprintf(err, errlen, "out of memory"), -1;
    return 0;
}

static void step_views(const char *p, ev_item *it, char *err, size_t errlen)
{
    err[0] = 0;
    if (!(it->gt = (unsigned char *)read_all(p, &it->gt_len)))
        snprintf(err, errlen, "%s: %s", p, strerror(errno));
    else
        render_step(p, it, err, errlen);
}

static int next_step(ev_source *s, const ev_records *done, ev_item *it, char *err, size_t errlen)
{
    while (s->cur < s->npaths) {
        const char *p = s->paths[s->cur++];
        s->seen++;
        if (step_item(p, it, err, errlen))
            return -1;
        if (ev_records_has(done, it->id)) {
            ev_item_free(it);
            continue;
        }
        step_views(p, it, err, errlen);
        return 1;
    }
    return 0;
}

int ev_source_next(ev_source *s, const ev_records *done, ev_item *it, char *err, size_t errlen)
{
    memset(it, 0, sizeof *it);
    return s->steps ? next_step(s, done, it, err, errlen) : next_row(s, done, it, err, errlen);
}

static int push_id(char ***ids, size_t *n, size_t *cap, char *id)
{
    if (!id)
        return -1;
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        char **v = realloc(*ids, c * sizeof *v);
        if (!v)
            return free(id), -1;
        *ids = v, *cap = c;
    }
    (*ids)[(*n)++] = id;
    return 0;
}

int ev_source_ids(ev_source *s, long limit, char ***ids, size_t *n, char *err, size_t errlen)
{
    size_t cap = 0;
    *ids = NULL, *n = 0;
    for (int i = 0; i < s->npaths && (limit <= 0 || (long)*n < limit); i++) {
        if (s->steps) {
            ev_item it = {0};
            int bad = step_item(s->paths[i], &it, err, errlen);
            char *id = it.id;
            it.id = NULL;
            ev_item_free(&it);
            if (bad || push_id(ids, n, &cap, id))
                return snprintf(err, errlen, "out of memory"), -1;
            continue;
        }
        zd_reader *r = zd_open(s->paths[i], ZD_COL_UUID, err, errlen);
        if (!r)
            return -1;
        zd_row row;
        int k = 0;
        while ((limit <= 0 || (long)*n < limit) && (k = zd_next(r, &row, err, errlen)) == 1)
            if (push_id(ids, n, &cap, strndup(row.uuid, row.uuid_len)))
                return zd_close(r), snprintf(err, errlen, "out of memory"), -1;
        zd_close(r);
        if (k < 0)
            return -1;
    }
    return 0;
}

int ev_source_at(ev_source *s, size_t pos, ev_item *it, char *err, size_t errlen)
{
    memset(it, 0, sizeof *it);
    it->pos = pos;
    if (s->steps) {
        if (pos >= (size_t)s->npaths)
            return 0;
        if (step_item(s->paths[pos], it, err, errlen))
            return -1;
        step_views(s->paths[pos], it, err, errlen);
        return 1;
    }
    if ((long)pos < s->seen) {   /* behind the reader: read the shards again from the start */
        if (s->r)
            zd_close(s->r);
        s->r = NULL, s->cur = 0, s->seen = 0;
    }
    zd_row row;
    const char *p;
    int k;
    while ((k = read_row(s, &row, &p, err, errlen)) == 1 && (long)pos >= s->seen) {
    }
    if (k != 1)
        return k;
    err[0] = 0;
    if (row_item(p, &row, it, err, errlen))
        return snprintf(err, errlen, "out of memory"), -1;
    return 1;
}
