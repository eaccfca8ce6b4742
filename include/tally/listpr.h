/*
** tally: list proportional representation and the additional member
** systems used in the UK.
**
** A list election is one or more areas (a region, a constituency, a whole
** country), each returning a number of members from the votes given to
** parties' lists and to individual candidates. The members are allocated
** by highest averages, one seat a round: each party's votes are divided by
** a divisor that grows with the seats it already holds, and the highest
** quotient takes the seat. The methods (src/methods/list*.c) are:
**
**   dhondt          divisors 1, 2, 3, ... (an optional vote-share threshold)
**   sainte-lague    divisors 1, 3, 5, ...
**   modified-sainte-lague  divisors 1.4, 3, 5, ...
**   ams-scotland    Scotland Act 1998 ss.6-8, Sch 1 para 2(3): 7 regional
**                   members a region, D'Hondt with the constituency seats
**                   won in the region counted in the divisor
**   ams-london      Greater London Authority Act 1999 s.4, Sch 2 paras
**                   7-8: 11 London members, the 5% threshold, constituency
**                   seats counted in the divisor
**   senedd          Government of Wales Act 2006 ss.6-9 as substituted by
**                   the Senedd Cymru (Members and Elections) Act 2024 s.8:
**                   closed lists, D'Hondt, 6 members in each of 16
**                   constituencies, no threshold
**
** Arithmetic is exact: quotients v_a/d_a and v_b/d_b are compared as
** v_a*d_b against v_b*d_a in 128 bits (votes are below 10^12, divisors
** below 2^31). An equality for the highest quotient takes a seat for each
** party in it while seats remain for all (Scotland Act s.8(7)); where
** they do not, the seat is decided by a lot drawn from the recorded seed
** (lot.h), among the equal parties in the order of the file.
**
** Ownership: a tally_list_election owns its strings and arrays and is
** freed with tally_list_election_free(); a tally_list_result borrows the
** election, which must outlive it, and is freed with
** tally_list_result_free(). Both _free(NULL) are no-ops.
*/
#ifndef TALLY_LISTPR_H
#define TALLY_LISTPR_H

#include <stddef.h>
#include <stdint.h>

#include "tally/status.h"

typedef enum tally_list_method {
    TALLY_LIST_DHONDT,
    TALLY_LIST_SAINTE_LAGUE,
    TALLY_LIST_MODIFIED_SAINTE_LAGUE,
    TALLY_LIST_AMS_SCOTLAND,
    TALLY_LIST_AMS_LONDON,
    TALLY_LIST_SENEDD
} tally_list_method;

/* "dhondt", "sainte-lague", ... as in the table above. */
tally_status tally_list_method_parse(const char *name, tally_list_method *out);
const char *tally_list_method_name(tally_list_method m);
/* The statute or document the method implements, one line. */
const char *tally_list_method_source(tally_list_method m);

typedef struct tally_list_party {
    char *name;
    int64_t votes;
    int64_t constituency_seats; /* seats won in the area's constituencies (AMS) */
    int independent;            /* an individual candidate: a party of one */
    size_t n_list;              /* 0: no list given (members are named by place) */
    char **list;                /* the list, in order */
    unsigned char *struck_off;  /* per list place: already returned (s.8(5)) */
} tally_list_party;

typedef struct tally_list_area {
    char *name;
    int64_t seats;       /* members to return; TALLY_LIST_SEATS_STATUTORY when not given */
    int64_t valid_votes; /* total for the threshold; TALLY_LIST_SUM when not given */
    size_t n_parties;
    tally_list_party *parties;
    size_t cap_parties;
} tally_list_area;

#define TALLY_LIST_SEATS_STATUTORY INT64_MIN
#define TALLY_LIST_SUM INT64_MIN

typedef struct tally_list_election {
    char *title;
    int64_t threshold_num, threshold_den; /* a share of valid votes; 0/1 none */
    size_t n_areas;
    tally_list_area *areas;
    size_t cap_areas;
} tally_list_election;

/* Building an election (the reader in src/io/list_json.c uses these).
** Indexes are positions in the arrays above. Names are copied. */
tally_list_election *tally_list_election_new(const char *title);
void tally_list_election_free(tally_list_election *e);
tally_status tally_list_area_add(tally_list_election *e, const char *name, int64_t seats,
                                 int64_t valid_votes, size_t *out);
tally_status tally_list_party_add(tally_list_election *e, size_t area, const char *name,
                                  int64_t votes, int64_t constituency_seats, int independent,
                                  size_t *out);
tally_status tally_list_candidate_add(tally_list_election *e, size_t area, size_t party,
                                      const char *name, int struck_off);

typedef enum tally_list_choice {
    TALLY_LIST_CLEAR,  /* one highest quotient */
    TALLY_LIST_EACH,   /* equal highest, seats for each: first in file order */
    TALLY_LIST_LOT     /* equal highest, too few seats: by lot */
} tally_list_choice;

/* Why a party is out of contention (tally_list_area_result.out). */
enum {
    TALLY_LIST_IN = 0,
    TALLY_LIST_BELOW_THRESHOLD, /* disregarded: below the threshold */
    TALLY_LIST_EXHAUSTED,       /* its list is used up (s.8(6)) */
    TALLY_LIST_RETURNED         /* an individual candidate already returned (s.8(3)) */
};

typedef struct tally_list_round {
    int64_t *divisor;   /* per party, in units of 1/divisor_den; 0: not in contention */
    unsigned char *out; /* per party: TALLY_LIST_* at the start of the round */
    size_t winner;      /* party index */
    tally_list_choice choice;
    size_t n_tied;      /* parties equal at the highest quotient (0 when clear) */
    const char *member; /* the member returned (borrowed), NULL if named by place */
    size_t place;       /* 1-based list place of the member */
} tally_list_round;

typedef struct tally_list_area_result {
    const tally_list_area *area;
    int64_t seats;         /* members to return */
    int64_t valid_votes;   /* the threshold's total */
    int64_t *list_seats;   /* per party: seats won in this allocation */
    unsigned char *out;    /* per party: TALLY_LIST_* at the end */
    size_t n_rounds;
    tally_list_round *rounds;
    int64_t unfilled;      /* seats left because no party was in contention */
} tally_list_area_result;

typedef struct tally_list_result {
    const tally_list_election *e;
    tally_list_method method;
    int64_t divisor_den;   /* 1, or 5 for modified Sainte-Laguë (1.4 = 7/5) */
    int64_t threshold_num, threshold_den;
    int counts_constituency; /* constituency seats are in the divisor (AMS) */
    size_t n_areas;
    tally_list_area_result *areas;
    int has_seed;
    uint64_t seed;
    size_t n_lots;         /* lots drawn */
} tally_list_result;

typedef struct tally_list_options {
    int has_seed;
    uint64_t seed;
} tally_list_options;

/* Allocate every area's seats. Fails with TALLY_EINVAL (err says why) when
** the election does not fit the method (a statutory seat number other than
** the file's, a threshold on a method that has none) or when a lot is
** needed and opts has no seed. */
tally_status tally_list_allocate(const tally_list_election *e, tally_list_method m,
                                 const tally_list_options *opts, tally_list_result **out,
                                 tally_error *err);
void tally_list_result_free(tally_list_result *r);

/* Total seats of party p in area a: list seats plus, when the method
** counts them, constituency seats. */
int64_t tally_list_total_seats(const tally_list_result *r, size_t a, size_t p);

#endif
