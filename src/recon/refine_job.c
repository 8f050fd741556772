/* refine_job.c: one item's refinement: the tunable numeric literals of its program are scaled by
 * exp(x_i), x_i in [-ln scale, ln scale] (the sign and the kind of each literal kept), and NLopt
 * (Nelder-Mead or BOBYQA, derivative-free) maximizes the mean silhouette IoU of the rewritten
 * program's views against the input views. Runs as a coroutine (see recon_internal.h): the
 * objective hands the program to the batch (refine.c) and yields until its score is in. A text
 * scored before is not run again; the budget counts runs. The best program seen is the result. */
#define _GNU_SOURCE
#include "recon_internal.h"

#include <math.h>
#include <nlopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STACK_SIZE (512u << 10)

static zrc_job *entering;   /* the job whose coroutine is being entered for the first time */

static void yield(zrc_job *j)
{
    swapcontext(&j->self, j->caller);
}

void zrc_job_resume(zrc_job *j)
{
    ucontext_t here;
    j->caller = &here;
    j->state = j->state == ZRC_JOB_WAITING ? ZRC_JOB_BUSY : j->state;
    swapcontext(&here, &j->self);
}

static int seen_score(const zrc_job *j, const char *text, double *score)
{
    for (int i = 0; i < j->nseen; i++)
        if (!strcmp(j->seen[i], text)) {
            *score = j->seen_iou[i];
            return 1;
        }
    return 0;
}

/* Remembers text's score (takes text over). */
static void remember(zrc_job *j, char *text, double score)
{
    j->seen[j->nseen] = text;
    j->seen_iou[j->nseen++] = score;
}

static void drop_result_views(zrc_job *j)
{
    for (int v = 0; v < ZRC_VIEWS; v++) {
        free(j->res_png[v]);
        j->res_png[v] = NULL;
    }
}

/* A better program than any before: it becomes the item's result, with its views. */
static void keep_best(zrc_job *j, const char *text, double score)
{
    zrc_refine_item *it = j->it;
    char *t = strdup(text);
    if (!t) {
        j->oom = 1;
        return;
    }
    free(it->refined);
    it->refined = t;
    it->iou_after = score;
    for (int v = 0; v < ZRC_VIEWS; v++) {
        free(it->png[v]);
        it->png[v] = j->res_png[v];
        it->len[v] = j->res_len[v];
        j->res_png[v] = NULL;
    }
}

static void log_eval(const zrc_job *j, const double *values, double score)
{
    FILE *f = j->o->log;
    if (!f)
        return;
    fprintf(f, "{\"item\": %zu, \"eval\": %d, \"view_iou\": %.6f, \"values\": [", j->item, j->it->evals, score);
    for (int i = 0; i < j->k; i++)
        fprintf(f, "%s%.17g", i ? ", " : "", values[i]);
    fprintf(f, "]}\n");
    fflush(f);
}

/* The score of the program with the tuned literals at values (run in the sandbox unless seen). */
static double score_of(zrc_job *j, const double *values)
{
    char *text = zrc_literals_rewrite(j->it->code, &j->lits, j->idx, values, j->k);
    double score = 0;
    if (!text) {
        j->oom = 1;
        return 0;
    }
    if (seen_score(j, text, &score) || j->it->evals >= j->o->evals) {
        free(text);
        return score;
    }
    j->pending = text;
    j->state = ZRC_JOB_PENDING;
    yield(j);                     /* back with j->result and j->res_png */
    j->pending = NULL;
    score = j->result;
    j->it->evals++;
    log_eval(j, values, score);
    if (j->it->iou_before < 0)
        j->it->iou_before = score;
    if (j->it->iou_after < 0 || score > j->it->iou_after)
        keep_best(j, text, score);
    drop_result_views(j);
    remember(j, text, score);
    return score;
}

static double objective(unsigned n, const double *x, double *grad, void *data)
{
    (void)grad;
    zrc_job *j = data;
    double values[ZRC_MAX_PARAMS];
    for (unsigned i = 0; i < n; i++)
        values[i] = x[i] == 0 ? j->lits.v[j->idx[i]].value : fabs(j->lits.v[j->idx[i]].value) * exp(x[i]);
    double s = score_of(j, values);
    if (j->it->evals >= j->o->evals || j->oom || s >= 1.0)
        nlopt_force_stop(j->opt);
    return s;
}

static void optimize(zrc_job *j)
{
    double lo[ZRC_MAX_PARAMS], hi[ZRC_MAX_PARAMS], x[ZRC_MAX_PARAMS], f;
    double r = log(j->o->scale > 1 ? j->o->scale : 2);
    nlopt_algorithm alg = j->o->method == ZRC_REFINE_BOBYQA && j->k >= 2 ? NLOPT_LN_BOBYQA : NLOPT_LN_NELDERMEAD;
    nlopt_opt opt = nlopt_create(alg, (unsigned)j->k);
    if (!opt) {
        j->oom = 1;
        return;
    }
    j->opt = opt;
    for (int i = 0; i < j->k; i++)
        lo[i] = -r, hi[i] = r, x[i] = 0;
    nlopt_set_lower_bounds(opt, lo);
    nlopt_set_upper_bounds(opt, hi);
    nlopt_set_max_objective(opt, objective, j);
    nlopt_set_initial_step1(opt, r / 4);
    nlopt_set_xtol_abs1(opt, 1e-3);
    nlopt_set_maxeval(opt, 20 * j->o->evals + 100);   /* repeats are free; the budget counts runs */
    nlopt_optimize(opt, x, &f);
    j->opt = NULL;
    nlopt_destroy(opt);
}

static void body(void)
{
    zrc_job *j = entering;
    zrc_refine_item *it = j->it;
    if (it->known_iou >= 0) {
        char *t = strdup(it->code);
        it->refined = strdup(it->code);
        it->iou_before = it->iou_after = it->known_iou;
        if (t && it->refined)
            remember(j, t, it->known_iou);
        else
            j->oom = 1, free(t);
    } else {
        double values[ZRC_MAX_PARAMS];
        for (int i = 0; i < j->k; i++)
            values[i] = j->lits.v[j->idx[i]].value;
        score_of(j, values);
    }
    if (j->k > 0 && !j->oom && it->iou_after < 1.0 && it->evals < j->o->evals)
        optimize(j);
    if (!it->refined && !j->oom)
        it->refined = strdup(it->code);
    j->state = ZRC_JOB_DONE;
    yield(j);
}

int zrc_job_start(zrc_job *j, zrc_refine_item *it, size_t item, const zrc_refine_opts *o)
{
    char *stack = j->stack;
    size_t stack_size = j->stack_size;
    memset(j, 0, sizeof *j);
    j->stack = stack ? stack : malloc(STACK_SIZE);
    j->stack_size = stack ? stack_size : STACK_SIZE;
    j->it = it;
    j->item = item;
    j->o = o;
    it->iou_before = it->iou_after = -1;
    it->evals = 0;
    int budget = o->evals > 0 ? o->evals : 1;
    j->seen = calloc((size_t)budget + 1, sizeof *j->seen);
    j->seen_iou = calloc((size_t)budget + 1, sizeof *j->seen_iou);
    if (!j->stack || !j->seen || !j->seen_iou || zrc_literals_scan(it->code, &j->lits))
        return -1;
    int max = o->max_params > 0 && o->max_params < ZRC_MAX_PARAMS ? o->max_params : ZRC_MAX_PARAMS;
    j->k = zrc_literals_pick(&j->lits, max, j->idx);
    it->nparams = j->k;
    if (getcontext(&j->self))
        return -1;
    j->self.uc_stack.ss_sp = j->stack;
    j->self.uc_stack.ss_size = j->stack_size;
    j->self.uc_link = NULL;
    makecontext(&j->self, body, 0);
    j->state = ZRC_JOB_BUSY;
    entering = j;
    zrc_job_resume(j);
    return j->oom ? -1 : 0;
}

void zrc_job_free(zrc_job *j)
{
    for (int i = 0; i < j->nseen; i++)
        free(j->seen[i]);
    free(j->seen);
    free(j->seen_iou);
    free(j->pending);
    drop_result_views(j);
    zrc_literals_free(&j->lits);
    j->seen = NULL;
    j->seen_iou = NULL;
    j->pending = NULL;
    j->nseen = 0;
}
