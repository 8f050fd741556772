/* llm_client.c: HTTP POSTs to a chat-completions endpoint with the libcurl multi interface:
 * many requests in flight on one thread, a timeout per request, retries with exponential
 * backoff on 429, 408, 5xx and transport errors (Retry-After honoured), and caps on requests
 * and tokens started per minute. Every submitted request ends in exactly one done() call:
 * its answer, or its last failure once the retries are spent. The API key lives only in the
 * header list handed to libcurl. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "agent_internal.h"

#define MAX_ANSWER (32u << 20)

typedef struct zs_req {
    struct zs_req *next;
    void *tag;
    char *body;
    long est_tokens;
    double t_first, not_before;
    int tries;
    CURL *easy;
    char *resp;
    size_t resp_len, resp_cap;
    int too_big;
    char curl_err[CURL_ERROR_SIZE];
} zs_req;

typedef struct {
    double t;
    long tokens;
    int request;                  /* 1: a request started; 0: a token correction */
} started;

struct zs_http {
    zs_http_opts o;
    char *url;
    CURLM *multi;
    struct curl_slist *headers;
    zs_req *queue, *queue_tail;   /* waiting to start (new or retrying), in order */
    zs_req *active;               /* in flight (linked through next) */
    size_t in_flight, queued;
    started *window;              /* requests started in the last minute */
    size_t nwin, capwin;
    CURL **idle;                  /* easy handles kept for reuse */
    size_t nidle;
};

double zs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    zs_req *q = ud;
    size_t len = size * n;
    if (q->resp_len + len + 1 > MAX_ANSWER) {
        q->too_big = 1;
        return 0;
    }
    if (q->resp_len + len + 1 > q->resp_cap) {
        size_t cap = q->resp_cap ? q->resp_cap : 4096;
        while (cap < q->resp_len + len + 1)
            cap *= 2;
        char *nb = realloc(q->resp, cap);
        if (!nb)
            return 0;
        q->resp = nb;
        q->resp_cap = cap;
    }
    memcpy(q->resp + q->resp_len, p, len);
    q->resp_len += len;
    q->resp[q->resp_len] = '\0';
    return len;
}

zs_http *zs_http_new(const zs_http_opts *o, char *err, size_t errlen)
{
    static int global_done;
    if (!global_done && curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
        snprintf(err, errlen, "cannot initialise libcurl");
        return NULL;
    }
    global_done = 1;
    zs_http *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->o = *o;
    size_t n = strlen(o->base_url);
    h->url = malloc(n + 32);
    h->multi = curl_multi_init();
    if (!h->url || !h->multi) {
        zs_http_free(h);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    while (n > 0 && o->base_url[n - 1] == '/')
        n--;
    snprintf(h->url, n + 32, "%.*s/chat/completions", (int)n, o->base_url);
    h->headers = curl_slist_append(NULL, "Content-Type: application/json");
    if (o->api_key && o->api_key[0]) {
        size_t kl = strlen(o->api_key) + 32;
        char *auth = malloc(kl);
        if (auth) {
            snprintf(auth, kl, "Authorization: Bearer %s", o->api_key);
            h->headers = curl_slist_append(h->headers, auth);
            memset(auth, 0, kl);
            free(auth);
        }
    }
    curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)o->max_in_flight);
    return h;
}

void zs_http_free(zs_http *h)
{
    if (!h)
        return;
    for (zs_req *q = h->queue, *nx; q; q = nx) {
        nx = q->next;
        free(q->body);
        free(q->resp);
        free(q);
    }
    for (size_t i = 0; i < h->nidle; i++)
        curl_easy_cleanup(h->idle[i]);
    free(h->idle);
    for (zs_req *q = h->active, *nx; q; q = nx) {
        nx = q->next;
        curl_multi_remove_handle(h->multi, q->easy);
        curl_easy_cleanup(q->easy);
        free(q->body);
        free(q->resp);
        free(q);
    }
    if (h->multi)
        curl_multi_cleanup(h->multi);
    curl_slist_free_all(h->headers);
    free(h->window);
    free(h->url);
    free(h);
}

static void enqueue(zs_http *h, zs_req *q)
{
    q->next = NULL;
    if (h->queue_tail)
        h->queue_tail->next = q;
    else
        h->queue = q;
    h->queue_tail = q;
    h->queued++;
}

int zs_http_submit(zs_http *h, void *tag, char *body, long est_tokens)
{
    zs_req *q = calloc(1, sizeof *q);
    if (!q) {
        free(body);
        return -1;
    }
    q->tag = tag;
    q->body = body;
    q->est_tokens = est_tokens;
    q->t_first = zs_now();
    enqueue(h, q);
    return 0;
}

size_t zs_http_pending(const zs_http *h)
{
    return h->queued + h->in_flight;
}

static void window_add(zs_http *h, double t, long tokens, int request)
{
    if (h->nwin == h->capwin) {
        size_t cap = h->capwin ? h->capwin * 2 : 256;
        started *nw = realloc(h->window, cap * sizeof *nw);
        if (!nw)
            return;
        h->window = nw;
        h->capwin = cap;
    }
    h->window[h->nwin++] = (started){t, tokens, request};
}

void zs_http_add_tokens(zs_http *h, long tokens)
{
    window_add(h, zs_now(), tokens, 0);
}

/* Seconds until a request of est tokens may start under the caps (0: now). */
static double cap_wait(zs_http *h, double now, long est)
{
    size_t keep = 0;
    while (keep < h->nwin && h->window[keep].t <= now - 60.0)
        keep++;
    if (keep) {
        memmove(h->window, h->window + keep, (h->nwin - keep) * sizeof *h->window);
        h->nwin -= keep;
    }
    if (!h->nwin)
        return 0;
    long reqs = 0, tokens = 0;
    for (size_t i = 0; i < h->nwin; i++) {
        reqs += h->window[i].request;
        tokens += h->window[i].tokens;
    }
    double until_oldest = h->window[0].t + 60.0 - now + 0.001;
    if (h->o.rpm > 0 && (double)reqs >= h->o.rpm)
        return until_oldest;
    if (h->o.tpm > 0 && tokens > 0 && (double)(tokens + est) > h->o.tpm)
        return until_oldest;
    return 0;
}

static CURL *easy_for(zs_http *h, zs_req *q)
{
    CURL *e = h->nidle ? h->idle[--h->nidle] : curl_easy_init();
    if (!e)
        return NULL;
    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, h->url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h->headers);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, q->body);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(q->body));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, q);
    curl_easy_setopt(e, CURLOPT_PRIVATE, q);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, q->curl_err);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(h->o.timeout_s * 1000.0));
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    return e;
}

/* Starts queued requests whose time has come, while the caps allow. Returns the seconds until
 * the next one could start (a large number when none waits). */
static double start_ready(zs_http *h)
{
    double now = zs_now(), wait = 1e9;
    zs_req *prev = NULL, *q = h->queue;
    while (q && h->in_flight < (size_t)h->o.max_in_flight) {
        zs_req *nx = q->next;
        double until = q->not_before - now;
        double capped = until > 0 ? 0 : cap_wait(h, now, q->est_tokens);
        if (until > 0 || capped > 0) {
            double w = until > 0 ? until : capped;
            wait = w < wait ? w : wait;
            if (capped > 0)
                break;   /* caps hold for everyone behind it too */
            prev = q;
            q = nx;
            continue;
        }
        q->easy = easy_for(h, q);
        if (!q->easy || curl_multi_add_handle(h->multi, q->easy) != CURLM_OK)
            break;
        if (prev)
            prev->next = nx;
        else
            h->queue = nx;
        if (h->queue_tail == q)
            h->queue_tail = prev;
        h->queued--;
        h->in_flight++;
        q->next = h->active;
        h->active = q;
        q->tries++;
        q->resp_len = 0;
        q->too_big = 0;
        q->curl_err[0] = '\0';
        window_add(h, now, q->est_tokens, 1);
        q = nx;
    }
    return wait;
}

static int retryable(CURLcode rc, long status, int too_big)
{
    if (too_big)
        return 0;
    if (rc != CURLE_OK)
        return 1;
    return status == 429 || status == 408 || status >= 500;
}

/* A request ended: retried later, or delivered. */
static void finished(zs_http *h, CURL *e, CURLcode rc)
{
    zs_req *q = NULL;
    long status = 0;
    curl_off_t retry_after = -1;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&q);
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &retry_after);
    curl_multi_remove_handle(h->multi, e);
    for (zs_req **pp = &h->active; *pp; pp = &(*pp)->next)
        if (*pp == q) {
            *pp = q->next;
            break;
        }
    CURL **idle = realloc(h->idle, (h->nidle + 1) * sizeof *idle);
    if (idle) {
        h->idle = idle;
        h->idle[h->nidle++] = e;
    } else {
        curl_easy_cleanup(e);
    }
    h->in_flight--;
    q->easy = NULL;
    if (retryable(rc, status, q->too_big) && q->tries <= h->o.max_retries) {
        double backoff = h->o.backoff_s * (double)(1 << (q->tries - 1 < 10 ? q->tries - 1 : 10));
        if (backoff > 60.0)
            backoff = 60.0;
        if (retry_after > 0 && (double)retry_after > backoff)
            backoff = (double)retry_after;
        q->not_before = zs_now() + backoff;
        enqueue(h, q);
        return;
    }
    char msg[CURL_ERROR_SIZE + 64];
    if (q->too_big)
        snprintf(msg, sizeof msg, "the answer is larger than %u MiB", MAX_ANSWER >> 20);
    else if (rc != CURLE_OK)
        snprintf(msg, sizeof msg, "%s", q->curl_err[0] ? q->curl_err : curl_easy_strerror(rc));
    else
        msg[0] = '\0';
    zs_http_result res = {.status = rc == CURLE_OK ? status : 0, .body = q->resp ? q->resp : "",
                          .len = q->resp_len, .error = msg, .seconds = zs_now() - q->t_first,
                          .tries = q->tries, .timed_out = rc == CURLE_OPERATION_TIMEDOUT};
    h->o.done(h->o.ctx, q->tag, &res);
    free(q->body);
    free(q->resp);
    free(q);
}

static int drain(zs_http *h)
{
    int n = 0, left;
    CURLMsg *m;
    while ((m = curl_multi_info_read(h->multi, &left))) {
        if (m->msg != CURLMSG_DONE)
            continue;
        finished(h, m->easy_handle, m->data.result);
        n++;
    }
    return n;
}

int zs_http_step(zs_http *h, int timeout_ms)
{
    double wait = start_ready(h);
    int running;
    curl_multi_perform(h->multi, &running);
    int n = drain(h);
    if (n || timeout_ms <= 0)
        return n;
    int ms = timeout_ms;
    if (wait * 1000.0 < ms)
        ms = (int)(wait * 1000.0) + 1;
    curl_multi_poll(h->multi, NULL, 0, ms, NULL);
    curl_multi_perform(h->multi, &running);
    n = drain(h);
    start_ready(h);
    return n;
}
