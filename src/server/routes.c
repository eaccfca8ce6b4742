/*
** The public routes of tally serve (include/tally/server.h lists them).
**
** The count is read through tally_log, refreshed before each request so
** that an event appended by another process (tally count, the simulation)
** shows at once; what the routes render is cached per head of the log, so
** a page viewed by thousands costs one rendering per event. Errors never
** carry a path or an internal message to the client.
*/
#include "routes.h"
#include "state.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/report.h"
#include "tally/store.h"

extern const unsigned char tally_web_live_js[], tally_web_count_html[], tally_web_count_js[],
    tally_web_count_css[];
extern const size_t tally_web_live_js_len, tally_web_count_html_len, tally_web_count_js_len,
    tally_web_count_css_len;

/* The pages and scripts embedded from web/ (scripts/embed.cmake). */
static const struct {
    const char *path, *type;
    const unsigned char *bytes;
    const size_t *len;
} assets[] = {
    { "/live.js", "text/javascript; charset=utf-8", tally_web_live_js, &tally_web_live_js_len },
    { "/count", "text/html; charset=utf-8", tally_web_count_html, &tally_web_count_html_len },
    { "/count.js", "text/javascript; charset=utf-8", tally_web_count_js, &tally_web_count_js_len },
    { "/count.css", "text/css; charset=utf-8", tally_web_count_css, &tally_web_count_css_len },
};

tally_status srv_state_open(const char *db, srv_state **out, tally_error *err)
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
    if (!(s->sessions = srv_sessions_new()) || !(s->db = strdup(db))) {
        srv_sessions_free(s->sessions);
        tally_log_close(s->log);
        free(s);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    pthread_mutex_init(&s->mu, NULL);
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
    srv_sessions_free(s->sessions);
    free(s->db);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

/* Render what the routes serve at the log's current head. */
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
    if (phase == TALLY_PHASE_DECLARED && tally_count_result(c, &r, NULL) != TALLY_OK)
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

void srv_respond(srv_response *out, int status, const char *type, const char *body, size_t len)
{
    out->status = status;
    out->type = type;
    out->body = malloc(len + 1);
    if (!out->body) {
        out->status = 503;
        out->len = 0;
        return;
    }
    memcpy(out->body, body, len);
    out->body[len] = '\0';
    out->len = len;
}

void srv_error(srv_response *out, int status, const char *msg)
{
    json_t *o = json_pack("{s:s}", "error", msg);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (text) {
        srv_respond(out, status, "application/json", text, strlen(text));
        free(text);
    } else {
        srv_respond(out, status, "application/json", "{}", 2);
    }
    out->no_store = 1;
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

void srv_route(srv_state *s, const srv_request *rq, srv_response *out)
{
    const char *method = rq->method, *path = rq->path, *inm = rq->if_none_match;

    memset(out, 0, sizeof *out);
    if (srv_api(s, rq, out))
        return;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        srv_error(out, 405, "method not allowed");
        return;
    }
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
        if (strcmp(path, assets[i].path) == 0) {
            srv_respond(out, 200, assets[i].type, (const char *)assets[i].bytes, *assets[i].len);
            return;
        }
    }
    if (strcmp(path, "/") != 0 && strcmp(path, "/api/public") != 0 &&
        strcmp(path, "/api/result") != 0) {
        srv_error(out, 404, "not found");
        return;
    }

    pthread_mutex_lock(&s->mu);
    if (srv_refresh(s) != 0) {
        pthread_mutex_unlock(&s->mu);
        srv_error(out, 503, "the count cannot be read");
        return;
    }
    snprintf(out->etag, sizeof out->etag, "\"%s\"", s->head);
    if (inm && strcmp(inm, out->etag) == 0) {
        out->status = 304;
        out->type = NULL;
    } else if (strcmp(path, "/") == 0) {
        srv_respond(out, 200, "text/html; charset=utf-8", s->page, s->page_len);
    } else if (strcmp(path, "/api/public") == 0) {
        srv_respond(out, 200, "application/json", s->public_json, s->public_len);
    } else if (s->result_json) {
        srv_respond(out, 200, "application/json", s->result_json, s->result_len);
    } else {
        pthread_mutex_unlock(&s->mu);
        out->etag[0] = '\0';
        srv_error(out, 404, "the result has not been declared");
        return;
    }
    pthread_mutex_unlock(&s->mu);
}
