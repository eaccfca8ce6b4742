/*
** The public routes (src/server/public.h). Errors never carry a path or an
** internal message to the client.
*/
#include "public.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

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

int srv_public(srv_state *s, const srv_request *rq, srv_response *out)
{
    const char *path = rq->path, *inm = rq->if_none_match;

    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
        if (strcmp(path, assets[i].path) == 0) {
            srv_respond(out, 200, assets[i].type, (const char *)assets[i].bytes, *assets[i].len);
            return 1;
        }
    }
    if (strcmp(path, "/") != 0 && strcmp(path, "/api/public") != 0 &&
        strcmp(path, "/api/result") != 0)
        return 0;

    pthread_mutex_lock(&s->mu);
    if (srv_refresh(s) != 0) {
        pthread_mutex_unlock(&s->mu);
        srv_error(out, 503, "the count cannot be read");
        return 1;
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
        return 1;
    }
    pthread_mutex_unlock(&s->mu);
    return 1;
}
