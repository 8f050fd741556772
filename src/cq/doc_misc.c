/* doc_misc.c: placeholder */
#include "docs.h"

const cq_doc cq_doc_misc[] = {
    {NULL, NULL, NULL}
};
