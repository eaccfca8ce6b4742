/*
** The declaration of result notice's content, built once (notice.h).
**
** PER r.50(1)(c): public notice of the name of the person elected, the
** total number of votes given for each candidate and the number of rejected
** ballot papers under each head of the statement of rejected ballot papers.
** The wording follows the customary form (no form is prescribed); a
** commonly used name is given beside the full name (EC guidance). PER r.49:
** when lots were drawn the notice says so and shows the additional vote.
** The electorate and turnout close the notice as the Electoral
** Commission's declaration form gives them.
*/
#include <stdio.h>
#include <string.h>

#include "notice.h"
#include "tally/alloc.h"
#include "util.h"

typedef struct notice_impl {
    tally_notice pub;
    size_t cap_items;
    char **strings;    /* every string the items point to */
    size_t n_strings, cap_strings;
} notice_impl;

/* A copy of s kept by the notice; NULL only on allocation failure. */
static const char *keep(notice_impl *n, const char *s)
{
    char *c;
    if (!tally_grow(&n->strings, &n->cap_strings, n->n_strings, sizeof *n->strings) ||
        !(c = tally_strdup(s)))
        return NULL;
    n->strings[n->n_strings++] = c;
    return c;
}

/* Append an item; its cells are copied. cells and cy hold TALLY_NOTICE_CELLS
** entries, a NULL cell being empty (English) or absent (Welsh). The Welsh
** is kept only when the notice is bilingual. */
static tally_status add(notice_impl *n, tally_notice_kind kind, const char *mark,
                        const char *const *cells, const char *const *cy)
{
    tally_notice_item it;
    memset(&it, 0, sizeof it);
    it.kind = kind;
    if (mark && !(it.mark = keep(n, mark)))
        return TALLY_ENOMEM;
    for (int i = 0; i < TALLY_NOTICE_CELLS; i++) {
        if (!(it.en[i] = keep(n, cells[i] ? cells[i] : "")))
            return TALLY_ENOMEM;
        if (n->pub.bilingual && cy && cy[i] && !(it.cy[i] = keep(n, cy[i])))
            return TALLY_ENOMEM;
    }
    if (!tally_grow(&n->pub.items, &n->cap_items, n->pub.n_items, sizeof *n->pub.items))
        return TALLY_ENOMEM;
    n->pub.items[n->pub.n_items++] = it;
    return TALLY_OK;
}

/* An item of one cell, with its Welsh (or NULL). */
static tally_status add1(notice_impl *n, tally_notice_kind kind, const char *en, const char *cy)
{
    const char *cells[TALLY_NOTICE_CELLS] = { en, NULL, NULL, NULL };
    const char *cys[TALLY_NOTICE_CELLS] = { cy, NULL, NULL, NULL };
    return add(n, kind, NULL, cells, cys);
}

static void candidate_name(const tally_candidate *c, char *buf, size_t n)
{
    if (c->common_name && strcmp(c->common_name, c->name) != 0)
        snprintf(buf, n, "%s (%s)", c->name, c->common_name);
    else
        snprintf(buf, n, "%s", c->name);
}

#define TRY(x) do { tally_status s_ = (x); if (s_ != TALLY_OK) return s_; } while (0)

/* The election, the area and the date of the poll, atop every notice. */
static tally_status lines(notice_impl *n, const tally_election *e)
{
    char line[600], date[64];

    TRY(add1(n, TALLY_NOTICE_LINE, e->name, NULL));
    snprintf(line, sizeof line, "%s%s", e->area_name,
             e->type == TALLY_CONTEST_UK_PARLIAMENT ? " Constituency" : "");
    TRY(add1(n, TALLY_NOTICE_LINE, line, NULL));
    tally_rep_long_date(e->date, date, sizeof date);
    return add1(n, TALLY_NOTICE_LINE, date, NULL);
}

/* "the Batley and Spen Constituency"; a ward or other area by name. */
static void area_of(const tally_election *e, char *buf, size_t n)
{
    if (e->type == TALLY_CONTEST_UK_PARLIAMENT)
        snprintf(buf, n, "the %s Constituency", e->area_name);
    else
        snprintf(buf, n, "%s", e->area_name);
}

static const char *officer_of(const tally_election *e)
{
    return e->officer_title ? e->officer_title : tally_contest_info_get(e->type)->officer_title;
}

static tally_status heading(notice_impl *n, const tally_result *r, const char *area)
{
    const tally_election *e = r->election;
    const char *officer = officer_of(e);
    char para[4096];

    TRY(lines(n, e));
    TRY(add1(n, TALLY_NOTICE_TITLE,
             r->contested ? "DECLARATION OF RESULT OF POLL"
                          : "DECLARATION OF PERSONS ELECTED UNOPPOSED",
             tally_cy_phrase_get(r->contested ? TALLY_CY_TITLE : TALLY_CY_UNOPPOSED)));
    snprintf(para, sizeof para,
             "I, %s, being the %s for %s, do hereby give notice that %s",
             e->officer_name ? e->officer_name : "the undersigned", officer, area,
             r->contested ? "the number of votes recorded for each candidate at the said "
                            "election is as follows:"
                          : "the number of candidates validly nominated did not exceed "
                            "the number of seats, so no poll was taken.");
    return add1(n, TALLY_NOTICE_PARA, para, NULL);
}

static tally_status candidates(notice_impl *n, const tally_result *r)
{
    const tally_election *e = r->election;
    const char *cols[TALLY_NOTICE_CELLS] = { "Name of candidate", "Description", "Votes", NULL };
    const char *cy_cols[TALLY_NOTICE_CELLS] = { tally_cy_phrase_get(TALLY_CY_NAME),
                                                tally_cy_phrase_get(TALLY_CY_DESCRIPTION),
                                                tally_cy_phrase_get(TALLY_CY_VOTES), NULL };
    const char *cy_row[TALLY_NOTICE_CELLS] = { NULL };
    char name[256], num[32];

    TRY(add(n, TALLY_NOTICE_COLUMNS, NULL, cols, cy_cols));
    for (size_t i = 0; i < r->n_candidates; i++) {
        const tally_candidate *c = &e->candidates[i];
        const char *row[TALLY_NOTICE_CELLS];
        candidate_name(c, name, sizeof name);
        row[0] = name;
        row[1] = c->party_name;
        row[2] = tally_rep_count(tally_result_declared_votes(r, i), num, sizeof num);
        row[3] = r->candidates[i].elected ? "Elected" : NULL;
        cy_row[3] = r->candidates[i].elected ? tally_cy_phrase_get(TALLY_CY_ELECTED) : NULL;
        TRY(add(n, TALLY_NOTICE_CANDIDATE, NULL, row, cy_row));
    }
    return TALLY_OK;
}

static tally_status rejected(notice_impl *n, const tally_result *r)
{
    const tally_election *e = r->election;
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    char num[32], mark[8];

    TRY(add1(n, TALLY_NOTICE_REJECTED, "The number of ballot papers rejected was as follows:",
             tally_cy_phrase_get(TALLY_CY_REJECTED)));
    for (size_t h = 0; h < ci->n_heads; h++) {
        const char *row[TALLY_NOTICE_CELLS] = { tally_contest_head_label(ci, h, e->seats), NULL,
                                                r->has_rejected_by_head
                                                    ? tally_rep_count(e->rejected[h], num,
                                                                      sizeof num)
                                                    : "not given",
                                                NULL };
        const char *cy[TALLY_NOTICE_CELLS] = { tally_cy_head(ci->head_keys[h]), NULL, NULL,
                                               NULL };
        snprintf(mark, sizeof mark, "(%c)", (char)('a' + h));
        TRY(add(n, TALLY_NOTICE_HEAD, mark, row, cy));
    }
    {
        const char *row[TALLY_NOTICE_CELLS] = { "Total", NULL,
                                                tally_rep_count(r->rejected_total, num,
                                                                sizeof num),
                                                NULL };
        const char *cy[TALLY_NOTICE_CELLS] = { tally_cy_phrase_get(TALLY_CY_TOTAL), NULL, NULL,
                                               NULL };
        return add(n, TALLY_NOTICE_TOTAL, NULL, row, cy);
    }
}

static tally_status declaration(notice_impl *n, const tally_result *r, const char *area)
{
    const tally_contest_info *ci = tally_contest_info_get(r->election->type);
    char para[4096];
    size_t o;

    for (size_t k = 0; k < r->n_draws; k++) {
        snprintf(para, sizeof para,
                 "Following an equality of votes, lots were drawn and, as a consequence, an "
                 "additional vote was allotted to %s.",
                 tally_result_candidate_label(r, r->draws[k].falls_on));
        TRY(add1(n, TALLY_NOTICE_PARA, para, NULL));
    }
    o = (size_t)snprintf(para, sizeof para, "And I do hereby declare that ");
    for (size_t k = 0; k < r->n_winners && o < sizeof para; k++)
        o += (size_t)snprintf(para + o, sizeof para - o, "%s%s",
                              k == 0 ? "" : k + 1 == r->n_winners ? " and " : ", ",
                              tally_result_candidate_label(r, r->winners[k]));
    if (o < sizeof para)
        snprintf(para + o, sizeof para - o, " %s duly elected as the %s%s for %s.",
                 r->n_winners > 1 ? "are" : "is", ci->member_title,
                 r->n_winners > 1 ? "s" : "", area);
    return add1(n, TALLY_NOTICE_PARA, para, NULL);
}

static tally_status figures(notice_impl *n, const tally_result *r)
{
    char a[64];
    const char *electorate[TALLY_NOTICE_CELLS] = {
        "Electorate", NULL, tally_rep_count(r->election->electorate, a, sizeof a), NULL
    };
    TRY(add(n, TALLY_NOTICE_FIGURE, NULL, electorate, NULL));
    if (r->contested) {
        char pct[40];
        const char *turnout[TALLY_NOTICE_CELLS] = { "Turnout", NULL, pct, NULL };
        snprintf(pct, sizeof pct, "%s%s",
                 tally_rep_centi(r->has_turnout_ballot_box, r->turnout_ballot_box, a, sizeof a),
                 r->has_turnout_ballot_box ? "%" : "");
        TRY(add(n, TALLY_NOTICE_FIGURE, NULL, turnout, NULL));
    }
    return TALLY_OK;
}

static tally_status build(notice_impl *n, const tally_result *r)
{
    char area[600];

    area_of(r->election, area, sizeof area);
    TRY(heading(n, r, area));
    if (r->contested) {
        TRY(candidates(n, r));
        TRY(rejected(n, r));
    }
    TRY(declaration(n, r, area));
    return figures(n, r);
}

/* PER r.47: the statement shows the number of papers rejected under each
** head; a paper endorsed "rejection objected to" (an agent objected to the
** decision) is shown beside its head, as the count records it. The wording
** is ours: no form is prescribed. English only: no cited Welsh text of the
** statement was found, so a Welsh area's statement is in English. */
static tally_status build_rejected(notice_impl *n, const tally_election *e,
                                   const int64_t *papers, const int64_t *objected)
{
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    const char *cols[TALLY_NOTICE_CELLS] = { "Head", NULL, "Papers", "Rejection objected to" };
    int64_t total = 0, total_objected = 0;
    char area[600], para[4096], num[32], ob[32], mark[8];

    area_of(e, area, sizeof area);
    TRY(lines(n, e));
    TRY(add1(n, TALLY_NOTICE_TITLE, "STATEMENT OF REJECTED BALLOT PAPERS", NULL));
    snprintf(para, sizeof para,
             "I, %s, being the %s for %s, state that the number of ballot papers rejected at "
             "the count, under each head, and the number of them whose rejection was "
             "objected to, were as follows:",
             e->officer_name ? e->officer_name : "the undersigned", officer_of(e), area);
    TRY(add1(n, TALLY_NOTICE_PARA, para, NULL));
    TRY(add(n, TALLY_NOTICE_HEADS, NULL, cols, NULL));
    for (size_t h = 0; h < ci->n_heads; h++) {
        const char *row[TALLY_NOTICE_CELLS] = { tally_contest_head_label(ci, h, e->seats), NULL,
                                                tally_rep_count(papers[h], num, sizeof num),
                                                tally_rep_count(objected[h], ob, sizeof ob) };
        snprintf(mark, sizeof mark, "(%c)", (char)('a' + h));
        TRY(add(n, TALLY_NOTICE_HEAD, mark, row, NULL));
        total += papers[h];
        total_objected += objected[h];
    }
    {
        const char *row[TALLY_NOTICE_CELLS] = { "Total", NULL,
                                                tally_rep_count(total, num, sizeof num),
                                                tally_rep_count(total_objected, ob, sizeof ob) };
        return add(n, TALLY_NOTICE_TOTAL, NULL, row, NULL);
    }
}

typedef struct rejected_args {
    const tally_election *e;
    const int64_t *papers, *objected;
} rejected_args;

/* Make a notice with fill, freeing it whole if fill fails. */
static tally_status make(int bilingual, tally_status (*fill)(notice_impl *, const void *),
                         const void *arg, tally_notice **out)
{
    notice_impl *n = tally_calloc(1, sizeof *n);
    tally_status s;

    *out = NULL;
    if (!n)
        return TALLY_ENOMEM;
    n->pub.bilingual = bilingual;
    if ((s = fill(n, arg)) != TALLY_OK) {
        tally_notice_free(&n->pub);
        return s;
    }
    *out = &n->pub;
    return TALLY_OK;
}

static tally_status fill_declaration(notice_impl *n, const void *arg)
{
    return build(n, arg);
}

static tally_status fill_rejected(notice_impl *n, const void *arg)
{
    const rejected_args *a = arg;
    return build_rejected(n, a->e, a->papers, a->objected);
}

tally_status tally_notice_build(const tally_result *r, tally_notice **out)
{
    return make(r->election->nation == TALLY_NATION_WALES, fill_declaration, r, out);
}

tally_status tally_notice_build_rejected(const tally_election *e, const int64_t *papers,
                                         const int64_t *objected, tally_notice **out)
{
    rejected_args a = { e, papers, objected };
    return make(0, fill_rejected, &a, out);
}

void tally_notice_free(tally_notice *pub)
{
    notice_impl *n = (notice_impl *)pub;
    if (!n)
        return;
    for (size_t i = 0; i < n->n_strings; i++)
        tally_free(n->strings[i]);
    tally_free(n->strings);
    tally_free(n->pub.items);
    tally_free(n);
}
