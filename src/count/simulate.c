/*
** A simulated count (tally_count_simulate in include/tally/count.h).
**
** The figures it must reach are the declared ones: candidate votes, the
** rejected papers (by head when the definition gives them; otherwise the
** total is spread over the heads by the seed, and docs/count.md says so),
** and the verification total. Everything else, the boxes, their accounts,
** the people at the tables and the mistakes they make, is drawn from the
** seed, within the shapes EC guidance describes.
**
** Where several seats are filled (several() below) the declared figures are the votes and the valid papers. The papers are
** made by laying each candidate's votes on consecutive papers, cycling, so
** no paper carries two votes for one candidate and every paper carries
** floor or ceil of votes/papers votes: at least one and at most `seats` when
** the figures are consistent. The papers are then shuffled by the seed and
** bundled in order. Limits: at most 64 candidates; no short bundle (a
** recount, not a bundle check, finds one when several seats are filled).
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/count.h"
#include "tally/lot.h"

typedef struct sim {
    tally_lot lot;
    json_t *out;
    int64_t when;           /* seconds since 21:30 UTC on polling day */
    char date[16];
    const char *mode;
    int err_pm;
} sim;

typedef struct sbox {
    char id[32], station[64], place[32];
    int postal;
    int64_t truth, issued, unused, spoilt, tendered;
    int slip, explained;
} sbox;

static int64_t rnd(sim *s, int64_t lo, int64_t hi)
{
    return lo + (int64_t)tally_lot_draw(&s->lot, (size_t)(hi - lo + 1));
}

static int chance(sim *s, int per_mille)
{
    return rnd(s, 0, 999) < per_mille;
}

/* Append one event, stamped and attributed. */
static void emit(sim *s, const char *actor, json_t *ev)
{
    char t[40];
    int64_t m = 21 * 60 + 30 + s->when / 60, sec = s->when % 60;
    int day_over = m >= 24 * 60;
    /* Past midnight the date moves on; polling day's date is kept as given
    ** and the next day written as "+1" hours past 24 would be wrong, so
    ** count hours modulo 24 and mark the day. */
    snprintf(t, sizeof t, "%sT%02lld:%02lld:%02lldZ", s->date, (long long)((m / 60) % 24),
             (long long)(m % 60), (long long)sec);
    if (day_over) {
        int y, mo, d;
        static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        if (sscanf(s->date, "%d-%d-%d", &y, &mo, &d) == 3) {
            int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            int last = mdays[mo - 1] + (mo == 2 && leap);
            if (++d > last) {
                d = 1;
                if (++mo > 12) {
                    mo = 1;
                    y++;
                }
            }
            snprintf(t, sizeof t, "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", y, mo, d,
                     (long long)((m / 60) % 24), (long long)(m % 60), (long long)sec);
        }
    }
    json_object_set_new(ev, "mode", json_string(s->mode));
    json_array_append_new(s->out, json_pack("{s:s, s:s, s:o}", "time", t, "actor", actor,
                                            "event", ev));
    s->when += rnd(s, 4, 14);
}

/* Split total papers into boxes: postal boxes of about a thousand, then
** polling stations of 250 to 900, grouped two or three to a polling place. */
static sbox *make_boxes(sim *s, int64_t total, size_t *n_out)
{
    int64_t postal = total * rnd(s, 25, 35) / 100, left;
    size_t cap = (size_t)(total / 200 + 8), n = 0, place = 0, in_place = 0, place_size = 0;
    sbox *b = tally_calloc(cap, sizeof *b);

    if (!b)
        return NULL;
    for (left = postal; left > 0 && n < cap; n++) {
        int64_t k = left <= 1500 ? left : rnd(s, 800, 1200);
        snprintf(b[n].id, sizeof b[n].id, "P%02zu", n + 1);
        snprintf(b[n].station, sizeof b[n].station, "Postal opening, box %zu", n + 1);
        b[n].postal = 1;
        b[n].truth = k;
        left -= k;
    }
    for (left = total - postal; left > 0 && n < cap; n++) {
        int64_t k = left <= 900 ? left : rnd(s, 250, 900);
        if (in_place == place_size) {
            place++;
            in_place = 0;
            place_size = (size_t)rnd(s, 1, 3);
        }
        in_place++;
        snprintf(b[n].id, sizeof b[n].id, "S%03zu", n + 1);
        snprintf(b[n].station, sizeof b[n].station, "Polling station %zu", n + 1);
        snprintf(b[n].place, sizeof b[n].place, "Polling place %zu", place);
        b[n].truth = k;
        left -= k;
    }
    *n_out = n;
    return b;
}

/* Ballot paper accounts, with the discrepancies verification must resolve:
** a slip in the first count (recounted twice), a paper in a neighbouring
** station's box (balanced within the place), and a paper whose presence is
** explained. */
static void accounts(sim *s, sbox *b, size_t n)
{
    int explained = 0;
    for (size_t i = 0; i < n; i++)
        b[i].issued = b[i].truth;
    for (size_t i = 0; i < n; i++) {
        if (b[i].postal)
            continue;
        b[i].spoilt = rnd(s, 0, 3);
        b[i].unused = rnd(s, 150, 700);
        b[i].tendered = chance(s, 100) ? 1 : 0;
        b[i].slip = chance(s, s->err_pm);
        if (i + 1 < n && !b[i + 1].postal && strcmp(b[i].place, b[i + 1].place) == 0 &&
            chance(s, s->err_pm / 2)) {
            b[i].issued -= 1;     /* a voter issued here posted into the next box */
            b[i + 1].issued += 1;
            i++;
            b[i].spoilt = rnd(s, 0, 3);
            b[i].unused = rnd(s, 150, 700);
        } else if (!explained && s->err_pm > 0 && b[i].truth > 1 && chance(s, s->err_pm)) {
            b[i].issued -= 1;
            b[i].explained = explained = 1;
        }
    }
}

static json_t *box_event(const sbox *b)
{
    if (b->postal)
        return json_pack("{s:s, s:s, s:s, s:s, s:I}", "type", "box_received", "box", b->id,
                         "kind", "postal", "station", b->station, "issued", (json_int_t)b->issued);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "type", "box_received",
                     "box", b->id, "kind", "station", "station", b->station, "place", b->place,
                     "entrusted", (json_int_t)(b->issued + b->unused + b->spoilt), "issued",
                     (json_int_t)b->issued, "unused", (json_int_t)b->unused, "spoilt",
                     (json_int_t)b->spoilt, "tendered", (json_int_t)b->tendered);
}

static void verify(sim *s, sbox *b, size_t n)
{
    const char *ro = "Acting Returning Officer", *vs = "Verification supervisor";
    int64_t postal = 0;

    for (size_t i = 0; i < n; i++)
        if (b[i].postal)
            postal += b[i].truth;
    {
        int64_t rejected = postal / 40 + rnd(s, 0, 20);
        emit(s, "Postal votes manager",
             json_pack("{s:s, s:I, s:I, s:{s:I, s:I, s:I}}", "type", "postal_opened", "packets",
                       (json_int_t)(postal + rejected), "accepted", (json_int_t)postal, "rejected",
                       "signature_mismatch", (json_int_t)(rejected / 2), "dob_mismatch",
                       (json_int_t)(rejected - rejected / 2 - rejected / 5), "signature_blank",
                       (json_int_t)(rejected / 5)));
    }
    for (size_t i = 0; i < n; i++)
        emit(s, "Count reception", box_event(&b[i]));
    /* Count a polling place's boxes together, then verify them. */
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && !b[i].postal && !b[j].postal && strcmp(b[i].place, b[j].place) == 0)
            j++;
        for (size_t k = i; k < j; k++) {
            if (b[k].slip) {
                emit(s, vs, json_pack("{s:s, s:s, s:I}", "type", "box_counted", "box", b[k].id,
                                      "figure", (json_int_t)(b[k].truth + rnd(s, 1, 3))));
                emit(s, vs, json_pack("{s:s, s:s, s:I}", "type", "box_counted", "box", b[k].id,
                                      "figure", (json_int_t)b[k].truth));
            }
            emit(s, vs, json_pack("{s:s, s:s, s:I}", "type", "box_counted", "box", b[k].id,
                                  "figure", (json_int_t)b[k].truth));
        }
        for (size_t k = i; k < j; k++) {
            json_t *ev = json_pack("{s:s, s:s, s:I}", "type", "box_verified", "box", b[k].id,
                                   "figure", (json_int_t)b[k].truth);
            if (b[k].explained)
                json_object_set_new(ev, "explanation",
                                    json_string("a postal ballot paper handed in at the polling "
                                                "station was placed in the ballot box"));
            emit(s, ro, ev);
        }
        i = j;
    }
    emit(s, ro, json_pack("{s:s}", "type", "verification_completed"));
}

typedef struct plan {
    int64_t *bundled;      /* papers each candidate has in bundles as recorded */
    int64_t *doubtful;     /* doubtful papers counted for each candidate */
    int64_t rejected[TALLY_HEADS_MAX];
    size_t stray_from, stray_to, short_cand;
    int stray, shortb;
} plan;

/* A bundle of n papers (what: "candidate" or "votes", taken), counted at
** one of twelve tables of three counting assistants and checked by a
** colleague. */
static void bundle(sim *s, const char *what, json_t *v, int64_t n, int64_t size)
{
    char table[32], by[32], check[32], sup[24];
    int t = (int)rnd(s, 1, 12), a = (int)rnd(s, 0, 2);
    json_t *ev;

    snprintf(table, sizeof table, "Table %d", t);
    snprintf(by, sizeof by, "A%02d", t * 3 - 2 + a);
    snprintf(check, sizeof check, "A%02d", t * 3 - 2 + (a + 1) % 3);
    ev = json_pack("{s:s, s:o, s:I, s:s, s:s, s:s}", "type", "bundle_recorded", what, v, "size",
                   (json_int_t)n, "table", table, "counted_by", by, "checked_by", check);
    if (n < size)
        json_object_set_new(ev, "part", json_true());
    snprintf(sup, sizeof sup, "Supervisor, table %d", t);
    emit(s, sup, ev);
}

/* One candidate's papers in full bundles and a part bundle. */
static void bundles_for(sim *s, const tally_election *e, size_t c, int64_t papers, int64_t size)
{
    int64_t full = papers / size, part = papers % size;
    for (int64_t k = 0; k <= full; k++) {
        int64_t n = k < full ? size : part;
        if (n > 0)
            bundle(s, "candidate", json_string(e->candidates[c].name), n, size);
    }
}

/* The rejected papers, each adjudicated under its head, one in ten with
** the rejection objected to. */
static void rejections(sim *s, const tally_election *e, const plan *p)
{
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    for (size_t h = 0; h < ci->n_heads; h++)
        for (int64_t k = 0; k < p->rejected[h]; k++) {
            json_t *ev = json_pack("{s:s, s:s, s:s}", "type", "doubtful_decided", "decision",
                                   "rejected", "head", ci->head_keys[h]);
            if (chance(s, 100))
                json_object_set_new(ev, "objected", json_true());
            emit(s, "Acting Returning Officer", ev);
        }
}

static void count(sim *s, const tally_election *e, int64_t size, plan *p)
{
    const char *ro = "Acting Returning Officer";
    size_t n = e->n_candidates;

    for (size_t c = 0; c < n; c++)
        bundles_for(s, e, c, p->bundled[c], size);
    for (size_t c = 0; c < n; c++)
        for (int64_t k = 0; k < p->doubtful[c]; k++)
            emit(s, ro, json_pack("{s:s, s:s, s:s}", "type", "doubtful_decided", "decision",
                                  "counted", "candidate", e->candidates[c].name));
    rejections(s, e, p);
}

/* The votes a run of papers carries, as a bundle's "votes". */
static json_t *votes_of(const tally_election *e, const uint64_t *papers, int64_t n)
{
    json_t *v = json_object();
    for (size_t c = 0; c < e->n_candidates; c++) {
        int64_t k = 0;
        for (int64_t i = 0; i < n; i++)
            k += (papers[i] >> c) & 1;
        if (k > 0)
            json_object_set_new(v, e->candidates[c].name, json_integer(k));
    }
    return v;
}

/* Several seats: valid papers made from the declared votes (see the top
** of the file), a few of them doubtful and counted for the candidates they
** vote for, the rest bundled. With p->stray, one paper for `to` and not
** `from` is read for `from` at its table, for the bundle check to find. */
static tally_status several(sim *s, const tally_election *e, int64_t valid, int64_t size,
                            plan *p)
{
    const char *ro = "Acting Returning Officer";
    size_t n = e->n_candidates;
    uint64_t *paper = tally_calloc((size_t)valid, sizeof *paper);
    int64_t at = 0, doubtful = valid > 1000 ? rnd(s, 0, valid / 1500) + 1 : 0, bundled, stray = -1;

    if (!paper)
        return TALLY_ENOMEM;
    for (size_t c = 0; c < n; c++) {
        for (int64_t k = 0; k < e->candidates[c].votes; k++)
            paper[(at + k) % valid] |= (uint64_t)1 << c;
        at = (at + e->candidates[c].votes) % valid;
    }
    for (int64_t i = valid - 1; i > 0; i--) {
        int64_t j = rnd(s, 0, i);
        uint64_t t = paper[i];
        paper[i] = paper[j];
        paper[j] = t;
    }
    bundled = valid - doubtful;
    if (p->stray) {
        uint64_t from = (uint64_t)1 << p->stray_from, to = (uint64_t)1 << p->stray_to;
        for (int64_t i = 0; i < bundled && stray < 0; i++)
            if ((paper[i] & to) && !(paper[i] & from))
                stray = i;
        p->stray = stray >= 0;
    }
    for (int64_t i = 0; i < bundled; i += size) {
        int64_t k = bundled - i < size ? bundled - i : size;
        json_t *v;
        if (stray >= i && stray < i + k)
            paper[stray] ^= ((uint64_t)1 << p->stray_from) | ((uint64_t)1 << p->stray_to);
        v = votes_of(e, paper + i, k);
        if (stray >= i && stray < i + k)
            paper[stray] ^= ((uint64_t)1 << p->stray_from) | ((uint64_t)1 << p->stray_to);
        bundle(s, "votes", v, k, size);
    }
    for (int64_t i = bundled; i < valid; i++) {
        json_t *names = json_array();
        for (size_t c = 0; c < n; c++)
            if ((paper[i] >> c) & 1)
                json_array_append_new(names, json_string(e->candidates[c].name));
        emit(s, ro, json_pack("{s:s, s:s, s:o}", "type", "doubtful_decided", "decision",
                              "counted", "candidates", names));
    }
    tally_free(paper);
    rejections(s, e, p);
    return TALLY_OK;
}

/* Bundle checks during the count, asked for by agents, find the stray
** paper and the short bundle the plan put in. */
static void checks(sim *s, const tally_election *e, plan *p)
{
    if (p->stray || p->shortb) {
        json_t *done = json_pack("{s:s}", "type", "bundle_check_completed");
        json_t *moves = json_array(), *shorts = json_array();
        emit(s, "Election agent", json_pack("{s:s, s:s, s:s}", "type", "bundle_check_requested",
                                            "by", "Election agent", "role", "election_agent"));
        if (p->stray)
            json_array_append_new(moves, json_pack("{s:s, s:s, s:i}", "from",
                                                   e->candidates[p->stray_from].name, "to",
                                                   e->candidates[p->stray_to].name, "papers", 1));
        if (p->shortb)
            json_array_append_new(shorts, json_pack("{s:s, s:i}", "candidate",
                                                    e->candidates[p->short_cand].name, "papers", 1));
        json_object_set_new(done, "moves", moves);
        json_object_set_new(done, "short", shorts);
        /* "request" is filled in by the caller once sequence numbers are known. */
        json_object_set_new(done, "request", json_integer(-1));
        emit(s, "Acting Returning Officer", done);
    }
}

tally_status tally_count_simulate(const tally_election *e, const json_t *definition,
                                  uint64_t seed, int error_per_mille, int64_t bundle_size,
                                  json_t **out, tally_error *err)
{
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    size_t n = e->n_candidates, nb = 0;
    int64_t valid = 0, rejected = 0, verified, counted;
    sim s;
    sbox *boxes;
    plan p;
    const char *ro = "Acting Returning Officer";
    size_t first = 0, second = 1, last = 0;

    *out = NULL;
    if (e->method != TALLY_METHOD_FPTP)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "an STV count (method %s) is not simulated: its papers are "
                               "imported from ballot files (tally count import-papers)",
                               tally_election_method_key(e->method));
    if (!e->has_declared || n <= (size_t)e->seats)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "a simulation needs a contested election with declared figures");
    if (e->seats > 1) {
        int64_t votes = 0;
        for (size_t c = 0; c < n; c++) {
            votes += e->candidates[c].votes;
            if (e->candidates[c].votes > e->valid_votes)
                return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                       "%s has more votes than there are valid papers",
                                       e->candidates[c].name);
        }
        if (n > 64)
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "a simulation of several seats takes at most 64 candidates");
        if (votes < e->valid_votes)
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "%lld votes on %lld valid papers: every valid paper carries "
                                   "a vote", (long long)votes, (long long)e->valid_votes);
    }
    if (bundle_size < 1 || bundle_size > 1000 || error_per_mille < 0 || error_per_mille > 1000)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "bundle size 1 to 1000 and error rate 0 to 1");
    for (size_t c = 0; c < n; c++)
        valid += e->candidates[c].votes;
    if (e->seats > 1)
        valid = e->valid_votes; /* papers, each carrying up to `seats` votes */
    memset(&p, 0, sizeof p);
    if (e->rejected_total != TALLY_NONE)
        rejected = e->rejected_total;
    for (size_t h = 0; h < ci->n_heads; h++)
        if (e->rejected[h] != TALLY_NONE) {
            p.rejected[h] = e->rejected[h];
            if (h == 0)
                rejected = 0;
            rejected += e->rejected[h];
        }
    memset(&s, 0, sizeof s);
    tally_lot_init(&s.lot, seed);
    s.err_pm = error_per_mille;
    s.mode = "test";
    snprintf(s.date, sizeof s.date, "%.10s", e->date ? e->date : "2000-01-01");
    if (e->rejected[0] == TALLY_NONE) {
        /* Only a total is declared: spread it over the heads, most of it
        ** unmarked or void as is usual. */
        int64_t left = rejected;
        for (size_t h = 0; h + 1 < ci->n_heads; h++) {
            p.rejected[h] = left > 0 ? rnd(&s, 0, left / 3) : 0;
            left -= p.rejected[h];
        }
        p.rejected[ci->n_heads - 1] = left;
    }
    counted = valid + rejected;
    verified = e->verified_total != TALLY_NONE ? e->verified_total : counted;
    if (!(boxes = make_boxes(&s, verified, &nb)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    accounts(&s, boxes, nb);
    p.bundled = tally_calloc(n, sizeof *p.bundled);
    p.doubtful = tally_calloc(n, sizeof *p.doubtful);
    if (!p.bundled || !p.doubtful || !(s.out = json_array())) {
        tally_free(boxes);
        tally_free(p.bundled);
        tally_free(p.doubtful);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t c = 0; c < n && e->seats == 1; c++) {
        int64_t v = e->candidates[c].votes;
        p.doubtful[c] = v > 1000 ? rnd(&s, 0, v / 1500) : 0;
        p.bundled[c] = v - p.doubtful[c];
        if (v > e->candidates[first].votes) {
            second = first;
            first = c;
        } else if (c != first && (second == first || v > e->candidates[second].votes)) {
            second = c;
        }
    }
    if (e->seats > 1) {
        /* first: the leader; second: the first candidate not elected, who
        ** asks for the recount; last: the last elected (for the lot). */
        size_t *order = tally_calloc(n, sizeof *order);
        if (!order) {
            tally_free(boxes);
            tally_free(p.bundled);
            tally_free(p.doubtful);
            json_decref(s.out);
            return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
        }
        for (size_t c = 0; c < n; c++) {
            size_t j = c;
            for (; j > 0 && e->candidates[order[j - 1]].votes < e->candidates[c].votes; j--)
                order[j] = order[j - 1];
            order[j] = c;
        }
        first = order[0];
        second = order[e->seats];
        last = order[e->seats - 1];
        tally_free(order);
    }
    /* The mistakes bundle checks will find: a paper for the runner-up in
    ** the leader's bundles, and one bundle short. */
    if (e->seats > 1) {
        p.stray = error_per_mille > 0;
        p.stray_from = first;
        p.stray_to = second;
    } else if (error_per_mille > 0 && p.bundled[second] > 0) {
        p.stray = 1;
        p.stray_from = first;
        p.stray_to = second;
        p.bundled[first]++;
        p.bundled[second]--;
    }
    if (e->seats == 1 && error_per_mille > 0 && p.bundled[first] > 0) {
        p.shortb = 1;
        p.short_cand = first;
        p.bundled[first]++;
    }

    emit(&s, ro, json_pack("{s:s, s:O, s:s, s:I}", "type", "count_opened", "election", definition,
                           "mode", "test", "bundle_size", (json_int_t)bundle_size));
    verify(&s, boxes, nb);
    if (e->seats == 1)
        count(&s, e, bundle_size, &p);
    else if (several(&s, e, valid, bundle_size, &p) != TALLY_OK) {
        tally_free(boxes);
        tally_free(p.bundled);
        tally_free(p.doubtful);
        json_decref(s.out);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    checks(&s, e, &p);
    {
        json_t *done = json_pack("{s:s}", "type", "count_completed");
        if (verified != counted) {
            char why[300];
            snprintf(why, sizeof why,
                     "%lld papers fewer were counted than verified; boxes, floors and tables "
                     "were searched and every bundle accounted for, and the difference is "
                     "recorded on the statement", (long long)(verified - counted));
            json_object_set_new(done, "explanation", json_string(why));
        }
        emit(&s, ro, done);
    }
    emit(&s, ro, json_pack("{s:s}", "type", "provisional_shown"));
    emit(&s, e->candidates[second].name,
         json_pack("{s:s, s:s, s:s}", "type", "recount_requested", "by",
                   e->candidates[second].name, "role", "candidate"));
    emit(&s, ro, json_pack("{s:s, s:I, s:s}", "type", "recount_refused", "request", (json_int_t)-1,
                           "reason", "the bundle checks satisfied the returning officer that the "
                                     "count is accurate; a full recount would be unreasonable "
                                     "(PER r.46(1))"));
    tally_free(boxes);
    tally_free(p.bundled);
    tally_free(p.doubtful);

    /* Fill in the sequence numbers that requests refer to. */
    {
        size_t i;
        json_t *item;
        int64_t last_check = 0, last_recount = 0;
        json_array_foreach(s.out, i, item) {
            json_t *ev = json_object_get(item, "event");
            const char *type = json_string_value(json_object_get(ev, "type"));
            if (strcmp(type, "bundle_check_requested") == 0)
                last_check = (int64_t)i + 1;
            else if (strcmp(type, "recount_requested") == 0)
                last_recount = (int64_t)i + 1;
            else if (strcmp(type, "bundle_check_completed") == 0)
                json_object_set_new(ev, "request", json_integer(last_check));
            else if (strcmp(type, "recount_refused") == 0)
                json_object_set_new(ev, "request", json_integer(last_recount));
        }
    }
    /* A lot when an equality decides the seat, then the declaration. */
    if (e->candidates[e->seats == 1 ? first : last].votes == e->candidates[second].votes) {
        char sd[24];
        snprintf(sd, sizeof sd, "%llu", (unsigned long long)seed);
        emit(&s, ro, json_pack("{s:s, s:s, s:s}", "type", "lot_drawn", "method", "seeded", "seed",
                               sd));
    }
    emit(&s, ro, json_pack("{s:s}", "type", "result_declared"));
    *out = s.out;
    return TALLY_OK;
}
