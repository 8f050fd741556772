/* main.c: entry point of the zerocad CLI; dispatches to one subcommand. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "scale.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"run", cmd_run, "run a CadQuery program and report the solid it makes"},
    {"exec", cmd_exec, "run many untrusted CadQuery programs in sandboxed workers (JSONL records)"},
    {"render", cmd_render, "draw a shape's views (program, STEP or STL) as PNG"},
    {"iou", cmd_iou, "compare two shapes: IoU (and Chamfer distance) under a named protocol"},
    {"eval", cmd_eval, "score predicted programs against ground truth (success rate, IoU, CD)"},
    {"logits", cmd_logits, "print a checkpoint's logits for token ids as JSON"},
    {"generate", cmd_generate, "generate text with a Qwen3-VL checkpoint on the CPU"},
    {"serve", cmd_serve, "an OpenAI-compatible chat-completions server over a Qwen3-VL checkpoint"},
    {"tokenize", cmd_tokenize, "print the token ids of a text (tokenizer of a checkpoint)"},
    {"synth", cmd_synth, "make a Zero-to-CAD dataset: generate, run, validate, render, dedup -> parquet shards"},
    {"reconstruct", cmd_reconstruct, "8 views of a part -> CadQuery program + STEP/STL (Zero-to-CAD model)"},
    {"data", cmd_data, "Zero-to-CAD parquet shards: info, head, import, export, stats, verify"},
    {"curate", cmd_curate, "a diverse subset of shards (k-means over view/mesh descriptors) + coverage report"},
    {"report", cmd_report, "the pipeline's outputs (synth, eval, reconstruction) as one self-contained HTML page"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: zerocad COMMAND [ARGS...]\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'zerocad COMMAND --help' describes one command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    zsc_launch_argv(argc, argv);   /* under mpirun/srun: MPI in a rank process, the command in a child */
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "zerocad: unknown command '%s' (try 'zerocad --help')\n", argv[1]);
    return 2;
}
