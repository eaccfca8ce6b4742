/*
** tally: renderers of a computed result.
**
** Renderers only translate: every figure comes from tally_result
** (result.h); none is computed here. Output is deterministic: the same
** result gives the same bytes.
**
**   text  the declaration notice in the customary UK form, then a summary
**   json  the result object documented in docs/formats.md
**   csv   one row per candidate, with a header row
**   html  one self-contained page: result table, SVG charts of votes and
**         of change in share
**   pdf   the declaration notice on A4 (cairo and pango), the table of
**         candidates and the statement of rejected papers
**
** Ownership: renderers borrow the result and write to a caller's FILE.
*/
#ifndef TALLY_REPORT_H
#define TALLY_REPORT_H

#include <stdio.h>

#include "tally/count.h"
#include "tally/result.h"
#include "tally/status.h"

struct json_t;

typedef enum tally_report_format {
    TALLY_REPORT_TEXT = 0,
    TALLY_REPORT_JSON,
    TALLY_REPORT_CSV,
    TALLY_REPORT_HTML,
    TALLY_REPORT_PDF
} tally_report_format;

/* "text", "json", "csv", "html", "pdf"; TALLY_ENOTFOUND otherwise. */
tally_status tally_report_format_parse(const char *name, tally_report_format *out);

tally_status tally_report_write(const tally_result *r, tally_report_format fmt, FILE *out);

tally_status tally_report_text(const tally_result *r, FILE *out);
tally_status tally_report_csv(const tally_result *r, FILE *out);
tally_status tally_report_html(const tally_result *r, FILE *out);
/* The same page, loading the script at script_path (a live page's
** updater) after the content. */
tally_status tally_report_html_live(const tally_result *r, const char *script_path, FILE *out);
tally_status tally_report_json(const tally_result *r, FILE *out);
/* The declaration notice as PDF. created is the document's creation date,
** ISO 8601 ("2021-07-02T03:14:00Z": the declaration's time), or NULL for
** none; never the clock, so the same inputs give the same bytes.
** tally_report_write() gives NULL. TALLY_EIO when out fails; TALLY_ENOTFOUND
** when the drawing module (tally-pdf.so, beside tally) cannot be loaded. */
tally_status tally_report_pdf(const tally_result *r, const char *created, FILE *out);
/* The statement of rejected ballot papers (PER r.47) for election e as PDF:
** papers[h] rejected under head h of e's contest type and objected[h] of
** them whose rejection was objected to, one entry per head
** (tally_contest_info.n_heads). created and the statuses as for
** tally_report_pdf(). */
tally_status tally_report_rejected_pdf(const tally_election *e, const int64_t *papers,
                                       const int64_t *objected, const char *created, FILE *out);
/* The same statement as text, from the same notice as the PDF. */
tally_status tally_report_rejected_text(const tally_election *e, const int64_t *papers,
                                        const int64_t *objected, FILE *out);

/* The declaration of an STV count c as text, r its method's result: the
** elected in order of election, the valid and rejected papers, the stage
** report. */
struct tally_method_result;
tally_status tally_report_stv_declaration_text(const tally_count *c,
                                               const struct tally_method_result *r, FILE *out);

/* The count's verification statement (PER r.45) as text. */
tally_status tally_report_verification_text(const tally_count *c, FILE *out);

/* The public page of a count not yet declared: its progress in words, no
** figures; loads script_path (may be NULL) to follow the count. */
tally_status tally_report_progress_html(const tally_count *c, const char *script_path,
                                        FILE *out);

/* The CSV header row and one contest's rows, for renderers of many
** contests. */
void tally_report_csv_header(FILE *out);
tally_status tally_report_csv_rows(const tally_result *r, FILE *out);

/* Write any JSON document as tally writes its own: two-space indent, keys
** in the order given, a final newline. The command line and the server
** both use it, so what each prints is the same bytes. */
tally_status tally_report_json_value(const struct json_t *v, FILE *out);

/* The JSON result object (a new reference the caller owns and releases
** with json_decref()), for renderers that embed it. */
tally_status tally_report_json_object(const tally_result *r, struct json_t **out);

/* The declared result as a count centre publishes it to the central
** results service (national.h): taken from tally_report_json_object(), so
** every figure is the declaration's own, with the count's head hash and,
** for a recount that replaces an earlier declaration, "recount": true.
** TALLY_EINVAL when the result cannot be published: no constituency code
** (the area's "code"), uncontested, or figures missing. A new reference. */
tally_status tally_report_declared_json(const tally_result *r, const char *head, int recount,
                                        struct json_t **out, tally_error *err);

/* The national picture of tally_national_json (national.h) as CSV: a
** header row (party, name, seats, gains, losses, net, votes,
** previous_votes, share_percent, change_points) and one row per party, in
** its order; docs/api.md gives the columns. */
tally_status tally_report_national_csv(const struct json_t *national, FILE *out);

/* The count's status document (tally_count_status_json() in count.h) with
** its "result", once declared, in the schema of `tally result --format
** json`: what `tally count status --format json` and /api/status give. A
** new reference the caller owns. */
tally_status tally_report_count_status(tally_count *c, struct json_t **out);

#endif
