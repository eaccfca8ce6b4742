/*
** tally count simulate for an STV definition: a whole e-count of the
** papers of a BLT ballot file, run into a new count database through the
** same calls as a real count. The papers are split, in the file's order,
** into boxes (a postal box, then polling station boxes); each box is
** received with a ballot paper account, counted, verified and its papers
** imported; then the count is completed, the provisional result shown, a
** lot drawn with the seed where an equality needs one, and the result
** declared. The same file and seed give the same log.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "count_cli.h"
#include "tally/alloc.h"
#include "tally/blt.h"
#include "tally/io.h"
#include "tally/store.h"

typedef struct sim {
    tally_log *log;
    const char *date;
    int second;
    int echo;
} sim;

/* The time of the next event: from 22:00 UTC on polling day, a second
** apart (at most 7,200 events, ample for 1,000 boxes). */
static void next_time(sim *s, char when[TALLY_TIME_MAX])
{
    int y = 0, mo = 0, d = 0, t = 22 * 3600 + (s->second < 7199 ? s->second : 7199);
    s->second++;
    sscanf(s->date, "%4d-%2d-%2d", &y, &mo, &d);
    snprintf(when, TALLY_TIME_MAX, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo % 100,
             d % 100, t / 3600, t / 60 % 60, t % 60);
}

static void said(const sim *s, uint64_t seq, const char *hash)
{
    if (s->echo) {
        printf("committed %llu %s\n", (unsigned long long)seq, hash);
        fflush(stdout);
    }
}

/* Append ev (taken) by actor; returns an exit status. */
static int put(sim *s, json_t *ev, const char *actor)
{
    char when[TALLY_TIME_MAX], hash[TALLY_HASH_HEX];
    tally_error err;
    uint64_t seq;
    int rc = EXIT_OK;

    next_time(s, when);
    tally_error_clear(&err);
    if (!ev)
        rc = cli_say(EXIT_BAD, "out of memory");
    else if (tally_log_append(s->log, ev, when, actor, &seq, hash, &err) != TALLY_OK)
        rc = cli_say(EXIT_BAD, "simulated %s refused: %s",
                     json_string_value(json_object_get(ev, "type")), err.message);
    else
        said(s, seq, hash);
    json_decref(ev);
    return rc;
}

int count_simulate_stv(const char *db, const tally_election *e, json_t *def, const char *file,
                       unsigned long long seed, size_t n_boxes, int echo)
{
    static const tally_blt_options bo = { 1, NULL, NULL };
    sim s = { NULL, e->date ? e->date : "2022-05-05", 0, echo };
    char *text = NULL, when[TALLY_TIME_MAX], hash[TALLY_HASH_HEX], seedtext[32];
    const char *ro = "Returning Officer";
    size_t len, at = 0;
    int64_t papers;
    tally_error err;
    uint64_t seq;
    json_t *ev;
    int rc;

    if (count_exists(db))
        return cli_say(EXIT_BAD, "count simulate: %s exists: an STV simulation makes a new count",
                       db);
    tally_error_clear(&err);
    if (tally_io_blt_papers(file, &bo, e, &text, &len, &papers, &err) != TALLY_OK)
        return cli_fail(&err);
    if (papers < (int64_t)n_boxes) {
        tally_free(text);
        return cli_say(EXIT_BAD, "count simulate: %lld papers cannot fill %zu boxes",
                       (long long)papers, n_boxes);
    }
    ev = json_pack("{s:s, s:s, s:O, s:i}", "type", "count_opened", "mode", "test", "election",
                   def, "bundle_size", 50);
    next_time(&s, when);
    rc = ev ? count_create(db, ev, when, ro, &seq, hash) : cli_say(EXIT_BAD, "out of memory");
    json_decref(ev);
    if (rc != EXIT_OK) {
        tally_free(text);
        return rc;
    }
    said(&s, seq, hash);
    tally_error_clear(&err);
    if (tally_log_open(db, 0, &s.log, &err) != TALLY_OK) {
        tally_free(text);
        return cli_fail(&err);
    }
    /* The boxes: box i holds papers [i n / k, (i + 1) n / k) of the file;
    ** P1 is the postal box, S1 ... the polling stations', each with a few
    ** unused and spoilt papers in its account. */
    for (size_t i = 0; i < n_boxes && rc == EXIT_OK; i++) {
        int64_t n = papers * (int64_t)(i + 1) / (int64_t)n_boxes -
                    papers * (int64_t)i / (int64_t)n_boxes;
        int64_t unused = (int64_t)((seed + i * 7919u) % 150u), spoilt = (int64_t)((seed + i) % 3u);
        char id[32], station[64];
        snprintf(id, sizeof id, i == 0 ? "P1" : "S%zu", i);
        snprintf(station, sizeof station, i == 0 ? "Postal opening 1" : "Polling station %zu", i);
        if (i == 0)
            ev = json_pack("{s:s, s:s, s:s, s:s, s:I}", "type", "box_received", "box", id, "kind",
                           "postal", "station", station, "issued", (json_int_t)n);
        else
            ev = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "type", "box_received",
                           "box", id, "kind", "station", "station", station, "entrusted",
                           (json_int_t)(n + unused + spoilt), "issued", (json_int_t)n, "unused",
                           (json_int_t)unused, "spoilt", (json_int_t)spoilt);
        if ((rc = put(&s, ev, ro)) == EXIT_OK)
            rc = put(&s, json_pack("{s:s, s:s, s:I}", "type", "box_counted", "box", id, "figure",
                                   (json_int_t)n), "A01");
        if (rc == EXIT_OK)
            rc = put(&s, json_pack("{s:s, s:s, s:I}", "type", "box_verified", "box", id,
                                   "figure", (json_int_t)n), ro);
    }
    if (rc == EXIT_OK)
        rc = put(&s, json_pack("{s:s}", "type", "verification_completed"), ro);
    for (size_t i = 0; i < n_boxes && rc == EXIT_OK; i++) {
        int64_t n = papers * (int64_t)(i + 1) / (int64_t)n_boxes -
                    papers * (int64_t)i / (int64_t)n_boxes;
        size_t from = at;
        char id[32];
        for (int64_t k = 0; k < n; k++)
            at = (size_t)((const char *)memchr(text + at, '\n', len - at) - text) + 1;
        snprintf(id, sizeof id, i == 0 ? "P1" : "S%zu", i);
        next_time(&s, when);
        tally_error_clear(&err);
        if (tally_log_import_papers(s.log, id, "blt", text + from, at - from, when, "E-count",
                                    &seq, hash, &err) != TALLY_OK)
            rc = cli_say(EXIT_BAD, "simulated import of box %s refused: %s", id, err.message);
        else
            said(&s, seq, hash);
    }
    if (rc == EXIT_OK)
        rc = put(&s, json_pack("{s:s}", "type", "count_completed"), ro);
    if (rc == EXIT_OK)
        rc = put(&s, json_pack("{s:s}", "type", "provisional_shown"), ro);
    if (rc == EXIT_OK) {
        const struct tally_method_result *r;
        if (tally_count_stv_result(tally_log_count(s.log), &r, NULL) == TALLY_EINVAL) {
            snprintf(seedtext, sizeof seedtext, "%llu", seed);
            rc = put(&s, json_pack("{s:s, s:s, s:s}", "type", "lot_drawn", "method", "seeded",
                                   "seed", seedtext), ro);
        }
    }
    if (rc == EXIT_OK)
        rc = put(&s, json_pack("{s:s}", "type", "result_declared"), ro);
    {
        char head[TALLY_HASH_HEX];
        uint64_t n = tally_log_head(s.log, head);
        fprintf(stderr, "tally: %s: %llu events, phase %s, head %s\n", db, (unsigned long long)n,
                tally_count_phase_name(tally_count_get_phase(tally_log_count(s.log))), head);
    }
    tally_log_close(s.log);
    tally_free(text);
    return rc;
}
