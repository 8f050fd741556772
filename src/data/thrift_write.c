/* thrift_write.c: writer of the Thrift compact protocol into a growing buffer. */
#include <stdlib.h>
#include <string.h>

#include "thrift.h"

void tc_writer_init(tc_writer *w)
{
    memset(w, 0, sizeof *w);
}

void tc_writer_free(tc_writer *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}

void tc_w_bytes(tc_writer *w, const void *p, size_t n)
{
    if (w->bad || n == 0)
        return;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        while (cap < w->len + n)
            cap *= 2;
        uint8_t *nb = realloc(w->buf, cap);
        if (!nb) {
            w->bad = 1;
            return;
        }
        w->buf = nb;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void tc_w_reserve(tc_writer *w, size_t n)
{
    if (w->bad || w->len + n <= w->cap)
        return;
    uint8_t *nb = realloc(w->buf, w->len + n);
    if (!nb) {
        w->bad = 1;
        return;
    }
    w->buf = nb;
    w->cap = w->len + n;
}

void tc_w_varint(tc_writer *w, uint64_t v)
{
    uint8_t b[10];
    int n = 0;
    while (v >= 0x80) {
        b[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    b[n++] = (uint8_t)v;
    tc_w_bytes(w, b, n);
}

void tc_w_i64(tc_writer *w, int64_t v)
{
    tc_w_varint(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

void tc_w_struct_begin(tc_writer *w)
{
    if (w->depth >= TC_MAX_DEPTH) {
        w->bad = 1;
        return;
    }
    w->last_id[w->depth++] = 0;
}

void tc_w_struct_end(tc_writer *w)
{
    uint8_t stop = TC_STOP;
    tc_w_bytes(w, &stop, 1);
    if (w->depth > 0)
        w->depth--;
}

void tc_w_field(tc_writer *w, int16_t id, int type)
{
    if (w->depth == 0) {
        w->bad = 1;
        return;
    }
    int16_t last = w->last_id[w->depth - 1];
    if (id > last && id - last <= 15) {
        uint8_t b = (uint8_t)(((id - last) << 4) | type);
        tc_w_bytes(w, &b, 1);
    } else {
        uint8_t b = (uint8_t)type;
        tc_w_bytes(w, &b, 1);
        tc_w_i64(w, id);
    }
    w->last_id[w->depth - 1] = id;
}

void tc_w_binary(tc_writer *w, const void *p, size_t n)
{
    tc_w_varint(w, n);
    tc_w_bytes(w, p, n);
}

void tc_w_list_begin(tc_writer *w, int elem_type, uint32_t n)
{
    if (n < 15) {
        uint8_t b = (uint8_t)((n << 4) | elem_type);
        tc_w_bytes(w, &b, 1);
    } else {
        uint8_t b = (uint8_t)(0xf0 | elem_type);
        tc_w_bytes(w, &b, 1);
        tc_w_varint(w, n);
    }
}

void tc_w_field_i32(tc_writer *w, int16_t id, int32_t v)
{
    tc_w_field(w, id, TC_I32);
    tc_w_i64(w, v);
}

void tc_w_field_i64(tc_writer *w, int16_t id, int64_t v)
{
    tc_w_field(w, id, TC_I64);
    tc_w_i64(w, v);
}

void tc_w_field_bool(tc_writer *w, int16_t id, int v)
{
    tc_w_field(w, id, v ? TC_TRUE : TC_FALSE);
}

void tc_w_field_binary(tc_writer *w, int16_t id, const void *p, size_t n)
{
    tc_w_field(w, id, TC_BINARY);
    tc_w_binary(w, p, n);
}

void tc_w_field_string(tc_writer *w, int16_t id, const char *s)
{
    tc_w_field_binary(w, id, s, strlen(s));
}
