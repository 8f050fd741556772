/* thrift_read.c: bounded reader of the Thrift compact protocol. A hostile buffer can only set
 * the `bad` flag: lengths and counts are checked against the bytes left, nesting is limited. */
#include <string.h>

#include "thrift.h"

void tc_reader_init(tc_reader *r, const void *buf, size_t len)
{
    memset(r, 0, sizeof *r);
    r->p = buf;
    r->end = r->p + len;
}

void tc_fail(tc_reader *r, const char *why)
{
    if (!r->bad)
        r->why = why;
    r->bad = 1;
    r->p = r->end;
}

void tc_struct_begin(tc_reader *r)
{
    if (r->depth >= TC_MAX_DEPTH) {
        tc_fail(r, "thrift structures nested too deeply");
        return;
    }
    r->last_id[r->depth++] = 0;
}

void tc_struct_end(tc_reader *r)
{
    if (r->depth > 0)
        r->depth--;
}

uint64_t tc_varint(tc_reader *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) {
            tc_fail(r, "truncated thrift varint");
            return 0;
        }
        uint8_t b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    tc_fail(r, "thrift varint too long");
    return 0;
}

int64_t tc_i64(tc_reader *r)
{
    uint64_t u = tc_varint(r);
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

int32_t tc_i32(tc_reader *r)
{
    int64_t v = tc_i64(r);
    if (v < INT32_MIN || v > INT32_MAX) {
        tc_fail(r, "thrift i32 out of range");
        return 0;
    }
    return (int32_t)v;
}

int8_t tc_byte(tc_reader *r)
{
    if (r->p >= r->end) {
        tc_fail(r, "truncated thrift byte");
        return 0;
    }
    return (int8_t)*r->p++;
}

double tc_double(tc_reader *r)
{
    double d = 0;
    if (r->end - r->p < 8) {
        tc_fail(r, "truncated thrift double");
        return 0;
    }
    memcpy(&d, r->p, 8);      /* little-endian on every platform we build for */
    r->p += 8;
    return d;
}

const uint8_t *tc_binary(tc_reader *r, uint32_t *len)
{
    uint64_t n = tc_varint(r);
    *len = 0;
    if (r->bad)
        return NULL;
    if (n > (uint64_t)(r->end - r->p)) {
        tc_fail(r, "thrift string longer than its buffer");
        return NULL;
    }
    const uint8_t *s = r->p;
    r->p += n;
    *len = (uint32_t)n;
    return s;
}

int tc_next_field(tc_reader *r, int16_t *id, int *type)
{
    if (r->bad || r->depth == 0)
        return 0;
    if (r->p >= r->end) {
        tc_fail(r, "truncated thrift struct");
        return 0;
    }
    uint8_t b = *r->p++;
    *type = b & 0x0f;
    if (*type == TC_STOP)
        return 0;
    int delta = b >> 4;
    int64_t fid = delta ? r->last_id[r->depth - 1] + delta : tc_i64(r);
    if (fid < INT16_MIN || fid > INT16_MAX) {
        tc_fail(r, "thrift field id out of range");
        return 0;
    }
    *id = (int16_t)fid;
    r->last_id[r->depth - 1] = *id;
    return !r->bad;
}

uint32_t tc_list_begin(tc_reader *r, int *elem_type)
{
    if (r->p >= r->end) {
        tc_fail(r, "truncated thrift list");
        return 0;
    }
    uint8_t b = *r->p++;
    *elem_type = b & 0x0f;
    uint64_t n = b >> 4;
    if (n == 15)
        n = tc_varint(r);
    /* Every element takes at least one byte, except bools packed... which also take one. */
    if (n > (uint64_t)(r->end - r->p)) {
        tc_fail(r, "thrift list longer than its buffer");
        return 0;
    }
    return (uint32_t)n;
}

int tc_list_bool(tc_reader *r)
{
    return tc_byte(r) == 1;
}

static void skip_struct(tc_reader *r)
{
    int16_t id;
    int type;
    tc_struct_begin(r);
    while (tc_next_field(r, &id, &type))
        tc_skip(r, type);
    tc_struct_end(r);
}

void tc_skip(tc_reader *r, int type)
{
    uint32_t n;
    int et;
    if (r->bad)
        return;
    switch (type) {
    case TC_TRUE: case TC_FALSE: return;
    case TC_BYTE: tc_byte(r); return;
    case TC_I16: case TC_I32: case TC_I64: tc_varint(r); return;
    case TC_DOUBLE: tc_double(r); return;
    case TC_BINARY: tc_binary(r, &n); return;
    case TC_STRUCT: skip_struct(r); return;
    case TC_LIST: case TC_SET:
        n = tc_list_begin(r, &et);
        if (r->depth >= TC_MAX_DEPTH) {
            tc_fail(r, "thrift structures nested too deeply");
            return;
        }
        r->depth++;                         /* lists count toward the nesting bound */
        r->last_id[r->depth - 1] = 0;
        for (uint32_t i = 0; i < n && !r->bad; i++)
            tc_skip(r, et == TC_TRUE || et == TC_FALSE ? TC_BYTE : et);
        r->depth--;
        return;
    case TC_MAP: {
        uint64_t m = tc_varint(r);
        if (m == 0)
            return;
        uint8_t kv = (uint8_t)tc_byte(r);
        if (m > (uint64_t)(r->end - r->p)) {
            tc_fail(r, "thrift map longer than its buffer");
            return;
        }
        if (r->depth >= TC_MAX_DEPTH) {
            tc_fail(r, "thrift structures nested too deeply");
            return;
        }
        r->depth++;
        r->last_id[r->depth - 1] = 0;
        int kt = kv >> 4, vt = kv & 0x0f;
        for (uint64_t i = 0; i < m && !r->bad; i++) {
            tc_skip(r, kt == TC_TRUE || kt == TC_FALSE ? TC_BYTE : kt);
            tc_skip(r, vt == TC_TRUE || vt == TC_FALSE ? TC_BYTE : vt);
        }
        r->depth--;
        return;
    }
    default:
        tc_fail(r, "unknown thrift type");
    }
}
