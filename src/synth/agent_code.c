/* agent_code.c: the code stage, one conversation per job: the system prompt and the part's
 * description, then answers and feedback until a program validates or a budget (attempts,
 * tool calls, tokens, seconds) runs out. Tool calls are answered in call order with role
 * "tool" messages naming their tool_call_id; lookup_documentation and grep_documentation at
 * once, execute_and_validate once the sandbox has run the program. A bad answer (not JSON,
 * truncated, a tool that does not exist, arguments that do not parse) is recorded and fed
 * back as an error. Every message, attempt and tool call goes to the state database. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"

struct zs_conv {
    int kind;                  /* ZS_TAG_CODE (the HTTP tag) */
    zs_agent *a;
    int64_t job;
    char *description;
    json_t *messages;
    int attempts, tool_calls, turns, first_ok;
    long tokens_in, tokens_out;
    double t0;
    json_t **results;          /* the tool messages of the last answer, by call index */
    size_t nresults;
    int waiting;               /* programs of this conversation in the sandbox */
    int text_check;            /* the program came from a fenced block: feedback as a user message */
    int sent_tools;            /* the request under way carries the tools */
    char *accepted_code;
    char stop_reason[256];     /* set: the job ends once nothing is waiting */
};

static void append(zs_conv *c, json_t *msg)
{
    if (!msg)
        return;
    if (zs_state_record_message(c->a->st, c->job, (int)json_array_size(c->messages), msg) < 0)
        c->a->fatal = 1;
    json_array_append_new(c->messages, msg);
}

static void user_says(zs_conv *c, const char *text)
{
    append(c, json_pack("{s:s, s:s}", "role", "user", "content", text));
}

static void finish(zs_conv *c)
{
    zs_agent *a = c->a;
    zs_job_end e = {.job = c->job, .accepted = c->accepted_code != NULL,
                    .reason = c->accepted_code ? NULL : c->stop_reason, .code = c->accepted_code,
                    .attempts = c->attempts, .tool_calls = c->tool_calls, .turns = c->turns,
                    .first_ok = c->first_ok, .tokens_in = c->tokens_in, .tokens_out = c->tokens_out,
                    .seconds = zs_now() - c->t0};
    if (zs_state_job_finish(a->st, &e) < 0)
        a->fatal = 1;
    if (c->accepted_code)
        a->accepted++;
    a->active--;
    for (size_t i = 0; i < c->nresults; i++)
        json_decref(c->results[i]);
    free(c->results);
    json_decref(c->messages);
    free(c->description);
    free(c->accepted_code);
    free(c);
}

static void stop(zs_conv *c, const char *why)
{
    if (!c->stop_reason[0])
        snprintf(c->stop_reason, sizeof c->stop_reason, "%.200s", why);
}

/* Sends the conversation, or ends the job when a budget is spent. */
static void send(zs_conv *c)
{
    const zs_llm_opts *o = c->a->o;
    if (!c->stop_reason[0] && o->max_seconds > 0 && zs_now() - c->t0 > o->max_seconds)
        stop(c, "time budget spent");
    if (!c->stop_reason[0] && o->max_tokens > 0 && c->tokens_in + c->tokens_out >= o->max_tokens)
        stop(c, "token budget spent");
    if (!c->stop_reason[0] && c->turns >= o->max_attempts + o->max_tool_calls + 2)
        stop(c, "turn budget spent");
    if (c->stop_reason[0]) {
        finish(c);
        return;
    }
    char *body = zs_llm_request_body(o->model, c->messages, c->a->tools ? c->a->tools_json : NULL,
                                     o->max_completion_tokens);
    if (!body) {
        stop(c, "cannot build the request");
        finish(c);
        return;
    }
    c->sent_tools = c->a->tools;
    long est = (long)(strlen(body) / 4) + (o->max_completion_tokens > 0 ? o->max_completion_tokens : 0);
    c->turns++;
    if (zs_http_submit(c->a->http, c, body, est) < 0) {
        stop(c, "out of memory");
        finish(c);
    }
}

int zs_conv_start(zs_agent *a, int64_t job, char *description)
{
    zs_conv *c = calloc(1, sizeof *c);
    if (!c || zs_state_job_start(a->st, job) < 0) {
        free(c);
        free(description);
        return -1;
    }
    c->kind = ZS_TAG_CODE;
    c->a = a;
    c->job = job;
    c->description = description;
    c->first_ok = -1;
    c->t0 = zs_now();
    c->messages = json_array();
    a->active++;
    append(c, json_pack("{s:s, s:s}", "role", "system", "content", a->system_prompt));
    char *ask = NULL;
    if (asprintf(&ask, "Write a CadQuery program for this part: %s", description) >= 0) {
        user_says(c, ask);
        free(ask);
    }
    send(c);
    return 0;
}

static void queue_check(zs_conv *c, int slot, const char *code)
{
    zs_agent *a = c->a;
    if (a->nchecks == a->capchecks) {
        size_t cap = a->capchecks ? a->capchecks * 2 : 64;
        zs_check *n = realloc(a->checks, cap * sizeof *n);
        if (!n) {
            stop(c, "out of memory");
            return;
        }
        a->checks = n;
        a->capchecks = cap;
    }
    char *copy = strdup(code);
    if (!copy) {
        stop(c, "out of memory");
        return;
    }
    a->checks[a->nchecks++] = (zs_check){c, slot, copy};
    c->attempts++;
    c->waiting++;
}

static json_t *tool_message(const char *id, const char *text)
{
    return json_pack("{s:s, s:s, s:s}", "role", "tool", "tool_call_id", id, "content", text);
}

/* The argument `param` (a string) of a tool call, or NULL with *why set. */
static char *argument(const char *args, const char *param, char *why, size_t whylen)
{
    json_error_t je;
    json_t *obj = json_loads(args, 0, &je);
    json_t *v = json_object_get(obj, param);
    char *out = json_is_string(v) ? strdup(json_string_value(v)) : NULL;
    if (!obj)
        snprintf(why, whylen, "the arguments are not JSON (%s)", je.text);
    else if (!out)
        snprintf(why, whylen, "the arguments need the text parameter \"%s\"", param);
    json_decref(obj);
    return out;
}

/* One tool call: answered now (*answer set) or queued for the sandbox. */
static void one_call(zs_conv *c, size_t i, const zs_llm_tool_call *tc)
{
    static const char *const params[3][2] = {
        {"execute_and_validate", "code"}, {"lookup_documentation", "name"}, {"grep_documentation", "pattern"}};
    int which = -1;
    for (int k = 0; k < 3; k++)
        if (!strcmp(tc->name, params[k][0]))
            which = k;
    char why[300] = "", *text = NULL;
    int is_error = 1;
    char *arg = which >= 0 ? argument(tc->arguments, params[which][1], why, sizeof why) : NULL;
    if (which < 0)
        snprintf(why, sizeof why, "there is no tool \"%.100s\"; the tools are execute_and_validate(code), "
                 "lookup_documentation(name) and grep_documentation(pattern)", tc->name);
    if (which == 0 && arg) {
        if (c->attempts >= c->a->o->max_attempts)
            stop(c, "attempt budget spent");
        else
            queue_check(c, (int)i, arg);
        zs_state_record_tool(c->a->st, c->job, tc->id, tc->name, tc->arguments, NULL, 0);
        free(arg);
        return;
    }
    if (which == 1 && arg)
        text = zs_docs_lookup(c->a->st, arg, &is_error);
    else if (which == 2 && arg)
        text = zs_docs_grep(c->a->st, arg, &is_error);
    free(arg);
    char *msg = NULL;
    if (!text && asprintf(&msg, "error: %s", why[0] ? why : "out of memory") >= 0)
        text = msg;
    if (zs_state_record_tool(c->a->st, c->job, tc->id, tc->name, tc->arguments, text, is_error) < 0)
        c->a->fatal = 1;
    c->results[i] = tool_message(tc->id, text ? text : "error");
    free(text);
}

/* All results of the last answer are in: the tool messages in call order, then the next turn
 * (or the job's end). */
static void go_on(zs_conv *c)
{
    if (c->waiting)
        return;
    for (size_t i = 0; i < c->nresults; i++) {
        if (c->results[i])
            append(c, c->results[i]);
        c->results[i] = NULL;
    }
    c->nresults = 0;
    if (c->accepted_code) {
        finish(c);
        return;
    }
    send(c);
}

static void take_calls(zs_conv *c, const zs_llm_reply *r)
{
    json_t **res = calloc(r->ncalls, sizeof *res);
    if (!res) {
        stop(c, "out of memory");
        return;
    }
    free(c->results);
    c->results = res;
    c->nresults = r->ncalls;
    for (size_t i = 0; i < r->ncalls && !c->stop_reason[0]; i++) {
        if (c->tool_calls >= c->a->o->max_tool_calls) {
            stop(c, "tool-call budget spent");
            break;
        }
        c->tool_calls++;
        one_call(c, i, &r->calls[i]);
    }
}

static void take_text(zs_conv *c, const zs_llm_reply *r)
{
    char *code = zs_llm_fenced_code(r->content);
    if (code && c->attempts >= c->a->o->max_attempts)
        stop(c, "attempt budget spent");
    else if (code) {
        c->text_check = 1;
        queue_check(c, -1, code);
    } else {
        user_says(c, c->a->tools ? "No program was submitted. Call execute_and_validate with the whole program."
                                 : "No program found. Answer with the whole program in a ```python code block.");
    }
    free(code);
}

static void take_reply(zs_conv *c, const zs_http_result *res)
{
    zs_llm_reply r;
    char err[400];
    int bad = zs_llm_parse_reply(res->body, res->len, &r, err, sizeof err);
    if (r.tokens_in > 0)
        c->tokens_in += r.tokens_in;
    if (r.tokens_out > 0)
        c->tokens_out += r.tokens_out;
    long used = (r.tokens_in > 0 ? r.tokens_in : 0) + (r.tokens_out > 0 ? r.tokens_out : 0);
    if (used)
        zs_http_add_tokens(c->a->http, used - (long)(res->len / 4));
    zs_call_rec rec = {.job = c->job, .stage = "code", .status = res->status, .tokens_in = r.tokens_in,
                       .tokens_out = r.tokens_out, .seconds = res->seconds, .tries = res->tries,
                       .error = bad ? err : NULL};
    if (zs_state_record_call(c->a->st, &rec) < 0)
        c->a->fatal = 1;
    if (bad) {
        char *msg = NULL;
        if (asprintf(&msg, "error: your last answer could not be used: %s. Answer again.", err) >= 0)
            user_says(c, msg);
        free(msg);
    } else {
        append(c, zs_llm_assistant_message(&r));
        if (r.ncalls)
            take_calls(c, &r);
        else
            take_text(c, &r);
    }
    zs_llm_reply_free(&r);
}

/* A 400 that names tools: the server does not do tool calling; the run goes on without. */
static int refuses_tools(const zs_conv *c, const zs_http_result *res)
{
    return c->sent_tools && res->status == 400 && strstr(res->body, "tool");
}

void zs_conv_on_http(zs_conv *c, const zs_http_result *res)
{
    if (refuses_tools(c, res)) {
        if (c->a->tools) {   /* the first refusal switches the run; requests already sent follow */
            c->a->tools = 0;
            free(c->a->system_prompt);
            c->a->system_prompt = zs_code_system_prompt(0);
        }
        json_array_set_new(c->messages, 0, json_pack("{s:s, s:s}", "role", "system", "content",
                                                     c->a->system_prompt ? c->a->system_prompt : ""));
        c->turns--;
        send(c);
        return;
    }
    if (res->status != 200) {
        char why[200];
        if (res->status)
            snprintf(why, sizeof why, "request failed: HTTP %ld after %d tries", res->status, res->tries);
        else
            snprintf(why, sizeof why, "request failed after %d tries: %.120s", res->tries, res->error);
        zs_call_rec rec = {.job = c->job, .stage = "code", .status = res->status, .tokens_in = -1,
                           .tokens_out = -1, .seconds = res->seconds, .tries = res->tries, .error = why};
        zs_state_record_call(c->a->st, &rec);
        stop(c, why);
        finish(c);
        return;
    }
    take_reply(c, res);
    go_on(c);
}

void zs_conv_on_check(zs_conv *c, int slot, const char *code, int ok, const char *feedback, const char *reason)
{
    if (c->first_ok < 0)
        c->first_ok = ok;
    if (zs_state_record_attempt(c->a->st, c->job, c->attempts, code, ok, reason, feedback) < 0)
        c->a->fatal = 1;
    if (ok && !c->accepted_code)
        c->accepted_code = strdup(code);
    if (slot >= 0 && (size_t)slot < c->nresults) {
        const char *id = NULL;
        json_t *last = json_array_get(c->messages, json_array_size(c->messages) - 1);
        json_t *tc = json_array_get(json_object_get(last, "tool_calls"), (size_t)slot);
        id = json_string_value(json_object_get(tc, "id"));
        c->results[slot] = tool_message(id ? id : "", feedback);
    } else if (!ok) {
        user_says(c, feedback);
    }
    c->waiting--;
    if (!c->waiting && !c->accepted_code && c->attempts >= c->a->o->max_attempts)
        stop(c, "attempt budget spent");
    go_on(c);
}
