/* doc_func.c: placeholder */
#include "docs.h"

const cq_doc cq_doc_func[] = {
    {NULL, NULL, NULL}
};
