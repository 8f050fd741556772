/* spec_tuner.c: the choice of how many drafts a speculative step verifies (spec_tuner.h). Passes
 * of more ids take longer, by an amount that depends on the weights' format and the machine
 * (bench/results/spec.md: from a few percent per id for bf16 to a step's time per id for q4 on a
 * fast memory system), so the times are measured as decoding goes and sizes not yet measured are
 * estimated from those that are. */
#include "spec_tuner.h"

#define COST_EMA 0.3 /* weight of the newest measurement in the running mean of pass times */

double zc_spec_tuner_cost(const zc_spec_tuner *t, int n)
{
    if (n < 1)
        return 0;
    if (n <= ZC_SPEC_MAX_DRAFT + 1 && t->cost[n] > 0)
        return t->cost[n];
    int lo = 0, hi = 0, top = n - 1 < ZC_SPEC_MAX_DRAFT + 1 ? n - 1 : ZC_SPEC_MAX_DRAFT + 1;
    for (int i = top; i >= 1 && !lo; i--)
        if (t->cost[i] > 0)
            lo = i;
    for (int i = n + 1; i <= ZC_SPEC_MAX_DRAFT + 1 && !hi; i++)
        if (t->cost[i] > 0)
            hi = i;
    if (!lo)
        return 0;
    if (hi)
        return t->cost[lo] + (t->cost[hi] - t->cost[lo]) * (double)(n - lo) / (double)(hi - lo);
    int lo2 = 0;
    for (int i = lo - 1; i >= 1 && !lo2; i--)
        if (t->cost[i] > 0)
            lo2 = i;
    double slope = lo2 ? (t->cost[lo] - t->cost[lo2]) / (double)(lo - lo2) : 0;
    if (slope <= 0)
        slope = ZC_SPEC_PRIOR_SLOPE * (t->cost[1] > 0 ? t->cost[1] : t->cost[lo]);
    return t->cost[lo] + slope * (double)(n - lo);
}

int zc_spec_tuner_choose(const zc_spec_tuner *t, int avail)
{
    if (avail <= 0 || t->cost[1] <= 0)
        return 0; /* the time of a plain step is measured first */
    avail = avail < ZC_SPEC_MAX_DRAFT ? avail : ZC_SPEC_MAX_DRAFT;
    double p = (double)(t->right + 1) / (double)(t->right + t->wrong + 2), ids = 1, pk = 1;
    double best = 1.0 / t->cost[1];
    int k_best = 0;
    for (int k = 1; k <= avail; k++) {
        pk *= p;
        ids += pk;
        double rate = ids / zc_spec_tuner_cost(t, k + 1);
        if (rate > best)
            best = rate, k_best = k;
    }
    return k_best;
}

void zc_spec_tuner_update(zc_spec_tuner *t, int n, double secs, int drafted, int accepted)
{
    t->cost[n] = t->cost[n] > 0 ? (1 - COST_EMA) * t->cost[n] + COST_EMA * secs : secs;
    t->right += accepted;
    t->wrong += accepted < drafted;
}
