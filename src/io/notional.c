/*
** Notional previous results (tally_io_read_notional, include/tally/io.h;
** docs/formats.md, "Notional previous results"): where boundaries changed,
** the votes each party is estimated to have had in the new constituency at
** the previous election, as the national picture's previous result.
**
**   ons_id,region,party,votes
**   E14001063,North East,Lab,21000
**
** A header line of exactly those four names, then one row a party a
** constituency, in any order. The previous winner is the party with most
** votes (an equality for most has none, and is refused: nothing would say
** whose seat it was); the share base is the votes of the rows. A party is
** compared as the declared results' candidates are (tally_party_key): by
** its code, Reform UK (RUK) as the Brexit Party (BRX); "Ind" and any other
** text are kept as they are, and no candidate compares with them.
**
** All or nothing: a fault is named at its file, line and column, and the
** set is not changed.
*/
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "tally/alloc.h"
#include "tally/io.h"
#include "tally/national.h"

static const char *const columns[] = { "ons_id", "region", "party", "votes" };

typedef struct notional {
    tally_election **e;
    int *line;                  /* of each constituency's first row */
    size_t n, cap, line_cap;
} notional;

static void notional_free(notional *t)
{
    for (size_t i = 0; i < t->n; i++)
        tally_election_free(t->e[i]);
    tally_free(t->e);
    tally_free(t->line);
}

static tally_status at(tally_error *err, const csv_reader *r, size_t i, const char *fmt,
                       const char *what)
{
    return tally_error_set(err, TALLY_EINVAL, r->name, r->f[i].line, r->f[i].column, fmt, what);
}

static tally_status header(const csv_reader *r, tally_error *err)
{
    if (r->n != 4)
        return tally_error_set(err, TALLY_EINVAL, r->name, r->f[0].line, r->f[0].column,
                               "expected the header ons_id,region,party,votes, found %zu "
                               "columns", r->n);
    for (size_t i = 0; i < 4; i++)
        if (strcmp(r->f[i].s, columns[i]) != 0)
            return at(err, r, i, "expected the column \"%s\" here", columns[i]);
    return TALLY_OK;
}

static tally_status votes_of(const csv_reader *r, int64_t *out, tally_error *err)
{
    const char *s = r->f[3].s;
    int64_t v = 0;
    if (!*s || strlen(s) > 12 || strspn(s, "0123456789") != strlen(s))
        return at(err, r, 3, "votes must be a whole number, not \"%s\"", s);
    for (; *s; s++)
        v = v * 10 + (*s - '0');
    *out = v;
    return TALLY_OK;
}

/* The constituency of this row, added on its first row. */
static tally_status constituency(notional *t, const csv_reader *r, tally_election **out,
                                 tally_error *err)
{
    const char *id = r->f[0].s, *region = r->f[1].s;
    tally_election *e;

    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->e[i]->area_code, id) != 0)
            continue;
        if (strcmp(t->e[i]->region ? t->e[i]->region : "", region) != 0)
            return tally_error_set(err, TALLY_EINVAL, r->name, r->f[1].line, r->f[1].column,
                                   "region \"%s\" differs from \"%s\" on line %d", region,
                                   t->e[i]->region ? t->e[i]->region : "", t->line[i]);
        *out = t->e[i];
        return TALLY_OK;
    }
    if (!tally_constituency_code_ok(id))
        return at(err, r, 0, "ons_id must be a code of 1 to 64 of A-Z a-z 0-9 - _, not \"%s\"",
                  id);
    if (!tally_grow(&t->e, &t->cap, t->n, sizeof *t->e) ||
        !tally_grow(&t->line, &t->line_cap, t->n, sizeof *t->line) ||
        tally_election_new(&e) != TALLY_OK)
        return tally_error_set(err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
    t->e[t->n] = e;
    t->line[t->n++] = r->f[0].line;
    if (!(e->area_code = tally_election_strdup(e, id)) ||
        (region[0] && !(e->region = tally_election_strdup(e, region))))
        return tally_error_set(err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
    *out = e;
    return TALLY_OK;
}

static tally_status row(notional *t, const csv_reader *r, tally_error *err)
{
    tally_election *e = NULL;
    char key[600];
    int64_t votes = 0;
    tally_status s;

    if (r->n != 4)
        return tally_error_set(err, TALLY_EINVAL, r->name, r->f[0].line, r->f[0].column,
                               "expected 4 columns, found %zu", r->n);
    if (!r->f[2].s[0])
        return at(err, r, 2, "%s", "party is empty");
    if ((s = votes_of(r, &votes, err)) != TALLY_OK ||
        (s = constituency(t, r, &e, err)) != TALLY_OK)
        return s;
    if (strcmp(r->f[2].s, "Ind") == 0)
        snprintf(key, sizeof key, "Ind");
    else
        tally_party_key(r->f[2].s, NULL, key, sizeof key);
    for (size_t i = 0; e->previous && i < e->previous->n_parties; i++)
        if (strcmp(e->previous->parties[i].key, key) == 0)
            return at(err, r, 2, "party \"%s\" is given twice for this constituency", key);
    if (tally_election_add_previous(e, key, votes) != TALLY_OK)
        return tally_error_set(err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
    return TALLY_OK;
}

/* The winner, the share base and the label of each constituency. */
static tally_status finish(notional *t, const char *path, tally_error *err)
{
    for (size_t i = 0; i < t->n; i++) {
        tally_election *e = t->e[i];
        tally_previous *p = e->previous;
        size_t best = 0;
        int tied = 0;
        p->valid_votes = 0;
        for (size_t k = 0; k < p->n_parties; k++) {
            p->valid_votes += p->parties[k].votes;
            if (k > 0 && p->parties[k].votes == p->parties[best].votes)
                tied = 1;
            else if (p->parties[k].votes > p->parties[best].votes) {
                best = k;
                tied = 0;
            }
        }
        if (tied)
            return tally_error_set(err, TALLY_EINVAL, path, t->line[i], 1,
                                   "%s: the most notional votes are equal: no previous winner",
                                   e->area_code);
        if (!(p->winner = tally_election_strdup(e, p->parties[best].key)) ||
            !(p->label = tally_election_strdup(e, "notional previous result")))
            return tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
    }
    return TALLY_OK;
}

static long find_id(const tally_contest_set *set, const char *id)
{
    for (size_t j = 0; j < set->n; j++)
        if (strcmp(set->ids[j], id) == 0)
            return (long)j;
    return -1;
}

/* Put each of t in set, in place of the constituency of its id, or after
** the rest. On no memory set may have gained ids with no contest (NULL),
** which tally_contest_set_free() frees: the service does not start. */
static tally_status merge(notional *t, tally_contest_set *set)
{
    size_t room = set->n + t->n;
    tally_election **c = tally_realloc(set->contests, room * sizeof *c);
    char **ids;

    if (!c)
        return TALLY_ENOMEM;
    set->contests = c;
    if (!(ids = tally_realloc(set->ids, room * sizeof *ids)))
        return TALLY_ENOMEM;
    set->ids = ids;
    for (size_t i = 0; i < t->n; i++) {
        long j = find_id(set, t->e[i]->area_code);
        if (j < 0) {
            if (!(set->ids[set->n] = tally_strdup(t->e[i]->area_code)))
                return TALLY_ENOMEM;
            set->contests[set->n] = NULL;
            j = (long)set->n++;
        }
        tally_election_free(set->contests[j]);
        set->contests[j] = t->e[i];
        t->e[i] = NULL;
    }
    return TALLY_OK;
}

tally_status tally_io_read_notional(const char *path, tally_contest_set *set, tally_error *err)
{
    notional t = { 0 };
    char *text = NULL;
    size_t len;
    csv_reader r;
    tally_status s;
    int first = 1;

    if ((s = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return s;
    csv_init(&r, text, len, path);
    while ((s = csv_next(&r, err)) == TALLY_OK) {
        s = first ? header(&r, err) : row(&t, &r, err);
        first = 0;
        if (s != TALLY_OK)
            break;
    }
    if (s == TALLY_ENOTFOUND)
        s = first ? tally_error_set(err, TALLY_EINVAL, path, 1, 1,
                                    "expected the header ons_id,region,party,votes")
                  : TALLY_OK;
    csv_free(&r);
    tally_free(text);
    if (s == TALLY_OK)
        s = finish(&t, path, err);
    if (s == TALLY_OK && merge(&t, set) != TALLY_OK)
        s = tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
    notional_free(&t);
    return s;
}
