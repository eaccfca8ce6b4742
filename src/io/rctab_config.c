/*
** The RCTab contest configuration reader (include/tally/rctab.h).
**
** RCTab writes every value as a string ("3", "", "max") or, in older
** files, as a number or boolean; both are read. Members tally does not use
** (outputSettings other than contestName, tabulatorVersion,
** rulesDescription, decimalPlacesForVoteArithmetic, ...) are passed over,
** as RCTab itself ignores members it does not know. Every refusal names
** the file, line and column of the value at fault.
*/
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "tally/alloc.h"
#include "tally/cvr_source.h"
#include "tally/io.h"
#include "tally/jrandom.h"
#include "tally/rctab.h"
#include "tally/rctab_multi.h"

/* Candidates and sources above these are refused (RCTab's own contests
** stay far inside them). */
#define MAX_CANDIDATES 1000
#define MAX_SOURCES 10000

struct tally_rctab {
    json_t *root;                 /* the strings below borrow from it */
    tally_cvr_candidate *cands;
    const char **aliases;         /* every candidate's, one after another */
    unsigned char *excluded;
    size_t n;
    tally_cvr_source *sources;
    char **paths;                 /* each source's resolved path (owned) */
    size_t n_sources, n_paths;    /* sources read; room in paths */
    tally_irv_options rules;
    int permute;                  /* generatePermutation: the tie order drawn */
    int several;                  /* one of RCTab's several-seat modes: multi */
    tally_rctab_multi_rules multi;
    tally_rctab_info info;
};

typedef struct reader {
    const char *name, *text;
    size_t len;
    tally_rctab *c;
    tally_error *err;
} reader;

/* A fault at the value pointer names (jsonpos.h). */
#define fault_at(r, pointer, ...)                                                              \
    tally_jsonpos_fault((r)->err, (r)->name, (r)->text, (r)->len, pointer, 0, __VA_ARGS__)

static tally_status oom(reader *r)
{
    return tally_error_set(r->err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
}

/* A value as RCTab's text: a string as it is, a number or boolean spelt
** out, null or absent "". NULL for an array or object. */
static const char *text_of(json_t *v, char *buf, size_t n)
{
    if (!v || json_is_null(v))
        return "";
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    return NULL;
}

/* The text of member key of obj (at pointer base), or a fault. */
static tally_status text_at(reader *r, json_t *obj, const char *base, const char *key,
                            char *buf, size_t n, const char **out)
{
    char ptr[256];

    snprintf(ptr, sizeof ptr, "%s/%s", base, key);
    *out = text_of(json_object_get(obj, key), buf, n);
    if (!*out)
        return fault_at(r, ptr, "\"%s\" must be a string", key);
    return TALLY_OK;
}

/* A whole number from "" (none: *out = dflt) or digits, at most most. */
static tally_status whole_at(reader *r, json_t *obj, const char *base, const char *key,
                             long dflt, long most, long *out)
{
    char buf[32], ptr[256], *end;
    const char *t;
    tally_status s;

    if ((s = text_at(r, obj, base, key, buf, sizeof buf, &t)) != TALLY_OK)
        return s;
    if (!*t) {
        *out = dflt;
        return TALLY_OK;
    }
    *out = strtol(t, &end, 10);
    snprintf(ptr, sizeof ptr, "%s/%s", base, key);
    if (*end || *t < '0' || *t > '9' || *out > most)
        return fault_at(r, ptr, "\"%s\" must be a whole number from 0 to %ld, not \"%s\"", key,
                        most, t);
    return TALLY_OK;
}

/* A boolean rule: true, "true"; false, "false", "" or absent. */
static tally_status flag_at(reader *r, json_t *obj, const char *base, const char *key, int *out)
{
    char buf[32], ptr[256];
    const char *t;
    tally_status s;

    if ((s = text_at(r, obj, base, key, buf, sizeof buf, &t)) != TALLY_OK)
        return s;
    *out = strcmp(t, "true") == 0;
    snprintf(ptr, sizeof ptr, "%s/%s", base, key);
    if (!*out && *t && strcmp(t, "false") != 0)
        return fault_at(r, ptr, "\"%s\" must be true or false, not \"%s\"", key, t);
    return TALLY_OK;
}

/* A rule whose only value tally counts by is want (or "" / absent). */
static tally_status only(reader *r, json_t *rules, const char *key, const char *want,
                         const char *why)
{
    char buf[32], ptr[256];
    const char *t;
    tally_status s;

    if ((s = text_at(r, rules, "/rules", key, buf, sizeof buf, &t)) != TALLY_OK)
        return s;
    snprintf(ptr, sizeof ptr, "/rules/%s", key);
    if (*t && strcmp(t, want) != 0)
        return fault_at(r, ptr, "\"%s\": \"%s\" is not counted by tally: %s", key, t, why);
    return TALLY_OK;
}

/* RCTab's several-seat modes (rctab_multi.h), by winnerElectionMode. */
static const struct {
    const char *name;
    tally_rctab_mode mode;
} several_modes[] = {
    { "multiWinnerAllowMultipleWinnersPerRound", TALLY_RCTAB_MULTIPLE_PER_ROUND },
    { "multiWinnerAllowOnlyOneWinnerPerRound", TALLY_RCTAB_ONE_PER_ROUND },
    { "bottomsUp", TALLY_RCTAB_BOTTOMS_UP },
    { "bottomsUpUsingPercentageThreshold", TALLY_RCTAB_BOTTOMS_UP_PERCENT },
};

/* multiSeatBottomsUpPercentageThreshold: a percentage above 0, at most 100,
** to at most 6 places, as the share (15 is 0.15: BigDecimal's exact
** quotient by 100, at the smallest scale that holds it). */
static tally_status share_at(reader *r, json_t *rules, tally_rctab_dec *out)
{
    char buf[32];
    const char *t, *s;
    int64_t v = 0, hundred = 1;
    int places = -1;
    tally_status st;

    if ((st = text_at(r, rules, "/rules", "multiSeatBottomsUpPercentageThreshold", buf,
                      sizeof buf, &t)) != TALLY_OK)
        return st;
    for (s = t; *s; s++) {
        if (*s == '.' && places < 0 && s > t && s[1]) {
            places = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || places >= 6 || v > 100000000)
            break;
        v = v * 10 + (*s - '0');
        places += places >= 0;
    }
    out->v = v;
    out->scale = (places < 0 ? 0 : places) + 2;
    for (int i = 0; i < out->scale; i++)
        hundred *= 10; /* 10^scale: the share 1, so v above it is above 100% */
    if (*s || !*t || v == 0 || v > hundred)
        return fault_at(r, json_object_get(rules, "multiSeatBottomsUpPercentageThreshold")
                               ? "/rules/multiSeatBottomsUpPercentageThreshold"
                               : "/rules",
                        "bottomsUpUsingPercentageThreshold needs "
                        "\"multiSeatBottomsUpPercentageThreshold\": a percentage above 0, "
                        "at most 100, to at most 6 places, not \"%s\"", t);
    while (out->scale > (places < 0 ? 0 : places) && out->v % 10 == 0) {
        out->v /= 10;
        out->scale--;
    }
    return TALLY_OK;
}

/* The rules of a several-seat mode beyond irv's (rctab_multi.h). */
static tally_status read_several(reader *r, json_t *rules, long seats)
{
    tally_rctab_multi_rules *m = &r->c->multi;
    long places;
    int cutoff;
    tally_status s;

    if (m->mode != TALLY_RCTAB_BOTTOMS_UP_PERCENT && seats < 2)
        return fault_at(r, json_object_get(rules, "numberOfWinners") ? "/rules/numberOfWinners"
                                                                     : "/rules/winnerElectionMode",
                        "\"numberOfWinners\": %ld: RCTab's several-seat modes fill two "
                        "seats or more", seats);
    m->seats = (int)seats;
    if ((s = whole_at(r, rules, "/rules", "decimalPlacesForVoteArithmetic", 4, 100, &places)) !=
        TALLY_OK)
        return s;
    if (places < 1 || places > 9)
        return fault_at(r, "/rules/decimalPlacesForVoteArithmetic",
                        "\"decimalPlacesForVoteArithmetic\": %ld: tally counts 1 to 9 places",
                        places);
    m->places = (int)places;
    if ((s = flag_at(r, rules, "/rules", "nonIntegerWinningThreshold", &m->non_integer)) !=
            TALLY_OK ||
        (s = flag_at(r, rules, "/rules", "hareQuota", &m->hare)) != TALLY_OK ||
        (s = flag_at(r, rules, "/rules", "cutoffElimination", &cutoff)) != TALLY_OK ||
        (s = flag_at(r, rules, "/rules", "doesFirstRoundDetermineThreshold",
                     &m->first_round_threshold)) != TALLY_OK)
        return s;
    if (m->mode != TALLY_RCTAB_BOTTOMS_UP_PERCENT) {
        if (cutoff)
            return fault_at(r, "/rules/cutoffElimination",
                            "\"cutoffElimination\" is counted by tally with "
                            "bottomsUpUsingPercentageThreshold only");
        if (m->first_round_threshold)
            return fault_at(r, "/rules/doesFirstRoundDetermineThreshold",
                            "\"doesFirstRoundDetermineThreshold\": the threshold of several "
                            "seats is the first round's already; tally counts it with "
                            "bottomsUpUsingPercentageThreshold only");
        return TALLY_OK;
    }
    m->cutoff = cutoff;
    return share_at(r, rules, &m->share);
}

static tally_status read_rules(reader *r, json_t *rules)
{
    tally_irv_options *o = &r->c->rules;
    char buf[32], mode[64];
    const char *t;
    long v;
    int flag, sequential;
    tally_status s;

    if (!json_is_object(rules))
        return fault_at(r, "/rules", "\"rules\" must be an object");
    if ((s = text_at(r, rules, "/rules", "overvoteRule", buf, sizeof buf, &t)) != TALLY_OK)
        return s;
    if (strcmp(t, "alwaysSkipToNextRank") == 0)
        o->overvote = TALLY_OVERVOTE_SKIP;
    else if (strcmp(t, "exhaustImmediately") == 0)
        o->overvote = TALLY_OVERVOTE_EXHAUST;
    else if (strcmp(t, "exhaustIfMultipleContinuing") == 0)
        o->overvote = TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE;
    else if (!*t)
        return fault_at(r, json_object_get(rules, "overvoteRule") ? "/rules/overvoteRule"
                                                                  : "/rules",
                        "\"rules\" needs its \"overvoteRule\"");
    else
        return fault_at(r, "/rules/overvoteRule",
                        "\"overvoteRule\": \"%s\" is not counted by tally (alwaysSkipToNextRank, "
                        "exhaustImmediately, exhaustIfMultipleContinuing)", t);
    if ((s = text_at(r, rules, "/rules", "maxSkippedRanksAllowed", buf, sizeof buf, &t)) !=
        TALLY_OK)
        return s;
    if (strcmp(t, "unlimited") != 0 && *t) {
        if ((s = whole_at(r, rules, "/rules", "maxSkippedRanksAllowed", 0, 100000, &v)) !=
            TALLY_OK)
            return s;
        o->limit_skipped = 1;
        o->max_skipped = (int)v;
    }
    if ((s = flag_at(r, rules, "/rules", "exhaustOnDuplicateCandidate", &flag)) != TALLY_OK)
        return s;
    o->duplicate = flag ? TALLY_DUPLICATE_EXHAUST : TALLY_DUPLICATE_SKIP;
    if ((s = flag_at(r, rules, "/rules", "batchElimination", &o->batch)) != TALLY_OK)
        return s;
    if ((s = whole_at(r, rules, "/rules", "numberOfWinners", 1, 100000, &v)) != TALLY_OK)
        return s;
    if ((s = text_at(r, rules, "/rules", "winnerElectionMode", mode, sizeof mode, &t)) !=
        TALLY_OK)
        return s;
    sequential = strcmp(t, "multiPassIrv") == 0; /* irv_passes.h */
    for (size_t i = 0; i < sizeof several_modes / sizeof *several_modes; i++)
        if (strcmp(t, several_modes[i].name) == 0) {
            r->c->several = 1;
            r->c->multi.mode = several_modes[i].mode;
        }
    if (v != 1 && !sequential && !r->c->several)
        return fault_at(r, "/rules/numberOfWinners",
                        "\"numberOfWinners\": %ld: tally counts RCTab's single-winner contests, "
                        "multiPassIrv and the several-seat modes only", v);
    r->c->info.passes = sequential ? (size_t)v : 0;
    r->c->info.several = r->c->several;
    if (r->c->several && (s = read_several(r, rules, v)) != TALLY_OK)
        return s;
    if ((!sequential && !r->c->several &&
         (s = only(r, rules, "winnerElectionMode", "singleWinnerMajority",
                   "tally counts RCTab's single-winner contests, multiPassIrv and the "
                   "several-seat modes only")) != TALLY_OK) ||
        (s = only(r, rules, "minimumVoteThreshold", "0", "no minimum is applied")) != TALLY_OK ||
        (!r->c->several && (s = only(r, rules, "hareQuota", "false",
                                     "one seat is won by a majority")) != TALLY_OK))
        return s;
    /* RCTab's single-winner modes of the count (irv rule T) */
    if ((s = flag_at(r, rules, "/rules", "continueUntilTwoCandidatesRemain", &o->until_two)) !=
            TALLY_OK ||
        (s = flag_at(r, rules, "/rules", "doesFirstRoundDetermineThreshold",
                     &o->first_threshold)) != TALLY_OK ||
        (s = whole_at(r, rules, "/rules", "stopTabulationEarlyAfterRound", 0, 100000, &v)) !=
            TALLY_OK)
        return s;
    if ((o->until_two || v) && r->c->several)
        return fault_at(r, o->until_two ? "/rules/continueUntilTwoCandidatesRemain"
                                        : "/rules/stopTabulationEarlyAfterRound",
                        "tally counts RCTab's several-seat modes to the last seat");
    if (o->until_two && sequential)
        return fault_at(r, "/rules/continueUntilTwoCandidatesRemain",
                        "\"continueUntilTwoCandidatesRemain\" is counted for one winner, not "
                        "with multiPassIrv");
    if (v == 0 && json_is_string(json_object_get(rules, "stopTabulationEarlyAfterRound")) &&
        *json_string_value(json_object_get(rules, "stopTabulationEarlyAfterRound")))
        return fault_at(r, "/rules/stopTabulationEarlyAfterRound",
                        "\"stopTabulationEarlyAfterRound\" counts rounds from 1");
    o->stop_after = (size_t)v;
    r->c->info.stop_after = o->stop_after;
    r->c->info.first_threshold = o->first_threshold;
    o->has_write_in = 1;
    o->write_in = r->c->n;
    if ((s = text_at(r, rules, "/rules", "tiebreakMode", buf, sizeof buf, &t)) != TALLY_OK)
        return s;
    r->c->info.tiebreak = t == buf ? "" : t;
    /* useCandidateOrder excludes the equal candidate listed last: the
    ** pool's tie order is the configuration's, reversed (tally_rctab_read);
    ** generatePermutation orders them by a shuffle drawn from randomSeed
    ** first, and excludes the one latest in it likewise. */
    r->c->permute = strcmp(r->c->info.tiebreak, "generatePermutation") == 0;
    o->tie_by_order = strcmp(r->c->info.tiebreak, "useCandidateOrder") == 0 || r->c->permute;
    /* random draws from one java.util.Random made from randomSeed (irv
    ** tie_by_draw); a negative seed, which RCTab allows, is refused here. */
    o->tie_by_draw = strcmp(r->c->info.tiebreak, "random") == 0              ? 1
                     : strcmp(r->c->info.tiebreak, "previousRoundCountsThenRandom") == 0 ? 2
                                                                                      : 0;
    if (o->tie_by_draw || r->c->permute) {
        if (!json_object_get(rules, "randomSeed"))
            return fault_at(r, "/rules", "tiebreakMode \"%s\" needs its \"randomSeed\"",
                            r->c->info.tiebreak);
        if ((s = whole_at(r, rules, "/rules", "randomSeed", 0, LONG_MAX, &v)) != TALLY_OK)
            return s;
        o->draw_seed = (int64_t)v;
    }
    r->c->info.tiebreak_counted = o->tie_by_order || o->tie_by_draw;
    return TALLY_OK;
}

static int name_taken(const tally_rctab *c, size_t upto, const char *name)
{
    for (size_t i = 0; i < upto; i++) {
        if (strcmp(c->cands[i].name, name) == 0)
            return 1;
        for (size_t a = 0; a < c->cands[i].n_aliases; a++)
            if (strcmp(c->cands[i].aliases[a], name) == 0)
                return 1;
    }
    return strcmp(name, TALLY_CVR_UWI_NAME) == 0;
}

static tally_status read_candidates(reader *r, json_t *list)
{
    tally_rctab *c = r->c;
    size_t i, total = 0, k = 0;
    json_t *e;

    if (!json_is_array(list) || json_array_size(list) == 0)
        return fault_at(r, "/candidates", "\"candidates\" must be a list of candidates");
    if (json_array_size(list) > MAX_CANDIDATES)
        return fault_at(r, "/candidates", "more than %d candidates", MAX_CANDIDATES);
    json_array_foreach(list, i, e)
        total += json_array_size(json_object_get(e, "aliases")) + 1;
    c->n = json_array_size(list);
    c->cands = tally_calloc(c->n, sizeof *c->cands);
    c->aliases = tally_calloc(total, sizeof *c->aliases);
    c->excluded = tally_calloc(c->n, 1);
    if (!c->cands || !c->aliases || !c->excluded)
        return oom(r);
    json_array_foreach(list, i, e) {
        json_t *name = json_object_get(e, "name"), *al = json_object_get(e, "aliases"), *a;
        json_t *code = json_object_get(e, "code");
        char ptr[64], aptr[96];
        int excluded;
        size_t j;
        tally_status s;

        snprintf(ptr, sizeof ptr, "/candidates/%zu", i);
        if (!json_is_object(e))
            return fault_at(r, ptr, "a candidate must be an object");
        snprintf(aptr, sizeof aptr, "%s/name", ptr);
        if (!json_is_string(name) || !*json_string_value(name))
            return fault_at(r, json_is_string(name) ? aptr : ptr, "a candidate needs a name");
        if (name_taken(c, i, json_string_value(name)))
            return fault_at(r, aptr, "\"%s\" names two candidates", json_string_value(name));
        c->cands[i].name = json_string_value(name);
        c->cands[i].aliases = c->aliases + k;
        if (al && !json_is_array(al)) {
            snprintf(aptr, sizeof aptr, "%s/aliases", ptr);
            return fault_at(r, aptr, "\"aliases\" must be a list of names");
        }
        json_array_foreach(al, j, a) {
            snprintf(aptr, sizeof aptr, "%s/aliases/%zu", ptr, j);
            if (!json_is_string(a) || !*json_string_value(a))
                return fault_at(r, aptr, "an alias must be a name");
            if (name_taken(c, i, json_string_value(a)))
                return fault_at(r, aptr, "\"%s\" names two candidates", json_string_value(a));
            c->aliases[k++] = json_string_value(a);
            c->cands[i].n_aliases++;
        }
        if (json_is_string(code) && *json_string_value(code)) { /* RCTab 1.x: one more alias */
            c->aliases[k++] = json_string_value(code);
            c->cands[i].n_aliases++;
        }
        if ((s = flag_at(r, e, ptr, "excluded", &excluded)) != TALLY_OK)
            return s;
        c->excluded[i] = (unsigned char)excluded;
    }
    return TALLY_OK;
}

/* filePath against the configuration's folder, unless absolute. */
static char *resolve(const char *config, const char *file)
{
    const char *slash = strrchr(config, '/');
    size_t d = file[0] == '/' || !slash ? 0 : (size_t)(slash - config) + 1;
    char *p = tally_malloc(d + strlen(file) + 1);

    if (p) {
        memcpy(p, config, d);
        strcpy(p + d, file);
    }
    return p;
}

/* A column or row index: "" none (0), else a whole number from 1. */
static tally_status index_at(reader *r, json_t *src, const char *base, const char *key, int *out)
{
    char ptr[256];
    long v;
    tally_status s;

    if ((s = whole_at(r, src, base, key, -1, 100000, &v)) != TALLY_OK)
        return s;
    snprintf(ptr, sizeof ptr, "%s/%s", base, key);
    if (v == 0)
        return fault_at(r, ptr, "\"%s\" counts from 1", key);
    *out = v < 0 ? 0 : (int)v;
    return TALLY_OK;
}

static tally_status read_sources(reader *r, json_t *list, json_t *rules, long max_rankings)
{
    tally_rctab *c = r->c;
    size_t i;
    json_t *e;

    if (!json_is_array(list) || json_array_size(list) == 0)
        return fault_at(r, "/cvrFileSources", "\"cvrFileSources\" must list the CVR files");
    if (json_array_size(list) > MAX_SOURCES)
        return fault_at(r, "/cvrFileSources", "more than %d CVR sources", MAX_SOURCES);
    c->sources = tally_calloc(json_array_size(list), sizeof *c->sources);
    c->paths = tally_calloc(json_array_size(list), sizeof *c->paths);
    if (!c->sources || !c->paths)
        return oom(r);
    c->n_paths = json_array_size(list);
    json_array_foreach(list, i, e) {
        tally_cvr_source *s = &c->sources[i];
        char base[64], ptr[96], buf[32];
        const char *file, *t;
        tally_status st;
        static const struct { const char *key; size_t off; } labels[] = {
            { "contestId", offsetof(tally_cvr_source, contest_id) },
            { "overvoteDelimiter", offsetof(tally_cvr_source, overvote_delimiter) },
            { "overvoteLabel", offsetof(tally_cvr_source, overvote_label) },
            { "skippedRankLabel", offsetof(tally_cvr_source, skipped_label) },
            { "undeclaredWriteInLabel", offsetof(tally_cvr_source, uwi_label) },
        };

        snprintf(base, sizeof base, "/cvrFileSources/%zu", i);
        if (!json_is_object(e))
            return fault_at(r, base, "a CVR source must be an object");
        snprintf(ptr, sizeof ptr, "%s/filePath", base);
        if ((st = text_at(r, e, base, "filePath", buf, sizeof buf, &file)) != TALLY_OK)
            return st;
        if (!*file)
            return fault_at(r, json_object_get(e, "filePath") ? ptr : base,
                            "a CVR source needs its \"filePath\"");
        snprintf(ptr, sizeof ptr, "%s/provider", base);
        if (!json_is_string(json_object_get(e, "provider")))
            return fault_at(r, json_object_get(e, "provider") ? ptr : base,
                            "a CVR source needs its \"provider\"");
        s->provider = json_string_value(json_object_get(e, "provider"));
        if (!(c->paths[i] = resolve(r->name, file)))
            return oom(r);
        s->path = c->paths[i];
        for (size_t l = 0; l < sizeof labels / sizeof *labels; l++) {
            json_t *from = json_object_get(e, labels[l].key) ? e : rules; /* 1.x: in rules */
            if ((st = text_at(r, from, from == e ? base : "/rules", labels[l].key, buf,
                              sizeof buf, &t)) != TALLY_OK)
                return st;
            if (t == buf) { /* a number: RCTab's labels are text */
                snprintf(ptr, sizeof ptr, "%s/%s", from == e ? base : "/rules", labels[l].key);
                return fault_at(r, ptr, "\"%s\" must be a string", labels[l].key);
            }
            *(const char **)((char *)s + labels[l].off) = t;
        }
        if (c->rules.overvote == TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE && s->overvote_label &&
            *s->overvote_label) {
            /* RCTab's rule too: an unnamed overvote names no one to count */
            int own = json_object_get(e, "overvoteLabel") != NULL;
            snprintf(ptr, sizeof ptr, "%s/overvoteLabel", own ? base : "/rules");
            return fault_at(r, ptr, "an \"overvoteLabel\" needs overvoteRule "
                                    "exhaustImmediately or alwaysSkipToNextRank, not "
                                    "exhaustIfMultipleContinuing");
        }
        if ((st = index_at(r, e, base, "firstVoteColumnIndex", &s->first_vote_column)) !=
                TALLY_OK ||
            (st = index_at(r, e, base, "firstVoteRowIndex", &s->first_vote_row)) != TALLY_OK ||
            (st = index_at(r, e, base, "idColumnIndex", &s->id_column)) != TALLY_OK ||
            (st = index_at(r, e, base, "precinctColumnIndex", &s->precinct_column)) !=
                TALLY_OK ||
            (st = index_at(r, e, base, "batchColumnIndex", &s->batch_column)) != TALLY_OK)
            return st;
        if ((st = flag_at(r, json_object_get(e, "treatBlankAsUndeclaredWriteIn") ? e : rules,
                          json_object_get(e, "treatBlankAsUndeclaredWriteIn") ? base : "/rules",
                          "treatBlankAsUndeclaredWriteIn", &s->blank_is_uwi)) != TALLY_OK)
            return st;
        s->max_rankings = (int)max_rankings;
        c->n_sources++;
    }
    return TALLY_OK;
}

static tally_status parse(reader *r, json_t *root)
{
    json_t *rules = json_object_get(root, "rules"), *out = json_object_get(root, "outputSettings");
    char buf[32];
    const char *t;
    long max_rankings = 0;
    tally_status s;

    if (!json_is_object(root))
        return fault_at(r, "", "an RCTab configuration must be an object");
    if (!json_is_object(rules))
        return fault_at(r, json_object_get(root, "rules") ? "/rules" : "",
                        "an RCTab configuration needs its \"rules\"");
    if ((s = read_candidates(r, json_object_get(root, "candidates"))) != TALLY_OK ||
        (s = read_rules(r, rules)) != TALLY_OK)
        return s;
    if ((s = text_at(r, rules, "/rules", "maxRankingsAllowed", buf, sizeof buf, &t)) != TALLY_OK)
        return s;
    if (strcmp(t, "max") != 0 &&
        (s = whole_at(r, rules, "/rules", "maxRankingsAllowed", 0, 100000, &max_rankings)) !=
            TALLY_OK)
        return s;
    if ((s = read_sources(r, json_object_get(root, "cvrFileSources"), rules, max_rankings)) !=
        TALLY_OK)
        return s;
    {
        static const struct { const char *key; size_t off; } about[] = {
            { "contestName", offsetof(tally_rctab_info, contest) },
            { "contestDate", offsetof(tally_rctab_info, date) },
            { "contestJurisdiction", offsetof(tally_rctab_info, jurisdiction) },
            { "contestOffice", offsetof(tally_rctab_info, office) },
        };
        for (size_t i = 0; i < sizeof about / sizeof *about; i++) {
            json_t *v = json_is_object(out) ? json_object_get(out, about[i].key) : NULL;
            *(const char **)((char *)&r->c->info + about[i].off) =
                json_is_string(v) ? json_string_value(v) : "";
        }
    }
    r->c->info.n_candidates = r->c->n;
    for (size_t i = 0; i < r->c->n_sources; i++)
        if (r->c->sources[i].uwi_label && *r->c->sources[i].uwi_label)
            r->c->info.write_in_declared = 1;
    r->c->info.n_candidates += (size_t)r->c->info.write_in_declared;
    r->c->rules.write_in_declared = r->c->info.write_in_declared;
    r->c->multi.write_in_declared = r->c->info.write_in_declared;
    return TALLY_OK;
}

tally_status tally_rctab_load(const char *path, tally_rctab **out, tally_error *err)
{
    reader r = { .name = path, .err = err };
    char *text = NULL;
    size_t len = 0;
    tally_status s;

    *out = NULL;
    tally_error_clear(err);
    if ((s = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return s;
    r.text = text;
    r.len = len;
    if (!(r.c = tally_calloc(1, sizeof *r.c))) {
        tally_free(text);
        return oom(&r);
    }
    if ((s = tally_jsonpos_load(text, len, path, &r.c->root, err)) == TALLY_OK)
        s = parse(&r, r.c->root);
    tally_free(text);
    if (s != TALLY_OK) {
        tally_rctab_free(r.c);
        return s;
    }
    *out = r.c;
    return TALLY_OK;
}

void tally_rctab_free(tally_rctab *c)
{
    if (!c)
        return;
    if (c->paths)
        for (size_t i = 0; i < c->n_paths; i++)
            tally_free(c->paths[i]);
    tally_free(c->paths);
    tally_free(c->sources);
    tally_free(c->cands);
    tally_free(c->aliases);
    tally_free(c->excluded);
    json_decref(c->root);
    tally_free(c);
}

const tally_rctab_info *tally_rctab_about(const tally_rctab *c)
{
    return &c->info;
}

const tally_irv_options *tally_rctab_rules(const tally_rctab *c)
{
    return &c->rules;
}

const tally_rctab_multi_rules *tally_rctab_multi_of(const tally_rctab *c)
{
    return c->several ? &c->multi : NULL;
}

tally_status tally_rctab_read(const tally_rctab *c, tally_pool **out, tally_error *err)
{
    tally_pool *p = NULL;
    tally_status s;

    *out = NULL;
    tally_error_clear(err);
    if (tally_pool_new(c->n + 1, &p) != TALLY_OK)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < c->n; i++) {
        if (tally_pool_set_candidate(p, i, c->cands[i].name, NULL) != TALLY_OK)
            goto nomem;
        p->withdrawn[i] = c->excluded[i];
    }
    if (tally_pool_set_candidate(p, c->n, TALLY_CVR_UWI_NAME, NULL) != TALLY_OK ||
        (*c->info.contest && tally_pool_set_title(p, c->info.contest) != TALLY_OK))
        goto nomem;
    p->seats = 1;
    if (c->rules.tie_by_order) {
        size_t *order = tally_malloc((c->n + 1) * sizeof *order);
        size_t *perm = tally_malloc((c->n + 1) * sizeof *perm);
        tally_status ts;
        if (!order || !perm) {
            tally_free(order);
            tally_free(perm);
            goto nomem;
        }
        for (size_t i = 0; i < c->n; i++)
            perm[i] = i;
        if (c->permute) { /* RCTab's order: the names sorted, then shuffled */
            tally_jrandom draw;
            for (size_t i = 1; i < c->n; i++)
                for (size_t j = i; j > 0 && strcmp(c->cands[perm[j]].name,
                                                   c->cands[perm[j - 1]].name) < 0; j--) {
                    size_t t = perm[j];
                    perm[j] = perm[j - 1];
                    perm[j - 1] = t;
                }
            tally_jrandom_init(&draw, c->rules.draw_seed);
            tally_jrandom_shuffle(&draw, perm, c->n);
        }
        order[0] = c->n; /* the write-ins, then the candidates from the last */
        for (size_t i = 0; i < c->n; i++)
            order[i + 1] = perm[c->n - 1 - i];
        ts = tally_pool_set_tie_order(p, order, c->n + 1);
        tally_free(order);
        tally_free(perm);
        if (ts != TALLY_OK)
            goto nomem;
    }
    for (size_t i = 0; i < c->n_sources; i++)
        if ((s = tally_cvr_source_read(&c->sources[i], c->cands, c->n, &c->rules, p, err)) !=
            TALLY_OK) {
            tally_pool_free(p);
            return s;
        }
    *out = p;
    return TALLY_OK;
nomem:
    tally_pool_free(p);
    return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}
