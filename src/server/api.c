/*
** The count centre's endpoints (docs/api.md): sign in and out, the count's
** inside for those who may watch it, and every count action as an event.
**
** POST /api/events takes the same event JSON as `tally count event` and
** goes through the same tally_log_append(): the count's rules decide, the
** role decides who may try (users.h), and the event is stored in the name
** of the signed-in user. A candidate's or agent's request is made in their
** own name and role, whatever the body says. Every request that changes
** anything carries the session's CSRF token in X-CSRF-Token. GET
** /api/events follows the log instead (events.c): each append and each
** sign-out rings the server's bell for it.
**
** Sessions are kept in the count's database (tally/sessions.h), so they
** outlive a restart. Sign-ins and sign-outs are written to standard
** output, one line each, with the client's address:
**     sign-in ok|refused|throttled "NAME" from ADDR
**     sign-out "NAME" from ADDR
** NAME as a JSON string, so that no name can forge a line.
*/
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <time.h>

#include "api.h"
#include "events.h"
#include "tally/count.h"
#include "tally/report.h"
#include "tally/sessions.h"
#include "tally/users.h"

static const char *cookie_token(const char *cookie, char *buf, size_t n)
{
    const char *p = cookie ? strstr(cookie, "tally_session=") : NULL;
    size_t len;
    if (!p)
        return NULL;
    p += strlen("tally_session=");
    len = strcspn(p, "; ");
    if (len >= n)
        return NULL;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return buf;
}

/* One line of the server's log (above). */
static void note(const char *what, const char *name, const char *client)
{
    json_t *n = json_string(name);
    char *q = n ? json_dumps(n, JSON_ENCODE_ANY | JSON_ESCAPE_SLASH) : NULL;
    json_decref(n);
    printf("%s %s from %s\n", what, q ? q : "\"?\"", client);
    fflush(stdout);
    free(q);
}

static void login(srv_state *s, const srv_request *rq, srv_response *out)
{
    json_t *body = rq->body ? json_loadb(rq->body, rq->body_len, 0, NULL) : NULL;
    const char *name = json_string_value(json_object_get(body, "name"));
    const char *pw = json_string_value(json_object_get(body, "password"));
    char role[256];
    tally_session ses;
    tally_error err;
    time_t now = time(NULL);
    tally_status st;

    if (!name || !pw || strlen(name) > 100) {
        json_decref(body);
        srv_error(out, 400, "sign in with {\"name\": ..., \"password\": ...}");
        return;
    }
    if (!srv_login_allowed(s->throttle, rq->client, name, now)) {
        note("sign-in throttled", name, rq->client);
        json_decref(body);
        srv_error(out, 429, "too many failed attempts: try again later");
        return;
    }
    pthread_mutex_lock(&s->mu);
    st = tally_user_check(s->log, name, pw, role, &err);
    if (st == TALLY_OK)
        st = tally_session_open(s->log, name, (int64_t)now, TALLY_SESSION_LIFETIME, &ses, &err);
    pthread_mutex_unlock(&s->mu);
    if (st != TALLY_OK) {
        if (st == TALLY_EINVAL) {
            srv_login_failed(s->throttle, rq->client, name, now);
            note("sign-in refused", name, rq->client);
        }
        json_decref(body);
        srv_error(out, st == TALLY_EINVAL ? 401 : 503,
                  st == TALLY_EINVAL ? "wrong name or password" : "cannot sign in");
        return;
    }
    srv_login_succeeded(s->throttle, rq->client, name);
    note("sign-in ok", name, rq->client);
    json_decref(body);
    snprintf(out->set_cookie, sizeof out->set_cookie,
             "tally_session=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%d%s", ses.token,
             TALLY_SESSION_LIFETIME, rq->https ? "; Secure" : "");
    srv_json(out, 200, json_pack("{s:s, s:s, s:s}", "name", ses.name, "role", ses.role, "csrf",
                                 ses.csrf));
    sodium_memzero(&ses, sizeof ses);
}

/* Every count action: the body is an event without seq, time, actor or
** mode. */
static void append(srv_state *s, const tally_session *ses, const srv_request *rq,
                   srv_response *out)
{
    json_error_t jerr;
    json_t *ev = rq->body ? json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &jerr)
                          : NULL;
    const char *type = json_string_value(json_object_get(ev, "type"));
    char when[TALLY_TIME_MAX], hash[TALLY_HASH_HEX], msg[600];
    tally_error err;
    tally_status st;
    uint64_t seq;

    if (!json_is_object(ev) || !type) {
        json_decref(ev);
        srv_error(out, 400, "the body must be an event: a JSON object with a \"type\"");
        return;
    }
    if (!tally_role_may(ses->role, type)) {
        snprintf(msg, sizeof msg, "a %s may not record %s", ses->role, type);
        json_decref(ev); /* type points into it */
        srv_error(out, 403, msg);
        return;
    }
    if (strcmp(type, "recount_requested") == 0 || strcmp(type, "bundle_check_requested") == 0) {
        if (strcmp(ses->role, "returning_officer") != 0) {
            json_object_set_new(ev, "by", json_string(ses->name));
            json_object_set_new(ev, "role", json_string(ses->role));
        }
    }
    tally_log_time_now(when);
    pthread_mutex_lock(&s->mu);
    if (srv_refresh_log(s) != 0) {
        pthread_mutex_unlock(&s->mu);
        json_decref(ev);
        srv_error(out, 503, "the count cannot be read");
        return;
    }
    tally_error_clear(&err);
    st = tally_log_append(s->log, ev, when, ses->name, &seq, hash, &err);
    if (st == TALLY_EAGAIN || (st != TALLY_OK && st != TALLY_EINVAL)) {
        /* Another process appended first (or the store failed): reopen the
        ** log and try once more on the count as it now stands. */
        tally_log *fresh;
        tally_error oerr;
        if (tally_log_open(s->db, 0, &fresh, &oerr) == TALLY_OK) {
            tally_log_close(s->log);
            s->log = fresh;
            s->cached_seq = 0;
            tally_error_clear(&err);
            st = tally_log_append(s->log, ev, when, ses->name, &seq, hash, &err);
        }
    }
    /* The pages are rendered again by the next request that wants them. */
    pthread_mutex_unlock(&s->mu);
    json_decref(ev);
    if (st == TALLY_OK)
        srv_bell_ring(&s->bell); /* the held-open event streams */
    if (st == TALLY_EINVAL) {
        snprintf(msg, sizeof msg, "refused: %s", err.message);
        srv_error(out, 400, msg);
    } else if (st != TALLY_OK) {
        srv_error(out, 503, "the event could not be stored");
    } else {
        srv_json(out, 201, json_pack("{s:I, s:s}", "seq", (json_int_t)seq, "hash", hash));
    }
}

/* The watched views: the same JSON as the command line's. */
static void view(srv_state *s, const char *path, srv_response *out)
{
    tally_count *c;
    json_t *o = NULL;
    tally_error err;

    pthread_mutex_lock(&s->mu);
    if (srv_refresh(s) != 0) {
        pthread_mutex_unlock(&s->mu);
        srv_error(out, 503, "the count cannot be read");
        return;
    }
    c = tally_log_count(s->log);
    if (strcmp(path, "/api/log") == 0) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (f) {
            tally_log_write_jsonl(s->log, f, &err);
            fclose(f);
        }
        pthread_mutex_unlock(&s->mu);
        if (!text) {
            srv_error(out, 503, "out of memory");
            return;
        }
        srv_respond(out, 200, "application/x-ndjson", text, len);
        out->no_store = 1;
        free(text);
        return;
    }
    if (strcmp(path, "/api/status") == 0)
        tally_report_count_status(c, &o);
    else if (!tally_count_election(c))
        o = NULL;
    else if (strcmp(path, "/api/verification") == 0)
        tally_count_verification_json(c, &o);
    else
        tally_count_rejected_json(c, &o);
    pthread_mutex_unlock(&s->mu);
    if (!o) {
        srv_error(out, 404, "the count has not been opened");
        return;
    }
    srv_json(out, 200, o);
}

int srv_api(srv_state *s, const srv_request *rq, srv_response *out)
{
    static const char *const watched[] = { "/api/status", "/api/log", "/api/verification",
                                           "/api/rejected", NULL };
    int is_get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    int is_post = strcmp(rq->method, "POST") == 0;
    int watch = 0;
    char tok[TALLY_SESSION_HEX + 1];
    tally_session ses;
    tally_error err;
    tally_status st;

    for (const char *const *w = watched; *w; w++)
        watch |= strcmp(rq->path, *w) == 0;
    if (strcmp(rq->path, "/api/login") == 0) {
        if (!is_post)
            srv_error(out, 405, "method not allowed");
        else
            login(s, rq, out);
        return 1;
    }
    if (!watch && strcmp(rq->path, "/api/events") != 0 && strcmp(rq->path, "/api/logout") != 0 &&
        strcmp(rq->path, "/api/session") != 0)
        return 0;
    pthread_mutex_lock(&s->mu);
    st = tally_session_find(s->log, cookie_token(rq->cookie, tok, sizeof tok), (int64_t)time(NULL),
                            &ses, &err);
    pthread_mutex_unlock(&s->mu);
    if (st != TALLY_OK) {
        if (st == TALLY_ENOTFOUND)
            srv_error(out, 401, "sign in first");
        else
            srv_error(out, 503, "cannot read the session");
        return 1;
    }
    if (strcmp(rq->path, "/api/events") == 0 && is_get) {
        if (!tally_role_may_watch(ses.role))
            srv_error(out, 403, "this account may not watch the count");
        else
            srv_events(s, rq, &ses, out);
        goto done;
    }
    if (watch || strcmp(rq->path, "/api/session") == 0) {
        if (!is_get)
            srv_error(out, 405, "method not allowed");
        else if (strcmp(rq->path, "/api/session") == 0)
            srv_json(out, 200, json_pack("{s:s, s:s, s:s}", "name", ses.name, "role", ses.role,
                                         "csrf", ses.csrf));
        else if (!tally_role_may_watch(ses.role))
            srv_error(out, 403, "this account may not watch the count");
        else
            view(s, rq->path, out);
        goto done;
    }
    if (!is_post) {
        srv_error(out, 405, "method not allowed");
        goto done;
    }
    if (!rq->csrf || strlen(rq->csrf) != TALLY_SESSION_HEX - 1 ||
        sodium_memcmp(rq->csrf, ses.csrf, TALLY_SESSION_HEX - 1) != 0) {
        srv_error(out, 403, "missing or wrong CSRF token");
        goto done;
    }
    if (strcmp(rq->path, "/api/logout") == 0) {
        pthread_mutex_lock(&s->mu);
        st = tally_session_close(s->log, ses.token, &err);
        pthread_mutex_unlock(&s->mu);
        if (st != TALLY_OK) {
            srv_error(out, 503, "cannot end the session");
            goto done;
        }
        note("sign-out", ses.name, rq->client);
        srv_bell_ring(&s->bell); /* the session's event streams end */
        snprintf(out->set_cookie, sizeof out->set_cookie,
                 "tally_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0%s",
                 rq->https ? "; Secure" : "");
        srv_json(out, 200, json_pack("{s:b}", "signed_out", 1));
        goto done;
    }
    append(s, &ses, rq, out);
done:
    sodium_memzero(&ses, sizeof ses);
    return 1;
}
