/* pq_writer_footer.c: encodes the writer's FileMetaData (schema, row groups with column
 * metadata and statistics, key-value metadata, column orders) and the file's tail. */
#include <stdlib.h>
#include <string.h>

#include "pq_writer_internal.h"

static void encode_schema(tc_writer *t, const pq_writer *w)
{
    tc_w_field(t, 2, TC_LIST);
    tc_w_list_begin(t, TC_STRUCT, (uint32_t)w->ncols + 1);
    tc_w_struct_begin(t);
    tc_w_field_string(t, 4, "schema");
    tc_w_field_i32(t, 5, w->ncols);
    tc_w_struct_end(t);
    for (int i = 0; i < w->ncols; i++) {
        const pq_field *f = &w->cols[i].f;
        tc_w_struct_begin(t);
        tc_w_field_i32(t, 1, f->physical);
        tc_w_field_i32(t, 3, f->optional ? PQ_OPTIONAL : PQ_REQUIRED);
        tc_w_field_string(t, 4, f->name);
        if (f->logical == PQ_LOGICAL_STRING) {
            tc_w_field_i32(t, 6, PQ_CT_UTF8);
            tc_w_field(t, 10, TC_STRUCT);       /* LogicalType { STRING: StringType {} } */
            tc_w_struct_begin(t);
            tc_w_field(t, 1, TC_STRUCT);
            tc_w_struct_begin(t);
            tc_w_struct_end(t);
            tc_w_struct_end(t);
        }
        tc_w_struct_end(t);
    }
}

static void encode_stats(tc_writer *t, const wchunk *m)
{
    tc_w_field(t, 12, TC_STRUCT);
    tc_w_struct_begin(t);
    tc_w_field_i64(t, 3, m->null_count);
    if (m->has_minmax) {
        tc_w_field_binary(t, 5, m->max, m->max_len);
        tc_w_field_binary(t, 6, m->min, m->min_len);
    }
    tc_w_struct_end(t);
}

static void encode_column_chunk(tc_writer *t, const pq_writer *w, const wcol *c, const wchunk *m)
{
    tc_w_struct_begin(t);
    tc_w_field_i64(t, 2, m->data_page_offset);
    tc_w_field(t, 3, TC_STRUCT);
    tc_w_struct_begin(t);
    tc_w_field_i32(t, 1, c->f.physical);
    tc_w_field(t, 2, TC_LIST);
    tc_w_list_begin(t, TC_I32, 2);
    tc_w_i64(t, PQ_ENC_PLAIN);
    tc_w_i64(t, PQ_ENC_RLE);
    tc_w_field(t, 3, TC_LIST);
    tc_w_list_begin(t, TC_BINARY, 1);
    tc_w_binary(t, c->f.name, strlen(c->f.name));
    tc_w_field_i32(t, 4, w->o.codec);
    tc_w_field_i64(t, 5, m->num_values);
    tc_w_field_i64(t, 6, m->total_uncompressed);
    tc_w_field_i64(t, 7, m->total_compressed);
    tc_w_field_i64(t, 9, m->data_page_offset);
    encode_stats(t, m);
    tc_w_struct_end(t);
    tc_w_struct_end(t);
}

static void encode_row_groups(tc_writer *t, const pq_writer *w)
{
    tc_w_field(t, 4, TC_LIST);
    tc_w_list_begin(t, TC_STRUCT, (uint32_t)w->nrgs);
    for (int g = 0; g < w->nrgs; g++) {
        const wrowgroup *rg = &w->rgs[g];
        tc_w_struct_begin(t);
        tc_w_field(t, 1, TC_LIST);
        tc_w_list_begin(t, TC_STRUCT, (uint32_t)w->ncols);
        for (int i = 0; i < w->ncols; i++)
            encode_column_chunk(t, w, &w->cols[i], &rg->cols[i]);
        tc_w_field_i64(t, 2, rg->total_byte_size);
        tc_w_field_i64(t, 3, rg->num_rows);
        tc_w_field_i64(t, 5, rg->file_offset);
        tc_w_field_i64(t, 6, rg->total_compressed);
        tc_w_field(t, 7, TC_I16);
        tc_w_i64(t, g);
        tc_w_struct_end(t);
    }
}

static void encode_kvs(tc_writer *t, const pq_writer *w)
{
    if (!w->nkvs)
        return;
    tc_w_field(t, 5, TC_LIST);
    tc_w_list_begin(t, TC_STRUCT, (uint32_t)w->nkvs);
    for (int i = 0; i < w->nkvs; i++) {
        tc_w_struct_begin(t);
        tc_w_field_string(t, 1, w->kvs[i].key);
        tc_w_field_string(t, 2, w->kvs[i].value);
        tc_w_struct_end(t);
    }
}

static void encode_column_orders(tc_writer *t, const pq_writer *w)
{
    tc_w_field(t, 7, TC_LIST);
    tc_w_list_begin(t, TC_STRUCT, (uint32_t)w->ncols);
    for (int i = 0; i < w->ncols; i++) {
        tc_w_struct_begin(t);          /* ColumnOrder { TYPE_ORDER: TypeDefinedOrder {} } */
        tc_w_field(t, 1, TC_STRUCT);
        tc_w_struct_begin(t);
        tc_w_struct_end(t);
        tc_w_struct_end(t);
    }
}

int pq_write_footer(pq_writer *w)
{
    tc_writer t;
    tc_writer_init(&t);
    tc_w_struct_begin(&t);
    tc_w_field_i32(&t, 1, w->o.page_v2 ? 2 : 1);
    encode_schema(&t, w);
    tc_w_field_i64(&t, 3, w->rows_total);
    encode_row_groups(&t, w);
    encode_kvs(&t, w);
    tc_w_field_string(&t, 6, "zerocad parquet writer");
    encode_column_orders(&t, w);
    tc_w_struct_end(&t);
    if (t.bad || t.len > UINT32_MAX) {
        tc_writer_free(&t);
        w->failed = 1;
        snprintf(w->why, sizeof w->why, "cannot encode the footer");
        return -1;
    }
    uint32_t len = (uint32_t)t.len;
    int rc = pq_write_all(w, t.buf, t.len);
    if (rc == 0) rc = pq_write_all(w, &len, 4);
    if (rc == 0) rc = pq_write_all(w, "PAR1", 4);
    tc_writer_free(&t);
    return rc;
}
