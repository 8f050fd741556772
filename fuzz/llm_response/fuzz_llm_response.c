/* fuzz_llm_response.c: libFuzzer entry point for the chat-completions answer parser
 * (zs_llm_parse_reply, src/synth/llm_json.c) and the fenced-code extraction that reads
 * programs from answers without tool calls. Any bytes must give a reply or a one-line reason,
 * never a crash or a leak; a parsed reply's assistant message must serialise. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"
#include "llm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zs_llm_reply r;
    char err[512];
    int rc = zs_llm_parse_reply((const char *)data, size, &r, err, sizeof err);
    if (rc < 0 && !memchr(err, '\0', sizeof err))
        abort();
    if (rc == 0) {
        json_t *m = zs_llm_assistant_message(&r);
        json_decref(m);
        free(zs_llm_fenced_code(r.content));
    }
    zs_llm_reply_free(&r);
    char *text = malloc(size + 1);
    if (text) {
        memcpy(text, data, size);
        text[size] = '\0';
        free(zs_llm_fenced_code(text));
        free(text);
    }
    return 0;
}
