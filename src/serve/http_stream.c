/* http_stream.c: a streamed answer as server-sent events: a first chunk with the assistant role,
 * one chunk per piece of final text (text that could still turn into a stop string is held back
 * until it cannot), a last chunk with finish_reason, a usage chunk when stream_options asks for it,
 * then "data: [DONE]". The reader blocks on the job (a thread per connection). */
#include <stdlib.h>
#include <string.h>

#include "http_internal.h"

typedef enum { ST_ROLE, ST_TEXT, ST_FINISH, ST_USAGE, ST_DONE, ST_END } stream_state;

typedef struct {
    srv_sched *S;
    srv_job *j;
    srv_req *r;
    srv_answer_meta a;
    int usage, fd;
    stream_state st;
    size_t sent;       /* bytes of the job's text sent */
    char *pending;     /* the current event */
    size_t plen, poff;
} stream_ctx;

/* The next event into pending; 0, or -1 when the stream must end with an error (client gone). */
static int next_event(stream_ctx *s)
{
    srv_job *j = s->j;
    char *ev = NULL;
    switch (s->st) {
    case ST_ROLE:
        ev = srv_chunk_event(&s->a, "assistant", "", 0, NULL, -1, 0);
        s->st = ST_TEXT;
        break;
    case ST_TEXT: {
        char *text;
        size_t len;
        int done; /* take_text returns new text, or none once the job is done */
        if (srv_sched_take_text(s->S, j, s->sent, &text, &len, &done, s->fd))
            return -1;
        if (!len) { /* nothing new: the job has ended */
            s->st = ST_FINISH;
            return next_event(s);
        }
        ev = srv_chunk_event(&s->a, NULL, text, len, NULL, -1, 0);
        s->sent += len;
        free(text);
        break;
    }
    case ST_FINISH: /* done: the scheduler no longer writes to j */
        if (j->failed) {
            char *err = zc_serve_error_json(&j->err);
            if (err && (ev = malloc(strlen(err) + 9)))
                strcpy(ev, "data: "), strcat(ev, err), strcat(ev, "\n\n");
            free(err);
        } else {
            ev = srv_chunk_event(&s->a, NULL, NULL, 0, j->finish, -1, 0);
        }
        s->r->ctoks = j->ngen;
        srv_job_times(j, &s->r->queue_ms, &s->r->model_ms);
        s->st = s->usage ? ST_USAGE : ST_DONE;
        break;
    case ST_USAGE:
        ev = srv_chunk_event(&s->a, NULL, NULL, 0, NULL, j->nids, j->ngen);
        s->st = ST_DONE;
        break;
    case ST_DONE:
        ev = strdup("data: [DONE]\n\n");
        s->st = ST_END;
        break;
    case ST_END:
        return 0;
    }
    if (!ev)
        return -1;
    free(s->pending);
    s->pending = ev;
    s->plen = strlen(ev);
    s->poff = 0;
    return 0;
}

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    stream_ctx *s = cls;
    while (s->poff == s->plen) {
        if (s->st == ST_END)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (next_event(s))
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    size_t n = s->plen - s->poff < max ? s->plen - s->poff : max;
    memcpy(buf, s->pending + s->poff, n);
    s->poff += n;
    return (ssize_t)n;
}

static void release(void *cls)
{
    stream_ctx *s = cls;
    srv_sched_release(s->S, s->j);
    free(s->pending);
    free(s);
}

enum MHD_Result srv_stream(struct MHD_Connection *c, srv_req *r, srv_job *j, const srv_answer_meta *a, int usage,
                           int fd)
{
    stream_ctx *s = calloc(1, sizeof *s);
    if (!s) {
        srv_sched_release(r->h->S, j);
        return MHD_NO;
    }
    *s = (stream_ctx){.S = r->h->S, .j = j, .r = r, .a = *a, .usage = usage, .fd = fd, .st = ST_ROLE};
    struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16384, reader, s, release);
    if (!resp) {
        release(s);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "text/event-stream");
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
    enum MHD_Result rc = MHD_queue_response(c, 200, resp);
    MHD_destroy_response(resp);
    r->status = 200;
    return rc;
}
