/* thrift.h: the Thrift compact protocol (the encoding of parquet's footer and page headers):
 * a bounded reader over a byte range and a growing-buffer writer. Internal to zc_data. */
#ifndef ZC_DATA_THRIFT_H
#define ZC_DATA_THRIFT_H

#include <stddef.h>
#include <stdint.h>

/* Compact protocol type ids. */
enum { TC_STOP = 0, TC_TRUE = 1, TC_FALSE = 2, TC_BYTE = 3, TC_I16 = 4, TC_I32 = 5, TC_I64 = 6,
       TC_DOUBLE = 7, TC_BINARY = 8, TC_LIST = 9, TC_SET = 10, TC_MAP = 11, TC_STRUCT = 12 };

#define TC_MAX_DEPTH 32

/* Reader: every read checks bounds; on any error `bad` is set and reads return 0. */
typedef struct {
    const uint8_t *p, *end;
    int bad;
    const char *why;          /* first error, static text */
    int16_t last_id[TC_MAX_DEPTH];
    int depth;
} tc_reader;

void tc_reader_init(tc_reader *r, const void *buf, size_t len);
/* Struct framing: call begin before reading a struct's fields, end after its STOP. */
void tc_struct_begin(tc_reader *r);
void tc_struct_end(tc_reader *r);
/* Next field of the current struct: 1 with *id,*type set; 0 at STOP; also 0 when bad. */
int tc_next_field(tc_reader *r, int16_t *id, int *type);
uint64_t tc_varint(tc_reader *r);
int64_t tc_i64(tc_reader *r);     /* zigzag varint (i16, i32, i64) */
int32_t tc_i32(tc_reader *r);     /* zigzag varint, checked to fit 32 bits */
double tc_double(tc_reader *r);
int8_t tc_byte(tc_reader *r);
/* Binary/string: pointer into the buffer and its length (bounded by what is left). */
const uint8_t *tc_binary(tc_reader *r, uint32_t *len);
/* List/set header: element type and count (count bounded by the bytes left). */
uint32_t tc_list_begin(tc_reader *r, int *elem_type);
/* Bool inside a list (one byte). */
int tc_list_bool(tc_reader *r);
/* Skips a value of the given type (bounded depth). */
void tc_skip(tc_reader *r, int type);
void tc_fail(tc_reader *r, const char *why);

/* Writer. On allocation failure `bad` is set. */
typedef struct {
    uint8_t *buf;
    size_t len, cap;
    int bad;
    int16_t last_id[TC_MAX_DEPTH];
    int depth;
} tc_writer;

void tc_writer_init(tc_writer *w);
void tc_writer_free(tc_writer *w);
void tc_w_struct_begin(tc_writer *w);
void tc_w_struct_end(tc_writer *w);          /* writes STOP */
void tc_w_field(tc_writer *w, int16_t id, int type);
void tc_w_varint(tc_writer *w, uint64_t v);
void tc_w_i64(tc_writer *w, int64_t v);      /* zigzag */
void tc_w_binary(tc_writer *w, const void *p, size_t n);
void tc_w_list_begin(tc_writer *w, int elem_type, uint32_t n);
void tc_w_bytes(tc_writer *w, const void *p, size_t n);
/* Makes room for n more bytes in one allocation (when the final size is known). */
void tc_w_reserve(tc_writer *w, size_t n);
/* Convenience: field + value. */
void tc_w_field_i32(tc_writer *w, int16_t id, int32_t v);
void tc_w_field_i64(tc_writer *w, int16_t id, int64_t v);
void tc_w_field_bool(tc_writer *w, int16_t id, int v);
void tc_w_field_binary(tc_writer *w, int16_t id, const void *p, size_t n);
void tc_w_field_string(tc_writer *w, int16_t id, const char *s);

#endif
