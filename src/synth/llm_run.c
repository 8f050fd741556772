/* llm_run.c: zs_llm_run, `zerocad synth --llm`: the state database, the documentation, the
 * catalog (or the user's descriptions), the agent's loop, then the data engine over the
 * accepted programs; again while the engine (dedup, export checks) leaves the shards short of
 * the target and descriptions remain. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agent_internal.h"
#include "source_llm.h"

void zs_llm_opts_default(zs_llm_opts *o)
{
    memset(o, 0, sizeof *o);
    o->api_key_env = "OPENAI_API_KEY";
    o->in_flight = 32;
    o->request_timeout = 300.0;
    o->max_retries = 5;
    o->per_call = 200;
    o->max_attempts = 5;
    o->max_tool_calls = 20;
    o->max_tokens = 100000;
    o->max_seconds = 900.0;
}

long zs_each_line(const char *path, int (*fn)(void *, const char *), void *ctx, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    long n = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
            line[--len] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        json_t *utf8 = json_string(p);   /* NULL: not UTF-8 */
        json_decref(utf8);
        if (strlen(p) != (size_t)(len - (p - line)) || !utf8) {
            snprintf(err, errlen, "%s:%ld: not UTF-8 text", path, lineno);
            n = -1;
            break;
        }
        if (fn(ctx, p) < 0) {
            snprintf(err, errlen, "%s:%ld: cannot store the line", path, lineno);
            n = -1;
            break;
        }
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

static int add_description(void *ctx, const char *text)
{
    return zs_state_add_description(ctx, text, NULL) < 0 ? -1 : 0;
}

static int add_category(void *ctx, const char *text)
{
    zs_name_list *l = ctx;
    char **n = realloc(l->names, (size_t)(l->n + 1) * sizeof *n);
    if (!n)
        return -1;
    l->names = n;
    return (l->names[l->n] = strdup(text)) ? (l->n++, 0) : -1;
}

/* Rows in the shards, from the engine's synth-stats.json (0 when there is none). */
static long shard_rows(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/synth-stats.json", dir);
    json_t *j = json_load_file(path, 0, NULL);
    long n = j ? (long)json_integer_value(json_object_get(j, "accepted")) : 0;
    json_decref(j);
    return n;
}

void zs_agent_print_overhead(zs_agent *a)
{
    if (!a->nover)
        return;
    double *v = a->over;
    size_t n = a->nover;
    for (size_t i = 1; i < n; i++)   /* insertion sort: a median once per run */
        for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    fprintf(stderr, "zerocad synth: %zu answers and verdicts handled, median %.3f ms of our time each\n", n,
            v[n / 2]);
}

static int make_dir(const char *path)
{
    return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int zs_agent_setup(zs_agent *a, const zs_llm_opts *o, const char *state_path, int docs, zs_name_list *cats,
                   char *err, size_t errlen)
{
    if (make_dir(o->engine.out_dir) < 0) {
        snprintf(err, errlen, "%s: %s", o->engine.out_dir, strerror(errno));
        return 2;
    }
    if (!(a->st = zs_state_open_file(state_path, 1, err, errlen)))
        return 2;
    if (o->categories_file && zs_each_line(o->categories_file, add_category, cats, err, errlen) <= 0) {
        if (!err[0] || cats->n == 0)
            snprintf(err + strlen(err), errlen - strlen(err), "%s%s: no categories", err[0] ? "; " : "",
                     o->categories_file);
        return 2;
    }
    a->categories = cats->n ? (const char *const *)cats->names : zs_default_categories;
    a->ncategories = cats->n ? cats->n : zs_default_category_count;
    if ((docs && zs_docs_build(a->st, err, errlen) < 0) || zs_state_reset_unfinished(a->st) < 0)
        return 1;
    a->accepted = zs_state_count(a->st, "accepted");
    a->tools = !o->no_tools;
    a->tools_json = zs_code_tools();
    a->system_prompt = zs_code_system_prompt(a->tools);
    const char *key = getenv(o->api_key_env);
    zs_http_opts ho = {.base_url = o->base_url, .api_key = key, .max_in_flight = o->in_flight,
                       .timeout_s = o->request_timeout, .max_retries = o->max_retries, .backoff_s = 1.0,
                       .rpm = o->rpm, .tpm = o->tpm, .done = zs_agent_http_done, .ctx = a};
    if (!a->tools_json || !a->system_prompt || !(a->http = zs_http_new(&ho, err, errlen)))
        return 1;
    return 0;
}

/* The one-process run's set-up: DIR/llm-state.sqlite, the descriptions file loaded into it. */
static int setup(zs_agent *a, const zs_llm_opts *o, zs_name_list *cats, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/llm-state.sqlite", o->engine.out_dir);
    int rc = zs_agent_setup(a, o, path, 0, cats, err, errlen);
    if (rc)
        return rc;
    if (o->descriptions_file && zs_each_line(o->descriptions_file, add_description, a->st, err, errlen) < 0)
        return 2;
    return zs_docs_build(a->st, err, errlen) < 0 ? 1 : 0;
}

void zs_agent_teardown(zs_agent *a, zs_name_list *cats)
{
    zs_http_free(a->http);
    a->http = NULL;
    json_decref(a->tools_json);
    a->tools_json = NULL;
    free(a->system_prompt);
    a->system_prompt = NULL;
    free(a->checks);
    free(a->running);
    free(a->over);
    a->checks = a->running = NULL;
    a->over = NULL;
    zs_state_close(a->st);
    a->st = NULL;
    for (int i = 0; i < cats->n; i++)
        free(cats->names[i]);
    free(cats->names);
    cats->names = NULL;
    cats->n = 0;
}

int zs_llm_run(const zs_llm_opts *o)
{
    zs_agent a;
    memset(&a, 0, sizeof a);
    a.o = o;
    zs_name_list cats = {0};
    char err[1024] = "";
    int rc = setup(&a, o, &cats, err, sizeof err);
    if (rc) {
        fprintf(stderr, "zerocad synth: %s\n", err[0] ? err : "out of memory");
        zs_agent_teardown(&a, &cats);
        return rc;
    }
    long target = o->engine.target, need = target;
    zs_source src = {.program = zs_llm_program, .ctx = a.st, .description = zs_llm_description};
    for (int round = 0; round < 50; round++) {
        long before = a.accepted;
        rc = zs_agent_loop(&a, need, o->descriptions_file == NULL);
        fprintf(stderr, "zerocad synth: %ld programs accepted by the agent (%ld jobs pending, %ld failed)\n",
                a.accepted, zs_state_count(a.st, "pending"), zs_state_count(a.st, "failed"));
        if (rc) {
            if (rc == 3)
                fprintf(stderr, "zerocad synth: stopped; run the same command again to resume\n");
            rc = 1;
            break;
        }
        rc = zs_engine_run(&o->engine, &src);
        long rows = shard_rows(o->engine.out_dir);
        if (rc || rows >= target)
            break;
        if (a.accepted == before) {
            fprintf(stderr, "zerocad synth: %s holds %ld of %ld rows: no description left that the model could "
                    "turn into a new valid program (see --report)\n", o->engine.out_dir, rows, target);
            rc = 1;
            break;
        }
        need = a.accepted + (target - rows);
    }
    zs_agent_print_overhead(&a);
    zs_agent_teardown(&a, &cats);
    return rc;
}
