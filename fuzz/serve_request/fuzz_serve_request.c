/* fuzz_serve_request.c: libFuzzer entry point for the chat-completions request parser of `zerocad
 * serve` (zc_serve_parse_request: JSON, messages, parts, data URLs, base64) with small limits, and
 * the prompt rendering of every request it accepts. Any bytes must give a request or an error
 * object with a 4xx/5xx status and a message, never a crash, a leak or unbounded work. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zc_serve_limits lim = {.max_body = 1 << 20, .max_images = 3, .max_image_pixels = 1 << 20};
    zc_serve_request r;
    zc_serve_error e;
    memset(&e, 0, sizeof e);
    if (zc_serve_parse_request((const char *)data, size, &lim, &r, &e) == 0) {
        if (r.nimages > lim.max_images || r.nmsgs == 0 || !r.model)
            abort();
        free(zc_serve_render_prompt(&r));
    } else {
        if (e.status < 400 || e.status > 599 || !memchr(e.message, 0, sizeof e.message) || !e.message[0])
            abort();
        char *j = zc_serve_error_json(&e);
        if (!j)
            abort();
        free(j);
    }
    zc_serve_request_free(&r);
    return 0;
}
