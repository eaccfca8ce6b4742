/*
** The contest's candidate a cast vote record names (cvr_names.h).
** Limit: a linear search, name by name and alias by alias; a contest has
** tens of candidates and readers look up each name once per distinct
** spelling or per cell.
*/
#include "cvr_names.h"

#include <string.h>

long cvr_names_index(const tally_cvr_source *src, const tally_cvr_candidate *cands, size_t n,
                     const char *name)
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
