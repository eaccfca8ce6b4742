/*
** The count where a ward elects several councillors: a ballot paper carries
** up to `seats` votes, at most one for each candidate.
**
** Local Elections (Principal Areas) (England and Wales) Rules 2006 (SI
** 2006/3304, "LEPAR 2006") Sch.2, and the Parishes and Communities Rules
** 2006 (SI 2006/3305) Sch.2, which number their rules alike:
**   r.15     the candidates to whom more votes have been given than to the
**            others, up to the number of councillors to be elected, are
**            elected (SI 2006/3305 verbatim; results/result.c ranks them);
**   r.47(1)  a paper is void and not counted for (a) want of an official
**            mark, (b) votes given for more candidates than the voter is
**            entitled to vote for, (c) a mark identifying the voter, (d)
**            being unmarked or void for uncertainty (core/contest.c gives
**            the heads; the verbatim text of r.47 is UNCONFIRMED);
**   r.47(2)  where the voter may vote for more than one candidate, a paper
**            is not void for uncertainty as to a vote on which no
**            uncertainty arises, and that vote is counted (UNCONFIRMED
**            verbatim): a doubtful paper may be counted for some of the
**            candidates marked on it;
**   r.49     an equality of votes for the last seat is decided by lot
**            (declaration.c, as with one seat).
** So the count records, per bundle, the papers and the votes they carry:
** every valid paper carries at least one vote and at most `seats`, and no
** candidate more votes than there are papers. The papers, not the votes,
** are what reconcile with the verified total (EC "Reconciliation of count
** totals").
*/
#include <string.h>

#include "state.h"
#include "tally/alloc.h"

tally_status tally_count_check_block(const tally_count *c, const int64_t *v, int64_t papers,
                                     const char *what, tally_error *err)
{
    int64_t sum = 0;
    for (size_t i = 0; i < c->election->n_candidates; i++) {
        if (v[i] > papers)
            return REFUSE("%s: %lld papers cannot carry %lld votes for %s: a paper gives a "
                          "candidate at most one vote", what, (long long)papers,
                          (long long)v[i], c->election->candidates[i].name);
        sum += v[i];
    }
    if (sum > (int64_t)c->election->seats * papers)
        return REFUSE("%s: %lld papers carry %lld votes, more than %d each: a paper voting for "
                      "more candidates than the voter was entitled to is rejected "
                      "(LEPAR 2006 Sch.2 r.47(1)(b))", what, (long long)papers, (long long)sum,
                      c->election->seats);
    if (sum < papers)
        return REFUSE("%s: %lld papers carry only %lld votes: a paper with no vote is rejected "
                      "as unmarked (LEPAR 2006 Sch.2 r.47(1)(d)), not counted", what,
                      (long long)papers, (long long)sum);
    return TALLY_OK;
}

/* A candidate by name, refused with a message that says why a withdrawn
** candidate (not on the ballot paper) cannot have votes. */
static tally_status find(const tally_count *c, const char *name, size_t *out, tally_error *err)
{
    long i = tally_election_find_candidate(c->election, name);
    if (i < 0)
        return REFUSE("\"%s\" is not a candidate on the ballot paper and cannot have votes",
                      name);
    *out = (size_t)i;
    return TALLY_OK;
}

tally_status tally_count_bundle_votes(const tally_count *c, const json_t *ev, int64_t size,
                                      int64_t **out, tally_error *err)
{
    json_t *votes = json_object_get(ev, "votes"), *n;
    const char *k;
    int64_t *v;
    tally_status s = TALLY_OK;

    *out = NULL;
    if (json_object_get(ev, "candidate"))
        return REFUSE("with %d seats a bundle holds papers carrying votes for several "
                      "candidates: give \"votes\" {candidate: n}, not \"candidate\"",
                      c->election->seats);
    if (!json_is_object(votes) || json_object_size(votes) == 0)
        return REFUSE("\"votes\" must give the votes the bundle's papers carry for each "
                      "candidate marked on them");
    if (!(v = tally_calloc(c->election->n_candidates, sizeof *v)))
        return TALLY_ENOMEM;
    json_object_foreach(votes, k, n) {
        size_t i;
        if ((s = find(c, k, &i, err)) != TALLY_OK)
            break;
        if (!ev_count(votes, k, 1, &v[i], err)) {
            s = TALLY_EINVAL;
            break;
        }
    }
    if (s == TALLY_OK)
        s = tally_count_check_block(c, v, size, "the bundle", err);
    if (s != TALLY_OK) {
        tally_free(v);
        return s;
    }
    *out = v;
    return TALLY_OK;
}

tally_status tally_count_paper_votes(const tally_count *c, const json_t *ev, int64_t **out,
                                     tally_error *err)
{
    json_t *names = json_object_get(ev, "candidates"), *n;
    size_t k;
    int64_t *v;
    tally_status s = TALLY_OK;

    *out = NULL;
    if (json_object_get(ev, "candidate"))
        return REFUSE("with %d seats a paper is counted for the candidates it gives a vote: "
                      "list them in \"candidates\", not \"candidate\"", c->election->seats);
    if (!json_is_array(names) || json_array_size(names) == 0)
        return REFUSE("\"candidates\" lists the candidates the paper is counted for");
    if (json_array_size(names) > (size_t)c->election->seats)
        return REFUSE("a paper with votes for %zu candidates when %d may be elected is "
                      "rejected (LEPAR 2006 Sch.2 r.47(1)(b)), not counted",
                      json_array_size(names), c->election->seats);
    if (!(v = tally_calloc(c->election->n_candidates, sizeof *v)))
        return TALLY_ENOMEM;
    json_array_foreach(names, k, n) {
        size_t i;
        if (!json_is_string(n)) {
            s = REFUSE("\"candidates\" lists candidates' names");
            break;
        }
        if ((s = find(c, json_string_value(n), &i, err)) != TALLY_OK)
            break;
        if (v[i]) {
            s = REFUSE("%s is named twice: a paper gives a candidate at most one vote",
                       json_string_value(n));
            break;
        }
        v[i] = 1;
    }
    if (s != TALLY_OK) {
        tally_free(v);
        return s;
    }
    *out = v;
    return TALLY_OK;
}
