/* cmd_synth_llm.c: `zerocad synth --llm BASE_URL --model NAME -n N -o DIR`: the data engine
 * fed by the LLM agent (src/synth/llm.h), and `zerocad synth --report DIR`: its loop
 * statistics. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "cli_args.h"
#include "llm.h"
#include "scale_llm.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad synth --llm BASE_URL --model NAME -n N -o DIR [--descriptions FILE] [options]\n"
            "       zerocad synth --report DIR [--price-in X --price-out Y] [--json]\n"
            "\n"
            "Makes a Zero-to-CAD dataset with an LLM, as the paper did: a catalog of part descriptions\n"
            "(about 200 per call, across the categories of docs/synth-prompts.md), then for each one a\n"
            "conversation in which the model writes a CadQuery program and may call three tools\n"
            "(execute_and_validate, lookup_documentation, grep_documentation) until the program\n"
            "validates or a budget runs out. Accepted programs go through the data engine of\n"
            "`zerocad synth` (views, call trace, dedup, parquet shards with an extra \"description\"\n"
            "column). Any OpenAI-compatible chat-completions server: requests go to\n"
            "BASE_URL/chat/completions (BASE_URL ends in /v1). The API key is read from\n"
            "OPENAI_API_KEY and sent as a Bearer token; it is never written anywhere. DIR/llm-state.sqlite\n"
            "holds every call, message, attempt and tool call: run the same command again to resume\n"
            "(finished jobs are never asked again).\n"
            "\n"
            "  --llm BASE_URL          the server (required)\n"
            "  --model NAME            the model name sent with each request (required)\n"
            "  -n, --rows N            accepted rows wanted (required)\n"
            "  -o, --output DIR        the dataset folder (required)\n"
            "  --descriptions FILE     one part description per line: skips the catalog stage\n"
            "  --categories FILE       one category per line instead of the built-in list\n"
            "  --api-key-env VAR       read the API key from VAR (default OPENAI_API_KEY)\n"
            "  --in-flight K           requests in flight at most (default 32)\n"
            "  --request-timeout S     seconds per HTTP request (default 300)\n"
            "  --retries R             retries of a request on 429, 5xx, timeouts (default 5)\n"
            "  --rpm R, --tpm T        requests / tokens started per minute at most (default: no cap)\n"
            "  --per-call K            descriptions asked for per catalog call (default 200)\n"
            "  --max-attempts A        programs submitted per job (default 5)\n"
            "  --max-tool-calls C      tool calls per job (default 20)\n"
            "  --max-tokens T          tokens in + out per job (default 100000)\n"
            "  --max-seconds S         wall-clock seconds per job (default 900)\n"
            "  --max-completion-tokens T  max_tokens sent with each request (default: not sent)\n"
            "  --no-tools              never send tools: programs come from ```python blocks\n"
            "  -j, --jobs N            sandboxed workers (default: the number of CPUs)\n"
            "  --timeout S, --memory MB, --rows-per-shard R, --no-dedup: as for `zerocad synth`\n"
            "  --shard K/N             only descriptions p with p %% N == K (a job array), or under mpirun:\n"
            "                          one job shared among processes (docs/scale.md)\n"
            "  --programs P            shared job without --descriptions: the catalog's size (default\n"
            "                          N + N/4 + 4; rank 0 makes it under mpirun)\n"
            "  --report DIR            print the loop statistics of DIR and exit (also a shared job's)\n"
            "  --price-in X, --price-out Y  price per million input / output tokens (for --report)\n"
            "  --json                  --report as JSON\n"
            "  -h, --help              this text\n"
            "\n"
            "Exit status: 0 done; 1 failed or interrupted (rerun to resume); 2 bad usage.\n");
}

typedef struct {
    zs_llm_opts o;
    const char *report;
    zsc_slice slice;
    double price_in, price_out;
    int json;
} llm_args;

enum { O_LLM = 256, O_MODEL, O_DESC, O_CATS, O_KEYENV, O_INFLIGHT, O_RTIMEOUT, O_RETRIES, O_RPM, O_TPM,
       O_PERCALL, O_ATTEMPTS, O_TOOLS, O_TOKENS, O_SECONDS, O_COMPLETION, O_NOTOOLS, O_TIMEOUT, O_MEMORY,
       O_RPS, O_NODEDUP, O_REPORT, O_PIN, O_POUT, O_JSON, O_SHARD, O_PROGRAMS };

/* Numeric options: where each goes, as a double. */
static int parse_number(int c, const char *arg, const char *name, llm_args *a)
{
    double v;
    double min = c == O_PIN || c == O_POUT || c == O_RPM || c == O_TPM || c == O_RETRIES || c == O_MEMORY ||
                 c == O_COMPLETION ? 0 : c == O_RTIMEOUT || c == O_SECONDS || c == O_TIMEOUT ? 0.001 : 1;
    if (cli_number("synth", name, arg, min, INFINITY, &v) < 0)
        return 2;
    zs_llm_opts *o = &a->o;
    switch (c) {
    case 'n': o->engine.target = (long)v; break;
    case 'j': o->engine.jobs = (int)v; break;
    case O_INFLIGHT: o->in_flight = (int)v; break;
    case O_RTIMEOUT: o->request_timeout = v; break;
    case O_RETRIES: o->max_retries = (int)v; break;
    case O_RPM: o->rpm = v; break;
    case O_TPM: o->tpm = v; break;
    case O_PERCALL: o->per_call = (int)v; break;
    case O_ATTEMPTS: o->max_attempts = (int)v; break;
    case O_TOOLS: o->max_tool_calls = (int)v; break;
    case O_TOKENS: o->max_tokens = (long)v; break;
    case O_SECONDS: o->max_seconds = v; break;
    case O_COMPLETION: o->max_completion_tokens = (long)v; break;
    case O_TIMEOUT: o->engine.timeout = v; break;
    case O_MEMORY: o->engine.memory_mb = v; break;
    case O_RPS: o->engine.rows_per_shard = (long)v; break;
    case O_PROGRAMS: o->programs = (long)v; break;
    case O_PIN: a->price_in = v; break;
    default: a->price_out = v; break;
    }
    return 0;
}

static int parse_option(int c, const char *arg, const char *name, llm_args *a)
{
    switch (c) {
    case O_LLM: a->o.base_url = arg; return 0;
    case O_MODEL: a->o.model = arg; return 0;
    case 'o': a->o.engine.out_dir = arg; return 0;
    case O_DESC: a->o.descriptions_file = arg; return 0;
    case O_CATS: a->o.categories_file = arg; return 0;
    case O_KEYENV: a->o.api_key_env = arg; return 0;
    case O_NOTOOLS: a->o.no_tools = 1; return 0;
    case O_NODEDUP: a->o.engine.dedup = 0; return 0;
    case O_REPORT: a->report = arg; return 0;
    case O_JSON: a->json = 1; return 0;
    case O_SHARD: {
        char err[256];
        if (zsc_slice_parse(arg, &a->slice, err, sizeof err) < 0) {
            fprintf(stderr, "zerocad synth: --shard: %s\n", err);
            return 2;
        }
        return 0;
    }
    case 'h': usage(stdout); return -1;
    case ':': fprintf(stderr, "zerocad synth: %s needs a value (try 'zerocad synth --llm x --help')\n", name); return 2;
    case '?': fprintf(stderr, "zerocad synth: unknown option '%s' (try 'zerocad synth --llm x --help')\n", name); return 2;
    default: return parse_number(c, arg, name, a);
    }
}

static const struct option longopts[] = {
    {"llm", required_argument, NULL, O_LLM}, {"model", required_argument, NULL, O_MODEL},
    {"rows", required_argument, NULL, 'n'}, {"output", required_argument, NULL, 'o'},
    {"descriptions", required_argument, NULL, O_DESC}, {"categories", required_argument, NULL, O_CATS},
    {"api-key-env", required_argument, NULL, O_KEYENV}, {"in-flight", required_argument, NULL, O_INFLIGHT},
    {"request-timeout", required_argument, NULL, O_RTIMEOUT}, {"retries", required_argument, NULL, O_RETRIES},
    {"rpm", required_argument, NULL, O_RPM}, {"tpm", required_argument, NULL, O_TPM},
    {"per-call", required_argument, NULL, O_PERCALL}, {"max-attempts", required_argument, NULL, O_ATTEMPTS},
    {"max-tool-calls", required_argument, NULL, O_TOOLS}, {"max-tokens", required_argument, NULL, O_TOKENS},
    {"max-seconds", required_argument, NULL, O_SECONDS},
    {"max-completion-tokens", required_argument, NULL, O_COMPLETION}, {"no-tools", no_argument, NULL, O_NOTOOLS},
    {"jobs", required_argument, NULL, 'j'}, {"timeout", required_argument, NULL, O_TIMEOUT},
    {"memory", required_argument, NULL, O_MEMORY}, {"rows-per-shard", required_argument, NULL, O_RPS},
    {"no-dedup", no_argument, NULL, O_NODEDUP}, {"report", required_argument, NULL, O_REPORT},
    {"price-in", required_argument, NULL, O_PIN}, {"price-out", required_argument, NULL, O_POUT},
    {"json", no_argument, NULL, O_JSON}, {"shard", required_argument, NULL, O_SHARD},
    {"programs", required_argument, NULL, O_PROGRAMS}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
};

static int parse_args(int argc, char **argv, llm_args *a)
{
    memset(a, 0, sizeof *a);
    zs_llm_opts_default(&a->o);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    a->o.engine = (zs_engine_opts){.label = "zerocad synth", .jobs = cpus > 0 ? (int)cpus : 1, .timeout = 30.0,
                                   .memory_mb = 2048.0, .rows_per_shard = 500, .dedup = 1, .progress = 1};
    a->price_in = a->price_out = -1;
    optind = 1;
    opterr = 0;
    int c, li = -1;
    while ((c = getopt_long(argc, argv, ":n:o:j:h", longopts, &li)) != -1) {
        char name[64];
        cli_option_name(longopts, li, c, argv, optind, name, sizeof name);
        li = -1;
        int rc = parse_option(c, optarg, name, a);
        if (rc)
            return rc;
    }
    if (optind < argc) {
        fprintf(stderr, "zerocad synth: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (a->report)
        return 0;
    if (!a->o.base_url || !a->o.model || a->o.engine.target <= 0 || !a->o.engine.out_dir) {
        fprintf(stderr, "zerocad synth: --llm BASE_URL, --model NAME, -n N and -o DIR are required "
                        "(try 'zerocad synth --llm x --help')\n");
        return 2;
    }
    if (strncmp(a->o.base_url, "http://", 7) && strncmp(a->o.base_url, "https://", 8)) {
        fprintf(stderr, "zerocad synth: --llm needs an http:// or https:// URL, not '%s'\n", a->o.base_url);
        return 2;
    }
    return 0;
}

int cmd_synth_llm(int argc, char **argv)
{
    llm_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (a.report)
        return zs_llm_report(a.report, a.price_in, a.price_out, a.json);
    return zsc_synth_llm_run(&a.o, &a.slice);
}
