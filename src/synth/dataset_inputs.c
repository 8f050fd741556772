/* dataset_inputs.c: the shards a `zerocad data` command reads: .parquet files as given, and
 * folders as the parquet files they hold (sorted; unfinished *.tmp-* files left out). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dataset.h"
#include "shard.h"

static int push(char ***paths, int *n, char *owned)
{
    char **p = realloc(*paths, (size_t)(*n + 1) * sizeof *p);
    if (!p || !owned) {
        free(owned);
        if (p)
            *paths = p;
        return -1;
    }
    *paths = p;
    p[(*n)++] = owned;
    return 0;
}

static int add_folder(const char *dir, char ***paths, int *n, char *err, size_t errlen)
{
    char **found = NULL;
    int m = zd_list_shards(dir, &found, err, errlen);
    if (m < 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < m && rc == 0; i++) {
        rc = push(paths, n, found[i]);
        found[i] = NULL;
    }
    zd_free_list(found, m);
    if (rc < 0)
        snprintf(err, errlen, "out of memory");
    else if (m == 0) {
        snprintf(err, errlen, "%s: no .parquet shards in this folder", dir);
        rc = -1;
    }
    return rc;
}

int zs_shard_inputs(const char *const *inputs, int n, char ***paths, char *err, size_t errlen)
{
    *paths = NULL;
    int count = 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        int rc;
        if (stat(inputs[i], &st) != 0) {
            snprintf(err, errlen, "%s: %s", inputs[i], strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            rc = add_folder(inputs[i], paths, &count, err, errlen);
        } else {
            rc = push(paths, &count, strdup(inputs[i]));
            if (rc < 0)
                snprintf(err, errlen, "out of memory");
        }
        if (rc < 0) {
            zs_paths_free(*paths, count);
            *paths = NULL;
            return -1;
        }
    }
    return count;
}

void zs_paths_free(char **paths, int n)
{
    for (int i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
}
