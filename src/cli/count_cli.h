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
/* An actor given with --actor: 1 to 100 bytes of UTF-8 (as a user name of
** tally serve). Returns an exit status, having said what is wrong. */
int count_check_actor(const char *actor);

/* Whether anything is at path (a count or not). */
int count_exists(const char *path);

/* Make a new count at db (which must not exist) whose first event is ev:
** whole or not at all (count_create.c). Prints any error; returns an exit
** status, with *seq and hash those of the event. */
int count_create(const char *db, const struct json_t *ev, const char *when, const char *actor,
                 uint64_t *seq, char hash[TALLY_HASH_HEX]);

/* The view subcommands: status, log, report. -1 when none of that name. */
int count_run_view(const char *name, int argc, char **argv);

/* tally count import-papers (count_papers.c). */
int count_run_import_papers(int argc, char **argv);

/* tally count simulate. */
int count_run_simulate(int argc, char **argv);
/* Its STV form (count_simulate_stv.c): the papers of the BLT file into
** n_boxes boxes of a new count at db. Returns an exit status. */
struct tally_election;
int count_simulate_stv(const char *db, const struct tally_election *e, struct json_t *def,
                       const char *file, unsigned long long seed, size_t n_boxes, int echo);

/* tally count publish (count_publish.c). */
int count_run_publish(int argc, char **argv);

#endif
