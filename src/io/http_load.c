/*
** tally_io_http_post_json (io.h): the HTTP client of `tally count publish`
** is the module tally-http.so (http_post.c), loaded on first use
** (module.h), so that no other command loads libcurl and its libraries.
*/
#include "http_post.h"
#include "module.h"
#include "tally/io.h"

tally_status tally_io_http_post_json(const char *url, const char *token, const char *body,
                                     size_t len, long *status, char **out, tally_error *err)
{
    tally_status (*post)(const char *, const char *, const char *, size_t, long *, char **,
                         tally_error *);
    const char *why = NULL;

    *status = 0;
    *out = NULL;
    *(void **)&post = tally_module_symbol("tally-http.so", TALLY_HTTP_POST, &why);
    if (!post)
        return tally_error_set(err, TALLY_ENOTFOUND, url, 0, 0,
                               "publishing needs the module tally-http.so beside the tally "
                               "executable (or in the folder TALLY_MODULE_DIR names): %s", why);
    return post(url, token, body, len, status, out, err);
}
