/*
** tally: the count as a log of events.
**
** Everything done at a count (a ballot box received with its ballot paper
** account, a box counted and verified, a bundle recorded, a doubtful paper
** adjudicated, a recount asked for and refused, a lot drawn, the result
** declared) is an event: a JSON object with a "type" and the fields that
** type needs (docs/count.md lists them). The state of the count is a fold
** of tally_count_apply() over its events, in order; nothing is edited, and
** a mistake is put right by a "correction" event naming the event it
** corrects.
**
** tally_count_apply() is pure: no I/O, no clock. It checks the event against
** the rules (docs/rules.md, "The count") and either applies it or refuses it
** with a reason, leaving the state exactly as it was. Rules enforced:
**   PER r.45 / EC verification: every box verified against its ballot
**       paper account; a variance explained, or the box counted twice to
**       the same figure, or balanced by the other boxes of its polling place
**   PER r.45: no declaration before verification is complete
**   PER r.46: a recount may be asked for only by a candidate or election
**       agent; no step after a count or recount completes until they have
**       had the chance to ask (the provisional result shown)
**   PER r.49: a lot only when an equality of votes decides a seat
**   Parish Polls Rules r.27(2) (the PER analogue): tendered papers are never
**       counted
**   EC count guidance: no bundle larger than the count's bundle size
**   tally: nothing after the declaration but a correction; a test count
**       and a live count never share an event
**   STV counts (a definition whose method is scottish-stv or ni-stv; an
**       e-count, src/count/stv.c): each verified box's papers imported
**       whole, as many as its verified figure; no bundles; the result the
**       method's tabulation of the papers not rejected
**
** Ownership: a tally_count is owned by its creator and freed with
** tally_count_free(). Events are borrowed for the duration of a call;
** returned JSON is a new reference the caller releases with json_decref().
*/
#ifndef TALLY_COUNT_H
#define TALLY_COUNT_H

#include <stddef.h>
#include <stdint.h>

#include "tally/ballot.h"
#include "tally/election.h"
#include "tally/result.h"
#include "tally/status.h"

struct json_t;
struct tally_method_result;

typedef struct tally_count tally_count;

typedef enum tally_count_phase {
    TALLY_PHASE_NEW = 0,          /* no event yet */
    TALLY_PHASE_VERIFICATION,     /* opened; boxes being verified */
    TALLY_PHASE_COUNT,            /* verification complete; counting */
    TALLY_PHASE_PROVISIONAL,      /* count complete; figures with candidates */
    TALLY_PHASE_DECLARED          /* result declared */
} tally_count_phase;

tally_status tally_count_new(tally_count **out);
void tally_count_free(tally_count *c);

/* Apply one event. seq is the event's sequence number (1, 2, ...); the
** event's own "seq", "time" and "actor" envelope members, when present, are
** not checked here (the store owns them). On refusal returns TALLY_EINVAL
** with err->message giving the rule, and c is unchanged.
**
** def is the election definition that a count_opened event carries in its
** "election" member, already parsed: reading it is the edge's job
** (tally_io_apply_event() in io.h does both). NULL for every other event.
** c takes def whatever the outcome: it keeps it when the count opens and
** frees it otherwise. A count_opened event that every other rule accepts
** but that comes without def is answered TALLY_ENOTFOUND, c unchanged: the
** definition is the last thing checked, so an edge whose parse failed
** learns this way that its parser's message is the one to give. */
tally_status tally_count_apply(tally_count *c, uint64_t seq, const struct json_t *event,
                               tally_election *def, tally_error *err);

/* An STV count (the definition's method scottish-stv or ni-stv) is an
** e-count: each box's papers come in whole with a papers_imported event,
** and the result is the method's tabulation of them (method.h).
**
** The papers of one box, in the order imported: paper i is prefs[offsets[i]]
** up to prefs[offsets[i + 1]], entries as in ballot.h (a 0-based candidate
** index, TALLY_BALLOT_EQUAL on one ranked equal with the one before). */
typedef struct tally_box_papers {
    size_t n;
    size_t *offsets;   /* n + 1 */
    uint32_t *prefs;
} tally_box_papers;

/* The papers from their canonical form, the bytes a papers_imported
** event's sha256 is taken of: one line per paper, each ending in "\n",
** its preferences as candidate numbers from 1 in order of preference,
** separated by " ", or by "=" before one ranked equal with the one before
** ("3 1=4 2"); an empty line is a paper with no preference. Anything else
** is TALLY_EINVAL naming the paper. Caller frees *out with
** tally_box_papers_free(). */
tally_status tally_box_papers_parse(const char *text, size_t len, tally_box_papers **out,
                                      tally_error *err);
void tally_box_papers_free(tally_box_papers *p);

/* Apply a papers_imported event with its box's papers (the edge reads them
** from where they are stored and checks their sha256; the count checks
** their number against the event and the box's verified figure). c takes
** papers whatever the outcome. tally_count_apply() refuses such an event
** (TALLY_ENOTFOUND, c unchanged): it has no papers to give. */
tally_status tally_count_apply_papers(tally_count *c, uint64_t seq, const struct json_t *event,
                                      tally_box_papers *papers, tally_error *err);

/* Whether the count is an STV e-count (0 before it opens). */
int tally_count_is_stv(const tally_count *c);

/* An STV count's tabulation once the count is complete: every imported
** paper but the doubtful papers rejected, counted by the definition's
** method with the seed of any lot drawn (the same code `tally tabulate`
** runs). *out is borrowed from c and valid until the next apply.
** TALLY_ENOTFOUND when the count is not STV or not complete; TALLY_EINVAL
** when an equality must be decided by a lot not yet drawn. */
tally_status tally_count_stv_result(tally_count *c, const struct tally_method_result **out,
                                    tally_error *err);

tally_count_phase tally_count_get_phase(const tally_count *c);
const char *tally_count_phase_name(tally_count_phase p);

/* The mode fixed by the first event: "live" or "test"; NULL before it. */
const char *tally_count_mode(const tally_count *c);

/* Number of events applied. */
uint64_t tally_count_events(const tally_count *c);

/* The election being counted (borrowed; NULL before the count opens). */
const tally_election *tally_count_election(const tally_count *c);

/* The count's figures as an election with declared figures, and its result
** (with any lot drawn at the count), when the count is complete; TALLY_ENOTFOUND
** before then, and for an STV count (its result is tally_count_stv_result()). *out is borrowed from c and valid until the next apply. */
tally_status tally_count_result(tally_count *c, const tally_result **out, tally_error *err);

/* The status document of docs/count.md: phase, boxes verified, papers per
** candidate, rejected by head, reconciliation, requests pending. Its
** "result" is null here: rendering the declared result is report/'s job,
** and tally_report_count_status() (report.h) gives the whole document. */
tally_status tally_count_status_json(tally_count *c, struct json_t **out);

/* The verification statement (per box: expected, counted, verified,
** variance, explanation; postal and total verified) as JSON. */
tally_status tally_count_verification_json(const tally_count *c, struct json_t **out);

/* The statement of rejected ballot papers: per head, the number and the
** number whose rejection was objected to. */
tally_status tally_count_rejected_json(const tally_count *c, struct json_t **out);

/* A realistic count generated from an election with declared figures, for
** demonstrations, tests and benchmarks: ballot boxes and postal boxes whose
** verified figures sum to the verification total (or to valid + rejected),
** ballot paper accounts with a few discrepancies (recounted, explained, or
** balanced within a polling place), bundles of bundle_size per candidate,
** stray papers and a short bundle found by bundle checks, doubtful papers
** adjudicated to reach the rejected figures, the difference between the
** verified and counted totals explained, a recount asked for and refused, a
** lot when the figures tie, and the declaration.
**
** error_per_mille sets how often a box or bundle goes wrong (0 to 1000).
** definition is the election definition JSON without declared figures (it
** opens the count). Deterministic: the same inputs give the same events.
** *out is a new JSON array of {"time", "actor", "event"}; the caller
** releases it. Times run from 21:30 UTC on polling day. */
tally_status tally_count_simulate(const tally_election *e, const struct json_t *definition,
                                  uint64_t seed, int error_per_mille, int64_t bundle_size,
                                  struct json_t **out, tally_error *err);

#endif
