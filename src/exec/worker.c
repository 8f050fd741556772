/* worker.c: one program in a forked worker. The child of the supervisor (which holds an
 * initialized interpreter with `cadquery` imported) isolates itself -- own process group,
 * output to /dev/null, scratch directory as cwd, clean environment, resource limits,
 * Landlock, the audit hook, seccomp -- then runs the program, measures and exports its
 * solid, and leaves the outcome in memory shared with the supervisor. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cq.h"
#include "exec_internal.h"

static zx_outcome *outcome;

static void finish(void) __attribute__((noreturn));
static void finish(void)
{
    __atomic_store_n(&outcome->written, 1, __ATOMIC_SEQ_CST);
    _exit(0);
}

static void fail(zx_status status, const char *fmt, const char *detail) __attribute__((noreturn));
static void fail(zx_status status, const char *fmt, const char *detail)
{
    outcome->status = status;
    snprintf(outcome->error, sizeof outcome->error, fmt, detail);
    finish();
}

/* Called by the audit hook: the attempt ends the program. */
static void on_deny(const char *what)
{
    outcome->measured = 0;
    fail(ZX_DENIED, "denied: %s", what);
}

static void detach(void)
{
    pid_t parent = getppid();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)   /* the supervisor died before the line above */
        _exit(1);
    setpgid(0, 0);
    const int reset[] = {SIGINT, SIGTERM, SIGCHLD, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM};
    for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++)
        signal(reset[i], SIG_DFL);
    signal(SIGXFSZ, SIG_IGN);   /* an oversized file is an error (EFBIG), not a kill */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static int quiet_streams(void)
{
    int fd = open("/dev/null", O_RDWR);
    if (fd < 0)
        return -1;
    for (int i = 0; i < 3; i++)
        if (dup2(fd, i) < 0)
            return -1;
    closefrom(3);
    return 0;
}

/* os.environ holds only what a program needs; OCCT's CSF_/MMGT_ settings are kept. */
static int clean_environment(const char *scratch, const char *name)
{
    PyObject *os = PyImport_ImportModule("os");
    PyObject *env = os ? PyObject_GetAttrString(os, "environ") : NULL;
    PyObject *keys = env ? PyMapping_Keys(env) : NULL;
    int rc = keys ? 0 : -1;
    for (Py_ssize_t i = 0; keys && i < PyList_GET_SIZE(keys); i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        const char *s = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (s && (!strncmp(s, "CSF_", 4) || !strncmp(s, "MMGT_", 5) || !strcmp(s, "CASROOT")))
            continue;
        if (PyObject_DelItem(env, k) < 0)
            rc = -1;
    }
    const char *pairs[][2] = {{"HOME", scratch}, {"TMPDIR", scratch}, {"PATH", "/usr/bin:/bin"},
                              {"LANG", "C.UTF-8"}, {"PWD", scratch}};
    for (size_t i = 0; env && i < sizeof pairs / sizeof pairs[0]; i++) {
        PyObject *v = PyUnicode_DecodeFSDefault(pairs[i][1]);
        if (!v || PyMapping_SetItemString(env, pairs[i][0], v) < 0)
            rc = -1;
        Py_XDECREF(v);
    }
    PyObject *tempfile = PyImport_ImportModule("tempfile");
    if (!tempfile || PyObject_SetAttrString(tempfile, "tempdir", Py_None) < 0)
        rc = -1;
    if (PySys_SetObject("dont_write_bytecode", Py_True) < 0)   /* no .pyc writes outside scratch */
        rc = -1;
    PyObject *argv = Py_BuildValue("[s]", name);
    if (!argv || PySys_SetObject("argv", argv) < 0)
        rc = -1;
    Py_XDECREF(argv);
    Py_XDECREF(tempfile);
    Py_XDECREF(keys);
    Py_XDECREF(env);
    Py_XDECREF(os);
    PyErr_Clear();
    return rc;
}

/* sys.path keeps only entries the program may read (the system's Python directories). */
static void restrict_sys_path(const char *scratch)
{
    PyObject *path = PySys_GetObject("path");
    if (!path || !PyList_Check(path))
        return;
    for (Py_ssize_t i = PyList_GET_SIZE(path) - 1; i >= 0; i--) {
        PyObject *e = PyList_GET_ITEM(path, i);
        const char *s = PyUnicode_Check(e) ? PyUnicode_AsUTF8(e) : NULL;
        char real[PATH_MAX];
        if (s && s[0] && realpath(s, real) && zx_sandbox_readable(real, scratch))
            continue;
        PyList_SetSlice(path, i, i + 1, NULL);
    }
    PyErr_Clear();
}

/* ZEROCAD_EXEC_LANDLOCK=0 leaves Landlock out, to test the other layers alone. */
static int landlock_wanted(void)
{
    const char *v = getenv("ZEROCAD_EXEC_LANDLOCK");
    return !v || strcmp(v, "0") != 0;
}

static void sandbox(const zx_worker_args *a)
{
    int landlock = landlock_wanted();
    if (quiet_streams() < 0)
        fail(ZX_ERROR, "ExecutorError: cannot redirect the program's output%s", "");
    if (chdir(a->scratch) != 0)
        fail(ZX_ERROR, "ExecutorError: cannot enter the scratch directory %s", a->scratch);
    if (clean_environment(a->scratch, a->name) < 0)
        fail(ZX_ERROR, "ExecutorError: cannot clean the environment%s", "");
    restrict_sys_path(a->scratch);
    if (zx_guard_install() < 0)
        fail(ZX_ERROR, "ExecutorError: cannot guard cadquery's file functions%s", "");
    if (zx_sandbox_rlimits(a->memory_mb, a->timeout, a->disk_mb * 1024.0 * 1024.0) < 0)
        fail(ZX_ERROR, "ExecutorError: cannot set resource limits%s", "");
    if (landlock && zx_sandbox_landlock(a->scratch) < 0)
        fail(ZX_ERROR, "ExecutorError: cannot apply Landlock%s", "");
    if (zx_audit_install(a->scratch, on_deny) < 0)
        fail(ZX_ERROR, "ExecutorError: cannot install the audit hook%s", "");
    if (zx_sandbox_seccomp() < 0)
        fail(ZX_ERROR, "ExecutorError: cannot install the seccomp filter%s", "");
}

/* A write refused for lack of room: the disk budget (tmpfs full: ENOSPC; the file-size
 * limit: EFBIG; a quota: EDQUOT). */
static int disk_error(const char *error)
{
    return strstr(error, "[Errno 28]") || strstr(error, "[Errno 27]") || strstr(error, "[Errno 122]");
}

static zx_status classify(const char *error)
{
    if (!strncmp(error, "MemoryError", 11) || strstr(error, "Standard_OutOfMemory") || strstr(error, "bad_alloc"))
        return ZX_MEMORY;
    if (!strncmp(error, "PermissionError", 15))
        return ZX_DENIED;
    return ZX_ERROR;
}

static void export_result(const zx_worker_args *a, zc_run_result *r)
{
    mkdir(a->scratch, 0700);   /* the program may have removed its own directory */
    for (int k = 0; k < 2; k++) {
        const char *path = a->export_paths[k];
        if (!path)
            continue;
        int rc = k == 0 ? zk_write_step(r->shape, path) : zk_write_stl(r->shape, path, 0.1, 0.1, 0, 0);
        if (rc < 0) {
            outcome->status = ZX_ERROR;
            snprintf(outcome->error, sizeof outcome->error, "ExportError: cannot write %s: %s", path,
                     zk_error_message());
            return;
        }
        outcome->exported |= 1 << k;
    }
}

/* The caller's hook, in the sandbox, on the solid; its bytes go to the shared payload area. */
static void run_hook(const zx_worker_args *a, zc_run_result *r)
{
    zx_hook_input in = {.source = a->source, .shape = r->shape, .seconds = r->seconds, .scratch = a->scratch};
    char err[ZX_ERROR_LEN] = "";
    long n = a->hook(a->hook_ctx, &in, a->payload, a->payload_cap, err, sizeof err);
    if (n < 0 || (size_t)n > a->payload_cap) {
        outcome->status = ZX_ERROR;
        snprintf(outcome->error, sizeof outcome->error, "%s", err[0] ? err : "HookError: the worker hook failed");
        return;
    }
    outcome->payload_len = (size_t)n;
}

void zx_worker_main(const zx_worker_args *a)
{
    outcome = a->out;
    detach();
    sandbox(a);
    zc_run_result r;
    zc_run_program(a->name, a->source, &r);
    outcome->seconds = r.seconds;
    outcome->measured = r.shape != NULL;
    outcome->volume = r.volume;
    outcome->area = r.area;
    memcpy(outcome->bbox, r.bbox, sizeof r.bbox);
    outcome->solids = r.solids;
    outcome->faces = r.faces;
    outcome->edges = r.edges;
    outcome->valid = r.valid;
    if (r.ok) {
        outcome->status = ZX_OK;
        export_result(a, &r);
        if (outcome->status == ZX_OK && a->hook)
            run_hook(a, &r);
    } else if (disk_error(r.error)) {
        outcome->status = ZX_DENIED;
        outcome->measured = 0;
        snprintf(outcome->error, sizeof outcome->error, "denied: disk budget (%g MB, %ld files) exceeded: %.1900s",
                 a->disk_mb, a->files, r.error);
    } else {
        outcome->status = classify(r.error);
        snprintf(outcome->error, sizeof outcome->error, "%s", r.error);
    }
    finish();
}
