/*
** The central store's door in libtally (include/tally/central.h): each
** call goes to the module tally-pg.so (pg.c), loaded by the first
** tally_central_open (io/module.h), so that only `tally central` loads
** libpq and the libraries it brings.
*/
#include <stddef.h>

#include "central_ops.h"
#include "io/module.h"

static const tally_central_ops *ops(void)
{
    return tally_module_symbol("tally-pg.so", TALLY_PG_OPS, NULL);
}

tally_status tally_central_open(const char *url, tally_central **out, tally_error *err)
{
    const char *why = NULL;
    const tally_central_ops *o = tally_module_symbol("tally-pg.so", TALLY_PG_OPS, &why);

    *out = NULL;
    if (!o)
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0,
                               "the central store needs the module tally-pg.so beside the "
                               "tally executable (or in the folder TALLY_MODULE_DIR names): %s",
                               why);
    return o->open(url, out, err);
}

/* Every other call has an open store, so the module is loaded. */
void tally_central_close(tally_central *c)
{
    if (c)
        ops()->close(c);
}

tally_status tally_central_token_issue(tally_central *c, const char *constituency,
                                       char token[TALLY_TOKEN_HEX], tally_error *err)
{
    return ops()->token_issue(c, constituency, token, err);
}

tally_status tally_central_token_find(tally_central *c, const char *token,
                                      char constituency[TALLY_CONSTITUENCY_MAX],
                                      tally_error *err)
{
    return ops()->token_find(c, token, constituency, err);
}

tally_status tally_central_declare(tally_central *c, const char *constituency, const char *head,
                                   int recount, const char *body, tally_central_outcome *outcome,
                                   uint64_t *seq, tally_error *err)
{
    tally_central_declaration d = { constituency, head, body, recount, TALLY_OK, 0, 0 };
    tally_status st = ops()->declare_all(c, &d, 1, err);
    *outcome = d.outcome;
    *seq = d.seq;
    if (st == TALLY_OK && d.status != TALLY_OK)
        return tally_error_set(err, d.status, NULL, 0, 0, "constituency \"%s\" is not registered",
                               constituency);
    return st;
}

tally_status tally_central_declare_all(tally_central *c, tally_central_declaration *v, size_t n,
                                       tally_error *err)
{
    return ops()->declare_all(c, v, n, err);
}

tally_status tally_central_result(tally_central *c, const char *constituency, char **body,
                                  tally_error *err)
{
    return ops()->result(c, constituency, body, err);
}

tally_status tally_central_each(tally_central *c, uint64_t *constituencies,
                                int (*fn)(void *ctx, const char *body), void *ctx,
                                tally_error *err)
{
    return ops()->each(c, constituencies, fn, ctx, err);
}

tally_status tally_central_since(tally_central *c, uint64_t after, unsigned max,
                                 int (*fn)(void *ctx, uint64_t seq, const char *constituency,
                                           int recount, const char *body),
                                 void *ctx, tally_error *err)
{
    return ops()->since(c, after, max, fn, ctx, err);
}

tally_status tally_central_latest(tally_central *c, uint64_t *seq, uint64_t *constituencies,
                                  tally_error *err)
{
    return ops()->latest(c, seq, constituencies, err);
}
