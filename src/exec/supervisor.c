/* supervisor.c: the executor's parent loop. It keeps N workers busy, each forked from this
 * process (which initialized Python and imported cadquery once but never runs untrusted
 * code), kills a worker at its wall-clock deadline with SIGKILL, turns every way a worker
 * can end into exactly one record, and on SIGINT/SIGTERM kills the running workers and
 * stops, leaving their programs unrecorded so a resumed run does them again. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cq.h"
#include "exec_internal.h"

typedef struct {
    pid_t pid;                 /* 0: free */
    size_t job;
    double start;
    int timed_out;
    int disk_over;             /* reached its disk budget (killed if still running) */
    int under_fd;              /* tmpfs mode: the real directory under the scratch mount */
    double disk_checked;       /* when its disk use was last looked at */
    char scratch[PATH_MAX + 256];
    char exports[2][PATH_MAX + 512];
} zx_slot;

static int wake_pipe[2] = {-1, -1};
static volatile sig_atomic_t stop_requested;

static void wake(void)
{
    int saved = errno;
    ssize_t n = write(wake_pipe[1], "x", 1);
    (void)n;
    errno = saved;
}

static void on_child(int sig)
{
    (void)sig;
    wake();
}

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
    wake();
}

static int install_signals(void)
{
    if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
        return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    return 0;
}

static void drain_wake_pipe(void)
{
    char buf[256];
    while (read(wake_pipe[0], buf, sizeof buf) > 0)
        ;
}

static void prepare_slot(zx_plan *plan, zx_slot *s, const zx_job *job)
{
    char safe[160];
    zx_safe_name(job->id, safe, sizeof safe);
    snprintf(s->scratch, sizeof s->scratch, "%s/%s", plan->scratch_root, safe);
    const char *ext[2] = {"step", "stl"};
    for (int k = 0; k < 2; k++) {
        if (plan->opts->exports & (1 << k))
            snprintf(s->exports[k], sizeof s->exports[k], "%s/%s.%s", s->scratch, safe, ext[k]);
        else
            s->exports[k][0] = '\0';
    }
}

static int record(zx_plan *plan, const zx_slot *s, const zx_outcome *o, zx_status status, double peak)
{
    const char *exports[2] = {s->exports[0][0] ? s->exports[0] : NULL, s->exports[1][0] ? s->exports[1] : NULL};
    if (zx_records_append(plan->records, plan->jobs->items[s->job].id, o, status, peak, exports) < 0)
        return -1;
    zx_progress_add(plan->progress, status);
    return 0;
}

/* Forks the worker of one job. Returns 1 started, 0 finished without a worker (its source
 * could not be read: recorded as an error), -1 the fork failed, -2 the record could not be
 * written. */
static int launch(zx_plan *plan, zx_slot *s, zx_outcome *out, size_t job)
{
    const zx_job *j = &plan->jobs->items[job];
    s->job = job;
    s->timed_out = 0;
    prepare_slot(plan, s, j);
    memset(out, 0, sizeof *out);
    char name[PATH_MAX + 32], err[ZX_ERROR_LEN];
    char *source = zx_input_source(j, name, sizeof name, err, sizeof err);
    zx_remove_tree(s->scratch);
    s->disk_over = 0;
    s->under_fd = -1;
    int made = source && mkdir(s->scratch, 0700) == 0;
    if (made && zx_disk_attach(plan->disk, s->scratch, &s->under_fd) != 0) {
        snprintf(err, sizeof err, "ExecutorError: cannot mount the disk budget on %.1500s: %s", s->scratch,
                 strerror(errno));
        zx_remove_tree(s->scratch);
        made = 0;
        free(source);
        source = NULL;
    }
    if (!made) {
        out->status = ZX_ERROR;
        snprintf(out->error, sizeof out->error, "%s", source ? "ExecutorError: cannot create the scratch directory" : err);
        free(source);
        return record(plan, s, out, ZX_ERROR, 0.0) < 0 ? -2 : 0;
    }
    zx_worker_args a = {.name = name, .source = source, .scratch = s->scratch,
                        .export_paths = {s->exports[0][0] ? s->exports[0] : NULL,
                                         s->exports[1][0] ? s->exports[1] : NULL},
                        .memory_mb = plan->opts->memory_mb, .timeout = plan->opts->timeout,
                        .disk_mb = plan->opts->disk_mb, .files = plan->opts->files, .out = out};
    PyOS_BeforeFork();
    pid_t pid = fork();
    if (pid == 0) {
        PyOS_AfterFork_Child();
        zx_worker_main(&a);
    }
    PyOS_AfterFork_Parent();
    free(source);
    if (pid < 0) {
        zx_disk_release(plan->disk, s->scratch, s->under_fd, 0);
        return -1;
    }
    s->pid = pid;
    s->start = zx_now();
    s->disk_checked = s->start;
    return 1;
}

static const char *signal_name(int sig)
{
    const char *d = sigdescr_np(sig);
    return d ? d : "unknown signal";
}

/* Decides the status of a worker that ended; fills o's error when the worker could not. */
static zx_status judge(const zx_plan *plan, const zx_slot *s, zx_outcome *o, int wstatus)
{
    if (s->disk_over && !(o->written && o->status == ZX_DENIED)) {
        o->measured = 0;
        snprintf(o->error, sizeof o->error, "denied: disk budget (%g MB, %ld files) exceeded",
                 plan->opts->disk_mb, plan->opts->files);
        return ZX_DENIED;
    }
    if (s->timed_out || (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGXCPU)) {
        o->measured = 0;
        snprintf(o->error, sizeof o->error, "Timeout: the program ran longer than %g s", plan->opts->timeout);
        return ZX_TIMEOUT;
    }
    if (__atomic_load_n(&o->written, __ATOMIC_SEQ_CST))
        return (zx_status)o->status;
    o->measured = 0;
    if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL) {
        snprintf(o->error, sizeof o->error, "MemoryError: the worker was killed (SIGKILL), most likely by the "
                                            "kernel's out-of-memory killer");
        return ZX_MEMORY;
    }
    if (WIFSIGNALED(wstatus)) {
        snprintf(o->error, sizeof o->error, "Crashed: killed by signal %d (%s)", WTERMSIG(wstatus),
                 signal_name(WTERMSIG(wstatus)));
        return ZX_CRASHED;
    }
    snprintf(o->error, sizeof o->error, "SystemExit: the program ended its process (exit status %d) before its "
             "result was measured", WEXITSTATUS(wstatus));
    return ZX_ERROR;
}

/* With --out-dir, an ok program's files are copied out of its budget; a failure of the
 * host's disk stops the executor (returns -1, the program left unrecorded for the resumed
 * run), any other makes the record an error. */
static int keep_files(zx_plan *plan, zx_slot *s, zx_outcome *o, zx_status *status)
{
    if (!plan->keep_scratch || *status != ZX_OK || zx_disk_keep(plan->disk, s->scratch, s->under_fd) == 0)
        return 0;
    if (errno == ENOSPC || errno == EDQUOT || errno == EIO || errno == EROFS) {
        fprintf(stderr, "zerocad exec: cannot keep the files of '%s' in %s: %s\n", plan->jobs->items[s->job].id,
                s->scratch, strerror(errno));
        return -1;
    }
    *status = ZX_ERROR;
    o->exported = 0;
    snprintf(o->error, sizeof o->error, "ExecutorError: cannot keep the program's files in %.1500s: %s", s->scratch,
             strerror(errno));
    return 0;
}

static int finish_slot(zx_plan *plan, zx_slot *s, zx_outcome *o, int wstatus, const struct rusage *ru)
{
    if (!s->timed_out && zx_disk_over(plan->disk, s->scratch))
        s->disk_over = 1;
    zx_status status = judge(plan, s, o, wstatus);
    if (o->seconds <= 0.0 || status == ZX_TIMEOUT)
        o->seconds = zx_now() - s->start;
    if (status != ZX_OK)
        o->exported = 0;
    int rc = keep_files(plan, s, o, &status);
    if (rc == 0)
        rc = record(plan, s, o, status, (double)ru->ru_maxrss / 1024.0);
    zx_disk_release(plan->disk, s->scratch, s->under_fd, plan->keep_scratch && status == ZX_OK && rc == 0);
    s->under_fd = -1;
    s->pid = 0;
    return rc;
}

/* A worker whose program will run again (the executor is stopping): no record. */
static void discard_slot(zx_plan *plan, zx_slot *s)
{
    zx_disk_release(plan->disk, s->scratch, s->under_fd, 0);
    s->under_fd = -1;
    s->pid = 0;
}

/* Reaps every worker that ended. Returns -1 when a record could not be written; the workers
 * reaped after that are left unrecorded (one error line, their programs run again). */
static int reap(zx_plan *plan, zx_slot *slots, zx_outcome *outs, int n, int *running)
{
    int rc = 0, wstatus;
    struct rusage ru;
    pid_t pid;
    while ((pid = wait4(-1, &wstatus, WNOHANG, &ru)) > 0) {
        for (int i = 0; i < n; i++) {
            if (slots[i].pid != pid)
                continue;
            (*running)--;
            if (rc < 0)
                discard_slot(plan, &slots[i]);
            else if (finish_slot(plan, &slots[i], &outs[i], wstatus, &ru) < 0)
                rc = -1;
            break;
        }
    }
    return rc;
}

/* Kills a worker that has reached its disk budget (tmpfs: full; poll: over), looked at
 * every 100 ms at most. */
static void enforce_disk(const zx_plan *plan, zx_slot *s, double now)
{
    if (now - s->disk_checked < 0.1 || s->disk_over)
        return;
    s->disk_checked = now;
    if (zx_disk_over(plan->disk, s->scratch)) {
        kill(s->pid, SIGKILL);
        s->disk_over = 1;
    }
}

/* Kills workers past their deadline or disk budget; returns the milliseconds until the next
 * deadline or look at the disk. */
static int enforce_deadlines(const zx_plan *plan, zx_slot *slots, int n)
{
    double now = zx_now(), next = 0.1;
    for (int i = 0; i < n; i++) {
        if (!slots[i].pid || slots[i].timed_out)
            continue;
        enforce_disk(plan, &slots[i], now);
        double left = slots[i].start + plan->opts->timeout - now;
        if (left <= 0) {
            kill(slots[i].pid, SIGKILL);
            slots[i].timed_out = 1;
        } else if (left < next) {
            next = left;
        }
    }
    return (int)(next * 1000.0) + 1;
}

static void stop_all(zx_plan *plan, zx_slot *slots, int n)
{
    for (int i = 0; i < n; i++) {
        if (!slots[i].pid)
            continue;
        kill(slots[i].pid, SIGKILL);
        waitpid(slots[i].pid, NULL, 0);
        discard_slot(plan, &slots[i]);   /* unrecorded: run again */
    }
}

static int free_slot(const zx_slot *slots, int n)
{
    for (int i = 0; i < n; i++)
        if (!slots[i].pid)
            return i;
    return -1;
}

static int run_loop(zx_plan *plan, zx_slot *slots, zx_outcome *outs, int n)
{
    size_t next = 0;
    int running = 0;
    while (!stop_requested && (next < plan->ntodo || running > 0)) {
        while (!stop_requested && next < plan->ntodo && running < n) {
            int i = free_slot(slots, n);
            int started = launch(plan, &slots[i], &outs[i], plan->todo[next]);
            if (started == -2)
                return 1;
            if (started < 0 && running == 0) {
                fprintf(stderr, "zerocad exec: cannot start a worker: %s\n", strerror(errno));
                return 1;
            }
            if (started < 0)
                break;   /* try again when a worker has ended */
            next++;
            running += started;
        }
        struct pollfd pfd = {.fd = wake_pipe[0], .events = POLLIN};
        int wait_ms = enforce_deadlines(plan, slots, n);
        if (running > 0 || next >= plan->ntodo)
            poll(&pfd, 1, wait_ms);
        drain_wake_pipe();
        if (reap(plan, slots, outs, n, &running) < 0)
            return 1;
        enforce_deadlines(plan, slots, n);
        zx_progress_tick(plan->progress, 0);
    }
    if (stop_requested) {
        stop_all(plan, slots, n);
        return 3;
    }
    return 0;
}

int zx_supervise(zx_plan *plan)
{
    int n = plan->opts->jobs;
    if (install_signals() < 0) {
        fprintf(stderr, "zerocad exec: cannot set up signal handling: %s\n", strerror(errno));
        return 1;
    }
    zx_slot *slots = calloc((size_t)n, sizeof *slots);
    zx_outcome *outs = mmap(NULL, (size_t)n * sizeof *outs, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int rc = 1;
    if (!slots || outs == MAP_FAILED)
        fprintf(stderr, "zerocad exec: out of memory\n");
    else
        rc = run_loop(plan, slots, outs, n);
    if (rc == 1 && slots)
        stop_all(plan, slots, n);
    if (outs != MAP_FAILED)
        munmap(outs, (size_t)n * sizeof *outs);
    free(slots);
    signal(SIGCHLD, SIG_DFL);
    close(wake_pipe[0]);
    close(wake_pipe[1]);
    return rc;
}
