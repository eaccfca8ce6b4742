/*
** The name a CVR uses for a candidate, onto the configuration's candidates
** (tally_cvr_config_index in cvr_provider.h): RCTab's rule, a CVR may
** spell a candidate as any of their aliases, and two files of one contest
** may spell them differently.
*/
#include <string.h>

#include "cvr_provider.h"

long tally_cvr_config_index(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                            size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(cands[i].name, name) == 0)
            return (long)i;
        for (size_t a = 0; a < cands[i].n_aliases; a++)
            if (strcmp(cands[i].aliases[a], name) == 0)
                return (long)i;
    }
    if ((src->uwi_label && *src->uwi_label && strcmp(src->uwi_label, name) == 0) ||
        strcmp(name, TALLY_CVR_UWI_NAME) == 0)
        return (long)n;
    return -1;
}
