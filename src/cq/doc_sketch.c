/* doc_sketch.c: placeholder */
#include "docs.h"

const cq_doc cq_doc_sketch[] = {
    {NULL, NULL, NULL}
};
