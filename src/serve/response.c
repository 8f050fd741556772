/* response.c: the JSON the server answers with: chat.completion, chat.completion.chunk events
 * (server-sent events), the model list. Field order follows OpenAI's answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "serve_internal.h"

void srv_answer_meta_init(srv_answer_meta *a, const char *model)
{
    static unsigned long counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long k = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    snprintf(a->id, sizeof a->id, "chatcmpl-%lx%08lx%lx", (unsigned long)ts.tv_sec, (unsigned long)ts.tv_nsec, k);
    a->created = (long)ts.tv_sec;
    a->model = model;
}

static json_t *text_value(const char *text, size_t len)
{
    return json_stringn(text ? text : "", text ? len : 0);
}

static json_t *usage(int ptoks, int ctoks)
{
    return json_pack("{s:i, s:i, s:i}", "prompt_tokens", ptoks, "completion_tokens", ctoks, "total_tokens",
                     ptoks + ctoks);
}

static char *dump(json_t *root)
{
    char *s = root ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    return s;
}

char *srv_completion_json(const srv_answer_meta *a, const char *text, size_t len, const char *finish, int ptoks,
                          int ctoks)
{
    json_t *msg = json_pack("{s:s, s:o}", "role", "assistant", "content", text_value(text, len));
    json_t *choice = json_pack("{s:i, s:o, s:n, s:s}", "index", 0, "message", msg, "logprobs", "finish_reason",
                               finish ? finish : "stop");
    return dump(json_pack("{s:s, s:s, s:I, s:s, s:[o], s:o}", "id", a->id, "object", "chat.completion", "created",
                          (json_int_t)a->created, "model", a->model, "choices", choice, "usage", usage(ptoks, ctoks)));
}

static char *event(char *json)
{
    if (!json)
        return NULL;
    size_t n = strlen(json);
    char *ev = malloc(n + 9);
    if (ev)
        snprintf(ev, n + 9, "data: %s\n\n", json);
    free(json);
    return ev;
}

char *srv_chunk_event(const srv_answer_meta *a, const char *role, const char *content, size_t len,
                      const char *finish, int ptoks, int ctoks)
{
    json_t *root = json_pack("{s:s, s:s, s:I, s:s}", "id", a->id, "object", "chat.completion.chunk", "created",
                             (json_int_t)a->created, "model", a->model);
    json_t *choices = json_array();
    if (ptoks < 0) {
        json_t *delta = json_object();
        if (role)
            json_object_set_new(delta, "role", json_string(role));
        if (content)
            json_object_set_new(delta, "content", text_value(content, len));
        json_array_append_new(choices, json_pack("{s:i, s:o, s:n, s:o}", "index", 0, "delta", delta, "logprobs",
                                                 "finish_reason", finish ? json_string(finish) : json_null()));
    }
    json_object_set_new(root, "choices", choices);
    if (ptoks >= 0)
        json_object_set_new(root, "usage", usage(ptoks, ctoks));
    return event(dump(root));
}

char *srv_models_json(const char *model, long created)
{
    return dump(json_pack("{s:s, s:[{s:s, s:s, s:I, s:s}]}", "object", "list", "data", "id", model, "object", "model",
                          "created", (json_int_t)created, "owned_by", "zerocad"));
}
