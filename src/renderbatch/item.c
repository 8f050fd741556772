/* item.c: one item of a render batch: its scene (a file, or a shard row through the cursor),
 * its views drawn and written durably to OUTDIR/<id>/, the list of files for its record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "renderbatch_internal.h"

static int load(const zrb_opts *o, const zrb_items *items, const zrb_item *it, zrb_cursor *cur, zr_scene *scene,
                char *err, size_t errlen)
{
    zrb_times t;
    if (it->shard < 0)
        return zrb_scene_from_input(it->source, o->spec, scene, &t, err, errlen);
    const unsigned char *step;
    size_t len;
    if (zrb_cursor_step(cur, items, it, &step, &len, err, errlen) < 0)
        return -1;
    return zrb_scene_from_step(it->source, step, len, o->spec, scene, &t, err, errlen);
}

/* The views drawn into rgbs (spec->nviews buffers, freed by the caller). */
static int draw(const zrb_opts *o, const zrb_item *it, const zr_scene *scene, uint8_t **rgbs, char *err,
                size_t errlen)
{
    zr_framing framing;
    char why[512];
    if (zr_framing_of(scene, &framing, why, sizeof why) || zr_render_all(scene, &framing, o->spec, o->threads, rgbs,
                                                                        why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", it->source, why);
        return -1;
    }
    return 0;
}

static json_t *file_list(const zrb_opts *o, const zrb_item *it)
{
    json_t *files = json_array();
    for (size_t i = 0; files && i < o->spec->nviews; i++) {
        char path[4200];
        zrb_view_path(it->id, o->spec->views[i].name, path, sizeof path);
        json_array_append_new(files, json_string(path));
    }
    return files;
}

int zrb_item_render(const zrb_opts *o, const zrb_items *items, const zrb_item *it, zrb_cursor *cur, json_t **files,
                    char *err, size_t errlen)
{
    *files = NULL;
    if (!zrb_id_usable(it->id)) {
        snprintf(err, errlen, "%s: the id '%s' cannot name a folder (empty, '.', '..', '/' or a control character)",
                 it->source, it->id);
        return -1;
    }
    zr_scene scene;
    memset(&scene, 0, sizeof scene);
    uint8_t **rgbs = calloc(o->spec->nviews, sizeof *rgbs);
    int rc = rgbs ? load(o, items, it, cur, &scene, err, errlen) : -1;
    if (!rgbs)
        snprintf(err, errlen, "out of memory");
    if (!rc)
        rc = draw(o, it, &scene, rgbs, err, errlen);
    zr_scene_free(&scene);
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/%s", o->outdir, it->id);
    if (!rc && (zrb_write_views(dir, o->spec, rgbs, 1, err, errlen) || zrb_sync_path(o->outdir, err, errlen)))
        rc = -2;   /* OUTDIR, not the item: the batch stops (the folder is an entry of OUTDIR, synced too) */
    for (size_t i = 0; rgbs && i < o->spec->nviews; i++)
        free(rgbs[i]);
    free(rgbs);
    if (!rc && !(*files = file_list(o, it))) {
        snprintf(err, errlen, "out of memory");
        rc = -2;
    }
    return rc;
}
