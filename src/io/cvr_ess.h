/*
** ES&S cast vote record exports (.xlsx) into a contest's pool: the "ess"
** provider of cvr_source.h. Internal to io/; the layout and its limits are
** in cvr_ess.c and docs/formats.md.
*/
#ifndef TALLY_IO_CVR_ESS_H
#define TALLY_IO_CVR_ESS_H

#include <stddef.h>

#include "tally/cvr_source.h"

/* As tally_cvr_source_read, for src->provider "ess". */
tally_status cvr_ess_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                          size_t n_candidates, const tally_irv_options *rules, tally_pool *into,
                          tally_error *err);

#endif
