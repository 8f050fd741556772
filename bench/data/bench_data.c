/* bench_data.c: the data benchmark's C side. `write OUT ROWS RG_BYTES` writes synthetic
 * Zero-to-CAD rows (code ~2 KB, eight incompressible ~15 KB images, STL and STEP) with zstd and
 * prints rows/s and peak RSS over the baseline; `read FILE REPEAT` reads the cadquery_file column
 * through zd_open(ZD_COL_CODE) and prints seconds, bytes read and code bytes. JSON on stdout. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "parquet.h"
#include "shard.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static long rss_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, field, n))
            v = strtol(line + n + 1, NULL, 10);
    if (f)
        fclose(f);
    return v;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void fill_random(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 8) {
        uint64_t r = next_rand();
        memcpy(p + i, &r, n - i < 8 ? n - i : 8);
    }
}

/* A program of about 2 KB with the variety of real ones: parameters, several operations with
 * random names and numbers (compresses about 3x with zstd, like real code). */
static int make_code(char *code, size_t cap, long i)
{
    static const char *ops[] = {".box(%s, %s, %s)", ".hole(%s)", ".fillet(%s)", ".chamfer(%s)",
                                ".cylinder(%s, %s)", ".rect(%s, %s).extrude(%s)", ".circle(%s).cutBlind(-%s)",
                                ".translate((%s, %s, %s))", ".pushPoints([(%s, %s), (-%s, %s)])",
                                ".polarArray(%s, 0, 360, 6)", ".shell(-%s)", ".revolve(%s)"};
    static const char *sel[] = {">Z", "<Z", "|X", ">X or <Y", "|Z and <X", "<<Z", ">Y"};
    char names[6][16], nums[3][16];
    int n = snprintf(code, cap, "import cadquery as cq\n\n# part %ld\n", i);
    for (int k = 0; k < 6; k++) {
        snprintf(names[k], sizeof names[k], "p_%c%c%c%d", 'a' + (int)(next_rand() % 26), 'a' + (int)(next_rand() % 26),
                 'a' + (int)(next_rand() % 26), k);
        n += snprintf(code + n, cap - (size_t)n, "%s = %.3f\n", names[k], (double)(next_rand() % 100000) / 997.0);
    }
    n += snprintf(code + n, cap - (size_t)n, "\nresult = (\n    cq.Workplane(\"XY\")\n");
    while (n < 1900) {
        for (int k = 0; k < 3; k++)
            snprintf(nums[k], sizeof nums[k], next_rand() % 2 ? "%.2f" : "%.1f", (double)(next_rand() % 5000) / 37.0);
        char op[128];
        snprintf(op, sizeof op, ops[next_rand() % 12], next_rand() % 2 ? names[next_rand() % 6] : nums[0], nums[1], nums[2]);
        n += snprintf(code + n, cap - (size_t)n, "    .faces(\"%s\").workplane()%s\n", sel[next_rand() % 7], op);
    }
    n += snprintf(code + n, cap - (size_t)n, ")\n");
    return n;
}

static int bench_write(const char *out, long rows, size_t rg_bytes)
{
    static unsigned char img[8][16384], stl[24000], step[32000];
    static char code[4096], uuid[40], ops[512];
    char err[512];
    zd_write_opts o;
    zd_write_opts_default(&o);
    o.row_group_bytes = rg_bytes;
    long base = rss_kb("VmRSS:");
    zd_writer *w = zd_writer_open(out, &o, err, sizeof err);
    if (!w) { fprintf(stderr, "%s\n", err); return 1; }
    double t0 = now(), gen_s = 0;
    for (long i = 0; i < rows; i++) {
        double g0 = now();
        zd_row r;
        zd_row_clear(&r);
        snprintf(uuid, sizeof uuid, "%016llx%016llx", (unsigned long long)next_rand(), (unsigned long long)i);
        int n = make_code(code, sizeof code, i);
        snprintf(ops, sizeof ops, "[{\"op_name\": \"box\", \"function\": \"Workplane.box\"}, {\"op_name\": \"hole\", \"function\": \"Workplane.hole\", \"n\": %ld}]", i);
        r.uuid = uuid; r.uuid_len = strlen(uuid);
        r.code = code; r.code_len = (size_t)n;
        r.ops_json = ops; r.ops_json_len = strlen(ops);
        r.ops_count = 22; r.num_faces = 7 + i % 50; r.num_renders = 8;
        r.face_latency_ms = (double)(i % 1000) * 0.37; r.ops_latency_ms = 12.5;
        for (int k = 0; k < 8; k++) {
            size_t len = 12000 + next_rand() % 4000;
            fill_random(img[k], len);
            memcpy(img[k], "\x89PNG\r\n\x1a\n", 8);
            r.image[k] = img[k]; r.image_len[k] = len;
        }
        fill_random(stl, sizeof stl);
        r.stl = stl; r.stl_len = sizeof stl - next_rand() % 4000;
        for (size_t k = 0; k < sizeof step; k++) step[k] = (unsigned char)("#12=CARTESIAN_POINT('',(0.,1.,2.));\n"[k % 37]);
        r.step = step; r.step_len = sizeof step - next_rand() % 4000;
        gen_s += now() - g0;
        if (zd_write(w, &r, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return 1; }
    }
    double t1 = now();
    if (zd_writer_close(w, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return 1; }
    double dt = now() - t0, close_s = now() - t1;
    long peak = rss_kb("VmHWM:");
    printf("{\"rows\": %ld, \"seconds\": %.4f, \"rows_per_s\": %.1f, \"close_seconds\": %.4f, "
           "\"generate_seconds\": %.4f, \"row_group_bytes\": %zu, \"baseline_rss_kb\": %ld, \"peak_rss_kb\": %ld}\n",
           rows, dt, rows / dt, close_s, gen_s, rg_bytes, base, peak);
    return 0;
}

static int bench_read_once(const char *path, double *best)
{
    char err[512];
    double t0 = now();
    zd_reader *r = zd_open(path, ZD_COL_CODE, err, sizeof err);
    if (!r) { fprintf(stderr, "%s\n", err); return 1; }
    zd_row row;
    int rc;
    long rows = 0;
    unsigned long long code_bytes = 0, sum = 0;
    while ((rc = zd_next(r, &row, err, sizeof err)) == 1) {
        rows++;
        code_bytes += row.code_len;
        sum += row.code_len ? (unsigned char)row.code[row.code_len / 2] : 0;
    }
    if (rc < 0) { fprintf(stderr, "%s\n", err); return 1; }
    double dt = now() - t0;
    if (dt < *best) {
        *best = dt;
        printf("{\"rows\": %ld, \"seconds\": %.4f, \"bytes_read\": %llu, \"code_bytes\": %llu, \"check\": %llu}\n",
               rows, dt, (unsigned long long)zd_bytes_read(r), code_bytes, sum);
    }
    zd_close(r);
    return 0;
}

/* Best of `repeat` reads in this process (DuckDB's are repeated in one process too); prints the
 * JSON line of each new best, the last line is the best. */
static int bench_read(const char *path, int repeat)
{
    double best = 1e30;
    for (int i = 0; i < repeat; i++)
        if (bench_read_once(path, &best))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "write"))
        return bench_write(argv[2], strtol(argv[3], NULL, 10), strtoull(argv[4], NULL, 10));
    if (argc == 4 && !strcmp(argv[1], "read"))
        return bench_read(argv[2], atoi(argv[3]));
    fprintf(stderr, "usage: bench_data write OUT ROWS RG_BYTES | read FILE REPEAT\n");
    return 2;
}
