/*
** An irv count's stages as RCTab's rounds, the one model RCTab's JSON
** report (rctab_json.c) and its CSV report (rctab_csv.c) are written
** from, so that what a round holds is decided once. Internal to report/.
**
** A round shows one stage's tally. Its decision follows it: the
** eliminations of the stages after it (one, or a batch: its stages
** together, as RCTab's one round), or the election at that stage. With
** RCTab's continueUntilTwoCandidatesRemain the count goes on past the
** election: the round of the election shows it alone, and the next round
** shows the same stage again with the eliminations that follow. (The
** undeclared write-ins, when a source declares them, are a candidate of
** the count, irv rule W, and eliminated in a stage as any other.) With
** info->stop_after the rounds end there (the last elimination's stage is
** then no round).
**
** Ownership: rctab_rounds_of gives a new array, freed with tally_free.
*/
#ifndef TALLY_REPORT_RCTAB_ROUNDS_H
#define TALLY_REPORT_RCTAB_ROUNDS_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "tally/stages.h"

typedef struct rctab_round {
    size_t stage;        /* 0-based: the stage whose tally the round shows */
    int elected;         /* the stage's elected are shown in this round */
    size_t elim_from;    /* stages elim_from .. elim_from + n_elim - 1 each */
    size_t n_elim;       /*   eliminate their subject in this round */
    int tied;            /* the elimination was decided between equals */
    int unmoved;         /* the count stopped here (stop_after): the papers of
                            its eliminations move in no round RCTab shows */
    int64_t active;      /* papers for the candidates in the tally */
    int64_t threshold;   /* papers */
} rctab_round;

/* The rounds of r into *out (*n of them). TALLY_ENOMEM, TALLY_EINVAL for
** a result with no stages. */
tally_status rctab_rounds_of(const tally_method_result *r, const tally_rctab_report *info,
                             rctab_round **out, size_t *n);

/* Candidate c is in the tally of stage s (0-based): continuing, or
** elected; not excluded at this stage or before. */
int rctab_in_tally(const tally_method_result *r, size_t s, size_t c);

/* Candidate c is shown in the tally of round k: in it, or the declared
** write-ins at round 1. */
int rctab_shown(const tally_method_result *r, const tally_rctab_report *info,
                const rctab_round *k, size_t c);

/* Papers c held at round k (0 when not in its tally). */
int64_t rctab_votes(const tally_method_result *r, const rctab_round *k, size_t c);

/* RCTab's undervotes: the papers with no mark at all. */
int64_t rctab_undervotes(const tally_method_result *r);

/* list[0..k) into name order (strcmp: Java's String order for names
** with no character above U+FFFF), as RCTab lists a round's candidates. */
void rctab_name_order(const char *const *names, size_t *list, size_t k);

/* The JSON report's "config" object (rctab_json.c), shared by the
** several-seat report (rctab_multi_json.c); the caller owns it. */
struct json_t;
struct json_t *rctab_config_json(const tally_rctab_report *info);
/* The report from its parts (taken, freed on failure too): TALLY_ENOMEM,
** TALLY_EIO a failed write. */
tally_status rctab_report_write(struct json_t *config, struct json_t *results,
                                struct json_t *summary, FILE *out);

#endif
