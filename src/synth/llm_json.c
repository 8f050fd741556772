/* llm_json.c: the OpenAI chat-completions wire format with jansson: the request body (model,
 * messages, tools) and the parser of answers (content, tool_calls, finish_reason, usage).
 * Reasoning fields ("reasoning", "reasoning_content") are tolerated and ignored; anything that
 * is not a usable answer is a one-line reason, never a crash. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agent_internal.h"
#include "llm.h"

char *zs_llm_request_body(const char *model, json_t *messages, json_t *tools, long max_tokens)
{
    json_t *req = json_pack("{s:s, s:O}", "model", model, "messages", messages);
    if (!req)
        return NULL;
    if (tools) {
        json_object_set(req, "tools", tools);
        json_object_set_new(req, "tool_choice", json_string("auto"));
    }
    if (max_tokens > 0)
        json_object_set_new(req, "max_tokens", json_integer(max_tokens));
    char *body = json_dumps(req, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(req);
    return body;
}

static char *dup_string(json_t *v)
{
    return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

static void read_usage(json_t *root, zs_llm_reply *out)
{
    json_t *usage = json_object_get(root, "usage");
    json_t *in = json_object_get(usage, "prompt_tokens"), *o = json_object_get(usage, "completion_tokens");
    if (json_is_integer(in) && json_integer_value(in) >= 0)
        out->tokens_in = (long)json_integer_value(in);
    if (json_is_integer(o) && json_integer_value(o) >= 0)
        out->tokens_out = (long)json_integer_value(o);
}

/* One entry of message.tool_calls; 0 or -1 with err. */
static int read_call(json_t *tc, size_t i, zs_llm_tool_call *c, char *err, size_t errlen)
{
    json_t *fn = json_object_get(tc, "function");
    json_t *name = json_object_get(fn, "name"), *args = json_object_get(fn, "arguments");
    if (!json_is_object(tc) || !json_is_string(name)) {
        snprintf(err, errlen, "tool call %zu has no function name", i);
        return -1;
    }
    c->name = dup_string(name);
    c->id = dup_string(json_object_get(tc, "id"));
    if (!c->id || !c->id[0]) {   /* some servers leave the id out: one is made up */
        free(c->id);
        c->id = malloc(32);
        if (c->id)
            snprintf(c->id, 32, "call_%zu", i);
    }
    if (json_is_string(args))
        c->arguments = dup_string(args);
    else if (json_is_object(args))   /* a few servers send the object itself */
        c->arguments = json_dumps(args, JSON_COMPACT | JSON_PRESERVE_ORDER);
    else
        c->arguments = strdup("");
    return c->name && c->id && c->arguments ? 0 : (snprintf(err, errlen, "out of memory"), -1);
}

static int read_calls(json_t *list, zs_llm_reply *out, char *err, size_t errlen)
{
    if (!list || json_is_null(list))
        return 0;
    if (!json_is_array(list)) {
        snprintf(err, errlen, "tool_calls is not a list");
        return -1;
    }
    size_t n = json_array_size(list);
    if (n == 0)
        return 0;
    out->calls = calloc(n, sizeof *out->calls);
    if (!out->calls) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        out->ncalls = i + 1;
        if (read_call(json_array_get(list, i), i, &out->calls[i], err, errlen) < 0)
            return -1;
    }
    return 0;
}

static int read_message(json_t *root, zs_llm_reply *out, char *err, size_t errlen)
{
    json_t *choices = json_object_get(root, "choices");
    json_t *choice = json_array_get(choices, 0);
    json_t *msg = json_object_get(choice, "message");
    if (!json_is_object(msg)) {
        snprintf(err, errlen, "the answer has no choices[0].message");
        return -1;
    }
    out->finish_reason = dup_string(json_object_get(choice, "finish_reason"));
    json_t *content = json_object_get(msg, "content");
    if (json_is_string(content))
        out->content = dup_string(content);
    else if (content && !json_is_null(content)) {
        snprintf(err, errlen, "message.content is neither text nor null");
        return -1;
    }
    if (read_calls(json_object_get(msg, "tool_calls"), out, err, errlen) < 0)
        return -1;
    if (out->finish_reason && !strcmp(out->finish_reason, "length")) {
        snprintf(err, errlen, "the answer was truncated at the token limit (finish_reason \"length\")");
        return -1;
    }
    if (!out->ncalls && !(out->content && out->content[0])) {
        snprintf(err, errlen, "the answer has neither text nor tool calls");
        return -1;
    }
    return 0;
}

int zs_llm_parse_reply(const char *body, size_t len, zs_llm_reply *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->tokens_in = out->tokens_out = -1;
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "the answer is not JSON (%s at byte %d)", je.text, je.position);
        return -1;
    }
    int rc = -1;
    json_t *e = json_object_get(root, "error");
    if (!json_is_object(root)) {
        snprintf(err, errlen, "the answer is not a JSON object");
    } else if (e && !json_is_null(e)) {
        json_t *m = json_is_object(e) ? json_object_get(e, "message") : e;
        snprintf(err, errlen, "the server answered an error: %.300s",
                 json_is_string(m) ? json_string_value(m) : "(no message)");
    } else {
        read_usage(root, out);
        rc = read_message(root, out, err, errlen);
    }
    json_decref(root);
    return rc;
}

void zs_llm_reply_free(zs_llm_reply *r)
{
    for (size_t i = 0; i < r->ncalls; i++) {
        free(r->calls[i].id);
        free(r->calls[i].name);
        free(r->calls[i].arguments);
    }
    free(r->calls);
    free(r->content);
    free(r->finish_reason);
    memset(r, 0, sizeof *r);
}

/* The assistant message to keep in the conversation: content and tool calls as sent back to
 * the server (reasoning left out). */
json_t *zs_llm_assistant_message(const zs_llm_reply *r)
{
    json_t *m = json_pack("{s:s, s:s?}", "role", "assistant", "content", r->content);
    if (!m)
        return NULL;
    if (!r->content)
        json_object_set_new(m, "content", json_null());
    if (r->ncalls) {
        json_t *calls = json_array();
        for (size_t i = 0; i < r->ncalls; i++)
            json_array_append_new(calls, json_pack("{s:s, s:s, s:{s:s, s:s}}", "id", r->calls[i].id, "type",
                                                   "function", "function", "name", r->calls[i].name,
                                                   "arguments", r->calls[i].arguments));
        json_object_set_new(m, "tool_calls", calls);
    }
    return m;
}
