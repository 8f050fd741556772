/* section_items.c: the report's test items: per item the input views (the test shard's) beside
 * the reconstruction's views (the shard `reconstruct --retrieval --views-out` wrote), with the
 * item's IoU from eval-zerocad.jsonl and the view IoU of the choice; best first, failures last. */
#define _GNU_SOURCE
#include "report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *id;
    double iou;                  /* NAN: failed or not scored */
    double iou_before;           /* the same before refinement; NAN: none, failed or not scored */
    const char *status;
    json_t *pred;                /* its pred.jsonl record, or NULL */
} item;

static int by_iou(const void *a, const void *b)
{
    const item *x = a, *y = b;
    int fx = isnan(x->iou), fy = isnan(y->iou);
    if (fx != fy)
        return fx - fy;
    if (!fx && x->iou != y->iou)
        return x->iou < y->iou ? 1 : -1;
    return strcmp(x->id, y->id);
}

static json_t *find_pred(json_t *preds, const char *id)
{
    size_t i;
    json_t *p;
    json_array_foreach(preds, i, p) {
        const char *pid = json_string_value(json_object_get(p, "id"));
        if (pid && !strcmp(pid, id))
            return p;
    }
    return NULL;
}

static void views(FILE *f, const zrp_row *r, const char *alt)
{
    fputs("<div class=\"views\">", f);
    for (int v = 0; r && v < 8; v++)
        if (r->png[v])
            zrp_img(f, r->png[v], r->len[v], alt, 72);
    if (!r)
        fputs("<span class=\"none\">no views</span>", f);
    fputs("</div>", f);
}

static void one_item(FILE *f, const item *it, const zrp_row *in, const zrp_row *out)
{
    fputs("<div class=\"item\"><h3><code>", f);
    zrp_str(f, it->id);
    if (isnan(it->iou)) {
        fputs("</code> failed: ", f);
        zrp_str(f, it->status);
    } else {
        fprintf(f, "</code> IoU <span class=\"iou\" data-value=\"%.17g\">%.3f</span>", it->iou, it->iou);
    }
    if (!isnan(it->iou_before))
        fprintf(f, " (before refinement <span class=\"iou-before\" data-value=\"%.17g\">%.3f</span>)",
                it->iou_before, it->iou_before);
    json_t *vi = it->pred ? json_object_get(it->pred, "view_iou") : NULL;
    json_t *vb = it->pred ? json_object_get(it->pred, "view_iou_before") : NULL;
    if (json_is_number(vb) && json_is_number(vi))
        fprintf(f, " &middot; view IoU %.3f &rarr; %.3f", json_number_value(vb), json_number_value(vi));
    else if (json_is_number(vi))
        fprintf(f, " &middot; view IoU %.3f", json_number_value(vi));
    fputs("</h3><div class=\"pair\"><div><p>input views</p>", f);
    views(f, in, "input view");
    fputs("</div><div><p>reconstruction</p>", f);
    views(f, out, "reconstruction view");
    fputs("</div></div>", f);
    const char *code = it->pred ? json_string_value(json_object_get(it->pred, "code")) : NULL;
    if (code) {
        fputs("<details><summary>program</summary><pre>", f);
        zrp_str(f, code);
        fputs("</pre></details>", f);
    }
    fputs("</div>\n", f);
}

int zrp_section_items(FILE *f, const zrp_opts *o, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/eval-zerocad.jsonl", o->dir);
    json_t *ev = zrp_load_jsonl(path);
    snprintf(path, sizeof path, "%s/pred.jsonl", o->dir);
    json_t *preds = zrp_load_jsonl(path);
    fputs("<section id=\"items\"><h2>Test items: input views and reconstruction</h2>\n", f);
    if (!ev) {
        fputs("<p class=\"none\">No eval-zerocad.jsonl in this folder.</p></section>\n", f);
        json_decref(preds);
        return 0;
    }
    zrp_row *in = NULL, *out = NULL;
    size_t nin = 0, nout = 0;
    snprintf(path, sizeof path, "%s/test", o->dir);
    if (zrp_load_rows(path, -1, &in, &nin, err, errlen))
        nin = 0;
    snprintf(path, sizeof path, "%s/recon-views.parquet", o->dir);
    if (zrp_load_rows(path, -1, &out, &nout, err, errlen))
        nout = 0;
    err[0] = 0;
    size_t n = json_array_size(ev), i;
    item *items = calloc(n ? n : 1, sizeof *items);
    json_t *r;
    json_array_foreach(ev, i, r) {
        json_t *v = json_object_get(r, "iou");
        items[i].id = json_string_value(json_object_get(r, "id"));
        items[i].id = items[i].id ? items[i].id : "?";
        items[i].status = json_string_value(json_object_get(r, "status"));
        items[i].status = items[i].status ? items[i].status : "?";
        items[i].iou = json_is_true(json_object_get(r, "success")) && json_is_number(v) ? json_number_value(v) : NAN;
        items[i].pred = preds ? find_pred(preds, items[i].id) : NULL;
        json_t *b = json_object_get(r, "iou_before");
        items[i].iou_before = json_is_true(json_object_get(r, "success_before")) && json_is_number(b)
                                  ? json_number_value(b) : NAN;
    }
    qsort(items, n, sizeof *items, by_iou);
    fprintf(f, "<p>%zu items, best first.</p>\n", n);
    for (i = 0; i < n; i++)
        one_item(f, &items[i], zrp_find_row(in, nin, items[i].id), zrp_find_row(out, nout, items[i].id));
    fputs("</section>\n", f);
    free(items);
    zrp_free_rows(in, nin);
    zrp_free_rows(out, nout);
    json_decref(ev);
    json_decref(preds);
    return 0;
}
