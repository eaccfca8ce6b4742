/*
** A list allocation as text (tally_report_list_text in
** include/tally/listpr_io.h): per area, the parties' votes, the rounds with
** every party's quotient and who takes each seat, the members returned in
** order and the seats by party, as a regional returning officer's
** statement sets them out.
*/
#include <stdio.h>
#include <string.h>

#include "list_quot.h"
#include "tally/listpr_io.h"
#include "tally/num.h"
#include "util.h"

static size_t name_width(const tally_list_area *a)
{
    size_t w = 5;
    for (size_t p = 0; p < a->n_parties; p++) {
        size_t x = tally_rep_width(a->parties[p].name);
        if (x > w)
            w = x;
    }
    return w > 48 ? 48 : w;
}

static void area_text(const tally_list_result *r, size_t ai, FILE *out)
{
    const tally_list_area_result *ar = &r->areas[ai];
    const tally_list_area *a = ar->area;
    size_t w = name_width(a);
    char b1[48], b2[48], b3[48];

    fprintf(out, "%s: %lld member%s\n", a->name, (long long)ar->seats, ar->seats == 1 ? "" : "s");
    fprintf(out, "Valid votes: %s\n", tally_rep_count(ar->valid_votes, b1, sizeof b1));
    if (r->threshold_num) {
        int64_t c = 0;
        tally_num_round_ratio(r->threshold_num * 100, r->threshold_den, 100, &c);
        fprintf(out, "Threshold: %s%% of the valid votes\n", tally_rep_centi(1, c, b1, sizeof b1));
    }
    fputc('\n', out);
    tally_rep_pad(out, "Party", w);
    fprintf(out, "  %12s%s\n", "Votes", r->counts_constituency ? "  Constituency seats" : "");
    for (size_t p = 0; p < a->n_parties; p++) {
        const tally_list_party *pt = &a->parties[p];
        tally_rep_pad(out, pt->name, w);
        fprintf(out, "  %12s", tally_rep_count(pt->votes, b1, sizeof b1));
        if (r->counts_constituency)
            fprintf(out, "  %18lld", (long long)pt->constituency_seats);
        if (ar->out[p] == TALLY_LIST_BELOW_THRESHOLD)
            fputs("  (below the threshold: disregarded)", out);
        else if (pt->independent)
            fputs("  (individual candidate)", out);
        fputc('\n', out);
    }
    for (size_t i = 0; i < ar->n_rounds; i++) {
        const tally_list_round *rd = &ar->rounds[i];
        fprintf(out, "\nRound %zu\n", i + 1);
        for (size_t p = 0; p < a->n_parties; p++) {
            if (rd->out[p] == TALLY_LIST_BELOW_THRESHOLD)
                continue;
            fputs("  ", out);
            tally_rep_pad(out, a->parties[p].name, w);
            if (rd->out[p]) {
                fprintf(out, "  (%s)\n", tally_rep_list_out(rd->out[p]));
                continue;
            }
            tally_rep_list_divisor(r, rd->divisor[p], b2, sizeof b2);
            tally_rep_list_quotient(r, a->parties[p].votes, rd->divisor[p], b3, sizeof b3);
            fprintf(out, "  %12s / %-3s = %15s%s\n",
                    tally_rep_count(a->parties[p].votes, b1, sizeof b1), b2, b3,
                    p == rd->winner ? "  <- seat" : "");
        }
        fprintf(out, "  Seat %zu: %s", i + 1, a->parties[rd->winner].name);
        if (rd->member && !a->parties[rd->winner].independent)
            fprintf(out, " (%s)", rd->member);
        if (rd->choice == TALLY_LIST_EACH)
            fprintf(out, "; %zu equal highest, a seat for each", rd->n_tied);
        else if (rd->choice == TALLY_LIST_LOT)
            fprintf(out, "; %zu equal highest, decided by lot", rd->n_tied);
        fputc('\n', out);
    }
    if (ar->unfilled)
        fprintf(out, "\n%lld seat%s not filled: no party or candidate remains in contention\n",
                (long long)ar->unfilled, ar->unfilled == 1 ? "" : "s");
    fputs("\nMembers returned, in order\n", out);
    for (size_t i = 0; i < ar->n_rounds; i++) {
        const tally_list_round *rd = &ar->rounds[i];
        const tally_list_party *pt = &a->parties[rd->winner];
        if (pt->independent)
            fprintf(out, "  %zu. %s (individual candidate)\n", i + 1, pt->name);
        else if (rd->member)
            fprintf(out, "  %zu. %s (%s)\n", i + 1, rd->member, pt->name);
        else
            fprintf(out, "  %zu. %s, list place %zu\n", i + 1, pt->name, rd->place);
    }
    fputs("\nSeats\n  ", out);
    tally_rep_pad(out, "Party", w);
    fprintf(out, "  %s%6s%s\n", r->counts_constituency ? "Constituency    " : "", "List",
            r->counts_constituency ? "   Total" : "");
    for (size_t p = 0; p < a->n_parties; p++) {
        const tally_list_party *pt = &a->parties[p];
        int64_t total = tally_list_total_seats(r, ai, p);
        if (total == 0)
            continue;
        fputs("  ", out);
        tally_rep_pad(out, pt->name, w);
        if (r->counts_constituency)
            fprintf(out, "  %12lld    %6lld%8lld\n", (long long)pt->constituency_seats,
                    (long long)ar->list_seats[p], (long long)total);
        else
            fprintf(out, "  %6lld\n", (long long)ar->list_seats[p]);
    }
}

tally_status tally_report_list_text(const tally_list_result *r, FILE *out)
{
    if (r->e->title)
        fprintf(out, "%s\n", r->e->title);
    fprintf(out, "Method: %s: %s\n", tally_list_method_name(r->method),
            tally_list_method_source(r->method));
    if (r->n_lots)
        fprintf(out, "Equalities decided by lot: %zu, seed %llu\n", r->n_lots,
                (unsigned long long)r->seed);
    for (size_t a = 0; a < r->n_areas; a++) {
        fputc('\n', out);
        area_text(r, a, out);
    }
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
