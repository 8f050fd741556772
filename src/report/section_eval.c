/* section_eval.c: the report's evaluation: the model card's table (one row per eval-*.json in
 * DIR, the zerocad protocol first; refined reconstructions: a row before refinement above it)
 * and the IoU histogram of the zerocad protocol's items. */
#define _GNU_SOURCE
#include "report_internal.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_names(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int zx = !strcmp(x, "eval-zerocad.json"), zy = !strcmp(y, "eval-zerocad.json");
    return zx != zy ? zy - zx : strcmp(x, y);
}

/* The eval-*.json summaries of DIR, zerocad first; *n of them (malloc'd names). */
static char **summaries(const char *dir, int *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (strncmp(e->d_name, "eval-", 5) || l < 10 || strcmp(e->d_name + l - 5, ".json"))
            continue;
        char **g = realloc(names, (size_t)(*n + 1) * sizeof *g);
        if (!g)
            break;
        names = g;
        names[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    if (names)
        qsort(names, (size_t)*n, sizeof *names, cmp_names);
    return names;
}

/* A number cell: the figure as eval wrote it in data-value, shown rounded. */
static void cell(FILE *f, json_t *s, const char *key, int percent, int decimals)
{
    json_t *v = json_object_get(s, key);
    if (!json_is_number(v)) {
        fprintf(f, "<td data-key=\"%s\" data-value=\"null\">-</td>", key);
        return;
    }
    double x = json_number_value(v);
    fprintf(f, "<td data-key=\"%s\" data-value=\"%.17g\">", key, x);
    if (percent)
        fprintf(f, "%.1f%%</td>", 100.0 * x);
    else
        fprintf(f, "%.*f</td>", decimals, x);
}

/* The row of the same reconstructions before refinement (the summary's "before" object). */
static void before_row(FILE *f, json_t *s)
{
    json_t *b = json_object_get(s, "before");
    if (!json_is_object(b))
        return;
    fputs("<tr class=\"before\"><td data-key=\"protocol\">", f);
    zrp_str(f, json_string_value(json_object_get(s, "protocol")));
    fprintf(f, ", before refinement</td><td data-key=\"items\" data-value=\"%lld\">%lld</td>",
            (long long)json_integer_value(json_object_get(b, "items")),
            (long long)json_integer_value(json_object_get(b, "items")));
    cell(f, b, "success_rate", 1, 0);
    static const char *const iou[] = {"iou_mean", "iou_median", "iou_p90", "iou_fail0_mean", "iou_fail0_median",
                                      "iou_fail0_p90"};
    for (size_t i = 0; i < sizeof iou / sizeof iou[0]; i++)
        cell(f, b, iou[i], 0, 3);
    fputs("<td>-</td><td>-</td><td>-</td>", f);
    cell(f, b, "invalidity_ratio", 1, 0);
    fputs("</tr>\n", f);
}

static void table_row(FILE *f, json_t *s)
{
    before_row(f, s);
    fputs("<tr><td data-key=\"protocol\">", f);
    zrp_str(f, json_string_value(json_object_get(s, "protocol")));

    fprintf(f, "</td><td data-key=\"items\" data-value=\"%lld\">%lld</td>",
            (long long)json_integer_value(json_object_get(s, "items")),
            (long long)json_integer_value(json_object_get(s, "items")));
    cell(f, s, "success_rate", 1, 0);
    static const char *const iou[] = {"iou_mean", "iou_median", "iou_p90", "iou_fail0_mean", "iou_fail0_median",
                                      "iou_fail0_p90"};
    for (size_t i = 0; i < sizeof iou / sizeof iou[0]; i++)
        cell(f, s, iou[i], 0, 3);
    fprintf(f, "<td data-key=\"unscored\" data-value=\"%lld\">%lld</td>",
            (long long)json_integer_value(json_object_get(s, "unscored")),
            (long long)json_integer_value(json_object_get(s, "unscored")));
    cell(f, s, "cd_mean", 0, 3);
    cell(f, s, "cd_median", 0, 3);
    cell(f, s, "invalidity_ratio", 1, 0);
    fputs("</tr>\n", f);
}

static void iou_histogram(FILE *f, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/eval-zerocad.jsonl", dir);
    json_t *items = zrp_load_jsonl(path);
    if (!items)
        return;
    static const char *const labels[] = {"failed", "0.0-0.1", "0.1-0.2", "0.2-0.3", "0.3-0.4", "0.4-0.5",
                                         "0.5-0.6", "0.6-0.7", "0.7-0.8", "0.8-0.9", "0.9-1.0"};
    double counts[11] = {0};
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        json_t *v = json_object_get(it, "iou");
        if (!json_is_true(json_object_get(it, "success")) || !json_is_number(v)) {
            counts[0]++;
            continue;
        }
        double x = json_number_value(v) * 10;   /* clamped before the cast: any JSON number */
        counts[1 + (x < 1 ? 0 : x >= 9 ? 9 : (int)x)]++;
    }
    zrp_bar_chart(f, "IoU of the test items (zerocad protocol; failures apart)", labels, counts, 11, NULL);
    json_decref(items);
}

int zrp_section_eval(FILE *f, const zrp_opts *o, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    int n = 0;
    char **names = summaries(o->dir, &n);
    fputs("<section id=\"eval\"><h2>Evaluation</h2>\n", f);
    if (n == 0)
        fputs("<p class=\"none\">No eval-*.json summaries in this folder.</p>\n", f);
    else
        fputs("<table id=\"eval-table\"><thead><tr><th>Protocol</th><th>Items</th><th>Success rate</th>"
              "<th>Mean IoU</th><th>Median IoU</th><th>P90 IoU</th><th>Mean IoU (fail=0)</th>"
              "<th>Median IoU (fail=0)</th><th>P90 IoU (fail=0)</th><th>Unscored</th><th>Mean CD</th>"
              "<th>Median CD</th><th>Invalidity ratio</th></tr></thead><tbody>\n", f);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", o->dir, names[i]);
        json_t *s = zrp_load_json(path);
        if (s && json_is_string(json_object_get(s, "protocol")))
            table_row(f, s);
        json_decref(s);
        free(names[i]);
    }
    free(names);
    if (n)
        fputs("</tbody></table>\n", f);
    iou_histogram(f, o->dir);
    fputs("</section>\n", f);
    return 0;
}
