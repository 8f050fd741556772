/* cmd_iou.c: `zerocad iou A B`: similarity of two shapes (programs, STEP/BREP or STL) under a
 * named protocol: IoU (and Chamfer distance where the protocol has one). A is the prediction,
 * B the ground truth; programs run in the executor's sandbox. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cli_args.h"
#include "commands.h"
#include "metrics.h"
#include "score_args.h"

static void iou_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad iou A B [--protocol P] [--json] [--grid N] [--rotations 24|1]\n"
            "                       [--samples N] [--seed S] [--chamfer|--no-chamfer] [--timeout S]\n"
            "\n"
            "Compares shape A (the prediction) with shape B (the ground truth). Each is a CadQuery\n"
            "program (.py, run in the executor's sandbox), a STEP/BREP file or an STL mesh.\n"
            "\n"
            "  -p, --protocol P    %s (default zerocad); see docs/metrics.md\n"
            "      --json          print one JSON object {\"iou\", \"protocol\", \"cd\" (when computed),\n"
            "                      \"seconds\"}\n"
            "      --grid N        voxel grid side for the zerocad protocol (default 64)\n"
            "      --rotations R   24 (the cube's rotations, default) or 1 (no rotation search)\n"
            "      --samples N     surface samples per shape for Chamfer distance (default 8192)\n"
            "      --seed S        sampling seed (default 0)\n"
            "      --chamfer       also compute Chamfer distance (x1000; default for cadrille, exact)\n"
            "      --no-chamfer    do not compute it\n"
            "      --timeout S     seconds per program (default 10)\n"
            "  -h, --help          this text\n"
            "\n"
            "Exit status: 0 scored; 1 a program failed or the pair could not be scored; 2 bad usage\n"
            "or an unreadable file.\n",
            zm_protocol_names());
}

/* The options (score_args.h, and --json); returns 0, -1 (help shown) or 2. */
static int parse_metric_opts(int argc, char **argv, zm_options *o, int *json)
{
    static const struct option longopts[] = {
        {"protocol", required_argument, NULL, 'p'}, {"json", no_argument, NULL, 'J'},
        {"grid", required_argument, NULL, 'g'},     {"rotations", required_argument, NULL, 'r'},
        {"samples", required_argument, NULL, 's'},  {"seed", required_argument, NULL, 'S'},
        {"chamfer", no_argument, NULL, 'c'},        {"no-chamfer", no_argument, NULL, 'C'},
        {"timeout", required_argument, NULL, 't'},  {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_score sc;
    cli_score_init(&sc);
    optind = 1;
    int c, li = -1;
    while ((c = getopt_long(argc, argv, "p:h", longopts, &li)) != -1) {
        if (c == 'J') {
            *json = 1;
            continue;
        }
        if (c == 'h') {
            iou_usage(stdout);
            return -1;
        }
        const char *name = cli_long_name(longopts, c);
        char nb[64];
        int r = name ? cli_score_take(&sc, "iou", name, cli_option_name(longopts, li, c, argv, optind, nb, sizeof nb),
                                      optarg)
                     : 1;
        li = -1;
        if (r > 0)
            iou_usage(stderr);
        if (r)
            return 2;
    }
    cli_score_apply(&sc, o);
    return 0;
}

static int is_program(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && !strcasecmp(dot, ".py");
}

/* Loads both shapes; programs go through the executor together. Returns 0, 1 or 2. */
static int load_pair(char **paths, const zm_options *o, zm_geom **g)
{
    zm_program progs[2];
    int which[2], np = 0;
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(paths[i], "rb");
        if (!f) {
            fprintf(stderr, "zerocad iou: %s: cannot open\n", paths[i]);
            return 2;
        }
        fclose(f);
        if (is_program(paths[i])) {
            progs[np] = (zm_program){i ? "b" : "a", paths[i], NULL};
            which[np++] = i;
        } else {
            char err[512];
            g[i] = zm_geom_load(paths[i], err, sizeof err);
            if (!g[i]) {
                fprintf(stderr, "zerocad iou: %s\n", err);
                return 2;
            }
        }
    }
    if (!np)
        return 0;
    zm_exec_result res[2];
    if (zm_exec_programs(progs, (size_t)np, o, res, NULL, NULL))
        return 1;
    int rc = 0;
    for (int k = 0; k < np; k++) {
        if (res[k].shape)
            g[which[k]] = zm_geom_from_shape(res[k].shape);
        else {
            fprintf(stderr, "zerocad iou: %s: %s: %s\n", paths[which[k]], res[k].status, res[k].error);
            rc = 1;
        }
        zm_exec_result_clear(&res[k]);
    }
    return rc;
}

static void print_result(const zm_options *o, const zm_score *s, int json)
{
    if (json) {
        json_t *obj = json_object();
        json_object_set_new(obj, "iou", json_real(s->iou));
        json_object_set_new(obj, "protocol", json_string(zm_protocol_name(o->protocol)));
        if (o->chamfer)
            json_object_set_new(obj, "cd", isfinite(s->cd) ? json_real(s->cd) : json_null());
        json_object_set_new(obj, "seconds", json_real(s->seconds));
        char *text = json_dumps(obj, JSON_REAL_PRECISION(17) | JSON_COMPACT);
        printf("%s\n", text ? text : "{}");
        free(text);
        json_decref(obj);
        return;
    }
    printf("iou %.6f", s->iou);
    if (o->chamfer)
        printf("  cd %.6f (x1000)", s->cd);
    printf("  protocol %s  %.3f s\n", zm_protocol_name(o->protocol), s->seconds);
}

int cmd_iou(int argc, char **argv)
{
    zm_options o;
    int json = 0;
    int rc = parse_metric_opts(argc, argv, &o, &json);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (argc - optind != 2) {
        fprintf(stderr, "zerocad iou: expected two shapes A B (try 'zerocad iou --help')\n");
        return 2;
    }
    zk_init();
    zm_geom *g[2] = {NULL, NULL};
    rc = load_pair(argv + optind, &o, g);
    if (rc == 0) {
        zm_score s;
        if (zm_score_pair(g[0], g[1], &o, &s)) {
            fprintf(stderr, "zerocad iou: %s vs %s: %s\n", argv[optind], argv[optind + 1], s.error);
            rc = 1;
        } else
            print_result(&o, &s, json);
    }
    zm_geom_free(g[0]);
    zm_geom_free(g[1]);
    return rc;
}
