/*
** The declaration notice and result summary as text
** (tally_report_text in include/tally/report.h).
**
** PER r.50(1)(c): public notice of the name of the person elected, the
** total number of votes given for each candidate and the number of rejected
** ballot papers under each head of the statement of rejected ballot papers.
** The wording follows the customary form (no form is prescribed); a
** commonly used name is given beside the full name (EC guidance). PER r.49:
** when lots were drawn the notice says so and shows the additional vote.
*/
#include <string.h>

#include "tally/report.h"
#include "util.h"

#define NAME_W 34
#define DESC_W 38

static void candidate_name(const tally_candidate *c, char *buf, size_t n)
{
    if (c->common_name && strcmp(c->common_name, c->name) != 0)
        snprintf(buf, n, "%s (%s)", c->name, c->common_name);
    else
        snprintf(buf, n, "%s", c->name);
}

static void notice(const tally_result *r, FILE *out)
{
    const tally_election *e = r->election;
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    const char *officer = e->officer_title ? e->officer_title : ci->officer_title;
    char date[64], num[32], name[256], para[4096], area[600];

    /* "the Batley and Spen Constituency"; a ward or other area by name. */
    if (e->type == TALLY_CONTEST_UK_PARLIAMENT)
        snprintf(area, sizeof area, "the %s Constituency", e->area_name);
    else
        snprintf(area, sizeof area, "%s", e->area_name);
    tally_rep_long_date(e->date, date, sizeof date);
    fprintf(out, "%s\n%s%s\n%s\n\n", e->name, e->area_name,
            e->type == TALLY_CONTEST_UK_PARLIAMENT ? " Constituency" : "", date);
    fprintf(out, r->contested ? "DECLARATION OF RESULT OF POLL\n\n"
                              : "DECLARATION OF PERSONS ELECTED UNOPPOSED\n\n");
    snprintf(para, sizeof para,
             "I, %s, being the %s for %s, do hereby give notice that %s",
             e->officer_name ? e->officer_name : "the undersigned", officer, area,
             r->contested ? "the number of votes recorded for each candidate at the said "
                            "election is as follows:"
                          : "the number of candidates validly nominated did not exceed "
                            "the number of seats, so no poll was taken.");
    tally_rep_wrap(out, para, 78);
    fputc('\n', out);
    if (r->contested) {
        tally_rep_pad(out, "Name of candidate", NAME_W);
        tally_rep_pad(out, "Description", DESC_W);
        fprintf(out, "%12s\n", "Votes");
        for (size_t i = 0; i < r->n_candidates; i++) {
            const tally_candidate *c = &e->candidates[i];
            candidate_name(c, name, sizeof name);
            tally_rep_pad(out, name, NAME_W);
            tally_rep_pad(out, c->party_name, DESC_W);
            tally_rep_rpad(out, tally_rep_count(tally_result_declared_votes(r, i), num,
                                                sizeof num), 12);
            fprintf(out, "%s\n", r->candidates[i].elected ? "  Elected" : "");
        }
        fprintf(out, "\nThe number of ballot papers rejected was as follows:\n\n");
        for (size_t h = 0; h < ci->n_heads; h++) {
            char label[160];
            snprintf(label, sizeof label, "(%c) %s", (char)('a' + h),
                     tally_contest_head_label(ci, h, e->seats));
            tally_rep_pad(out, label, NAME_W + DESC_W);
            tally_rep_rpad(out, r->has_rejected_by_head
                                    ? tally_rep_count(e->rejected[h], num, sizeof num)
                                    : "not given", 12);
            fputc('\n', out);
        }
        tally_rep_pad(out, "Total", NAME_W + DESC_W);
        tally_rep_rpad(out, tally_rep_count(r->rejected_total, num, sizeof num), 12);
        fputs("\n\n", out);
    }
    for (size_t k = 0; k < r->n_draws; k++) {
        snprintf(para, sizeof para,
                 "Following an equality of votes, lots were drawn and, as a consequence, an "
                 "additional vote was allotted to %s.",
                 tally_result_candidate_label(r, r->draws[k].falls_on));
        tally_rep_wrap(out, para, 78);
        fputc('\n', out);
    }
    {
        size_t o = (size_t)snprintf(para, sizeof para, "And I do hereby declare that ");
        for (size_t k = 0; k < r->n_winners && o < sizeof para; k++)
            o += (size_t)snprintf(para + o, sizeof para - o, "%s%s",
                                  k == 0 ? "" : k + 1 == r->n_winners ? " and " : ", ",
                                  tally_result_candidate_label(r, r->winners[k]));
        if (o < sizeof para)
            snprintf(para + o, sizeof para - o, " %s duly elected as the %s%s for %s.",
                     r->n_winners > 1 ? "are" : "is", ci->member_title,
                     r->n_winners > 1 ? "s" : "", area);
        tally_rep_wrap(out, para, 78);
    }
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
    notice(r, out);
    summary(r, out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
