/* request_messages.c: the "messages" of a chat-completions request: roles (system, developer,
 * user, assistant, tool), content as a string, null (assistant turns with tool calls) or a list
 * of parts {type:"text", text} and {type:"image_url", image_url:{url:"data:image/png;base64,..."}}
 * (image_url as a bare string is taken too). Images count against the request's limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "serve_internal.h"

static int oom(zc_serve_error *e)
{
    return zc_serve_fail(e, 500, "server_error", NULL, NULL, "out of memory");
}

static int bad(zc_serve_error *e, const char *param, const char *msg)
{
    return zc_serve_fail(e, 400, "invalid_request_error", "invalid_value", param, "%s: %s", param, msg);
}

/* A JSON string without NUL bytes (the prompt is C text). */
static int c_string(json_t *v)
{
    return json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v);
}

static int read_image(json_t *part, const zc_serve_limits *lim, zc_serve_request *r, zc_serve_part *out,
                      const char *param, zc_serve_error *e)
{
    json_t *iu = json_object_get(part, "image_url");
    json_t *url = json_is_object(iu) ? json_object_get(iu, "url") : iu;
    if (!json_is_string(url))
        return bad(e, param, "an image_url part needs image_url.url (a data URL)");
    if (r->nimages >= lim->max_images)
        return zc_serve_fail(e, 400, "invalid_request_error", "too_many_images", param,
                             "too many images: at most %d per request", lim->max_images);
    out->is_image = 1;
    r->nimages++;
    return srv_decode_data_url(json_string_value(url), json_string_length(url), &out->data, &out->len, param, e);
}

static int read_part(json_t *part, int images_ok, const zc_serve_limits *lim, zc_serve_request *r,
                     zc_serve_part *out, const char *param, zc_serve_error *e)
{
    json_t *type = json_object_get(part, "type");
    if (!json_is_object(part) || !json_is_string(type))
        return bad(e, param, "a content part must be an object with a \"type\"");
    const char *t = json_string_value(type);
    if (!strcmp(t, "text")) {
        json_t *text = json_object_get(part, "text");
        if (!c_string(text))
            return bad(e, param, "a text part needs \"text\" (a string without NUL)");
        return (out->text = strdup(json_string_value(text))) ? 0 : oom(e);
    }
    if (!strcmp(t, "image_url")) {
        if (!images_ok)
            return bad(e, param, "images are taken in user and tool messages only");
        return read_image(part, lim, r, out, param, e);
    }
    return zc_serve_fail(e, 400, "invalid_request_error", "unsupported_content_type", param,
                         "%s: content parts of type \"%.40s\" are not supported (text, image_url)", param, t);
}

static int read_content(json_t *content, zc_serve_msg *m, const zc_serve_limits *lim, zc_serve_request *r,
                        const char *param, zc_serve_error *e)
{
    int images_ok = !strcmp(m->role, "user") || !strcmp(m->role, "tool");
    if (!content || json_is_null(content))
        return !strcmp(m->role, "assistant") ? 0 : bad(e, param, "content is required (a string or a list of parts)");
    if (json_is_string(content)) {
        if (!c_string(content))
            return bad(e, param, "content must not hold NUL characters");
        if (!(m->parts = calloc(1, sizeof *m->parts)) || !(m->parts[0].text = strdup(json_string_value(content))))
            return oom(e);
        m->nparts = 1;
        m->is_string = 1;
        return 0;
    }
    if (!json_is_array(content))
        return bad(e, param, "content must be a string, a list of parts or null");
    size_t n = json_array_size(content);
    if (n && !(m->parts = calloc(n, sizeof *m->parts)))
        return oom(e);
    for (size_t k = 0; k < n; k++) {
        char p[96];
        snprintf(p, sizeof p, "%s[%zu]", param, k);
        m->nparts = k + 1;
        if (read_part(json_array_get(content, k), images_ok, lim, r, &m->parts[k], p, e))
            return -1;
    }
    return 0;
}

static int read_message(json_t *msg, size_t i, const zc_serve_limits *lim, zc_serve_request *r, zc_serve_error *e)
{
    char param[64];
    snprintf(param, sizeof param, "messages[%zu]", i);
    json_t *role = json_object_get(msg, "role");
    if (!json_is_object(msg) || !json_is_string(role))
        return bad(e, param, "a message must be an object with a \"role\"");
    const char *rs = json_string_value(role);
    if (!strcmp(rs, "developer"))
        rs = "system";
    if (strcmp(rs, "system") && strcmp(rs, "user") && strcmp(rs, "assistant") && strcmp(rs, "tool"))
        return bad(e, param, "role must be system, developer, user, assistant or tool");
    zc_serve_msg *m = &r->msgs[i];
    if (!(m->role = strdup(rs)))
        return oom(e);
    snprintf(param, sizeof param, "messages[%zu].content", i);
    return read_content(json_object_get(msg, "content"), m, lim, r, param, e);
}

int srv_read_messages(json_t *msgs, const zc_serve_limits *lim, zc_serve_request *r, zc_serve_error *e)
{
    if (!msgs)
        return zc_serve_fail(e, 400, "invalid_request_error", "missing_required_parameter", "messages",
                             "'messages' is required");
    if (!json_is_array(msgs) || json_array_size(msgs) == 0)
        return bad(e, "messages", "must be a non-empty list of messages");
    size_t n = json_array_size(msgs);
    if (!(r->msgs = calloc(n, sizeof *r->msgs)))
        return oom(e);
    for (size_t i = 0; i < n; i++) {
        r->nmsgs = i + 1;
        if (read_message(json_array_get(msgs, i), i, lim, r, e))
            return -1;
    }
    return 0;
}
