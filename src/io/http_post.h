/*
** The entry of the module tally-http.so (http_post.c, the one part linking
** libcurl), as http_load.c finds it by name. Internal to io/.
*/
#ifndef TALLY_IO_HTTP_POST_H
#define TALLY_IO_HTTP_POST_H

#include <stddef.h>

#include "tally/status.h"

#define TALLY_HTTP_POST "tally_http_post_json"

/* As tally_io_http_post_json (io.h). */
tally_status tally_http_post_json(const char *url, const char *token, const char *body,
                                  size_t len, long *status, char **out, tally_error *err);

#endif
