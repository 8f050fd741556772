/* data_url.c: the image of an image_url part: a data URL ("data:image/png;base64,...") decoded with
 * OpenSSL's base64 decoder. Only base64 data URLs are taken: the server fetches nothing. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "serve_internal.h"

/* Base64 (newlines and spaces tolerated, '=' padding) -> malloc'd bytes. 0 or -1. */
static int base64_decode(const char *s, size_t n, uint8_t **out, size_t *outlen)
{
    uint8_t *buf = malloc(n / 4 * 3 + 4);
    EVP_ENCODE_CTX *ctx = EVP_ENCODE_CTX_new();
    int total = 0, ok = buf && ctx;
    if (ok) {
        EVP_DecodeInit(ctx);
        size_t done = 0;
        while (ok && done < n) { /* EVP takes int lengths: feed 1 MiB at a time */
            int chunk = n - done > (1u << 20) ? (1 << 20) : (int)(n - done), got = 0;
            ok = EVP_DecodeUpdate(ctx, buf + total, &got, (const unsigned char *)s + done, chunk) >= 0;
            total += got;
            done += (size_t)chunk;
        }
        int got = 0;
        ok = ok && EVP_DecodeFinal(ctx, buf + total, &got) == 1;
        total += got;
    }
    EVP_ENCODE_CTX_free(ctx);
    if (!ok || total == 0) {
        free(buf);
        return -1;
    }
    *out = buf;
    *outlen = (size_t)total;
    return 0;
}

int srv_decode_data_url(const char *url, size_t len, uint8_t **out, size_t *outlen, const char *param,
                        zc_serve_error *e)
{
    if (len < 5 || strncmp(url, "data:", 5) != 0)
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_image_url", param,
                             "image_url must be a data URL (data:image/png;base64,...): the server fetches "
                             "no remote images");
    const char *comma = memchr(url, ',', len);
    if (!comma)
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_image_url", param,
                             "the data URL has no ',' before its data");
    size_t head = (size_t)(comma - url);
    if (head < 12 || strncmp(comma - 7, ";base64", 7) != 0)
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_image_url", param,
                             "the data URL is not base64 (data:image/png;base64,...)");
    if (strncmp(url + 5, "image/", 6) != 0)
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_image_url", param,
                             "the data URL's media type is not image/*");
    if (base64_decode(comma + 1, len - head - 1, out, outlen))
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_image_url", param,
                             "the data URL's base64 does not decode (or is empty)");
    return 0;
}
