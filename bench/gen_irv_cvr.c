/*
** Benchmark data: a CVR CSV (include/tally/cvr.h) of BALLOTS ballots
** (default 6,000,000) for 20 candidates with 40 rank columns, for timing
** `tally tabulate --method irv`. Deterministic from SEED (default 1),
** through tally's own SplitMix64 lot (lot.h), integers only, so the same
** arguments write the same bytes on any machine.
**
** The voters, made up but shaped like US ranked-choice records (RCTab's
** exports of Alaska 2024 and Minneapolis 2013 in ../shared/data/irv):
**   - three blocs (45%, 20%, 35%) that rank their own bloc's candidates
**     well above the others; each ballot's order is drawn candidate by
**     candidate, with chances proportional to an integer weight (a
**     Plackett-Luce draw): popularity x 8 within the bloc;
**   - how many ranks are used: 1 (28%), 2 or 3 (14% each), 4 (10%),
**     5 (8%), 6-10 (14%), 11-20 (7%), all 20 then blank (2%), the first
**     choice in all 40 columns (1.5%), all 20 then the same 20 again
**     (1%), none (0.5%);
**   - a blank rank inserted (2%), a rank marked for two ("A|B", 0.3%), a
**     rank written "overvote" (0.1%);
**   - names "Surname, Given" quoted, as RCTab writes them; a ballot ID and
**     a precinct column before the ranks.
**
** Usage: gen_irv_cvr OUT.csv [BALLOTS] [SEED]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/lot.h"

#define N_CAND 20
#define N_RANK 40

static const char *const names[N_CAND] = {
    "Okafor, Amara", "Lindqvist, Erik", "Castillo, Maria", "Nakamura, Kenji",
    "O'Brien, Siobhan", "Haddad, Omar", "Kowalski, Anna", "Mensah, Kwame",
    "Fitzgerald, Ruth", "Ivanova, Daria", "Delgado, Luis", "Takahashi, Yumi",
    "Abernathy, Cole", "Nguyen, Linh", "Rossi, Marco", "Adeyemi, Tolu",
    "Bergstrom, Ingrid", "Chandra, Priya", "Dubois, Claire", "Whitfield, James",
};

/* Popularity (integer weights) and bloc of each candidate. */
static const unsigned pop[N_CAND] = { 90, 85, 70, 60, 40, 35, 30, 28, 25, 22,
                                      20, 18, 15, 12, 10, 9, 8, 6, 5, 4 };
static const int bloc[N_CAND] = { 0, 2, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1 };

/* The voter's order of all candidates, drawn by weight. */
static void draw_order(tally_lot *lot, int b, int *order)
{
    unsigned w[N_CAND], total = 0;

    for (int c = 0; c < N_CAND; c++) {
        w[c] = pop[c] * (bloc[c] == b ? 8u : 1u);
        total += w[c];
    }
    for (int k = 0; k < N_CAND; k++) {
        unsigned x = (unsigned)tally_lot_draw(lot, total);
        int c = 0;
        while (w[c] == 0 || x >= w[c]) {
            x -= w[c];
            c++;
        }
        order[k] = c;
        total -= w[c];
        w[c] = 0;
    }
}

/* How many ranks; -1 bullet (first choice everywhere), -2 twice over. */
static int length(tally_lot *lot)
{
    unsigned u = (unsigned)tally_lot_draw(lot, 1000);

    if (u < 280) return 1;
    if (u < 420) return 2;
    if (u < 560) return 3;
    if (u < 660) return 4;
    if (u < 740) return 5;
    if (u < 880) return 6 + (int)tally_lot_draw(lot, 5);
    if (u < 950) return 11 + (int)tally_lot_draw(lot, 10);
    if (u < 970) return 20;
    if (u < 985) return -1;
    if (u < 995) return -2;
    return 0;
}

int main(int argc, char **argv)
{
    long long ballots = argc > 2 ? atoll(argv[2]) : 6000000;
    unsigned long long seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    static char buf[1 << 20];
    tally_lot lot;
    FILE *f;
    size_t o = 0;

    if (argc < 2 || ballots < 1) {
        fprintf(stderr, "usage: gen_irv_cvr OUT.csv [BALLOTS >= 1] [SEED]\n");
        return 2;
    }
    if (!(f = fopen(argv[1], "wb"))) {
        perror(argv[1]);
        return 1;
    }
    tally_lot_init(&lot, seed);
    o += (size_t)snprintf(buf + o, sizeof buf - o, "Ballot ID,Precinct");
    for (int k = 1; k <= N_RANK; k++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, ",Rank %d", k);
    buf[o++] = '\n';
    for (long long i = 0; i < ballots; i++) {
        unsigned u = (unsigned)tally_lot_draw(&lot, 100);
        int b = u < 45 ? 0 : u < 65 ? 1 : 2, order[N_CAND], cell[N_RANK], n = length(&lot);
        int two = -1;
        for (int k = 0; k < N_RANK; k++)
            cell[k] = -1; /* blank */
        draw_order(&lot, b, order);
        if (n == -1) {
            for (int k = 0; k < N_RANK; k++)
                cell[k] = order[0];
        } else if (n == -2) {
            for (int k = 0; k < N_RANK; k++)
                cell[k] = order[k % N_CAND];
        } else {
            for (int k = 0; k < n; k++)
                cell[k] = order[k];
        }
        if (n > 0 && n < N_RANK && tally_lot_draw(&lot, 1000) < 20) {
            int at = (int)tally_lot_draw(&lot, (size_t)n); /* a blank before rank at */
            memmove(cell + at + 1, cell + at, (size_t)(N_RANK - at - 1) * sizeof *cell);
            cell[at] = -1;
        }
        if (n > 1 && tally_lot_draw(&lot, 1000) < 3)
            two = (int)tally_lot_draw(&lot, (size_t)n - 1); /* rank two..n: "X|Y" */
        if (n > 0 && tally_lot_draw(&lot, 1000) < 1)
            cell[tally_lot_draw(&lot, (size_t)n)] = -2; /* "overvote" */
        o += (size_t)snprintf(buf + o, sizeof buf - o, "B%08lld,P-%03lld", i + 1,
                              (i * 7919) % 311 + 1);
        for (int k = 0; k < N_RANK; k++) {
            buf[o++] = ',';
            if (cell[k] == -2) {
                memcpy(buf + o, "overvote", 8);
                o += 8;
            } else if (cell[k] >= 0 && k == two + 1 && two >= 0) {
                o += (size_t)snprintf(buf + o, sizeof buf - o, "\"%s|%s\"", names[cell[k]],
                                      names[order[(k + 5) % N_CAND]]);
            } else if (cell[k] >= 0) {
                o += (size_t)snprintf(buf + o, sizeof buf - o, "\"%s\"", names[cell[k]]);
            }
        }
        buf[o++] = '\n';
        if (o > sizeof buf - 4096) {
            fwrite(buf, 1, o, f);
            o = 0;
        }
    }
    fwrite(buf, 1, o, f);
    if (fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
