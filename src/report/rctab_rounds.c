/*
** An irv count's stages as RCTab's rounds (rctab_rounds.h).
*/
#include "rctab_rounds.h"

#include <string.h>

#include "tally/alloc.h"

#define U TALLY_VOTE_UNIT

int rctab_in_tally(const tally_method_result *r, size_t s, size_t c)
{
    const tally_stage *st = &r->stages[s];
    return st->votes[c] != TALLY_NONE &&
           !(r->candidates[c].fate == TALLY_FATE_EXCLUDED && r->candidates[c].stage <= s + 1);
}

int rctab_shown(const tally_method_result *r, const tally_rctab_report *info,
                const rctab_round *k, size_t c)
{
    size_t uwi = r->pool->n_candidates - 1;

    if (c == uwi && !info->write_in_declared)
        return 0;
    return rctab_in_tally(r, k->stage, c) ||
           (c == uwi && k->stage == 0 && r->stages[0].votes[c] != TALLY_NONE);
}

int64_t rctab_votes(const tally_method_result *r, const rctab_round *k, size_t c)
{
    return rctab_in_tally(r, k->stage, c) ? r->stages[k->stage].votes[c] / U : 0;
}

int64_t rctab_undervotes(const tally_method_result *r)
{
    int64_t blank = r->invalid;

    for (size_t w = 0; w < TALLY_INACTIVE_KINDS; w++)
        blank -= r->stages[0].inactive[w];
    return blank;
}

/* The round showing stage s: its figures, and no decision yet. */
static rctab_round shown_at(const tally_method_result *r, size_t s)
{
    const tally_stage *st = &r->stages[s];
    rctab_round k = { .stage = s };

    for (size_t c = 0; c < r->pool->n_candidates; c++)
        if (rctab_in_tally(r, s, c))
            k.active += st->votes[c] / U;
    k.threshold = st->quota ? st->quota / U : k.active / 2 + 1;
    return k;
}

tally_status rctab_rounds_of(const tally_method_result *r, const tally_rctab_report *info,
                             rctab_round **out, size_t *n)
{
    size_t cap = 0, s = 0;
    rctab_round *rounds = NULL;
    int shown_election = 0; /* stage s's election was shown in a round before */

    *out = NULL;
    *n = 0;
    if (r->n_stages == 0 || r->pool->n_candidates == 0)
        return TALLY_EINVAL;
    for (;;) {
        rctab_round k = shown_at(r, s);
        const tally_stage *st = &r->stages[s];
        size_t g = s;
        int more;

        if (st->n_elected > 0 && !shown_election) {
            k.elected = 1;
            more = s + 1 < r->n_stages; /* counted on past the election */
            shown_election = more;
        } else {
            k.elim_from = s + 1;
            while (g + 1 < r->n_stages && r->stages[g + 1].kind == TALLY_STAGE_EXCLUSION) {
                k.n_elim++;
                if (r->stages[++g].n_tied > 1)
                    k.tied = 1;
                if (!r->stages[g].continues)
                    break;
            }
            more = g != s;
            shown_election = 0;
        }
        if (!tally_grow(&rounds, &cap, *n, sizeof *rounds)) {
            tally_free(rounds);
            *n = 0;
            return TALLY_ENOMEM;
        }
        rounds[(*n)++] = k;
        if (more && info->stop_after && *n >= info->stop_after) {
            rounds[*n - 1].unmoved = 1;
            break;
        }
        if (!more)
            break;
        s = g;
    }
    *out = rounds;
    return TALLY_OK;
}

/* list[0..k) into name order (strcmp: Java's String order for names
** with no character above U+FFFF). */
void rctab_name_order(const char *const *names, size_t *list, size_t k)
{
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && strcmp(names[list[j]], names[list[j - 1]]) < 0; j--) {
            size_t t = list[j];
            list[j] = list[j - 1];
            list[j - 1] = t;
        }
}
