/*
** The central store's functions (include/tally/central.h) as the module
** tally-pg.so (pg.c, the one part linking libpq) gives them: one table,
** found by name with dlsym by central.c. Internal to store/.
*/
#ifndef TALLY_STORE_CENTRAL_OPS_H
#define TALLY_STORE_CENTRAL_OPS_H

#include "tally/central.h"

#define TALLY_PG_OPS "tally_pg_ops"

typedef struct tally_central_ops {
    tally_status (*open)(const char *url, tally_central **out, tally_error *err);
    void (*close)(tally_central *c);
    tally_status (*token_issue)(tally_central *c, const char *constituency,
                                char token[TALLY_TOKEN_HEX], tally_error *err);
    tally_status (*token_find)(tally_central *c, const char *token,
                               char constituency[TALLY_CONSTITUENCY_MAX], tally_error *err);
    tally_status (*declare_all)(tally_central *c, tally_central_declaration *v, size_t n,
                                tally_error *err);
    tally_status (*result)(tally_central *c, const char *constituency, char **body,
                           tally_error *err);
    tally_status (*each)(tally_central *c, uint64_t *constituencies,
                         int (*fn)(void *ctx, const char *body), void *ctx, tally_error *err);
    tally_status (*since)(tally_central *c, uint64_t after, unsigned max,
                          int (*fn)(void *ctx, uint64_t seq, const char *constituency,
                                    int recount, const char *body),
                          void *ctx, tally_error *err);
    tally_status (*latest)(tally_central *c, uint64_t *seq, uint64_t *constituencies,
                           tally_error *err);
} tally_central_ops;

extern const tally_central_ops tally_pg_ops;

#endif
