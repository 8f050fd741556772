/* fuzz_viewspec.c: libFuzzer target for the view-spec JSON reader: every input is taken as the
 * text of a spec file. It must be read or rejected with a message, never crash; a spec that is
 * read must be written back by zr_spec_to_json into text that reads again, and must survive
 * selecting a view by name and resizing. */
#include "render.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    zr_spec spec, again;
    char err[512];
    if (zr_spec_from_json_text(text, "fuzz.json", &spec, err, sizeof err) == 0) {
        if (!spec.nviews || !spec.views)
            abort();
        char *back = zr_spec_to_json(&spec);
        if (!back || zr_spec_from_json_text(back, "fuzz-back.json", &again, err, sizeof err) != 0)
            abort();   /* what the writer writes, the reader must read */
        if (again.nviews != spec.nviews)
            abort();
        zr_spec_free(&again);
        free(back);
        char name[ZR_NAME_MAX];
        memcpy(name, spec.views[spec.nviews - 1].name, sizeof name);
        if (zr_spec_select_view(&spec, name, err, sizeof err) != 0 || spec.nviews != 1)
            abort();
        zr_spec_set_size(&spec, 64);
        zr_spec_free(&spec);
    } else if (!err[0]) {
        abort();
    }
    free(text);
    return 0;
}
