/* cmd_reconstruct.c: `zerocad reconstruct`: 8 views of a part (PNG files, a folder of PNGs, or a
 * shape rendered with the default view spec) -> the Zero-to-CAD model on the CPU -> CadQuery
 * program(s) -> run in the executor's sandbox -> STEP/STL. With several candidates, the one whose
 * own rendered views best match the input views (mean silhouette IoU) wins. --programs skips the
 * model and chooses among given programs (the same stages after generation). --refine then tunes
 * the winner's numbers against the input views (src/recon, zrc_refine_run). Without -m DIR or
 * --programs the reconstructor is retrieval + refinement (cmd_reconstruct_retrieval.c). The stages
 * are the pipeline of src/recon (views, model, candidates in the sandbox from memory, choice);
 * this file holds the options, the outputs and the --record line. */
#define _GNU_SOURCE
#include "commands.h"
#include "model.h"
#include "recon.h"
#include "refine_args.h"
#include "vision.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VIEWS 64
#define MAX_CAND 64

typedef struct {
    const char *dir, *out, *step, *stl, *views_dir, *shape, *row, *system, *user, *refine_log, *record, *corpus;
    const char *views[MAX_VIEWS];
    int nviews;
    const char *programs[MAX_CAND];
    int nprograms;
    int n_cand, max_new, threads, quiet, refine, no_speculate, no_corpus, batch;
    zc_quant quant;
    double timeout;
    zc_sampler_params sp;
    zrc_refine_opts ro;
} recon_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zerocad reconstruct -m DIR (VIEW.png ... | --views-dir D | --shape PROG.py|STEP|STL |\n"
            "                                   --row SHARD.parquet#UUID) -o OUT.py\n"
            "          [--step OUT.step] [--stl OUT.stl] [-n CANDIDATES] [--batch B] [--max-new N] [--temp T] [--top-k K]\n"
            "          [--top-p P] [--repeat-penalty R] [--seed S] [-t THREADS] [--quant none|q8|q4] [--timeout S]\n"
            "          [--quiet]\n"
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
            "Sampled candidates decode together from one prefill, at most --batch B at a time (default 8;\n"
            "1: one after another); they are the same programs either way.\n"
            "--quant: the decoder's weights as stored (none, default) or quantized at load time, q8 (int8)\n"
            "or q4 (4-bit; lm_head int8): fewer bytes read per token, faster decoding (docs/model.md).\n"
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

/* 0 taken; -1 bad (no message yet); -2 bad, its message printed */
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
    else if (!strcmp(a, "--batch") && atoi(v) > 0)
        o->batch = atoi(v);
    else if (!strcmp(a, "--batch"))
        return -1;
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
    else if (!strcmp(a, "--quant") && zc_quant_parse(v, &o->quant)) {
        fprintf(stderr, "zerocad reconstruct: --quant is none, q8 or q4, not '%s'\n", v);
        return -2;
    } else if (!strcmp(a, "--quant"))
        return 0;
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
            int r = i + 1 < argc ? parse_value(o, a, argv[i + 1]) : -1;
            if (r == -1)
                fprintf(stderr, "zerocad reconstruct: bad argument '%s'\n", a);
            if (r)
                return 2;
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

/* ---- running the candidates in the executor (src/recon: from memory, no files) ---- */
static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int bad = fputs(text, f) < 0;
    return fclose(f) || bad ? -1 : 0;
}

static int write_bytes(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = n && fwrite(p, 1, n, f) != n;
    return fclose(f) || bad ? -1 : 0;
}

/* Runs the candidates; their views (at the input views' size) only when there is a choice to make. */
static int run_candidates(const recon_opts *o, zrc_candidate *c, int nc, const zrc_views *views)
{
    char err[1024];
    if (!o->quiet)
        fprintf(stderr, "reconstruct: running %d candidate program(s) in the sandbox\n", nc);
    if (zrc_candidates_run(c, nc, nc > 1 ? views->w[0] : 0, views->n, o->timeout, err, sizeof err)) {
        fprintf(stderr, "zerocad reconstruct: the executor failed (%s)\n", err);
        return -1;
    }
    return 0;
}

static int write_outputs(const recon_opts *o, const zrc_candidate *w)
{
    if (write_text(o->out, w->code)) {
        fprintf(stderr, "zerocad reconstruct: %s: %s\n", o->out, strerror(errno));
        return 1;
    }
    if (o->step && write_bytes(o->step, w->step, w->step_len)) {
        fprintf(stderr, "zerocad reconstruct: cannot write %s\n", o->step);
        return 1;
    }
    if (o->stl && write_bytes(o->stl, w->stl, w->stl_len)) {
        fprintf(stderr, "zerocad reconstruct: cannot write %s\n", o->stl);
        return 1;
    }
    return 0;
}

/* ---- the model (src/recon: zrc_model) ---- */
static int generate(const recon_opts *o, const zrc_views *views, zrc_candidate *c)
{
    char err[1024];
    zrc_model *z = zrc_model_open(o->dir, o->quant, err, sizeof err);
    char **texts = NULL;
    int rc = z ? 0 : -1;
    if (z) {
        zc_recon_gen g = {.system = o->system, .user = o->user, .max_new = o->max_new, .n_candidates = o->n_cand, .max_batch = o->batch,
                          .quiet = o->quiet, .sp = o->sp, .no_speculate = o->no_speculate,
                          .draft_corpus = o->corpus, .no_draft_corpus = o->no_corpus};
        zrc_model_sampling(z, o->n_cand > 1, &g.sp);
        if (!o->quiet)
            fprintf(stderr, "reconstruct: decoder weights %s, %zu bytes read per token\n", zc_quant_label(o->quant),
                    zc_model_weight_bytes(zrc_model_lm(z)));
        rc = zrc_model_generate(z, views, &g, &texts, err, sizeof err);
    }
    for (int i = 0; !rc && i < o->n_cand; i++) {
        c[i].code = zc_reconstruct_extract_code(texts[i]);
        free(texts[i]);
    }
    if (rc)
        fprintf(stderr, "zerocad reconstruct: %s\n", err);
    free(texts);
    zrc_model_close(z);
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

static int given_programs(const recon_opts *o, zrc_candidate *c)
{
    for (int i = 0; i < o->nprograms; i++)
        if (!(c[i].code = read_text(o->programs[i]))) {
            fprintf(stderr, "zerocad reconstruct: %s: cannot read\n", o->programs[i]);
            return -1;
        }
    return 0;
}

static int get_views(const recon_opts *o, zrc_views *views)
{
    char err[1024];
    zrc_view_source src = {.files = o->views, .nfiles = o->nviews, .dir = o->views_dir, .shape = o->shape,
                           .row = o->row};
    if (zrc_views_load(&src, views, err, sizeof err)) {
        fprintf(stderr, "zerocad reconstruct: %s\n", err);
        return -1;
    }
    return 0;
}

/* ---- refinement of the winner (--refine) ---- */
static int refine_item(const recon_opts *o, const zrc_candidate *w, const zrc_views *views, zrc_refine_item *it)
{
    char err[1024];
    memset(it, 0, sizeof *it);
    it->code = w->code;
    it->known_iou = -1;
    it->w = views->w[0], it->h = views->h[0];
    for (int i = 0; i < views->n && i < ZRC_VIEWS && views->w[i] == it->w && views->h[i] == it->h; i++)
        it->rgb[i] = views->rgb[i], it->nviews = i + 1;
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
static int take_refined(const recon_opts *o, zrc_candidate *w, zrc_refine_item *it)
{
    if (!strcmp(it->refined, w->code))
        return 0;
    free(w->code);
    w->code = it->refined;
    it->refined = NULL;
    if (!o->step && !o->stl)
        return 0;
    char err[1024] = "";
    zrc_candidate r = {.code = w->code};
    int rc = zrc_candidates_run(&r, 1, 0, 0, o->timeout, err, sizeof err) || strcmp(r.status, "ok") ? -1 : 0;
    if (rc) {
        fprintf(stderr, "zerocad reconstruct: the refined program did not run again: %s\n", err[0] ? err : r.error);
    } else {
        free(w->step), free(w->stl);
        w->step = r.step, w->step_len = r.step_len, w->stl = r.stl, w->stl_len = r.stl_len;
        r.step = r.stl = NULL;
    }
    r.code = NULL;
    zrc_candidate_clear(&r);
    return rc;
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

static int finish(const recon_opts *o, zrc_candidate *c, int nc, const zrc_views *views)
{
    int w = zrc_candidates_choose(c, nc, views, o->quiet);
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
        rc = refine_item(o, &c[w], views, &it) || take_refined(o, &c[w], &it) ? 1 : 0;
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
    zrc_views views = {0};
    zrc_candidate *c = calloc(MAX_CAND, sizeof *c);
    int nc = o.nprograms ? o.nprograms : o.n_cand;
    rc = !c || get_views(&o, &views) || (o.nprograms ? given_programs(&o, c) : generate(&o, &views, c)) ? 1 : 0;
    if (!rc && run_candidates(&o, c, nc, &views))
        rc = 1;
    if (!rc)
        rc = finish(&o, c, nc, &views);
    zrc_views_free(&views);
    for (int i = 0; c && i < MAX_CAND; i++)
        zrc_candidate_clear(&c[i]);
    free(c);
    return rc;
}
