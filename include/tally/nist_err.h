/*
** tally: declared results (national.h) as NIST SP 1500-100 Rev. 2,
** Election Results Reporting Common Data Format, in its JSON binding
** (NIST_V2_election_results_reporting.json), at the level of contest
** summaries ("summary-contest"). docs/formats.md gives the mapping of each
** figure to the schema's objects.
**
** Pure: no I/O and no clock; the report's generation time is the caller's
** to give. The same declared results and election give the same document.
**
** Ownership: arguments are borrowed; *out is a new reference the caller
** owns and releases with json_decref().
*/
#ifndef TALLY_NIST_ERR_H
#define TALLY_NIST_ERR_H

#include <stddef.h>

#include "tally/result.h"
#include "tally/status.h"

struct json_t;

typedef struct tally_nist_election {
    const char *name;      /* the election's name */
    const char *date;      /* polling day, ISO 8601 "2019-12-12" */
    int by_election;       /* 1: a by-election (the schema's "special") */
    const char *other_type; /* non-NULL: which of those is not known, and the
                               Type is "other" with this OtherType */
    const char *generated; /* GeneratedDate, "2019-12-13T07:00:00Z" */
    const char *issuer;    /* who publishes the report */
    const char *issuer_abbreviation;
} tally_nist_election;

/* The ElectionReport of the n declared results (each passing
** tally_declared_check), in the order given. constituencies is how many
** there are in all (the registered constituencies); 0 for a report of
** one contest, whose Status is then "recount" or "certified" as that
** result is or is not a recount, and which gives no count of the units
** reported. With constituencies > 0 the Status is "certified" when every
** one has declared, else "unofficial-partial". TALLY_EINVAL for a date
** or generation time not in the schema's form. */
tally_status tally_nist_err_json(const struct json_t *const *declared, size_t n,
                                 size_t constituencies, const tally_nist_election *election,
                                 struct json_t **out, tally_error *err);

/* The ElectionReport of one count's declared result r, as published to
** the central service (tally_report_declared_json, report.h, with the
** count log's head): its election names the election and its date, and
** its returning officer and area the issuer; Type "other", OtherType the
** contest's type ("uk-parliament"), as a definition does not say whether
** it is a general election or a by-election. generated is the time of the
** declaration (YYYY-MM-DDTHH:MM:SSZ), so the same count gives the same
** bytes. Where the rejected papers are known by head and the head "voting
** for more candidates than the voter was entitled to" is the schema's
** overvote (UK Parliament and local elections), the contest carries it as
** OtherCounts.Overvotes. TALLY_EINVAL as tally_report_declared_json, or
** without the election's date. */
tally_status tally_nist_err_result(const tally_result *r, const char *head,
                                   const char *generated, struct json_t **out,
                                   tally_error *err);

#endif
