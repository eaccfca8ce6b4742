/*
** The UK Parliament results layout (tally_io_read_uk_parliament in
** include/tally/io.h; docs/formats.md describes the columns).
**
** Three shapes are read, told apart by their number of columns, each with
** or without a header row:
**   general election  constituencies 32 columns, candidacies 21
**   by-elections      constituencies 34 (by-election date, writ date first),
**                     candidacies 23 (election date first, Democracy Club id
**                     last)
**   House of Commons Library first release: constituencies 32, candidates 17
** Files are found in DIR by name: one containing "constituenc" and one
** containing "candida".
**
** The comparison with a previous result follows the conventions of the UK
** Parliament results database (docs/rules.md, "Change and hold or gain"):
** a party is compared with the same party by abbreviation, Reform UK
** counting as the Brexit Party under its new name and Labour and
** Co-operative as Labour (it carries Labour's abbreviation); Independents
** get no change, except that at a by-election a candidate who stood as an
** Independent last time is compared with their own result; the previous
** winner is named "Lab Coop" when Labour and Co-operative.
*/
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "tally/alloc.h"
#include "tally/io.h"
#include "tally/national.h"

typedef struct con_row {
    char *ons, *date, *name, *region;
    char *declared;             /* "2019-12-13T02:30", or "" when not given */
    int64_t electorate, valid, invalid;
} con_row;

typedef struct cand_row {
    size_t con;                 /* index into the constituency rows */
    char *party, *abbr, *adjunct, *name;
    int64_t votes;
} cand_row;

typedef struct dataset {
    int by_election;
    con_row *cons;
    size_t n_cons;
    cand_row *cands;
    size_t n_cands;
    char **strs;                /* every string above, owned */
    size_t n_strs, cap_strs;
} dataset;

static void dataset_free(dataset *d)
{
    for (size_t i = 0; i < d->n_strs; i++)
        tally_free(d->strs[i]);
    tally_free(d->strs);
    tally_free(d->cons);
    tally_free(d->cands);
}

/* Copy s (trimmed of surrounding white space) into d's storage. */
static char *keep(dataset *d, const char *s)
{
    size_t n;
    char *c;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!tally_grow(&d->strs, &d->cap_strs, d->n_strs, sizeof *d->strs))
        return NULL;
    if (!(c = tally_malloc(n + 1)))
        return NULL;
    memcpy(c, s, n);
    c[n] = '\0';
    d->strs[d->n_strs++] = c;
    return c;
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static tally_status number(csv_reader *r, size_t i, const char *what, int64_t *out,
                           tally_error *err)
{
    const char *s = r->f[i].s;
    int64_t v = 0;

    if (!all_digits(s) || strlen(s) > 12)
        return tally_error_set(err, TALLY_EINVAL, r->name, r->f[i].line, r->f[i].column,
                               "%s must be a whole number, not \"%s\"", what, s);
    for (; *s; s++)
        v = v * 10 + (*s - '0');
    *out = v;
    return TALLY_OK;
}

/* "01/07/2021" -> "2021-07-01"; other text is kept as it is. */
static void iso_date(const char *s, char *buf, size_t n)
{
    int d, m, y, used = 0;
    if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &used) == 3 && !s[used])
        snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(buf, n, "%s", s);
}

/* The declaration time "13/12/2019 02:30" as "2019-12-13T02:30" (local
** time, as published); "" when the column is empty. */
static tally_status declared_at(const csv_reader *r, size_t i, char *buf, size_t n,
                                tally_error *err)
{
    const char *s = r->f[i].s;
    int d, m, y, hh, mm, used = 0;

    buf[0] = '\0';
    if (!*s)
        return TALLY_OK;
    if (sscanf(s, "%2d/%2d/%4d %2d:%2d%n", &d, &m, &y, &hh, &mm, &used) != 5 || s[used] ||
        strlen(s) != 16 || d < 1 || d > 31 || m < 1 || m > 12 || hh > 23 || mm > 59)
        return tally_error_set(err, TALLY_EINVAL, r->name, r->f[i].line, r->f[i].column,
                               "declaration time must be DD/MM/YYYY HH:MM, not \"%s\"", s);
    snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mm);
    return TALLY_OK;
}

static tally_status find_file(const char *dir, const char *part, char *path, size_t n,
                              tally_error *err)
{
    DIR *dp = opendir(dir);
    struct dirent *de;
    int found = 0;

    if (!dp)
        return tally_error_set(err, TALLY_EIO, dir, 0, 0, "cannot open directory");
    while ((de = readdir(dp)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcasecmp(de->d_name + len - 4, ".csv") == 0 &&
            strstr(de->d_name, part)) {
            if (found++) {
                closedir(dp);
                return tally_error_set(err, TALLY_EINVAL, dir, 0, 0,
                                       "more than one file named like *%s*.csv", part);
            }
            snprintf(path, n, "%s/%s", dir, de->d_name);
        }
    }
    closedir(dp);
    if (!found)
        return tally_error_set(err, TALLY_EINVAL, dir, 0, 0, "no *%s*.csv file", part);
    return TALLY_OK;
}

#define TRY(x) do { tally_status s_ = (x); if (s_ != TALLY_OK) goto done; } while (0)
#define OOM() do { s = tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory"); goto done; } while (0)

static tally_status read_constituencies(dataset *d, const char *path, tally_error *err)
{
    char *text = NULL;
    size_t len, cap = 0;
    csv_reader r;
    tally_status s;
    size_t first_rec = 1, off = 0;

    if ((s = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return s;
    csv_init(&r, text, len, path);
    while ((s = csv_next(&r, err)) == TALLY_OK) {
        con_row *c;
        char date[32], when[48]; /* 42 bytes for any int fields: -Wformat-truncation */
        if (first_rec) {
            if (r.n != 32 && r.n != 34) {
                s = tally_error_set(err, TALLY_EINVAL, path, r.f[0].line, 0,
                                    "expected 32 or 34 columns, found %zu", r.n);
                goto done;
            }
            d->by_election = r.n == 34;
            off = d->by_election ? 2 : 0;
        } else if (r.n != (d->by_election ? 34u : 32u)) {
            s = tally_error_set(err, TALLY_EINVAL, path, r.f[0].line, 0,
                                "expected %d columns, found %zu", d->by_election ? 34 : 32, r.n);
            goto done;
        }
        if (first_rec && !all_digits(r.f[off + 14].s)) {
            first_rec = 0;
            continue; /* header row */
        }
        first_rec = 0;
        if (!tally_grow(&d->cons, &cap, d->n_cons, sizeof *d->cons))
            OOM();
        c = &d->cons[d->n_cons];
        iso_date(d->by_election ? r.f[0].s : "", date, sizeof date);
        if (!(c->ons = keep(d, r.f[off].s)) || !(c->name = keep(d, r.f[off + 2].s)) ||
            !(c->date = keep(d, date)) || !(c->region = keep(d, r.f[off + 4].s)))
            OOM();
        if (!c->ons[0]) {
            s = tally_error_set(err, TALLY_EINVAL, path, r.f[off].line, r.f[off].column,
                                "ONS id is empty");
            goto done;
        }
        TRY(s = declared_at(&r, off + 7, when, sizeof when, err));
        if (!(c->declared = keep(d, when)))
            OOM();
        TRY(s = number(&r, off + 14, "electorate", &c->electorate, err));
        TRY(s = number(&r, off + 15, "valid votes", &c->valid, err));
        TRY(s = number(&r, off + 16, "invalid votes", &c->invalid, err));
        d->n_cons++;
    }
    if (s == TALLY_ENOTFOUND)
        s = TALLY_OK;
done:
    csv_free(&r);
    tally_free(text);
    return s;
}

static long find_con(const dataset *d, const char *ons, const char *date)
{
    for (size_t i = 0; i < d->n_cons; i++)
        if (strcmp(d->cons[i].ons, ons) == 0 && (!date || strcmp(d->cons[i].date, date) == 0))
            return (long)i;
    return -1;
}

static tally_status read_candidacies(dataset *d, const char *path, tally_error *err)
{
    char *text = NULL;
    size_t len, cap = 0;
    csv_reader r;
    tally_status s;
    int first_rec = 1;
    /* Column positions: ons, party, abbr, adjunct (-1: none), first, surname, votes. */
    int c_ons = 0, c_party = 7, c_abbr = 8, c_adj = 11, c_first = 12, c_sur = 13, c_votes = 18;
    size_t ncols = 21;

    if ((s = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return s;
    csv_init(&r, text, len, path);
    while ((s = csv_next(&r, err)) == TALLY_OK) {
        cand_row *c;
        long con;
        char name[512], date[32];
        if (first_rec) {
            ncols = r.n;
            if (r.n == 23) { /* by-elections: election date first */
                c_ons = 1; c_party = 8; c_abbr = 9; c_adj = 12; c_first = 13; c_sur = 14;
                c_votes = 19;
            } else if (r.n == 17) { /* House of Commons Library */
                c_adj = -1; c_first = 9; c_sur = 10; c_votes = 14;
            } else if (r.n != 21) {
                s = tally_error_set(err, TALLY_EINVAL, path, r.f[0].line, 0,
                                    "expected 17, 21 or 23 columns, found %zu", r.n);
                goto done;
            }
        } else if (r.n != ncols) {
            s = tally_error_set(err, TALLY_EINVAL, path, r.f[0].line, 0,
                                "expected %zu columns, found %zu", ncols, r.n);
            goto done;
        }
        if (first_rec && !all_digits(r.f[c_votes].s)) {
            first_rec = 0;
            continue; /* header row */
        }
        first_rec = 0;
        iso_date(r.f[0].s, date, sizeof date);
        con = find_con(d, r.f[c_ons].s, ncols == 23 ? date : NULL);
        if (con < 0) {
            s = tally_error_set(err, TALLY_EINVAL, path, r.f[c_ons].line, r.f[c_ons].column,
                                "no constituency with ONS id \"%s\"%s%s", r.f[c_ons].s,
                                ncols == 23 ? " on " : "", ncols == 23 ? date : "");
            goto done;
        }
        if (!tally_grow(&d->cands, &cap, d->n_cands, sizeof *d->cands))
            OOM();
        c = &d->cands[d->n_cands];
        c->con = (size_t)con;
        snprintf(name, sizeof name, "%s %s", r.f[c_first].s, r.f[c_sur].s);
        if (!(c->party = keep(d, r.f[c_party].s)) || !(c->abbr = keep(d, r.f[c_abbr].s)) ||
            !(c->adjunct = keep(d, c_adj >= 0 ? r.f[c_adj].s : "")) ||
            !(c->name = keep(d, name)))
            OOM();
        /* "First  Surname" with stray inner spaces from trimmed parts. */
        {
            char *p = c->name, *q = c->name;
            for (; *p; p++)
                if (!(*p == ' ' && (q == c->name || q[-1] == ' ')) && *p != '\t')
                    *q++ = *p;
            *q = '\0';
        }
        TRY(s = number(&r, (size_t)c_votes, "votes", &c->votes, err));
        d->n_cands++;
    }
    if (s == TALLY_ENOTFOUND)
        s = TALLY_OK;
done:
    csv_free(&r);
    tally_free(text);
    return s;
}

static tally_status read_dataset(const char *dir, dataset *d, tally_error *err)
{
    char cons[4096], cands[4096];
    tally_status s;

    memset(d, 0, sizeof *d);
    if ((s = find_file(dir, "constituenc", cons, sizeof cons, err)) != TALLY_OK ||
        (s = find_file(dir, "candida", cands, sizeof cands, err)) != TALLY_OK ||
        (s = read_constituencies(d, cons, err)) != TALLY_OK ||
        (s = read_candidacies(d, cands, err)) != TALLY_OK) {
        dataset_free(d);
        return s;
    }
    return TALLY_OK;
}

static int is_independent(const cand_row *c)
{
    return strcmp(c->abbr, "Ind") == 0 || c->abbr[0] == '\0';
}

/* The key a candidate is compared by: the party abbreviation, Reform UK as
** the Brexit Party; an Independent by person. */
static void party_key(const cand_row *c, char *buf, size_t n)
{
    tally_party_key(is_independent(c) ? NULL : c->abbr, c->name, buf, n);
}

static tally_status add_previous(tally_election *e, const dataset *p, size_t con)
{
    const cand_row *best = NULL;
    char key[600];
    tally_status s;

    for (size_t i = 0; i < p->n_cands; i++) {
        const cand_row *c = &p->cands[i];
        int merged = 0;
        if (c->con != con)
            continue;
        if (!best || c->votes > best->votes)
            best = c;
        party_key(c, key, sizeof key);
        for (size_t k = 0; e->previous && k < e->previous->n_parties; k++) {
            if (strcmp(e->previous->parties[k].key, key) == 0) {
                e->previous->parties[k].votes += c->votes;
                merged = 1;
            }
        }
        if (!merged && (s = tally_election_add_previous(e, key, c->votes)) != TALLY_OK)
            return s;
    }
    if (!best)
        return TALLY_OK;
    e->previous->valid_votes = p->cons[con].valid;
    e->previous->label = tally_election_strdup(e, p->by_election ? "previous by-election"
                                                                 : "previous general election");
    e->previous->date = tally_election_strdup(e, p->cons[con].date[0] ? p->cons[con].date
                                                                      : NULL);
    e->previous->winner = tally_election_strdup(
        e, strcmp(best->adjunct, "PP119") == 0 ? "Lab Coop" : best->abbr);
    party_key(best, key, sizeof key);
    e->previous->winner_key = tally_election_strdup(e, key);
    if (!e->previous->label || !e->previous->winner || !e->previous->winner_key)
        return TALLY_ENOMEM;
    return TALLY_OK;
}

static int previous_has(const tally_election *e, const char *key)
{
    for (size_t k = 0; e->previous && k < e->previous->n_parties; k++)
        if (strcmp(e->previous->parties[k].key, key) == 0)
            return 1;
    return 0;
}

static tally_status build(const dataset *d, size_t con, const dataset *prev,
                          tally_election **out)
{
    const con_row *c = &d->cons[con];
    tally_election *e;
    tally_status s;
    char name[600], key[600];
    long pcon;

    if ((s = tally_election_new(&e)) != TALLY_OK)
        return s;
    snprintf(name, sizeof name, "%s %s", c->name, d->by_election ? "by-election"
                                                                 : "general election");
    e->name = tally_election_strdup(e, name);
    e->area_name = tally_election_strdup(e, c->name);
    e->area_code = tally_election_strdup(e, c->ons);
    e->region = c->region[0] ? tally_election_strdup(e, c->region) : NULL;
    e->date = tally_election_strdup(e, c->date[0] ? c->date : NULL);
    if (!e->name || !e->area_name || !e->area_code || (c->date[0] && !e->date)) {
        s = TALLY_ENOMEM;
        goto fail;
    }
    e->electorate = c->electorate;
    e->has_declared = 1;
    e->valid_votes = c->valid;
    e->rejected_total = c->invalid;

    pcon = prev ? find_con(prev, c->ons, NULL) : -1;
    if (pcon >= 0 && (s = add_previous(e, prev, (size_t)pcon)) != TALLY_OK)
        goto fail;

    for (size_t i = 0; i < d->n_cands; i++) {
        const cand_row *cr = &d->cands[i];
        tally_candidate *tc;
        if (cr->con != con)
            continue;
        s = tally_election_add_candidate(e, cr->name, cr->party,
                                         is_independent(cr) ? NULL : cr->abbr, cr->votes, &tc);
        if (s != TALLY_OK)
            goto fail;
        tc->previous_key = NULL;
        if (!is_independent(cr)) {
            party_key(cr, key, sizeof key);
            if (!previous_has(e, key) && d->by_election) {
                /* By-election convention: a former Independent standing for
                ** a party is compared with their own previous result. */
                snprintf(key, sizeof key, "person:%s", cr->name);
                if (!previous_has(e, key))
                    key[0] = '\0';
            }
            if (key[0] && !(tc->previous_key = tally_election_strdup(e, key))) {
                s = TALLY_ENOMEM;
                goto fail;
            }
        }
    }
    *out = e;
    return TALLY_OK;
fail:
    tally_election_free(e);
    return s;
}

void tally_contest_set_free(tally_contest_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++) {
        tally_election_free(set->contests[i]);
        tally_free(set->ids[i]);
        if (set->declared_at)
            tally_free(set->declared_at[i]);
    }
    tally_free(set->contests);
    tally_free(set->ids);
    tally_free(set->declared_at);
    tally_free(set);
}

tally_status tally_io_read_uk_parliament(const char *dir, const char *previous_dir,
                                         tally_contest_set **out, tally_error *err)
{
    dataset cur, prev;
    tally_contest_set *set = NULL;
    tally_status s;

    *out = NULL;
    if ((s = read_dataset(dir, &cur, err)) != TALLY_OK)
        return s;
    if (previous_dir && (s = read_dataset(previous_dir, &prev, err)) != TALLY_OK) {
        dataset_free(&cur);
        return s;
    }
    if (!(set = tally_calloc(1, sizeof *set)) ||
        !(set->contests = tally_calloc(cur.n_cons, sizeof *set->contests)) ||
        !(set->ids = tally_calloc(cur.n_cons, sizeof *set->ids)) ||
        !(set->declared_at = tally_calloc(cur.n_cons, sizeof *set->declared_at))) {
        s = TALLY_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < cur.n_cons; i++) {
        if ((s = build(&cur, i, previous_dir ? &prev : NULL, &set->contests[i])) != TALLY_OK)
            goto done;
        set->n++;
        if (!(set->ids[i] = tally_strdup(cur.cons[i].ons)) ||
            (cur.cons[i].declared[0] &&
             !(set->declared_at[i] = tally_strdup(cur.cons[i].declared)))) {
            s = TALLY_ENOMEM;
            goto done;
        }
    }
done:
    if (s != TALLY_OK) {
        tally_contest_set_free(set);
        set = NULL;
        if (s == TALLY_ENOMEM)
            tally_error_set(err, s, dir, 0, 0, "out of memory");
    }
    dataset_free(&cur);
    if (previous_dir)
        dataset_free(&prev);
    *out = set;
    return s;
}

/* Each constituency of dir as the previous result that
** tally_io_read_uk_parliament attaches (add_previous), on an election of
** no candidates: its ONS id, name and region. */
tally_status tally_io_read_uk_previous(const char *dir, tally_contest_set **out,
                                       tally_error *err)
{
    dataset d;
    tally_contest_set *set = NULL;
    tally_status s;

    *out = NULL;
    if ((s = read_dataset(dir, &d, err)) != TALLY_OK)
        return s;
    if (!(set = tally_calloc(1, sizeof *set)) ||
        !(set->contests = tally_calloc(d.n_cons ? d.n_cons : 1, sizeof *set->contests)) ||
        !(set->ids = tally_calloc(d.n_cons ? d.n_cons : 1, sizeof *set->ids))) {
        s = TALLY_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < d.n_cons; i++) {
        const con_row *c = &d.cons[i];
        tally_election *e;
        if ((s = tally_election_new(&e)) != TALLY_OK)
            goto done;
        set->contests[set->n++] = e;
        if (!(e->area_code = tally_election_strdup(e, c->ons)) ||
            !(e->area_name = tally_election_strdup(e, c->name)) ||
            (c->region[0] && !(e->region = tally_election_strdup(e, c->region))) ||
            !(set->ids[i] = tally_strdup(c->ons))) {
            s = TALLY_ENOMEM;
            goto done;
        }
        if ((s = add_previous(e, &d, i)) != TALLY_OK)
            goto done;
    }
done:
    if (s != TALLY_OK) {
        tally_contest_set_free(set);
        set = NULL;
        if (s == TALLY_ENOMEM)
            tally_error_set(err, s, dir, 0, 0, "out of memory");
    }
    dataset_free(&d);
    *out = set;
    return s;
}
