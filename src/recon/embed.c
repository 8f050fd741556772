/* embed.c: the embedding of 8 views for retrieval: the view blocks (thumbnails and edge
 * orientations) of the curation descriptor, computed by zcur_describe with no mesh. */
#include "curate.h"
#include "recon.h"

#include <stdio.h>

int zrc_dim(void)
{
    return ZCUR_DIM;
}

int zrc_describe_views(const unsigned char *const *png, const size_t *png_len, const char *name, float *desc,
                       char *err, size_t errlen)
{
    unsigned has = 0;
    if (zcur_describe(png, png_len, NULL, 0, name, desc, &has, err, errlen))
        return -1;
    if (!(has & ZCUR_HAS_VIEWS)) {
        snprintf(err, errlen, "%s: no views to embed", name);
        return -1;
    }
    return 0;
}
