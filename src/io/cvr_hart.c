/*
** Hart InterCivic Verity cast vote records: a folder holding one XML file
** per paper (a <Cvr> document), read as RCTab reads them (RCTab 2.0,
** HartCvrReader; cvr_provider.h):
**
**   - every file of the folder whose name ends in "xml" (any case) is a
**     record; the folder's files are read in name order (the count does
**     not depend on it);
**   - each <Contest> of the record whose <Id> is the source's contestId is
**     a paper of the contest, marked or not (no <Options>: a blank paper);
**     a record without the contest is no paper of it;
**   - each <Option>'s <Id> names the candidate, by the configuration's
**     names and aliases (RCTab configurations give Hart's option ids as
**     aliases), or the undeclared write-in label;
**   - its <Value> is a string of rank digits read left to right, the k-th
**     "1" when rank k is marked for that option ("0100": rank 2; "0101":
**     ranks 2 and 4). tally refuses any digit other than 0 and 1, where
**     RCTab takes it for no mark.
** The marks of a paper become preferences by cvr_marks.h (an option
** marked at a rank with another is an overvote; the skipped-rank limit
** and maxRankingsAllowed as for every provider).
**
** Bad input: a file that is not well-formed XML at libxml2's line and
** column; a missing Id or Value, a Value of other digits, or an Id naming
** no candidate at the line of its element (column 0: libxml2 keeps none).
** Limits: each file at most TALLY_IO_MAX_FILE bytes; the folder is read
** once, not walked (sub-folders are not read, as RCTab's).
*/
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cdf_xml.h"
#include "cvr_marks.h"
#include "cvr_provider.h"
#include "tally/alloc.h"
#include "tally/io.h"

typedef struct reader {
    const tally_cvr_source *src;
    const tally_cvr_candidate *cands;
    size_t n;
    tally_pool *into;
    tally_error *err;
    tally_cvr_mark_rules rules;
    const char *file;          /* the record being read */
    tally_cvr_mark *marks;
    uint32_t *prefs;
    size_t cap;
} reader;

static tally_status nomem(reader *r)
{
    return tally_error_set(r->err, TALLY_ENOMEM, r->src->path, 0, 0, "out of memory");
}

/* The line of obj's member key (a text member), else of obj itself. */
static int line_of(json_t *obj, const char *key)
{
    char k[64];
    json_t *l;

    snprintf(k, sizeof k, "@line:%s", key);
    l = json_object_get(obj, k);
    if (!json_is_integer(l))
        l = json_object_get(obj, "@line");
    return json_is_integer(l) ? (int)json_integer_value(l) : 0;
}

static tally_status add_mark(reader *r, size_t *n, int64_t rank, uint32_t cand)
{
    return tally_cvr_mark_add(&r->marks, &r->prefs, &r->cap, n, rank, cand) ? nomem(r) : TALLY_OK;
}

/* One Option: its marks onto r->marks. */
static tally_status option(reader *r, json_t *opt, size_t *n)
{
    json_t *id = json_object_get(opt, "Id"), *value = json_object_get(opt, "Value");
    const char *v;
    long k;

    if (!json_is_object(opt))
        return tally_error_set(r->err, TALLY_EINVAL, r->file, 0, 0,
                               "an <Option> must hold its <Id> and <Value>");
    if (!json_is_string(id) || !*json_string_value(id))
        return tally_error_set(r->err, TALLY_EINVAL, r->file, line_of(opt, "Id"), 0,
                               "an <Option> needs its <Id>");
    if (!json_is_string(value))
        return tally_error_set(r->err, TALLY_EINVAL, r->file, line_of(opt, "Value"), 0,
                               "an <Option> needs its <Value>, a string of rank digits");
    v = json_string_value(value);
    if (v[strspn(v, "01")] != '\0')
        return tally_error_set(r->err, TALLY_EINVAL, r->file, line_of(opt, "Value"), 0,
                               "<Value> \"%s\" is not a string of rank digits 0 and 1", v);
    if (!strchr(v, '1'))
        return TALLY_OK; /* no rank marked: nothing to name */
    if ((k = tally_cvr_config_index(r->src, r->cands, r->n, json_string_value(id))) < 0)
        return tally_error_set(r->err, TALLY_EINVAL, r->file, line_of(opt, "Id"), 0,
                               "candidate '%s' is not a name or alias of the contest's "
                               "candidates",
                               json_string_value(id));
    for (size_t i = 0; v[i]; i++) {
        tally_status s;
        if (v[i] == '1' && (s = add_mark(r, n, (int64_t)i + 1, (uint32_t)k)) != TALLY_OK)
            return s;
    }
    return TALLY_OK;
}

/* The contest's paper in one record's tree. */
static tally_status record(reader *r, json_t *root)
{
    json_t *contests = json_object_get(json_object_get(root, "Contests"), "Contest"), *c;
    size_t i;

    json_array_foreach(contests, i, c) {
        json_t *id = json_object_get(c, "Id");
        json_t *opts = json_object_get(json_object_get(c, "Options"), "Option"), *o;
        size_t j, n = 0;
        tally_ballot_end end = TALLY_END_MARKS;
        tally_status s;
        if (!json_is_string(id) || strcmp(json_string_value(id), r->src->contest_id) != 0)
            continue;
        json_array_foreach(opts, j, o)
            if ((s = option(r, o, &n)) != TALLY_OK)
                return s;
        n = n ? tally_cvr_marks_prefs(r->marks, n, &r->rules, r->prefs, &end) : 0;
        switch (tally_pool_add_ending(r->into, r->prefs, n, 1, end)) {
        case TALLY_OK: break;
        case TALLY_ENOMEM: return nomem(r);
        default:
            return tally_error_set(r->err, TALLY_EINVAL, r->file, line_of(c, "Id"), 0,
                                   "too many cast vote records");
        }
    }
    return TALLY_OK;
}

static tally_status read_file(reader *r, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    json_t *root = NULL;
    tally_status s;

    r->file = path;
    if ((s = tally_io_slurp(path, &text, &len, r->err)) == TALLY_OK &&
        (s = hart_xml_load(text, len, path, &root, r->err)) == TALLY_OK)
        s = record(r, root);
    json_decref(root);
    tally_free(text);
    return s;
}

static int is_record(const char *name)
{
    size_t n = strlen(name);
    return n >= 3 && strcasecmp(name + n - 3, "xml") == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's records, sorted, as paths. */
static tally_status records(reader *r, char ***out, size_t *count)
{
    const char *dir = r->src->path;
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, dl = strlen(dir);

    *out = NULL;
    *count = 0;
    if (!d)
        return tally_error_set(r->err, TALLY_EIO, dir, 0, 0,
                               "cannot open the Hart cast vote record folder");
    while ((e = readdir(d))) {
        size_t nl = strlen(e->d_name);
        if (!is_record(e->d_name))
            continue;
        if (!tally_grow(&names, &cap, n, sizeof *names) ||
            !(names[n] = tally_malloc(dl + nl + 2))) {
            closedir(d);
            while (n > 0)
                tally_free(names[--n]);
            tally_free(names);
            return nomem(r);
        }
        snprintf(names[n++], dl + nl + 2, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n == 0)
        return tally_error_set(r->err, TALLY_EINVAL, dir, 0, 0,
                               "no Hart cast vote record (.xml) in the folder");
    qsort(names, n, sizeof *names, by_name);
    *out = names;
    *count = n;
    return TALLY_OK;
}

tally_status tally_cvr_hart_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                                 size_t n, const tally_irv_options *rules, tally_pool *into,
                                 tally_error *err)
{
    reader r = { .src = src, .cands = cands, .n = n, .into = into, .err = err };
    char **names = NULL;
    size_t count = 0;
    tally_status s;

    if (!src->contest_id || !*src->contest_id)
        return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                               "a Hart source needs the contest's Id as its contestId");
    r.rules.limit_skipped = rules && rules->limit_skipped;
    r.rules.max_skipped = rules ? rules->max_skipped : 0;
    r.rules.max_rank = src->max_rankings;
    if ((s = records(&r, &names, &count)) == TALLY_OK)
        for (size_t i = 0; i < count && s == TALLY_OK; i++)
            s = read_file(&r, names[i]);
    for (size_t i = 0; i < count; i++)
        tally_free(names[i]);
    tally_free(names);
    tally_free(r.marks);
    tally_free(r.prefs);
    return s;
}
