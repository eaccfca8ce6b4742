/*
** The election definition JSON reader (tally_io_read_election in
** include/tally/io.h; the format is docs/formats.md).
**
** Strict: an unknown member is an error (a misspelt "electorat" must not
** silently leave the electorate out), numbers of votes are whole and not
** negative, a candidate is named once, and declared votes name only
** candidates of the ballot. Every error names the file, line and column of
** the value at fault.
*/
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jsonpos.h"
#include "tally/alloc.h"
#include "tally/io.h"
#include "tally/result.h"

/* Counts above this are refused: no UK electorate comes near it, and it
** keeps every product in result arithmetic far inside 128 bits. */
#define MAX_COUNT 1000000000000LL

typedef struct reader {
    const char *name, *text;
    size_t len;
    tally_election *e;
    tally_error *err;
} reader;

/* Report a fault at the value at pointer (or its key, with key_pos). */
#define fault_at(r, pointer, key_pos, ...)                                                     \
    tally_jsonpos_fault((r)->err, (r)->name, (r)->text, (r)->len, pointer, key_pos, __VA_ARGS__)

static void join(char *buf, size_t n, const char *base, const char *token)
{
    snprintf(buf, n, "%s", base);
    tally_jsonpos_append(buf, n, token);
}

/* Refuse members of obj not in allowed (NULL-terminated). */
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

static tally_status want_object(reader *r, json_t *v, const char *ptr, const char *what)
{
    if (!json_is_object(v))
        return fault_at(r, ptr, 0, "%s must be an object", what);
    return TALLY_OK;
}

/* A string member; required or optional (*out NULL when absent or null). */
static tally_status str(reader *r, json_t *obj, const char *ptr, const char *key, int required,
                        char **out)
{
    json_t *v = json_object_get(obj, key);
    char p[1024];

    join(p, sizeof p, ptr, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return v ? fault_at(r, p, 0, "\"%s\" must not be null", key)
                     : fault_at(r, ptr, 0, "\"%s\" is missing", key);
        return TALLY_OK;
    }
    if (!json_is_string(v))
        return fault_at(r, p, 0, "\"%s\" must be a string", key);
    if (json_string_length(v) == 0 && required)
        return fault_at(r, p, 0, "\"%s\" must not be empty", key);
    *out = tally_election_strdup(r->e, json_string_value(v));
    if (!*out)
        return tally_error_set(r->err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
    return TALLY_OK;
}

/* A whole, non-negative count at pointer p. */
static tally_status count(reader *r, json_t *v, const char *p, const char *what, int64_t *out)
{
    json_int_t n;

    if (!json_is_integer(v))
        return fault_at(r, p, 0, "%s must be a whole number", what);
    n = json_integer_value(v);
    if (n < 0)
        return fault_at(r, p, 0, "%s must not be negative (%lld)", what, (long long)n);
    if (n > MAX_COUNT)
        return fault_at(r, p, 0, "%s is too large (%lld)", what, (long long)n);
    *out = (int64_t)n;
    return TALLY_OK;
}

/* An optional count member; *out stays TALLY_NONE when absent or null. */
static tally_status count_member(reader *r, json_t *obj, const char *ptr, const char *key,
                                 const char *what, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    char p[1024];

    *out = TALLY_NONE;
    if (!v || json_is_null(v))
        return TALLY_OK;
    join(p, sizeof p, ptr, key);
    return count(r, v, p, what, out);
}

#define TRY(x) do { tally_status s_ = (x); if (s_ != TALLY_OK) return s_; } while (0)

static tally_status read_header(reader *r, json_t *root)
{
    static const char *const el_keys[] = { "name", "date", "type", NULL };
    static const char *const area_keys[] = { "name", "code", "nation", NULL };
    static const char *const ro_keys[] = { "name", "title", NULL };
    json_t *el = json_object_get(root, "election");
    json_t *area = json_object_get(root, "area");
    json_t *ro = json_object_get(root, "returning_officer");
    json_t *seats = json_object_get(root, "seats");
    char *type = NULL, *method = NULL, *nation = NULL;

    if (!el)
        return fault_at(r, "", 0, "\"election\" is missing");
    TRY(want_object(r, el, "/election", "\"election\""));
    TRY(only(r, el, "/election", el_keys));
    TRY(str(r, el, "/election", "name", 1, &r->e->name));
    TRY(str(r, el, "/election", "date", 1, &r->e->date));
    TRY(str(r, el, "/election", "type", 1, &type));
    if (tally_contest_type_parse(type, &r->e->type) != TALLY_OK)
        return fault_at(r, "/election/type", 0,
                        "unknown contest type \"%s\" (uk-parliament, local, mayor, pcc)", type);
    tally_election_default_deposit(r->e);

    if (!area)
        return fault_at(r, "", 0, "\"area\" is missing");
    TRY(want_object(r, area, "/area", "\"area\""));
    TRY(only(r, area, "/area", area_keys));
    TRY(str(r, area, "/area", "name", 1, &r->e->area_name));
    TRY(str(r, area, "/area", "code", 0, &r->e->area_code));
    TRY(str(r, area, "/area", "nation", 0, &nation));
    if (nation && tally_nation_parse(nation, &r->e->nation) != TALLY_OK)
        return fault_at(r, "/area/nation", 0,
                        "unknown nation \"%s\" (england, scotland, wales, northern-ireland)",
                        nation);

    if (ro && !json_is_null(ro)) {
        TRY(want_object(r, ro, "/returning_officer", "\"returning_officer\""));
        TRY(only(r, ro, "/returning_officer", ro_keys));
        TRY(str(r, ro, "/returning_officer", "name", 0, &r->e->officer_name));
        TRY(str(r, ro, "/returning_officer", "title", 0, &r->e->officer_title));
    }

    if (seats) {
        int64_t n = 0;
        TRY(count(r, seats, "/seats", "seats", &n));
        if (n < 1 || n > 1000)
            return fault_at(r, "/seats", 0, "seats must be between 1 and 1000");
        r->e->seats = (int)n;
    }
    TRY(str(r, root, "", "method", 0, &method));
    if (method && tally_election_method_parse(method, &r->e->method) != TALLY_OK)
        return fault_at(r, "/method", 0, "unknown method \"%s\" (fptp, scottish-stv, ni-stv)",
                        method);

    if (!json_object_get(root, "electorate"))
        return fault_at(r, "", 0, "\"electorate\" is missing");
    TRY(count(r, json_object_get(root, "electorate"), "/electorate", "electorate",
              &r->e->electorate));
    if (r->e->electorate == 0)
        return fault_at(r, "/electorate", 0, "electorate must be positive");
    return TALLY_OK;
}

static tally_status read_deposit(reader *r, json_t *root)
{
    static const char *const keys[] = { "amount", "threshold", NULL };
    json_t *d = json_object_get(root, "deposit");
    long long num, den;
    char *th = NULL;
    int used = 0;

    if (!d)
        return TALLY_OK; /* the type's default */
    if (json_is_null(d)) {
        r->e->deposit.applies = 0;
        return TALLY_OK;
    }
    TRY(want_object(r, d, "/deposit", "\"deposit\""));
    TRY(only(r, d, "/deposit", keys));
    TRY(count_member(r, d, "/deposit", "amount", "deposit amount", &r->e->deposit.amount));
    if (r->e->deposit.amount == TALLY_NONE)
        return fault_at(r, "/deposit", 0, "\"amount\" is missing");
    TRY(str(r, d, "/deposit", "threshold", 1, &th));
    if (sscanf(th, "%lld/%lld%n", &num, &den, &used) != 2 || th[used] || num <= 0 ||
        den <= num || den > 1000000)
        return fault_at(r, "/deposit/threshold", 0,
                        "threshold must be a fraction below one such as \"1/20\"");
    r->e->deposit.applies = 1;
    r->e->deposit.num = num;
    r->e->deposit.den = den;
    return TALLY_OK;
}

static tally_status read_candidates(reader *r, json_t *root)
{
    static const char *const keys[] = { "name", "common_name", "party", "party_code",
                                        "previous_key", NULL };
    json_t *cands = json_object_get(root, "candidates");
    size_t i;
    json_t *c;

    if (!cands)
        return fault_at(r, "", 0, "\"candidates\" is missing");
    if (!json_is_array(cands) || json_array_size(cands) == 0)
        return fault_at(r, "/candidates", 0, "\"candidates\" must be a non-empty array");
    json_array_foreach(cands, i, c) {
        char p[64];
        char *name, *party, *code, *common, *prev;
        tally_candidate *tc;

        snprintf(p, sizeof p, "/candidates/%zu", i);
        TRY(want_object(r, c, p, "a candidate"));
        TRY(only(r, c, p, keys));
        TRY(str(r, c, p, "name", 1, &name));
        TRY(str(r, c, p, "common_name", 0, &common));
        TRY(str(r, c, p, "party", 1, &party));
        TRY(str(r, c, p, "party_code", 0, &code));
        TRY(str(r, c, p, "previous_key", 0, &prev));
        if (tally_election_find_candidate(r->e, name) >= 0)
            return fault_at(r, p, 0, "candidate \"%s\" is named twice", name);
        if (tally_election_add_candidate(r->e, name, party, code, TALLY_NONE, &tc) != TALLY_OK)
            return tally_error_set(r->err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
        tc->common_name = common;
        if (json_object_get(c, "previous_key"))
            tc->previous_key = prev; /* null: never compared */
    }
    return TALLY_OK;
}

static tally_status read_rejected(reader *r, json_t *decl)
{
    const tally_contest_info *ci = tally_contest_info_get(r->e->type);
    json_t *rej = json_object_get(decl, "rejected");
    const char *k;
    json_t *v;

    if (!rej || json_is_null(rej))
        return TALLY_OK;
    TRY(want_object(r, rej, "/declared/rejected", "\"rejected\""));
    json_object_foreach(rej, k, v) {
        char p[256];
        size_t h;
        join(p, sizeof p, "/declared/rejected", k);
        if (strcmp(k, "total") == 0) {
            TRY(count(r, v, p, "rejected total", &r->e->rejected_total));
            continue;
        }
        for (h = 0; h < ci->n_heads; h++)
            if (strcmp(ci->head_keys[h], k) == 0)
                break;
        if (h == ci->n_heads)
            return fault_at(r, p, 1, "\"%s\" is not a head of rejection for a %s election",
                            k, ci->key);
        TRY(count(r, v, p, "rejected papers", &r->e->rejected[h]));
    }
    return TALLY_OK;
}

static tally_status read_declared(reader *r, json_t *root)
{
    static const char *const keys[] = { "votes", "valid_votes", "rejected", "verified_total",
                                        NULL };
    json_t *decl = json_object_get(root, "declared");
    json_t *votes, *v;
    const char *k;

    if (!decl || json_is_null(decl))
        return TALLY_OK;
    TRY(want_object(r, decl, "/declared", "\"declared\""));
    TRY(only(r, decl, "/declared", keys));
    r->e->has_declared = 1;
    votes = json_object_get(decl, "votes");
    if (votes) {
        TRY(want_object(r, votes, "/declared/votes", "\"votes\""));
        json_object_foreach(votes, k, v) {
            char p[1024];
            long idx = tally_election_find_candidate(r->e, k);
            join(p, sizeof p, "/declared/votes", k);
            if (idx < 0)
                return fault_at(r, p, 1, "\"%s\" is not a candidate", k);
            TRY(count(r, v, p, "votes", &r->e->candidates[idx].votes));
        }
    }
    TRY(count_member(r, decl, "/declared", "valid_votes", "valid votes", &r->e->valid_votes));
    TRY(count_member(r, decl, "/declared", "verified_total", "verified total",
                     &r->e->verified_total));
    return read_rejected(r, decl);
}

static tally_status read_previous(reader *r, json_t *root)
{
    static const char *const keys[] = { "label", "date", "winner", "winner_key", "valid_votes",
                                        "votes", NULL };
    json_t *prev = json_object_get(root, "previous");
    json_t *votes, *v;
    const char *k;
    char *label, *date, *winner, *wkey;
    int64_t valid;

    if (!prev || json_is_null(prev))
        return TALLY_OK;
    TRY(want_object(r, prev, "/previous", "\"previous\""));
    TRY(only(r, prev, "/previous", keys));
    TRY(str(r, prev, "/previous", "label", 0, &label));
    TRY(str(r, prev, "/previous", "date", 0, &date));
    TRY(str(r, prev, "/previous", "winner", 1, &winner));
    TRY(str(r, prev, "/previous", "winner_key", 0, &wkey));
    TRY(count_member(r, prev, "/previous", "valid_votes", "previous valid votes", &valid));
    votes = json_object_get(prev, "votes");
    if (!votes)
        return fault_at(r, "/previous", 0, "\"votes\" is missing");
    TRY(want_object(r, votes, "/previous/votes", "\"votes\""));
    json_object_foreach(votes, k, v) {
        char p[1024];
        int64_t n;
        join(p, sizeof p, "/previous/votes", k);
        TRY(count(r, v, p, "previous votes", &n));
        if (tally_election_add_previous(r->e, k, n) != TALLY_OK)
            return tally_error_set(r->err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
    }
    if (!r->e->previous)
        return fault_at(r, "/previous/votes", 0, "previous votes must name at least one party");
    r->e->previous->label = label;
    r->e->previous->date = date;
    r->e->previous->winner = winner;
    r->e->previous->winner_key = wkey;
    r->e->previous->valid_votes = valid;
    return TALLY_OK;
}

static tally_status read_all(reader *r, json_t *root)
{
    static const char *const keys[] = { "election", "area", "returning_officer", "seats",
                                        "method", "electorate", "deposit", "candidates",
                                        "declared", "previous", NULL };
    tally_error check;

    if (!json_is_object(root))
        return fault_at(r, "", 0, "an election definition must be a JSON object");
    TRY(only(r, root, "", keys));
    TRY(read_header(r, root));
    TRY(read_deposit(r, root));
    TRY(read_candidates(r, root));
    TRY(read_declared(r, root));
    TRY(read_previous(r, root));
    if (tally_contest_info_get(r->e->type)->single_seat_only && r->e->seats != 1)
        return fault_at(r, "/seats", 0, "a %s contest fills exactly one seat",
                        tally_contest_info_get(r->e->type)->key);
    if (!r->e->has_declared)
        return TALLY_OK; /* a definition for a count yet to happen */

    /* Cross-checks of the whole: report them at the figures concerned. */
    tally_error_clear(&check);
    if (tally_election_check(r->e, &check) != TALLY_OK)
        return fault_at(r, json_object_get(root, "declared") ? "/declared" : "", 0, "%s",
                        check.message);
    return TALLY_OK;
}

tally_status tally_io_parse_election(const char *text, size_t len, const char *name,
                                     tally_election **out, tally_error *err)
{
    reader r = { name, text, len, NULL, err };
    json_t *root;
    tally_status s;

    *out = NULL;
    if ((s = tally_jsonpos_load(text, len, name, &root, err)) != TALLY_OK)
        return s;
    if ((s = tally_election_new(&r.e)) != TALLY_OK) {
        json_decref(root);
        return tally_error_set(err, s, name, 0, 0, "out of memory");
    }
    s = read_all(&r, root);
    json_decref(root);
    if (s != TALLY_OK) {
        tally_election_free(r.e);
        return s;
    }
    *out = r.e;
    return TALLY_OK;
}

tally_status tally_io_read_election(const char *path, tally_election **out, tally_error *err)
{
    char *text;
    size_t len;
    tally_status s;

    *out = NULL;
    if ((s = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return s;
    s = tally_io_parse_election(text, len, path, out, err);
    tally_free(text);
    return s;
}
