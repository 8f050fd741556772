/* test_tokenizer_unit.c: the tokenizer on crafted tokenizer.json files whose results are worked
 * out by hand: a byte-level vocabulary where the token of byte b has id b, plus a few merges that
 * would join across a pre-token boundary if the split were wrong (so the ids show the split);
 * added tokens (longest match, special, lstrip/rstrip, single_word, normalized); every Split
 * behavior; invalid UTF-8; decoding and streaming; malformed files; and the chat template.
 * Usage: test_tokenizer_unit TMPDIR [QWEN_TOKENIZER_DIR] */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chat.h"
#include "tokenizer.h"

static int failures, checks;
static const char *tmpdir;

#define QWEN2_RE "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    failures++;
}

/* ---- building crafted tokenizer.json documents ---- */

/* GPT-2 byte -> code point, written out from its definition. */
static int byte_cp(int b)
{
    if ((b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE)
        return b;
    int k = 0;
    for (int x = 0; x < b; x++)
        if (!((x >= 0x21 && x <= 0x7E) || (x >= 0xA1 && x <= 0xAC) || x >= 0xAE))
            k++;
    return 256 + k;
}

static void utf8(int cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp, out[1] = 0;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)), out[1] = (char)(0x80 | (cp & 63)), out[2] = 0;
    } else {
        out[0] = (char)(0xE0 | (cp >> 12)), out[1] = (char)(0x80 | ((cp >> 6) & 63));
        out[2] = (char)(0x80 | (cp & 63)), out[3] = 0;
    }
}

/* Merges of the crafted vocabulary, in rank order, with the ids their results get (256+k). In
 * byte-level spelling: G = space (U+0120), C = newline (U+010A). */
static const char *const MERGES[][2] = {
    {"h", "e"},       /* 256 he */
    {"l", "l"},       /* 257 ll */
    {"he", "ll"},     /* 258 hell */
    {"hell", "o"},    /* 259 hello */
    {"\xC4\xA0", "\xC4\xA0"}, /* 260 two spaces */
    {"1", "2"},       /* 261 12 */
    {"'", "s"},       /* 262 's */
    {"'", "S"},       /* 263 'S */
    {"'", "x"},       /* 264 'x */
    {"\xC4\x8A", "\xC4\x8A"}, /* 265 two newlines */
    {"\xC4\xA0", "\xC4\x8A"}, /* 266 space newline */
    {"\xC4\xA0", "\xC3\xA4"}, /* 267 space + byte E4 (first byte of many CJK chars) */
    {"a", "\xC3\xB0"},        /* 268 a + byte F0 (first byte of emoji) */
    {"a", "-"},       /* 269 a- */
    {"-", "b"},       /* 270 -b */
    {"-", "-"},       /* 271 -- */
    {"t", "'"},       /* 272 t' */
    {"a", "\xC4\xA0"},        /* 273 a + space */
    {"!", "\xC3\xA1"},        /* 274 ! + byte E1 (first byte of U+180E) */
};
#define NMERGES (sizeof MERGES / sizeof MERGES[0])

typedef struct {
    const char *content;
    int id;
    int special, lstrip, rstrip, single_word, normalized;
} added_def;

static const added_def ADDED[] = {
    {"<|im_start|>", 300, 1, 0, 0, 0, 0},
    {"<|im_end|>", 301, 1, 0, 0, 0, 0},
    {"<think>", 302, 0, 0, 0, 0, 0},
    {"<|im", 303, 0, 0, 0, 0, 0},
    {"<mask>", 304, 1, 1, 1, 0, 0},
    {"word", 305, 0, 0, 0, 1, 0},
    {"\xC3\xA9", 306, 0, 0, 0, 0, 1}, /* "é", precomposed, matched after NFC */
    {"o\xCC\x88", 307, 0, 0, 0, 0, 0}, /* "o" + combining diaeresis, matched before NFC */
};

/* The token string of id (byte token, merge result or added token). */
static void token_of(int id, char *out)
{
    if (id < 256) {
        utf8(byte_cp(id), out);
    } else {
        char a[64], b[64];
        strcpy(a, MERGES[id - 256][0]);
        strcpy(b, MERGES[id - 256][1]);
        snprintf(out, 128, "%s%s", a, b);
    }
}

/* A tokenizer.json: pre_tokenizer given as JSON text (NULL: Qwen2 Split + ByteLevel). */
static char *crafted_json(const char *pretok, int merges_as_arrays, int with_nfc)
{
    json_t *vocab = json_object(), *merges = json_array(), *added = json_array();
    for (int id = 0; id < 256 + (int)NMERGES; id++) {
        char tok[128];
        token_of(id, tok);
        json_object_set_new(vocab, tok, json_integer(id));
    }
    for (size_t k = 0; k < NMERGES; k++) {
        if (merges_as_arrays) {
            json_array_append_new(merges, json_pack("[ss]", MERGES[k][0], MERGES[k][1]));
        } else {
            char m[128];
            snprintf(m, sizeof m, "%s %s", MERGES[k][0], MERGES[k][1]);
            json_array_append_new(merges, json_string(m));
        }
    }
    for (size_t k = 0; k < sizeof ADDED / sizeof ADDED[0]; k++) {
        const added_def *a = &ADDED[k];
        json_array_append_new(added, json_pack("{si ss sb sb sb sb sb}", "id", a->id, "content",
                                               a->content, "single_word", a->single_word,
                                               "lstrip", a->lstrip, "rstrip", a->rstrip,
                                               "normalized", a->normalized, "special", a->special));
    }
    json_error_t je;
    json_t *pre = pretok ? json_loads(pretok, 0, &je)
                         : json_pack("{ss s[{ss s{ss} ss sb} {ss sb sb sb}]}", "type", "Sequence",
                                     "pretokenizers", "type", "Split", "pattern", "Regex", QWEN2_RE,
                                     "behavior", "Isolated", "invert", 0, "type", "ByteLevel",
                                     "add_prefix_space", 0, "trim_offsets", 0, "use_regex", 0);
    json_t *root = json_pack(
        "{ss so so so s{ss sb sb sb} s{ss sn sn ss ss sb sb sb so so}}", "version", "1.0",
        "added_tokens", added, "normalizer", with_nfc ? json_pack("{ss}", "type", "NFC") : json_null(),
        "pre_tokenizer", pre, "decoder", "type", "ByteLevel", "add_prefix_space", 0,
        "trim_offsets", 0, "use_regex", 0, "model", "type", "BPE", "dropout", "unk_token",
        "continuing_subword_prefix", "", "end_of_word_suffix", "", "fuse_unk", 0, "byte_fallback", 0,
        "ignore_merges", 0, "vocab", vocab, "merges", merges);
    char *s = json_dumps(root, 0);
    json_decref(root);
    return s;
}

static zc_tokenizer *crafted(const char *pretok, int arrays)
{
    char *json = crafted_json(pretok, arrays, 1);
    char err[256];
    zc_tokenizer *t = zc_tokenizer_load_json(json, strlen(json), "crafted.json", err, sizeof err);
    if (!t)
        fail("crafted tokenizer does not load: %s", err);
    free(json);
    return t;
}

/* ---- checks ---- */

static void expect_ids(const zc_tokenizer *t, const char *what, const char *text, size_t len,
                       const int *want, size_t nwant)
{
    int32_t *ids;
    size_t n;
    char err[128];
    checks++;
    if (zc_tokenizer_encode(t, text, len, &ids, &n, err, sizeof err) < 0) {
        fail("%s: encode error %s", what, err);
        return;
    }
    int same = n == nwant;
    for (size_t i = 0; same && i < n; i++)
        same = ids[i] == want[i];
    if (!same) {
        fprintf(stderr, "FAIL %s: got", what);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " %d", ids[i]);
        fprintf(stderr, "; want");
        for (size_t i = 0; i < nwant; i++)
            fprintf(stderr, " %d", want[i]);
        fprintf(stderr, "\n");
        failures++;
    }
    free(ids);
}

#define IDS(...) ((const int[]){__VA_ARGS__}), sizeof((const int[]){__VA_ARGS__}) / sizeof(int)
#define EXPECT(t, text, ...) expect_ids(t, text, text, strlen(text), IDS(__VA_ARGS__))
#define EXPECT_NONE(t, text) expect_ids(t, text, text, strlen(text), NULL, 0)

static void test_regex_edges(const zc_tokenizer *t)
{
    /* contractions: (?i:'s|...) is a piece of its own; "'x" is punctuation + letters */
    EXPECT(t, "it's", 'i', 't', 262);
    EXPECT(t, "IT'S", 'I', 'T', 263);
    EXPECT(t, "'x", 264);
    EXPECT(t, "t's", 't', 262);              /* not "t'" + "s": the contraction wins */
    /* digits one by one: no 12 although 1 2 is a merge */
    EXPECT(t, "123", '1', '2', '3');
    EXPECT(t, "a12", 'a', '1', '2');
    /* whitespace runs: the last space of a run goes with the next word */
    EXPECT(t, "a  b", 'a', ' ', ' ', 'b');
    EXPECT(t, "a   b", 'a', 260, ' ', 'b');
    EXPECT(t, "a  ", 'a', 260);              /* trailing run kept whole */
    EXPECT(t, "  ", 260);
    EXPECT(t, "a b", 'a', ' ', 'b');        /* "a" then " b": no "a " merge */
    /* newlines */
    EXPECT(t, "a\n\nb", 'a', 265, 'b');
    EXPECT(t, "a \n b", 'a', 266, ' ', 'b');
    EXPECT(t, "\r\n", '\r', '\n');
    /* CJK: one letter run; " 你好" keeps its space */
    EXPECT(t, " \xE4\xBD\xA0\xE5\xA5\xBD!", 267, 0xBD, 0xA0, 0xE5, 0xA5, 0xBD, '!');
    /* emoji is not a letter: "a" and the emoji are separate pieces (no a+F0 merge) */
    EXPECT(t, "a\xF0\x9F\x98\x80", 'a', 0xF0, 0x9F, 0x98, 0x80);
    /* U+180E is not White_Space (Oniguruma's \s), so "!" and it are one punctuation run */
    EXPECT(t, "!\xE1\xA0\x8E", 274, 0xA0, 0x8E);
    EXPECT(t, "hello", 259);
    EXPECT(t, "Hello", 'H', 'e', 257, 'o');
    EXPECT_NONE(t, "");
}

static void test_added(const zc_tokenizer *t)
{
    EXPECT(t, "<|im_start|>user\n<|im_end|>", 300, 'u', 's', 'e', 'r', '\n', 301);
    EXPECT(t, "<|im", 303);                             /* longest match: not <|im_start|> */
    EXPECT(t, "<|im_start|", 303, '_', 's', 't', 'a', 'r', 't', '|');
    EXPECT(t, "x<think>y", 'x', 302, 'y');
    EXPECT(t, "a <mask> b", 'a', 304, 'b');             /* lstrip and rstrip eat the spaces */
    EXPECT(t, "a word b", 'a', ' ', 305, ' ', 'b');
    EXPECT(t, "swordy", 's', 'w', 'o', 'r', 'd', 'y');  /* single_word: inside a word, no */
    /* "é" written decomposed: NFC makes it the normalized added token 306 */
    EXPECT(t, "e\xCC\x81", 306);
    EXPECT(t, "\xC3\xA9", 306);
    /* "ö" decomposed matches the raw (normalized=false) token 307 before NFC; composed does not */
    EXPECT(t, "o\xCC\x88", 307);
    EXPECT(t, "\xC3\xB6", 0xC3, 0xB6);
}

static void test_invalid_utf8(const zc_tokenizer *t)
{
    /* Each maximal invalid subpart reads as U+FFFD (EF BF BD). */
    expect_ids(t, "lone FF", "\xFF", 1, IDS(0xEF, 0xBF, 0xBD));
    expect_ids(t, "truncated E2 82", "a\xE2\x82", 3, IDS('a', 0xEF, 0xBF, 0xBD));
    expect_ids(t, "two bad bytes", "\xC0\xAF", 2, IDS(0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD));
    expect_ids(t, "surrogate", "\xED\xA0\x80", 3,
               IDS(0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD));
    expect_ids(t, "NUL byte", "a\0b", 3, IDS('a', 0, 'b'));
    expect_ids(t, "valid euro", "\xE2\x82\xAC", 3, IDS(0xE2, 0x82, 0xAC));
}

static void test_merge_forms(void)
{
    zc_tokenizer *a = crafted(NULL, 1);
    if (!a)
        return;
    EXPECT(a, "hello it's", 259, ' ', 'i', 't', 262);
    zc_tokenizer_free(a);
}

static void test_behaviors(void)
{
    static const struct {
        const char *behavior;
        int invert;
        const char *text;
        int want[8];
        size_t n;
    } cases[] = {
        {"Isolated", 0, "a-b", {'a', '-', 'b'}, 3},
        {"Removed", 0, "a-b", {'a', 'b'}, 2},
        {"MergedWithPrevious", 0, "a-b", {269, 'b'}, 2},
        {"MergedWithNext", 0, "a-b", {'a', 270}, 2},
        {"Isolated", 0, "a--b", {'a', '-', '-', 'b'}, 4},
        {"Contiguous", 0, "a--b", {'a', 271, 'b'}, 3},
        {"Removed", 1, "a-b", {'-'}, 1},  /* inverted: the pieces between are the matches */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char pre[512];
        snprintf(pre, sizeof pre,
                 "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":"
                 "{\"String\":\"-\"},\"behavior\":\"%s\",\"invert\":%s},{\"type\":\"ByteLevel\","
                 "\"add_prefix_space\":false,\"use_regex\":false}]}",
                 cases[i].behavior, cases[i].invert ? "true" : "false");
        zc_tokenizer *t = crafted(pre, 0);
        if (!t)
            continue;
        char what[64];
        snprintf(what, sizeof what, "%s%s %s", cases[i].behavior, cases[i].invert ? "(inv)" : "",
                 cases[i].text);
        expect_ids(t, what, cases[i].text, strlen(cases[i].text), cases[i].want, cases[i].n);
        zc_tokenizer_free(t);
    }
    /* ByteLevel with add_prefix_space and its own GPT-2 regex: "a" becomes " a"; no Split */
    zc_tokenizer *t = crafted("{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"use_regex\":true}", 0);
    if (t) {
        EXPECT(t, "a", ' ', 'a');
        EXPECT(t, "hello", ' ', 259);                /* " hello": merges inside after the space */
        EXPECT(t, "12", ' ', 261);                   /* GPT-2 keeps digit runs: " 12" */
        zc_tokenizer_free(t);
    }
}

static void expect_text(const char *what, const char *got, const char *want)
{
    checks++;
    if (!got || strcmp(got, want) != 0)
        fail("%s: got '%s', want '%s'", what, got ? got : "(null)", want);
}

static void test_decode(const zc_tokenizer *t)
{
    const int32_t ids[] = {300, 'u', 's', 'e', 'r', '\n', 259, 301};
    char *s = zc_tokenizer_decode(t, ids, 8, 0);
    expect_text("decode with specials", s, "<|im_start|>user\nhello<|im_end|>");
    free(s);
    s = zc_tokenizer_decode(t, ids, 8, 1);
    expect_text("decode skipping specials", s, "user\nhello");
    free(s);
    const int32_t bad[] = {'a', 0xE4, 0xBD, 999999, -5, 'b'}; /* cut CJK char, unknown ids */
    s = zc_tokenizer_decode(t, bad, 6, 0);
    expect_text("decode of a cut sequence", s, "a\xEF\xBF\xBD" "b");
    free(s);
    /* streaming: the three bytes of 你 come out only when complete */
    zc_detok *d = zc_detok_new(t);
    char out[16];
    size_t n1 = zc_detok_push(d, 0xE4, out, sizeof out);
    size_t n2 = zc_detok_push(d, 0xBD, out, sizeof out);
    size_t n3 = zc_detok_push(d, 0xA0, out, sizeof out);
    checks++;
    if (n1 || n2 || n3 != 3 || memcmp(out, "\xE4\xBD\xA0", 3))
        fail("detok of a split character: %zu %zu %zu", n1, n2, n3);
    n1 = zc_detok_push(d, 0xE4, out, sizeof out);
    n2 = zc_detok_flush(d, out, sizeof out);
    checks++;
    if (n1 || n2 != 3 || memcmp(out, "\xEF\xBF\xBD", 3))
        fail("detok flush of an unfinished character: %zu %zu", n1, n2);
    zc_detok_free(d);
    checks++;
    if (zc_tokenizer_token_id(t, "<|im_end|>") != 301 || zc_tokenizer_token_id(t, "hello") != 259 ||
        zc_tokenizer_token_id(t, "nope") != -1 || !zc_tokenizer_is_special(t, 300) ||
        zc_tokenizer_is_special(t, 302) || zc_tokenizer_vocab_size(t) != 308)
        fail("token lookups");
}

/* ---- malformed files: one line, names the file, no crash ---- */

static void expect_load_error(const char *name, const char *content, const char *needle)
{
    char path[1024], err[512] = "";
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    fputs(content, f);
    fclose(f);
    zc_tokenizer *t = zc_tokenizer_load(path, err, sizeof err);
    checks++;
    if (t) {
        fail("%s loads but should not", name);
        zc_tokenizer_free(t);
    } else if (!strstr(err, path) || !strstr(err, needle) || strchr(err, '\n')) {
        fail("%s: message '%s' should name the file and say '%s'", name, err, needle);
    }
}

static void test_malformed(void)
{
    expect_load_error("trunc.json", "{\"model\": {\"vocab\": {\"a\": 0", "invalid JSON");
    expect_load_error("array.json", "[1, 2]", "not a JSON object");
    expect_load_error("nomodel.json", "{\"added_tokens\": []}", "\"model\" is missing");
    expect_load_error("wordpiece.json", "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}",
                      "not supported");
    expect_load_error("badid.json", "{\"model\": {\"vocab\": {\"a\": -3}, \"merges\": []}}",
                      "out of range");
    expect_load_error("badmerge.json",
                      "{\"model\": {\"vocab\": {\"a\": 0, \"b\": 1}, \"merges\": [\"a b\"]}}",
                      "not in the vocabulary");
    expect_load_error("merge3.json",
                      "{\"model\": {\"vocab\": {\"a\": 0}, \"merges\": [\"a a a\"]}}", "merges[0]");
    expect_load_error("regex.json",
                      "{\"model\": {\"vocab\": {}, \"merges\": []}, \"pre_tokenizer\": {\"type\": "
                      "\"Split\", \"pattern\": {\"Regex\": \"(\"}, \"behavior\": \"Isolated\"}}",
                      "regex");
    expect_load_error("norm.json",
                      "{\"model\": {\"vocab\": {}, \"merges\": []}, \"normalizer\": {\"type\": "
                      "\"Lowercase\"}}", "Lowercase");
    expect_load_error("added.json",
                      "{\"model\": {\"vocab\": {}, \"merges\": []}, \"added_tokens\": [{\"id\": "
                      "\"x\"}]}", "added_tokens[0]");
    char err[512];
    char path[1024];
    snprintf(path, sizeof path, "%s/no-such-dir", tmpdir);
    checks++;
    if (zc_tokenizer_load(path, err, sizeof err) || !strstr(err, path))
        fail("missing path: '%s'", err);
    snprintf(path, sizeof path, "%s/emptydir", tmpdir);
    mkdir(path, 0755);
    checks++;
    if (zc_tokenizer_load(path, err, sizeof err) || !strstr(err, "no tokenizer.json"))
        fail("empty folder: '%s'", err);
}

/* ---- chat template, expected strings written from the Qwen3-VL template by hand ---- */

static void test_chat(void)
{
    zc_chat_part user_parts[] = {
        {ZC_CHAT_IMAGE, NULL}, {ZC_CHAT_IMAGE, NULL}, {ZC_CHAT_TEXT, "Describe "}, {ZC_CHAT_TEXT, "both."}};
    zc_chat_msg m1[] = {{.role = "system", .text = "Be brief."},
                        {.role = "user", .parts = user_parts, .nparts = 4}};
    char *s = zc_chat_render(m1, 2, 1);
    expect_text("system + user with two images", s,
                "<|im_start|>system\nBe brief.<|im_end|>\n"
                "<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>"
                "<|vision_start|><|image_pad|><|vision_end|>Describe both.<|im_end|>\n"
                "<|im_start|>assistant\n");
    free(s);
    zc_chat_msg m2[] = {{.role = "user", .text = "Hi"}};
    s = zc_chat_render(m2, 1, 1);
    expect_text("no default system prompt", s, "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    free(s);
    s = zc_chat_render(m2, 1, 0);
    expect_text("no generation prompt", s, "<|im_start|>user\nHi<|im_end|>\n");
    free(s);
    zc_chat_part sys_parts[] = {{ZC_CHAT_TEXT, "A"}, {ZC_CHAT_IMAGE, NULL}, {ZC_CHAT_TEXT, "B"}};
    zc_chat_msg m3[] = {{.role = "system", .parts = sys_parts, .nparts = 3},
                        {.role = "user", .text = "q1"},
                        {.role = "assistant", .text = "a1"},
                        {.role = "system", .text = "dropped"},
                        {.role = "user", .text = "q2"}};
    s = zc_chat_render(m3, 5, 1);
    expect_text("multi-turn", s,
                "<|im_start|>system\nAB<|im_end|>\n<|im_start|>user\nq1<|im_end|>\n"
                "<|im_start|>assistant\na1<|im_end|>\n<|im_start|>user\nq2<|im_end|>\n"
                "<|im_start|>assistant\n");
    free(s);
    zc_chat_msg m4[] = {{.role = "user", .text = "q"}, {.role = "tool", .text = "r1"},
                        {.role = "tool", .text = "r2"}};
    s = zc_chat_render(m4, 3, 0);
    expect_text("tool turns", s,
                "<|im_start|>user\nq<|im_end|>\n<|im_start|>user\n<tool_response>\nr1\n"
                "</tool_response>\n<tool_response>\nr2\n</tool_response><|im_end|>\n");
    free(s);
    zc_chat_msg bad[] = {{.role = "narrator", .text = "x"}};
    checks++;
    if (zc_chat_render(bad, 1, 1) != NULL)
        fail("unknown role accepted");
    size_t counts[] = {2, 3};
    s = zc_chat_expand_image_pads("x<|image_pad|>y<|image_pad|>z<|image_pad|>", counts, 2);
    expect_text("expand pads", s,
                "x<|image_pad|><|image_pad|>y<|image_pad|><|image_pad|><|image_pad|>z<|image_pad|>");
    free(s);
}

/* The Zero-to-CAD prompt of the spec (8 views x 64 pads), and its tokens with the real vocab. */
static void test_cad_prompt(const char *qwen_dir)
{
    const char *sys = "You are a CAD code assistant. Given multiple rendered views of a 3D shape, "
                      "generate clean, well-structured CadQuery Python code that accurately "
                      "reproduces the geometry.";
    const char *text = "Generate CadQuery code for this shape.";
    size_t cap = 100000, n = 0;
    char *want = malloc(cap);
    n += (size_t)snprintf(want + n, cap - n, "<|im_start|>system\n%s<|im_end|>\n<|im_start|>user\n", sys);
    for (int v = 0; v < 8; v++) {
        n += (size_t)snprintf(want + n, cap - n, "<|vision_start|>");
        for (int k = 0; k < 64; k++)
            n += (size_t)snprintf(want + n, cap - n, "<|image_pad|>");
        n += (size_t)snprintf(want + n, cap - n, "<|vision_end|>");
    }
    snprintf(want + n, cap - n, "%s<|im_end|>\n<|im_start|>assistant\n", text);
    char *s = zc_chat_render_cad(sys, 8, 64, text);
    expect_text("Zero-to-CAD prompt", s, want);
    free(want);
    if (!qwen_dir || !s) {
        free(s);
        return;
    }
    char err[512];
    zc_tokenizer *t = zc_tokenizer_load(qwen_dir, err, sizeof err);
    if (!t) {
        fail("load %s: %s", qwen_dir, err);
        free(s);
        return;
    }
    int32_t *ids;
    size_t nids;
    zc_tokenizer_encode(t, s, strlen(s), &ids, &nids, err, sizeof err);
    size_t pads = 0, vs = 0, ve = 0, ims = 0, ime = 0;
    for (size_t i = 0; i < nids; i++) {
        pads += ids[i] == 151655;
        vs += ids[i] == 151652;
        ve += ids[i] == 151653;
        ims += ids[i] == 151644;
        ime += ids[i] == 151645;
    }
    checks++;
    if (pads != 512 || vs != 8 || ve != 8 || ims != 3 || ime != 2 || ids[0] != 151644 ||
        ids[nids - 1] != 198 /* "\n" */)
        fail("CAD prompt tokens: pads %zu vs %zu ve %zu im_start %zu im_end %zu", pads, vs, ve,
             ims, ime);
    char *back = zc_tokenizer_decode(t, ids, nids, 0);
    expect_text("CAD prompt round trip", back, s);
    free(back);
    free(ids);
    free(s);
    zc_tokenizer_free(t);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s TMPDIR [QWEN_TOKENIZER_DIR]\n", argv[0]);
        return 2;
    }
    tmpdir = argv[1];
    mkdir(tmpdir, 0755);
    zc_tokenizer *t = crafted(NULL, 0);
    if (t) {
        test_regex_edges(t);
        test_added(t);
        test_invalid_utf8(t);
        test_decode(t);
        zc_tokenizer_free(t);
    }
    test_merge_forms();
    test_behaviors();
    test_malformed();
    test_chat();
    test_cad_prompt(argc > 2 ? argv[2] : NULL);
    printf("%d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
