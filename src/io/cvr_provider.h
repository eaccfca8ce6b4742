/*
** The readers behind tally_cvr_source_read (cvr_source.h), one per CVR
** provider, and what they share. Internal to io/.
**
** Each reads src onto the configuration's n candidates and adds its papers
** to `into` (n + 1 candidates, the last the undeclared write-ins), with
** the errors cvr_source.h gives.
*/
#ifndef TALLY_IO_CVR_PROVIDER_H
#define TALLY_IO_CVR_PROVIDER_H

#include "tally/cvr_source.h"

/* The configuration's index of a name a CVR uses: candidate i's name or
** alias gives i, the undeclared write-in label n; -1 for none. */
long tally_cvr_config_index(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                            size_t n, const char *name);

/* Dominion: a folder of CvrExport*.json and its manifests (cvr_dominion.c). */
tally_status tally_cvr_dominion_read(const tally_cvr_source *src,
                                     const tally_cvr_candidate *cands, size_t n,
                                     const tally_irv_options *rules, tally_pool *into,
                                     tally_error *err);

/* Clear Ballot ClearVote: one CSV of choice columns (cvr_clearballot.c). */
tally_status tally_cvr_clearballot_read(const tally_cvr_source *src,
                                        const tally_cvr_candidate *cands, size_t n,
                                        const tally_irv_options *rules, tally_pool *into,
                                        tally_error *err);

/* RCTab's generic CSV: a column per candidate holding ranks (cvr_generic.c). */
tally_status tally_cvr_generic_read(const tally_cvr_source *src,
                                    const tally_cvr_candidate *cands, size_t n,
                                    const tally_irv_options *rules, tally_pool *into,
                                    tally_error *err);

/* ES&S: the first worksheet of an .xlsx export (cvr_ess.c). */
tally_status tally_cvr_ess_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                                size_t n, const tally_irv_options *rules, tally_pool *into,
                                tally_error *err);

#endif
