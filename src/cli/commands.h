/* commands.h: the subcommands of the zerocad CLI. Each lives in its own cmd_<name>.c
 * and is listed once in the table in main.c. A command gets argv with argv[0] being
 * its own name and returns the process exit status (0 ok, 1 failure, 2 bad usage). */
#ifndef ZC_CLI_COMMANDS_H
#define ZC_CLI_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_exec(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_iou(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_eval_model(int argc, char **argv);   /* cmd_eval_model.c: eval --model */
int cmd_logits(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_tokenize(int argc, char **argv);
int cmd_reconstruct(int argc, char **argv);
int cmd_reconstruct_retrieval(int argc, char **argv);   /* reconstruct --retrieval */
int cmd_synth(int argc, char **argv);
int cmd_synth_llm(int argc, char **argv);   /* `synth --llm URL` and `synth --report DIR` */
int cmd_data(int argc, char **argv);
int cmd_curate(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
