/*
** The result as JSON (tally_report_json in include/tally/report.h; the
** schema is docs/formats.md).
**
** Counts are JSON integers; percentages and points are strings with two
** decimals ("47.60") so that no reader turns them into binary floating
** point; a figure that does not apply is null. The lot seed is a decimal
** string because a 64-bit seed does not fit every JSON reader's numbers.
*/
#include <jansson.h>
#include <stdio.h>

#include "tally/num.h"
#include "tally/report.h"

static json_t *count_or_null(int64_t v)
{
    return v == TALLY_NONE ? json_null() : json_integer((json_int_t)v);
}

static json_t *centi_or_null(int has, int64_t v)
{
    char buf[32];
    if (!has)
        return json_null();
    tally_num_format_centi(v, buf, sizeof buf);
    return json_string(buf);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *names(const tally_result *r, const size_t *idx, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(tally_result_candidate_label(r, idx[i])));
    return a;
}

static json_t *rejected(const tally_result *r)
{
    const tally_election *e = r->election;
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    json_t *by_head = json_object();

    for (size_t h = 0; h < ci->n_heads; h++)
        json_object_set_new(by_head, ci->head_keys[h],
                            r->has_rejected_by_head ? count_or_null(e->rejected[h])
                                                    : json_null());
    return json_pack("{s:o, s:o}", "total", count_or_null(r->rejected_total), "by_head",
                     by_head);
}

static json_t *candidate(const tally_result *r, size_t i)
{
    const tally_candidate *c = &r->election->candidates[i];
    const tally_result_candidate *rc = &r->candidates[i];
    const char *dep = tally_deposit_name(rc->deposit);

    return json_pack("{s:s, s:o, s:s, s:o, s:o, s:b, s:o, s:o, s:o, s:b}",
                     "name", c->name,
                     "common_name", str_or_null(c->common_name),
                     "party", c->party_name,
                     "party_code", str_or_null(c->party_code),
                     "votes", count_or_null(tally_result_declared_votes(r, i)),
                     "additional_vote_by_lot", rc->lot_vote,
                     "share_percent", centi_or_null(rc->has_share, rc->share),
                     "change_points", centi_or_null(rc->has_change, rc->change),
                     "deposit", str_or_null(dep),
                     "elected", rc->elected);
}

static json_t *lot(const tally_result *r)
{
    json_t *draws, *o;
    char seed[32];

    if (!r->has_lot)
        return json_null();
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->lot_seed);
    draws = json_array();
    for (size_t k = 0; k < r->n_draws; k++)
        json_array_append_new(draws, json_pack("{s:o, s:s}", "candidates",
                                               names(r, r->draws[k].tied, r->draws[k].n_tied),
                                               "falls_on",
                                               tally_result_candidate_label(
                                                   r, r->draws[k].falls_on)));
    o = json_pack("{s:o, s:s, s:o, s:s, s:o}", "seed",
                  r->lot_forced && r->n_draws == 1 ? json_null() : json_string(seed), "method",
                  r->lot_forced ? "drawn at the count"
                                : "splitmix64, uniform over the tied candidates in ballot order",
                  "candidates", names(r, r->draws[0].tied, r->draws[0].n_tied), "falls_on",
                  tally_result_candidate_label(r, r->draws[0].falls_on), "draws", draws);
    return o;
}

static json_t *swing(const tally_result *r)
{
    if (!r->has_swing)
        return json_null();
    return json_pack("{s:s, s:s, s:o}", "from", tally_result_party_code(r, r->swing_from),
                     "to", tally_result_party_code(r, r->swing_to), "points",
                     centi_or_null(1, r->swing));
}

tally_status tally_report_json_object(const tally_result *r, json_t **out)
{
    const tally_election *e = r->election;
    json_t *cands = json_array(), *o;

    for (size_t i = 0; i < r->n_candidates; i++)
        json_array_append_new(cands, candidate(r, i));
    o = json_pack("{s:s, s:s, s:o, s:s, s:o, s:i, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
                  " s:{s:o, s:o}, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
                  "election", e->name,
                  "type", tally_contest_info_get(e->type)->key,
                  "area_code", str_or_null(e->area_code),
                  "area", e->area_name,
                  "date", str_or_null(e->date),
                  "seats", e->seats,
                  "contested", r->contested,
                  "electorate", count_or_null(e->electorate),
                  "valid_votes", count_or_null(r->valid_votes),
                  "rejected", rejected(r),
                  "counted_total", count_or_null(r->counted_total),
                  "verified_total", count_or_null(r->verified_total),
                  "verification_difference",
                  r->has_verification_difference ? json_integer(r->verification_difference)
                                                 : json_null(),
                  "verification_agrees",
                  r->has_verification_difference ? json_boolean(r->verification_difference == 0)
                                                 : json_null(),
                  "turnout",
                  "ballot_box_percent",
                  centi_or_null(r->has_turnout_ballot_box, r->turnout_ballot_box),
                  "valid_vote_percent", centi_or_null(r->has_turnout_valid, r->turnout_valid),
                  "candidates", cands,
                  "winners", names(r, r->winners, r->n_winners),
                  "majority", r->has_majority ? json_integer(r->majority) : json_null(),
                  "majority_percent", centi_or_null(r->has_majority_percent, r->majority_percent),
                  "outcome", str_or_null(r->outcome),
                  "swing", swing(r),
                  "lot", lot(r));
    if (!o)
        return TALLY_ENOMEM;
    *out = o;
    return TALLY_OK;
}

tally_status tally_report_json_value(const json_t *v, FILE *out)
{
    if (json_dumpf(v, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
        return TALLY_EIO;
    fputc('\n', out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}

tally_status tally_report_json(const tally_result *r, FILE *out)
{
    json_t *o;
    tally_status s = tally_report_json_object(r, &o);

    if (s != TALLY_OK)
        return s;
    s = tally_report_json_value(o, out);
    json_decref(o);
    return s;
}
