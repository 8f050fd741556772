/* eval.c: `zerocad eval`: a set of predictions (JSONL of {"id","code"} or a folder of programs)
 * against ground truth (a folder of STEP/BREP/STL/programs keyed by file stem): executes every
 * program through the executor, scores each successful prediction, writes the per-item JSONL,
 * the JSON summary and the markdown table, with progress and ETA on stderr. A JSONL record with
 * "code_before" (a refined reconstruction's program before refinement) is scored a second time
 * with that program, for the before/after figures. Loading the items and scoring a few of them
 * are also the steps of one part of a shared job (eval_shared.c). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "metrics_internal.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *ext_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot ? dot : "";
}

/* GT priority when several files share a stem: exact B-rep first, then programs, then meshes. */
static int gt_rank(const char *ext)
{
    static const char *order[] = {".brep", ".step", ".stp", ".py", ".stl"};
    for (int i = 0; i < 5; i++)
        if (!strcasecmp(ext, order[i]))
            return i;
    return -1;
}

static char *join(const char *dir, const char *name)
{
    char *p;
    return asprintf(&p, "%s/%s", dir, name) < 0 ? NULL : p;
}

static int scan_gt(const char *dir, zm_item_list *items)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "zerocad eval: %s: cannot open the ground-truth folder: %s\n", dir, strerror(errno));
        return 2;
    }
    struct dirent *e;
    int count = 0;
    while ((e = readdir(d))) {
        const char *ext = ext_of(e->d_name);
        int rank = gt_rank(ext);
        if (rank < 0 || e->d_name[0] == '.')
            continue;
        char *id = strndup(e->d_name, (size_t)(ext - e->d_name));
        zm_item *it = id ? zm_items_find_or_add(items, id) : NULL;
        free(id);
        if (!it) {
            closedir(d);
            return 1;
        }
        if (it->gt_path && gt_rank(ext_of(it->gt_path)) <= rank)
            continue;
        free(it->gt_path);
        it->gt_path = join(dir, e->d_name);
        it->gt_program = !strcasecmp(ext, ".py");
        count++;
    }
    closedir(d);
    if (!count) {
        fprintf(stderr, "zerocad eval: %s: no ground truth (.step .stp .brep .stl .py) in the folder\n", dir);
        return 2;
    }
    return 0;
}

static int scan_pred_dir(const char *dir, zm_item_list *items)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "zerocad eval: %s: cannot open: %s\n", dir, strerror(errno));
        return 2;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *ext = ext_of(e->d_name);
        if (strcmp(ext, ".py") || e->d_name[0] == '.')
            continue;
        char *id = strndup(e->d_name, (size_t)(ext - e->d_name));
        zm_item *it = id ? zm_items_find_or_add(items, id) : NULL;
        free(id);
        if (!it) {
            closedir(d);
            return 1;
        }
        it->pred_path = join(dir, e->d_name);
    }
    closedir(d);
    return 0;
}

static int scan_pred_jsonl(const char *path, zm_item_list *items)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "zerocad eval: %s: cannot open: %s\n", path, strerror(errno));
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = 0;
    while (rc == 0 && getline(&line, &cap, f) > 0) {
        lineno++;
        if (strspn(line, " \t\r\n") == strlen(line))
            continue;
        json_error_t jerr;
        json_t *rec = json_loads(line, 0, &jerr);
        json_t *jid = json_object_get(rec, "id"), *jcode = json_object_get(rec, "code");
        char idbuf[64];
        const char *id = json_string_value(jid);
        if (json_is_integer(jid)) {
            snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(jid));
            id = idbuf;
        }
        if (!rec) {
            fprintf(stderr, "zerocad eval: %s:%ld: malformed JSON (%s)\n", path, lineno, jerr.text);
            rc = 2;
        } else if (!id || !*id || !json_is_string(jcode)) {
            fprintf(stderr, "zerocad eval: %s:%ld: expected {\"id\": string or integer, \"code\": string}\n", path,
                    lineno);
            rc = 2;
        } else {
            zm_item *it = zm_items_find_or_add(items, id);
            if (!it)
                rc = 1;
            else if (it->pred_code) {
                fprintf(stderr, "zerocad eval: %s:%ld: duplicate id '%s'\n", path, lineno, id);
                rc = 2;
            } else {
                json_t *jb = json_object_get(rec, "code_before");
                it->pred_code = strdup(json_string_value(jcode));
                if (json_is_string(jb) && strcmp(json_string_value(jb), json_string_value(jcode)))
                    it->pred_before = strdup(json_string_value(jb));
                it->has_before = json_is_string(jb);
            }
        }
        json_decref(rec);
    }
    free(line);
    fclose(f);
    return rc;
}

/* ---- progress with ETA on stderr ---- */
typedef struct {
    const char *phase;
    double start, last;
    int tty;
} progress_state;

static void progress_line(size_t done, size_t total, void *arg)
{
    progress_state *p = arg;
    double now = zm_now();
    if (done < total && now - p->last < (p->tty ? 0.2 : 5.0))
        return;
    p->last = now;
    double el = now - p->start, rate = el > 0 ? (double)done / el : 0;
    double eta = rate > 0 ? (double)(total - done) / rate : 0;
    fprintf(stderr, "%seval: %s %zu/%zu (%.1f/s, ETA %.0fs)%s", p->tty ? "\r" : "", p->phase, done, total, rate,
            eta, p->tty && done < total ? "" : "\n");
}

/* ---- execution and scoring ---- */
/* Executes the programs of the n items (predictions with ground truth, their programs before
 * refinement, and ground-truth programs) in one executor run; results land in pr[i] / gr[i] /
 * br[i]. */
static int execute_chunk(zm_item *const *its, size_t n, const zm_options *o, zm_exec_result *pr, zm_exec_result *gr,
                         zm_exec_result *br)
{
    size_t np = 0;
    zm_program *progs = calloc(3 * n + 1, sizeof *progs);
    size_t *owner = calloc(3 * n + 1, sizeof *owner);   /* item * 3 + (0 pred, 1 GT, 2 before) */
    zm_exec_result *res = calloc(3 * n + 1, sizeof *res);
    int rc = -1;
    if (progs && owner && res) {
        for (size_t i = 0; i < n; i++) {
            zm_item *it = its[i];
            if (!it->gt_path)
                continue;   /* not scored: no need to run it */
            if (it->pred_path || it->pred_code) {
                progs[np] = (zm_program){it->id, it->pred_path, it->pred_code};
                owner[np++] = 3 * i;
            }
            if (it->gt_program) {
                progs[np] = (zm_program){it->id, it->gt_path, NULL};
                owner[np++] = 3 * i + 1;
            }
            if (it->pred_before) {
                progs[np] = (zm_program){it->id, NULL, it->pred_before};
                owner[np++] = 3 * i + 2;
            }
        }
        rc = zm_exec_programs(progs, np, o, res, NULL, NULL);
        if (rc == 0)
            for (size_t k = 0; k < np; k++)
                (owner[k] % 3 == 0 ? pr : owner[k] % 3 == 1 ? gr : br)[owner[k] / 3] = res[k];
        else
            for (size_t k = 0; k < np; k++)
                zm_exec_result_clear(&res[k]);
    }
    free(res);
    free(progs);
    free(owner);
    return rc ? 1 : 0;
}

static zm_geom *gt_geom(zm_item *it, zm_exec_result *gr, char *err, size_t errlen)
{
    if (it->gt_bytes)
        return zm_geom_from_bytes(it->gt_path, it->gt_bytes, it->gt_len, it->gt_stl, err, errlen);
    if (!it->gt_program)
        return zm_geom_load(it->gt_path, err, errlen);
    if (!gr->shape) {
        snprintf(err, errlen, "ground truth %.200s failed: %.250s", it->gt_path, gr->error[0] ? gr->error : gr->status);
        return NULL;
    }
    return zm_geom_from_shape(gr->shape);
}

static void score_item(zm_item *it, zm_exec_result *pr, zm_exec_result *gr, const zm_options *o)
{
    if (!it->gt_path) {
        snprintf(it->status, sizeof it->status, "no_gt");
        snprintf(it->error, sizeof it->error, "no ground truth with this id");
        return;
    }
    if (!it->pred_path && !it->pred_code) {
        snprintf(it->status, sizeof it->status, "missing");
        snprintf(it->error, sizeof it->error, "no prediction with this id");
        return;
    }
    snprintf(it->status, sizeof it->status, "%s", pr->status);
    snprintf(it->error, sizeof it->error, "%s", pr->error);
    it->exec_seconds = pr->seconds;
    if (!pr->shape)
        return;
    it->valid = zk_is_valid(pr->shape) == 1;
    if (!it->valid || !(zk_volume(pr->shape) > 0)) {
        snprintf(it->status, sizeof it->status, "invalid");
        snprintf(it->error, sizeof it->error, "the result is not a valid solid");
        return;
    }
    it->success = 1;
    char err[512] = "";
    zm_geom *g = gt_geom(it, gr, err, sizeof err);
    zm_geom *p = g ? zm_geom_from_shape(pr->shape) : NULL;
    if (!g || !p) {
        snprintf(it->error, sizeof it->error, "not scored: %.480s", err);
    } else {
        zm_score s;
        if (zm_score_pair(p, g, o, &s) == 0) {
            it->scored = 1;
            it->iou = s.iou;
            it->cd = s.cd;
        } else {
            snprintf(it->error, sizeof it->error, "not scored: %.480s", s.error);
        }
        it->score_seconds = s.seconds;
    }
    zm_geom_free(p);
    zm_geom_free(g);
}

/* The score of the program before refinement: the same as the prediction's when unchanged. */
static void score_before(zm_item *it, zm_exec_result *br, zm_exec_result *gr, const zm_options *o)
{
    if (!it->has_before)
        return;
    if (!it->pred_before) {
        it->success_before = it->success, it->scored_before = it->scored, it->iou_before = it->iou;
        return;
    }
    zm_item b = *it;
    b.pred_code = it->pred_before;
    b.pred_path = NULL;
    b.success = b.scored = 0;
    b.iou = b.cd = NAN;
    score_item(&b, br, gr, o);
    it->success_before = b.success, it->scored_before = b.scored, it->iou_before = b.iou;
}

static int write_outputs(const char *prefix, zm_item_list *items, json_t *summary)
{
    char *jl = NULL;
    if (asprintf(&jl, "%s.jsonl", prefix) < 0)
        return 1;
    FILE *f = fopen(jl, "w");
    if (!f) {
        fprintf(stderr, "zerocad eval: %s: cannot write: %s\n", jl, strerror(errno));
        free(jl);
        return 1;
    }
    for (size_t i = 0; i < items->n; i++) {
        json_t *o = zm_report_item_json(&items->v[i]);
        json_dumpf(o, f, JSON_COMPACT | JSON_REAL_PRECISION(17));
        fputc('\n', f);
        json_decref(o);
    }
    int rc = fclose(f) ? 1 : 0;
    if (rc)
        fprintf(stderr, "zerocad eval: %s: cannot write: %s\n", jl, strerror(errno));
    free(jl);
    return rc ? rc : zm_report_write(prefix, summary);
}

/* Items executed per executor run: bounds the shapes held in memory and paces the progress. */
static size_t chunk_size(const zm_options *o)
{
    size_t c = (size_t)(o->jobs > 0 ? o->jobs : 1) * 32;
    return c < 64 ? 64 : c;
}

int zm_eval_load(const zm_eval_args *a, zm_item_list *items)
{
    int shards = zm_gt_is_shards(a->gt);
    int rc = shards ? 0 : scan_gt(a->gt, items);
    if (!rc)
        rc = is_dir(a->pred) ? scan_pred_dir(a->pred, items) : scan_pred_jsonl(a->pred, items);
    if (!rc && shards)
        rc = zm_scan_gt_shards(a->gt, items);
    if (!rc && zm_items_sort(items)) {
        fprintf(stderr, "zerocad eval: out of memory\n");
        rc = 1;
    }
    return rc;
}

int zm_eval_score(zm_item *const *its, size_t n, const zm_options *o, int (*each)(zm_item *it, void *arg), void *arg)
{
    zm_exec_result *pr = calloc(n + 1, sizeof *pr), *gr = calloc(n + 1, sizeof *gr), *br = calloc(n + 1, sizeof *br);
    int rc = pr && gr && br ? execute_chunk(its, n, o, pr, gr, br) : 1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        score_item(its[i], &pr[i], &gr[i], o);
        score_before(its[i], &br[i], &gr[i], o);
        if (each && each(its[i], arg))
            rc = 1;
    }
    for (size_t k = 0; pr && gr && br && k < n; k++) {
        zm_exec_result_clear(&pr[k]);
        zm_exec_result_clear(&gr[k]);
        zm_exec_result_clear(&br[k]);
    }
    free(pr);
    free(gr);
    free(br);
    return rc;
}

typedef struct {
    progress_state ps;
    size_t done, total;
    int quiet;
} one_progress;

static int count_one(zm_item *it, void *arg)
{
    (void)it;
    one_progress *p = arg;
    p->done++;
    if (!p->quiet)
        progress_line(p->done, p->total, &p->ps);
    return 0;
}

int zm_eval(const zm_eval_args *a, const zm_options *o)
{
    if (a->share)
        return zm_eval_shared(a, o);
    zm_item_list items = {0};
    double t0 = zm_now();
    int rc = zm_eval_load(a, &items);
    if (rc) {
        zm_items_free(&items);
        return rc;
    }
    size_t chunk = chunk_size(o);
    zm_item **its = calloc(chunk, sizeof *its);
    one_progress p = {{"items", zm_now(), 0, isatty(2)}, 0, items.n, a->quiet};
    rc = its ? 0 : 1;
    for (size_t begin = 0; rc == 0 && begin < items.n; begin += chunk) {
        size_t end = begin + chunk < items.n ? begin + chunk : items.n;
        for (size_t i = begin; i < end; i++)
            its[i - begin] = &items.v[i];
        rc = zm_eval_score(its, end - begin, o, count_one, &p);
    }
    if (!rc) {
        json_t *summary = zm_report_summary(items.v, items.n, o, zm_now() - t0);
        rc = write_outputs(a->out ? a->out : "eval-report", &items, summary);
        if (!rc)
            zm_report_markdown(summary, stdout);
        json_decref(summary);
    }
    free(its);
    zm_items_free(&items);
    return rc;
}
