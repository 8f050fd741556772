/* section_dataset.c: the report's dataset grid (the first training rows: their 8 views, the code
 * on click) and its statistics (faces histogram and op frequencies from zs_stats, the synth run's
 * acceptance and reject reasons, the curation report when there is one). */
#define _GNU_SOURCE
#include "dataset.h"
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

int zrp_section_dataset(FILE *f, const zrp_opts *o, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/train", o->dir);
    zrp_row *rows = NULL;
    size_t n = 0;
    fputs("<section id=\"dataset\"><h2>Dataset: the training split</h2>\n", f);
    if (zrp_load_rows(path, o->dataset_rows > 0 ? o->dataset_rows : 12, &rows, &n, err, errlen)) {
        fputs("<p class=\"none\">No training shards (train/) in this folder.</p></section>\n", f);
        err[0] = 0;
        return 0;
    }
    fprintf(f, "<p>The first %zu rows: the 8 views of each; click a row for its program.</p>\n", n);
    for (size_t i = 0; i < n; i++) {
        fputs("<details class=\"row\"><summary>", f);
        for (int v = 0; v < 8; v++)
            if (rows[i].png[v])
                zrp_img(f, rows[i].png[v], rows[i].len[v], "training view", 64);
        fputs(" <code>", f);
        zrp_str(f, rows[i].uuid);
        fputs("</code></summary><pre>", f);
        zrp_str(f, rows[i].code);
        fputs("</pre></details>\n", f);
    }
    fputs("</section>\n", f);
    zrp_free_rows(rows, n);
    return 0;
}

static json_t *train_stats(const char *dir)
{
    char path[4096], **paths = NULL, err[1024];
    snprintf(path, sizeof path, "%s/train", dir);
    const char *in[1] = {path};
    int n = zs_shard_inputs(in, 1, &paths, err, sizeof err);
    if (n <= 0)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int rc = m ? zs_stats(paths, n, 1, m) : 1;
    if (m)
        fclose(m);
    zs_paths_free(paths, n);
    json_error_t je;
    json_t *j = rc == 0 && buf ? json_loads(buf, 0, &je) : NULL;
    free(buf);
    return j;
}

static void chart_of_object(FILE *f, const char *title, json_t *obj, const char *field, int max)
{
    size_t n = json_object_size(obj), i = 0;
    if (n == 0)
        return;
    const char **labels = calloc(n, sizeof *labels);
    double *values = calloc(n, sizeof *values);
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        json_t *x = field ? json_object_get(v, field) : v;
        labels[i] = k;
        values[i++] = json_number_value(x);
    }
    zrp_bar_chart(f, title, labels, values, (int)(max > 0 && (int)i > max ? max : (int)i), NULL);
    free(labels);
    free(values);
}

static void acceptance(FILE *f, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/train/synth-stats.json", dir);
    json_t *s = zrp_load_json(path);
    if (!s)
        return;
    json_t *rej = json_object_get(s, "rejected");
    fprintf(f, "<p>Synthesis: %lld programs, %lld rows accepted (acceptance %.1f%%).</p>\n",
            (long long)json_integer_value(json_object_get(s, "programs")),
            (long long)json_integer_value(json_object_get(s, "accepted")),
            100.0 * json_number_value(json_object_get(s, "acceptance")));
    json_t *both = json_object();
    json_object_set_new(both, "accepted", json_integer(json_integer_value(json_object_get(s, "accepted"))));
    if (json_is_object(rej))
        json_object_update(both, rej);
    chart_of_object(f, "Programs by outcome: accepted and reject reasons", both, NULL, 0);
    json_decref(both);
    json_decref(s);
}

static void curation(FILE *f, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/curate-report.md", dir);
    FILE *c = fopen(path, "r");
    if (!c)
        return;
    fputs("<details><summary>Curation: coverage before and after (curate-report.md)</summary><pre>", f);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, c)) > 0)
        zrp_text(f, buf, n);
    fclose(c);
    fputs("</pre></details>\n", f);
}

int zrp_section_stats(FILE *f, const zrp_opts *o, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    fputs("<section id=\"stats\"><h2>Dataset statistics</h2>\n", f);
    json_t *s = train_stats(o->dir);
    if (s) {
        fprintf(f, "<p>%lld rows; median program %.0f lines, %.1f CadQuery calls.</p>\n",
                (long long)json_integer_value(json_object_get(s, "rows")),
                json_number_value(json_object_get(s, "median_code_lines")),
                json_number_value(json_object_get(s, "median_ops_count")));
        chart_of_object(f, "B-rep faces per row (rows)", json_object_get(s, "faces_histogram"), NULL, 0);
        chart_of_object(f, "CadQuery calls: rows using each (top 20)", json_object_get(s, "ops"), "rows", 20);
        json_decref(s);
    } else {
        fputs("<p class=\"none\">No statistics: no training shards.</p>\n", f);
    }
    acceptance(f, o->dir);
    curation(f, o->dir);
    fputs("</section>\n", f);
    return 0;
}
