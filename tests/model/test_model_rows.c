/* test_model_rows.c: a forward pass of n rows (n = 2..16, what speculative verification and
 * batched decoding run) gives the logits of n one-row forwards, for bf16, q8 and q4 weights and
 * every SIMD path this CPU runs: bit for bit while attention goes row by row (n < 8), within 1e-5
 * of the largest logit where prefill attention takes over; embedding lookups and forwards leave no
 * page of the checkpoint's mapping mapped (/proc/self/pagemap). The test writes its own tiny random
 * checkpoint (flat Qwen3 config, tied embeddings) into a temporary folder. */
#define _GNU_SOURCE /* RUSAGE_THREAD */
#include "check.h"
#include "model.h"
#include "model_state.h"
#include "simd_dot.h"

#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define H 64
#define L 2
#define NH 4
#define NKV 2
#define HD 16
#define INTER 128
#define VOCAB 256
#define PREFIX 5

static uint64_t rs = 88172645463325252ull;
static double urand(void)
{
    rs ^= rs << 13;
    rs ^= rs >> 7;
    rs ^= rs << 17;
    return (double)(rs >> 11) / 9007199254740992.0;
}

typedef struct {
    char name[96];
    int rows, cols; /* cols 0: a vector of rows values */
    double std, mean;
} tensor_spec;

static int specs(tensor_spec *t)
{
    int n = 0;
    t[n++] = (tensor_spec){"model.embed_tokens.weight", VOCAB, H, 0.5, 0};
    t[n++] = (tensor_spec){"model.norm.weight", H, 0, 0.1, 1};
    for (int l = 0; l < L; l++) {
        const struct { const char *s; int r, c; } m[] = {
            {"self_attn.q_proj.weight", NH * HD, H},  {"self_attn.k_proj.weight", NKV * HD, H},
            {"self_attn.v_proj.weight", NKV * HD, H}, {"self_attn.o_proj.weight", H, NH * HD},
            {"mlp.gate_proj.weight", INTER, H},       {"mlp.up_proj.weight", INTER, H},
            {"mlp.down_proj.weight", H, INTER}};
        for (int i = 0; i < 7; i++) {
            t[n] = (tensor_spec){"", m[i].r, m[i].c, 1.0 / sqrt(m[i].c), 0};
            snprintf(t[n++].name, 96, "model.layers.%d.%s", l, m[i].s);
        }
        const struct { const char *s; int n; } v[] = {{"input_layernorm.weight", H},
                                                      {"post_attention_layernorm.weight", H},
                                                      {"self_attn.q_norm.weight", HD},
                                                      {"self_attn.k_norm.weight", HD}};
        for (int i = 0; i < 4; i++) {
            t[n] = (tensor_spec){"", v[i].n, 0, 0.1, 1};
            snprintf(t[n++].name, 96, "model.layers.%d.%s", l, v[i].s);
        }
    }
    return n;
}

static uint16_t bf16(double v)
{
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, 4);
    return (uint16_t)((u + 0x7fff + ((u >> 16) & 1)) >> 16);
}

static int write_checkpoint(const char *dir)
{
    tensor_spec t[64];
    int n = specs(t);
    char path[512], *hdr = malloc(1 << 16);
    size_t hl = 0, off = 0;
    hl += (size_t)sprintf(hdr + hl, "{");
    for (int i = 0; i < n; i++) {
        size_t bytes = (size_t)t[i].rows * (t[i].cols ? t[i].cols : 1) * 2;
        if (t[i].cols)
            hl += (size_t)sprintf(hdr + hl, "%s\"%s\":{\"dtype\":\"BF16\",\"shape\":[%d,%d],\"data_offsets\":[%zu,%zu]}",
                                  i ? "," : "", t[i].name, t[i].rows, t[i].cols, off, off + bytes);
        else
            hl += (size_t)sprintf(hdr + hl, "%s\"%s\":{\"dtype\":\"BF16\",\"shape\":[%d],\"data_offsets\":[%zu,%zu]}",
                                  i ? "," : "", t[i].name, t[i].rows, off, off + bytes);
        off += bytes;
    }
    hl += (size_t)sprintf(hdr + hl, "}");
    while (hl % 8)
        hdr[hl++] = ' ';
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    uint64_t len = hl;
    fwrite(&len, 8, 1, f);
    fwrite(hdr, 1, hl, f);
    for (int i = 0; i < n; i++)
        for (long k = 0; k < (long)t[i].rows * (t[i].cols ? t[i].cols : 1); k++) {
            double g = sqrt(-2 * log(urand() + 1e-12)) * cos(6.283185307179586 * urand());
            uint16_t b = bf16(t[i].mean + t[i].std * g);
            fwrite(&b, 2, 1, f);
        }
    fclose(f);
    free(hdr);
    snprintf(path, sizeof path, "%s/config.json", dir);
    f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "{\"hidden_size\": %d, \"num_hidden_layers\": %d, \"num_attention_heads\": %d, "
               "\"num_key_value_heads\": %d, \"head_dim\": %d, \"intermediate_size\": %d, \"vocab_size\": %d, "
               "\"rms_norm_eps\": 1e-6, \"rope_theta\": 10000.0, \"hidden_act\": \"silu\", "
               "\"tie_word_embeddings\": true, \"eos_token_id\": 1, "
               "\"rope_scaling\": {\"mrope_section\": [4, 2, 2], \"mrope_interleaved\": true}}\n",
            H, L, NH, NKV, HD, INTER, VOCAB);
    fclose(f);
    return 0;
}

static void check_rows(const zc_model *m, const char *what)
{
    int32_t toks[PREFIX + 16];
    for (int i = 0; i < PREFIX + 16; i++)
        toks[i] = (int32_t)(urand() * VOCAB);
    float *all = malloc(16 * VOCAB * sizeof(float)), *one = malloc(16 * VOCAB * sizeof(float));
    static const int NS[] = {2, 3, 4, 5, 7, 8, 9, 16};
    for (size_t k = 0; k < sizeof NS / sizeof NS[0]; k++) {
        int n = NS[k];
        zc_kv *a = zc_kv_new(m, 64), *b = zc_kv_new(m, 64);
        zc_model_forward_tokens(m, a, toks, PREFIX, 0, ZC_LOGITS_NONE, NULL);
        zc_model_forward_tokens(m, b, toks, PREFIX, 0, ZC_LOGITS_NONE, NULL);
        CHECKF(zc_model_forward_tokens(m, a, toks + PREFIX, n, 0, ZC_LOGITS_ALL, all) == 0, "%s", what);
        for (int i = 0; i < n; i++)
            zc_model_forward_tokens(m, b, toks + PREFIX + i, 1, 0, ZC_LOGITS_LAST, one + (size_t)i * VOCAB);
        float mx = 0, err = 0;
        for (int i = 0; i < n * VOCAB; i++) {
            mx = fmaxf(mx, fabsf(one[i]));
            err = fmaxf(err, fabsf(one[i] - all[i]));
        }
        if (n < 8)
            CHECKF(memcmp(all, one, (size_t)n * VOCAB * sizeof(float)) == 0, "%s n=%d: max diff %g", what, n, err);
        else
            CHECKF(err <= 1e-5f * mx, "%s n=%d: max diff %g of %g", what, n, err, mx);
        CHECKF(mx > 0.1f, "%s: logits vanish", what);
        zc_kv_free(a);
        zc_kv_free(b);
    }
    free(all);
    free(one);
}

/* The whole pages inside [p, p + n) mapped into this process now (the present bit of
 * /proc/self/pagemap; the partial pages at the ends belong to the neighbouring tensors too); -1
 * when pagemap cannot be read. */
static long mapped_pages(const void *p, size_t n)
{
    long page = sysconf(_SC_PAGESIZE), count = 0;
    uintptr_t b = ((uintptr_t)p + (uintptr_t)page - 1) / (uintptr_t)page, e = ((uintptr_t)p + n) / (uintptr_t)page;
    int fd = open("/proc/self/pagemap", O_RDONLY);
    if (fd < 0)
        return -1;
    for (uintptr_t v = b; v < e; v++) {
        uint64_t entry;
        if (pread(fd, &entry, sizeof entry, (off_t)(v * sizeof entry)) != (ssize_t)sizeof entry) {
            close(fd);
            return -1;
        }
        count += (long)(entry >> 63);
    }
    close(fd);
    return count;
}

static long minor_faults(void)
{
    struct rusage u;
    getrusage(RUSAGE_THREAD, &u);
    return u.ru_minflt;
}

/* Looking up rows of the embedding table never touches its mapping: quantized models (lm_head a
 * matrix of its own) read the rows with pread, so no page fault during the lookups (each read
 * through the mapping faults in the cached folio around the row); bf16 (tied) reads the copy in
 * weight memory that lm_head uses, itself read with pread at load. No page of the mapping is mapped
 * after. The rows are the checkpoint's bf16 values (read from the file here with pread). */
static void check_embed_pages(const zc_model *m, const char *what)
{
    int32_t toks[3] = {1, VOCAB / 2, VOCAB - 1};
    float out[3 * H];
    memset(out, 0, sizeof out);
    CHECKF(zc_model_embed(m, toks, 3, out) == 0, "%s: embed", what); /* out's pages touched first */
    zc_st_release(&m->st, m->embed_t);
    long f0 = minor_faults();
    CHECKF(zc_model_embed(m, toks, 3, out) == 0, "%s: embed", what);
    long faults = minor_faults() - f0;
    if (m->lm_head.data != m->embed.data) /* a tied copy is ordinary memory, where a page migration may fault */
        CHECKF(faults == 0, "%s: %ld page faults looking up 3 rows: the table is read through its mapping", what,
               faults);
    long n = mapped_pages(m->embed_t->data, (size_t)VOCAB * H * 2);
    if (n >= 0) /* n < 0: no pagemap (not Linux), nothing to check */
        CHECKF(n == 0, "%s: %ld pages of the embedding table's mapping are mapped after a lookup", what, n);
    const zc_st_file *f = &m->st.files[m->embed_t->file];
    uint16_t table[VOCAB * H];
    off_t at = (off_t)((const uint8_t *)m->embed_t->data - f->map);
    CHECKF(pread(f->fd, table, sizeof table, at) == (ssize_t)sizeof table, "%s: reading the table", what);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < H; j++) {
            uint32_t u = (uint32_t)table[(size_t)toks[i] * H + (size_t)j] << 16;
            float want;
            memcpy(&want, &u, 4);
            CHECKF(out[i * H + j] == want, "%s: token %d column %d: %g, the table holds %g", what, toks[i], j,
                   out[i * H + j], want);
        }
}

/* Right after loading no page of the checkpoint's mapping is mapped: matrices were copied or
 * quantized out of it, and the pages that reads through it mapped around them (the header, the
 * kernel's fault-around, the partial pages between tensors) were dropped. */
static void check_load_pages(const zc_model *m, const char *what)
{
    for (int i = 0; i < m->st.n_files; i++) {
        long n = mapped_pages(m->st.files[i].map, m->st.files[i].size);
        if (n >= 0)
            CHECKF(n == 0, "%s: %ld pages of %s are mapped after loading", what, n, m->st.files[i].path);
    }
}

/* After loading and forwards no page of a layer matrix's mapping is mapped, whatever the format:
 * bf16 matrices were read into weight memory with pread, q8/q4 ones quantized from the mapping and
 * its pages released; and no matrix points into the mapping. */
static void check_layer_pages(const zc_model *m, const char *what)
{
    const char *names[] = {"model.layers.0.self_attn.q_proj.weight", "model.layers.1.mlp.down_proj.weight"};
    const zc_mat *mats[] = {&m->layers[0].q, &m->layers[1].down};
    for (int i = 0; i < 2; i++) {
        const zc_st_tensor *t = zc_st_find(&m->st, names[i]);
        CHECKF(t != NULL, "%s: %s", what, names[i]);
        if (!t)
            continue;
        const uint8_t *lo = t->data, *d = mats[i]->data;
        CHECKF(d < lo || d >= lo + t->nbytes, "%s: %s is used in place in the mapping", what, names[i]);
        long n = mapped_pages(t->data, t->nbytes);
        if (n >= 0)
            CHECKF(n == 0, "%s: %ld pages of %s's mapping are mapped", what, n, names[i]);
    }
}

/* A quantized model whose checkpoint file shrinks after loading (the embedding table cut short): a
 * lookup of a row past the new end fails with -1 instead of reading garbage or faulting. */
static void check_embed_truncated(const char *dir)
{
    char err[512], path[600];
    zc_model *m = zc_model_load(dir, ZC_QUANT_Q8, err, sizeof err);
    CHECKF(m != NULL, "%s", err);
    if (!m)
        return;
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    const zc_st_file *f = &m->st.files[m->embed_t->file];
    off_t at = (off_t)((const uint8_t *)m->embed_t->data - f->map);
    int32_t first = 0, last = VOCAB - 1;
    float out[H];
    CHECK(truncate(path, at + H * 2) == 0);
    CHECKF(zc_model_embed(m, &first, 1, out) == 0, "the first row, still in the file, cannot be read");
    CHECKF(zc_model_embed(m, &last, 1, out) == -1, "a row past the end of the shrunk file was read");
    zc_model_free(m);
}

int main(void)
{
    char dir[] = "zc-test-rows-XXXXXX"; /* in the working directory (the build tree under ctest) */
    if (!mkdtemp(dir) || write_checkpoint(dir)) {
        fprintf(stderr, "cannot write the test checkpoint in %s\n", dir);
        return 1;
    }
    const char *paths[] = {"scalar", "avx2", "avx512", "avx512-novnni"}, *qn[] = {"bf16", "q8", "q4"};
    zc_quant qs[] = {ZC_QUANT_NONE, ZC_QUANT_Q8, ZC_QUANT_Q4};
    for (int qi = 0; qi < 3; qi++) {
        char err[512];
        zc_model *m = zc_model_load(dir, qs[qi], err, sizeof err);
        CHECKF(m != NULL, "%s", err);
        if (!m)
            continue;
        check_load_pages(m, qn[qi]);
        check_embed_pages(m, qn[qi]);
        for (int p = 0; p < 4; p++) {
            char what[64];
            snprintf(what, sizeof what, "%s %s", qn[qi], paths[p]);
            if (!zc_simd_set(paths[p]))
                check_rows(m, what);
        }
        check_layer_pages(m, qn[qi]);
        zc_model_free(m);
    }
    check_embed_truncated(dir); /* last: it cuts the checkpoint short */
    char path[600];
    const char *files[] = {"model.safetensors", "config.json"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    else
        printf("row tests passed\n");
    return failures != 0;
}
