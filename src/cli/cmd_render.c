/* cmd_render.c: `zerocad render INPUT -o DIR`: draws the views of a view spec (default
 * "zerocad-8v1") of a CadQuery program's solid (run in-process), a STEP file or an STL file,
 * and writes one PNG per view, a contact sheet, and with --json a record of what it wrote.
 * `zerocad render --batch INPUTS... -o OUTDIR` draws many (src/renderbatch), shared among MPI
 * ranks or --shard K/N slices (src/scale). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "commands.h"
#include "render.h"
#include "renderbatch.h"
#include "scale.h"

struct render_opts {
    const char *input, *outdir, *view, *spec_path, *grid, *shard;
    int size, json, jobs, print_spec, batch, quiet;
    char **inputs;             /* --batch: the inputs */
    int ninputs;
};

struct render_times {
    double load, tessellate, draw, encode;
};

static void render_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad render INPUT [-o DIR] [--grid FILE.png] [--view NAME] [--size N]\n"
            "                      [--views SPEC.json] [-j N] [--json]\n"
            "       zerocad render --batch INPUTS... -o OUTDIR [--views SPEC.json] [--view NAME]\n"
            "                      [--size N] [-j N] [--shard K/N] [-q]\n"
            "       zerocad render --print-spec [--views SPEC.json] [--view NAME] [--size N]\n"
            "\n"
            "Draws a shape as shaded views with dark edge and silhouette lines (PNG, 8-bit RGB).\n"
            "INPUT is a CadQuery program (.py, run in-process), a STEP file (.step, .stp), an\n"
            "STL file (.stl), or a shard row SHARD.parquet#UUID (its step_file). Without --views\n"
            "the built-in spec \"zerocad-8v1\" is used: 8 orthographic 256x256 views from the cube\n"
            "corners (see docs/render.md).\n"
            "\n"
            "  -o, --output DIR     write one PNG per view: DIR/<view name>.png (view_0.png ...)\n"
            "      --grid FILE      also write a labelled contact sheet of the views\n"
            "      --view NAME      only one view: iso, front, back, left, right, top, bottom, or\n"
            "                       a view of the spec by name or index\n"
            "      --size N         every view N x N pixels\n"
            "      --views FILE     the view spec (JSON; --print-spec shows every field)\n"
            "  -j, --jobs N         draw views on N threads (the bytes do not change)\n"
            "      --json           print one JSON object saying what was written\n"
            "      --print-spec     print the view spec as JSON and exit\n"
            "  -h, --help           this text\n"
            "\n"
            "Batch (--batch): every item of INPUTS (folders of .py/.step/.stp/.stl/.parquet files,\n"
            "such files, SHARD.parquet#UUID rows; a shard gives all its rows) is drawn as INPUT is:\n"
            "OUTDIR/<id>/<view name>.png, id = the file's stem or the row's uuid. Each item then\n"
            "gets one fsync'd line in OUTDIR/render.jsonl: {\"id\", \"input\", \"status\": ok|error,\n"
            "\"error\", \"views\", \"seconds\"}. A rerun skips the ids recorded; an item that fails\n"
            "gets an error record and the batch goes on. OUTDIR/render.spec.json holds the view\n"
            "spec: a rerun with another spec is refused.\n"
            "      --batch          draw many shapes (INPUTS...) into OUTDIR\n"
            "      --shard K/N      only the items at positions p with p %% N == K (writes\n"
            "                       OUTDIR/render.shard-K-of-N.jsonl); under mpirun the ranks share\n"
            "                       the items (OUTDIR/render.part-RRRRR.jsonl; docs/scale.md)\n"
            "  -q, --quiet          no progress line or summary on stderr\n"
            "\n"
            "Exit status: 0 written (--batch: every item recorded, ok or error); 1 bad input (the\n"
            "error names the file; --batch: the batch itself failed); 2 bad usage.\n");
}

static int parse_int_arg(const char *opt, const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) {
        fprintf(stderr, "zerocad render: %s needs an integer in [%d, %d], not '%s'\n", opt, lo, hi, s);
        return 2;
    }
    *out = (int)v;
    return 0;
}

/* The operands and the options that go with them: one INPUT, or --batch INPUTS with -o. */
static int check_operands(int argc, char **argv, struct render_opts *o)
{
    if (o->print_spec)
        return optind == argc ? 0 : (fprintf(stderr, "zerocad render: --print-spec takes no input\n"), 2);
    if (o->batch) {
        const char *bad = o->grid ? "--grid" : o->json ? "--json" : NULL;
        if (bad) {
            fprintf(stderr, "zerocad render: %s is for one shape, not --batch\n", bad);
            return 2;
        }
        if (optind >= argc || !o->outdir) {
            fprintf(stderr, "zerocad render: --batch needs INPUTS... and -o OUTDIR (try 'zerocad render --help')\n");
            return 2;
        }
        o->inputs = argv + optind;
        o->ninputs = argc - optind;
        return 0;
    }
    if (o->shard || o->quiet) {
        fprintf(stderr, "zerocad render: %s is for --batch\n", o->shard ? "--shard" : "-q");
        return 2;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "zerocad render: expected one input file (try 'zerocad render --help')\n");
        return 2;
    }
    o->input = argv[optind];
    if (!o->outdir && !o->grid) {
        fprintf(stderr, "zerocad render: nothing to write: give -o DIR and/or --grid FILE.png\n");
        return 2;
    }
    return 0;
}

static int parse_opts(int argc, char **argv, struct render_opts *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"grid", required_argument, NULL, 'g'},
        {"view", required_argument, NULL, 'v'},   {"size", required_argument, NULL, 's'},
        {"views", required_argument, NULL, 'V'},  {"jobs", required_argument, NULL, 'j'},
        {"json", no_argument, NULL, 'J'},         {"print-spec", no_argument, NULL, 'P'},
        {"batch", no_argument, NULL, 'B'},        {"shard", required_argument, NULL, 'S'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->jobs = 1;
    optind = 1;
    int c, rc = 0;
    while (!rc && (c = getopt_long(argc, argv, "o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->outdir = optarg; break;
        case 'g': o->grid = optarg; break;
        case 'v': o->view = optarg; break;
        case 'V': o->spec_path = optarg; break;
        case 's': rc = parse_int_arg("--size", optarg, 1, 4096, &o->size); break;
        case 'j': rc = parse_int_arg("--jobs", optarg, 1, 256, &o->jobs); break;
        case 'J': o->json = 1; break;
        case 'P': o->print_spec = 1; break;
        case 'B': o->batch = 1; break;
        case 'S': o->shard = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'h': render_usage(stdout); return -1;
        default: render_usage(stderr); return 2;
        }
    }
    return rc ? rc : check_operands(argc, argv, o);
}

static int load_spec(const struct render_opts *o, zr_spec *spec, char *err, size_t errlen)
{
    int rc = o->spec_path ? zr_spec_load(o->spec_path, spec, err, errlen) : zr_spec_default(spec);
    if (rc && !o->spec_path)
        snprintf(err, errlen, "out of memory");
    if (!rc && o->view)
        rc = zr_spec_select_view(spec, o->view, err, errlen);
    if (!rc && o->size)
        zr_spec_set_size(spec, o->size);
    return rc;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int write_views(const struct render_opts *o, const zr_spec *spec, uint8_t **rgbs, json_t *files,
                       char *err, size_t errlen)
{
    if (zrb_write_views(o->outdir, spec, rgbs, 0, err, errlen))
        return -1;
    for (size_t i = 0; i < spec->nviews; i++) {
        char path[4200];
        zrb_view_path(o->outdir, spec->views[i].name, path, sizeof path);
        json_array_append_new(files, json_string(path));
    }
    return 0;
}

static int write_file(const char *path, const uint8_t *data, size_t len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok)
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    return ok ? 0 : -1;
}

static int write_grid(const char *path, const zr_spec *spec, uint8_t **rgbs, char *err, size_t errlen)
{
    uint8_t *sheet, *png;
    int w, h;
    size_t len;
    const char *text[2] = {"zerocad-view-spec", spec->version};
    if (zr_grid_rgb(spec, rgbs, 4, &sheet, &w, &h, err, errlen))
        return -1;
    int rc = zr_png_encode(sheet, w, h, text, 1, &png, &len, err, errlen);
    free(sheet);
    if (!rc) {
        rc = write_file(path, png, len, err, errlen);
        free(png);
    }
    return rc;
}

static void print_json(const struct render_opts *o, const zr_spec *spec, const zr_scene *sc, json_t *files,
                       const struct render_times *t, const char *error)
{
    json_t *obj = json_pack("{s:b, s:o, s:s, s:s, s:I, s:O, s:o, s:{s:f, s:f, s:f, s:f}}", "ok", error == NULL, "error",
                            error ? json_string(error) : json_null(), "input", o->input, "spec", spec->version,
                            "triangles", (json_int_t)sc->ntris, "files", files, "grid",
                            o->grid && !error ? json_string(o->grid) : json_null(), "seconds", "load", t->load,
                            "tessellate", t->tessellate, "draw", t->draw, "encode", t->encode);
    char *text = obj ? json_dumps(obj, JSON_REAL_PRECISION(6)) : NULL;
    if (text)
        printf("%s\n", text);
    free(text);
    json_decref(obj);
}

static int render_input(const struct render_opts *o, const zr_spec *spec, json_t *files, zr_scene *scene,
                        struct render_times *t, char *err, size_t errlen)
{
    zrb_times lt;
    double t0 = now_s();
    if (zrb_scene_from_input(o->input, spec, scene, &lt, err, errlen))
        return -1;
    t->load = lt.load;
    zr_framing framing;
    char why[512];
    if (zr_framing_of(scene, &framing, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", o->input, why);
        return -1;
    }
    double t1 = now_s();
    t->tessellate = t1 - t0 - lt.load;
    uint8_t **rgbs = calloc(spec->nviews, sizeof *rgbs);
    int rc = rgbs ? zr_render_all(scene, &framing, spec, o->jobs, rgbs, err, errlen) : -1;
    double t2 = now_s();
    t->draw = t2 - t1;
    if (!rc && o->outdir)
        rc = write_views(o, spec, rgbs, files, err, errlen);
    if (!rc && o->grid)
        rc = write_grid(o->grid, spec, rgbs, err, errlen);
    t->encode = now_s() - t2;
    for (size_t i = 0; rgbs && i < spec->nviews; i++)
        free(rgbs[i]);
    free(rgbs);
    return rc;
}

static int print_spec(const zr_spec *spec)
{
    char *text = zr_spec_to_json(spec);
    if (!text)
        return 1;
    printf("%s\n", text);
    free(text);
    return 0;
}

/* --batch: the items of the inputs, shared with other processes when under MPI or --shard. */
static int render_batch(const struct render_opts *o, const zr_spec *spec)
{
    zsc_slice slice = {0, 0};
    char err[512];
    if (o->shard && zsc_slice_parse(o->shard, &slice, err, sizeof err) < 0) {
        fprintf(stderr, "zerocad render: %s\n", err);
        return 2;
    }
    zrb_opts bo = {.inputs = (const char *const *)o->inputs, .ninputs = o->ninputs, .outdir = o->outdir,
                   .spec = spec, .threads = o->jobs, .quiet = o->quiet};
    return zsc_render_run(&bo, &slice);
}

static int render_one(const struct render_opts *o, const zr_spec *spec)
{
    char err[4096] = "";
    zr_scene scene;
    memset(&scene, 0, sizeof scene);
    json_t *files = json_array();
    struct render_times t = {0, 0, 0, 0};
    int rc = render_input(o, spec, files, &scene, &t, err, sizeof err);
    if (rc)
        fprintf(stderr, "zerocad render: %s\n", err);
    if (o->json)
        print_json(o, spec, &scene, files, &t, rc ? err : NULL);
    else if (!rc)
        for (size_t i = 0; i < json_array_size(files); i++)
            printf("wrote %s\n", json_string_value(json_array_get(files, i)));
    if (!rc && !o->json && o->grid)
        printf("wrote %s\n", o->grid);
    json_decref(files);
    zr_scene_free(&scene);
    fflush(stdout);
    return rc ? 1 : 0;
}

int cmd_render(int argc, char **argv)
{
    struct render_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    zr_spec spec;
    char err[4096] = "";
    if (load_spec(&o, &spec, err, sizeof err)) {
        fprintf(stderr, "zerocad render: %s\n", err);
        zr_spec_free(&spec);
        return o.spec_path || !o.view ? 1 : 2;
    }
    if (o.print_spec)
        rc = print_spec(&spec);
    else
        rc = o.batch ? render_batch(&o, &spec) : render_one(&o, &spec);
    zr_spec_free(&spec);
    return rc;
}
