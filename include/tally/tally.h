/*
** tally: the whole public API. Each header states its own ownership rules.
*/
#ifndef TALLY_H
#define TALLY_H

#include "tally/alloc.h"
#include "tally/ballot.h"
#include "tally/blt.h"
#include "tally/count.h"
#include "tally/cvr.h"
#include "tally/cvr_nist.h"
#include "tally/election.h"
#include "tally/io.h"
#include "tally/lot.h"
#include "tally/method.h"
#include "tally/num.h"
#include "tally/report.h"
#include "tally/result.h"
#include "tally/seats.h"
#include "tally/stages.h"
#include "tally/status.h"
#include "tally/server.h"
#include "tally/store.h"
#include "tally/users.h"

#endif
