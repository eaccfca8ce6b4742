/*
** Reading an event's members, with errors that name them. Internal to
** count/ (src/count/state.h).
*/
#include <string.h>

#include "state.h"

int ev_string(const json_t *ev, const char *key, int required, const char **out,
              tally_error *err)
{
    json_t *v = json_object_get(ev, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "\"%s\" is missing", key);
        return !required;
    }
    if (!json_is_string(v) || json_string_length(v) == 0) {
        tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "\"%s\" must be a non-empty string", key);
        return 0;
    }
    if (json_string_length(v) > TALLY_EV_STRING_MAX) {
        tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "\"%s\" is longer than %d bytes", key,
                        TALLY_EV_STRING_MAX);
        return 0;
    }
    *out = json_string_value(v);
    return 1;
}

int ev_count(const json_t *ev, const char *key, int required, int64_t *out, tally_error *err)
{
    json_t *v = json_object_get(ev, key);
    *out = TALLY_NONE;
    if (!v || json_is_null(v)) {
        if (required)
            tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "\"%s\" is missing", key);
        return !required;
    }
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > 1000000000000LL) {
        tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                        "\"%s\" must be a whole number of papers, 0 or more", key);
        return 0;
    }
    *out = (int64_t)json_integer_value(v);
    return 1;
}

int ev_bool(const json_t *ev, const char *key, int *out, tally_error *err)
{
    json_t *v = json_object_get(ev, key);
    *out = 0;
    if (!v)
        return 1;
    if (!json_is_boolean(v)) {
        tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "\"%s\" must be true or false", key);
        return 0;
    }
    *out = json_is_true(v);
    return 1;
}

int ev_candidate(const tally_count *c, const json_t *ev, const char *key, size_t *out,
                 tally_error *err)
{
    const char *name;
    long i;
    if (!ev_string(ev, key, 1, &name, err))
        return 0;
    i = tally_election_find_candidate(c->election, name);
    if (i < 0) {
        tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "\"%s\" is not a candidate", name);
        return 0;
    }
    *out = (size_t)i;
    return 1;
}

int ev_head(const tally_count *c, const json_t *ev, const char *key, size_t *out,
            tally_error *err)
{
    const tally_contest_info *ci = tally_contest_info_get(c->election->type);
    const char *h;
    if (!ev_string(ev, key, 1, &h, err))
        return 0;
    for (size_t i = 0; i < ci->n_heads; i++) {
        if (strcmp(ci->head_keys[i], h) == 0) {
            *out = i;
            return 1;
        }
    }
    tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                    "\"%s\" is not a head of rejection for a %s election", h, ci->key);
    return 0;
}
