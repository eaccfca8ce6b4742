/*
** The results in force, read from the store for the central service's
** routes (central_priv.h): every declared body at once for the national
** picture and the feeds, or one constituency's. Each answers the request
** itself when it cannot give them (404 none declared, 503 the store or
** memory), so a route only writes its own format.
*/
#include <jansson.h>
#include <stdlib.h>

#include "central_priv.h"

typedef struct held {
    json_t *bodies;
    int failed; /* out of memory: the walk was stopped */
} held;

static int hold(void *ctx, const char *body)
{
    held *h = ctx;
    json_t *v = json_loads(body, 0, NULL);
    h->failed = !v || json_array_append_new(h->bodies, v) != 0;
    return h->failed;
}

json_t *srv_central_held(tally_central *db, uint64_t *seats, srv_response *out)
{
    held h = { json_array(), 0 };
    tally_error err;

    tally_error_clear(&err);
    if (!h.bodies) {
        srv_error(out, 503, "out of memory");
        return NULL;
    }
    if (tally_central_each(db, seats, hold, &h, &err) != TALLY_OK)
        srv_central_unavailable(out, &err);
    else if (h.failed)
        srv_error(out, 503, "out of memory");
    else
        return h.bodies;
    json_decref(h.bodies);
    return NULL;
}

json_t *srv_central_declared(tally_central *db, const char *code, srv_response *out)
{
    char *body = NULL;
    tally_error err;
    tally_status st;
    json_t *v;

    tally_error_clear(&err);
    st = tally_central_result(db, code, &body, &err);
    if (st == TALLY_ENOTFOUND) {
        srv_error(out, 404, "no result has been declared for this constituency");
        return NULL;
    }
    if (st != TALLY_OK) {
        srv_central_unavailable(out, &err);
        return NULL;
    }
    v = json_loads(body, 0, NULL);
    free(body);
    if (!v)
        srv_error(out, 503, "out of memory");
    return v;
}

const json_t **srv_central_borrowed(const json_t *a)
{
    size_t n = json_array_size(a);
    const json_t **v = malloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = json_array_get(a, i);
    return v;
}
