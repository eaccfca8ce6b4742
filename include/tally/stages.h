/*
** tally: stage reports of a ballot-level count (method.h).
**
**   json   one object per count, in the schema of the official Scottish
**          stage reports (../shared/data/stv/scotland-official/
**          *_stages.json): "seats", "valid_votes", "quota" and "stages",
**          each stage with "votes" per candidate as a decimal string with
**          exactly five places (the result's places: nine for meek, two
**          for ers97) (null once excluded at an earlier stage,
**          and for a candidate withdrawn before the poll),
**          "non_transferable", "elected", "excluded" and "surplus"; and
**          beyond that schema "file", "title", "method", "invalid_papers",
**          "seed", "lots", "elected" (in order of election) and, per stage,
**          "stage", "exhausted" and "lost_to_rounding" (which add up to
**          "non_transferable"), "tie" and, for a method whose quota moves
**          (meek, ers97), "quota". The quota is a string like every other
**          vote figure.
**   jsonl  the same object on one line.
**   csv    one row per candidate per stage (stages_csv.c).
**   html   one page: the stages table and a chart of each stage's
**          transfers (stages_html.c).
**   text   a stage report as a returning officer publishes one: for each
**          stage the transfer and the total of every candidate, the
**          non-transferable papers, who is elected or excluded.
**
** Renderers only translate: every figure comes from the result. The same
** result gives the same bytes.
**
** Ownership: renderers borrow the result and write to a caller's FILE.
*/
#ifndef TALLY_STAGES_H
#define TALLY_STAGES_H

#include <stdio.h>

#include "tally/method.h"
#include "tally/status.h"

typedef enum tally_stages_format {
    TALLY_STAGES_JSON = 0,
    TALLY_STAGES_JSONL,
    TALLY_STAGES_TEXT,
    TALLY_STAGES_CSV,
    TALLY_STAGES_HTML
} tally_stages_format;

/* "json", "jsonl", "text", "csv", "html"; TALLY_ENOTFOUND otherwise. */
tally_status tally_stages_format_parse(const char *name, tally_stages_format *out);

/* Write r's report; file names the ballot file in the report (may be
** NULL). TALLY_EIO when out reports a write error. */
tally_status tally_stages_write(const tally_method_result *r, const char *file,
                                tally_stages_format fmt, FILE *out);

tally_status tally_stages_json(const tally_method_result *r, const char *file, int one_line,
                               FILE *out);
tally_status tally_stages_text(const tally_method_result *r, const char *file, FILE *out);

/* CSV: one row per candidate per stage and one for the non-transferable
** papers, under the header "file,method,stage,kind,subject,candidate,
** votes,change,standing". The header and the rows are also written apart,
** so that several counts make one CSV. */
tally_status tally_stages_csv(const tally_method_result *r, const char *file, FILE *out);
void tally_stages_csv_header(FILE *out);
tally_status tally_stages_csv_rows(const tally_method_result *r, const char *file, FILE *out);

/* HTML: one self-contained page, the stage-by-stage table and a chart of
** each stage's transfers. */
tally_status tally_stages_html(const tally_method_result *r, const char *file, FILE *out);

/* RCTab's detailed report (its "_expected_detailed_report.json": the
** rounds with each continuing candidate's tally, the eliminations with
** their transfers, the threshold and the inactive ballots by why; the
** summary) for an irv count of an RCTab contest. A round is a stage, or a
** batch elimination's stages together. Keys are sorted, as RCTab writes
** them; figures are decimal strings where RCTab's are. */
typedef struct tally_rctab_report {
    const char *contest, *date, *jurisdiction, *office; /* outputSettings */
    const char *generated_by;   /* e.g. "tally 0.1.0" */
    size_t n_candidates;        /* RCTab's numCandidates: every configured
                                   candidate, and the write-ins if declared */
    int write_in_declared;      /* the sources give an undeclared write-in
                                   label: the pool's last candidate is shown */
    size_t stop_after;          /* stopTabulationEarlyAfterRound: the rounds
                                   shown, at most; 0: every round */
    int first_threshold;        /* doesFirstRoundDetermineThreshold: the CSV's
                                   shares are of the first round's active
                                   papers, not each round's */
    int multi_winner;           /* a pass of multiPassIrv (numberOfWinners
                                   above 1): the CSV says "Multi-Winner", and
                                   its shares are of the first round's */
} tally_rctab_report;
tally_status tally_stages_rctab_json(const tally_method_result *r, const tally_rctab_report *info,
                                     FILE *out);
/* RCTab's CSV summary report of the same rounds (its
** "_expected_detailed_report.csv", CSV format version 1), as RCTab writes
** it byte for byte: the rows, their order, the shares of each round's
** active papers and the quoting are RCTab's (src/report/rctab_csv.c). */
tally_status tally_stages_rctab_csv(const tally_method_result *r, const tally_rctab_report *info,
                                    FILE *out);
/* The same report of a count in one of RCTab's several-seat modes
** (rctab_multi.h), its fractional votes written as RCTab writes them. */
struct tally_rctab_multi;
tally_status tally_stages_rctab_multi_json(const struct tally_rctab_multi *m,
                                           const tally_rctab_report *info, FILE *out);
/* And as RCTab's CSV summary report, byte for byte as RCTab writes it
** (src/report/rctab_csv.c): TALLY_EINVAL a count with no rounds,
** TALLY_ENOMEM, TALLY_EIO a failed write. */
tally_status tally_stages_rctab_multi_csv(const struct tally_rctab_multi *m,
                                          const tally_rctab_report *info, FILE *out);

#endif
