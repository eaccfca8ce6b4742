/*
** The contest's candidate a cast vote record names. Internal to io/.
**
** RCTab's rule (its candidates' "aliases"): a CVR may name a candidate by
** its name or by any of its aliases, and two files of one contest may use
** different ones; names are compared exactly. The source's undeclared
** write-in label, and TALLY_CVR_UWI_NAME, name the write-in candidate.
*/
#ifndef TALLY_IO_CVR_NAMES_H
#define TALLY_IO_CVR_NAMES_H

#include <stddef.h>

#include "tally/cvr_source.h"

/* The index of the candidate `name` names: i for a name or alias of
** cands[i], n for the write-in; -1 for none. */
long cvr_names_index(const tally_cvr_source *src, const tally_cvr_candidate *cands, size_t n,
                     const char *name);

#endif
