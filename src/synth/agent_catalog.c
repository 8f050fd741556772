/* agent_catalog.c: the catalog stage: call n asks the model for per_call part descriptions in
 * category n (modulo the category list); the answer's descriptions (a JSON object
 * {"descriptions": [...]}, a JSON list, or failing both one per line) are stored as jobs,
 * duplicates dropped. A call that failed is asked again by the next run; a finished one never. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"

typedef struct {
    int kind;                  /* ZS_TAG_CATALOG */
    zs_agent *a;
    int n;
    const char *category;
} catalog_call;

int zs_catalog_submit(zs_agent *a, int n)
{
    catalog_call *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    *c = (catalog_call){ZS_TAG_CATALOG, a, n, a->categories[n % a->ncategories]};
    char *prompt = zs_catalog_prompt(c->category, a->o->per_call);
    json_t *messages = prompt ? json_pack("[{s:s, s:s}]", "role", "user", "content", prompt) : NULL;
    char *body = messages ? zs_llm_request_body(a->o->model, messages, NULL, a->o->max_completion_tokens) : NULL;
    free(prompt);
    json_decref(messages);
    if (!body || zs_http_submit(a->http, c, body, 64L * a->o->per_call) < 0) {
        free(c);
        return -1;
    }
    a->catalog_in_flight++;
    return 0;
}

static int add_one(zs_agent *a, const char *text, const char *category)
{
    while (*text == ' ' || *text == '\t' || *text == '-' || *text == '*' || *text == '"')
        text++;
    const char *p = text;
    while (*p >= '0' && *p <= '9')   /* "12. " or "12) " numbering */
        p++;
    if (p > text && (*p == '.' || *p == ')') && p[1] == ' ')
        text = p + 2;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '"' || text[n - 1] == ',' || text[n - 1] == '\r'))
        n--;
    if (n < 8 || n > 2000)
        return 0;
    char *d = strndup(text, n);
    int rc = d ? zs_state_add_description(a->st, d, category) : -1;
    free(d);
    return rc;
}

static int from_json(zs_agent *a, json_t *root, const char *category)
{
    json_t *list = json_is_array(root) ? root : json_object_get(root, "descriptions");
    if (!json_is_array(list))
        return -1;
    int added = 0;
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        int rc = json_is_string(v) ? add_one(a, json_string_value(v), category) : 0;
        if (rc < 0)
            return -1;
        added += rc;
    }
    return added;
}

int zs_catalog_take(zs_agent *a, const char *content, const char *category)
{
    char *fenced = zs_llm_fenced_code(content);
    const char *text = fenced ? fenced : content;
    json_t *root = json_loads(text, JSON_DECODE_ANY, NULL);
    int added = root ? from_json(a, root, category) : -1;
    json_decref(root);
    if (added < 0) {   /* plain lines */
        added = 0;
        char *copy = strdup(text), *save = NULL;
        for (char *line = copy ? strtok_r(copy, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
            int rc = add_one(a, line, category);
            if (rc < 0) {
                added = -1;
                break;
            }
            added += rc;
        }
        free(copy);
    }
    free(fenced);
    return added;
}

void zs_catalog_on_http(void *tag, const zs_http_result *res)
{
    catalog_call *c = tag;
    zs_agent *a = c->a;
    a->catalog_in_flight--;
    zs_llm_reply r;
    char err[400] = "";
    int bad = 0;
    if (res->status != 200) {
        snprintf(err, sizeof err, "request failed: %s%ld after %d tries %.100s", res->status ? "HTTP " : "",
                 res->status, res->tries, res->error);
        bad = 1;
        memset(&r, 0, sizeof r);
        r.tokens_in = r.tokens_out = -1;
    } else {
        bad = zs_llm_parse_reply(res->body, res->len, &r, err, sizeof err) < 0;
    }
    int added = 0;
    if (!bad) {
        added = zs_catalog_take(a, r.content ? r.content : "", c->category);
        if (added < 0) {
            a->fatal = 1;
            snprintf(err, sizeof err, "cannot store the descriptions");
            bad = 1;
        }
    }
    zs_call_rec rec = {.job = 0, .stage = "catalog", .status = res->status, .tokens_in = r.tokens_in,
                       .tokens_out = r.tokens_out, .seconds = res->seconds, .tries = res->tries,
                       .error = bad ? err : NULL};
    if (zs_state_record_call(a->st, &rec) < 0 ||
        zs_state_catalog_record(a->st, c->n, c->category, added, bad ? err : NULL) < 0)
        a->fatal = 1;
    if (bad)
        fprintf(stderr, "zerocad synth: catalog call %d (%s): %s\n", c->n, c->category, err);
    zs_llm_reply_free(&r);
    free(c);
}
