/*
** The central service's public page (docs/api.md, "The results page"):
** GET / and its script and style, embedded from web/ in the binary
** (scripts/embed.cmake), so the page needs nothing from anywhere else. The
** page fills itself from /events and /api/national (web/central.js);
** nothing in it is rendered by the server, so no name reaches it as markup.
*/
#include <string.h>

#include "central_priv.h"

extern const unsigned char tally_web_central_html[], tally_web_central_js[],
    tally_web_central_css[];
extern const size_t tally_web_central_html_len, tally_web_central_js_len,
    tally_web_central_css_len;

static const struct {
    const char *path, *type;
    const unsigned char *bytes;
    const size_t *len;
} pages[] = {
    { "/", "text/html; charset=utf-8", tally_web_central_html, &tally_web_central_html_len },
    { "/central.js", "text/javascript; charset=utf-8", tally_web_central_js,
      &tally_web_central_js_len },
    { "/central.css", "text/css; charset=utf-8", tally_web_central_css,
      &tally_web_central_css_len },
};

int srv_central_page(const srv_request *rq, srv_response *out)
{
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        if (strcmp(rq->path, pages[i].path) != 0)
            continue;
        if (strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0)
            srv_respond(out, 200, pages[i].type, (const char *)pages[i].bytes, *pages[i].len);
        else
            srv_error(out, 405, "method not allowed");
        return 1;
    }
    return 0;
}
