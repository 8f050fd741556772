/* queue.c: how many positions the coordinator hands out at once: guided self-scheduling
 * (a rank gets about half the rest divided among the ranks, never more than it asked for),
 * so batches are large while much is left and one position at a time at the end, where a
 * slow rank would otherwise hold a batch the others could have run. */
#include "scale_internal.h"

size_t zsc_batch_size(size_t left, int ranks, size_t want)
{
    if (left == 0 || want == 0)
        return 0;
    size_t share = (left + 2 * (size_t)ranks - 1) / (2 * (size_t)(ranks > 0 ? ranks : 1));
    if (share < 1)
        share = 1;
    if (share > want)
        share = want;
    return share > left ? left : share;
}
