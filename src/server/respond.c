/*
** Filling a response (src/server/respond.h).
*/
#include "respond.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/report.h"

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

void srv_json(srv_response *out, int status, json_t *o)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = o ? open_memstream(&text, &len) : NULL;
    int ok = f && tally_report_json_value(o, f) == TALLY_OK;

    if (f)
        ok &= fclose(f) == 0;
    json_decref(o);
    if (ok)
        srv_respond(out, status, "application/json", text, len);
    else
        srv_error(out, 503, "out of memory");
    free(text);
    out->no_store = 1;
}
