/* generator.c: zs_generate and the catalog queries: picks a family for (seed, index) among the
 * requested categories and lets it write the program under its title line. */
#include "generator.h"
#include "families.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int zs_family_count(void)
{
    int n;
    zs_catalog(&n);
    return n;
}

const char *zs_family_name(int i)
{
    int n;
    const zs_family *f = zs_catalog(&n);
    return i >= 0 && i < n ? f[i].name : NULL;
}

const char *zs_family_category(int i)
{
    int n;
    const zs_family *f = zs_catalog(&n);
    return i >= 0 && i < n ? f[i].category : NULL;
}

/* 1 when family i is the first of its category in the catalog, else 0. */
static int first_of_category(const zs_family *f, int i)
{
    for (int j = 0; j < i; j++)
        if (strcmp(f[j].category, f[i].category) == 0)
            return 0;
    return 1;
}

int zs_category_count(void)
{
    int n, c = 0;
    const zs_family *f = zs_catalog(&n);
    for (int i = 0; i < n; i++)
        c += first_of_category(f, i);
    return c;
}

const char *zs_category_name(int k)
{
    int n, c = 0;
    const zs_family *f = zs_catalog(&n);
    for (int i = 0; i < n; i++) {
        if (!first_of_category(f, i))
            continue;
        if (c == k)
            return f[i].category;
        c++;
    }
    return NULL;
}

/* Marks allowed[i] for every family whose category is in the comma-separated list. */
static int select_families(const char *categories, const zs_family *f, int n, unsigned char *allowed,
                           char *err, size_t errlen)
{
    if (categories == NULL || categories[0] == '\0') {
        memset(allowed, 1, (size_t)n);
        return 0;
    }
    memset(allowed, 0, (size_t)n);
    const char *p = categories;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *end = p;
        while (*end && *end != ',')
            end++;
        size_t len = (size_t)(end - p);
        while (len > 0 && p[len - 1] == ' ')
            len--;
        if (len > 0) {
            int found = 0;
            for (int i = 0; i < n; i++) {
                if (strlen(f[i].category) == len && strncmp(f[i].category, p, len) == 0) {
                    allowed[i] = 1;
                    found = 1;
                }
            }
            if (!found) {
                snprintf(err, errlen, "unknown category '%.*s' (known: see zerocad synth docs, docs/synth.md)",
                         (int)(len > 64 ? 64 : len), p);
                return -1;
            }
        }
        p = end;
    }
    for (int i = 0; i < n; i++)
        if (allowed[i])
            return 0;
    snprintf(err, errlen, "no category named in '%s'", categories);
    return -1;
}

int zs_generate(uint64_t seed, uint64_t index, const char *categories, zs_program *out, char *err,
                size_t errlen)
{
    int n;
    const zs_family *f = zs_catalog(&n);
    unsigned char allowed[256];
    if (n > (int)sizeof allowed) {
        snprintf(err, errlen, "catalog too large (%d families)", n);
        return -1;
    }
    if (select_families(categories, f, n, allowed, err, errlen) != 0)
        return -1;
    int choices[256], m = 0;
    for (int i = 0; i < n; i++)
        if (allowed[i])
            choices[m++] = i;

    zs_rng r;
    zs_rng_seed(&r, seed, index);
    const zs_family *fam = &f[choices[zs_rng_pick(&r, m)]];

    zs_text t;
    zs_text_init(&t);
    zs_text_fmt(&t, "# %s (%s)\nimport cadquery as cq\n", fam->title, fam->category);
    fam->build(&r, &t);
    char *code = zs_text_take(&t);
    if (code == NULL) {
        snprintf(err, errlen, "out of memory writing a %s program", fam->name);
        return -1;
    }
    out->code = code;
    out->family = fam->name;
    out->category = fam->category;
    return 0;
}

void zs_program_free(zs_program *p)
{
    if (p == NULL)
        return;
    free(p->code);
    p->code = NULL;
}
