/* pq_describe.c: a description of a parquet file as JSON (for `zerocad data info`): schema tree
 * with physical/logical types and repetition, rows, row groups, and per leaf column its sizes,
 * codecs, encodings and null count summed over the row groups. */
#include <jansson.h>
#include <string.h>

#include "pq_file.h"

/* A JSON string, or a placeholder when the file's text is not valid UTF-8. */
static json_t *jstr(const char *s)
{
    json_t *j = json_string(s);
    return j ? j : json_string("(invalid UTF-8)");
}

static const char *logical_name(int id)
{
    static const char *names[] = {NULL, "STRING", "MAP", "LIST", "ENUM", "DECIMAL", "DATE", "TIME",
                                  "TIMESTAMP", NULL, "INTEGER", "UNKNOWN", "JSON", "BSON", "UUID",
                                  "FLOAT16", "VARIANT", "GEOMETRY", "GEOGRAPHY"};
    return id > 0 && id < (int)(sizeof names / sizeof names[0]) ? names[id] : NULL;
}

static const char *converted_name(int id)
{
    static const char *names[] = {"UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE",
                                  "TIME_MILLIS", "TIME_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS",
                                  "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16", "INT_32",
                                  "INT_64", "JSON", "BSON", "INTERVAL"};
    return id >= 0 && id < (int)(sizeof names / sizeof names[0]) ? names[id] : NULL;
}

static const char *repetition_name(int r)
{
    return r == PQ_REQUIRED ? "required" : r == PQ_OPTIONAL ? "optional" : r == PQ_REPEATED ? "repeated" : NULL;
}

/* Schema element *idx and its children as a JSON node. */
static json_t *schema_node(const pq_file *f, int *idx, int depth)
{
    const pq_schema_el *e = &f->meta.schema[(*idx)++];
    json_t *n = json_object();
    json_object_set_new(n, "name", jstr(e->name));
    if (repetition_name(e->repetition))
        json_object_set_new(n, "repetition", json_string(repetition_name(e->repetition)));
    if (e->num_children == 0 && e->has_type)
        json_object_set_new(n, "type", json_string(pq_type_name(e->type)));
    if (e->type == PQ_FIXED_LEN_BYTE_ARRAY && e->has_type)
        json_object_set_new(n, "type_length", json_integer(e->type_length));
    if (logical_name(e->logical))
        json_object_set_new(n, "logical", json_string(logical_name(e->logical)));
    if (converted_name(e->converted_type))
        json_object_set_new(n, "converted", json_string(converted_name(e->converted_type)));
    if (e->num_children > 0 && depth < 64) {
        json_t *kids = json_array();
        for (int i = 0; i < e->num_children && *idx < f->meta.nschema; i++)
            json_array_append_new(kids, schema_node(f, idx, depth + 1));
        json_object_set_new(n, "children", kids);
    }
    return n;
}

static void add_unique(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
        if (!strcmp(json_string_value(v), s))
            return;
    json_array_append_new(arr, json_string(s));
}

static json_t *column_node(const pq_file *f, int c)
{
    const pq_column *pc = &f->cols[c];
    json_t *n = json_object(), *codecs = json_array(), *encs = json_array();
    int64_t comp = 0, unc = 0, values = 0, nulls = 0;
    int have_nulls = 1;
    for (int g = 0; g < f->meta.nrgs; g++) {
        const pq_colmeta *m = &f->meta.rgs[g].cols[c];
        comp += m->total_compressed;
        unc += m->total_uncompressed;
        values += m->num_values;
        if (m->has_null_count) nulls += m->null_count;
        else have_nulls = 0;
        add_unique(codecs, pq_codec_name(m->codec));
        for (int k = 0; k < m->n_encodings; k++)
            add_unique(encs, pq_encoding_name(m->encodings[k]));
    }
    json_object_set_new(n, "path", jstr(pc->path));
    json_object_set_new(n, "type", json_string(pq_type_name(pc->physical)));
    json_object_set_new(n, "max_definition_level", json_integer(pc->max_def));
    json_object_set_new(n, "max_repetition_level", json_integer(pc->max_rep));
    json_object_set_new(n, "compressed_bytes", json_integer(comp));
    json_object_set_new(n, "uncompressed_bytes", json_integer(unc));
    json_object_set_new(n, "values", json_integer(values));
    json_object_set_new(n, "nulls", have_nulls ? json_integer(nulls) : json_null());
    json_object_set_new(n, "codecs", codecs);
    json_object_set_new(n, "encodings", encs);
    return n;
}

int pq_describe_json(pq_file *f, FILE *out, char *err, size_t errlen)
{
    json_t *root = json_object(), *rgs = json_array(), *cols = json_array(), *kvs = json_array();
    json_object_set_new(root, "file", jstr(f->path));
    json_object_set_new(root, "file_bytes", json_integer((json_int_t)f->size));
    json_object_set_new(root, "rows", json_integer(f->meta.num_rows));
    json_object_set_new(root, "row_groups", json_integer(f->meta.nrgs));
    json_object_set_new(root, "format_version", json_integer(f->meta.version));
    if (f->meta.created_by)
        json_object_set_new(root, "created_by", jstr(f->meta.created_by));
    int idx = 0;
    json_object_set_new(root, "schema", schema_node(f, &idx, 0));
    for (int c = 0; c < f->ncols; c++)
        json_array_append_new(cols, column_node(f, c));
    json_object_set_new(root, "columns", cols);
    for (int g = 0; g < f->meta.nrgs; g++) {
        json_t *g_json = json_pack("{s:I, s:I}", "rows", (json_int_t)f->meta.rgs[g].num_rows,
                                   "uncompressed_bytes", (json_int_t)f->meta.rgs[g].total_byte_size);
        json_array_append_new(rgs, g_json);
    }
    json_object_set_new(root, "row_group_sizes", rgs);
    for (int i = 0; i < f->meta.nkvs; i++)
        json_array_append_new(kvs, jstr(f->meta.kvs[i].key));
    json_object_set_new(root, "key_value_metadata_keys", kvs);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    fputc('\n', out);
    json_decref(root);
    if (rc < 0) {
        pq_err(err, errlen, f->path, "cannot write its description");
        return -1;
    }
    return 0;
}
