/* html.c: HTML text escaping and inline PNG images (data URIs) for the report page. */
#include "report_internal.h"

#include <openssl/evp.h>
#include <stdlib.h>

void zrp_text(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(s[i], f);
        }
    }
}

void zrp_str(FILE *f, const char *s)
{
    size_t n = 0;
    while (s && s[n])
        n++;
    zrp_text(f, s ? s : "", n);
}

int zrp_img(FILE *f, const unsigned char *png, size_t len, const char *alt, int px)
{
    if (!png || len == 0 || len > (size_t)1 << 30)
        return -1;
    unsigned char *b64 = malloc(4 * ((len + 2) / 3) + 1);
    if (!b64)
        return -1;
    int n = EVP_EncodeBlock(b64, png, (int)len);
    fprintf(f, "<img width=\"%d\" height=\"%d\" alt=\"", px, px);
    zrp_str(f, alt);
    fputs("\" src=\"data:image/png;base64,", f);
    fwrite(b64, 1, (size_t)n, f);
    fputs("\">", f);
    free(b64);
    return 0;
}
