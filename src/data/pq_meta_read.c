/* pq_meta_read.c: decodes parquet's FileMetaData (the footer) and PageHeader from the Thrift
 * compact protocol. Unknown fields are skipped; counts are bounded by the buffer. */
#include <stdlib.h>
#include <string.h>

#include "pq_internal.h"

static char *dup_bin(tc_reader *r)
{
    uint32_t n;
    const uint8_t *s = tc_binary(r, &n);
    if (r->bad)
        return NULL;
    char *d = malloc(n + 1);
    if (!d) {
        tc_fail(r, "out of memory");
        return NULL;
    }
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static int64_t read_int(tc_reader *r, int type)
{
    if (type == TC_I32 || type == TC_I64 || type == TC_I16)
        return tc_i64(r);
    if (type == TC_BYTE)
        return tc_byte(r);
    tc_fail(r, "thrift field has the wrong type");
    return 0;
}

/* LogicalType union: records which member is set and the few parameters we show. */
static void read_logical(tc_reader *r, pq_schema_el *e)
{
    int16_t id, sid;
    int type, st;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        if (type != TC_STRUCT) {
            tc_skip(r, type);
            continue;
        }
        e->logical = id;
        tc_struct_begin(r);
        while (tc_next_field(r, &sid, &st)) {
            if (id == 10 && sid == 1) e->logical_int_bits = (int)read_int(r, st);
            else if (id == 10 && sid == 2) e->logical_int_signed = st == TC_TRUE;
            else if ((id == 7 || id == 8) && sid == 1) e->logical_utc = st == TC_TRUE;
            else if ((id == 7 || id == 8) && sid == 2 && st == TC_STRUCT) {
                int16_t uid;
                int ut;
                tc_struct_begin(r);
                while (tc_next_field(r, &uid, &ut)) {
                    e->logical_unit = uid;
                    tc_skip(r, ut);
                }
                tc_struct_end(r);
            } else if (id == 5 && sid == 1) e->scale = (int)read_int(r, st);
            else if (id == 5 && sid == 2) e->precision = (int)read_int(r, st);
            else tc_skip(r, st);
        }
        tc_struct_end(r);
    }
    tc_struct_end(r);
}

static void read_schema_el(tc_reader *r, pq_schema_el *e)
{
    int16_t id;
    int type;
    e->repetition = -1;
    e->converted_type = -1;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        switch (id) {
        case 1: e->has_type = 1; e->type = (int)read_int(r, type); break;
        case 2: e->type_length = (int)read_int(r, type); break;
        case 3: e->repetition = (int)read_int(r, type); break;
        case 4: free(e->name); e->name = dup_bin(r); break;
        case 5: e->num_children = (int)read_int(r, type); break;
        case 6: e->converted_type = (int)read_int(r, type); break;
        case 7: e->scale = (int)read_int(r, type); break;
        case 8: e->precision = (int)read_int(r, type); break;
        case 10:
            if (type == TC_STRUCT) read_logical(r, e);
            else tc_skip(r, type);
            break;
        default: tc_skip(r, type);
        }
    }
    tc_struct_end(r);
    if (!r->bad && !e->name)
        tc_fail(r, "schema element without a name");
}

static void read_statistics(tc_reader *r, pq_colmeta *c)
{
    int16_t id;
    int type;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        if (id == 3) {
            c->has_null_count = 1;
            c->null_count = read_int(r, type);
        } else {
            tc_skip(r, type);
        }
    }
    tc_struct_end(r);
}

static void read_colmeta(tc_reader *r, pq_colmeta *c)
{
    int16_t id;
    int type, et;
    uint32_t n;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        switch (id) {
        case 1: c->type = (int)read_int(r, type); break;
        case 2:
            if (type != TC_LIST) { tc_skip(r, type); break; }
            n = tc_list_begin(r, &et);
            for (uint32_t i = 0; i < n && !r->bad; i++) {
                int64_t v = read_int(r, et);
                if (c->n_encodings < 16) c->encodings[c->n_encodings++] = (int)v;
            }
            break;
        case 4: c->codec = (int)read_int(r, type); break;
        case 5: c->num_values = read_int(r, type); break;
        case 6: c->total_uncompressed = read_int(r, type); break;
        case 7: c->total_compressed = read_int(r, type); break;
        case 9: c->data_page_offset = read_int(r, type); break;
        case 11: c->dictionary_page_offset = read_int(r, type); break;
        case 12:
            if (type == TC_STRUCT) read_statistics(r, c);
            else tc_skip(r, type);
            break;
        default: tc_skip(r, type);
        }
    }
    tc_struct_end(r);
}

static void read_column_chunk(tc_reader *r, pq_colmeta *c)
{
    int16_t id;
    int type, have = 0;
    c->dictionary_page_offset = -1;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        if (id == 3 && type == TC_STRUCT) {
            read_colmeta(r, c);
            have = 1;
        } else if (id == 1) {
            tc_fail(r, "column chunk in another file (file_path) is not supported");
        } else {
            tc_skip(r, type);
        }
    }
    tc_struct_end(r);
    if (!r->bad && !have)
        tc_fail(r, "column chunk without metadata (encrypted?)");
}

static void read_rowgroup(tc_reader *r, pq_rowgroup *g)
{
    int16_t id;
    int type, et;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        if (id == 1 && type == TC_LIST && !g->cols) {
            uint32_t n = tc_list_begin(r, &et);
            g->cols = calloc(n ? n : 1, sizeof *g->cols);
            if (!g->cols) { tc_fail(r, "out of memory"); break; }
            for (uint32_t i = 0; i < n && !r->bad; i++) {
                if (et != TC_STRUCT) { tc_fail(r, "row group columns are not structs"); break; }
                read_column_chunk(r, &g->cols[i]);
                g->ncols = (int)i + 1;
            }
        } else if (id == 2) g->total_byte_size = read_int(r, type);
        else if (id == 3) g->num_rows = read_int(r, type);
        else tc_skip(r, type);
    }
    tc_struct_end(r);
}

static void read_kv(tc_reader *r, pq_kv_pair *kv)
{
    int16_t id;
    int type;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        if (id == 1 && type == TC_BINARY) { free(kv->key); kv->key = dup_bin(r); }
        else if (id == 2 && type == TC_BINARY) { free(kv->value); kv->value = dup_bin(r); }
        else tc_skip(r, type);
    }
    tc_struct_end(r);
    if (!r->bad && !kv->key)
        tc_fail(r, "key-value metadata without a key");
}

static void read_list_of_structs(tc_reader *r, void **arr, int *count, size_t elsize,
                                 void (*fn)(tc_reader *, void *))
{
    int et;
    if (*arr) { tc_fail(r, "repeated footer field"); return; }
    uint32_t n = tc_list_begin(r, &et);
    if (r->bad) return;
    if (n && et != TC_STRUCT) { tc_fail(r, "footer list of the wrong type"); return; }
    *arr = calloc(n ? n : 1, elsize);
    if (!*arr) { tc_fail(r, "out of memory"); return; }
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        *count = (int)i + 1;
        fn(r, (char *)*arr + i * elsize);
    }
}

static void schema_fn(tc_reader *r, void *p) { read_schema_el(r, p); }
static void rowgroup_fn(tc_reader *r, void *p) { read_rowgroup(r, p); }
static void kv_fn(tc_reader *r, void *p) { read_kv(r, p); }

int pq_meta_decode(const uint8_t *buf, size_t len, pq_meta *m, const char **why)
{
    tc_reader r;
    int16_t id;
    int type;
    memset(m, 0, sizeof *m);
    tc_reader_init(&r, buf, len);
    tc_struct_begin(&r);
    while (tc_next_field(&r, &id, &type)) {
        if (id == 1) m->version = (int)read_int(&r, type);
        else if (id == 2 && type == TC_LIST)
            read_list_of_structs(&r, (void **)&m->schema, &m->nschema, sizeof *m->schema, schema_fn);
        else if (id == 3) m->num_rows = read_int(&r, type);
        else if (id == 4 && type == TC_LIST)
            read_list_of_structs(&r, (void **)&m->rgs, &m->nrgs, sizeof *m->rgs, rowgroup_fn);
        else if (id == 5 && type == TC_LIST)
            read_list_of_structs(&r, (void **)&m->kvs, &m->nkvs, sizeof *m->kvs, kv_fn);
        else if (id == 6 && type == TC_BINARY) { free(m->created_by); m->created_by = dup_bin(&r); }
        else tc_skip(&r, type);
    }
    tc_struct_end(&r);
    if (r.bad) {
        *why = r.why;
        return -1;
    }
    if (!m->schema || m->nschema < 1) {
        *why = "footer has no schema";
        return -1;
    }
    return 0;
}

void pq_meta_free(pq_meta *m)
{
    for (int i = 0; i < m->nschema; i++)
        free(m->schema[i].name);
    free(m->schema);
    for (int i = 0; i < m->nrgs; i++)
        free(m->rgs[i].cols);
    free(m->rgs);
    for (int i = 0; i < m->nkvs; i++) {
        free(m->kvs[i].key);
        free(m->kvs[i].value);
    }
    free(m->kvs);
    free(m->created_by);
    memset(m, 0, sizeof *m);
}

static void read_data_page_header(tc_reader *r, pq_page_header *h)
{
    int16_t id;
    int type;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        if (id == 1) h->num_values = (int32_t)read_int(r, type);
        else if (id == 2) h->encoding = (int)read_int(r, type);
        else if (id == 3) h->def_encoding = (int)read_int(r, type);
        else if (id == 4) h->rep_encoding = (int)read_int(r, type);
        else tc_skip(r, type);
    }
    tc_struct_end(r);
}

static void read_dict_page_header(tc_reader *r, pq_page_header *h)
{
    int16_t id;
    int type;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        if (id == 1) h->num_values = (int32_t)read_int(r, type);
        else if (id == 2) h->encoding = (int)read_int(r, type);
        else tc_skip(r, type);
    }
    tc_struct_end(r);
}

static void read_data_page_header_v2(tc_reader *r, pq_page_header *h)
{
    int16_t id;
    int type;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type)) {
        switch (id) {
        case 1: h->num_values = (int32_t)read_int(r, type); break;
        case 2: h->num_nulls = (int32_t)read_int(r, type); break;
        case 3: h->num_rows = (int32_t)read_int(r, type); break;
        case 4: h->encoding = (int)read_int(r, type); break;
        case 5: h->def_len = (int32_t)read_int(r, type); break;
        case 6: h->rep_len = (int32_t)read_int(r, type); break;
        case 7: h->is_compressed = type == TC_TRUE; break;
        default: tc_skip(r, type);
        }
    }
    tc_struct_end(r);
}

int pq_page_header_decode(const uint8_t *buf, size_t len, pq_page_header *h, size_t *used,
                          const char **why)
{
    tc_reader r;
    int16_t id;
    int type;
    memset(h, 0, sizeof *h);
    h->type = -1;
    h->is_compressed = 1;
    tc_reader_init(&r, buf, len);
    tc_struct_begin(&r);
    while (tc_next_field(&r, &id, &type)) {
        if (id == 1) h->type = (int)read_int(&r, type);
        else if (id == 2) h->uncompressed_size = (int32_t)read_int(&r, type);
        else if (id == 3) h->compressed_size = (int32_t)read_int(&r, type);
        else if (id == 5 && type == TC_STRUCT) read_data_page_header(&r, h);
        else if (id == 7 && type == TC_STRUCT) read_dict_page_header(&r, h);
        else if (id == 8 && type == TC_STRUCT) read_data_page_header_v2(&r, h);
        else tc_skip(&r, type);
    }
    tc_struct_end(&r);
    if (r.bad) {
        *why = r.why;
        return -1;
    }
    if (h->uncompressed_size < 0 || h->compressed_size < 0 || h->num_values < 0 ||
        h->def_len < 0 || h->rep_len < 0 || h->num_nulls < 0) {
        *why = "page header with a negative size or count";
        return -1;
    }
    *used = (size_t)(r.p - (const uint8_t *)buf);
    return 0;
}
