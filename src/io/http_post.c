/*
** An HTTP POST of a JSON body (tally_io_http_post_json, io.h) through
** libcurl: the client of `tally count publish`. The only file that
** includes curl/curl.h.
**
** Limits: connecting may take 10 seconds and the whole exchange 60; an
** answer over 1 MiB is cut off (the central service's are a few hundred
** bytes). Redirects are not followed: a result goes where it is sent.
*/
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_post.h"
#include "tally/io.h"

#define ANSWER_MAX (1024 * 1024)

typedef struct answer {
    char *buf;
    size_t len;
} answer;

static size_t take(char *p, size_t size, size_t n, void *ctx)
{
    answer *a = ctx;
    size_t add = size * n;
    char *b;
    if (a->len + add > ANSWER_MAX)
        return 0;
    if (!(b = realloc(a->buf, a->len + add + 1)))
        return 0;
    memcpy(b + a->len, p, add);
    a->buf = b;
    a->len += add;
    a->buf[a->len] = '\0';
    return add;
}

tally_status tally_http_post_json(const char *url, const char *token, const char *body,
                                  size_t len, long *status, char **out, tally_error *err)
{
    CURL *h;
    struct curl_slist *hdrs = NULL, *more;
    char auth[256];
    answer a = { NULL, 0 };
    CURLcode rc;

    *status = 0;
    *out = NULL;
    if (snprintf(auth, sizeof auth, "Authorization: Bearer %s", token) >= (int)sizeof auth)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "the token is too long");
    if (!(h = curl_easy_init()))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "libcurl did not start");
    hdrs = curl_slist_append(NULL, "Content-Type: application/json");
    more = hdrs ? curl_slist_append(hdrs, auth) : NULL;
    if (!more) {
        curl_slist_free_all(hdrs);
        curl_easy_cleanup(h);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, take);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &a);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    if (rc != CURLE_OK) {
        free(a.buf);
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "%s", curl_easy_strerror(rc));
    }
    if (!a.buf && !(a.buf = calloc(1, 1)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    *out = a.buf;
    return TALLY_OK;
}
