/* disk.c: the per-program disk budget (bytes and files, everything a program writes, exports
 * included). Preferred mechanism, enforced by the kernel: the executor enters a private mount
 * namespace once (as root, or as root of a new user namespace), and each program's scratch
 * directory is covered by its own tmpfs mounted with size= and nr_inodes=; a write past the
 * budget fails with ENOSPC however fast the program writes, and unmounting frees everything it
 * wrote at once. An `ok` program's files are copied out to the real directory under the mount
 * when --out-dir keeps them. Fallback where mounting is impossible (no namespaces): the largest
 * file is capped by RLIMIT_FSIZE and the supervisor adds up each scratch tree a few times a
 * second, killing a program past its budget; weaker: a fast writer can overshoot by what it
 * writes between two looks. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "exec_internal.h"

/* Writes `text` to a /proc file (uid_map, gid_map, setgroups). */
static int write_proc(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Not root: a new user namespace mapping our ids to root in it gives the right to mount. */
static int enter_user_namespace(void)
{
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return -1;
    char map[64];
    if (write_proc("/proc/self/setgroups", "deny") != 0 && errno != ENOENT)
        return -1;
    snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
    if (write_proc("/proc/self/uid_map", map) != 0)
        return -1;
    snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
    return write_proc("/proc/self/gid_map", map);
}

/* A private mount namespace: our tmpfs mounts are seen by no one else and vanish with us. */
static int enter_mount_namespace(void)
{
    if (geteuid() == 0 ? unshare(CLONE_NEWNS) != 0 : enter_user_namespace() != 0)
        return -1;
    return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

static int mount_budget(const zx_disk *d, const char *dir)
{
    char opts[128];
    snprintf(opts, sizeof opts, "size=%llu,nr_inodes=%ld,mode=0700", (unsigned long long)d->bytes,
             d->files + 1);   /* the root directory takes one inode */
    return mount("zerocad-scratch", dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opts);
}

double zx_disk_mb(double asked)
{
    return asked > 0 ? asked : ZX_DEFAULT_DISK_MB;
}

long zx_disk_files(long asked)
{
    return asked > 0 ? asked : ZX_DEFAULT_FILES;
}

int zx_disk_setup(zx_disk *d, double disk_mb, long files, const char *scratch_root)
{
    d->bytes = (unsigned long long)(disk_mb * 1024.0 * 1024.0);
    d->files = files;
    d->mode = ZX_DISK_POLL;
    const char *want = getenv("ZEROCAD_EXEC_DISK");
    int required = want && !strcmp(want, "tmpfs");
    if (want && !strcmp(want, "poll"))
        return 0;
    if (enter_mount_namespace() != 0 || mount_budget(d, scratch_root) != 0)   /* a trial mount */
        return required ? -1 : 0;
    if (umount2(scratch_root, MNT_DETACH) != 0)
        return -1;
    d->mode = ZX_DISK_TMPFS;
    return 0;
}

const char *zx_disk_mechanism(const zx_disk *d)
{
    return d->mode == ZX_DISK_TMPFS ? "tmpfs" : "poll";
}

int zx_disk_attach(const zx_disk *d, const char *scratch, int *under_fd)
{
    *under_fd = -1;
    if (d->mode != ZX_DISK_TMPFS)
        return 0;
    *under_fd = open(scratch, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (*under_fd < 0)
        return -1;
    if (mount_budget(d, scratch) != 0) {
        close(*under_fd);
        *under_fd = -1;
        return -1;
    }
    return 0;
}

/* Poll mode: the bytes and entries of one tree. */
static unsigned long long walk_bytes;
static long walk_entries;

static int count_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)path;
    (void)flag;
    if (ftw->level > 0)
        walk_entries++;
    walk_bytes += (unsigned long long)sb->st_blocks * 512ULL;
    return 0;
}

int zx_disk_over(const zx_disk *d, const char *scratch)
{
    if (d->mode == ZX_DISK_TMPFS) {
        struct statfs st;
        if (statfs(scratch, &st) != 0)
            return 0;
        return st.f_bavail == 0 || st.f_ffree == 0;
    }
    walk_bytes = 0;
    walk_entries = 0;
    nftw(scratch, count_entry, 16, FTW_PHYS);
    return walk_bytes > d->bytes || walk_entries > d->files;
}

/* Copying an ok program's tree out of its tmpfs into the directory under the mount. */
static int copy_root_len, copy_under_fd;

static int copy_file(const char *from, const char *rel, mode_t mode)
{
    int in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = openat(copy_under_fd, rel, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode & 0755);
    if (out < 0) {
        close(in);
        return -1;
    }
    int rc = 0;
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            rc = -1;
            break;
        }
    if (n < 0)
        rc = -1;
    int saved = errno;
    close(in);
    if (close(out) != 0)
        rc = -1;
    else
        errno = saved;
    return rc;
}

static int copy_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    if (ftw->level == 0)
        return 0;
    const char *rel = path + copy_root_len + 1;
    if (flag == FTW_D)
        return mkdirat(copy_under_fd, rel, 0755) == 0 || errno == EEXIST ? 0 : -1;
    if (flag == FTW_F && S_ISREG(sb->st_mode))
        return copy_file(path, rel, sb->st_mode);
    return 0;   /* nothing else can be made in scratch (Landlock, the audit hook, seccomp) */
}

int zx_disk_keep(const zx_disk *d, const char *scratch, int under_fd)
{
    if (d->mode != ZX_DISK_TMPFS)
        return 0;   /* the files are already in place */
    copy_root_len = (int)strlen(scratch);
    copy_under_fd = under_fd;
    errno = 0;
    int rc = nftw(scratch, copy_entry, 16, FTW_PHYS);
    if (rc != 0 && errno == 0)
        errno = EIO;
    return rc == 0 ? 0 : -1;
}

void zx_disk_release(const zx_disk *d, const char *scratch, int under_fd, int keep)
{
    if (d->mode == ZX_DISK_TMPFS) {
        umount2(scratch, MNT_DETACH);   /* frees every page the program wrote */
        if (under_fd >= 0)
            close(under_fd);
    }
    if (!keep)
        zx_remove_tree(scratch);
}
