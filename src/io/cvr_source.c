/*
** tally: one CVR source of an RCTab contest into a ballot pool
** (cvr_source.h).
**
** Read today: provider "cdf" with a .json file (NIST SP 1500-103 JSON,
** through cvr_nist.c) or an .xml file (the XML binding, cdf_xml.h, read
** into the same tree and through the same rules), "dominion" (cvr_dominion.c), "clearBallot"
** (cvr_clearballot.c), "genericCsv" (cvr_generic.c), "ess" (an .xlsx
** export, cvr_ess.c) and "hart" (a folder of XML records, cvr_hart.c). Every other provider is refused with
** a one-line error naming the source, never read approximately.
**
** A CDF source names its candidates itself; each name is matched to the
** configuration's candidates by name or alias (RCTab's own rule: a CVR
** may spell a candidate as any of its aliases, and two files of one
** contest may spell them differently), or to the undeclared write-in
** label; a name that is neither is refused when a paper marks it (RCTab
** checks only the names its papers rank). The file's rankings are then
** renumbered onto the configuration's
** candidates and added to the caller's pool.
**
** The skipped-rank rule is applied as the file is read (a mark after more
** than max_skipped blank ranks ends the paper); overvotes are kept as
** equal rankings (TALLY_BALLOT_EQUAL) for the method's overvote rule, and
** repeated candidates for its duplicate rule. max_rankings keeps a paper's
** first max_rankings marked ranks (a group of equal marks is one rank).
** Limit: when blank ranks are closed up rather than limited, those are
** counted after the closing up, not by the file's rank numbers.
*/
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/cvr_nist.h"
#include "tally/cvr_source.h"
#include "cdf_xml.h"
#include "cvr_provider.h"
#include "tally/io.h"

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* Add the rankings of `from`, renumbered by map, to `into`. */
static tally_status renumber(const tally_pool *from, const uint32_t *map, int max_rankings,
                             tally_pool *into)
{
    size_t most = 0;
    uint32_t *prefs;
    tally_status st = TALLY_OK;

    for (size_t i = 0; i < from->n_rankings; i++)
        if (from->offsets[i + 1] - from->offsets[i] > most)
            most = from->offsets[i + 1] - from->offsets[i];
    if (!(prefs = tally_malloc(most ? most * sizeof *prefs : 1)))
        return TALLY_ENOMEM;
    for (size_t i = 0; i < from->n_rankings && st == TALLY_OK; i++) {
        tally_ballot b;
        size_t k = 0;
        int ranks = 0;
        tally_pool_ballot(from, i, &b);
        for (; k < b.n; k++) {
            uint32_t e = b.prefs[k];
            if (!(e & TALLY_BALLOT_EQUAL) && max_rankings > 0 && ++ranks > max_rankings)
                break;
            prefs[k] = map[TALLY_BALLOT_CANDIDATE(e)] | (e & TALLY_BALLOT_EQUAL);
        }
        st = tally_pool_add_ending(into, prefs, k, b.weight,
                                   k < b.n ? TALLY_END_MARKS : b.end);
    }
    tally_free(prefs);
    return st;
}

/* A CDF XML report (cdf_xml.h) read as the JSON binding's tree. */
static tally_status read_nist_xml(const char *path, const tally_cvr_nist_options *no,
                                  tally_pool **out, tally_error *err)
{
    char *text;
    size_t len;
    json_t *tree = NULL;
    tally_status st;

    *out = NULL;
    if ((st = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return st;
    if ((st = cdf_xml_load(text, len, path, &tree, err)) == TALLY_OK)
        st = tally_cvr_nist_tree(tree, path, no, out, err);
    json_decref(tree);
    tally_free(text);
    return st;
}

static tally_status read_cdf(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                             size_t n, const tally_irv_options *rules, tally_pool *into,
                             tally_error *err)
{
    tally_cvr_nist_options no = {
        .contest = src->contest_id && *src->contest_id ? src->contest_id : NULL,
        .limit_skipped = rules && rules->limit_skipped,
        .max_skipped = rules ? rules->max_skipped : 0,
    };
    tally_pool *file = NULL;
    uint32_t *map = NULL;
    tally_status st = ends_with(src->path, ".xml") ? read_nist_xml(src->path, &no, &file, err)
                                                   : tally_cvr_nist_read(src->path, &no, &file, err);

    if (st != TALLY_OK)
        return st;
    if (!(map = tally_malloc(file->n_candidates * sizeof *map))) {
        st = tally_error_set(err, TALLY_ENOMEM, src->path, 0, 0, "out of memory");
        goto done;
    }
    for (size_t c = 0; c < file->n_candidates; c++) {
        const char *name = file->names[c] ? file->names[c] : "";
        long k = tally_cvr_config_index(src, cands, n, name);
        map[c] = k < 0 ? UINT32_MAX : (uint32_t)k;
    }
    /* A selection that is not a configured candidate is refused if a paper
    ** marks it (RCTab's rule: it checks the names its papers rank), before
    ** any paper is added. */
    for (size_t i = 0; i < file->n_rankings; i++) {
        tally_ballot b;
        tally_pool_ballot(file, i, &b);
        for (size_t k = 0; k < b.n; k++) {
            size_t c = TALLY_BALLOT_CANDIDATE(b.prefs[k]);
            if (map[c] == UINT32_MAX) {
                st = tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                                     "candidate '%s' is not a name or alias of the contest's "
                                     "candidates",
                                     file->names[c] ? file->names[c] : "");
                goto done;
            }
        }
    }
    if ((st = renumber(file, map, src->max_rankings, into)) == TALLY_ENOMEM)
        st = tally_error_set(err, TALLY_ENOMEM, src->path, 0, 0, "out of memory");
done:
    tally_free(map);
    tally_pool_free(file);
    return st;
}

tally_status tally_cvr_source_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                                   size_t n_candidates, const tally_irv_options *rules,
                                   tally_pool *into, tally_error *err)
{
    const char *prov = src->provider ? src->provider : "";

    if (into->n_candidates != n_candidates + 1)
        return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                               "the pool has %zu candidates, the contest %zu and the write-in",
                               into->n_candidates, n_candidates);
    if (strcmp(prov, "cdf") == 0 && (ends_with(src->path, ".json") || ends_with(src->path, ".xml")))
        return read_cdf(src, cands, n_candidates, rules, into, err);
    if (strcmp(prov, "cdf") == 0)
        return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                               "CDF cast vote records are read from a .json or .xml file");
    if (strcmp(prov, "dominion") == 0)
        return tally_cvr_dominion_read(src, cands, n_candidates, rules, into, err);
    if (strcmp(prov, "clearBallot") == 0)
        return tally_cvr_clearballot_read(src, cands, n_candidates, rules, into, err);
    if (strcmp(prov, "genericCsv") == 0)
        return tally_cvr_generic_read(src, cands, n_candidates, rules, into, err);
    if (strcmp(prov, "ess") == 0)
        return tally_cvr_ess_read(src, cands, n_candidates, rules, into, err);
    if (strcmp(prov, "hart") == 0)
        return tally_cvr_hart_read(src, cands, n_candidates, rules, into, err);
    return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                           "CVR provider '%s' is not read by tally (it reads cdf .json and .xml, dominion, clearBallot, genericCsv, ess and hart)", prov);
}
