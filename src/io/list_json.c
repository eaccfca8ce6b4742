/*
** The list election JSON reader (tally_io_read_list in
** include/tally/listpr_io.h; the format is docs/formats.md, "List election
** JSON").
**
** Strict, as the election reader is: an unknown member is an error, votes
** and seats are whole and not negative, a party is named once in an area,
** an independent has no list, a struck-off name is on the party's list.
** Every error names the file, line and column of the value at fault.
*/
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jsonpos.h"
#include "tally/alloc.h"
#include "tally/io.h"
#include "tally/listpr_io.h"

/* Votes above this are refused: it keeps every cross-multiplication of a
** quotient far inside 128 bits. */
#define MAX_COUNT 1000000000000LL

typedef struct reader {
    const char *name, *text;
    size_t len;
    tally_list_election *e;
    tally_error *err;
} reader;

/* A fault at the value (or with key_pos its key) pointer names (jsonpos.h). */
#define fault_at(r, pointer, key_pos, ...)                                                     \
    tally_jsonpos_fault((r)->err, (r)->name, (r)->text, (r)->len, pointer, key_pos, __VA_ARGS__)

static tally_status oom(reader *r)
{
    return tally_error_set(r->err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
}

static void join(char *buf, size_t n, const char *base, const char *token)
{
    snprintf(buf, n, "%s", base);
    tally_jsonpos_append(buf, n, token);
}

static void join_index(char *buf, size_t n, const char *base, size_t i)
{
    char t[32];
    snprintf(t, sizeof t, "%zu", i);
    join(buf, n, base, t);
}

#define TRY(x) do { tally_status s_ = (x); if (s_ != TALLY_OK) return s_; } while (0)

static tally_status only(reader *r, json_t *obj, const char *ptr, const char *const *allowed)
{
    const char *k;
    json_t *v;

    json_object_foreach(obj, k, v) {
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            ok |= strcmp(*a, k) == 0;
        if (!ok) {
            char p[1024];
            join(p, sizeof p, ptr, k);
            return fault_at(r, p, 1, "unknown member \"%s\"", k);
        }
    }
    (void)v;
    return TALLY_OK;
}

static tally_status want_string(reader *r, json_t *obj, const char *ptr, const char *key,
                                const char **out)
{
    json_t *v = json_object_get(obj, key);
    char p[1024];

    join(p, sizeof p, ptr, key);
    if (!v)
        return fault_at(r, ptr, 0, "\"%s\" is missing", key);
    if (!json_is_string(v) || json_string_length(v) == 0)
        return fault_at(r, p, 0, "\"%s\" must be a string that is not empty", key);
    *out = json_string_value(v);
    return TALLY_OK;
}

/* An optional whole count member no larger than max; *out = dflt when absent. */
static tally_status count(reader *r, json_t *obj, const char *ptr, const char *key,
                          int64_t max, int64_t dflt, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    char p[1024];
    json_int_t n;

    *out = dflt;
    if (!v)
        return TALLY_OK;
    join(p, sizeof p, ptr, key);
    if (!json_is_integer(v))
        return fault_at(r, p, 0, "\"%s\" must be a whole number", key);
    n = json_integer_value(v);
    if (n < 0)
        return fault_at(r, p, 0, "\"%s\" must not be negative (%lld)", key, (long long)n);
    if (n > max)
        return fault_at(r, p, 0, "\"%s\" is too large (%lld; at most %lld)", key, (long long)n,
                        (long long)max);
    *out = (int64_t)n;
    return TALLY_OK;
}

static tally_status read_party(reader *r, size_t area, json_t *pj, const char *ptr)
{
    static const char *const allowed[] = { "name", "votes", "constituency_seats", "independent",
                                           "list", "struck_off", NULL };
    const tally_list_area *ar = &r->e->areas[area];
    json_t *ind = json_object_get(pj, "independent"), *list = json_object_get(pj, "list");
    json_t *struck = json_object_get(pj, "struck_off");
    const char *name;
    int64_t votes, cseats;
    size_t pi, i;
    json_t *v;
    char p[1024];

    if (!json_is_object(pj))
        return fault_at(r, ptr, 0, "a party must be an object");
    TRY(only(r, pj, ptr, allowed));
    TRY(want_string(r, pj, ptr, "name", &name));
    if (!json_object_get(pj, "votes"))
        return fault_at(r, ptr, 0, "\"votes\" is missing");
    TRY(count(r, pj, ptr, "votes", MAX_COUNT, 0, &votes));
    TRY(count(r, pj, ptr, "constituency_seats", 100000, 0, &cseats));
    if (ind && !json_is_boolean(ind)) {
        join(p, sizeof p, ptr, "independent");
        return fault_at(r, p, 0, "\"independent\" must be true or false");
    }
    for (size_t q = 0; q < ar->n_parties; q++)
        if (strcmp(ar->parties[q].name, name) == 0) {
            join(p, sizeof p, ptr, "name");
            return fault_at(r, p, 0, "\"%s\" is named twice in %s", name, ar->name);
        }
    if (json_is_true(ind) && (list || struck)) {
        join(p, sizeof p, ptr, list ? "list" : "struck_off");
        return fault_at(r, p, 1, "an independent candidate is a party of one and has no list");
    }
    if (tally_list_party_add(r->e, area, name, votes, cseats, json_is_true(ind), &pi) != TALLY_OK)
        return oom(r);
    if (list) {
        join(p, sizeof p, ptr, "list");
        if (!json_is_array(list))
            return fault_at(r, p, 0, "\"list\" must be an array of names");
        json_array_foreach(list, i, v) {
            char q[1024];
            join_index(q, sizeof q, p, i);
            if (!json_is_string(v) || json_string_length(v) == 0)
                return fault_at(r, q, 0, "a list entry must be a name");
            for (size_t j = 0; j < i; j++)
                if (strcmp(json_string_value(json_array_get(list, j)), json_string_value(v)) == 0)
                    return fault_at(r, q, 0, "\"%s\" is on the list twice", json_string_value(v));
            if (tally_list_candidate_add(r->e, area, pi, json_string_value(v), 0) != TALLY_OK)
                return oom(r);
        }
    }
    if (struck) {
        tally_list_party *pt = &r->e->areas[area].parties[pi];
        join(p, sizeof p, ptr, "struck_off");
        if (!json_is_array(struck))
            return fault_at(r, p, 0, "\"struck_off\" must be an array of names on the list");
        json_array_foreach(struck, i, v) {
            char q[1024];
            size_t j;
            join_index(q, sizeof q, p, i);
            if (!json_is_string(v))
                return fault_at(r, q, 0, "a struck-off entry must be a name");
            for (j = 0; j < pt->n_list; j++)
                if (strcmp(pt->list[j], json_string_value(v)) == 0)
                    break;
            if (j == pt->n_list)
                return fault_at(r, q, 0, "\"%s\" is not on the party's list",
                                json_string_value(v));
            pt->struck_off[j] = 1;
        }
    }
    return TALLY_OK;
}

static tally_status read_area(reader *r, json_t *aj, const char *ptr)
{
    static const char *const allowed[] = { "name", "seats", "valid_votes", "parties", NULL };
    json_t *parties, *pj;
    const char *name;
    int64_t seats, valid;
    size_t ai, i;
    char p[1024];

    if (!json_is_object(aj))
        return fault_at(r, ptr, 0, "an area must be an object");
    TRY(only(r, aj, ptr, allowed));
    TRY(want_string(r, aj, ptr, "name", &name));
    for (size_t a = 0; a < r->e->n_areas; a++)
        if (strcmp(r->e->areas[a].name, name) == 0) {
            join(p, sizeof p, ptr, "name");
            return fault_at(r, p, 0, "the area \"%s\" is named twice", name);
        }
    TRY(count(r, aj, ptr, "seats", 100000, TALLY_LIST_SEATS_STATUTORY, &seats));
    TRY(count(r, aj, ptr, "valid_votes", MAX_COUNT, TALLY_LIST_SUM, &valid));
    if (tally_list_area_add(r->e, name, seats, valid, &ai) != TALLY_OK)
        return oom(r);
    parties = json_object_get(aj, "parties");
    join(p, sizeof p, ptr, "parties");
    if (!parties)
        return fault_at(r, ptr, 0, "\"parties\" is missing");
    if (!json_is_array(parties))
        return fault_at(r, p, 0, "\"parties\" must be an array");
    json_array_foreach(parties, i, pj) {
        char q[1024];
        join_index(q, sizeof q, p, i);
        TRY(read_party(r, ai, pj, q));
    }
    if (valid != TALLY_LIST_SUM) {
        int64_t sum = 0;
        for (size_t k = 0; k < r->e->areas[ai].n_parties; k++)
            sum += r->e->areas[ai].parties[k].votes;
        if (valid < sum) {
            join(p, sizeof p, ptr, "valid_votes");
            return fault_at(r, p, 0, "valid votes %lld are fewer than the parties' votes, %lld",
                            (long long)valid, (long long)sum);
        }
    }
    return TALLY_OK;
}

static tally_status read_all(reader *r, json_t *root)
{
    static const char *const allowed[] = { "title", "threshold_percent", "source", "areas", NULL };
    json_t *areas, *aj, *title;
    int64_t pct;
    size_t i;

    if (!json_is_object(root))
        return fault_at(r, "", 0, "a list election must be a JSON object");
    TRY(only(r, root, "", allowed));
    title = json_object_get(root, "title");
    if (title && !json_is_string(title))
        return fault_at(r, "/title", 0, "\"title\" must be a string");
    if (json_object_get(root, "source") && !json_is_string(json_object_get(root, "source")))
        return fault_at(r, "/source", 0, "\"source\" must be a string");
    if (!(r->e = tally_list_election_new(title ? json_string_value(title) : NULL)))
        return oom(r);
    TRY(count(r, root, "", "threshold_percent", 100, 0, &pct));
    r->e->threshold_num = pct;
    r->e->threshold_den = 100;
    areas = json_object_get(root, "areas");
    if (!areas)
        return fault_at(r, "", 0, "\"areas\" is missing");
    if (!json_is_array(areas) || json_array_size(areas) == 0)
        return fault_at(r, "/areas", 0, "\"areas\" must be an array of at least one area");
    json_array_foreach(areas, i, aj) {
        char p[64];
        snprintf(p, sizeof p, "/areas/%zu", i);
        TRY(read_area(r, aj, p));
    }
    return TALLY_OK;
}

tally_status tally_io_parse_list(const char *text, size_t len, const char *name,
                                 tally_list_election **out, tally_error *err)
{
    reader r = { name, text, len, NULL, err };
    json_t *root;
    tally_status s;

    *out = NULL;
    if ((s = tally_jsonpos_load(text, len, name, &root, err)) != TALLY_OK)
        return s;
    s = read_all(&r, root);
    json_decref(root);
    if (s != TALLY_OK) {
        tally_list_election_free(r.e);
        return s;
    }
    *out = r.e;
    return TALLY_OK;
}

tally_status tally_io_read_list(const char *path, tally_list_election **out, tally_error *err)
{
    char *text;
    size_t len;
    tally_status s;

    *out = NULL;
    if ((s = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return s;
    s = tally_io_parse_list(text, len, path, out, err);
    tally_free(text);
    return s;
}
