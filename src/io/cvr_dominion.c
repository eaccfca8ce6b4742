/*
** Dominion Democracy Suite cast vote records (the Results Tally and
** Reporting "CVR export"): a folder of CvrExport.json or CvrExport_N.json
** files, with the manifests that name what their numbers mean. Read as
** RCTab reads them for a ranked contest (cvr_provider.h):
**
**   - a session is one ballot: its "Original" record, or its "Modified"
**     one when the original is no longer current (IsCurrent false: the
**     ballot was adjudicated);
**   - its cards (pages) are searched for the contest whose Id is the
**     source's contestId; a session without the contest is no paper of it;
**   - a contest the tabulator flagged with the outstack condition the
**     OutstackConditionManifest names "InvalidContest" is no paper (RCTab
**     2.0's rule; RCTab's 2024_alaska_dominion case counts 124 of the 197
**     sessions that hold the contest for this reason);
**   - each mark is a mark at its Rank for its CandidateId, except a mark
**     the tabulator found ambiguous (IsAmbiguous true: a faint mark, of low
**     MarkDensity), which is not read. IsVote is not a test: older exports
**     set it false on most marks that count (RCTab's
**     dominion_no_precinct_data counts them: Amy Klobuchar's 114 first
**     choices include one), newer ones on ambiguous marks (the
**     2024_alaska_dominion marks RCTab does not count are all ambiguous);
**   - CandidateId is matched to the configuration's candidates by name or
**     alias (RCTab configurations give Dominion's ids as aliases), then by
**     the CandidateManifest's Description; the undeclared write-in label is
**     the write-in candidate's id.
** The marks of a paper become preferences by cvr_marks.h.
**
** Limits: each file is read whole (TALLY_IO_MAX_FILE, 64 MiB); exports
** split per batch (SplitFilesPerBatch) stay far inside it, one unsplit
** county file may not. Older exports with the contests directly in the
** record (no "Cards") are read too.
*/
#include <dirent.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvr_marks.h"
#include "cvr_provider.h"
#include "jsonpos.h"
#include "tally/alloc.h"
#include "tally/io.h"

typedef struct reader {
    const tally_cvr_source *src;
    const tally_cvr_candidate *cands;
    size_t n;
    tally_pool *into;
    tally_error *err;
    long long contest;
    long long invalid;         /* InvalidContest's outstack id; -1: none */
    json_t *candidates;        /* CandidateManifest's List, or NULL */
    tally_cvr_mark_rules rules;
    const char *file, *text;   /* the CvrExport being read */
    size_t len;
    tally_cvr_mark *marks;
    uint32_t *prefs;
    size_t cap;
} reader;

/* A fault at the value pointer names in the export being read (jsonpos.h). */
#define fault_at(r, pointer, ...)                                                              \
    tally_jsonpos_fault((r)->err, (r)->file, (r)->text, (r)->len, pointer, 0, __VA_ARGS__)

static tally_status nomem(reader *r)
{
    return tally_error_set(r->err, TALLY_ENOMEM, r->src->path, 0, 0, "out of memory");
}

/* Join folder and name into a new string. */
static char *join(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    int slash = d == 0 || dir[d - 1] != '/';
    char *p = tally_malloc(d + (size_t)slash + n + 1);

    if (p) {
        memcpy(p, dir, d);
        if (slash)
            p[d++] = '/';
        memcpy(p + d, name, n + 1);
    }
    return p;
}

/* Load the JSON file name in the folder; *text keeps its text for
** positions. A missing manifest, with optional, is *out NULL. */
static tally_status load(reader *r, const char *name, int optional, json_t **out, char **text,
                         size_t *len, char **path)
{
    tally_status s;

    *out = NULL;
    *text = NULL;
    if (!(*path = join(r->src->path, name)))
        return nomem(r);
    if ((s = tally_io_slurp(*path, text, len, r->err)) != TALLY_OK) {
        if (s == TALLY_EIO && optional) {
            tally_error_clear(r->err);
            return TALLY_OK;
        }
        return s;
    }
    return tally_jsonpos_load(*text, *len, *path, out, r->err);
}

/* A manifest's "List" (the value borrowed from root), or NULL. */
static json_t *list_of(json_t *root)
{
    json_t *l = json_object_get(root, "List");
    return json_is_array(l) ? l : NULL;
}

/* The outstack condition that marks a contest not to be counted. */
static tally_status manifests(reader *r, json_t **cand_root)
{
    json_t *root, *e;
    char *text, *path;
    size_t len, i;
    tally_status s;

    r->invalid = -1;
    s = load(r, "OutstackConditionManifest.json", 1, &root, &text, &len, &path);
    json_array_foreach(list_of(root), i, e)
        if (json_is_string(json_object_get(e, "Description")) &&
            strcmp(json_string_value(json_object_get(e, "Description")), "InvalidContest") == 0 &&
            json_is_integer(json_object_get(e, "Id")))
            r->invalid = json_integer_value(json_object_get(e, "Id"));
    json_decref(root);
    tally_free(text);
    tally_free(path);
    if (s != TALLY_OK)
        return s;
    s = load(r, "CandidateManifest.json", 1, cand_root, &text, &len, &path);
    r->candidates = list_of(*cand_root);
    tally_free(text);
    tally_free(path);
    return s;
}

/* The configuration's index for a CandidateId: its id as a name or alias,
** else its manifest Description; -1 for none. */
static long candidate(reader *r, long long id)
{
    char buf[32];
    json_t *e;
    size_t i;
    long k;

    snprintf(buf, sizeof buf, "%lld", id);
    if ((k = tally_cvr_config_index(r->src, r->cands, r->n, buf)) >= 0)
        return k;
    json_array_foreach(r->candidates, i, e) {
        json_t *d = json_object_get(e, "Description");
        if (json_is_integer(json_object_get(e, "Id")) &&
            json_integer_value(json_object_get(e, "Id")) == id && json_is_string(d))
            return tally_cvr_config_index(r->src, r->cands, r->n, json_string_value(d));
    }
    return -1;
}

static int has_condition(json_t *contest, long long id)
{
    json_t *c;
    size_t i;

    if (id < 0)
        return 0;
    json_array_foreach(json_object_get(contest, "OutstackConditionIds"), i, c)
        if (json_is_integer(c) && json_integer_value(c) == id)
            return 1;
    return 0;
}

static tally_status add_mark(reader *r, size_t *n, int64_t rank, uint32_t cand)
{
    return tally_cvr_mark_add(&r->marks, &r->prefs, &r->cap, n, rank, cand) ? nomem(r) : TALLY_OK;
}

/* The marks of one contest (at pointer ptr) onto r->marks. */
static tally_status contest_marks(reader *r, json_t *contest, const char *ptr, size_t *n)
{
    json_t *m;
    size_t i;

    json_array_foreach(json_object_get(contest, "Marks"), i, m) {
        json_t *id = json_object_get(m, "CandidateId"), *rank = json_object_get(m, "Rank");
        char p[512];
        long k;
        tally_status s;
        if (json_is_true(json_object_get(m, "IsAmbiguous")))
            continue;
        snprintf(p, sizeof p, "%s/Marks/%zu", ptr, i);
        if (!json_is_integer(id) || !json_is_integer(rank) || json_integer_value(rank) < 1)
            return fault_at(r, p, "a mark needs a CandidateId and a Rank from 1");
        if ((k = candidate(r, json_integer_value(id))) < 0) {
            snprintf(p + strlen(p), sizeof p - strlen(p), "/CandidateId");
            return fault_at(r, p, "candidate %lld is not a name or alias of the contest's "
                                  "candidates", (long long)json_integer_value(id));
        }
        if ((s = add_mark(r, n, json_integer_value(rank), (uint32_t)k)) != TALLY_OK)
            return s;
    }
    return TALLY_OK;
}

/* One session: the contest's marks on any of its cards, as a paper. */
static tally_status session(reader *r, json_t *sess, size_t si)
{
    json_t *rec = json_object_get(sess, "Original"), *cards, *card;
    const char *which = "Original";
    char ptr[256];
    size_t ci, n = 0;
    tally_ballot_end end = TALLY_END_MARKS;
    int found = 0;

    if (json_is_false(json_object_get(rec, "IsCurrent")) && json_object_get(sess, "Modified")) {
        rec = json_object_get(sess, "Modified");
        which = "Modified";
    }
    snprintf(ptr, sizeof ptr, "/Sessions/%zu/%s", si, which);
    if (!json_is_object(rec))
        return fault_at(r, ptr, "a session needs its \"Original\" record");
    cards = json_object_get(rec, "Cards");
    if (!cards) /* an older export: the record is its one card */
        cards = json_pack("[O]", rec);
    else
        json_incref(cards);
    if (!cards)
        return nomem(r);
    json_array_foreach(cards, ci, card) {
        json_t *contests = json_object_get(card, "Contests"), *c;
        size_t k;
        json_array_foreach(contests, k, c) {
            char p[320];
            tally_status s;
            if (!json_is_integer(json_object_get(c, "Id")) ||
                json_integer_value(json_object_get(c, "Id")) != r->contest)
                continue;
            if (has_condition(c, r->invalid)) {
                json_decref(cards);
                return TALLY_OK; /* not counted by the tabulator */
            }
            found = 1;
            if (json_object_get(rec, "Cards"))
                snprintf(p, sizeof p, "%s/Cards/%zu/Contests/%zu", ptr, ci, k);
            else
                snprintf(p, sizeof p, "%s/Contests/%zu", ptr, k);
            if ((s = contest_marks(r, c, p, &n)) != TALLY_OK) {
                json_decref(cards);
                return s;
            }
        }
    }
    json_decref(cards);
    if (!found)
        return TALLY_OK;
    n = n ? tally_cvr_marks_prefs(r->marks, n, &r->rules, r->prefs, &end) : 0;
    switch (tally_pool_add_ending(r->into, r->prefs, n, 1, end)) {
    case TALLY_OK: return TALLY_OK;
    case TALLY_ENOMEM: return nomem(r);
    default: return fault_at(r, ptr, "too many cast vote records");
    }
}

static tally_status export_file(reader *r, const char *name)
{
    json_t *root = NULL, *sessions, *s;
    char *text = NULL, *path = NULL;
    size_t len = 0, i;
    tally_status st = load(r, name, 0, &root, &text, &len, &path);

    r->file = path;
    r->text = text;
    r->len = len;
    if (st == TALLY_OK) {
        sessions = json_object_get(root, "Sessions");
        if (!json_is_array(sessions))
            st = fault_at(r, "", "a CVR export needs its \"Sessions\"");
        json_array_foreach(sessions, i, s) {
            if (st != TALLY_OK)
                break;
            st = session(r, s, i);
        }
    }
    json_decref(root);
    tally_free(text);
    tally_free(path);
    r->file = r->text = NULL;
    return st;
}

static int is_export(const char *name)
{
    size_t n = strlen(name);
    return strncmp(name, "CvrExport", 9) == 0 && n >= 14 && strcmp(name + n - 5, ".json") == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The CvrExport files of the folder, sorted. */
static tally_status exports(reader *r, char ***out, size_t *count)
{
    DIR *d = opendir(r->src->path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;

    *out = NULL;
    *count = 0;
    if (!d)
        return tally_error_set(r->err, TALLY_EIO, r->src->path, 0, 0,
                               "cannot open the Dominion CVR export folder");
    while ((e = readdir(d))) {
        if (!is_export(e->d_name))
            continue;
        if (!tally_grow(&names, &cap, n, sizeof *names) ||
            !(names[n] = tally_strdup(e->d_name))) {
            closedir(d);
            while (n > 0)
                tally_free(names[--n]);
            tally_free(names);
            return nomem(r);
        }
        n++;
    }
    closedir(d);
    if (n == 0)
        return tally_error_set(r->err, TALLY_EINVAL, r->src->path, 0, 0,
                               "no CvrExport.json or CvrExport_N.json in the folder");
    qsort(names, n, sizeof *names, by_name);
    *out = names;
    *count = n;
    return TALLY_OK;
}

tally_status tally_cvr_dominion_read(const tally_cvr_source *src,
                                     const tally_cvr_candidate *cands, size_t n,
                                     const tally_irv_options *rules, tally_pool *into,
                                     tally_error *err)
{
    reader r = { .src = src, .cands = cands, .n = n, .into = into, .err = err };
    json_t *cand_root = NULL;
    char **names = NULL, *end;
    size_t count = 0;
    tally_status s;

    r.contest = strtoll(src->contest_id ? src->contest_id : "", &end, 10);
    if (!src->contest_id || !*src->contest_id || *end || r.contest < 0)
        return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                               "a Dominion source needs the contest's Id as its contestId");
    r.rules.limit_skipped = rules && rules->limit_skipped;
    r.rules.max_skipped = rules ? rules->max_skipped : 0;
    r.rules.max_rank = src->max_rankings;
    if ((s = manifests(&r, &cand_root)) == TALLY_OK && (s = exports(&r, &names, &count)) == TALLY_OK)
        for (size_t i = 0; i < count && s == TALLY_OK; i++)
            s = export_file(&r, names[i]);
    for (size_t i = 0; i < count; i++)
        tally_free(names[i]);
    tally_free(names);
    json_decref(cand_root);
    tally_free(r.marks);
    tally_free(r.prefs);
    return s;
}
