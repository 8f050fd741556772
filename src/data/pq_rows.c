/* pq_rows.c: row boundaries of a decoded column chunk (repetition level 0 starts a row) and the
 * index of each row's first value, for readers that assemble rows from several columns. */
#include <stdlib.h>

#include "parquet.h"

void pq_row_index_free(pq_row_index *ix)
{
    free(ix->level);
    free(ix->value);
    ix->level = ix->value = NULL;
    ix->rows = 0;
}

int pq_index_rows(const pq_column *pc, const pq_chunk *c, int64_t rows, pq_row_index *ix)
{
    ix->level = ix->value = NULL;
    ix->rows = 0;
    if (rows < 0 || rows > c->n_levels) /* each row has at least one level */
        return -1;
    ix->rows = rows;
    ix->level = malloc((size_t)(rows + 1) * sizeof *ix->level);
    ix->value = malloc((size_t)(rows + 1) * sizeof *ix->value);
    if (!ix->level || !ix->value) {
        pq_row_index_free(ix);
        return -1;
    }
    int64_t row = -1, v = 0;
    for (int64_t i = 0; i < c->n_levels; i++) {
        if (!c->rep || c->rep[i] == 0) {
            if (++row >= rows)
                break;
            ix->level[row] = i;
            ix->value[row] = v;
        }
        if (!c->def || c->def[i] == pc->max_def)
            v++;
    }
    if (row + 1 != rows || v != c->n_values) {
        pq_row_index_free(ix);
        return -1;
    }
    ix->level[rows] = c->n_levels;
    ix->value[rows] = v;
    return 0;
}
