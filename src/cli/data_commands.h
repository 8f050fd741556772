/* data_commands.h: the subcommands of `zerocad data`, one function per subcommand (each in its
 * own data_<name>.c), listed once in the table of cmd_data.c. argv[0] is the subcommand's name;
 * they return the process exit status (0 ok, 1 failure, 2 bad usage). */
#ifndef ZC_CLI_DATA_COMMANDS_H
#define ZC_CLI_DATA_COMMANDS_H

int data_info(int argc, char **argv);
int data_head(int argc, char **argv);

#endif
