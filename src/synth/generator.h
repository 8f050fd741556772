/* generator.h: the embedded procedural generator of CadQuery programs (a catalog of part families
 * over categories, seeded and deterministic) and the exact-dedup key of program code.
 * Included by synth.h, the module's public header. */
#ifndef ZC_SYNTH_GENERATOR_H
#define ZC_SYNTH_GENERATOR_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *code;            /* malloc'd UTF-8 CadQuery program, ends with `result = ...` */
    const char *family;    /* static string, e.g. "flanged_bushing" */
    const char *category;  /* static string, e.g. "flanges" */
} zs_program;

/* Deterministic: the same (seed, index) gives the same program byte for byte on any machine.
 * categories: NULL (or "") = all, else a comma-separated list of category names (an unknown name
 * gives -1 with err naming it). Returns 0 or -1 (err filled, out untouched). */
int zs_generate(uint64_t seed, uint64_t index, const char *categories, zs_program *out, char *err,
                size_t errlen);
void zs_program_free(zs_program *p);

/* The catalog: families in a fixed order, each with its category. Out-of-range i gives NULL. */
int zs_family_count(void);
const char *zs_family_name(int i);
const char *zs_family_category(int i);
/* Distinct categories, in catalog order of first appearance. */
int zs_category_count(void);
const char *zs_category_name(int i);

/* Exact-dedup key: a 64-bit XXH3 hash of the code normalized: comments and whitespace removed,
 * identifiers renamed in order of first appearance (attribute names after '.', keyword-argument
 * names, Python keywords and builtins, `cq`, `cadquery` and `math` kept), numbers in canonical
 * form (1.0 == 1 == 1.00; 0.5 == .5), strings kept as written. */
uint64_t zs_code_key(const char *code, size_t len);

#endif
