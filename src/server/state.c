/*
** The server's state (src/server/state.h).
**
** The count is read through tally_log, refreshed before each request so
** that an event appended by another process (tally count, the simulation)
** shows at once; what the public routes serve is rendered once per head of
** the log and cached, so a page viewed by thousands costs one rendering per
** event.
*/
#include "state.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/count.h"
#include "tally/report.h"

tally_status srv_state_open(const char *db, unsigned heartbeat, srv_state **out,
                            tally_error *err)
{
    srv_state *s = calloc(1, sizeof *s);
    tally_status st;

    *out = NULL;
    if (!s)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    if ((st = tally_log_open(db, 0, &s->log, err)) != TALLY_OK) {
        free(s);
        return st;
    }
    if (!(s->throttle = srv_throttle_new()) || !(s->db = strdup(db))) {
        srv_throttle_free(s->throttle);
        tally_log_close(s->log);
        free(s);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    pthread_mutex_init(&s->mu, NULL);
    srv_bell_init(&s->bell);
    s->heartbeat = heartbeat ? heartbeat : 15;
    *out = s;
    return TALLY_OK;
}

static void drop_caches(srv_state *s)
{
    free(s->public_json);
    free(s->result_json);
    free(s->page);
    s->public_json = s->result_json = s->page = NULL;
    s->cached_seq = 0;
}

void srv_state_close(srv_state *s)
{
    if (!s)
        return;
    drop_caches(s);
    tally_log_close(s->log);
    srv_throttle_free(s->throttle);
    free(s->db);
    pthread_mutex_destroy(&s->mu);
    srv_bell_destroy(&s->bell);
    free(s);
}

void srv_state_quit(srv_state *s)
{
    if (s)
        srv_bell_close(&s->bell);
}

/* Render what the public routes serve at the log's current head. */
static int rebuild(srv_state *s)
{
    tally_count *c = tally_log_count(s->log);
    tally_count_phase phase = tally_count_get_phase(c);
    const tally_election *e = tally_count_election(c);
    const tally_result *r = NULL;
    json_t *pub;
    FILE *f;

    drop_caches(s);
    s->cached_seq = tally_log_head(s->log, s->head);
    /* An STV count's result is its stage report, which the public pages
    ** do not show yet: they show its progress. */
    if (phase == TALLY_PHASE_DECLARED && !tally_count_is_stv(c) &&
        tally_count_result(c, &r, NULL) != TALLY_OK)
        return -1;
    pub = json_pack("{s:o, s:o, s:o, s:s, s:b, s:I}", "election",
                    e ? json_string(e->name) : json_null(), "area",
                    e ? json_string(e->area_name) : json_null(), "date",
                    e && e->date ? json_string(e->date) : json_null(), "phase",
                    tally_count_phase_name(phase), "declared", phase == TALLY_PHASE_DECLARED,
                    "events", (json_int_t)s->cached_seq);
    if (!pub)
        return -1;
    s->public_json = json_dumps(pub, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(pub);
    if (!s->public_json)
        return -1;
    s->public_len = strlen(s->public_json);
    if (r) {
        if (!(f = open_memstream(&s->result_json, &s->result_len)))
            return -1;
        tally_report_json(r, f);
        fclose(f);
    }
    if (!(f = open_memstream(&s->page, &s->page_len)))
        return -1;
    if (r)
        tally_report_html_live(r, "/live.js", f);
    else
        tally_report_progress_html(c, "/live.js", f);
    fclose(f);
    return 0;
}

int srv_refresh_log(srv_state *s)
{
    tally_error err;
    int changed = 0;

    tally_error_clear(&err);
    if (!s->failed && tally_log_refresh(s->log, &changed, &err) != TALLY_OK)
        s->failed = 1; /* the stored log no longer follows: serve nothing from it */
    return s->failed ? -1 : 0;
}

int srv_refresh(srv_state *s)
{
    if (srv_refresh_log(s) != 0)
        return -1;
    /* Render again when the head moved: by another process (the refresh)
    ** or by this server's own appends. */
    if ((!s->public_json || s->cached_seq != tally_log_head(s->log, NULL)) && rebuild(s) != 0) {
        drop_caches(s);
        s->failed = 1;
    }
    return s->failed ? -1 : 0;
}
