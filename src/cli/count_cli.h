/*
** Shared by the tally count subcommands. Internal to cli/.
*/
#ifndef TALLY_COUNT_CLI_H
#define TALLY_COUNT_CLI_H

#include <stdio.h>

#include "tally/store.h"

struct json_t;

/* Run the event subcommand `name`; -1 when there is none of that name. */
int count_run_event(const char *name, int argc, char **argv);
void count_list_events(FILE *out);

/* Append ev (its mode, when absent, the count's) at time `when` (NULL: now)
** and print "committed SEQ HASH"; returns an exit status. */
int count_append(tally_log *log, struct json_t *ev, const char *actor, const char *when);

/* Read an election definition: *e parsed with its declared figures (may
** be NULL: not wanted), *def its JSON without them. Returns an exit status. */
int count_definition(const char *path, tally_election **e, struct json_t **def);

const char *count_actor(const char *given);

/* The view subcommands: status, log, report. -1 when none of that name. */
int count_run_view(const char *name, int argc, char **argv);

/* tally count simulate. */
int count_run_simulate(int argc, char **argv);

#endif
