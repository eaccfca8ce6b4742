/*
** Contest types: the statutory heads of rejected ballot papers and the
** default deposit for each.
**
** UK Parliament: Parliamentary Elections Rules (RPA 1983 Sch 1) r.47(1)
** heads (a)-(d) and r.53 (deposit of £500 forfeited at or below one
** twentieth of the votes polled). Local elections in England and Wales
** (Local Elections (Principal Areas) Rules 2006 r.47): the same four heads,
** head (b) read as "more candidates than the voter is entitled to" where
** more than one seat is filled, and no deposit. Police and crime
** commissioner elections (PCC Elections Order 2012 Sch 3 r.53(7)) split
** head (d) into "unmarked" and "void for uncertainty"; mayoral elections by
** first past the post since 2023 are taken to do the same (UNCONFIRMED
** verbatim: docs/rules.md says so). Mayor and PCC deposits are £5,000 with
** the same one-twentieth test.
*/
#include "tally/election.h"

#include <string.h>

#define HEADS4_KEYS { "official_mark", "more_than_one", "identifying_mark", "unmarked_or_void" }
#define HEADS4_LABELS { "want of an official mark", \
                        "voting for more than one candidate", \
                        "writing or mark by which the voter could be identified", \
                        "being unmarked or wholly void for uncertainty" }
#define HEADS5_KEYS { "official_mark", "more_than_one", "identifying_mark", "unmarked", "void_for_uncertainty" }
#define HEADS5_LABELS { "want of an official mark", \
                        "voting for more than one candidate", \
                        "writing or mark by which the voter could be identified", \
                        "being unmarked", \
                        "being void for uncertainty" }

static const tally_contest_info contests[TALLY_CONTEST__COUNT] = {
    [TALLY_CONTEST_UK_PARLIAMENT] = { "uk-parliament", "Member of Parliament",
        "Acting Returning Officer", 1, 1, 500, 4, HEADS4_KEYS, HEADS4_LABELS },
    [TALLY_CONTEST_LOCAL] = { "local", "Councillor",
        "Returning Officer", 0, 0, 0, 4, HEADS4_KEYS, HEADS4_LABELS },
    [TALLY_CONTEST_MAYOR] = { "mayor", "Mayor",
        "Returning Officer", 1, 1, 5000, 5, HEADS5_KEYS, HEADS5_LABELS },
    [TALLY_CONTEST_PCC] = { "pcc", "Police and Crime Commissioner",
        "Police Area Returning Officer", 1, 1, 5000, 5, HEADS5_KEYS, HEADS5_LABELS },
};

const tally_contest_info *tally_contest_info_get(tally_contest_type t)
{
    if ((int)t < 0 || t >= TALLY_CONTEST__COUNT)
        return &contests[0];
    return &contests[t];
}

tally_status tally_contest_type_parse(const char *key, tally_contest_type *out)
{
    for (int i = 0; i < TALLY_CONTEST__COUNT; i++) {
        if (strcmp(contests[i].key, key) == 0) {
            *out = (tally_contest_type)i;
            return TALLY_OK;
        }
    }
    return TALLY_ENOTFOUND;
}

tally_status tally_nation_parse(const char *key, tally_nation *out)
{
    static const char *const keys[] = { "england", "scotland", "wales", "northern-ireland" };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(keys[i], key) == 0) {
            *out = (tally_nation)(i + 1);
            return TALLY_OK;
        }
    }
    return TALLY_ENOTFOUND;
}

const char *tally_contest_head_label(const tally_contest_info *ci, size_t head, int seats)
{
    if (head >= ci->n_heads)
        return "";
    if (head == 1 && seats > 1)
        return "voting for more candidates than the voter was entitled to";
    return ci->head_labels[head];
}
