/*
** The declared result of a constituency (include/tally/national.h): its
** members checked, its figures whole numbers that agree. The national
** picture made from many is national_picture.c's.
*/
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tally/national.h"

/* Counts above this are refused: far beyond any electorate, and it keeps
** sums of 650 of them exact in int64 and share arithmetic in num.h's range. */
#define MAX_FIGURE ((json_int_t)1 << 40)

static tally_status bad(tally_error *err, const char *field, const char *what)
{
    return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "%s: %s", field, what);
}

static int whole(const json_t *v)
{
    return json_is_integer(v) && json_integer_value(v) >= 0 &&
           json_integer_value(v) <= MAX_FIGURE;
}

static int text(const json_t *v, size_t max)
{
    size_t n = json_is_string(v) ? json_string_length(v) : 0;
    return n > 0 && n <= max && strlen(json_string_value(v)) == n; /* no NUL inside */
}

int tally_constituency_code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= TALLY_CONSTITUENCY_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

static int hex64(const char *s)
{
    if (strlen(s) != 64)
        return 0;
    for (size_t i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* "47.60": one to three digits, a point, two digits, at most 100.00. */
static int percent_ok(const char *s)
{
    size_t n = strlen(s), i;
    if (n < 4 || n > 6 || s[n - 3] != '.')
        return 0;
    for (i = 0; i < n; i++)
        if (i != n - 3 && !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    return n < 6 || strcmp(s, "100.00") == 0;
}

static const char *const members[] = { "constituency", "name", "election", "head", "recount",
                                       "seats", "electorate", "valid_votes", "rejected",
                                       "turnout", "candidates" };
static const char *const cand_members[] = { "name", "party", "party_code", "votes", "elected" };

static int known(const char *key, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, list[i]) == 0)
            return 1;
    return 0;
}

static tally_status check_candidate(const json_t *c, size_t i, int64_t *votes, int *elected,
                                    tally_error *err)
{
    char f[96];
    const char *k;
    const json_t *v;

    snprintf(f, sizeof f, "candidates[%zu]", i);
    if (!json_is_object(c))
        return bad(err, f, "must be an object");
    json_object_foreach((json_t *)c, k, v) {
        if (!known(k, cand_members, sizeof cand_members / sizeof cand_members[0])) {
            snprintf(f, sizeof f, "candidates[%zu].%.32s", i, k);
            return bad(err, f, "is not a member of a candidate");
        }
    }
#define FIELD(name) (snprintf(f, sizeof f, "candidates[%zu].%s", i, name), f)
    if (!text(json_object_get(c, "name"), 256))
        return bad(err, FIELD("name"), "must be a name of 1 to 256 bytes");
    v = json_object_get(c, "party");
    if (!json_is_null(v) && !text(v, 256))
        return bad(err, FIELD("party"), "must be a name of 1 to 256 bytes, or null");
    v = json_object_get(c, "party_code");
    if (!json_is_null(v) && !text(v, 64))
        return bad(err, FIELD("party_code"), "must be a code of 1 to 64 bytes, or null");
    if (!whole(json_object_get(c, "votes")))
        return bad(err, FIELD("votes"), "must be a whole number of 0 or more");
    if (!json_is_boolean(json_object_get(c, "elected")))
        return bad(err, FIELD("elected"), "must be true or false");
#undef FIELD
    *votes = (int64_t)json_integer_value(json_object_get(c, "votes"));
    *elected = json_is_true(json_object_get(c, "elected"));
    return TALLY_OK;
}

/* Those elected are those with most votes (PER r.50; r.15 of the local
** rules for several seats): none elected has fewer votes than one not
** elected. Equal votes across the line are an equality the count centre
** decided by lot (PER r.49), which the declaration records by whom it
** elects. Every figure was checked before. */
static tally_status most_votes_elected(const json_t *cands, tally_error *err)
{
    size_t i, low = 0, high = 0;
    json_int_t low_votes = 0, high_votes = -1; /* -1: no one not elected */
    int any_elected = 0;
    const json_t *c;

    json_array_foreach(cands, i, c) {
        json_int_t v = json_integer_value(json_object_get(c, "votes"));
        if (!json_is_true(json_object_get(c, "elected"))) {
            if (v > high_votes)
                high = i, high_votes = v;
        } else if (!any_elected || v < low_votes) {
            low = i, low_votes = v, any_elected = 1;
        }
    }
    if (any_elected && low_votes < high_votes)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "candidates[%zu]: elected with %lld votes, fewer than "
                               "candidates[%zu] (%lld), who is not",
                               low, (long long)low_votes, high, (long long)high_votes);
    return TALLY_OK;
}

tally_status tally_declared_check(const json_t *body, tally_error *err)
{
    const char *k;
    const json_t *v, *cands;
    int64_t sum = 0, elected = 0;
    size_t i;
    static const char *const figures[] = { "electorate", "valid_votes", "rejected" };

    if (!json_is_object(body))
        return bad(err, "body", "must be a JSON object");
    json_object_foreach((json_t *)body, k, v) {
        if (!known(k, members, sizeof members / sizeof members[0])) {
            char f[48];
            snprintf(f, sizeof f, "%.40s", k);
            return bad(err, f, "is not a member of a declared result");
        }
    }
    v = json_object_get(body, "constituency");
    if (!json_is_string(v) || !tally_constituency_code_ok(json_string_value(v)))
        return bad(err, "constituency", "must be a code of 1 to 64 of A-Z a-z 0-9 - _");
    if (!text(json_object_get(body, "name"), 256))
        return bad(err, "name", "must be a name of 1 to 256 bytes");
    if (!text(json_object_get(body, "election"), 256))
        return bad(err, "election", "must be a name of 1 to 256 bytes");
    v = json_object_get(body, "head");
    if (!json_is_string(v) || !hex64(json_string_value(v)))
        return bad(err, "head", "must be the count's head hash, 64 lowercase hex digits");
    v = json_object_get(body, "recount");
    if (v && !json_is_boolean(v))
        return bad(err, "recount", "must be true or false");
    v = json_object_get(body, "seats");
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000)
        return bad(err, "seats", "must be a whole number from 1 to 1000");
    for (i = 0; i < sizeof figures / sizeof figures[0]; i++)
        if (!whole(json_object_get(body, figures[i])))
            return bad(err, figures[i], "must be a whole number of 0 or more");
    v = json_object_get(body, "turnout");
    if (!json_is_string(v) || !percent_ok(json_string_value(v)))
        return bad(err, "turnout", "must be a percentage with two places, as \"47.60\"");
    cands = json_object_get(body, "candidates");
    if (!json_is_array(cands) || json_array_size(cands) == 0 || json_array_size(cands) > 1000)
        return bad(err, "candidates", "must be an array of 1 to 1000 candidates");
    json_array_foreach(cands, i, v) {
        int64_t votes = 0;
        int el = 0;
        tally_status st = check_candidate(v, i, &votes, &el, err);
        if (st != TALLY_OK)
            return st;
        sum += votes;
        elected += el;
    }
    if (sum != (int64_t)json_integer_value(json_object_get(body, "valid_votes")))
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "valid_votes: is %lld but the candidates' votes sum to %lld",
                               (long long)json_integer_value(json_object_get(body, "valid_votes")),
                               (long long)sum);
    if (json_integer_value(json_object_get(body, "valid_votes")) +
            json_integer_value(json_object_get(body, "rejected")) >
        json_integer_value(json_object_get(body, "electorate")))
        return bad(err, "electorate", "is fewer than the valid and rejected papers");
    if (elected != (int64_t)json_integer_value(json_object_get(body, "seats")))
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "candidates: %lld elected for %lld seats", (long long)elected,
                               (long long)json_integer_value(json_object_get(body, "seats")));
    return most_votes_elected(cands, err);
}
