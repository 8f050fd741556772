/* cmd_render.c: `zerocad render INPUT -o DIR`: draws the views of a view spec (default
 * "zerocad-8v1") of a CadQuery program's solid (run in-process), a STEP file or an STL file,
 * and writes one PNG per view, a contact sheet, and with --json a record of what it wrote. */
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
#include "cq.h"
#include "dataset.h"
#include "render.h"

struct render_opts {
    const char *input, *outdir, *view, *spec_path, *grid;
    int size, json, jobs, print_spec;
};

struct render_times {
    double load, tessellate, draw, encode;
};

static void render_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad render INPUT [-o DIR] [--grid FILE.png] [--view NAME] [--size N]\n"
            "                      [--views SPEC.json] [-j N] [--json]\n"
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
            "Exit status: 0 written; 1 bad input (the error names the file); 2 bad usage.\n");
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

static int parse_opts(int argc, char **argv, struct render_opts *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"grid", required_argument, NULL, 'g'},
        {"view", required_argument, NULL, 'v'},   {"size", required_argument, NULL, 's'},
        {"views", required_argument, NULL, 'V'},  {"jobs", required_argument, NULL, 'j'},
        {"json", no_argument, NULL, 'J'},         {"print-spec", no_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->jobs = 1;
    optind = 1;
    int c, rc = 0;
    while (!rc && (c = getopt_long(argc, argv, "o:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->outdir = optarg; break;
        case 'g': o->grid = optarg; break;
        case 'v': o->view = optarg; break;
        case 'V': o->spec_path = optarg; break;
        case 's': rc = parse_int_arg("--size", optarg, 1, 4096, &o->size); break;
        case 'j': rc = parse_int_arg("--jobs", optarg, 1, 256, &o->jobs); break;
        case 'J': o->json = 1; break;
        case 'P': o->print_spec = 1; break;
        case 'h': render_usage(stdout); return -1;
        default: render_usage(stderr); return 2;
        }
    }
    if (rc)
        return rc;
    if (o->print_spec)
        return optind == argc ? 0 : (fprintf(stderr, "zerocad render: --print-spec takes no input\n"), 2);
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

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot : "";
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* Runs the program with its prints on stderr (stdout stays clean for --json). */
static zk_shape *run_program(const char *path, char *err, size_t errlen)
{
    if (zc_python_start() < 0) {
        snprintf(err, errlen, "%s: cannot start the embedded Python", path);
        return NULL;
    }
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(STDERR_FILENO, STDOUT_FILENO);
    zc_run_result r;
    zc_run_program(path, NULL, &r);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    zk_shape *shape = NULL;
    if (!r.ok)
        snprintf(err, errlen, "%s: %s", path, r.error);
    else
        shape = zk_ref(r.shape);
    zc_run_result_clear(&r);
    return shape;
}

/* A shard row's shape, from its step_file in memory. */
static int load_row(const char *ref, zk_shape **shape, char *err, size_t errlen)
{
    zd_reader *r;
    zd_row row;
    if (zs_find_row(ref, ZD_COL_STEP, &r, &row, err, errlen) < 0)
        return -1;
    if (!row.step)
        snprintf(err, errlen, "%s: the row has no step_file", ref);
    else if (!(*shape = zk_read_step_memory(ref, row.step, row.step_len)))
        snprintf(err, errlen, "%s: cannot read the row's step_file: %s", ref, zk_error_message());
    zd_close(r);
    return *shape ? 0 : -1;
}

/* Reads the input: a B-rep shape (program or STEP) into *shape, or an STL straight into a scene
 * (its parsing and welding count as tessellation). */
static int load_input(const char *path, const zr_spec *spec, zk_shape **shape, zr_scene *scene, char *err,
                      size_t errlen)
{
    const char *ext = extension(path);
    *shape = NULL;
    if (zs_is_row_ref(path))
        return load_row(path, shape, err, errlen);
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!strcasecmp(ext, ".stl"))
        return zr_scene_from_stl_file(path, spec, scene, err, errlen);
    if (!strcasecmp(ext, ".step") || !strcasecmp(ext, ".stp")) {
        *shape = zk_read_step(path);
        if (!*shape)
            snprintf(err, errlen, "%s: cannot read the STEP file: %s", path, zk_error_message());
    } else if (!strcasecmp(ext, ".py")) {
        *shape = run_program(path, err, errlen);
    } else {
        snprintf(err, errlen, "%s: unknown input type (use .py, .step, .stp or .stl)", path);
    }
    return *shape ? 0 : -1;
}

static int tessellate(const char *path, const zk_shape *shape, const zr_spec *spec, zr_scene *scene, char *err,
                      size_t errlen)
{
    char why[512];
    int rc = zr_scene_from_shape(shape, spec, scene, why, sizeof why);
    if (rc)
        snprintf(err, errlen, "%s: %s", path, why);
    return rc;
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

static int make_dirs(const char *dir, char *err, size_t errlen)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || !*p) {
            char saved = *p;
            *p = 0;
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "%s: cannot create the directory: %s", buf, strerror(errno));
                return -1;
            }
            *p = saved;
            if (!saved)
                break;
        }
    }
    return 0;
}

/* DIR/<view name>.png, with characters other than [A-Za-z0-9._-] as '_'. */
static void view_path(const char *dir, const char *name, char *out, size_t n)
{
    char safe[ZR_NAME_MAX];
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof safe; i++) {
        char ch = name[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                 ch == '_' || ch == '-';
        safe[i] = ok && !(i == 0 && ch == '.') ? ch : '_';
    }
    safe[i] = 0;
    snprintf(out, n, "%s/%s.png", dir, safe);
}

static int write_views(const struct render_opts *o, const zr_spec *spec, uint8_t **rgbs, json_t *files,
                       char *err, size_t errlen)
{
    if (make_dirs(o->outdir, err, errlen))
        return -1;
    for (size_t i = 0; i < spec->nviews; i++) {
        const zr_view *v = &spec->views[i];
        const char *text[4] = {"zerocad-view-spec", spec->version, "zerocad-view", v->name};
        uint8_t *png;
        size_t len;
        char path[4200];
        view_path(o->outdir, v->name, path, sizeof path);
        if (zr_png_encode(rgbs[i], v->width, v->height, text, 2, &png, &len, err, errlen))
            return -1;
        int rc = write_file(path, png, len, err, errlen);
        free(png);
        if (rc)
            return -1;
        json_array_append_new(files, json_string(path));
    }
    return 0;
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
    double t0 = now_s();
    zk_shape *shape;
    if (load_input(o->input, spec, &shape, scene, err, errlen))
        return -1;
    double tl = now_s();
    int brep = shape != NULL;
    t->load = brep ? tl - t0 : 0.0;
    if (brep) {
        int rc = tessellate(o->input, shape, spec, scene, err, errlen);
        zk_unref(shape);
        if (rc)
            return -1;
    }
    zr_framing framing;
    char why[512];
    if (zr_framing_of(scene, &framing, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", o->input, why);
        return -1;
    }
    double t1 = now_s();
    t->tessellate = brep ? t1 - tl : t1 - t0;
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
    if (o.print_spec) {
        rc = print_spec(&spec);
        zr_spec_free(&spec);
        return rc;
    }
    zr_scene scene;
    memset(&scene, 0, sizeof scene);
    json_t *files = json_array();
    struct render_times t = {0, 0, 0, 0};
    rc = render_input(&o, &spec, files, &scene, &t, err, sizeof err);
    if (rc)
        fprintf(stderr, "zerocad render: %s\n", err);
    if (o.json)
        print_json(&o, &spec, &scene, files, &t, rc ? err : NULL);
    else if (!rc)
        for (size_t i = 0; i < json_array_size(files); i++)
            printf("wrote %s\n", json_string_value(json_array_get(files, i)));
    if (!rc && !o.json && o.grid)
        printf("wrote %s\n", o.grid);
    json_decref(files);
    zr_scene_free(&scene);
    zr_spec_free(&spec);
    fflush(stdout);
    return rc ? 1 : 0;
}
