/* llm.h: the LLM agent, a second source of programs for the data engine (`zerocad synth --llm`):
 * the paper's two-stage loop (a catalog of part descriptions, then one tool-using conversation
 * per description against an OpenAI-compatible chat-completions server), its state in SQLite,
 * and the loop statistics (`zerocad synth --report`). docs/synth-llm.md describes it. */
#ifndef ZS_LLM_H
#define ZS_LLM_H

#include <stddef.h>

#include "engine.h"

typedef struct {
    const char *base_url;          /* ends in /v1; requests go to BASE_URL/chat/completions */
    const char *model;
    const char *api_key_env;       /* the variable holding the API key (OPENAI_API_KEY) */
    const char *descriptions_file; /* one description per line: skips the catalog stage */
    const char *categories_file;   /* one category per line: replaces the built-in list */
    int in_flight;                 /* requests in flight at most */
    double request_timeout;        /* seconds per HTTP request */
    int max_retries;               /* per request, on 429, 5xx, timeouts and transport errors */
    double rpm, tpm;               /* requests and tokens per minute (0: no cap) */
    int per_call;                  /* descriptions asked for per catalog call */
    int max_attempts;              /* programs submitted per job */
    int max_tool_calls;            /* tool calls per job */
    long max_tokens;               /* tokens (in + out) per job */
    double max_seconds;            /* wall-clock seconds per job */
    long max_completion_tokens;    /* max_tokens of each request (0: not sent) */
    int no_tools;                  /* 1: never send tools (programs from fenced code blocks) */
    long programs;                 /* shared among processes without --descriptions: the catalog's
                                      size (0: rows wanted + a quarter + 4) */
    zs_engine_opts engine;         /* the engine's settings; engine.target is the rows wanted */
} zs_llm_opts;

/* Defaults for everything but base_url, model, engine.out_dir and engine.target. */
void zs_llm_opts_default(zs_llm_opts *o);

/* Runs the loop until engine.target rows are in DIR's shards (or the descriptions run out),
 * resuming what DIR/llm-state.sqlite holds. 0 done, 1 failure or interruption, 2 bad input. */
int zs_llm_run(const zs_llm_opts *o);

/* Prints the loop statistics of DIR's state on stdout (text, or JSON); prices per
 * million tokens (negative: no cost line). 0, or 2 when DIR holds no state. */
int zs_llm_report(const char *dir, double price_in, double price_out, int as_json);

/* ---- one part of a job shared among processes (llm_shared.c, llm_joblist.c; the
 * coordination is src/scale/'s, behind zs_share; docs/scale.md) ----
 * The job is the descriptions (--descriptions FILE, or the catalog DIR/llm-catalog.sqlite),
 * position p being job p + 1. The planning process (lead) makes the catalog first when it may
 * and there is none big enough, writes the job list DIR's work/llm-jobs.LEAD_TAG.sqlite and plans
 * the positions not recorded in DIR's work/; the others read that list once their first
 * positions come. Each process holds the conversations of the positions it is handed in its
 * own DIR/llm-state.part-TAG.sqlite and records every ended position through the data engine
 * (zs_shared_run with TAG). *programs: the job's positions (for zs_shared_finish; 0 when this
 * process got none). 0 done, 1 failure or interruption, 2 bad input. */
typedef struct {
    const char *tag;           /* this process: "RRRRR", "shard-K-of-N", "shard-K-of-N-RRRRR" */
    const char *lead_tag;      /* the planning process's tag */
    int lead;                  /* 1: this process plans (share->plan) */
    int make_catalog;          /* 1: without --descriptions, the lead may call the server for the catalog */
} zs_llm_part;
int zs_llm_shared_run(const zs_llm_opts *o, const zs_llm_part *part, const zs_share *share, long *programs);

/* ---- the chat-completions answer parser (llm_json.c), public for its fuzz target ---- */

typedef struct {
    char *id, *name, *arguments;   /* arguments: the JSON text the model wrote */
} zs_llm_tool_call;

typedef struct {
    char *content;                 /* the text of the answer, or NULL */
    char *finish_reason;           /* or NULL */
    zs_llm_tool_call *calls;
    size_t ncalls;
    long tokens_in, tokens_out;    /* usage, -1 when the server did not say */
} zs_llm_reply;

/* Parses a chat-completions response body (len bytes, need not be NUL-terminated). 0, or -1
 * with a one-line reason in err (not JSON, an error object, no choices, truncated, ...); the
 * usage is filled in either way when present. Free with zs_llm_reply_free in both cases. */
int zs_llm_parse_reply(const char *body, size_t len, zs_llm_reply *out, char *err, size_t errlen);
void zs_llm_reply_free(zs_llm_reply *r);

/* The program of a fenced code block of text (```python ... ```, or the first ``` block),
 * malloc'd, or NULL when there is none. */
char *zs_llm_fenced_code(const char *text);

#endif
