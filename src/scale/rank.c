/* rank.c: the rank process: the only one that calls MPI. It starts MPI, tells its command
 * process its rank and the number of ranks, then coordinates (rank 0) or relays (the
 * others) until the command ends, and exits with the command's status. It never forks. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mpi.h>

#include "scale_internal.h"

static char stop_message[160];
static size_t stop_len;
static volatile pid_t command_pid;

/* The launcher ends the job (a rank or the coordinator died): say so, stop the command
 * cleanly (it keeps whole lines; a rerun resumes) and go. */
static void on_stop(int sig)
{
    (void)sig;
    if (write(STDERR_FILENO, stop_message, stop_len) < 0) {
        /* nothing more can be said */
    }
    if (command_pid > 0)
        kill(command_pid, SIGTERM);
    _exit(1);
}

static void catch_stop(int rank)
{
    int n = snprintf(stop_message, sizeof stop_message,
                     "zerocad: rank %d: stopped by the MPI launcher (a rank or the coordinator ended); "
                     "run the same command again to resume\n", rank);
    stop_len = n > 0 ? (size_t)n : 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static int wait_command(pid_t child, int rank)
{
    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return 1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    fprintf(stderr, "zerocad: rank %d: the command process died (signal %d); run the same command again to resume\n",
            rank, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return 1;
}

/* CPU seconds this process has used (user + system). */
static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1e-6 * (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

int zsc_rank_main(int fd, pid_t child)
{
    command_pid = child;
    int rank = 0, size = 1;
    if (MPI_Init(NULL, NULL) != MPI_SUCCESS) {
        fprintf(stderr, "zerocad: MPI_Init failed\n");
        kill(child, SIGTERM);
        wait_command(child, 0);
        return 1;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    catch_stop(rank);
    uint64_t hello[2] = {(uint64_t)rank, (uint64_t)size};
    if (zsc_frame_send(fd, ZSC_HELLO, hello, 2) < 0 && errno != EPIPE)   /* EPIPE: it has ended already */
        fprintf(stderr, "zerocad: rank %d: cannot reach the command process: %s\n", rank, strerror(errno));
    double cpu0 = cpu_seconds();
    if (rank == 0)
        zsc_coordinate(fd, size);
    else
        zsc_agent_relay(fd, rank);
    close(fd);
    fprintf(stderr, "zerocad: rank %d: the rank process used %.1f ms of CPU %s\n", rank,
            1e3 * (cpu_seconds() - cpu0), rank == 0 ? "coordinating" : "relaying");
    int rc = wait_command(child, rank);
    MPI_Finalize();
    return rc;
}
