/*
** An irv count as RCTab's detailed report JSON (tally_stages_rctab_json in
** include/tally/stages.h), so that an RCTab user's tools read tally's
** count as they read RCTab's. The layout is RCTab 2.0's: "config",
** "jsonFormatVersion" "1", "results" (one object per round) and
** "summary"; every key sorted; written byte for byte as RCTab's Jackson
** writes it (rctab_report_write). Compared with RCTab's own reports, as
** JSON and as bytes, in tests/conformance/test_irv_reference.c.
**
** The rounds are rctab_rounds.h's, as the CSV report's (rctab_csv.c).
** Limits: single-winner irv only (RCTab's singleWinnerMajority), whole
** papers; the undeclared write-ins are the pool's last candidate.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonmem.h"
#include "rctab_rounds.h"
#include "tally/alloc.h"
#include "tally/stages.h"

#define U TALLY_VOTE_UNIT

static json_t *figure(int64_t n)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)n);
    return json_string(b);
}

/* One elimination: the candidate excluded at stage g, the papers it moved
** (none shown when unmoved). */
static json_t *elimination(const tally_method_result *r, size_t g, int unmoved)
{
    const tally_stage *st = &r->stages[g], *was = &r->stages[g - 1];
    json_t *o = json_object(), *t = json_object();

    json_object_set_new(o, "eliminated", json_string(r->pool->names[st->subject]));
    for (size_t c = 0; !unmoved && c < r->pool->n_candidates; c++)
        if (c != st->subject && st->votes[c] != TALLY_NONE && was->votes[c] != TALLY_NONE &&
            st->votes[c] > was->votes[c])
            json_object_set_new(t, r->pool->names[c], figure((st->votes[c] - was->votes[c]) / U));
    if (!unmoved && st->exhausted > was->exhausted)
        json_object_set_new(t, "exhausted", figure((st->exhausted - was->exhausted) / U));
    json_object_set_new(o, "transfers", t);
    return o;
}

static int by_name(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    return strcmp(json_string_value(json_object_get(x, "eliminated")),
                  json_string_value(json_object_get(y, "eliminated")));
}

/* Round number n, k (rctab_rounds.h). */
/* The report's "config": outputSettings as the configuration gave them. */
json_t *rctab_config_json(const tally_rctab_report *info)
{
    json_t *config = json_object();

    json_object_set_new(config, "contest", json_string(info->contest ? info->contest : ""));
    json_object_set_new(config, "date", json_string(info->date ? info->date : ""));
    json_object_set_new(config, "generatedBy", json_string(info->generated_by));
    json_object_set_new(config, "jurisdiction",
                        json_string(info->jurisdiction ? info->jurisdiction : ""));
    json_object_set_new(config, "office", json_string(info->office ? info->office : ""));
    return config;
}

/* s as Jackson writes a string: '"' and '\\' escaped, the control
** characters as \b \t \n \f \r or \u00XX, the rest as it is (UTF-8). */
static void jackson_string(const char *s, FILE *out)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\b': fputs("\\b", out); break;
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        case '\f': fputs("\\f", out); break;
        case '\r': fputs("\\r", out); break;
        default:
            if (c < 0x20)
                fprintf(out, "\\u%04X", c);
            else
                fputc(c, out);
        }
    }
    fputc('"', out);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void indent(int level, FILE *out)
{
    fputc('\n', out);
    for (int i = 0; i < level; i++)
        fputs("  ", out);
}

/* v as Jackson's DefaultPrettyPrinter writes it at depth level: an
** object's entries a line each, indented two spaces a level, as
** "key" : value, keys sorted (ORDER_MAP_ENTRIES_BY_KEYS), "{ }" empty; an
** array's elements on its line, "[ a, b ]", "[ ]" empty. 0, or -1 out of
** memory. */
static int jackson(const json_t *v, int level, FILE *out)
{
    size_t n, i;

    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char **keys;
        const char *key;
        json_t *e;
        n = json_object_size(v);
        if (n == 0) {
            fputs("{ }", out);
            return 0;
        }
        if (!(keys = tally_calloc(n, sizeof *keys)))
            return -1;
        i = 0;
        json_object_foreach((json_t *)v, key, e)
            keys[i++] = key;
        qsort(keys, n, sizeof *keys, by_key);
        fputc('{', out);
        for (i = 0; i < n; i++) {
            fputs(i ? "," : "", out);
            indent(level + 1, out);
            jackson_string(keys[i], out);
            fputs(" : ", out);
            if (jackson(json_object_get(v, keys[i]), level + 1, out) != 0) {
                tally_free(keys);
                return -1;
            }
        }
        tally_free(keys);
        indent(level, out);
        fputc('}', out);
        return 0;
    }
    case JSON_ARRAY:
        n = json_array_size(v);
        if (n == 0) {
            fputs("[ ]", out);
            return 0;
        }
        fputs("[ ", out);
        for (i = 0; i < n; i++) {
            fputs(i ? ", " : "", out);
            if (jackson(json_array_get(v, i), level, out) != 0)
                return -1;
        }
        fputs(" ]", out);
        return 0;
    case JSON_STRING:
        jackson_string(json_string_value(v), out);
        return 0;
    case JSON_INTEGER:
        fprintf(out, "%lld", (long long)json_integer_value(v));
        return 0;
    case JSON_TRUE:
        fputs("true", out);
        return 0;
    case JSON_FALSE:
        fputs("false", out);
        return 0;
    default:
        fputs("null", out);
        return 0;
    }
}

/* The whole report from its three parts, which it takes, written byte for
** byte as RCTab writes it (Jackson's DefaultPrettyPrinter, keys sorted,
** LF line ends, no line end after the last brace). */
tally_status rctab_report_write(json_t *config, json_t *results, json_t *summary, FILE *out)
{
    json_t *doc = json_object();
    int rc;

    json_object_set_new(doc, "config", config);
    json_object_set_new(doc, "jsonFormatVersion", json_string("1"));
    json_object_set_new(doc, "results", results);
    json_object_set_new(doc, "summary", summary);
    rc = jackson(doc, 0, out);
    json_decref(doc);
    if (rc != 0)
        return TALLY_ENOMEM;
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}

static json_t *round_of(const tally_method_result *r, const tally_rctab_report *info,
                        const rctab_round *k, size_t n)
{
    const tally_pool *p = r->pool;
    const tally_stage *st = &r->stages[k->stage];
    json_t *o = json_object(), *tally = json_object(), *res = json_array(), *in = json_object();
    json_t **elim = tally_calloc(k->n_elim + 1, sizeof *elim);
    size_t n_elim = 0;
    static const char *const why[TALLY_INACTIVE_KINDS] = { "overvotes", "skippedRankings",
                                                          "repeatedRankings",
                                                          "exhaustedChoices" };

    if (!elim)
        return NULL;
    for (size_t c = 0; c < p->n_candidates; c++)
        if (rctab_shown(r, info, k, c))
            json_object_set_new(tally, p->names[c], figure(st->votes[c] / U));
    for (size_t g = k->elim_from; g < k->elim_from + k->n_elim; g++)
        elim[n_elim++] = elimination(r, g, k->unmoved);
    qsort(elim, n_elim, sizeof *elim, by_name);
    for (size_t i = 0; i < n_elim; i++)
        json_array_append_new(res, elim[i]);
    tally_free(elim);
    for (size_t i = 0; k->elected && i < st->n_elected; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "elected", json_string(p->names[st->elected[i]]));
        json_object_set_new(e, "transfers", json_object());
        json_array_append_new(res, e);
    }
    for (size_t w = 0; w < TALLY_INACTIVE_KINDS; w++)
        json_object_set_new(in, why[w], figure(st->inactive[w]));
    json_object_set_new(o, "inactiveBallots", in);
    json_object_set_new(o, "round", json_integer((json_int_t)n));
    json_object_set_new(o, "tally", tally);
    json_object_set_new(o, "tallyResults", res);
    json_object_set_new(o, "threshold", figure(k->threshold));
    return o;
}

tally_status tally_stages_rctab_json(const tally_method_result *r, const tally_rctab_report *info,
                                     FILE *out)
{
    json_t *config, *results, *summary;
    rctab_round *rounds;
    size_t n;
    tally_status st;

    if ((st = rctab_rounds_of(r, info, &rounds, &n)) != TALLY_OK)
        return st;
    tally_jsonmem_init();
    config = rctab_config_json(info);
    results = json_array();
    summary = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *o = round_of(r, info, &rounds[i], i + 1);
        if (!o || json_array_append_new(results, o) != 0) {
            json_decref(config);
            json_decref(results);
            json_decref(summary);
            tally_free(rounds);
            return TALLY_ENOMEM;
        }
    }
    json_object_set_new(summary, "finalThreshold", figure(rounds[n - 1].threshold));
    tally_free(rounds);
    json_object_set_new(summary, "numCandidates", json_integer((json_int_t)info->n_candidates));
    json_object_set_new(summary, "numWinners", json_integer((json_int_t)r->seats));
    json_object_set_new(summary, "totalNumBallots", figure(r->valid + r->invalid));
    json_object_set_new(summary, "undervotes", json_integer((json_int_t)rctab_undervotes(r)));
    return rctab_report_write(config, results, summary, out);
}
