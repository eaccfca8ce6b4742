/*
** Dispatching a request (src/server/routes.h): the count centre's
** endpoints (api.c), then the public routes (public.c), else 405 or 404.
*/
#include "routes.h"

#include <string.h>

#include "api.h"
#include "public.h"

void srv_route(srv_state *s, const srv_request *rq, srv_response *out)
{
    memset(out, 0, sizeof *out);
    if (srv_api(s, rq, out))
        return;
    if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
        srv_error(out, 405, "method not allowed");
        return;
    }
    if (!srv_public(s, rq, out))
        srv_error(out, 404, "not found");
}
