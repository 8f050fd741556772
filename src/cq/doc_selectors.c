/* doc_selectors.c: placeholder */
#include "docs.h"

const cq_doc cq_doc_selectors[] = {
    {NULL, NULL, NULL}
};
