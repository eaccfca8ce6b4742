/*
** tally: readers of election files.
**
** Each reader builds a tally_election (election.h) from a file and, on bad
** input, fills the tally_error with the file, line and column of the fault
** and a one-line message, returning TALLY_EINVAL (or TALLY_EIO when the file
** cannot be read). A reader never returns a half-built election: on failure
** *out is NULL.
**
** Ownership: the caller frees each election with tally_election_free().
*/
#ifndef TALLY_IO_H
#define TALLY_IO_H

#include <stddef.h>
#include <stdint.h>

#include "tally/count.h"
#include "tally/election.h"
#include "tally/status.h"

/* Files larger than this are refused rather than read (a definition is a
** few kilobytes; a national results CSV a few megabytes). */
#define TALLY_IO_MAX_FILE (64u * 1024u * 1024u)

/* Read the election definition JSON documented in docs/formats.md. The
** declared figures, when present, are checked with tally_election_check()
** and a failure is reported at the figures it concerns. */
tally_status tally_io_read_election(const char *path, tally_election **out, tally_error *err);

/* The same from a buffer; `name` is used in error messages. */
tally_status tally_io_parse_election(const char *text, size_t len, const char *name,
                                     tally_election **out, tally_error *err);

/* Apply an event, as read from a count's log or a request, to c: what
** tally_count_apply() does, after parsing the election definition that a
** count_opened event carries in its "election" member (refused, with the
** reader's message, when it is not a valid definition). */
tally_status tally_io_apply_event(tally_count *c, uint64_t seq, const struct json_t *event,
                                  tally_error *err);

/* The papers of a BLT ballot file (blt.h, read as opt says) for an STV
** count of election e, in their canonical form (tally_box_papers_parse()
** in count.h): each distinct ranking in the order it first appears in the
** file, one line for each paper that carries it. The file's candidates
** must be e's, by name and in ballot order, none withdrawn, and its seats
** e's; otherwise TALLY_EINVAL with err at the file, line and column of the
** name (or of the first line). *text (*len bytes, *papers lines) is the
** caller's to free with tally_free(); at most TALLY_IO_MAX_FILE bytes. */
struct tally_blt_options;
tally_status tally_io_blt_papers(const char *path, const struct tally_blt_options *opt,
                                 const tally_election *e, char **text, size_t *len,
                                 int64_t *papers, tally_error *err);

/* A set of contests read from a results layout. */
typedef struct tally_contest_set {
    size_t n;
    tally_election **contests;  /* owned */
    char **ids;                 /* ONS id of each contest, owned */
    char **declared_at;         /* each contest's declaration time, local, as
                                   "2019-12-13T02:30", or NULL where the
                                   layout gives none; owned */
} tally_contest_set;

void tally_contest_set_free(tally_contest_set *set);

/* Read the UK Parliament results layout in dir (constituencies.csv and
** candidacies.csv, with or without a header row: see docs/formats.md).
** When previous_dir is not NULL its results become each contest's previous
** result, matched by ONS id. Contests whose figures are inconsistent are
** still returned: tally_result_compute() refuses them, naming the fault. */
tally_status tally_io_read_uk_parliament(const char *dir, const char *previous_dir,
                                         tally_contest_set **out, tally_error *err);

/* The results of the layout in dir as previous results, one a
** constituency: each an election of no candidates with the ONS id
** (area_code), name, region and, as its previous result, the results
** database's figures exactly as tally_io_read_uk_parliament attaches them
** (the baseline of tally_national_json, national.h). */
tally_status tally_io_read_uk_previous(const char *dir, tally_contest_set **out,
                                       tally_error *err);

/* Read notional previous results (CSV with the header
** ons_id,region,party,votes: docs/formats.md) into set, each in place of
** the constituency of its ONS id or added after the rest, as an election
** of no candidates like tally_io_read_uk_previous's. On bad input set is
** unchanged. */
tally_status tally_io_read_notional(const char *path, tally_contest_set *set, tally_error *err);

/* Read a whole file (at most TALLY_IO_MAX_FILE bytes), NUL-terminated.
** Caller frees *out with tally_free(). */
tally_status tally_io_slurp(const char *path, char **out, size_t *len, tally_error *err);

/* POST the JSON body to url (http or https, through libcurl) with
** "Authorization: Bearer token". *status is the answer's HTTP status and
** *answer its body (NUL-terminated, the caller's to free()). TALLY_EIO
** when no answer came (err says why: refused, unreachable, timed out);
** what was sent may or may not have arrived. */
tally_status tally_io_http_post_json(const char *url, const char *token, const char *body,
                                     size_t len, long *status, char **answer, tally_error *err);

#endif
