/* audit.c: the CPython audit hook (PEP 578) a worker installs before it runs an untrusted
 * program. It ends the program with status "denied" on any attempt to run programs
 * (os.system, exec*, spawn*, posix_spawn, fork, subprocess, pty), to open sockets, to use
 * ctypes, to raise resource limits, to signal other processes, to write or delete anything
 * outside the scratch directory, or to read anything outside the scratch directory and the
 * system's library directories. Seccomp and Landlock enforce the same in the kernel; this
 * layer names what was attempted. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "exec_internal.h"

static char scratch_dir[PATH_MAX];
static zx_deny_fn deny_fn;

/* "event(arg, arg)" with the arguments' reprs, shortened, on one line. */
static void describe(const char *event, PyObject *args, char *out, size_t outlen)
{
    PyObject *r = args && PyTuple_Check(args) ? PyObject_Repr(args) : NULL;
    const char *s = r ? PyUnicode_AsUTF8(r) : NULL;
    if (!s) {
        PyErr_Clear();
        snprintf(out, outlen, "%s", event);
    } else {
        size_t n = strlen(s);
        if (n >= 2 && s[n - 2] == ',' && s[n - 1] == ')')   /* one-element tuple */
            snprintf(out, outlen, "%s%.*s)", event, (int)(n - 2 > 300 ? 300 : n - 2), s);
        else
            snprintf(out, outlen, "%s%.*s%s", event, (int)(n > 300 ? 300 : n), s, n > 300 ? "...)" : "");
    }
    Py_XDECREF(r);
    for (char *c = out; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
}

static void deny(const char *event, PyObject *args)
{
    char what[512];
    describe(event, args, what, sizeof what);
    deny_fn(what);
}

/* Drops "." and resolves ".." lexically in an absolute path, in place. */
static void normalize(char *p)
{
    char *out = p, *in = p;
    while (*in) {
        while (*in == '/')
            in++;
        char *end = strchr(in, '/');
        size_t len = end ? (size_t)(end - in) : strlen(in);
        if (len == 0)
            break;
        if (len == 1 && in[0] == '.') {
        } else if (len == 2 && in[0] == '.' && in[1] == '.') {
            while (out > p && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, in, len);
            out += len;
        }
        in += len;
    }
    if (out == p)
        *out++ = '/';
    *out = '\0';
}

/* The absolute, symlink-free form of a path that may not exist yet: the deepest existing
 * ancestor is resolved with realpath(), the rest appended. */
static int resolve(const char *path, char *out, size_t outlen)
{
    char abs[PATH_MAX * 2];
    if (path[0] == '/') {
        snprintf(abs, sizeof abs, "%s", path);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return -1;
        snprintf(abs, sizeof abs, "%s/%s", cwd, path);
    }
    normalize(abs);
    char head[PATH_MAX * 2];
    snprintf(head, sizeof head, "%s", abs);
    size_t cut = strlen(head);
    for (;;) {
        char real[PATH_MAX];
        if (realpath(head, real)) {
            snprintf(out, outlen, "%s%s", strcmp(real, "/") ? real : "", abs + cut);
            if (!out[0])
                snprintf(out, outlen, "/");
            return 0;
        }
        char *slash = strrchr(head, '/');
        if (!slash || slash == head) {
            snprintf(out, outlen, "%s", abs);
            return 0;
        }
        *slash = '\0';
        cut = (size_t)(slash - head);
    }
}

static int inside_scratch(const char *resolved)
{
    size_t n = strlen(scratch_dir);
    return !strncmp(resolved, scratch_dir, n) && (resolved[n] == '\0' || resolved[n] == '/');
}

/* Converts a path argument to bytes; 1 when it is a file descriptor (an int), 0 a path,
 * -1 neither (None, or an error). */
static int path_arg(PyObject *obj, char *out, size_t outlen)
{
    if (!obj || obj == Py_None)
        return -1;
    if (PyLong_Check(obj))
        return 1;
    PyObject *fs = PyOS_FSPath(obj);
    PyObject *bytes = NULL;
    if (fs && PyUnicode_Check(fs))
        bytes = PyUnicode_EncodeFSDefault(fs);
    else if (fs && PyBytes_Check(fs))
        bytes = Py_NewRef(fs);
    Py_XDECREF(fs);
    if (!bytes) {
        PyErr_Clear();
        return -1;
    }
    snprintf(out, outlen, "%s", PyBytes_AS_STRING(bytes));
    Py_DECREF(bytes);
    return 0;
}

static PyObject *arg(PyObject *args, Py_ssize_t i)
{
    return args && PyTuple_Check(args) && i < PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, i) : NULL;
}

/* A write, removal or metadata change at args[i]: allowed only inside scratch. */
static void check_write(const char *event, PyObject *args, Py_ssize_t i)
{
    char path[PATH_MAX], real[PATH_MAX * 2];
    int kind = path_arg(arg(args, i), path, sizeof path);
    if (kind == -1)
        return;
    if (kind == 1 || resolve(path, real, sizeof real) < 0 || !inside_scratch(real))
        deny(event, args);
}

/* A read or a listing at args[i]: allowed in scratch and the system's library places. */
static void check_read(const char *event, PyObject *args, Py_ssize_t i)
{
    char path[PATH_MAX], real[PATH_MAX * 2];
    if (path_arg(arg(args, i), path, sizeof path) != 0)
        return;
    if (resolve(path, real, sizeof real) < 0 || !zx_sandbox_readable(real, scratch_dir))
        deny(event, args);
}

/* Operations relative to a directory descriptor cannot be checked by path: refused.
 * (Python passes a negative number or None when there is none.) */
static void check_no_dir_fd(const char *event, PyObject *args, Py_ssize_t i)
{
    PyObject *fd = arg(args, i);
    if (!fd || fd == Py_None)
        return;
    long v = PyLong_Check(fd) ? PyLong_AsLong(fd) : 0;
    PyErr_Clear();
    if (v >= 0)
        deny(event, args);
}

static int writes(PyObject *mode, PyObject *flags)
{
    if (mode && PyUnicode_Check(mode)) {
        const char *m = PyUnicode_AsUTF8(mode);
        if (m && strpbrk(m, "wax+"))
            return 1;
    }
    if (flags && PyLong_Check(flags)) {
        long f = PyLong_AsLong(flags);
        if (f != -1 && (f & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)))
            return 1;
    }
    PyErr_Clear();
    return 0;
}

static void check_open(PyObject *args)
{
    char path[PATH_MAX], real[PATH_MAX * 2];
    if (path_arg(arg(args, 0), path, sizeof path) != 0)
        return;   /* wrapping an existing descriptor */
    if (resolve(path, real, sizeof real) < 0)
        deny("open", args);
    if (writes(arg(args, 1), arg(args, 2))) {
        if (!inside_scratch(real))
            deny("open", args);
        return;
    }
    struct stat st;
    if (!zx_sandbox_readable(real, scratch_dir) ||
        (!inside_scratch(real) && stat(real, &st) == 0 && S_ISDIR(st.st_mode)))
        deny("open", args);   /* a directory descriptor outside scratch would serve *at() calls */
}

static int is(const char *event, const char *name)
{
    return !strcmp(event, name);
}

static int starts(const char *event, const char *prefix)
{
    return !strncmp(event, prefix, strlen(prefix));
}

static void check_import(PyObject *args)
{
    PyObject *name = arg(args, 0);
    const char *m = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (!m) {
        PyErr_Clear();
        return;
    }
    if (!strcmp(m, "ctypes") || !strcmp(m, "_ctypes") || starts(m, "ctypes.") || !strcmp(m, "_posixsubprocess")) {
        char what[256];
        snprintf(what, sizeof what, "import %s", m);
        deny_fn(what);
    }
}

static void check_kill(const char *event, PyObject *args)
{
    PyObject *pid = arg(args, 0);
    long p = pid && PyLong_Check(pid) ? PyLong_AsLong(pid) : -1;
    PyErr_Clear();
    if (p != (long)getpid())
        deny(event, args);
}

static const char *const forbidden_events[] = {
    "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.forkpty", "subprocess.Popen",
    "pty.spawn", "os.startfile", "webbrowser.open", "resource.setrlimit", "resource.prlimit",
    "os.link", "os.symlink", "sys.remote_exec", NULL,
};

static void check_os_event(const char *event, PyObject *args)
{
    if (is(event, "os.remove") || is(event, "os.rmdir")) {
        check_no_dir_fd(event, args, 1);
        check_write(event, args, 0);
    } else if (is(event, "os.mkdir") || is(event, "os.chmod")) {
        check_no_dir_fd(event, args, 2);
        check_write(event, args, 0);
    } else if (is(event, "os.chown") || is(event, "os.utime")) {
        check_no_dir_fd(event, args, 3);
        check_write(event, args, 0);
    } else if (is(event, "os.rename")) {
        check_no_dir_fd(event, args, 2);
        check_no_dir_fd(event, args, 3);
        check_write(event, args, 0);
        check_write(event, args, 1);
    } else if (is(event, "os.truncate") || is(event, "os.chflags") || is(event, "os.lchflags") ||
               is(event, "os.setxattr") || is(event, "os.removexattr")) {
        check_write(event, args, 0);
    } else if (is(event, "os.listdir") || is(event, "os.scandir") || is(event, "os.walk") ||
               is(event, "os.fwalk") || is(event, "os.getxattr") || is(event, "os.listxattr")) {
        check_read(event, args, 0);
    } else if (is(event, "os.kill") || is(event, "os.killpg")) {
        check_kill(event, args);
    }
}

static void check_shutil_event(const char *event, PyObject *args)
{
    if (is(event, "shutil.rmtree")) {
        check_no_dir_fd(event, args, 1);
        check_write(event, args, 0);
    } else if (is(event, "shutil.copyfile") || is(event, "shutil.copytree") || is(event, "shutil.copymode") ||
               is(event, "shutil.copystat")) {
        check_read(event, args, 0);
        check_write(event, args, 1);
    } else if (is(event, "shutil.move")) {
        check_write(event, args, 0);
        check_write(event, args, 1);
    } else if (is(event, "shutil.chown") || is(event, "shutil.make_archive")) {
        check_write(event, args, 0);
    } else if (is(event, "shutil.unpack_archive")) {
        check_read(event, args, 0);
        check_write(event, args, 1);
    }
}

static int hook(const char *event, PyObject *args, void *data)
{
    (void)data;
    for (int i = 0; forbidden_events[i]; i++)
        if (is(event, forbidden_events[i]))
            deny(event, args);
    if (starts(event, "socket.") || starts(event, "ctypes."))
        deny(event, args);
    else if (is(event, "open"))
        check_open(args);
    else if (is(event, "import"))
        check_import(args);
    else if (starts(event, "os."))
        check_os_event(event, args);
    else if (starts(event, "shutil."))
        check_shutil_event(event, args);
    else if (is(event, "glob.glob"))
        check_read(event, args, 0);
    return 0;
}

int zx_audit_install(const char *scratch, zx_deny_fn on_deny)
{
    if (!realpath(scratch, scratch_dir))
        return -1;
    deny_fn = on_deny;
    return PySys_AddAuditHook(hook, NULL) == 0 ? 0 : -1;
}
