/*
** Consistency of an election's declared figures (tally_election_check in
** include/tally/result.h).
**
** A result is only computed from figures that add up: candidate votes
** must sum to the valid total (PER r.50 declares "the total number of
** votes given for each candidate"; the valid total is their sum), the
** heads of the statement of rejected ballot papers must sum to the
** rejected total, and nothing may be negative. A figure that does not
** add up is refused, never silently corrected.
*/
#include "tally/result.h"

#include "tally/num.h"

#define FAIL(...) tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, __VA_ARGS__)

tally_status tally_election_check(const tally_election *e, tally_error *err)
{
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    int contested = e->n_candidates > (size_t)e->seats;
    int64_t sum = 0;

    if (e->n_candidates == 0)
        return FAIL("no candidates");
    if (e->seats < 1)
        return FAIL("seats must be at least 1");
    if (ci->single_seat_only && e->seats != 1)
        return FAIL("a %s contest fills exactly one seat", ci->key);
    if (e->electorate == TALLY_NONE)
        return FAIL("electorate is missing");
    if (e->electorate <= 0)
        return FAIL("electorate must be positive, not %lld", (long long)e->electorate);

    for (size_t i = 0; i < e->n_candidates; i++) {
        const tally_candidate *c = &e->candidates[i];
        if (c->votes == TALLY_NONE) {
            if (contested && e->has_declared)
                return FAIL("candidate '%s' has no declared votes", c->name);
            continue;
        }
        if (c->votes < 0)
            return FAIL("candidate '%s' has negative votes (%lld)", c->name, (long long)c->votes);
        if (!contested)
            return FAIL("candidate '%s' has votes but the election is uncontested",
                        c->name);
        sum += c->votes;
    }
    if (contested && !e->has_declared)
        return FAIL("the election is contested but no declared figures are given");

    if (e->valid_votes != TALLY_NONE) {
        if (e->valid_votes < 0)
            return FAIL("valid votes are negative");
        if (e->seats == 1 && sum != e->valid_votes) {
            char a[32], b[32];
            tally_num_format_count(sum, a, sizeof a);
            tally_num_format_count(e->valid_votes, b, sizeof b);
            return FAIL("candidate votes sum to %s but the valid total is %s "
                                   "(%+lld)", a, b, (long long)(sum - e->valid_votes));
        }
        if (e->seats > 1 && sum > (int64_t)e->seats * e->valid_votes)
            return FAIL("candidate votes (%lld) exceed %d votes on each of %lld "
                                   "valid papers", (long long)sum, e->seats,
                                   (long long)e->valid_votes);
    } else if (contested && e->seats > 1) {
        return FAIL("with more than one seat the number of valid ballot papers "
                               "must be given");
    }

    {
        int64_t heads = 0;
        size_t given = 0;
        for (size_t h = 0; h < ci->n_heads; h++) {
            if (e->rejected[h] == TALLY_NONE)
                continue;
            if (e->rejected[h] < 0)
                return FAIL("rejected papers under '%s' are negative (%lld)",
                            ci->head_keys[h], (long long)e->rejected[h]);
            heads += e->rejected[h];
            given++;
        }
        if (given && given != ci->n_heads)
            return FAIL("rejected papers are given for some heads but not all %zu",
                                   ci->n_heads);
        if (e->rejected_total != TALLY_NONE && e->rejected_total < 0)
            return FAIL("rejected total is negative");
        if (given && e->rejected_total != TALLY_NONE && heads != e->rejected_total)
            return FAIL("rejected papers by head sum to %lld but the total is %lld",
                                   (long long)heads, (long long)e->rejected_total);
    }
    if (e->verified_total != TALLY_NONE && e->verified_total < 0)
        return FAIL("verified total is negative");

    if (e->previous) {
        for (size_t i = 0; i < e->previous->n_parties; i++)
            if (e->previous->parties[i].votes < 0)
                return FAIL("previous votes for '%s' are negative (%lld)",
                            e->previous->parties[i].key,
                            (long long)e->previous->parties[i].votes);
    }
    return TALLY_OK;
}
