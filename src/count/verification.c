/*
** Verification: ballot boxes and postal packets against their ballot paper
** accounts, before and beside the count.
**
** PER r.43 (ballot paper account: entrusted = issued + unused + spoilt),
** r.45 (verify each account and draw up a statement); EC guidance for
** (A)ROs, "Verification process": a box's count either matches its account,
** or the variance is explained, or the box has been counted at least twice
** until the same figure came on two consecutive counts; boxes of one polling
** place are verified together so that compensating errors (papers put in a
** neighbouring station's box) balance out. Representation of the People
** (England and Wales) Regulations 2001 reg. 87: rejected postal voting
** statements by reason. Tendered papers are recorded, never counted.
*/
#include <string.h>

#include "state.h"
#include "tally/alloc.h"

static count_box *find_box(tally_count *c, const char *id)
{
    for (size_t i = 0; i < c->n_boxes; i++)
        if (strcmp(c->boxes[i].id, id) == 0)
            return &c->boxes[i];
    return NULL;
}

static tally_status receive(tally_count *c, const json_t *ev, tally_error *err)
{
    const char *id, *kind, *station, *place;
    int64_t entrusted, issued, unused, spoilt, tendered;
    count_box *b;
    int postal;

    if (!ev_string(ev, "box", 1, &id, err) || !ev_string(ev, "kind", 1, &kind, err) ||
        !ev_string(ev, "station", 1, &station, err) || !ev_string(ev, "place", 0, &place, err) ||
        !ev_count(ev, "issued", 1, &issued, err))
        return TALLY_EINVAL;
    if (strcmp(kind, "station") != 0 && strcmp(kind, "postal") != 0)
        return REFUSE("box kind must be \"station\" or \"postal\", not \"%s\"", kind);
    postal = kind[0] == 'p';
    if (!ev_count(ev, "entrusted", !postal, &entrusted, err) ||
        !ev_count(ev, "unused", !postal, &unused, err) ||
        !ev_count(ev, "spoilt", !postal, &spoilt, err) ||
        !ev_count(ev, "tendered", 0, &tendered, err))
        return TALLY_EINVAL;
    if (c->verification_complete)
        return REFUSE("verification is complete: no more boxes can be received");
    if (find_box(c, id))
        return REFUSE("box \"%s\" has already been received", id);
    if (!postal && entrusted != issued + unused + spoilt)
        return REFUSE("the ballot paper account of box \"%s\" does not add up: %lld entrusted, "
                      "%lld issued + unused + spoilt", id, (long long)entrusted,
                      (long long)(issued + unused + spoilt));
    if (!tally_grow(&c->boxes, &c->cap_boxes, c->n_boxes, sizeof *c->boxes))
        return TALLY_ENOMEM;
    b = &c->boxes[c->n_boxes];
    memset(b, 0, sizeof *b);
    b->postal = postal;
    b->entrusted = postal ? TALLY_NONE : entrusted;
    b->issued = issued;
    b->unused = postal ? TALLY_NONE : unused;
    b->spoilt = postal ? TALLY_NONE : spoilt;
    b->tendered = tendered == TALLY_NONE ? 0 : tendered;
    if (!(b->id = tally_count_strdup(c, id)) || !(b->station = tally_count_strdup(c, station)) ||
        (place && !(b->place = tally_count_strdup(c, place))))
        return TALLY_ENOMEM;
    c->n_boxes++;
    return TALLY_OK;
}

/* A postal opening session: packets = accepted + rejected by reason. */
static tally_status postal(tally_count *c, const json_t *ev, tally_error *err)
{
    static const char *const reasons[] = { "signature_mismatch", "dob_mismatch",
                                           "signature_blank", "dob_blank",
                                           "no_statement", "no_ballot_paper", NULL };
    int64_t packets, accepted, rejected = 0;
    json_t *rej = json_object_get(ev, "rejected"), *v;
    const char *k;

    if (!ev_count(ev, "packets", 1, &packets, err) || !ev_count(ev, "accepted", 1, &accepted, err))
        return TALLY_EINVAL;
    if (c->verification_complete)
        return REFUSE("verification is complete: postal votes can no longer be opened");
    if (rej && !json_is_object(rej))
        return REFUSE("\"rejected\" must map reasons to numbers");
    json_object_foreach(rej, k, v) {
        int known = 0;
        int64_t n;
        for (const char *const *r = reasons; *r; r++)
            known |= strcmp(*r, k) == 0;
        if (!known)
            return REFUSE("\"%s\" is not a reason for rejecting a postal vote", k);
        if (!ev_count(rej, k, 1, &n, err))
            return TALLY_EINVAL;
        rejected += n;
    }
    if (packets != accepted + rejected)
        return REFUSE("%lld packets opened but %lld accepted and %lld rejected", (long long)packets,
                      (long long)accepted, (long long)rejected);
    c->postal_packets += packets;
    c->postal_accepted += accepted;
    c->postal_rejected += rejected;
    return TALLY_OK;
}

static tally_status counted(tally_count *c, const json_t *ev, tally_error *err)
{
    const char *id;
    int64_t figure;
    count_box *b;

    if (!ev_string(ev, "box", 1, &id, err) || !ev_count(ev, "figure", 1, &figure, err))
        return TALLY_EINVAL;
    if (!(b = find_box(c, id)))
        return REFUSE("no box \"%s\" has been received", id);
    if (b->verified)
        return REFUSE("box \"%s\" is already verified", id);
    b->prev_count = b->last_count;
    b->last_count = figure;
    b->n_counts++;
    return TALLY_OK;
}

/* Whether the boxes of b's polling place, all counted, balance their
** accounts between them. A box already verified with an explanation has
** its variance accounted for, so it takes no part in the balance. */
static int compensates(const tally_count *c, const count_box *b)
{
    int64_t variance = 0;
    size_t boxes = 0;
    if (!b->place)
        return 0;
    for (size_t i = 0; i < c->n_boxes; i++) {
        const count_box *o = &c->boxes[i];
        if (!o->place || strcmp(o->place, b->place) != 0)
            continue;
        if (o->n_counts == 0)
            return 0;
        if (o->verified && o->explanation)
            continue;
        variance += (o->verified ? o->verified_figure : o->last_count) - o->issued;
        boxes++;
    }
    return boxes > 1 && variance == 0;
}

static tally_status verified(tally_count *c, const json_t *ev, tally_error *err)
{
    const char *id, *why;
    int64_t figure, variance;
    count_box *b;
    int twice;

    if (!ev_string(ev, "box", 1, &id, err) || !ev_count(ev, "figure", 1, &figure, err) ||
        !ev_string(ev, "explanation", 0, &why, err))
        return TALLY_EINVAL;
    if (!(b = find_box(c, id)))
        return REFUSE("no box \"%s\" has been received", id);
    if (b->verified)
        return REFUSE("box \"%s\" is already verified", id);
    if (b->n_counts == 0)
        return REFUSE("box \"%s\" has not been counted", id);
    if (figure != b->last_count)
        return REFUSE("box \"%s\" was last counted at %lld, not %lld", id,
                      (long long)b->last_count, (long long)figure);
    variance = figure - b->issued;
    twice = b->n_counts >= 2 && b->prev_count == b->last_count;
    if (variance != 0 && !why && !twice && !compensates(c, b))
        return REFUSE("box \"%s\" differs from its ballot paper account by %+lld: count it "
                      "again until two counts agree, or explain the variance", id,
                      (long long)variance);
    if (why && !(b->explanation = tally_count_strdup(c, why)))
        return TALLY_ENOMEM;
    b->compensating = variance != 0 && !why && !twice;
    b->verified = 1;
    b->verified_figure = figure;
    return TALLY_OK;
}

static tally_status complete(tally_count *c, tally_error *err)
{
    int64_t total = 0;
    if (c->verification_complete)
        return REFUSE("verification is already complete");
    if (c->n_boxes == 0)
        return REFUSE("no ballot boxes have been received");
    for (size_t i = 0; i < c->n_boxes; i++) {
        if (!c->boxes[i].verified)
            return REFUSE("box \"%s\" has not been verified", c->boxes[i].id);
        total += c->boxes[i].verified_figure;
    }
    /* A box verified as a compensating error needs its polling place to
    ** balance still: a neighbour may have been counted again since. */
    for (size_t i = 0; i < c->n_boxes; i++)
        if (c->boxes[i].compensating && !compensates(c, &c->boxes[i]))
            return REFUSE("box \"%s\" was verified as a compensating error, but the boxes of "
                          "%s no longer balance", c->boxes[i].id, c->boxes[i].place);
    c->verified_total = total;
    c->verification_complete = 1;
    return TALLY_OK;
}

tally_status tally_count_apply_verification(tally_count *c, uint64_t seq, const char *type,
                                            const json_t *ev, tally_error *err)
{
    (void)seq;
    if (strcmp(type, "box_received") == 0)
        return receive(c, ev, err);
    if (strcmp(type, "postal_opened") == 0)
        return postal(c, ev, err);
    if (strcmp(type, "box_counted") == 0)
        return counted(c, ev, err);
    if (strcmp(type, "box_verified") == 0)
        return verified(c, ev, err);
    if (strcmp(type, "verification_completed") == 0)
        return complete(c, err);
    return TALLY_ENOTFOUND;
}
