/*
** The election definition (include/tally/election.h).
**
** Strings are owned through a flat list of pointers freed together, so
** that readers can copy freely without tracking each one.
*/
#include "tally/election.h"

#include <string.h>

#include "tally/alloc.h"

struct owned {
    void **p;
    size_t n, cap;
};

/* The owned list lives just after the public struct. */
typedef struct election_impl {
    tally_election pub;
    struct owned owned;
    size_t cand_cap;
    size_t prev_cap;
} election_impl;

static int own(election_impl *e, void *p)
{
    if (e->owned.n == e->owned.cap) {
        size_t cap = e->owned.cap ? e->owned.cap * 2 : 32;
        void **np = tally_realloc(e->owned.p, cap * sizeof *np);
        if (!np)
            return 0;
        e->owned.p = np;
        e->owned.cap = cap;
    }
    e->owned.p[e->owned.n++] = p;
    return 1;
}

const char *tally_election_method_key(tally_method m)
{
    switch (m) {
    case TALLY_METHOD_SCOTTISH_STV:
        return "scottish-stv";
    case TALLY_METHOD_NI_STV:
        return "ni-stv";
    default:
        return "fptp";
    }
}

tally_status tally_election_method_parse(const char *key, tally_method *out)
{
    static const tally_method all[] = { TALLY_METHOD_FPTP, TALLY_METHOD_SCOTTISH_STV,
                                        TALLY_METHOD_NI_STV };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(tally_election_method_key(all[i]), key) == 0) {
            *out = all[i];
            return TALLY_OK;
        }
    return TALLY_ENOTFOUND;
}

tally_status tally_election_new(tally_election **out)
{
    election_impl *e = tally_calloc(1, sizeof *e);

    *out = NULL;
    if (!e)
        return TALLY_ENOMEM;
    e->pub.type = TALLY_CONTEST_UK_PARLIAMENT;
    e->pub.seats = 1;
    e->pub.method = TALLY_METHOD_FPTP;
    e->pub.electorate = TALLY_NONE;
    e->pub.valid_votes = TALLY_NONE;
    e->pub.rejected_total = TALLY_NONE;
    e->pub.verified_total = TALLY_NONE;
    for (int i = 0; i < TALLY_HEADS_MAX; i++)
        e->pub.rejected[i] = TALLY_NONE;
    tally_election_default_deposit(&e->pub);
    *out = &e->pub;
    return TALLY_OK;
}

void tally_election_free(tally_election *pub)
{
    election_impl *e = (election_impl *)pub;

    if (!e)
        return;
    for (size_t i = 0; i < e->owned.n; i++)
        tally_free(e->owned.p[i]);
    tally_free(e->owned.p);
    tally_free(e->pub.candidates);
    if (e->pub.previous)
        tally_free(e->pub.previous->parties);
    tally_free(e->pub.previous);
    tally_free(e);
}

char *tally_election_strdup(tally_election *pub, const char *s)
{
    char *d;

    if (!s)
        return NULL;
    d = tally_strdup(s);
    if (d && !own((election_impl *)pub, d)) {
        tally_free(d);
        return NULL;
    }
    return d;
}

/* Copy s, failing only when s is set and the copy could not be made. */
static int dup_into(tally_election *e, char **dst, const char *s)
{
    *dst = tally_election_strdup(e, s);
    return s == NULL || *dst != NULL;
}

tally_status tally_election_add_candidate(tally_election *pub, const char *name,
                                          const char *party_name,
                                          const char *party_code, int64_t votes,
                                          tally_candidate **out)
{
    election_impl *e = (election_impl *)pub;
    tally_candidate *c;

    if (pub->n_candidates == e->cand_cap) {
        size_t cap = e->cand_cap ? e->cand_cap * 2 : 8;
        tally_candidate *nc = tally_realloc(pub->candidates, cap * sizeof *nc);
        if (!nc)
            return TALLY_ENOMEM;
        pub->candidates = nc;
        e->cand_cap = cap;
    }
    c = &pub->candidates[pub->n_candidates];
    memset(c, 0, sizeof *c);
    c->votes = votes;
    if (!dup_into(pub, &c->name, name) || !dup_into(pub, &c->party_name, party_name) ||
        !dup_into(pub, &c->party_code, party_code))
        return TALLY_ENOMEM;
    c->previous_key = c->party_code;
    pub->n_candidates++;
    if (out)
        *out = c;
    return TALLY_OK;
}

tally_status tally_election_add_previous(tally_election *pub, const char *key, int64_t votes)
{
    election_impl *e = (election_impl *)pub;
    tally_previous *p = pub->previous;
    tally_previous_party *pp;

    if (!p) {
        p = tally_calloc(1, sizeof *p);
        if (!p)
            return TALLY_ENOMEM;
        p->valid_votes = TALLY_NONE;
        pub->previous = p;
    }
    if (p->n_parties == e->prev_cap) {
        size_t cap = e->prev_cap ? e->prev_cap * 2 : 8;
        tally_previous_party *np = tally_realloc(p->parties, cap * sizeof *np);
        if (!np)
            return TALLY_ENOMEM;
        p->parties = np;
        e->prev_cap = cap;
    }
    pp = &p->parties[p->n_parties];
    pp->votes = votes;
    if (!dup_into(pub, &pp->key, key))
        return TALLY_ENOMEM;
    p->n_parties++;
    return TALLY_OK;
}

long tally_election_find_candidate(const tally_election *e, const char *name)
{
    for (size_t i = 0; i < e->n_candidates; i++)
        if (strcmp(e->candidates[i].name, name) == 0)
            return (long)i;
    return -1;
}

void tally_election_default_deposit(tally_election *e)
{
    const tally_contest_info *ci = tally_contest_info_get(e->type);

    e->deposit.applies = ci->has_deposit;
    e->deposit.amount = ci->deposit_amount;
    e->deposit.num = 1;
    e->deposit.den = 20;
}
