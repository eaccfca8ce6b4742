/*
** Stage reports as text (include/tally/stages.h): laid out as councils
** publish a ward's stages, one block per stage with each candidate's
** transfer and total, the non-transferable papers, and who was elected or
** excluded and why (including how an equality was decided).
*/
#include <stdio.h>
#include <string.h>

#include "tally/num.h"
#include "tally/stages.h"
#include "util.h"

#define FIG 14 /* width of a figure column at five places */

/* The width of a figure column for r: wider with more places (meek). */
static size_t fig_width(const tally_method_result *r)
{
    int p = tally_method_places(r);
    return p > TALLY_VOTE_PLACES ? FIG + (size_t)(p - TALLY_VOTE_PLACES) : FIG;
}

static const char *name_of(const tally_method_result *r, size_t c)
{
    return r->pool->names[c] ? r->pool->names[c] : "";
}

static void figure(FILE *out, const tally_method_result *r, int64_t units, int sign)
{
    char buf[48], s[56];

    tally_method_format_units(units, tally_method_places(r), buf, sizeof buf);
    snprintf(s, sizeof s, "%s%s", sign && units >= 0 ? "+" : "", buf);
    tally_rep_rpad(out, s, fig_width(r));
}

static void blank(FILE *out, const tally_method_result *r)
{
    tally_rep_rpad(out, "", fig_width(r));
}

static void heading(FILE *out, const tally_method_result *r, size_t i)
{
    const tally_stage *st = &r->stages[i];
    char buf[48];

    fprintf(out, "Stage %zu: ", i + 1);
    if (st->kind == TALLY_STAGE_FIRST) {
        fputs("first preferences\n", out);
        return;
    }
    if (st->kind == TALLY_STAGE_SURPLUS) {
        /* the candidates whose votes fell at the stage: more than the
        ** subject where several surpluses moved together (RCTab's
        ** several-seat modes); st->surplus is then all of them */
        size_t fell = 0, n = r->pool->n_candidates;
        int subject_fell = 0;
        for (size_t c = 0; i > 0 && c < n; c++)
            if (st->votes[c] != TALLY_NONE && r->stages[i - 1].votes[c] != TALLY_NONE &&
                st->votes[c] < r->stages[i - 1].votes[c]) {
                fell++;
                subject_fell |= c == st->subject;
            }
        tally_method_format_units(st->surplus, tally_method_places(r), buf, sizeof buf);
        if (fell > 1 && subject_fell) {
            size_t k = 0;
            fputs("transfer of the surpluses of ", out);
            for (size_t c = 0; c < n; c++)
                if (st->votes[c] != TALLY_NONE && r->stages[i - 1].votes[c] != TALLY_NONE &&
                    st->votes[c] < r->stages[i - 1].votes[c]) {
                    k++;
                    fprintf(out, "%s%s", k == 1 ? "" : k == fell ? " and " : ", ", name_of(r, c));
                }
            fprintf(out, " (%s)\n", buf);
        } else {
            fprintf(out, "transfer of the surplus of %s (%s)\n", name_of(r, st->subject), buf);
        }
    } else if (st->kind == TALLY_STAGE_ITERATION) {
        fputs("surpluses of the elected candidates redistributed (keep factors)\n", out);
    } else if (st->kind == TALLY_STAGE_SECOND) {
        /* Supplementary vote: the second stage adds second preferences from
        ** the eliminated candidates' papers (LGA 2000 Sch 2 para 5). */
        fputs("second preferences on the eliminated candidates' papers\n", out);
    } else if (st->kind == TALLY_STAGE_EXCLUSION && st->n_excluded) {
        fputs("exclusion of ", out);
        for (size_t k = 0; k < st->n_excluded; k++)
            fprintf(out, "%s%s", k == 0 ? "" : k + 1 == st->n_excluded ? " and " : ", ",
                    name_of(r, st->excluded[k]));
        fputc('\n', out);
    } else {
        fprintf(out, "exclusion of %s\n", name_of(r, st->subject));
    }
    if (st->choice == TALLY_CHOICE_PRECEDING)
        fprintf(out, "  (%zu candidates had equal votes; decided by their votes at stage %zu)\n",
                st->n_tied, st->choice_stage);
    else if (st->choice == TALLY_CHOICE_LOT)
        fprintf(out, "  (%zu candidates had equal votes at every stage; decided by lot)\n",
                st->n_tied);
    else if (st->choice == TALLY_CHOICE_ORDER)
        fprintf(out, "  (%zu candidates were tied; decided by the tie-break order)\n",
                st->n_tied);
    if (st->quota) {
        tally_method_format_units(st->quota, tally_method_places(r), buf, sizeof buf);
        fprintf(out, "  Quota: %s\n", buf);
    }
}

static void stage(FILE *out, const tally_method_result *r, size_t i, size_t w)
{
    const tally_stage *st = &r->stages[i];
    const tally_stage *prev = i ? &r->stages[i - 1] : NULL;
    int64_t sum = 0;

    heading(out, r, i);
    fputs("  ", out);
    tally_rep_pad(out, "", w);
    tally_rep_rpad(out, i ? "transfer" : "", fig_width(r));
    tally_rep_rpad(out, "total", fig_width(r));
    fputc('\n', out);
    for (size_t c = 0; c < r->pool->n_candidates; c++) {
        const tally_method_candidate *mc = &r->candidates[c];
        if (st->votes[c] == TALLY_NONE)
            continue; /* excluded earlier, or withdrawn */
        sum += st->votes[c];
        fputs("  ", out);
        tally_rep_pad(out, name_of(r, c), w);
        if (prev)
            figure(out, r, st->votes[c] - prev->votes[c], 1);
        else
            blank(out, r);
        figure(out, r, st->votes[c], 0);
        if (mc->fate == TALLY_FATE_ELECTED && mc->stage == i + 1)
            fputs(mc->last_vacancy ? "  elected (last vacancies)" : "  elected", out);
        else if (mc->fate == TALLY_FATE_ELECTED && mc->stage < i + 1)
            fputs("  (elected)", out);
        else if (mc->fate == TALLY_FATE_EXCLUDED && mc->stage == i + 1)
            fputs("  excluded", out);
        fputc('\n', out);
    }
    fputs("  ", out);
    tally_rep_pad(out, "Non-transferable", w);
    if (prev)
        figure(out, r, st->exhausted + st->lost - prev->exhausted - prev->lost, 1);
    else
        blank(out, r);
    figure(out, r, st->exhausted + st->lost, 0);
    if (st->lost > 0) {
        char lost[48];
        tally_method_format_units(st->lost, tally_method_places(r), lost, sizeof lost);
        fprintf(out, "  (%s lost to rounding)", lost);
    }
    fputc('\n', out);
    fputs("  ", out);
    tally_rep_pad(out, "Total", w);
    blank(out, r);
    figure(out, r, sum + st->exhausted + st->lost, 0);
    fputs("\n\n", out);
}

/* First past the post: the papers, as the statement of rejected papers and
** the count give them (PER r.47, r.50; LEPAR 2006 Sch.2 r.47): those
** rejected for voting for too many and those with no vote, and the papers
** marked for each candidate (a paper gives a candidate one vote at most,
** so these are the candidates' votes as whole papers). */
static void fptp_papers(const tally_method_result *r, FILE *out)
{
    char n[32];
    size_t w = 0;

    tally_num_format_count(r->too_many, n, sizeof n);
    fprintf(out, "Rejected for voting for more %s: %s\n",
            r->seats > 1 ? "candidates than the voter was entitled to" : "than one candidate", n);
    tally_num_format_count(r->invalid - r->too_many, n, sizeof n);
    fprintf(out, "Rejected as unmarked (no candidate standing marked): %s\n", n);
    fprintf(out, "Papers marked for each candidate:\n");
    for (size_t c = 0; c < r->pool->n_candidates; c++)
        if (tally_rep_width(name_of(r, c)) > w)
            w = tally_rep_width(name_of(r, c));
    for (size_t c = 0; c < r->pool->n_candidates; c++) {
        if (r->stages[0].votes[c] == TALLY_NONE)
            continue;
        tally_num_format_count(r->stages[0].votes[c] / TALLY_VOTE_UNIT, n, sizeof n);
        fputs("  ", out);
        tally_rep_pad(out, name_of(r, c), w);
        fprintf(out, " %10s\n", n);
    }
}

tally_status tally_stages_text(const tally_method_result *r, const char *file, FILE *out)
{
    const tally_method_def *def = tally_method_find(r->method);
    size_t w = strlen("Non-transferable");
    char quota[48], count[32], inv[32];

    for (size_t c = 0; c < r->pool->n_candidates; c++)
        if (tally_rep_width(name_of(r, c)) > w)
            w = tally_rep_width(name_of(r, c));
    fprintf(out, "%s\n", r->pool->title ? r->pool->title : (file ? file : "Count"));
    if (file && r->pool->title)
        fprintf(out, "Ballots: %s\n", file);
    if (def)
        fprintf(out, "%s: %s\n", def->title, def->rules);
    tally_num_format_count(r->valid, count, sizeof count);
    fprintf(out, "Seats: %d   Valid papers: %s", r->seats, count);
    /* A method without a quota (fptp: the most votes win) shows none, not 0. */
    if (r->quota) {
        tally_method_format_units(r->quota, tally_method_places(r), quota, sizeof quota);
        fprintf(out, "   Quota: %s", quota);
    }
    fputc('\n', out);
    if (strcmp(r->method, "fptp") == 0) {
        fptp_papers(r, out);
    } else if (r->invalid) {
        tally_num_format_count(r->invalid, inv, sizeof inv);
        fprintf(out, "Papers without a first preference (not counted): %s\n", inv);
    }
    if (r->n_lots)
        fprintf(out, "Equalities decided by lot: %zu, seed %llu\n", r->n_lots,
                (unsigned long long)r->seed);
    fputs("\nCandidates\n", out);
    for (size_t c = 0; c < r->pool->n_candidates; c++) {
        const char *party = r->pool->parties[c];
        fprintf(out, "  %zu. %s", c + 1, name_of(r, c));
        if (party)
            fprintf(out, " (%s)", party);
        if (r->candidates[c].fate == TALLY_FATE_WITHDRAWN)
            fputs(" - withdrawn", out);
        fputc('\n', out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < r->n_stages; i++)
        stage(out, r, i, w);
    fputs("Elected, in order:\n", out);
    for (size_t i = 0; i < r->n_elected; i++) {
        const tally_method_candidate *mc = &r->candidates[r->elected[i]];
        fprintf(out, "  %s (stage %zu%s)\n", name_of(r, r->elected[i]), mc->stage,
                mc->last_vacancy ? ", last vacancies" : "");
    }
    if (r->n_elected < (size_t)r->seats)
        fprintf(out, "  %zu of %d seats unfilled: too few candidates\n",
                (size_t)r->seats - r->n_elected, r->seats);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
