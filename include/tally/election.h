/*
** tally: the election definition.
**
** What a contest is before anything is computed from it: the election, the
** area, seats and method, electorate, candidates in ballot order, the
** deposit rule, and optionally the declared figures and the previous result
** that change, swing and hold/gain are measured against.
**
** A tally_election is plain data: callers read its fields directly. It owns
** every string and array it points to; tally_election_free() releases all
** of them. Readers in io.h build one; tests may build one with
** tally_election_new() and the tally_election_add_* helpers.
*/
#ifndef TALLY_ELECTION_H
#define TALLY_ELECTION_H

#include <stddef.h>
#include <stdint.h>

#include "tally/status.h"

/* Contest types. Each fixes the statutory heads of rejected ballot papers
** and the default deposit rule (see tally_contest_info). */
typedef enum tally_contest_type {
    TALLY_CONTEST_UK_PARLIAMENT = 0,
    TALLY_CONTEST_LOCAL,
    TALLY_CONTEST_MAYOR,
    TALLY_CONTEST_PCC,
    TALLY_CONTEST__COUNT
} tally_contest_type;

/* How the contest is counted: the definition's "method". FPTP is counted
** from bundles of papers; the STV methods are e-counts, tabulated from the
** papers' preferences by the method of the same key in method.h. */
typedef enum tally_method {
    TALLY_METHOD_FPTP = 0,
    TALLY_METHOD_SCOTTISH_STV,   /* "scottish-stv" */
    TALLY_METHOD_NI_STV          /* "ni-stv" */
} tally_method;

/* The key of a method ("fptp", "scottish-stv", "ni-stv"); static. */
const char *tally_election_method_key(tally_method m);
/* Look a method up by key; TALLY_ENOTFOUND if unknown. */
tally_status tally_election_method_parse(const char *key, tally_method *out);

#define TALLY_HEADS_MAX 6

/* The statutory heads of the statement of rejected ballot papers for one
** contest type, in the order the statement lists them. */
typedef struct tally_contest_info {
    const char *key;                    /* "uk-parliament" */
    const char *member_title;           /* "Member of Parliament" */
    const char *officer_title;          /* "Acting Returning Officer" */
    int single_seat_only;               /* 1: seats must be 1 */
    int has_deposit;                    /* default deposit rule applies */
    int64_t deposit_amount;             /* pounds */
    size_t n_heads;
    const char *head_keys[TALLY_HEADS_MAX];   /* JSON keys */
    const char *head_labels[TALLY_HEADS_MAX]; /* as on the statement */
} tally_contest_info;

/* Static table entry; never NULL for a valid type. */
const tally_contest_info *tally_contest_info_get(tally_contest_type t);
/* Look a type up by key; TALLY_ENOTFOUND if unknown. */
tally_status tally_contest_type_parse(const char *key, tally_contest_type *out);

/* Head label for `seats` > 1: "voting for more candidates than the voter
** was entitled to" replaces "voting for more than one candidate". */
const char *tally_contest_head_label(const tally_contest_info *ci, size_t head, int seats);

/* The nation of the United Kingdom an area lies in, when the definition
** says (its area.nation). In Wales the declaration is given in Welsh and
** English (docs/formats.md); elsewhere the nation changes nothing yet. */
typedef enum tally_nation {
    TALLY_NATION_UNSTATED = 0,
    TALLY_NATION_ENGLAND,
    TALLY_NATION_SCOTLAND,
    TALLY_NATION_WALES,
    TALLY_NATION_NORTHERN_IRELAND
} tally_nation;

/* "england", "scotland", "wales", "northern-ireland"; TALLY_ENOTFOUND
** otherwise. */
tally_status tally_nation_parse(const char *key, tally_nation *out);

/* A count that was not given. INT64_MIN, so that every real figure,
** negative ones included, can be told from it and refused on its merits. */
#define TALLY_NONE INT64_MIN

typedef struct tally_candidate {
    char *name;          /* as on the ballot paper */
    char *common_name;   /* commonly used name, or NULL */
    char *party_name;    /* "Labour Party", "Independent" */
    char *party_code;    /* "Lab"; NULL for an Independent */
    char *previous_key;  /* key into previous.parties; NULL: no comparison */
    int64_t votes;       /* declared votes, or TALLY_NONE */
} tally_candidate;

typedef struct tally_previous_party {
    char *key;           /* party code (or another key a candidate names) */
    int64_t votes;
} tally_previous_party;

typedef struct tally_previous {
    char *label;          /* "General election 2019", or NULL */
    char *date;           /* ISO date, or NULL */
    char *winner;         /* winning party as an outcome names it: "Lab Coop" */
    char *winner_key;     /* key compared with this winner's party for
                             hold/gain; defaults to winner */
    int64_t valid_votes;  /* the share base; defaults to the sum of parties */
    size_t n_parties;
    tally_previous_party *parties;
} tally_previous;

typedef struct tally_deposit_rule {
    int applies;          /* 0: this contest has no deposits */
    int64_t amount;       /* pounds */
    /* Retained iff votes * den > valid * num (PER r.53: 1/20). */
    int64_t num, den;
} tally_deposit_rule;

typedef struct tally_election {
    char *name;           /* "Batley and Spen by-election" */
    char *date;           /* ISO date "2021-07-01" */
    tally_contest_type type;
    char *area_name;
    char *area_code;      /* ONS code, or NULL */
    char *region;         /* the area's region ("North East"), or NULL */
    tally_nation nation;  /* TALLY_NATION_UNSTATED unless the definition says */
    char *officer_name;   /* returning officer's name, or NULL */
    char *officer_title;  /* overrides the type's title, or NULL */
    int seats;
    tally_method method;
    int64_t electorate;   /* TALLY_NONE if not given */
    tally_deposit_rule deposit;

    size_t n_candidates;
    tally_candidate *candidates;   /* ballot order */

    /* Declared figures; has_declared is 0 when none were given. */
    int has_declared;
    int64_t valid_votes;           /* valid ballot papers, or TALLY_NONE */
    int64_t rejected_total;        /* TALLY_NONE if not given */
    int64_t rejected[TALLY_HEADS_MAX]; /* per head, TALLY_NONE if not given */
    int64_t verified_total;        /* TALLY_NONE if not given */

    tally_previous *previous;      /* NULL when there is none */
} tally_election;

/* A new, empty election (type uk-parliament, 1 seat, fptp, nothing
** declared). Caller frees with tally_election_free(). */
tally_status tally_election_new(tally_election **out);
void tally_election_free(tally_election *e);

/* Copy s into e's storage (NULL stays NULL). Returns NULL only on
** allocation failure when s was not NULL. */
char *tally_election_strdup(tally_election *e, const char *s);

/* Append a candidate (strings are copied); *out points at it until the
** next add. votes may be TALLY_NONE. */
tally_status tally_election_add_candidate(tally_election *e, const char *name,
                                          const char *party_name,
                                          const char *party_code, int64_t votes,
                                          tally_candidate **out);

/* Create e->previous if absent and append a party's previous votes. */
tally_status tally_election_add_previous(tally_election *e, const char *key,
                                         int64_t votes);

/* Index of the candidate called name, or -1. */
long tally_election_find_candidate(const tally_election *e, const char *name);

/* The default deposit rule for e's type. */
void tally_election_default_deposit(tally_election *e);

#endif
