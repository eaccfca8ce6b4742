/*
** A count in one of RCTab's several-seat modes (include/tally/rctab_multi.h)
** as RCTab's detailed report JSON (tally_stages_rctab_multi_json in
** include/tally/stages.h), in the layout of rctab_json.c: "config",
** "jsonFormatVersion", "results" (a round each: its inactive ballots by
** why, the tally, the threshold, who is elected and eliminated with the
** values that moved from them in the next round) and "summary". Every
** figure is written as BigDecimal.toString writes RCTab's (tally_rctab_dec).
**
** A round's elected come first, then its eliminated, each in name order
** as RCTab 2.0's reports list them (more_winners_than_candidates elects
** four in a round, listed so).
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/jsonmem.h"
#include "rctab_rounds.h"
#include "tally/alloc.h"
#include "tally/rctab_multi.h"
#include "tally/stages.h"


static json_t *dec(tally_rctab_dec d)
{
    char b[48];
    tally_rctab_dec_format(d, b, sizeof b);
    return json_string(b);
}

/* The action of candidate c at round k (0-based): the values that moved
** from c in round k + 1. */
static json_t *action(const tally_rctab_multi *m, size_t k, const char *what, size_t c)
{
    const tally_pool *p = tally_rctab_multi_result(m)->pool;
    const tally_rctab_round *next = tally_rctab_multi_round(m, k + 1);
    json_t *o = json_object(), *t = json_object();

    json_object_set_new(o, what, json_string(p->names[c]));
    for (size_t i = 0; next && i < next->n_transfers; i++) {
        const tally_rctab_transfer *x = &next->transfers[i];
        if (x->from == c)
            json_object_set_new(t, x->to == TALLY_RCTAB_TO_EXHAUSTED  ? "exhausted"
                                   : x->to == TALLY_RCTAB_TO_RESIDUAL ? "residual surplus"
                                                                      : p->names[x->to],
                                dec(x->value));
    }
    json_object_set_new(o, "transfers", t);
    return o;
}

static json_t *round_of(const tally_rctab_multi *m, size_t k, size_t *list)
{
    const tally_rctab_round *rd = tally_rctab_multi_round(m, k);
    const tally_pool *p = tally_rctab_multi_result(m)->pool;
    const tally_rctab_multi_rules *u = tally_rctab_multi_rules_of(m);
    json_t *o = json_object(), *tally = json_object(), *res = json_array(), *in = json_object();
    static const char *const why[TALLY_RCTAB_STATUSES] = {
        "overvotes", "skippedRankings", "repeatedRankings", "exhaustedChoices",
        "finalRoundSurplus"
    };

    for (size_t c = 0; c < p->n_candidates; c++)
        if (rd->in_tally[c])
            json_object_set_new(tally, p->names[c], dec(rd->tally[c]));
    memcpy(list, rd->elected, rd->n_elected * sizeof *list);
    rctab_name_order((const char *const *)p->names, list, rd->n_elected);
    for (size_t i = 0; i < rd->n_elected; i++)
        json_array_append_new(res, action(m, k, "elected", list[i]));
    memcpy(list, rd->eliminated, rd->n_eliminated * sizeof *list);
    rctab_name_order((const char *const *)p->names, list, rd->n_eliminated);
    for (size_t i = 0; i < rd->n_eliminated; i++)
        json_array_append_new(res, action(m, k, "eliminated", list[i]));
    for (size_t w = 0; w < TALLY_RCTAB_STATUSES; w++)
        if (w < TALLY_RCTAB_FINAL_SURPLUS ||
            (tally_rctab_multi_moves_surplus(u) && k + 1 == tally_rctab_multi_rounds(m)))
            json_object_set_new(in, why[w], dec(rd->inactive[w]));
    json_object_set_new(o, "inactiveBallots", in);
    json_object_set_new(o, "round", json_integer((json_int_t)(k + 1)));
    json_object_set_new(o, "tally", tally);
    json_object_set_new(o, "tallyResults", res);
    json_object_set_new(o, "threshold", dec(rd->threshold));
    return o;
}

tally_status tally_stages_rctab_multi_json(const tally_rctab_multi *m,
                                           const tally_rctab_report *info, FILE *out)
{
    const tally_method_result *r = tally_rctab_multi_result(m);
    size_t n = tally_rctab_multi_rounds(m), *list;
    json_t *config, *results, *summary;
    tally_rctab_dec total = { r->valid + r->invalid, 0 };

    if (n == 0 || !(list = tally_malloc((r->pool->n_candidates + 1) * sizeof *list)))
        return n == 0 ? TALLY_EINVAL : TALLY_ENOMEM;
    tally_jsonmem_init();
    config = rctab_config_json(info);
    results = json_array();
    summary = json_object();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(results, round_of(m, k, list));
    tally_free(list);
    json_object_set_new(summary, "finalThreshold", dec(tally_rctab_multi_round(m, n - 1)->threshold));
    json_object_set_new(summary, "numCandidates", json_integer((json_int_t)info->n_candidates));
    json_object_set_new(summary, "numWinners",
                        json_integer((json_int_t)tally_rctab_multi_rules_of(m)->seats));
    json_object_set_new(summary, "totalNumBallots", dec(total));
    json_object_set_new(summary, "undervotes",
                        json_integer((json_int_t)tally_rctab_multi_blank(m)));
    return rctab_report_write(config, results, summary, out);
}
