/* doc_geom.c: placeholder */
#include "docs.h"

const cq_doc cq_doc_geom[] = {
    {NULL, NULL, NULL}
};
