/*
** Opening a stage of a count: shared by the methods. Internal to methods/.
*/
#ifndef TALLY_METHODS_STAGE_H
#define TALLY_METHODS_STAGE_H

#include <stddef.h>

#include "tally/method.h"

/* Append a zeroed stage of kind and subject to R (room for it tracked in
** *cap), with a votes array for n candidates and, with with_elected, an
** elected list of room n. TALLY_ENOMEM leaves R as it was. */
tally_status tally_stage_open(tally_method_result *R, size_t *cap, size_t n, int with_elected,
                              tally_stage_kind kind, size_t subject);

#endif
