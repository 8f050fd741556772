/* errors.c: OpenAI-style error objects: {"error":{"message","type","param","code"}}, with the HTTP
 * status each one is sent with. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "serve.h"

int zc_serve_fail(zc_serve_error *e, int status, const char *type, const char *code, const char *param,
                  const char *fmt, ...)
{
    e->status = status;
    e->type = type;
    e->code = code;
    snprintf(e->param, sizeof e->param, "%s", param ? param : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return -1;
}

char *zc_serve_error_json(const zc_serve_error *e)
{
    json_t *err = json_object();
    char msg[sizeof e->message];
    size_t i = 0;
    for (; i + 1 < sizeof msg && e->message[i]; i++) /* ASCII only: a parser's excerpt may not be UTF-8 */
        msg[i] = (unsigned char)e->message[i] < 0x20 || (unsigned char)e->message[i] > 0x7e ? '?' : e->message[i];
    msg[i] = 0;
    json_object_set_new(err, "message", json_string(msg));
    json_object_set_new(err, "type", json_string(e->type ? e->type : "server_error"));
    json_object_set_new(err, "param", e->param[0] ? json_string(e->param) : json_null());
    json_object_set_new(err, "code", e->code ? json_string(e->code) : json_null());
    json_t *root = json_pack("{s:o}", "error", err);
    char *s = root ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    return s;
}
