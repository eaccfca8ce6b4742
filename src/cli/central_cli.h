/*
** The subcommands of `tally central` that live in files of their own
** (cmd_central.c dispatches to them). Internal to cli/.
*/
#ifndef TALLY_CLI_CENTRAL_CLI_H
#define TALLY_CLI_CENTRAL_CLI_H

/* tally central simulate (central_simulate.c): argv[1] is "simulate". */
int central_run_simulate(int argc, char **argv);

/* tally central token --pg URL --from-uk-parliament DIR (central_tokens.c). */
int central_tokens_for(const char *pg, const char *dir);

#endif
