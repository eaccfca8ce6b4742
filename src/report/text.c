/*
** The declaration notice and result summary, and the statement of
** rejected ballot papers, as text (include/tally/report.h).
**
** The notice's content is built in notice.c (PER r.50, the customary form);
** this file lays it out in columns of a fixed width. In Wales the Welsh of
** each item comes first, on its own line.
*/
#include <string.h>

#include "notice.h"
#include "tally/report.h"
#include "util.h"

#define NAME_W 34
#define DESC_W 38
/* The statement of rejected papers has a column more than the notice's
** heads, so its labels get less room: the longest head, "(c) writing or
** mark by which the voter could be identified", is 58 characters. */
#define HEAD_W 60

/* Whether item i continues the block that item i - 1 is in (no blank line
** between them): the heading lines, the candidates table, the heads. */
static int continues(tally_notice_kind prev, tally_notice_kind k)
{
    return (k == TALLY_NOTICE_LINE && prev == TALLY_NOTICE_LINE) ||
           (k == TALLY_NOTICE_CANDIDATE &&
            (prev == TALLY_NOTICE_COLUMNS || prev == TALLY_NOTICE_CANDIDATE)) ||
           ((k == TALLY_NOTICE_HEAD || k == TALLY_NOTICE_TOTAL) &&
            (prev == TALLY_NOTICE_HEAD || prev == TALLY_NOTICE_HEADS));
}

static void row(FILE *out, const char *const *cells, int head_row)
{
    tally_rep_pad(out, cells[0] ? cells[0] : "", NAME_W);
    tally_rep_pad(out, cells[1] ? cells[1] : "", DESC_W);
    if (head_row) {
        fprintf(out, "%12s\n", cells[2] ? cells[2] : "");
        return;
    }
    tally_rep_rpad(out, cells[2], 12);
    fprintf(out, "%s%s\n", cells[3][0] ? "  " : "", cells[3]);
}

/* "Cymraeg / English" when there is Welsh, else the English. */
static const char *both(const char *cy, const char *en, char *buf, size_t n)
{
    if (!cy)
        return en;
    snprintf(buf, n, "%s / %s", cy, en);
    return buf;
}

static void item(FILE *out, const tally_notice_item *it)
{
    char buf[1024];
    switch (it->kind) {
    case TALLY_NOTICE_LINE:
    case TALLY_NOTICE_TITLE:
    case TALLY_NOTICE_REJECTED:
        if (it->cy[0])
            fprintf(out, "%s\n", it->cy[0]);
        fprintf(out, "%s\n", it->en[0]);
        break;
    case TALLY_NOTICE_PARA:
        if (it->cy[0])
            tally_rep_wrap(out, it->cy[0], 78);
        tally_rep_wrap(out, it->en[0], 78);
        break;
    case TALLY_NOTICE_COLUMNS:
        if (it->cy[0] || it->cy[1] || it->cy[2])
            row(out, it->cy, 1);
        row(out, it->en, 1);
        break;
    case TALLY_NOTICE_CANDIDATE: {
        const char *cells[TALLY_NOTICE_CELLS] = { it->en[0], it->en[1], it->en[2],
                                                  both(it->cy[3], it->en[3], buf, sizeof buf) };
        row(out, cells, 0);
        break;
    }
    case TALLY_NOTICE_HEAD:
    case TALLY_NOTICE_TOTAL: {
        const char *label = buf;
        if (it->kind == TALLY_NOTICE_HEAD && it->cy[0]) {
            snprintf(buf, sizeof buf, "%s %s", it->mark, it->cy[0]);
            tally_rep_wrap(out, buf, 78);
        }
        if (it->kind == TALLY_NOTICE_HEAD)
            snprintf(buf, sizeof buf, "%s %s", it->mark, it->en[0]);
        else
            label = both(it->cy[0], it->en[0], buf, sizeof buf);
        tally_rep_pad(out, label, it->en[3][0] ? HEAD_W : NAME_W + DESC_W);
        tally_rep_rpad(out, it->en[2], it->en[3][0] ? 8 : 12);
        if (it->en[3][0])
            tally_rep_rpad(out, it->en[3], 23);
        fputc('\n', out);
        break;
    case TALLY_NOTICE_HEADS:
        tally_rep_pad(out, it->en[0], HEAD_W);
        fprintf(out, "%8s%23s\n", it->en[2], it->en[3]);
        break;
    }
    case TALLY_NOTICE_FIGURE:
        break; /* in the summary */
    }
}

/* Lay out notice n and free it. */
static void notice(tally_notice *n, FILE *out)
{
    int printed = 0;
    tally_notice_kind prev = TALLY_NOTICE_LINE;

    for (size_t i = 0; i < n->n_items; i++) {
        const tally_notice_item *it = &n->items[i];
        if (it->kind == TALLY_NOTICE_FIGURE)
            continue;
        if (printed && !continues(prev, it->kind))
            fputc('\n', out);
        item(out, it);
        prev = it->kind;
        printed = 1;
    }
    tally_notice_free(n);
}

static void summary(const tally_result *r, FILE *out)
{
    const tally_election *e = r->election;
    char a[64], b[32], c[32];

    fprintf(out, "\nRESULT\n\n");
    for (size_t k = 0; k < r->n_winners; k++)
        fprintf(out, "Elected: %s (%s)\n", tally_result_candidate_label(r, r->winners[k]),
                tally_result_party_code(r, r->winners[k]));
    if (r->outcome)
        fprintf(out, "Outcome: %s\n", r->outcome);
    if (!r->contested) {
        fprintf(out, "Uncontested: no poll was taken.\n");
        return;
    }
    fprintf(out, "Majority: %s (%s%% of %s)\n", tally_rep_count(r->majority, a, sizeof a),
            tally_rep_centi(r->has_majority_percent, r->majority_percent, b, sizeof b),
            e->seats > 1 ? "votes cast" : "valid votes");
    if (r->has_swing)
        fprintf(out, "Swing: %s points from %s to %s (Butler)\n",
                tally_rep_centi(1, r->swing, a, sizeof a),
                tally_result_party_code(r, r->swing_from),
                tally_result_party_code(r, r->swing_to));
    fputc('\n', out);

    tally_rep_pad(out, "Candidate", NAME_W);
    fprintf(out, "%-8s %10s %8s %8s  %s\n", "Party", "Votes", "Share", "Change", "Deposit");
    for (size_t k = 0; k < r->n_candidates; k++) {
        size_t i = r->order[k];
        const tally_result_candidate *rc = &r->candidates[i];
        tally_rep_pad(out, tally_result_candidate_label(r, i), NAME_W);
        tally_rep_pad(out, tally_result_party_code(r, i), 8);
        fprintf(out, " %10s %8s %8s  %s\n",
                tally_rep_count(tally_result_declared_votes(r, i), a, sizeof a),
                tally_rep_centi(rc->has_share, rc->share, b, sizeof b),
                tally_rep_centi(rc->has_change, rc->change, c, sizeof c),
                tally_deposit_name(rc->deposit) ? tally_deposit_name(rc->deposit) : "-");
    }
    fputc('\n', out);
    fprintf(out, "Electorate:                        %12s\n",
            tally_rep_count(e->electorate, a, sizeof a));
    /* With several seats a paper carries several votes: the valid total
    ** is of ballot papers (LEPAR 2006 Sch.2 r.47), not of votes. */
    fprintf(out, e->seats > 1 ? "Valid ballot papers:               %12s\n"
                              : "Valid votes:                       %12s\n",
            tally_rep_count(r->valid_votes, a, sizeof a));
    fprintf(out, "Rejected ballot papers:            %12s\n",
            tally_rep_count(r->rejected_total, a, sizeof a));
    fprintf(out, "Counted (valid + rejected):        %12s\n",
            tally_rep_count(r->counted_total, a, sizeof a));
    if (r->verified_total != TALLY_NONE)
        fprintf(out, "Verified at verification:          %12s\n",
                tally_rep_count(r->verified_total, a, sizeof a));
    if (r->has_verification_difference && r->verification_difference != 0)
        fprintf(out, "CHECK: the count differs from verification by %s paper%s (%s %s)\n",
                tally_rep_count(r->verification_difference < 0 ? -r->verification_difference
                                                               : r->verification_difference,
                                a, sizeof a),
                r->verification_difference == 1 || r->verification_difference == -1 ? "" : "s",
                r->verification_difference > 0 ? "verified but not counted"
                                               : "counted but not verified",
                "- to be explained");
    else if (r->has_verification_difference)
        fprintf(out, "The count agrees with verification.\n");
    fprintf(out, "Turnout (ballot box, valid + rejected): %s%%\n",
            tally_rep_centi(r->has_turnout_ballot_box, r->turnout_ballot_box, a, sizeof a));
    fprintf(out, "Turnout (valid votes):                  %s%%\n",
            tally_rep_centi(r->has_turnout_valid, r->turnout_valid, a, sizeof a));
    if (r->has_lot) {
        fprintf(out, "Lot: seed %llu", (unsigned long long)r->lot_seed);
        for (size_t k = 0; k < r->n_draws; k++)
            fprintf(out, "%s fell on %s among %zu tied", k ? ";" : ",",
                    tally_result_candidate_label(r, r->draws[k].falls_on), r->draws[k].n_tied);
        fputc('\n', out);
    }
    if (e->previous) {
        tally_rep_long_date(e->previous->date, a, sizeof a);
        fprintf(out, "Change is measured against: %s%s%s\n",
                e->previous->label ? e->previous->label : "the previous result",
                e->previous->date ? ", " : "", e->previous->date ? a : "");
    }
}

tally_status tally_report_text(const tally_result *r, FILE *out)
{
    tally_notice *n;
    tally_status s = tally_notice_build(r, &n);
    if (s != TALLY_OK)
        return s;
    notice(n, out);
    summary(r, out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}

tally_status tally_report_rejected_text(const tally_election *e, const int64_t *papers,
                                        const int64_t *objected, FILE *out)
{
    tally_notice *n;
    tally_status s = tally_notice_build_rejected(e, papers, objected, &n);
    if (s != TALLY_OK)
        return s;
    notice(n, out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
