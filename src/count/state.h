/*
** The state of a count: what tally_count_apply() folds events into.
** Internal to count/. Every pointer is owned by the tally_count.
*/
#ifndef TALLY_COUNT_STATE_H
#define TALLY_COUNT_STATE_H

#include <jansson.h>
#include <stdint.h>

#include "tally/count.h"

typedef struct count_box {
    char *id, *station, *place;  /* place: polling place, for compensating errors */
    int postal;
    int64_t entrusted, issued, unused, spoilt, tendered;
    size_t n_counts;
    int64_t last_count, prev_count;
    int verified, compensating;
    int64_t verified_figure;
    char *explanation;
} count_box;

/* A bundle of papers. Single seat: size papers for candidate cand, votes
** NULL. Several seats (papers.c): size papers and votes[i] the votes they
** carry for candidate i, an array of n_candidates that c owns. */
typedef struct count_bundle {
    uint64_t seq;
    size_t cand;
    int64_t size;
    int part, active, corrected;
    int64_t *votes;
} count_bundle;

/* A doubtful paper. Counted with one seat: for cand. Counted with several:
** votes[i] is 1 for each candidate it is counted for (papers.c), else NULL.
** In an STV count: paper number paper (from 1) of box number box's import
** (stv.c), counted as marked or rejected. */
typedef struct count_doubtful {
    uint64_t seq;
    int rejected, objected, active, corrected;
    size_t cand, head;
    int64_t *votes;
    size_t box;
    int64_t paper;
} count_doubtful;

/* An STV count: the papers imported for a box (stv.c). */
typedef struct count_import {
    uint64_t seq;
    size_t box;                  /* index into boxes */
    tally_box_papers *papers;
} count_import;

typedef enum { REQ_RECOUNT, REQ_BUNDLE_CHECK } count_request_kind;

typedef struct count_request {
    uint64_t seq;
    count_request_kind kind;
    char *by, *role;
    int open;
    char *outcome;       /* "refused: reason", "carried out", "completed" */
} count_request;

struct tally_count {
    uint64_t n_events;
    int opened, verification_complete, count_complete, provisional_current, declared;
    char mode[8];
    tally_election *election;
    int64_t bundle_size;

    count_box *boxes;
    size_t n_boxes, cap_boxes;
    int64_t postal_packets, postal_accepted, postal_rejected;
    int64_t verified_total;

    count_bundle *bundles;
    size_t n_bundles, cap_bundles;
    count_doubtful *doubtfuls;
    size_t n_doubtfuls, cap_doubtfuls;
    count_request *requests;
    size_t n_requests, cap_requests;

    /* Per candidate: bundle and doubtful totals are recomputed from the
    ** lists; adjust holds bundle-check findings; a recount replaces a
    ** candidate's figure (override). */
    int64_t *adjust, *override;
    int *overridden;
    int rejected_overridden;
    int64_t rejected_override[TALLY_HEADS_MAX];
    int papers_overridden;        /* several seats: a recount gave the valid papers */
    int64_t papers_override;

    int64_t count_difference;     /* verified - counted at completion */
    char *reconciliation;         /* explanation of a difference */

    uint64_t declared_seq;
    size_t declaration_corrections;

    int has_lot;
    char *lot_method;             /* "seeded" or "physical" */
    uint64_t lot_seed;
    size_t lot_falls_on;

    /* Cache of the figures as an election and its result. */
    tally_election *figures;
    tally_result *result;

    /* An STV count (stv.c): the imports, and the cache of the pool of
    ** papers tabulated and the method's result over it. */
    count_import *imports;
    size_t n_imports, cap_imports;
    struct tally_pool *stv_pool;
    struct tally_method_result *stv_result;
};

/* Everything count/ shares between its rule files. */

/* Candidate figures now: bundles + doubtfuls + bundle-check adjustments,
** or a recount's figure. */
int64_t tally_count_votes(const tally_count *c, size_t cand);
int64_t tally_count_rejected(const tally_count *c, size_t head);
/* Valid ballot papers counted: with one seat the sum of the votes; with
** several, the papers in bundles and the doubtful papers counted, or a
** recount's figure. */
int64_t tally_count_papers(const tally_count *c);
int64_t tally_count_objected(const tally_count *c, size_t head);

/* Drop the cached result (figures changed). */
void tally_count_invalidate(tally_count *c);

/* A copy of s owned by c's election storage. */
char *tally_count_strdup(tally_count *c, const char *s);


/* Event field access: each sets err naming the field and returns 0 when it
** is missing or of the wrong kind. A string (a name, an id, an
** explanation) is at most TALLY_EV_STRING_MAX bytes: what the statements
** print, and what a reason quoted in a request's outcome holds. */
#define TALLY_EV_STRING_MAX 1000
int ev_string(const json_t *ev, const char *key, int required, const char **out,
              tally_error *err);
int ev_count(const json_t *ev, const char *key, int required, int64_t *out, tally_error *err);
int ev_bool(const json_t *ev, const char *key, int *out, tally_error *err);
/* A candidate named in member key: its index. */
int ev_candidate(const tally_count *c, const json_t *ev, const char *key, size_t *out,
                 tally_error *err);
/* A head of rejection named in member key: its index for the contest type. */
int ev_head(const tally_count *c, const json_t *ev, const char *key, size_t *out,
            tally_error *err);

#define REFUSE(...) (tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, __VA_ARGS__), TALLY_EINVAL)

/* Several seats (papers.c): a paper carries up to `seats` votes, at most
** one for each candidate (LEPAR 2006 Sch.2 r.47(1)(b)). */
/* A bundle's "votes" {candidate: n} for size papers: *out a new array of
** n_candidates the caller frees with tally_free (NULL on refusal). */
tally_status tally_count_bundle_votes(const tally_count *c, const json_t *ev, int64_t size,
                                      int64_t **out, tally_error *err);
/* A doubtful paper's "candidates" [name, ...]: *out as above, 1 per name. */
tally_status tally_count_paper_votes(const tally_count *c, const json_t *ev, int64_t **out,
                                     tally_error *err);
/* Votes v (n_candidates) as papers can carry them: each at most papers and
** their sum at most seats * papers; what names the figures in errors. */
tally_status tally_count_check_block(const tally_count *c, const int64_t *v, int64_t papers,
                                     const char *what, tally_error *err);

/* An STV count (state.c: the figures; stv.c: the rules). */
/* The import of box number box, or NULL. */
const count_import *tally_count_import_of(const tally_count *c, size_t box);
/* Whether paper number paper (from 1) of box number box is rejected. */
int tally_count_stv_rejected(const tally_count *c, size_t box, int64_t paper);
/* First preferences for cand of the papers not rejected, and those papers. */
int64_t tally_count_stv_first(const tally_count *c, size_t cand);
int64_t tally_count_stv_papers(const tally_count *c);
/* A doubtful paper of an STV count: "box" and "paper" into d. */
tally_status tally_count_stv_doubtful(const tally_count *c, const json_t *ev, count_doubtful *d,
                                      tally_error *err);
/* Every box imported, for the completion of an STV count. */
tally_status tally_count_stv_complete(const tally_count *c, tally_error *err);
tally_status tally_count_import(tally_count *c, uint64_t seq, const json_t *ev,
                                tally_box_papers *papers, tally_error *err);

/* Requests from candidates and agents (counting.c). */
tally_status tally_count_request(tally_count *c, uint64_t seq, const json_t *ev,
                                 count_request_kind kind, tally_error *err);
count_request *tally_count_find_recount(tally_count *c, const json_t *ev, tally_error *err);

/* The rule files: each applies the event types it names, after checking
** them; on refusal nothing has changed. */
tally_status tally_count_apply_verification(tally_count *c, uint64_t seq, const char *type,
                                            const json_t *ev, tally_error *err);
tally_status tally_count_apply_counting(tally_count *c, uint64_t seq, const char *type,
                                        const json_t *ev, tally_error *err);
tally_status tally_count_apply_result(tally_count *c, uint64_t seq, const char *type,
                                      const json_t *ev, tally_error *err);

#endif
