/* http.c: the HTTP front on libmicrohttpd (a thread per connection, so a handler may wait for its
 * job): routing (POST /v1/chat/completions, GET /v1/models[/ID], GET /health), the API key
 * (Authorization: Bearer), the body size limit (413 from Content-Length before reading, or once
 * a chunked body passes it), and one log line per request on stderr. */
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <time.h>

#include "http_internal.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

enum MHD_Result srv_send_json(struct MHD_Connection *c, srv_req *r, int status, char *body)
{
    if (!body) {
        status = 500;
        body = strdup("{\"error\":{\"message\":\"out of memory\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
        if (!body)
            return MHD_NO;
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json");
    enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    r->status = status;
    return rc;
}

enum MHD_Result srv_send_error(struct MHD_Connection *c, srv_req *r, const zc_serve_error *e)
{
    return srv_send_json(c, r, e->status, zc_serve_error_json(e));
}

int srv_client_fd(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    return ci ? ci->connect_fd : -1;
}

/* Constant-time comparison of the bearer token with the key. */
static int key_ok(struct MHD_Connection *c, const char *key)
{
    if (!key)
        return 1;
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (!auth || strncasecmp(auth, "Bearer ", 7) != 0)
        return 0;
    const char *got = auth + 7;
    size_t n = strlen(key), m = strlen(got);
    unsigned char diff = n != m;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)key[i] ^ (unsigned char)(i < m ? got[i] : 0);
    return diff == 0;
}

static enum MHD_Result fail(struct MHD_Connection *c, srv_req *r, int status, const char *type, const char *code,
                            const char *msg)
{
    zc_serve_error e;
    zc_serve_fail(&e, status, type, code, NULL, "%s", msg);
    r->refused = 1;
    return srv_send_error(c, r, &e);
}

static enum MHD_Result get_route(struct MHD_Connection *c, srv_req *r)
{
    srv_http *h = r->h;
    if (!strcmp(r->path, "/health"))
        return srv_send_json(c, r, 200, strdup("{\"status\":\"ok\"}"));
    if (!key_ok(c, h->M->api_key))
        return fail(c, r, 401, "invalid_request_error", "invalid_api_key", "a valid API key is required "
                    "(Authorization: Bearer KEY)");
    if (!strcmp(r->path, "/v1/models"))
        return srv_send_json(c, r, 200, srv_models_json(h->M->name, h->started));
    if (!strncmp(r->path, "/v1/models/", 11) && !strcmp(r->path + 11, h->M->name)) {
        char *list = srv_models_json(h->M->name, h->started); /* the one entry of the list */
        json_t *root = list ? json_loads(list, 0, NULL) : NULL;
        free(list);
        char *one = root ? json_dumps(json_array_get(json_object_get(root, "data"), 0), JSON_COMPACT | JSON_PRESERVE_ORDER)
                         : NULL;
        json_decref(root);
        return srv_send_json(c, r, 200, one);
    }
    if (!strncmp(r->path, "/v1/models/", 11))
        return fail(c, r, 404, "invalid_request_error", "model_not_found", "no such model on this server");
    return fail(c, r, 404, "invalid_request_error", "unknown_url", "unknown path");
}

/* First call of a POST: key and size checks before any body is read. 1: go on reading. */
static int post_start(struct MHD_Connection *c, srv_req *r, enum MHD_Result *res)
{
    const srv_model *M = r->h->M;
    if (strcmp(r->path, "/v1/chat/completions")) {
        *res = fail(c, r, 404, "invalid_request_error", "unknown_url", "unknown path");
        return 0;
    }
    if (!key_ok(c, M->api_key)) {
        *res = fail(c, r, 401, "invalid_request_error", "invalid_api_key",
                    "a valid API key is required (Authorization: Bearer KEY)");
        return 0;
    }
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > M->limits.max_body) {
        char msg[128];
        snprintf(msg, sizeof msg, "the request body is larger than %zu bytes (zerocad serve --max-body)",
                 M->limits.max_body);
        *res = fail(c, r, 413, "invalid_request_error", "request_too_large", msg);
        return 0;
    }
    return 1;
}

/* Appends a piece of the body; past the limit the body is dropped and a 413 answered at its end
 * (-1, closing the connection, once 16 MiB more have been dropped: a body that never ends). */
static int take_body(srv_req *r, const char *data, size_t n)
{
    size_t max = r->h->M->limits.max_body;
    if (r->too_large || r->len + n > max) {
        r->too_large = 1;
        r->dropped += n;
        return r->dropped > (16u << 20) ? -1 : 0;
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 65536;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *b = realloc(r->body, cap);
        if (!b)
            return -1;
        r->body = b;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    r->body[r->len] = 0;
    return 0;
}

static srv_req *req_new(srv_http *h, const char *url, const char *method)
{
    srv_req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->h = h;
    r->t0 = now_s();
    r->ptoks = r->ctoks = -1;
    r->queue_ms = r->model_ms = -1;
    snprintf(r->method, sizeof r->method, "%s", method);
    snprintf(r->path, sizeof r->path, "%s", url);
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *data, size_t *data_size, void **con_cls)
{
    (void)version;
    srv_req *r = *con_cls;
    if (!r) {
        if (!(r = *con_cls = req_new(cls, url, method)))
            return MHD_NO;
        if (!strcmp(method, "GET"))
            return get_route(c, r);
        if (strcmp(method, "POST"))
            return fail(c, r, 405, "invalid_request_error", "method_not_allowed", "method not allowed");
        enum MHD_Result res = MHD_YES;
        post_start(c, r, &res);
        return res;
    }
    if (r->refused) { /* answered already: the body is read and dropped */
        *data_size = 0;
        return MHD_YES;
    }
    if (*data_size) {
        int rc = take_body(r, data, *data_size);
        *data_size = 0;
        return rc ? MHD_NO : MHD_YES;
    }
    if (r->too_large) {
        r->refused = 1;
        char msg[128];
        snprintf(msg, sizeof msg, "the request body is larger than %zu bytes (zerocad serve --max-body)",
                 r->h->M->limits.max_body);
        return fail(c, r, 413, "invalid_request_error", "request_too_large", msg);
    }
    return srv_chat(c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c;
    srv_req *r = *con_cls;
    if (!r)
        return;
    char toks[128] = "";
    if (r->ptoks >= 0)
        snprintf(toks, sizeof toks, " prompt=%d completion=%d", r->ptoks, r->ctoks < 0 ? 0 : r->ctoks);
    if (r->model_ms >= 0)
        snprintf(toks + strlen(toks), sizeof toks - strlen(toks), " queue=%.1fms model=%.1fms", r->queue_ms,
                 r->model_ms);
    fprintf(stderr, "serve: %s %s %d%s %.0f ms%s\n", r->method, r->path, r->status ? r->status : 499, toks,
            1000.0 * (now_s() - r->t0), why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed)");
    free(r->body);
    free(r);
    *con_cls = NULL;
}

/* libmicrohttpd's own messages, on stderr like the rest of the log. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = 0;
    fprintf(stderr, "serve: libmicrohttpd: %s\n", msg);
}

static int resolve(const char *host, int port, struct sockaddr_storage *ss, socklen_t *len, char *err, size_t errlen)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *res;
    char ps[16];
    snprintf(ps, sizeof ps, "%d", port);
    int rc = getaddrinfo(host, ps, &hints, &res);
    if (rc) {
        snprintf(err, errlen, "--host %s: %s", host, gai_strerror(rc));
        return -1;
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

srv_http *srv_http_start(const char *host, int port, const srv_model *M, srv_sched *S, char *err, size_t errlen)
{
    srv_http *h = calloc(1, sizeof *h);
    struct sockaddr_storage ss;
    socklen_t sl;
    if (!h || resolve(host, port, &ss, &sl, err, errlen)) {
        free(h);
        return NULL;
    }
    h->M = M;
    h->S = S;
    h->started = (long)time(NULL);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    h->d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, h, MHD_OPTION_SOCK_ADDR,
                            (struct sockaddr *)&ss, MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
                            MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                            MHD_OPTION_END);
    if (!h->d) {
        snprintf(err, errlen, "cannot listen on %s port %d (in use, or not an address of this machine)", host, port);
        free(h);
        return NULL;
    }
    return h;
}

void srv_http_quiesce(srv_http *h)
{
    MHD_socket s = MHD_quiesce_daemon(h->d);
    if (s != MHD_INVALID_SOCKET)
        close(s);
}

void srv_http_stop(srv_http *h)
{
    MHD_stop_daemon(h->d);
    free(h);
}
