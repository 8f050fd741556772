/* cmd_run.c: `zerocad run PROG.py`: runs a CadQuery program in the embedded interpreter,
 * reports its solid (a summary line, or one JSON object with --json) and exports it. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "commands.h"
#include "cq.h"

#define MAX_OUTPUTS 16

struct run_opts {
    const char *program;
    const char *outputs[MAX_OUTPUTS];
    int noutputs;
    int json;
    double timeout;
};

static int json_fd = STDOUT_FILENO;        /* where --json output goes (the real stdout) */
static char timeout_msg[512];             /* pre-formatted: written by the alarm handler */

static void run_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad run PROG.py [-o OUT.step] [-o OUT.stl] [--json] [--timeout S]\n"
            "\n"
            "Runs a CadQuery program (CadQuery 2.4 API) in zerocad's embedded Python and reports\n"
            "the solid it makes: the variable `result`, else the last object given to show_object().\n"
            "Files the program writes itself land in the current directory.\n"
            "\n"
            "  -o, --output FILE   export the result; the type comes from the extension (.step, .stl)\n"
            "      --json          print exactly one JSON object on stdout; the program's own output\n"
            "                      goes to stderr\n"
            "      --timeout S     give up after S seconds (exit 1, error \"Timeout: ...\")\n"
            "  -h, --help          this text\n"
            "\n"
            "Exit status: 0 a solid was made; 1 the program raised, timed out or made no solid;\n"
            "2 bad usage or an unreadable file.\n");
}

static int parse_opts(int argc, char **argv, struct run_opts *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, 'j'},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (o->noutputs == MAX_OUTPUTS) {
                fprintf(stderr, "zerocad run: at most %d outputs\n", MAX_OUTPUTS);
                return 2;
            }
            o->outputs[o->noutputs++] = optarg;
            break;
        case 'j':
            o->json = 1;
            break;
        case 't': {
            char *end;
            o->timeout = strtod(optarg, &end);
            if (*end || o->timeout <= 0) {
                fprintf(stderr, "zerocad run: --timeout needs a positive number of seconds, not '%s'\n", optarg);
                return 2;
            }
            break;
        }
        case 'h':
            run_usage(stdout);
            return -1;
        default:
            run_usage(stderr);
            return 2;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "zerocad run: expected one program file (try 'zerocad run --help')\n");
        return 2;
    }
    o->program = argv[optind];
    return 0;
}

static int output_kind(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return 0;
    if (!strcasecmp(dot, ".step"))
        return 1;
    if (!strcasecmp(dot, ".stl"))
        return 2;
    return 0;
}

static int check_outputs(const struct run_opts *o)
{
    for (int i = 0; i < o->noutputs; i++) {
        if (!output_kind(o->outputs[i])) {
            fprintf(stderr, "zerocad run: %s: unsupported output type (use .step or .stl)\n", o->outputs[i]);
            return 2;
        }
    }
    return 0;
}

static void on_alarm(int sig)
{
    (void)sig;
    ssize_t n = write(json_fd, timeout_msg, strlen(timeout_msg));
    (void)n;
    _exit(1);
}

static void arm_timeout(const struct run_opts *o)
{
    if (o->timeout <= 0)
        return;
    char err[128];
    snprintf(err, sizeof err, "Timeout: the program ran longer than %g s", o->timeout);
    if (o->json)
        snprintf(timeout_msg, sizeof timeout_msg,
                 "{\"ok\": false, \"error\": \"%s\", \"volume\": 0.0, \"area\": 0.0, "
                 "\"bbox\": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0], \"solids\": 0, \"faces\": 0, \"edges\": 0, "
                 "\"valid\": false, \"seconds\": %g}\n", err, o->timeout);
    else
        snprintf(timeout_msg, sizeof timeout_msg, "zerocad run: %s: %s\n", o->program, err);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    unsigned secs = (unsigned)(o->timeout + 0.999);
    alarm(secs ? secs : 1);
}

static int export_outputs(const struct run_opts *o, zc_run_result *r)
{
    for (int i = 0; i < o->noutputs; i++) {
        const char *path = o->outputs[i];
        int rc = output_kind(path) == 1 ? zk_write_step(r->shape, path)
                                        : zk_write_stl(r->shape, path, 0.1, 0.1, 0, 0);
        if (rc < 0) {
            snprintf(r->error, sizeof r->error, "ExportError: cannot write %s: %s", path, zk_error_message());
            r->ok = 0;
            return 1;
        }
    }
    return 0;
}

static void print_json(const zc_run_result *r)
{
    json_t *bbox = json_pack("[f,f,f,f,f,f]", r->bbox[0], r->bbox[1], r->bbox[2], r->bbox[3], r->bbox[4],
                             r->bbox[5]);
    json_t *err = r->ok ? json_null() : json_string(r->error);
    if (!err)
        err = json_string("Error: (the message is not valid UTF-8)");
    json_t *obj = json_pack("{s:b, s:o, s:f, s:f, s:o, s:i, s:i, s:i, s:b, s:f}", "ok", r->ok, "error",
                            err, "volume", r->volume, "area", r->area,
                            "bbox", bbox, "solids", r->solids, "faces", r->faces, "edges", r->edges, "valid",
                            r->valid, "seconds", r->seconds);
    char *text = obj ? json_dumps(obj, JSON_REAL_PRECISION(17)) : NULL;
    if (text) {
        FILE *f = fdopen(dup(json_fd), "w");
        if (f) {
            fprintf(f, "%s\n", text);
            fclose(f);
        }
    }
    free(text);
    json_decref(obj);
}

static void print_human(const struct run_opts *o, const zc_run_result *r)
{
    if (!r->ok) {
        fprintf(stderr, "zerocad run: %s: %s\n", o->program, r->error);
        return;
    }
    printf("%s: volume %.10g, area %.10g, bbox [%g %g %g] - [%g %g %g], %d solid%s, %d faces, %d edges, %s "
           "(%.3f s)\n",
           o->program, r->volume, r->area, r->bbox[0], r->bbox[1], r->bbox[2], r->bbox[3], r->bbox[4], r->bbox[5],
           r->solids, r->solids == 1 ? "" : "s", r->faces, r->edges, r->valid ? "valid" : "INVALID", r->seconds);
    for (int i = 0; i < o->noutputs; i++)
        printf("wrote %s\n", o->outputs[i]);
}

int cmd_run(int argc, char **argv)
{
    struct run_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (check_outputs(&o))
        return 2;
    if (access(o.program, R_OK) != 0) {
        fprintf(stderr, "zerocad run: %s: %s\n", o.program, strerror(errno));
        return 2;
    }
    if (o.json) {   /* the program's prints go to stderr; our JSON to the real stdout */
        fflush(stdout);
        json_fd = dup(STDOUT_FILENO);
        dup2(STDERR_FILENO, STDOUT_FILENO);
    }
    if (zc_python_start() < 0)
        return 1;
    arm_timeout(&o);
    zc_run_result r;
    zc_run_program(o.program, NULL, &r);
    alarm(0);
    if (r.ok)
        export_outputs(&o, &r);
    if (o.json)
        print_json(&r);
    else
        print_human(&o, &r);
    int status = r.ok ? 0 : 1;
    zc_run_result_clear(&r);
    fflush(stdout);
    return status;
}
