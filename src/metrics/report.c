/* report.c: the evaluation's outputs: one JSON object per item, the summary (success rate, IoU
 * mean/median/P90 over successful items and with failures as 0, unscored count, CD, invalidity
 * ratio) as JSON, and the same as a markdown table shaped like the model card's. Refined
 * reconstructions (records with "code_before") add the same figures before refinement: per item
 * iou_before / success_before / scored_before, in the summary a "before" object, in the table a
 * second row. The summary and the table are written to PREFIX.json and PREFIX.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "metrics_internal.h"

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

void *zm_report_item_json(const zm_item *it)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(it->id));
    json_object_set_new(o, "status", json_string(it->status));
    json_object_set_new(o, "success", json_boolean(it->success));
    json_object_set_new(o, "scored", json_boolean(it->scored));
    json_object_set_new(o, "iou", num(it->iou));
    json_object_set_new(o, "cd", num(it->cd));
    json_object_set_new(o, "error", it->error[0] ? json_string(it->error) : json_null());
    if (json_is_null(json_object_get(o, "error")) && it->error[0])
        json_object_set_new(o, "error", json_string("(error message not valid UTF-8)"));
    if (it->has_before) {
        json_object_set_new(o, "success_before", json_boolean(it->success_before));
        json_object_set_new(o, "scored_before", json_boolean(it->scored_before));
        json_object_set_new(o, "iou_before", num(it->iou_before));
    }
    json_object_set_new(o, "exec_seconds", num(it->exec_seconds));
    json_object_set_new(o, "score_seconds", num(it->score_seconds));
    return o;
}

void zm_stats_json(void *dst, const char *prefix, double *v, size_t n, int with_count)
{
    char key[64];
    snprintf(key, sizeof key, "%s_mean", prefix);
    json_object_set_new(dst, key, num(zm_mean(v, n)));
    snprintf(key, sizeof key, "%s_median", prefix);
    json_object_set_new(dst, key, num(zm_percentile(v, n, 50)));
    snprintf(key, sizeof key, "%s_p90", prefix);
    json_object_set_new(dst, key, num(zm_percentile(v, n, 90)));
    if (with_count) {
        snprintf(key, sizeof key, "%s_count", prefix);
        json_object_set_new(dst, key, json_integer((json_int_t)n));
    }
}

/* The figures of the programs before refinement, over the items that have one. */
static json_t *before_summary(const zm_item *items, size_t n)
{
    double *iou = malloc((n ? n : 1) * sizeof *iou), *iou0 = malloc((n ? n : 1) * sizeof *iou0);
    size_t total = 0, success = 0, scored = 0, n0 = 0;
    for (size_t i = 0; i < n && iou && iou0; i++) {
        const zm_item *it = &items[i];
        if (!it->has_before || !strcmp(it->status, "no_gt"))
            continue;
        total++;
        success += it->success_before != 0;
        if (it->scored_before)
            iou[scored++] = it->iou_before, iou0[n0++] = it->iou_before;
        else if (!it->success_before)
            iou0[n0++] = 0.0;
    }
    json_t *b = NULL;
    if (total && iou && iou0) {
        b = json_object();
        json_object_set_new(b, "items", json_integer((json_int_t)total));
        json_object_set_new(b, "success", json_integer((json_int_t)success));
        json_object_set_new(b, "scored", json_integer((json_int_t)scored));
        json_object_set_new(b, "success_rate", json_real((double)success / (double)total));
        json_object_set_new(b, "invalidity_ratio", json_real((double)(total - success) / (double)total));
        zm_stats_json(b, "iou", iou, scored, 0);
        zm_stats_json(b, "iou_fail0", iou0, n0, 0);
    }
    free(iou);
    free(iou0);
    return b;
}

void *zm_report_summary(const zm_item *items, size_t n, const zm_options *o, double seconds)
{
    size_t total = 0, success = 0, scored = 0, unscored = 0, failed = 0, missing = 0, no_gt = 0, ncd = 0;
    double *iou = malloc((n ? n : 1) * sizeof *iou), *iou0 = malloc((n ? n : 1) * sizeof *iou0);
    double *cd = malloc((n ? n : 1) * sizeof *cd);
    size_t n0 = 0;
    json_t *by_status = json_object();
    for (size_t i = 0; i < n; i++) {
        const zm_item *it = &items[i];
        json_int_t c = json_integer_value(json_object_get(by_status, it->status));
        json_object_set_new(by_status, it->status, json_integer(c + 1));
        if (!strcmp(it->status, "no_gt")) {
            no_gt++;
            continue;
        }
        total++;
        if (!strcmp(it->status, "missing"))
            missing++;
        if (it->success)
            success++;
        else
            failed++;
        if (it->scored) {
            scored++;
            iou[scored - 1] = it->iou;
            iou0[n0++] = it->iou;
            if (isfinite(it->cd))
                cd[ncd++] = it->cd;
        } else if (it->success) {
            unscored++;
        } else {
            iou0[n0++] = 0.0;
        }
    }
    json_t *s = json_object();
    json_object_set_new(s, "protocol", json_string(zm_protocol_name(o->protocol)));
    json_object_set_new(s, "grid", json_integer(o->grid));
    json_object_set_new(s, "rotations", json_integer(o->rotations));
    json_object_set_new(s, "samples", json_integer(o->samples));
    json_object_set_new(s, "seed", json_integer((json_int_t)o->seed));
    json_object_set_new(s, "items", json_integer((json_int_t)total));
    json_object_set_new(s, "success", json_integer((json_int_t)success));
    json_object_set_new(s, "failed", json_integer((json_int_t)failed));
    json_object_set_new(s, "missing_predictions", json_integer((json_int_t)missing));
    json_object_set_new(s, "scored", json_integer((json_int_t)scored));
    json_object_set_new(s, "unscored", json_integer((json_int_t)unscored));
    json_object_set_new(s, "predictions_without_gt", json_integer((json_int_t)no_gt));
    json_object_set_new(s, "success_rate", total ? json_real((double)success / (double)total) : json_null());
    json_object_set_new(s, "invalidity_ratio", total ? json_real((double)failed / (double)total) : json_null());
    zm_stats_json(s, "iou", iou, scored, 0);
    zm_stats_json(s, "iou_fail0", iou0, n0, 0);
    json_object_set_new(s, "cd_mean", num(zm_mean(cd, ncd)));
    json_object_set_new(s, "cd_median", num(zm_percentile(cd, ncd, 50)));
    json_object_set_new(s, "cd_count", json_integer((json_int_t)ncd));
    json_object_set_new(s, "by_status", by_status);
    json_t *before = before_summary(items, n);
    if (before)
        json_object_set_new(s, "before", before);
    json_object_set_new(s, "seconds", json_real(seconds));
    free(iou);
    free(iou0);
    free(cd);
    return s;
}

static void cell(FILE *out, const json_t *s, const char *key, int percent, int decimals)
{
    const json_t *v = json_object_get(s, key);
    if (!json_is_number(v))
        fprintf(out, " - |");
    else if (percent)
        fprintf(out, " %.1f%% |", 100.0 * json_number_value(v));
    else
        fprintf(out, " %.*f |", decimals, json_number_value(v));
}

void zm_report_markdown(const void *summary, FILE *out)
{
    const json_t *s = summary;
    const char *proto = json_string_value(json_object_get(s, "protocol"));
    fprintf(out, "| Protocol | Items | Success rate | Mean IoU | Median IoU | P90 IoU |"
                 " Mean IoU (fail=0) | Median IoU (fail=0) | P90 IoU (fail=0) | Unscored |"
                 " Mean CD | Median CD | Invalidity ratio |\n");
    fprintf(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    const json_t *b = json_object_get(s, "before");
    if (json_is_object(b)) {   /* the same reconstructions before refinement (no CD computed) */
        fprintf(out, "| %s, before refinement | %lld |", proto ? proto : "?",
                (long long)json_integer_value(json_object_get(b, "items")));
        static const char *const keys[] = {"iou_mean", "iou_median", "iou_p90", "iou_fail0_mean",
                                           "iou_fail0_median", "iou_fail0_p90"};
        cell(out, b, "success_rate", 1, 0);
        for (int i = 0; i < 6; i++)
            cell(out, b, keys[i], 0, 3);
        fprintf(out, " - | - | - |");
        cell(out, b, "invalidity_ratio", 1, 0);
        fprintf(out, "\n");
    }
    fprintf(out, "| %s | %lld |", proto ? proto : "?", (long long)json_integer_value(json_object_get(s, "items")));
    cell(out, s, "success_rate", 1, 0);
    cell(out, s, "iou_mean", 0, 3);
    cell(out, s, "iou_median", 0, 3);
    cell(out, s, "iou_p90", 0, 3);
    cell(out, s, "iou_fail0_mean", 0, 3);
    cell(out, s, "iou_fail0_median", 0, 3);
    cell(out, s, "iou_fail0_p90", 0, 3);
    fprintf(out, " %lld |", (long long)json_integer_value(json_object_get(s, "unscored")));
    cell(out, s, "cd_mean", 0, 3);
    cell(out, s, "cd_median", 0, 3);
    cell(out, s, "invalidity_ratio", 1, 0);
    fprintf(out, "\n");
}

int zm_report_write(const char *prefix, const void *summary)
{
    char *js = NULL, *md = NULL;
    int rc = 1;
    if (asprintf(&js, "%s.json", prefix) < 0 || asprintf(&md, "%s.md", prefix) < 0)
        goto done;
    if (json_dump_file(summary, js, JSON_INDENT(2) | JSON_REAL_PRECISION(17))) {
        fprintf(stderr, "zerocad eval: %s: cannot write\n", js);
        goto done;
    }
    FILE *f = fopen(md, "w");
    if (!f) {
        fprintf(stderr, "zerocad eval: %s: cannot write: %s\n", md, strerror(errno));
        goto done;
    }
    zm_report_markdown(summary, f);
    if (fclose(f)) {
        fprintf(stderr, "zerocad eval: %s: cannot write: %s\n", md, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    if (rc && !js)
        fprintf(stderr, "zerocad eval: out of memory\n");
    free(js);
    free(md);
    return rc;
}
