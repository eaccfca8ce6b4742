/*
** The papers of one box of an STV count from a BLT ballot file, in the
** canonical form a papers_imported event's sha256 is taken of
** (include/tally/io.h, count.h). The file must be for the count's
** contest: the same candidates, by name and in ballot order (a file from
** another ward, or with its names in another order, would give every
** preference to the wrong candidate), none withdrawn, the same seats.
*/
#include <stdio.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/blt.h"
#include "tally/io.h"

/* Append one paper's line for ranking b to buf. */
static int put_line(char **buf, size_t *n, size_t *cap, const tally_ballot *b)
{
    size_t need = *n + b->n * 8 + 2;
    if (need > TALLY_IO_MAX_FILE)
        return -1;
    if (need > *cap) {
        size_t c = *cap ? *cap : 4096;
        char *nb;
        while (c < need)
            c *= 2;
        if (!(nb = tally_realloc(*buf, c)))
            return -2;
        *buf = nb;
        *cap = c;
    }
    for (size_t k = 0; k < b->n; k++) {
        int w = snprintf(*buf + *n, *cap - *n, "%s%zu",
                         k == 0 ? "" : (b->prefs[k] & TALLY_BALLOT_EQUAL) ? "=" : " ",
                         TALLY_BALLOT_CANDIDATE(b->prefs[k]) + 1);
        *n += (size_t)w;
    }
    (*buf)[(*n)++] = '\n';
    return 0;
}

tally_status tally_io_blt_papers(const char *path, const tally_blt_options *opt,
                                 const tally_election *e, char **text, size_t *len,
                                 int64_t *papers, tally_error *err)
{
    size_t nw = e->n_candidates + 1, n = 0, cap = 0;
    tally_blt_where *where;
    tally_pool *pool = NULL;
    char *buf = NULL;
    tally_status s;

    *text = NULL;
    *len = 0;
    *papers = 0;
    if (!(where = tally_calloc(nw, sizeof *where)))
        return tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
    if ((s = tally_blt_read_where(path, opt, where, nw, &pool, err)) != TALLY_OK)
        goto done;
    s = TALLY_EINVAL;
    if (pool->n_candidates != e->n_candidates) {
        tally_error_set(err, s, path, where[0].line, where[0].column,
                        "the file has %zu candidates but the count has %zu", pool->n_candidates,
                        e->n_candidates);
        goto done;
    }
    for (size_t i = 0; i < e->n_candidates; i++) {
        if (strcmp(pool->names[i], e->candidates[i].name) != 0) {
            tally_error_set(err, s, path, where[1 + i].line, where[1 + i].column,
                            "candidate %zu is \"%s\" in the file but \"%s\" in the count's "
                            "definition", i + 1, pool->names[i], e->candidates[i].name);
            goto done;
        }
        if (pool->withdrawn[i]) {
            tally_error_set(err, s, path, where[1 + i].line, where[1 + i].column,
                            "candidate %zu (%s) is withdrawn in the file but stands in the "
                            "count", i + 1, e->candidates[i].name);
            goto done;
        }
    }
    if (pool->seats != e->seats) {
        tally_error_set(err, s, path, where[0].line, where[0].column,
                        "the file is for %d seats but the count fills %d", pool->seats, e->seats);
        goto done;
    }
    for (size_t i = 0; i < pool->n_rankings; i++) {
        tally_ballot b;
        tally_pool_ballot(pool, i, &b);
        for (int64_t w = 0; w < b.weight; w++) {
            int rc = put_line(&buf, &n, &cap, &b);
            if (rc != 0) {
                s = rc == -1 ? tally_error_set(err, TALLY_EINVAL, path, 0, 0,
                                               "the papers come to more than %u bytes",
                                               TALLY_IO_MAX_FILE)
                             : tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
                goto done;
            }
        }
    }
    *text = buf;
    *len = n;
    *papers = pool->total;
    buf = NULL;
    s = TALLY_OK;
done:
    tally_free(buf);
    tally_free(where);
    tally_pool_free(pool);
    return s;
}
