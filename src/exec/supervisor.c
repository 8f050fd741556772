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
    size_t index;              /* the plan's number for the program */
    char *id;                  /* malloc'd */
    double start;
    int timed_out;
    int disk_over;             /* reached its disk budget (killed if still running) */
    int under_fd;              /* tmpfs mode: the real directory under the scratch mount */
    double disk_checked;       /* when its disk use was last looked at */
    char scratch[PATH_MAX + 256];
    char exports[2][PATH_MAX + 512];
    unsigned char *payload;    /* this slot's part of the shared payload area */
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

static void prepare_slot(zx_plan *plan, zx_slot *s)
{
    char safe[160];
    zx_safe_name(s->id, safe, sizeof safe);
    snprintf(s->scratch, sizeof s->scratch, "%s/%s", plan->scratch_root, safe);
    const char *ext[2] = {"step", "stl"};
    for (int k = 0; k < 2; k++) {
        if (plan->exports & (1 << k))
            snprintf(s->exports[k], sizeof s->exports[k], "%s/%s.%s", s->scratch, safe, ext[k]);
        else
            s->exports[k][0] = '\0';
    }
}

static int record(zx_plan *plan, zx_slot *s, const zx_outcome *o, zx_status status, double peak)
{
    const char *exports[2] = {s->exports[0][0] ? s->exports[0] : NULL, s->exports[1][0] ? s->exports[1] : NULL};
    const unsigned char *payload = status == ZX_OK && o->payload_len ? s->payload : NULL;
    int rc = plan->record(plan, s->index, s->id, o, status, peak, exports, payload);
    free(s->id);
    s->id = NULL;
    return rc;
}

/* A program taken from the plan and not started yet. */
typedef struct {
    int held;
    size_t index;
    char *id, *name, *source;
    char err[ZX_ERROR_LEN];
} zx_taken;

/* Takes the next program unless one is held. Returns 1 held, 0 none right now, -1 no more. */
static int take(zx_plan *plan, zx_taken *t)
{
    if (t->held)
        return 1;
    t->err[0] = '\0';
    t->id = t->name = t->source = NULL;
    int got = plan->take(plan, &t->index, &t->id, &t->name, &t->source, t->err, sizeof t->err);
    t->held = got > 0;
    return got > 0 ? 1 : got;
}

/* Forks the worker of the held program (slot s takes it over). Returns 1 started, 0 finished
 * without a worker (its source could not be read: recorded as an error), -1 the fork failed
 * (the program stays held), -2 the record could not be written. */
static int launch(zx_plan *plan, zx_slot *s, zx_outcome *out, zx_taken *t)
{
    s->index = t->index;
    s->id = t->id;
    s->timed_out = 0;
    prepare_slot(plan, s);
    memset(out, 0, sizeof *out);
    zx_remove_tree(s->scratch);
    s->disk_over = 0;
    s->under_fd = -1;
    int made = t->source && mkdir(s->scratch, 0700) == 0;
    if (made && zx_disk_attach(plan->disk, s->scratch, &s->under_fd) != 0) {
        snprintf(t->err, sizeof t->err, "ExecutorError: cannot mount the disk budget on %.1500s: %s", s->scratch,
                 strerror(errno));
        zx_remove_tree(s->scratch);
        made = 0;
        free(t->source);
        t->source = NULL;
    }
    if (!made) {
        out->status = ZX_ERROR;
        snprintf(out->error, sizeof out->error, "%s",
                 t->source ? "ExecutorError: cannot create the scratch directory" : t->err);
        free(t->source);
        free(t->name);
        t->held = 0;
        return record(plan, s, out, ZX_ERROR, 0.0) < 0 ? -2 : 0;
    }
    zx_worker_args a = {.name = t->name, .source = t->source, .scratch = s->scratch,
                        .export_paths = {s->exports[0][0] ? s->exports[0] : NULL,
                                         s->exports[1][0] ? s->exports[1] : NULL},
                        .memory_mb = plan->memory_mb, .timeout = plan->timeout, .disk_mb = plan->disk_mb,
                        .files = plan->files, .out = out, .hook = plan->hook, .hook_ctx = plan->hook_ctx,
                        .payload = s->payload, .payload_cap = plan->payload_cap};
    PyOS_BeforeFork();
    pid_t pid = fork();
    if (pid == 0) {
        PyOS_AfterFork_Child();
        zx_worker_main(&a);
    }
    PyOS_AfterFork_Parent();
    if (pid < 0) {
        zx_disk_release(plan->disk, s->scratch, s->under_fd, 0);
        s->id = NULL;   /* still held by t */
        return -1;
    }
    free(t->source);
    free(t->name);
    t->held = 0;
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
                 plan->disk_mb, plan->files);
        return ZX_DENIED;
    }
    if (s->timed_out || (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGXCPU)) {
        o->measured = 0;
        snprintf(o->error, sizeof o->error, "Timeout: the program ran longer than %g s", plan->timeout);
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
        fprintf(stderr, "zerocad exec: cannot keep the files of '%s' in %s: %s\n", s->id,
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
    free(s->id);   /* already NULL when recorded */
    s->id = NULL;
    return rc;
}

/* A worker whose program will run again (the executor is stopping): no record. */
static void discard_slot(zx_plan *plan, zx_slot *s)
{
    zx_disk_release(plan->disk, s->scratch, s->under_fd, 0);
    s->under_fd = -1;
    s->pid = 0;
    free(s->id);
    s->id = NULL;
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
        double left = slots[i].start + plan->timeout - now;
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

/* Starts workers while slots are free and programs are to be had. Returns 1 when the plan
 * has no more programs, 0 otherwise, -1 on a failure (printed). */
static int fill_slots(zx_plan *plan, zx_slot *slots, zx_outcome *outs, int n, int *running, zx_taken *t)
{
    while (!stop_requested && *running < n) {
        int got = take(plan, t);
        if (got <= 0)
            return got < 0 ? 1 : 0;
        int i = free_slot(slots, n);
        int started = launch(plan, &slots[i], &outs[i], t);
        if (started == -2)
            return -1;
        if (started < 0 && *running == 0) {
            fprintf(stderr, "zerocad exec: cannot start a worker: %s\n", strerror(errno));
            return -1;
        }
        if (started < 0)
            return 0;   /* try again when a worker has ended */
        *running += started;
    }
    return 0;
}

static int run_loop(zx_plan *plan, zx_slot *slots, zx_outcome *outs, int n)
{
    int running = 0, no_more = 0;
    zx_taken t = {0};
    while (!stop_requested) {
        int filled = fill_slots(plan, slots, outs, n, &running, &t);
        if (filled < 0) {
            if (t.held) {
                free(t.id);
                free(t.name);
                free(t.source);
            }
            return 1;
        }
        no_more = filled == 1;
        if (running == 0 && (no_more || !t.held))
            break;   /* nothing runs and nothing more will come now */
        struct pollfd pfd = {.fd = wake_pipe[0], .events = POLLIN};
        poll(&pfd, 1, enforce_deadlines(plan, slots, n));
        drain_wake_pipe();
        if (reap(plan, slots, outs, n, &running) < 0)
            return 1;
        enforce_deadlines(plan, slots, n);
        if (plan->tick)
            plan->tick(plan);
    }
    if (stop_requested) {
        stop_all(plan, slots, n);
        return 3;
    }
    return 0;
}

int zx_supervise(zx_plan *plan)
{
    int n = plan->jobs;
    if (install_signals() < 0) {
        fprintf(stderr, "zerocad exec: cannot set up signal handling: %s\n", strerror(errno));
        return 1;
    }
    zx_slot *slots = calloc((size_t)n, sizeof *slots);
    zx_outcome *outs = mmap(NULL, (size_t)n * sizeof *outs, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    size_t area = (size_t)n * plan->payload_cap;
    unsigned char *payload = area ? mmap(NULL, area, PROT_READ | PROT_WRITE,
                                         MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) : NULL;
    int rc = 1;
    if (!slots || outs == MAP_FAILED || payload == MAP_FAILED) {
        fprintf(stderr, "zerocad exec: out of memory\n");
    } else {
        for (int i = 0; i < n && payload; i++)
            slots[i].payload = payload + (size_t)i * plan->payload_cap;
        rc = run_loop(plan, slots, outs, n);
    }
    if (rc == 1 && slots)
        stop_all(plan, slots, n);
    if (outs != MAP_FAILED)
        munmap(outs, (size_t)n * sizeof *outs);
    if (payload && payload != MAP_FAILED)
        munmap(payload, area);
    free(slots);
    signal(SIGCHLD, SIG_DFL);
    close(wake_pipe[0]);
    close(wake_pipe[1]);
    return rc;
}
