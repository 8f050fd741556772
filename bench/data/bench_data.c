/* bench_data.c: the data benchmark's C side. `write OUT ROWS RG_BYTES` writes synthetic
 * Zero-to-CAD rows (code ~2 KB, eight incompressible ~15 KB images, STL and STEP) with zstd and
 * prints rows/s and peak RSS over the baseline; `read FILE` reads the cadquery_file column
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
    double t0 = now();
    for (long i = 0; i < rows; i++) {
        zd_row r;
        zd_row_clear(&r);
        snprintf(uuid, sizeof uuid, "%016llx%016llx", (unsigned long long)next_rand(), (unsigned long long)i);
        int n = 0;
        n += snprintf(code + n, sizeof code - (size_t)n, "import cadquery as cq\n\nlength = %ld\n", i % 97);
        for (int k = 0; n < 1900 && k < 60; k++)
            n += snprintf(code + n, sizeof code - (size_t)n,
                          "part = part.faces(\">Z\").workplane().hole(%d.%02d)\n", (int)(next_rand() % 20), k);
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
        if (zd_write(w, &r, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return 1; }
    }
    if (zd_writer_close(w, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return 1; }
    double dt = now() - t0;
    long peak = rss_kb("VmHWM:");
    printf("{\"rows\": %ld, \"seconds\": %.4f, \"rows_per_s\": %.1f, \"row_group_bytes\": %zu, "
           "\"baseline_rss_kb\": %ld, \"peak_rss_kb\": %ld}\n", rows, dt, rows / dt, rg_bytes, base, peak);
    return 0;
}

static int bench_read(const char *path)
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
    printf("{\"rows\": %ld, \"seconds\": %.4f, \"bytes_read\": %llu, \"code_bytes\": %llu, \"check\": %llu}\n",
           rows, dt, (unsigned long long)zd_bytes_read(r), code_bytes, sum);
    zd_close(r);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "write"))
        return bench_write(argv[2], strtol(argv[3], NULL, 10), strtoull(argv[4], NULL, 10));
    if (argc == 3 && !strcmp(argv[1], "read"))
        return bench_read(argv[2]);
    fprintf(stderr, "usage: bench_data write OUT ROWS RG_BYTES | read FILE\n");
    return 2;
}
