/*
** NIST SP 1500-103 cast vote records, JSON, into a ballot pool
** (include/tally/cvr_nist.h). The classes and members read, as the
** specification's JSON schema names them:
**
**   CVR.CastVoteRecordReport  "@type", "Election"[], "CVR"[]
**   CVR.Election              "@id", "Candidate"[] ("@id", "Name"),
**                             "Contest"[]
**   CVR.*Contest              "@id", "Name", "NumberElected",
**                             "ContestSelection"[] ("@id", "CandidateIds",
**                             "Selection")
**   CVR.CVR                   "ElectionId", "CurrentSnapshotId",
**                             "CVRSnapshot"[] ("@id", "CVRContest"[])
**   CVR.CVRContest            "ContestId", "CVRContestSelection"[]
**                             ("ContestSelectionId", "Rank",
**                             "SelectionPosition"[] ("HasIndication",
**                             "IsAllocable", "Rank"))
**
** The document is parsed whole by jansson (allocating through libtally, so
** allocation failure is tested like every other path); faults are placed
** by JSON Pointer (src/io/jsonpos.h).
*/
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvr_marks.h"
#include "cvr_provider.h"
#include "jsonpos.h"
#include "tally/alloc.h"
#include "tally/cvr_nist.h"
#include "tally/io.h"

typedef struct reader {
    const char *name, *text;   /* text NULL: a tree from XML */
    size_t len;
    json_t *root;
    tally_error *err;
    json_t *election;          /* the contest's election */
    json_t *contest;
    char contest_ptr[128];
    const char *election_id;   /* or NULL */
    size_t n;                  /* selections */
    const char **sel;          /* their "@id", borrowed from the tree */
    tally_pool *pool;
    tally_cvr_mark *marks;
    size_t cap_marks;
    uint32_t *prefs;
    tally_cvr_nist_options opt; /* zeroed when none given */
} reader;

/* The line of the value ptr names in a tree from XML (cdf_xml.h): the
** "@line" of the deepest object on the way, or the "@line:K" of a text
** member K; 0 when the tree holds none. */
static int tree_line(json_t *v, const char *ptr)
{
    int line = 0;

    while (v) {
        char tok[256];
        size_t k = 0;
        json_t *l = json_is_object(v) ? json_object_get(v, "@line") : NULL;
        if (json_is_integer(l))
            line = (int)json_integer_value(l);
        if (*ptr != '/')
            break;
        for (ptr++; *ptr && *ptr != '/' && k + 1 < sizeof tok; ptr++)
            tok[k++] = *ptr == '~' && ptr[1] == '1'   ? (ptr++, '/')
                       : *ptr == '~' && ptr[1] == '0' ? (ptr++, '~')
                                                      : *ptr;
        tok[k] = '\0';
        if (json_is_array(v)) {
            v = json_array_get(v, strtoul(tok, NULL, 10));
        } else if (json_is_object(v)) {
            json_t *c = json_object_get(v, tok);
            if (c && !json_is_object(c) && !json_is_array(c)) {
                char key[300];
                snprintf(key, sizeof key, "@line:%s", tok);
                if (json_is_integer(l = json_object_get(v, key)))
                    line = (int)json_integer_value(l);
            }
            v = c;
        } else {
            v = NULL;
        }
    }
    return line;
}

/* A fault at the value ptr names: by JSON Pointer in JSON text
** (jsonpos.h), by the tree's lines in XML (column 0: libxml2 keeps no
** column for an element). */
static tally_status fault(reader *r, const char *ptr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static tally_status fault(reader *r, const char *ptr, const char *fmt, ...)
{
    char msg[TALLY_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->text)
        return tally_jsonpos_fault(r->err, r->name, r->text, r->len, ptr, 0, "%s", msg);
    return tally_error_set(r->err, TALLY_EINVAL, r->name, tree_line(r->root, ptr), 0,
                           "%s (line only: libxml2 keeps no column for an element)", msg);
}

static tally_status nomem(reader *r)
{
    return tally_error_set(r->err, TALLY_ENOMEM, r->name, 0, 0, "out of memory");
}

/* obj's member key as an array (NULL when absent and not required). */
static tally_status array(reader *r, json_t *obj, const char *key, const char *ptr,
                          int required, json_t **out)
{
    char p[512];
    json_t *v = json_object_get(obj, key);

    *out = NULL;
    snprintf(p, sizeof p, "%s/%s", ptr, key);
    if (!v) {
        if (required)
            return fault(r, ptr, "\"%s\" is missing", key);
        return TALLY_OK;
    }
    if (!json_is_array(v))
        return fault(r, p, "\"%s\" must be an array", key);
    *out = v;
    return TALLY_OK;
}

/* obj's member key as a string (NULL when absent and not required). */
static tally_status string(reader *r, json_t *obj, const char *key, const char *ptr,
                           int required, const char **out)
{
    char p[512];
    json_t *v = json_object_get(obj, key);

    *out = NULL;
    snprintf(p, sizeof p, "%s/%s", ptr, key);
    if (!v) {
        if (required)
            return fault(r, ptr, "\"%s\" is missing", key);
        return TALLY_OK;
    }
    if (!json_is_string(v))
        return fault(r, p, "\"%s\" must be a string", key);
    *out = json_string_value(v);
    return TALLY_OK;
}

static tally_status object(reader *r, json_t *v, const char *ptr, const char *what)
{
    if (!json_is_object(v))
        return fault(r, ptr, "%s must be an object", what);
    return TALLY_OK;
}

/* The contest: opt's, or the only one. */
static tally_status find_contest(reader *r, json_t *root, const char *want)
{
    json_t *elections, *e, *contests, *c;
    size_t i, j, found = 0;
    char ptr[128], ids[256] = "";
    tally_status st;

    if ((st = array(r, root, "Election", "", 1, &elections)) != TALLY_OK)
        return st;
    json_array_foreach(elections, i, e) {
        snprintf(ptr, sizeof ptr, "/Election/%zu", i);
        if ((st = object(r, e, ptr, "an Election")) != TALLY_OK ||
            (st = array(r, e, "Contest", ptr, 0, &contests)) != TALLY_OK)
            return st;
        json_array_foreach(contests, j, c) {
            const char *id;
            snprintf(ptr, sizeof ptr, "/Election/%zu/Contest/%zu", i, j);
            if ((st = object(r, c, ptr, "a Contest")) != TALLY_OK ||
                (st = string(r, c, "@id", ptr, 1, &id)) != TALLY_OK)
                return st;
            if (strlen(ids) + strlen(id) + 3 < sizeof ids)
                snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", ids[0] ? ", " : "",
                         id);
            /* RCTab's contestId names a CDF contest by its Name. */
            if (want && strcmp(id, want) != 0) {
                json_t *name = json_object_get(c, "Name");
                if (!json_is_string(name) || strcmp(json_string_value(name), want) != 0)
                    continue;
            }
            if (found++ == 0) {
                r->election = e;
                r->contest = c;
                snprintf(r->contest_ptr, sizeof r->contest_ptr, "%s", ptr);
            }
        }
    }
    if (found == 0)
        return want ? fault(r, "/Election", "no contest \"%s\" (the report has: %s)", want,
                            ids[0] ? ids : "none")
                    : fault(r, "/Election", "the report has no contest");
    if (found > 1)
        return want ? fault(r, r->contest_ptr, "contest \"%s\" is given twice", want)
                    : fault(r, "/Election", "the report has several contests (%s): choose one",
                            ids);
    return string(r, r->election, "@id", "/Election", 0, &r->election_id);
}

/* The candidate name of selection s (see cvr_nist.h) into buf. */
static tally_status selection_name(reader *r, json_t *s, const char *ptr, char *buf, size_t n)
{
    json_t *ids, *cands, *id;
    const char *sel;
    size_t i;
    tally_status st;

    buf[0] = '\0';
    if ((st = array(r, s, "CandidateIds", ptr, 0, &ids)) != TALLY_OK ||
        (st = array(r, r->election, "Candidate", "/Election", 0, &cands)) != TALLY_OK)
        return st;
    json_array_foreach(ids, i, id) {
        const char *cid = json_string_value(id), *nm = cid;
        json_t *c;
        size_t k;
        /* A write-in selection (IsWriteIn) whose candidate has no Name, as
        ** RCTab's Unisyn cases give them, is the undeclared write-in. */
        if (json_is_true(json_object_get(s, "IsWriteIn")))
            nm = TALLY_CVR_UWI_NAME;
        if (!cid) {
            char p[512];
            snprintf(p, sizeof p, "%s/CandidateIds/%zu", ptr, i);
            return fault(r, p, "a candidate id must be a string");
        }
        json_array_foreach(cands, k, c) {
            const char *x = json_string_value(json_object_get(c, "@id"));
            const char *name = json_string_value(json_object_get(c, "Name"));
            if (x && strcmp(x, cid) == 0 && name)
                nm = name;
        }
        snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? " and " : "", nm);
    }
    if (!buf[0] && (st = string(r, s, "Selection", ptr, 0, &sel)) == TALLY_OK && sel)
        snprintf(buf, n, "%s", sel);
    return st;
}

/* The candidates, title and seats from the contest. */
static tally_status candidates(reader *r)
{
    json_t *sels, *s, *v;
    const char *title;
    size_t i;
    char ptr[256], name[1024];
    tally_status st;

    if ((st = array(r, r->contest, "ContestSelection", r->contest_ptr, 1, &sels)) != TALLY_OK)
        return st;
    r->n = json_array_size(sels);
    snprintf(ptr, sizeof ptr, "%s/ContestSelection", r->contest_ptr);
    if (r->n == 0)
        return fault(r, ptr, "the contest has no selections");
    if (r->n > TALLY_POOL_MAX_CANDIDATES)
        return fault(r, ptr, "more than %u selections", TALLY_POOL_MAX_CANDIDATES);
    if (tally_pool_new(r->n, &r->pool) != TALLY_OK ||
        !(r->sel = tally_calloc(r->n, sizeof *r->sel)))
        return nomem(r);
    json_array_foreach(sels, i, s) {
        snprintf(ptr, sizeof ptr, "%s/ContestSelection/%zu", r->contest_ptr, i);
        if ((st = object(r, s, ptr, "a ContestSelection")) != TALLY_OK ||
            (st = string(r, s, "@id", ptr, 1, &r->sel[i])) != TALLY_OK)
            return st;
        for (size_t k = 0; k < i; k++)
            if (strcmp(r->sel[k], r->sel[i]) == 0)
                return fault(r, ptr, "selection \"%s\" is given twice", r->sel[i]);
        if ((st = selection_name(r, s, ptr, name, sizeof name)) != TALLY_OK)
            return st;
        if (tally_pool_set_candidate(r->pool, i, name[0] ? name : r->sel[i], NULL) != TALLY_OK)
            return nomem(r);
    }
    if ((st = string(r, r->contest, "Name", r->contest_ptr, 0, &title)) != TALLY_OK)
        return st;
    if (!title)
        title = json_string_value(json_object_get(r->contest, "@id"));
    if (tally_pool_set_title(r->pool, title) != TALLY_OK)
        return nomem(r);
    if ((v = json_object_get(r->contest, "NumberElected"))) {
        snprintf(ptr, sizeof ptr, "%s/NumberElected", r->contest_ptr);
        if (!json_is_integer(v) || json_integer_value(v) < 1 ||
            json_integer_value(v) > 100000)
            return fault(r, ptr, "NumberElected must be a whole number from 1 to 100000");
        r->pool->seats = (int)json_integer_value(v);
    }
    return TALLY_OK;
}

/* A rank: an integer from 1. */
static tally_status rank_of(reader *r, json_t *v, const char *ptr, int64_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 1)
        return fault(r, ptr, "a Rank must be a whole number from 1");
    *out = (int64_t)json_integer_value(v);
    return TALLY_OK;
}

/* "yes", "no" or "unknown"; *no set for "no". */
static tally_status status(reader *r, json_t *pos, const char *key, const char *ptr, int *no)
{
    const char *s;
    char p[512];
    tally_status st;

    if ((st = string(r, pos, key, ptr, 0, &s)) != TALLY_OK || !s)
        return st;
    snprintf(p, sizeof p, "%s/%s", ptr, key);
    if (strcmp(s, "yes") != 0 && strcmp(s, "no") != 0 && strcmp(s, "unknown") != 0)
        return fault(r, p, "%s must be \"yes\", \"no\" or \"unknown\", not \"%s\"", key, s);
    *no |= strcmp(s, "no") == 0;
    return TALLY_OK;
}

static tally_status add_mark(reader *r, int64_t rank, size_t cand, size_t *n)
{
    return tally_cvr_mark_add(&r->marks, &r->prefs, &r->cap_marks, n, rank, (uint32_t)cand)
               ? nomem(r)
               : TALLY_OK;
}

/* The marks of one CVRContest, as a paper. */
static tally_status paper(reader *r, json_t *cc, const char *ptr)
{
    json_t *sels, *s;
    size_t i, n = 0, k = 0;
    tally_ballot_end end = TALLY_END_MARKS;
    char p[320];
    tally_status st;

    if ((st = array(r, cc, "CVRContestSelection", ptr, 0, &sels)) != TALLY_OK)
        return st;
    json_array_foreach(sels, i, s) {
        json_t *positions, *pos, *v;
        const char *id;
        size_t j, cand = r->n;
        int64_t sel_rank = 1;
        snprintf(p, sizeof p, "%s/CVRContestSelection/%zu", ptr, i);
        if ((st = object(r, s, p, "a CVRContestSelection")) != TALLY_OK ||
            (st = string(r, s, "ContestSelectionId", p, 0, &id)) != TALLY_OK)
            return st;
        /* The schema lets a CVRContestSelection name no selection (a write-in
        ** not yet adjudicated): it marks none of the contest's. */
        if (!id)
            continue;
        if ((st = array(r, s, "SelectionPosition", p, 1, &positions)) != TALLY_OK)
            return st;
        for (size_t c = 0; c < r->n && cand == r->n; c++)
            if (strcmp(r->sel[c], id) == 0)
                cand = c;
        if (cand == r->n) {
            char q[400];
            snprintf(q, sizeof q, "%s/ContestSelectionId", p);
            return fault(r, q, "\"%s\" is not a selection of the contest", id);
        }
        if ((v = json_object_get(s, "Rank"))) {
            char q[400];
            snprintf(q, sizeof q, "%s/Rank", p);
            if ((st = rank_of(r, v, q, &sel_rank)) != TALLY_OK)
                return st;
        }
        json_array_foreach(positions, j, pos) {
            char q[400];
            int no = 0;
            int64_t rank = sel_rank;
            snprintf(q, sizeof q, "%s/SelectionPosition/%zu", p, j);
            if ((st = object(r, pos, q, "a SelectionPosition")) != TALLY_OK ||
                (st = status(r, pos, "HasIndication", q, &no)) != TALLY_OK ||
                (st = status(r, pos, "IsAllocable", q, &no)) != TALLY_OK)
                return st;
            if ((v = json_object_get(pos, "Rank"))) {
                char w[440];
                snprintf(w, sizeof w, "%s/Rank", q);
                if ((st = rank_of(r, v, w, &rank)) != TALLY_OK)
                    return st;
            }
            if (!no && (st = add_mark(r, rank, cand, &n)) != TALLY_OK)
                return st;
        }
    }
    if (n > 0) { /* with no mark r->marks may still be NULL */
        tally_cvr_mark_rules mr = { r->opt.limit_skipped, r->opt.max_skipped, 0 };
        k = tally_cvr_marks_prefs(r->marks, n, &mr, r->prefs, &end);
    }
    switch (tally_pool_add_ending(r->pool, r->prefs, k, 1, end)) {
    case TALLY_OK: return TALLY_OK;
    case TALLY_ENOMEM: return nomem(r);
    default: return fault(r, ptr, "too many cast vote records");
    }
}

/* One CVR: its current snapshot's CVRContest for the contest, if any. */
static tally_status cvr(reader *r, json_t *c, size_t i)
{
    json_t *snaps, *snap = NULL, *s, *ccs, *cc, *found = NULL;
    const char *eid, *cur, *cid = json_string_value(json_object_get(r->contest, "@id"));
    char ptr[128], sp[192], cp[256], fp[256] = "";
    size_t j;
    tally_status st;

    snprintf(ptr, sizeof ptr, "/CVR/%zu", i);
    if ((st = object(r, c, ptr, "a CVR")) != TALLY_OK ||
        (st = string(r, c, "ElectionId", ptr, 0, &eid)) != TALLY_OK ||
        (st = string(r, c, "CurrentSnapshotId", ptr, 0, &cur)) != TALLY_OK ||
        (st = array(r, c, "CVRSnapshot", ptr, 1, &snaps)) != TALLY_OK)
        return st;
    if (eid && r->election_id && strcmp(eid, r->election_id) != 0)
        return TALLY_OK; /* another election's */
    json_array_foreach(snaps, j, s) {
        const char *id;
        snprintf(sp, sizeof sp, "%s/CVRSnapshot/%zu", ptr, j);
        if ((st = object(r, s, sp, "a CVRSnapshot")) != TALLY_OK ||
            (st = string(r, s, "@id", sp, cur != NULL, &id)) != TALLY_OK)
            return st;
        if ((cur && strcmp(id, cur) == 0) || (!cur && json_array_size(snaps) == 1)) {
            snap = s;
            break;
        }
    }
    if (!snap && cur) {
        snprintf(sp, sizeof sp, "%s/CurrentSnapshotId", ptr);
        return fault(r, sp, "no CVRSnapshot has the @id \"%s\"", cur);
    }
    if (!snap) {
        snprintf(sp, sizeof sp, "%s/CVRSnapshot", ptr);
        return fault(r, sp, "%zu snapshots and no CurrentSnapshotId to choose one",
                     json_array_size(snaps));
    }
    snprintf(sp, sizeof sp, "%s/CVRSnapshot/%zu", ptr, j);
    if ((st = array(r, snap, "CVRContest", sp, 0, &ccs)) != TALLY_OK)
        return st;
    json_array_foreach(ccs, j, cc) {
        const char *id;
        snprintf(cp, sizeof cp, "%s/CVRContest/%zu", sp, j);
        if ((st = object(r, cc, cp, "a CVRContest")) != TALLY_OK ||
            (st = string(r, cc, "ContestId", cp, 1, &id)) != TALLY_OK)
            return st;
        if (strcmp(id, cid) != 0)
            continue;
        if (found)
            return fault(r, cp, "contest \"%s\" appears twice in this snapshot", cid);
        found = cc;
        snprintf(fp, sizeof fp, "%s", cp);
    }
    return found ? paper(r, found, fp) : TALLY_OK;
}

static tally_status read_all(reader *r, json_t *root)
{
    const char *type;
    json_t *cvrs, *c;
    size_t i;
    tally_status st;

    if (!json_is_object(root))
        return fault(r, "", "a cast vote record report must be a JSON object");
    if ((st = string(r, root, "@type", "", 1, &type)) != TALLY_OK)
        return st;
    if (strcmp(type, "CVR.CastVoteRecordReport") != 0)
        return fault(r, "/@type", "\"@type\" is \"%s\", not \"CVR.CastVoteRecordReport\"", type);
    if ((st = find_contest(r, root, r->opt.contest)) != TALLY_OK ||
        (st = candidates(r)) != TALLY_OK || (st = array(r, root, "CVR", "", 1, &cvrs)) != TALLY_OK)
        return st;
    json_array_foreach(cvrs, i, c)
        if ((st = cvr(r, c, i)) != TALLY_OK)
            return st;
    return TALLY_OK;
}

/* A report from JSON text, or (text NULL) the tree of one (cdf_xml.h). */
static tally_status parse(const char *text, size_t len, json_t *tree, const char *name,
                          const tally_cvr_nist_options *opt, tally_pool **out, tally_error *err)
{
    reader r;
    json_t *root;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    memset(&r, 0, sizeof r);
    r.name = name;
    r.text = text;
    r.len = len;
    r.err = err;
    if (opt)
        r.opt = *opt;
    if (text) {
        if ((st = tally_jsonpos_load(text, len, name, &root, err)) != TALLY_OK)
            return st;
    } else {
        root = json_incref(tree);
    }
    r.root = root;
    st = read_all(&r, root);
    json_decref(root);
    tally_free(r.sel);
    tally_free(r.marks);
    tally_free(r.prefs);
    if (st != TALLY_OK) {
        tally_pool_free(r.pool);
        return st;
    }
    tally_pool_seal(r.pool);
    *out = r.pool;
    return TALLY_OK;
}

tally_status tally_cvr_nist_parse(const char *text, size_t len, const char *name,
                                  const tally_cvr_nist_options *opt, tally_pool **out,
                                  tally_error *err)
{
    return parse(text, len, NULL, name, opt, out, err);
}

tally_status tally_cvr_nist_tree(json_t *tree, const char *name,
                                 const tally_cvr_nist_options *opt, tally_pool **out,
                                 tally_error *err)
{
    return parse(NULL, 0, tree, name, opt, out, err);
}

tally_status tally_cvr_nist_read(const char *path, const tally_cvr_nist_options *opt,
                                 tally_pool **out, tally_error *err)
{
    char *text;
    size_t len;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    if ((st = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return st;
    st = tally_cvr_nist_parse(text, len, path, opt, out, err);
    tally_free(text);
    return st;
}
