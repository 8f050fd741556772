/* agent.c: the rank process of a rank other than 0: passes its command's requests for work
 * (with the positions it finished) to the coordinator and the batches back, and the
 * command's end. It waits on its command's socket (blocking) and for rank 0's answers
 * (looking after 0.1 ms, then ever less often, up to every 5 ms: the command asks ahead, so
 * the answer is rarely awaited, and each look at MPI costs CPU the workers could use). */
#include <stdlib.h>
#include <time.h>

#include <mpi.h>

#include "scale_internal.h"

static int ask_coordinator(int fd, const zsc_frame *want)
{
    MPI_Send(want->words, (int)want->n, MPI_UINT64_T, 0, ZSC_TAG_WANT, MPI_COMM_WORLD);
    MPI_Status st;
    int flag = 0;
    /* Not MPI_Probe: OpenMPI spins in it, taking a core from the workers while rank 0 naps. */
    long nap_ns = ZSC_RELAY_NAP_MIN_NS;
    while (MPI_Iprobe(0, ZSC_TAG_JOBS, MPI_COMM_WORLD, &flag, &st) == MPI_SUCCESS && !flag) {
        struct timespec nap = {0, nap_ns};
        nanosleep(&nap, NULL);
        nap_ns = nap_ns * 2 > ZSC_RELAY_NAP_MAX_NS ? ZSC_RELAY_NAP_MAX_NS : nap_ns * 2;
    }
    int n = 0;
    MPI_Get_count(&st, MPI_UINT64_T, &n);
    uint64_t *jobs = malloc((size_t)(n > 0 ? n : 1) * sizeof *jobs);
    if (!jobs)
        return -1;
    MPI_Recv(jobs, n, MPI_UINT64_T, 0, ZSC_TAG_JOBS, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    int rc = zsc_frame_send(fd, ZSC_JOBS, jobs, (size_t)n);
    free(jobs);
    return rc;
}

int zsc_agent_relay(int fd, int rank)
{
    (void)rank;
    int finished = 0;
    zsc_frame f;
    while (zsc_frame_recv(fd, &f) == 1) {
        if (f.type == ZSC_WANT && f.n >= 2) {
            if (ask_coordinator(fd, &f) < 0) {
                free(f.words);
                break;
            }
        } else if (f.type == ZSC_FINISH && f.n >= 2) {
            MPI_Send(f.words, (int)f.n, MPI_UINT64_T, 0, ZSC_TAG_FINISH, MPI_COMM_WORLD);
            finished = 1;
            uint64_t worst = f.words[0];
            zsc_frame_send(fd, ZSC_FINAL, &worst, 1);
        }
        free(f.words);
    }
    if (!finished) {   /* the command died without saying so */
        uint64_t gone[2] = {1, 0};
        MPI_Send(gone, 2, MPI_UINT64_T, 0, ZSC_TAG_FINISH, MPI_COMM_WORLD);
    }
    return 0;
}
