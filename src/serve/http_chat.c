/* http_chat.c: POST /v1/chat/completions: the body parsed, the model name checked (404), the job
 * built (prompt, images) and queued; then either the whole answer once the job is done, or the
 * server-sent events once its prefill is done (so that a failing prefill still gets a status). */
#include <stdlib.h>
#include <string.h>

#include "http_internal.h"

enum MHD_Result srv_chat(struct MHD_Connection *c, srv_req *r)
{
    const srv_model *M = r->h->M;
    zc_serve_request q;
    zc_serve_error e;
    if (zc_serve_parse_request(r->body ? r->body : "", r->len, &M->limits, &q, &e))
        return srv_send_error(c, r, &e);
    if (strcmp(q.model, M->name)) {
        zc_serve_fail(&e, 404, "invalid_request_error", "model_not_found", "model",
                      "the model '%.200s' does not exist on this server (it serves '%s')", q.model, M->name);
        zc_serve_request_free(&q);
        return srv_send_error(c, r, &e);
    }
    srv_job *j = NULL;
    int stream = q.stream, usage = q.include_usage;
    int rc = srv_job_build(M, &q, &j, &e);
    zc_serve_request_free(&q);
    if (rc)
        return srv_send_error(c, r, &e);
    r->ptoks = j->nids;
    if (srv_sched_submit(r->h->S, j, &e)) {
        srv_job_free(j);
        return srv_send_error(c, r, &e);
    }
    int fd = srv_client_fd(c);
    if (srv_sched_wait(r->h->S, j, stream ? 0 : 1, fd)) {
        srv_sched_release(r->h->S, j);
        return MHD_NO; /* the client has gone */
    }
    srv_answer_meta a;
    srv_answer_meta_init(&a, M->name);
    if (j->failed) {
        e = j->err;
        srv_sched_release(r->h->S, j);
        return srv_send_error(c, r, &e);
    }
    if (stream)
        return srv_stream(c, r, j, &a, usage, fd);
    /* done: the scheduler no longer writes to j */
    r->ctoks = j->ngen;
    srv_job_times(j, &r->queue_ms, &r->model_ms);
    char *body = srv_completion_json(&a, j->text, j->len, j->finish, j->nids, j->ngen);
    srv_sched_release(r->h->S, j);
    return srv_send_json(c, r, 200, body);
}
