/* launch.c: start-up under an MPI launcher. MPI and fork() do not mix (some transports
 * object to a fork after MPI_Init; OpenMPI warns), and the command's supervisor forks one
 * worker per program. So the process the launcher started forks the command first, before
 * MPI_Init, and keeps MPI to itself: it becomes the rank process (rank.c) and talks to the
 * command over a socket; the command never touches MPI. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "scale_internal.h"

static int link_fd = -1;

int zsc_link_fd(void)
{
    return link_fd;
}

int zsc_under_mpi(void)
{
    return link_fd >= 0;
}

static int launcher_present(void)
{
    const char *off = getenv("ZEROCAD_MPI");
    if (off && !strcmp(off, "0"))
        return 0;
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_SIZE") || getenv("PMI_RANK");
}

/* `synth --report`: the LLM agent's statistics, read by one process. */
static int synth_report(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--report") || !strncmp(argv[i], "--report=", 9))
            return 1;
    return 0;
}

/* `render --batch`: many shapes (`render INPUT`, one shape, stays one process). */
static int render_batch(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--batch"))
            return 1;
    return 0;
}

static int command_scales(const char *command, int argc, char **argv)
{
    return command && (!strcmp(command, "exec") || (!strcmp(command, "synth") && !synth_report(argc, argv)) ||
                       !strcmp(command, "eval") || /* eval --model and eval --pred */
                       (!strcmp(command, "render") && render_batch(argc, argv)));
}

/* Commands that do not share their work yet: N ranks would each run all of it. */
static int command_single(const char *command, int argc, char **argv)
{
    return command && ((!strcmp(command, "synth") && synth_report(argc, argv)) ||
                       (!strcmp(command, "render") && !render_batch(argc, argv)));
}

/* The number of ranks as the launcher's environment says (0: not said). */
static long launcher_size(void)
{
    const char *names[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_STEP_NUM_TASKS"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return strtol(v, NULL, 10);
    }
    return 0;
}

/* mpirun binds each rank to a core by default when it starts two or fewer; the command's
 * workers (-j, default every CPU of the node) would then share that one core. The command
 * process takes every online CPU back, unless ZEROCAD_MPI_KEEP_BINDING=1. */
static void unbind(void)
{
    const char *keep = getenv("ZEROCAD_MPI_KEEP_BINDING");
    if (keep && !strcmp(keep, "1"))
        return;
    long cpus = sysconf(_SC_NPROCESSORS_CONF);
    cpu_set_t *set = CPU_ALLOC(cpus > 0 ? (int)cpus : 1);
    if (!set)
        return;
    size_t size = CPU_ALLOC_SIZE(cpus > 0 ? (int)cpus : 1);
    CPU_ZERO_S(size, set);
    for (long i = 0; i < cpus; i++)
        CPU_SET_S((int)i, size, set);
    sched_setaffinity(0, size, set);   /* offline CPUs are left out by the kernel */
    CPU_FREE(set);
}

void zsc_launch_argv(int argc, char **argv)
{
    const char *command = argc > 1 ? argv[1] : NULL;
    if (!launcher_present())
        return;
    if (command_single(command, argc, argv) && launcher_size() > 1) {
        fprintf(stderr, "zerocad %s%s: not shared among MPI ranks yet (docs/scale.md): start it as one process "
                "(mpirun -n 1, or without mpirun)%s\n", command, !strcmp(command, "synth") ? " --report" : "",
                !strcmp(command, "render") ? "; `render --batch` shares many shapes among ranks" : "");
        exit(2);
    }
    if (!command_scales(command, argc, argv))
        return;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        perror("zerocad: cannot make the socket to the MPI rank process");
        exit(1);
    }
    pid_t parent = getpid();
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("zerocad: cannot fork the command from the MPI rank process");
        exit(1);
    }
    if (pid == 0) {
        close(sv[0]);
        /* The command stops cleanly (SIGTERM: workers killed, whole lines kept) when its
         * rank process goes, whether the launcher ended it or it was killed. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            raise(SIGTERM);
        link_fd = sv[1];
        unbind();
        return;
    }
    close(sv[1]);
    exit(zsc_rank_main(sv[0], pid));
}
