/*
** A declared result as an election, compared with its constituency's
** previous result (tally_declared_election, include/tally/national.h), so
** that the central service's results are computed by tally_result_compute
** like every other, and the national picture by tally_seats.
**
** The keys follow the UK Parliament results database's conventions
** (docs/rules.md, "Change and hold or gain"): party by abbreviation, Reform
** UK as the Brexit Party, an Independent by person.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "tally/election.h"
#include "tally/national.h"

static int independent(const char *code)
{
    return !code || !code[0] || strcmp(code, "Ind") == 0;
}

void tally_party_key(const char *code, const char *name, char *buf, size_t n)
{
    if (independent(code))
        snprintf(buf, n, "person:%s", name ? name : "");
    else if (strcmp(code, "RUK") == 0)
        snprintf(buf, n, "BRX");
    else
        snprintf(buf, n, "%s", code);
}

static tally_status copy_baseline(tally_election *e, const tally_election *b)
{
    const tally_previous *p = b->previous;
    tally_status s;

    if (b->region && !(e->region = tally_election_strdup(e, b->region)))
        return TALLY_ENOMEM;
    if (!p)
        return TALLY_OK;
    for (size_t i = 0; i < p->n_parties; i++)
        if ((s = tally_election_add_previous(e, p->parties[i].key, p->parties[i].votes)) !=
            TALLY_OK)
            return s;
    if (!e->previous) /* a previous result of no parties: nothing to compare */
        return TALLY_OK;
    e->previous->valid_votes = p->valid_votes;
    if ((p->label && !(e->previous->label = tally_election_strdup(e, p->label))) ||
        (p->date && !(e->previous->date = tally_election_strdup(e, p->date))) ||
        (p->winner && !(e->previous->winner = tally_election_strdup(e, p->winner))) ||
        (p->winner_key && !(e->previous->winner_key = tally_election_strdup(e, p->winner_key))))
        return TALLY_ENOMEM;
    return TALLY_OK;
}

static const char *str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t whole(const json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

static tally_status build(const json_t *body, const tally_election *baseline,
                          tally_election *e)
{
    const json_t *c;
    char key[600];
    size_t i;
    tally_status s;

    e->seats = (int)whole(body, "seats");
    /* A House constituency returns one member; a body of several seats
    ** (allowed by the schema) is computed as a local contest would be. */
    e->type = e->seats == 1 ? TALLY_CONTEST_UK_PARLIAMENT : TALLY_CONTEST_LOCAL;
    tally_election_default_deposit(e);
    if (!(e->name = tally_election_strdup(e, str(body, "election"))) ||
        !(e->area_name = tally_election_strdup(e, str(body, "name"))) ||
        !(e->area_code = tally_election_strdup(e, str(body, "constituency"))))
        return TALLY_ENOMEM;
    e->electorate = whole(body, "electorate");
    e->has_declared = 1;
    e->valid_votes = whole(body, "valid_votes");
    e->rejected_total = whole(body, "rejected");
    if (baseline && (s = copy_baseline(e, baseline)) != TALLY_OK)
        return s;
    json_array_foreach(json_object_get(body, "candidates"), i, c) {
        const char *code = str(c, "party_code");
        tally_candidate *tc;
        if ((s = tally_election_add_candidate(e, str(c, "name"), str(c, "party"),
                                              independent(code) ? NULL : code, whole(c, "votes"),
                                              &tc)) != TALLY_OK)
            return s;
        if (independent(code))
            continue;
        tally_party_key(code, NULL, key, sizeof key);
        if (!(tc->previous_key = tally_election_strdup(e, key)))
            return TALLY_ENOMEM;
    }
    return TALLY_OK;
}

tally_status tally_declared_election(const json_t *body, const tally_election *baseline,
                                     tally_election **out, tally_error *err)
{
    tally_election *e;
    tally_status s;

    *out = NULL;
    if ((s = tally_election_new(&e)) != TALLY_OK)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    if ((s = build(body, baseline, e)) != TALLY_OK) {
        tally_election_free(e);
        return tally_error_set(err, s, NULL, 0, 0, "out of memory");
    }
    *out = e;
    return TALLY_OK;
}
