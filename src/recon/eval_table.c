/* eval_table.c: the model card's table for `zerocad eval --model`, computed from every record of
 * OUT.jsonl: items, success rate, IoU mean / median / P90 over the scored successes (the card's
 * reading) and again with failures counted as 0, beside the figures the Zero-to-CAD model card
 * reports (Qwen3-VL-2B fine-tuned; copied here from the card: Zero-to-CAD test split and 1,000 ABC
 * shapes). Writes OUT.json and OUT.md; the markdown also goes to stdout. */
#define _GNU_SOURCE
#include "eval_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name, *label;
    double success, mean, median, p90;
} card_row;

/* The model card (ADSKAILab/Zero-To-CAD-Qwen3-VL-2B): success rate and IoU over successes. */
static const card_row CARD[] = {
    {"test", "model card, Zero-to-CAD test (10,000 rows)", 0.821, 0.747, 0.847, 0.999},
    {"abc", "model card, ABC (1,000 shapes)", 0.610, 0.377, 0.303, 0.854},
};

static const card_row *card_of(const zrc_eval_opts *o)
{
    const char *name = o->card ? o->card : o->gt_dir ? "abc" : "test";
    for (size_t i = 0; i < sizeof CARD / sizeof CARD[0]; i++)
        if (!strcmp(CARD[i].name, name))
            return &CARD[i];
    return NULL;
}

static json_t *summary(const ev_records *r, const zm_options *mo, double seconds, long recorded)
{
    size_t n = r->n, success = 0, scored = 0, n0 = 0;
    double *iou = malloc((n ? n : 1) * sizeof *iou), *iou0 = malloc((n ? n : 1) * sizeof *iou0);
    if (!iou || !iou0) {
        free(iou);
        free(iou0);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const ev_rec *x = &r->v[i];
        success += x->success != 0;
        if (x->success && x->scored && isfinite(x->iou))
            iou[scored++] = x->iou, iou0[n0++] = x->iou;
        else if (!x->success)
            iou0[n0++] = 0.0;
    }
    json_t *s = json_object();
    json_object_set_new(s, "protocol", json_string(zm_protocol_name(mo->protocol)));
    json_object_set_new(s, "items", json_integer((json_int_t)n));
    json_object_set_new(s, "success", json_integer((json_int_t)success));
    json_object_set_new(s, "scored", json_integer((json_int_t)scored));
    json_object_set_new(s, "unscored_successes", json_integer((json_int_t)(success - scored)));
    json_object_set_new(s, "success_rate", n ? json_real((double)success / (double)n) : json_null());
    zm_stats_json(s, "iou", iou, scored, 1);
    zm_stats_json(s, "iou_fail0", iou0, n0, 1);
    json_object_set_new(s, "recorded_this_run", json_integer(recorded));
    json_object_set_new(s, "seconds_this_run", json_real(seconds));
    free(iou);
    free(iou0);
    return s;
}

static void cell(FILE *f, json_t *s, const char *key, int percent)
{
    json_t *v = json_object_get(s, key);
    if (!json_is_number(v))
        fprintf(f, " n/a |");
    else if (percent)
        fprintf(f, " %.1f%% |", 100 * json_number_value(v));
    else
        fprintf(f, " %.3f |", json_number_value(v));
}

static void markdown(FILE *f, json_t *s, const card_row *card)
{
    fprintf(f, "| | items | success | IoU mean | IoU median | IoU P90 | mean (failures 0) | median (failures 0) "
               "| P90 (failures 0) |\n|---|---|---|---|---|---|---|---|---|\n");
    fprintf(f, "| zerocad (%s protocol) | %lld |", json_string_value(json_object_get(s, "protocol")),
            (long long)json_integer_value(json_object_get(s, "items")));
    cell(f, s, "success_rate", 1);
    cell(f, s, "iou_mean", 0);
    cell(f, s, "iou_median", 0);
    cell(f, s, "iou_p90", 0);
    cell(f, s, "iou_fail0_mean", 0);
    cell(f, s, "iou_fail0_median", 0);
    cell(f, s, "iou_fail0_p90", 0);
    fputc('\n', f);
    if (card)
        fprintf(f, "| %s | | %.1f%% | %.3f | %.3f | %.3f | | | |\n", card->label, 100 * card->success, card->mean,
                card->median, card->p90);
    fprintf(f, "\nIoU columns over the %lld scored successes; %lld successes could not be scored.\n",
            (long long)json_integer_value(json_object_get(s, "scored")),
            (long long)json_integer_value(json_object_get(s, "unscored_successes")));
}

static int write_file(const char *prefix, const char *ext, json_t *s, const card_row *card)
{
    char *path = NULL;
    if (asprintf(&path, "%s.%s", prefix, ext) < 0)
        return -1;
    FILE *f = fopen(path, "w");
    int bad = !f;
    if (f && !strcmp(ext, "json"))
        bad = json_dumpf(s, f, JSON_INDENT(2)) || fputc('\n', f) == EOF;
    else if (f)
        markdown(f, s, card);
    if (f && fclose(f))
        bad = 1;
    if (bad)
        fprintf(stderr, "zerocad eval: %s: cannot write\n", path);
    free(path);
    return bad ? -1 : 0;
}

int zrc_eval_table(const ev_records *r, const zrc_eval_opts *o, const zm_options *mo, const char *prefix,
                   double seconds, long recorded)
{
    const card_row *card = card_of(o);
    json_t *s = summary(r, mo, seconds, recorded);
    if (!s) {
        fprintf(stderr, "zerocad eval: out of memory\n");
        return -1;
    }
    /* the format of this run's decoder (a resumed report's earlier records may have had another) */
    json_object_set_new(s, "decoder_weights", json_string(zc_quant_label(o->quant)));
    if (card) {
        json_t *c = json_object();
        json_object_set_new(c, "name", json_string(card->label));
        json_object_set_new(c, "success_rate", json_real(card->success));
        json_object_set_new(c, "iou_mean", json_real(card->mean));
        json_object_set_new(c, "iou_median", json_real(card->median));
        json_object_set_new(c, "iou_p90", json_real(card->p90));
        json_object_set_new(s, "model_card", c);
    }
    int rc = write_file(prefix, "json", s, card) || write_file(prefix, "md", s, card) ? -1 : 0;
    if (!rc)
        markdown(stdout, s, card);
    json_decref(s);
    return rc;
}
