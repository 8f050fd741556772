/* agent_internal.h: what the files of the LLM agent share (llm_*.c, agent_*.c, source_llm.c);
 * not a public header (that is llm.h). */
#ifndef ZS_AGENT_INTERNAL_H
#define ZS_AGENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <sqlite3.h>

#include "exec.h"
#include "llm.h"

double zs_now(void);

/* ---- llm_json.c: the request body and the assistant message kept in a conversation ---- */
char *zs_llm_request_body(const char *model, json_t *messages, json_t *tools, long max_tokens);
json_t *zs_llm_assistant_message(const zs_llm_reply *r);

/* ---- llm_client.c: concurrent HTTP POSTs with retries and rate caps ---- */
typedef struct {
    long status;               /* HTTP status; 0 when no answer came (error says why) */
    const char *body;          /* the answer (NUL-terminated), "" when none */
    size_t len;
    const char *error;         /* transport failure, "" when none */
    double seconds;            /* from submission to the end, retries and waits included */
    int tries;
    int timed_out;             /* 1: the last try ran out of time */
} zs_http_result;

typedef struct {
    const char *base_url;
    const char *api_key;       /* sent as "Authorization: Bearer KEY"; NULL or "": not sent */
    int max_in_flight;
    double timeout_s;
    int max_retries;
    double backoff_s;          /* first retry delay; doubles each try, at most 60 s */
    double rpm, tpm;           /* caps per minute, 0: none */
    void (*done)(void *ctx, void *tag, const zs_http_result *res);
    void *ctx;
} zs_http_opts;

typedef struct zs_http zs_http;
zs_http *zs_http_new(const zs_http_opts *o, char *err, size_t errlen);
void zs_http_free(zs_http *h);
/* Queues a POST of body (malloc'd, taken over) with an estimate of its tokens. 0 or -1. */
int zs_http_submit(zs_http *h, void *tag, char *body, long est_tokens);
/* Counts tokens against the per-minute cap (the usage an answer reported, less the estimate). */
void zs_http_add_tokens(zs_http *h, long tokens);
size_t zs_http_pending(const zs_http *h);
/* Makes progress, waiting at most timeout_ms for something to happen; done() is called for
 * each request that ended. Returns the number delivered. */
int zs_http_step(zs_http *h, int timeout_ms);

/* ---- agent_state.c: the SQLite state of a run (DIR/llm-state.sqlite) ---- */
typedef struct zs_state zs_state;
zs_state *zs_state_open(const char *dir, int create, char *err, size_t errlen);   /* DIR/llm-state.sqlite */
zs_state *zs_state_open_file(const char *path, int create, char *err, size_t errlen);
void zs_state_close(zs_state *s);
sqlite3 *zs_state_db(zs_state *s);
/* 1 added as a new pending job, 0 a duplicate of one already there, -1 error. */
int zs_state_add_description(zs_state *s, const char *text, const char *category);
/* Job `id` with its description, pending, unless it is there already. 0, or -1 (also when
 * the text is another job's). */
int zs_state_add_job(zs_state *s, int64_t id, const char *text);
/* Jobs left running by a killed run go back to pending (their conversation starts over). */
int zs_state_reset_unfinished(zs_state *s);
/* The first pending job with id > after: its id (description malloc'd), 0 none, -1 error. */
int64_t zs_state_next_pending(zs_state *s, int64_t after, char **description);
long zs_state_count(zs_state *s, const char *status);   /* NULL: all jobs */
int zs_state_job_start(zs_state *s, int64_t job);

typedef struct {
    int64_t job;
    int accepted;
    const char *reason;        /* why it failed, or NULL */
    const char *code;          /* the accepted program, or NULL */
    int attempts, tool_calls, turns, first_ok;
    long tokens_in, tokens_out;
    double seconds;
} zs_job_end;
int zs_state_job_finish(zs_state *s, const zs_job_end *e);
/* How job `job` ended: 1 with *accepted, *code (accepted) and *reason (failed) malloc'd or
 * NULL; 0 not finished (or not there); -1 error. */
int zs_state_job_result(zs_state *s, int64_t job, int *accepted, char **code, char **reason);

/* ---- llm_joblist.c: the job list of a job shared among processes ----
 * llm-jobs.TAG.sqlite in DIR's work folder, written once per run by the process that plans (a temporary
 * name renamed into place) and only read by the others: job id p + 1 for position p, its
 * description (from --descriptions FILE, or the catalog DIR/llm-catalog.sqlite, in order),
 * and, for a job whose conversation some process finished already (DIR/llm-state.part-*.sqlite),
 * how it ended, so that it is never asked again. */
typedef struct zs_joblist zs_joblist;
/* Writes the list to path. The number of jobs, or -1 (failure) / -2 (bad input), err set. */
long zs_joblist_build(const zs_llm_opts *o, const char *path, char *err, size_t errlen);
zs_joblist *zs_joblist_open(const char *path, char *err, size_t errlen);
long zs_joblist_count(zs_joblist *j);
/* Position pos: 1 with *description, and *finished (0 not yet, 1 accepted, 2 failed) with
 * *code / *reason (malloc'd or NULL); 0 no such position; -1 error. */
int zs_joblist_get(zs_joblist *j, uint64_t pos, char **description, int *finished, char **code, char **reason);
void zs_joblist_close(zs_joblist *j);

typedef struct {
    int64_t job;               /* 0 for a catalog call */
    const char *stage;         /* "catalog" or "code" */
    long status, tokens_in, tokens_out;
    double seconds, overhead_ms;
    int tries;
    const char *error;         /* NULL when the answer was used */
} zs_call_rec;
int zs_state_record_call(zs_state *s, const zs_call_rec *c);
int zs_state_record_message(zs_state *s, int64_t job, int seq, json_t *msg);
int zs_state_record_attempt(zs_state *s, int64_t job, int n, const char *code, int ok, const char *reason,
                            const char *feedback);
int zs_state_record_tool(zs_state *s, int64_t job, const char *call_id, const char *name, const char *args,
                         const char *result, int is_error);
/* Catalog calls: number n done already (1), or not (0). */
int zs_state_catalog_done(zs_state *s, int n);
int zs_state_catalog_record(zs_state *s, int n, const char *category, int added, const char *error);
int zs_state_catalog_calls(zs_state *s);   /* catalog calls recorded */
/* Accepted program number seq (0, 1, ... in the order they were accepted): 1 with *code,
 * *description (malloc'd) and *job, 0 when there is none, -1 error. */
int zs_state_accepted_at(zs_state *s, uint64_t seq, char **code, char **description, int64_t *job);

/* ---- agent_docs.c: the documentation of our `cadquery` module ---- */
/* Rebuilds the docs tables from the module (embedded interpreter, inspect). Count or -1. */
long zs_docs_build(zs_state *s, char *err, size_t errlen);
/* lookup_documentation(name) and grep_documentation(pattern): malloc'd text; *is_error set
 * when nothing matched. */
char *zs_docs_lookup(zs_state *s, const char *name, int *is_error);
char *zs_docs_grep(zs_state *s, const char *pattern, int *is_error);

/* ---- agent_prompt.c: the texts sent to the model ---- */
extern const char *const zs_default_categories[];
extern const int zs_default_category_count;
char *zs_code_system_prompt(int tools);
char *zs_catalog_prompt(const char *category, int count);
json_t *zs_code_tools(void);

/* ---- the run (agent_run.c) as the stages see it ---- */
enum { ZS_TAG_CATALOG = 1, ZS_TAG_CODE = 2 };

typedef struct zs_conv zs_conv;
typedef struct {
    zs_conv *conv;
    int slot;                  /* the tool call's index in the answer; -1: a fenced block */
    char *code;
} zs_check;

typedef struct {
    const zs_llm_opts *o;
    zs_state *st;
    zs_http *http;
    int tools;                 /* 1: tools are sent */
    json_t *tools_json;
    char *system_prompt;
    zs_check *checks;          /* programs waiting for the sandbox */
    size_t nchecks, capchecks;
    zs_check *running;         /* handed to the executor, by batch index */
    size_t nrunning, caprunning;
    long active;               /* conversations under way */
    long accepted;             /* jobs accepted, over the folder's history */
    int fatal;                 /* 1: a state write failed */
    const char *const *categories;
    int ncategories;
    int catalog_in_flight;
    long need;                 /* jobs to have accepted (this round of the loop) */
    int64_t after;             /* the last job started */
    double last_progress;
    double *over;              /* our time per HTTP answer or sandbox verdict, ms */
    size_t nover, capover;
    /* Where jobs come from when set (a job shared among processes, llm_shared.c): 1 with the
     * job and its description (malloc'd, its row in st), 0 none left, -1 error. NULL: the
     * state's pending jobs. */
    int (*feed)(void *ctx, int64_t *job, char **description);
    void *feed_ctx;
} zs_agent;

/* ---- llm_run.c: setting the agent up (shared with llm_shared.c) ---- */
typedef struct {
    char **names;
    int n;
} zs_name_list;

/* Lines of a text file, each passed to fn; blank lines and lines starting with # skipped.
 * Count, or -1 with err naming the file and line. */
long zs_each_line(const char *path, int (*fn)(void *, const char *), void *ctx, char *err, size_t errlen);
/* The agent with its state at state_path (created), the categories, the documentation (docs:
 * 1), the server. 0, or 1/2 with err. Undo with zs_agent_teardown (also after a failure). */
int zs_agent_setup(zs_agent *a, const zs_llm_opts *o, const char *state_path, int docs, zs_name_list *cats,
                   char *err, size_t errlen);
void zs_agent_teardown(zs_agent *a, zs_name_list *cats);
void zs_agent_print_overhead(zs_agent *a);

/* agent_run.c: the loop. Catalog calls until enough descriptions wait (none with a
 * descriptions file), then conversations until `need` jobs are accepted or none is left.
 * 0 done, 1 failure, 3 interrupted. */
int zs_agent_loop(zs_agent *a, long need, int catalog);
/* The catalog stage alone: calls until `need` descriptions wait (0, 1 failure, 3 interrupted). */
int zs_agent_catalog(zs_agent *a, long need);
void zs_agent_http_done(void *ctx, void *tag, const zs_http_result *res);
void zs_agent_signals(void);

/* agent_code.c: one conversation per job. */
int zs_conv_start(zs_agent *a, int64_t job, char *description /* taken */);
void zs_conv_on_http(zs_conv *c, const zs_http_result *res);
/* The sandbox's verdict on a program of the conversation. */
void zs_conv_on_check(zs_conv *c, int slot, const char *code, int ok, const char *feedback, const char *reason);
/* agent_check.c: the feedback text of an executor outcome; 1 when the program validates. */
int zs_check_feedback(const zx_result *r, char **feedback, const char **reason);

/* agent_catalog.c: catalog call n (category n modulo the list). */
int zs_catalog_submit(zs_agent *a, int n);
void zs_catalog_on_http(void *tag, const zs_http_result *res);
/* The descriptions of a catalog answer's text: count added to the state, or -1. */
int zs_catalog_take(zs_agent *a, const char *content, const char *category);

#endif
