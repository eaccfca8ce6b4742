/*
** The declared result as published to the central results service
** (tally_report_declared_json, report.h; the schema is national.h's).
** Every figure is copied from the result JSON, none computed here.
*/
#include <jansson.h>

#include "tally/report.h"

static tally_status missing(tally_error *err, const char *what)
{
    return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                           "the result cannot be published: %s", what);
}

tally_status tally_report_declared_json(const tally_result *r, const char *head, int recount,
                                        json_t **out, tally_error *err)
{
    json_t *res = NULL, *o, *cands, *c;
    const char *code, *turnout;
    tally_status st;
    size_t i;

    *out = NULL;
    if ((st = tally_report_json_object(r, &res)) != TALLY_OK)
        return tally_error_set(err, st, NULL, 0, 0, "out of memory");
    code = json_string_value(json_object_get(res, "area_code"));
    turnout = json_string_value(
        json_object_get(json_object_get(res, "turnout"), "ballot_box_percent"));
    if (!code)
        st = missing(err, "the area has no code (its ONS id, \"area\": {\"code\": ...})");
    else if (!json_is_true(json_object_get(res, "contested")))
        st = missing(err, "it was not contested");
    else if (!json_is_integer(json_object_get(json_object_get(res, "rejected"), "total")) ||
             !turnout)
        st = missing(err, "the rejected papers are not recorded");
    if (st != TALLY_OK) {
        json_decref(res);
        return st;
    }
    cands = json_array();
    json_array_foreach(json_object_get(res, "candidates"), i, c)
        if (!cands || json_array_append_new(
            cands, json_pack("{s:O, s:O, s:O, s:O, s:O}", "name", json_object_get(c, "name"),
                             "party", json_object_get(c, "party"), "party_code",
                             json_object_get(c, "party_code"), "votes",
                             json_object_get(c, "votes"), "elected",
                             json_object_get(c, "elected"))) != 0) {
            json_decref(res);
            json_decref(cands);
            return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
        }
    o = json_pack("{s:s, s:O, s:O, s:s, s:O, s:O, s:O, s:O, s:s, s:o}", "constituency", code,
                  "name", json_object_get(res, "area"), "election",
                  json_object_get(res, "election"), "head", head, "seats",
                  json_object_get(res, "seats"), "electorate", json_object_get(res, "electorate"),
                  "valid_votes", json_object_get(res, "valid_votes"), "rejected",
                  json_object_get(json_object_get(res, "rejected"), "total"), "turnout", turnout,
                  "candidates", cands);
    if (o && recount && json_object_set_new(o, "recount", json_true()) != 0) {
        json_decref(o);
        o = NULL;
    }
    json_decref(res);
    if (!o)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    *out = o;
    return TALLY_OK;
}
