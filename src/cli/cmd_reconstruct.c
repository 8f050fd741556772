/* cmd_reconstruct.c: `zerocad reconstruct`: 8 views of a part (PNG files, a folder of PNGs, or a
 * shape rendered with the default view spec) -> the Zero-to-CAD model on the CPU -> CadQuery
 * program(s) -> run in the executor's sandbox -> STEP/STL. With several candidates, the one whose
 * own rendered views best match the input views (mean silhouette IoU) wins. --programs skips the
 * model and chooses among given programs (the same stages after generation). --refine then tunes
 * the winner's numbers against the input views (src/recon, zrc_refine_run). Without -m DIR or
 * --programs the reconstructor is retrieval + refinement (cmd_reconstruct_retrieval.c). */
#define _GNU_SOURCE
#include "commands.h"
#include "cq.h"
#include "dataset.h"
#include "exec.h"
#include "model.h"
#include "recon.h"
#include "refine_args.h"
#include "render.h"
#include "vision.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_VIEWS 64
#define MAX_CAND 64

typedef struct {
    const char *dir, *out, *step, *stl, *views_dir, *shape, *row, *system, *user, *refine_log, *record, *corpus;
    const char *views[MAX_VIEWS];
    int nviews;
    const char *programs[MAX_CAND];
    int nprograms;
    int n_cand, max_new, threads, quiet, refine, no_speculate, no_corpus;
    double timeout;
    zc_sampler_params sp;
    zrc_refine_opts ro;
} recon_opts;

typedef struct {
    uint8_t *rgb;
    int w, h;
} view_img;

typedef struct {
    char *code;
    char status[32], error[1024], step[4096], stl[4096];
    double iou;
} candidate;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zerocad reconstruct -m DIR (VIEW.png ... | --views-dir D | --shape PROG.py|STEP|STL |\n"
            "                                   --row SHARD.parquet#UUID) -o OUT.py\n"
            "          [--step OUT.step] [--stl OUT.stl] [-n CANDIDATES] [--max-new N] [--temp T] [--top-k K]\n"
            "          [--top-p P] [--repeat-penalty R] [--seed S] [-t THREADS] [--timeout S] [--quiet]\n"
            "          [--speculate | --no-speculate] [--draft-corpus FILE | --no-draft-corpus]\n"
            "          [--refine [--refine-evals N] [--refine-params N] [--refine-method M] [--refine-log F.jsonl]]\n"
            "          [--record PRED.jsonl]\n"
            "       zerocad reconstruct (views) --programs A.py,B.py,... -o OUT.py [--step ..] [--stl ..] [--refine ..]\n"
            "       zerocad reconstruct --retrieval TRAIN --data TEST -o PRED.jsonl (see --retrieval --help):\n"
            "           the default reconstructor without -m DIR: retrieval + refinement\n"
            "Writes the CadQuery program the model answers for the views (8 views of 256x256 for the\n"
            "Zero-to-CAD model; --row: a dataset row's own image_0..7, decoded in memory)\n"
            "runs it in the executor's sandbox and exports STEP/STL. With -n > 1 the\n"
            "candidate whose rendered views best match the input views (silhouette IoU) is kept.\n"
            "--programs chooses among existing programs instead of generating. Defaults: -n 1, greedy\n"
            "for one candidate, the checkpoint's sampling settings for several; --max-new 4096.\n"
            "--speculate (default): greedy candidates draft ids from earlier text and check them in one\n"
            "forward pass (the same program, fewer passes; ignored when sampling); --no-speculate: off.\n"
            "The drafter looks in the text so far, then in a built-in page of CadQuery idioms (or the text\n"
            "of --draft-corpus FILE; --no-draft-corpus: none).\n"
            "Exit status: 0 a program ran and was written, 1 no candidate ran (OUT.py holds the first\n"
            "one, the error is printed), 2 bad usage.\n"
            "--refine-log F.jsonl: one line per run of the refinement ({\"item\", \"eval\", \"view_iou\", \"values\"}).\n"
            "--record PRED.jsonl: appends the result as a line for `zerocad eval --pred`: {\"id\" (the --row\n"
            "uuid, else OUT's file name without .py), \"code\", \"view_iou\"; refined: \"code_before\",\n"
            "\"view_iou_before\", \"refine_evals\", \"refine_params\"}.\n");
    refine_usage(f);
}

static int split_list(char *s, const char **out, int max)
{
    int n = 0;
    for (char *p = strtok(s, ","); p && n < max; p = strtok(NULL, ","))
        out[n++] = p;
    return n;
}

static int parse_value(recon_opts *o, const char *a, const char *v)
{
    if (!strcmp(a, "-m") || !strcmp(a, "--model"))
        o->dir = v;
    else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
        o->out = v;
    else if (!strcmp(a, "--step"))
        o->step = v;
    else if (!strcmp(a, "--stl"))
        o->stl = v;
    else if (!strcmp(a, "--views-dir"))
        o->views_dir = v;
    else if (!strcmp(a, "--shape"))
        o->shape = v;
    else if (!strcmp(a, "--row"))
        o->row = v;
    else if (!strcmp(a, "--system"))
        o->system = v;
    else if (!strcmp(a, "--prompt"))
        o->user = v;
    else if (!strcmp(a, "--programs"))
        o->nprograms = split_list((char *)v, o->programs, MAX_CAND);
    else if (!strcmp(a, "-n") || !strcmp(a, "--candidates"))
        o->n_cand = atoi(v);
    else if (!strcmp(a, "--max-new"))
        o->max_new = atoi(v);
    else if (!strcmp(a, "--temp"))
        o->sp.temperature = (float)atof(v);
    else if (!strcmp(a, "--top-k"))
        o->sp.top_k = atoi(v);
    else if (!strcmp(a, "--top-p"))
        o->sp.top_p = (float)atof(v);
    else if (!strcmp(a, "--repeat-penalty"))
        o->sp.repetition_penalty = (float)atof(v);
    else if (!strcmp(a, "--seed"))
        o->sp.seed = strtoull(v, NULL, 10);
    else if (!strcmp(a, "-t") || !strcmp(a, "--threads"))
        o->threads = atoi(v);
    else if (!strcmp(a, "--timeout"))
        o->timeout = atof(v);
    else if (!strcmp(a, "--refine-log"))
        o->refine_log = v;
    else if (!strcmp(a, "--record"))
        o->record = v;
    else if (!strcmp(a, "--draft-corpus"))
        o->corpus = v;
    else
        return refine_arg(a, v, &o->ro) == 1 ? 0 : -1;
    return 0;
}

/* 0 ok, 1 help printed, 2 bad usage */
static int parse_args(int argc, char **argv, recon_opts *o)
{
    memset(o, 0, sizeof *o);
    o->n_cand = 1, o->max_new = 4096, o->timeout = 60;
    o->sp.temperature = -1, o->sp.top_k = -1, o->sp.top_p = -1, o->sp.repetition_penalty = -1;
    zrc_refine_opts_default(&o->ro);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 1;
        } else if (!strcmp(a, "--quiet")) {
            o->quiet = 1;
        } else if (!strcmp(a, "--refine")) {
            o->refine = 1;
        } else if (!strcmp(a, "--no-draft-corpus")) {
            o->no_corpus = 1;
        } else if (!strcmp(a, "--speculate") || !strcmp(a, "--no-speculate")) {
            o->no_speculate = !strcmp(a, "--no-speculate");
        } else if (a[0] == '-' && a[1]) {
            if (i + 1 >= argc || parse_value(o, a, argv[i + 1])) {
                fprintf(stderr, "zerocad reconstruct: bad argument '%s'\n", a);
                return 2;
            }
            i++;
        } else if (o->nviews < MAX_VIEWS) {
            o->views[o->nviews++] = a;
        }
    }
    int sources = (o->nviews > 0) + (o->views_dir != NULL) + (o->shape != NULL) + (o->row != NULL);
    if (!o->out || sources != 1 || (!o->dir && !o->nprograms) || o->n_cand < 1 || o->n_cand > MAX_CAND ||
        o->max_new < 1 || !(o->timeout > 0)) {
        fprintf(stderr, "zerocad reconstruct: need -o OUT.py, one view source (VIEW.png..., --views-dir, --shape or --row), "
                        "-m DIR (or --programs), 1 <= -n <= %d (try --help)\n", MAX_CAND);
        return 2;
    }
    return 0;
}

/* ---- input views ---- */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_pngs(recon_opts *o, char **names)
{
    DIR *d = opendir(o->views_dir);
    if (!d) {
        fprintf(stderr, "zerocad reconstruct: %s: %s\n", o->views_dir, strerror(errno));
        return -1;
    }
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < MAX_VIEWS;) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcasecmp(e->d_name + l - 4, ".png") &&
            asprintf(&names[n], "%s/%s", o->views_dir, e->d_name) >= 0)
            n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++)
        o->views[o->nviews++] = names[i];
    if (!n)
        fprintf(stderr, "zerocad reconstruct: %s: no .png views\n", o->views_dir);
    return n ? 0 : -1;
}

static int load_view_files(const recon_opts *o, view_img *v)
{
    char err[1024];
    for (int i = 0; i < o->nviews; i++)
        if (zc_image_load_png(o->views[i], &v[i].rgb, &v[i].w, &v[i].h, err, sizeof err)) {
            fprintf(stderr, "zerocad reconstruct: %s\n", err);
            return -1;
        }
    return 0;
}

/* Scene of a shape file: STL mesh, STEP solid, or the solid a CadQuery program makes. */
static int scene_of_file(const char *path, const zr_spec *spec, zr_scene *sc, char *err, size_t errlen)
{
    size_t l = strlen(path);
    if (l > 4 && !strcasecmp(path + l - 4, ".stl"))
        return zr_scene_from_stl_file(path, spec, sc, err, errlen);
    zk_shape *s = NULL;
    if ((l > 5 && !strcasecmp(path + l - 5, ".step")) || (l > 4 && !strcasecmp(path + l - 4, ".stp"))) {
        if (!(s = zk_read_step(path)))
            snprintf(err, errlen, "%s: cannot read the STEP file", path);
    } else {
        zc_run_result r = {0};
        if (zc_python_start() < 0)
            snprintf(err, errlen, "%s: cannot start the embedded Python", path);
        else if (zc_run_program(path, NULL, &r))
            snprintf(err, errlen, "%s: %.900s", path, r.error);
        s = r.ok ? r.shape : NULL;
        r.shape = NULL;
        zc_run_result_clear(&r);
    }
    int rc = s ? zr_scene_from_shape(s, spec, sc, err, errlen) : -1;
    zk_unref(s);
    return rc;
}

/* All views of the spec for one scene file, as RGB images. */
static int render_file(const char *path, const zr_spec *spec, view_img *v, char *err, size_t errlen)
{
    zr_scene sc;
    zr_framing fr;
    if (scene_of_file(path, spec, &sc, err, errlen))
        return -1;
    uint8_t *rgbs[MAX_VIEWS] = {0};
    int rc = zr_framing_of(&sc, &fr, err, errlen) || zr_render_all(&sc, &fr, spec, 2, rgbs, err, errlen) ? -1 : 0;
    for (size_t i = 0; i < spec->nviews && i < MAX_VIEWS; i++)
        v[i] = (view_img){rgbs[i], spec->views[i].width, spec->views[i].height};
    zr_scene_free(&sc);
    return rc;
}

/* ---- candidate choice: silhouettes (zrc_silhouette_iou) ---- */
static double silhouette_iou(const view_img *a, const view_img *b)
{
    if (a->w != b->w || a->h != b->h)
        return 0;
    return zrc_silhouette_iou(a->rgb, b->rgb, a->w, a->h);
}

static double views_iou(const char *stl, const view_img *in, int nin, int size)
{
    zr_spec spec;
    char err[1024];
    view_img mine[MAX_VIEWS] = {{0}};
    if (zr_spec_default(&spec))
        return -1;
    zr_spec_set_size(&spec, size);
    double sum = -1;
    int n = nin < (int)spec.nviews ? nin : (int)spec.nviews;
    if (!render_file(stl, &spec, mine, err, sizeof err)) {
        sum = 0;
        for (int i = 0; i < n; i++)
            sum += silhouette_iou(&in[i], &mine[i]);
        sum /= n > 0 ? n : 1;
    }
    for (size_t i = 0; i < spec.nviews && i < MAX_VIEWS; i++)
        free(mine[i].rgb);
    zr_spec_free(&spec);
    return sum;
}

/* ---- running the candidates in the executor ---- */
static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int bad = fputs(text, f) < 0;
    return fclose(f) || bad ? -1 : 0;
}

static int copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = a ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    int bad = !a || !b;
    while (!bad && (n = fread(buf, 1, sizeof buf, a)) > 0)
        bad = fwrite(buf, 1, n, b) != n;
    if (a)
        fclose(a);
    if (b && fclose(b))
        bad = 1;
    return bad ? -1 : 0;
}

static void read_record(json_t *rec, candidate *c, int nc)
{
    const char *id = json_string_value(json_object_get(rec, "id"));
    int k = id && !strncmp(id, "cand_", 5) ? atoi(id + 5) - 1 : -1;
    if (k < 0 || k >= nc)
        return;
    json_t *ex = json_object_get(rec, "exports");
    snprintf(c[k].status, sizeof c[k].status, "%s", json_string_value(json_object_get(rec, "status")) ?: "?");
    snprintf(c[k].error, sizeof c[k].error, "%s", json_string_value(json_object_get(rec, "error")) ?: "");
    snprintf(c[k].step, sizeof c[k].step, "%s", json_string_value(json_object_get(ex, "step")) ?: "");
    snprintf(c[k].stl, sizeof c[k].stl, "%s", json_string_value(json_object_get(ex, "stl")) ?: "");
}

static int read_results(const char *path, candidate *c, int nc)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    if (!f)
        return -1;
    while (getline(&line, &cap, f) > 0) {
        json_t *rec = json_loads(line, 0, NULL);
        if (rec)
            read_record(rec, c, nc);
        json_decref(rec);
    }
    free(line);
    fclose(f);
    return 0;
}

static int run_candidates(const recon_opts *o, const char *tmp, candidate *c, int nc)
{
    char progs[4200], out[4200], res[4200], path[4300];
    snprintf(progs, sizeof progs, "%s/programs", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    snprintf(res, sizeof res, "%s/results.jsonl", tmp);
    if (mkdir(progs, 0700))
        return -1;
    for (int i = 0; i < nc; i++) {
        snprintf(path, sizeof path, "%s/cand_%d.py", progs, i + 1);
        if (write_text(path, c[i].code))
            return -1;
        snprintf(c[i].status, sizeof c[i].status, "not run");
    }
    const char *inputs[1] = {progs};
    zx_options xo = {.inputs = inputs, .ninputs = 1, .output = res, .jobs = nc < 2 ? 1 : 2, .timeout = o->timeout,
                     .memory_mb = 0, .exports = ZX_EXPORT_STEP | ZX_EXPORT_STL, .out_dir = out};
    if (!o->quiet)
        fprintf(stderr, "reconstruct: running %d candidate program(s) in the sandbox\n", nc);
    return zx_run(&xo) == 2 ? -1 : read_results(res, c, nc);
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

/* Index of the winner among the candidates that ran (-1: none ran). */
static int choose(const recon_opts *o, candidate *c, int nc, const view_img *in, int nin)
{
    int best = -1, ok = 0;
    for (int i = 0; i < nc; i++)
        ok += !strcmp(c[i].status, "ok");
    for (int i = 0; i < nc; i++) {
        if (strcmp(c[i].status, "ok"))
            continue;
        c[i].iou = ok > 1 ? views_iou(c[i].stl, in, nin, in[0].w) : 1.0;
        if (!o->quiet && ok > 1)
            fprintf(stderr, "reconstruct: candidate %d: silhouette IoU %.4f\n", i + 1, c[i].iou);
        if (best < 0 || c[i].iou > c[best].iou)
            best = i;
    }
    return best;
}

static int write_outputs(const recon_opts *o, const candidate *w)
{
    if (write_text(o->out, w->code)) {
        fprintf(stderr, "zerocad reconstruct: %s: %s\n", o->out, strerror(errno));
        return 1;
    }
    if ((o->step && copy_file(w->step, o->step)) || (o->stl && copy_file(w->stl, o->stl))) {
        fprintf(stderr, "zerocad reconstruct: cannot write %s\n", o->step && copy_file(w->step, o->step) ? o->step : o->stl);
        return 1;
    }
    return 0;
}

/* ---- the model ---- */
static void sampling_defaults(const recon_opts *o, const zc_model *m, zc_recon_gen *g)
{
    const zc_gen_config *gc = zc_model_gen_config(m);
    int sample = o->n_cand > 1;
    g->sp = o->sp;
    if (g->sp.temperature < 0)
        g->sp.temperature = sample && gc->do_sample ? gc->temperature : sample ? 0.7f : 0.0f;
    if (g->sp.top_k < 0)
        g->sp.top_k = gc->top_k;
    if (g->sp.top_p < 0)
        g->sp.top_p = gc->top_p;
    if (g->sp.repetition_penalty < 0)
        g->sp.repetition_penalty = gc->repetition_penalty;
}

static int generate(const recon_opts *o, const view_img *views, candidate *c)
{
    char err[1024];
    zc_model *m = zc_model_load(o->dir, ZC_QUANT_NONE, err, sizeof err);
    zc_vision *v = m ? zc_vision_load(o->dir, err, sizeof err) : NULL;
    zc_tokenizer *tok = v ? zc_tokenizer_load(o->dir, err, sizeof err) : NULL;
    zc_image_patches imgs[MAX_VIEWS] = {{0}};
    char **texts = NULL;
    int rc = tok ? 0 : -1;
    for (int i = 0; !rc && i < o->nviews; i++)
        rc = zc_image_preprocess(zc_vision_image_proc(v), views[i].rgb, views[i].w, views[i].h, &imgs[i], err,
                                 sizeof err);
    if (!rc) {
        zc_recon_gen g = {.system = o->system, .user = o->user, .max_new = o->max_new, .n_candidates = o->n_cand,
                          .quiet = o->quiet, .no_speculate = o->no_speculate, .draft_corpus = o->corpus,
                          .no_draft_corpus = o->no_corpus};
        sampling_defaults(o, m, &g);
        rc = zc_reconstruct_generate(m, v, tok, imgs, o->nviews, &g, &texts, err, sizeof err);
    }
    for (int i = 0; !rc && i < o->n_cand; i++) {
        c[i].code = zc_reconstruct_extract_code(texts[i]);
        free(texts[i]);
    }
    if (rc)
        fprintf(stderr, "zerocad reconstruct: %s\n", err);
    free(texts);
    for (int i = 0; i < o->nviews; i++)
        zc_image_patches_free(&imgs[i]);
    zc_tokenizer_free(tok);
    zc_vision_free(v);
    zc_model_free(m);
    return rc;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    size_t cap = 0;
    if (f && getdelim(&s, &cap, '\0', f) < 0) {
        free(s);
        s = NULL;
    }
    if (f)
        fclose(f);
    return s;
}

static int given_programs(const recon_opts *o, candidate *c)
{
    for (int i = 0; i < o->nprograms; i++)
        if (!(c[i].code = read_text(o->programs[i]))) {
            fprintf(stderr, "zerocad reconstruct: %s: cannot read\n", o->programs[i]);
            return -1;
        }
    return 0;
}

/* The 8 views stored in a shard row (its image_0..7 PNGs), decoded in memory. */
static int load_row_views(recon_opts *o, view_img *v)
{
    zd_reader *r;
    zd_row row;
    char err[1024];
    if (zs_find_row(o->row, ZD_COL_IMAGES, &r, &row, err, sizeof err) < 0) {
        fprintf(stderr, "zerocad reconstruct: %s\n", err);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < 8 && rc == 0; i++) {
        char name[32];
        snprintf(name, sizeof name, "image_%d", i);
        if (!row.image[i]) {
            fprintf(stderr, "zerocad reconstruct: %s: the row has no %s\n", o->row, name);
            rc = -1;
        } else if (zc_image_decode_png(row.image[i], row.image_len[i], name, &v[i].rgb, &v[i].w, &v[i].h, err,
                                       sizeof err)) {
            fprintf(stderr, "zerocad reconstruct: %s: %s\n", o->row, err);
            rc = -1;
        }
    }
    zd_close(r);
    if (rc == 0)
        o->nviews = 8;
    return rc;
}

static int get_views(recon_opts *o, view_img *views, char **names)
{
    if (o->row)
        return load_row_views(o, views);
    if (o->views_dir && list_pngs(o, names))
        return -1;
    if (!o->shape)
        return load_view_files(o, views);
    zr_spec spec;
    char err[1024];
    int rc = zr_spec_default(&spec) ? -1 : render_file(o->shape, &spec, views, err, sizeof err);
    if (rc)
        fprintf(stderr, "zerocad reconstruct: %s\n", err);
    else
        o->nviews = (int)spec.nviews;
    zr_spec_free(&spec);
    return rc;
}

/* ---- refinement of the winner (--refine) ---- */
static int refine_item(const recon_opts *o, const candidate *w, const view_img *views, zrc_refine_item *it)
{
    char err[1024];
    memset(it, 0, sizeof *it);
    it->code = w->code;
    it->known_iou = -1;
    it->w = views[0].w, it->h = views[0].h;
    for (int i = 0; i < o->nviews && i < ZRC_VIEWS && views[i].w == it->w && views[i].h == it->h; i++)
        it->rgb[i] = views[i].rgb, it->nviews = i + 1;
    zrc_refine_opts ro = o->ro;
    ro.jobs = 1, ro.timeout = o->timeout, ro.memory_mb = 0;
    FILE *log = o->refine_log ? fopen(o->refine_log, "w") : NULL;
    if (o->refine_log && !log) {
        fprintf(stderr, "zerocad reconstruct: %s: %s\n", o->refine_log, strerror(errno));
        return -1;
    }
    ro.log = log;
    int rc = zrc_refine_run(it, 1, &ro, err, sizeof err);
    if (log && fclose(log))
        rc = -1, snprintf(err, sizeof err, "%s: cannot write", o->refine_log);
    if (rc)
        fprintf(stderr, "zerocad reconstruct: %s\n", err);
    else if (!o->quiet)
        fprintf(stderr, "refine: view IoU %.4f -> %.4f in %d runs (budget %d), %d numbers tuned\n", it->iou_before,
                it->iou_after, it->evals, ro.evals, it->nparams);
    return rc;
}

/* The refined program replaces the winner: run again for its STEP/STL when those are asked for. */
static int take_refined(const recon_opts *o, const char *tmp, candidate *w, zrc_refine_item *it)
{
    if (!strcmp(it->refined, w->code))
        return 0;
    free(w->code);
    w->code = it->refined;
    it->refined = NULL;
    if (!o->step && !o->stl)
        return 0;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/refined", tmp);
    candidate r = {.code = w->code};
    if (mkdir(dir, 0700) || run_candidates(o, dir, &r, 1) || strcmp(r.status, "ok")) {
        fprintf(stderr, "zerocad reconstruct: the refined program did not run again: %s\n", r.error);
        return -1;
    }
    memcpy(w->step, r.step, sizeof w->step);
    memcpy(w->stl, r.stl, sizeof w->stl);
    return 0;
}

/* --record: the result as a PRED.jsonl line (appended). it: the refinement, or NULL. */
static int write_record(const recon_opts *o, const char *code, const char *before, const zrc_refine_item *it)
{
    char id[512];
    const char *hash = o->row ? strrchr(o->row, '#') : NULL, *base = strrchr(o->out, '/');
    snprintf(id, sizeof id, "%s", hash ? hash + 1 : base ? base + 1 : o->out);
    size_t l = strlen(id);
    if (!hash && l > 3 && !strcmp(id + l - 3, ".py"))
        id[l - 3] = 0;
    json_t *r = json_object();
    json_object_set_new(r, "id", json_string(id));
    json_object_set_new(r, "code", json_string(code));
    json_object_set_new(r, "view_iou", it && it->iou_after >= 0 ? json_real(it->iou_after) : json_null());
    if (it) {
        json_object_set_new(r, "code_before", json_string(before));
        json_object_set_new(r, "view_iou_before", it->iou_before >= 0 ? json_real(it->iou_before) : json_null());
        json_object_set_new(r, "refine_evals", json_integer(it->evals));
        json_object_set_new(r, "refine_params", json_integer(it->nparams));
    }
    char *s = json_dumps(r, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(r);
    FILE *f = s ? fopen(o->record, "a") : NULL;
    int bad = !f || fprintf(f, "%s\n", s) < 0;
    if (f && fclose(f))
        bad = 1;
    free(s);
    if (bad)
        fprintf(stderr, "zerocad reconstruct: %s: cannot append the record\n", o->record);
    return bad ? 1 : 0;
}

static int finish(const recon_opts *o, const char *tmp, candidate *c, int nc, const view_img *views)
{
    int w = choose(o, c, nc, views, o->nviews);
    if (w < 0) {
        write_text(o->out, c[0].code);
        fprintf(stderr, "zerocad reconstruct: no candidate program ran; %s holds candidate 1: %s: %s\n", o->out,
                c[0].status, c[0].error[0] ? c[0].error : "no result");
        if (o->record)
            write_record(o, c[0].code, c[0].code, NULL);
        return 1;
    }
    zrc_refine_item it = {0};
    char *before = strdup(c[w].code);
    int rc = before ? 0 : 1;
    if (!rc && o->refine)
        rc = refine_item(o, &c[w], views, &it) || take_refined(o, tmp, &c[w], &it) ? 1 : 0;
    if (!rc && !o->quiet)
        fprintf(stderr, "reconstruct: candidate %d of %d%s written to %s\n", w + 1, nc, o->refine ? ", refined," : "",
                o->out);
    if (!rc)
        rc = write_outputs(o, &c[w]);
    if (!rc && o->record)
        rc = write_record(o, c[w].code, before, o->refine ? &it : NULL);
    zrc_refine_item_clear(&it);
    free(before);
    return rc;
}

/* Without -m DIR or --programs the reconstructor is retrieval + refinement: 1 retrieval, 0 the
 * model or the given programs, -1 neither asked for properly (the error printed). */
static int wants_retrieval(int argc, char **argv)
{
    int model = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--retrieval") || !strcmp(argv[i], "--data"))
            return 1;
        model |= !strcmp(argv[i], "-m") || !strcmp(argv[i], "--model") || !strcmp(argv[i], "--programs") ||
                 !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");
    }
    if (model)
        return 0;
    fprintf(stderr, "zerocad reconstruct: no -m DIR (or --programs): the default reconstructor is retrieval + "
                    "refinement over a test shard: --retrieval TRAIN --data TEST -o PRED.jsonl (try --help)\n");
    return -1;
}

static void say_reconstructor(const recon_opts *o)
{
    if (o->nprograms)
        fprintf(stderr, "reconstruct: reconstructor: the given programs (--programs)%s\n",
                o->refine ? " + refinement" : "");
    else
        fprintf(stderr, "reconstruct: reconstructor: the model in %s%s\n", o->dir, o->refine ? " + refinement" : "");
}

int cmd_reconstruct(int argc, char **argv)
{
    int retrieval = wants_retrieval(argc, argv);
    if (retrieval)
        return retrieval > 0 ? cmd_reconstruct_retrieval(argc, argv) : 2;
    recon_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : 2;
    say_reconstructor(&o);
    zc_model_set_threads(o.threads);
    view_img views[MAX_VIEWS] = {{0}};
    char *names[MAX_VIEWS] = {0}, tmp[4096];
    candidate c[MAX_CAND] = {{0}};
    int nc = o.nprograms ? o.nprograms : o.n_cand;
    snprintf(tmp, sizeof tmp, "%s/zc-reconstruct-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    rc = get_views(&o, views, names) || (o.nprograms ? given_programs(&o, c) : generate(&o, views, c)) ? 1 : 0;
    if (!rc && (!mkdtemp(tmp) || run_candidates(&o, tmp, c, nc))) {
        fprintf(stderr, "zerocad reconstruct: the executor failed (%s)\n", tmp);
        rc = 1;
    }
    if (!rc)
        rc = finish(&o, tmp, c, nc, views);
    if (strstr(tmp, "XXXXXX") == NULL)
        nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    for (int i = 0; i < MAX_VIEWS; i++)
        free(views[i].rgb), free(names[i]);
    for (int i = 0; i < MAX_CAND; i++)
        free(c[i].code);
    return rc;
}
