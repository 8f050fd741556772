/* doc_shapes.c: placeholder */
#include "docs.h"

const cq_doc cq_doc_shapes[] = {
    {NULL, NULL, NULL}
};
