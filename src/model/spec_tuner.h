/* spec_tuner.h: internal to zc_model. How many drafted ids a speculative step verifies (adaptive
 * mode of zc_decode): the k that maximizes the expected ids per second, from the measured times of
 * passes of n ids and the drafts found right and wrong so far. */
#ifndef ZC_MODEL_SPEC_TUNER_H
#define ZC_MODEL_SPEC_TUNER_H

#include "model.h"

/* Slope of the time of a pass per extra id, as a fraction of a one-id step, assumed until two pass
 * sizes are measured. */
#define ZC_SPEC_PRIOR_SLOPE 0.1

typedef struct {
    double cost[ZC_SPEC_MAX_DRAFT + 2]; /* running mean seconds of a pass of n ids (0: not measured) */
    long right, wrong;                  /* drafts found right; steps that found a wrong one */
} zc_spec_tuner;

/* Seconds of a pass of n ids (n >= 1; sizes above ZC_SPEC_MAX_DRAFT + 1 are never measured, so
 * they are estimated): measured; else linear between the nearest measured sizes below and above;
 * above every measured size, the largest one's time plus a slope per extra id: that of the two
 * largest measured sizes, or ZC_SPEC_PRIOR_SLOPE x the one-id time while only one size is measured
 * or when the measured slope is not positive (passes do not get cheaper with more ids; a running
 * mean can say otherwise for a while). 0 while no pass of n ids or fewer is measured. */
double zc_spec_tuner_cost(const zc_spec_tuner *t, int n);

/* Drafts to verify of the avail at hand (at most ZC_SPEC_MAX_DRAFT): 0 until a one-id step is
 * measured; else the k in 0..avail maximizing (1 + p + ... + p^k) / cost(k + 1), p = (right + 1) /
 * (right + wrong + 2). */
int zc_spec_tuner_choose(const zc_spec_tuner *t, int avail);

/* Records a pass of n ids that took secs and found accepted of its drafted ids right. */
void zc_spec_tuner_update(zc_spec_tuner *t, int n, double secs, int drafted, int accepted);

#endif
