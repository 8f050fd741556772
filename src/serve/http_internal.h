/* http_internal.h: what the HTTP files of zc_serve share: the daemon and one request's context. */
#ifndef ZC_SERVE_HTTP_INTERNAL_H
#define ZC_SERVE_HTTP_INTERNAL_H

#include <microhttpd.h>

#include "serve_internal.h"

struct srv_http {
    struct MHD_Daemon *d;
    const srv_model *M;
    srv_sched *S;
    long started;      /* time the server started ("created" of the model) */
};

typedef struct {
    srv_http *h;
    char method[16];
    char path[128];
    char *body;
    size_t len, cap, dropped;
    int too_large, refused; /* refused: a response went out before the body */
    int status;             /* of the response sent (for the log line) */
    int ptoks, ctoks;       /* usage, for the log line */
    double queue_ms, model_ms; /* the job's wait for a batch slot, its prefill + decode (-1: none) */
    double t0;
} srv_req;

/* Queues a JSON response (body malloc'd, taken) with status; records the status in r. */
enum MHD_Result srv_send_json(struct MHD_Connection *c, srv_req *r, int status, char *body);
enum MHD_Result srv_send_error(struct MHD_Connection *c, srv_req *r, const zc_serve_error *e);
/* POST /v1/chat/completions once the body is in. */
enum MHD_Result srv_chat(struct MHD_Connection *c, srv_req *r);
/* The streamed answer of a started job (takes the job). */
enum MHD_Result srv_stream(struct MHD_Connection *c, srv_req *r, srv_job *j, const srv_answer_meta *a, int usage,
                           int fd);
int srv_client_fd(struct MHD_Connection *c);

#endif
