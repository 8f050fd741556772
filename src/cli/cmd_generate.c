/* cmd_generate.c: `zerocad generate`: chat-prompted text generation with a checkpoint. */
#include "commands.h"
#include "model.h"

#include <stdio.h>

int cmd_generate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "zerocad generate: not built yet\n");
    return 1;
}
