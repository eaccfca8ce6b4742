/*
** The readers behind tally_cvr_source_read (cvr_source.h), one per CVR
** provider, and what they share. Internal to io/.
**
** Each reads src onto the configuration's n candidates and adds its papers
** to `into` (n + 1 candidates, the last the undeclared write-ins), with
** the errors cvr_source.h gives.
*/
#ifndef TALLY_IO_CVR_PROVIDER_H
#define TALLY_IO_CVR_PROVIDER_H

#include "cvr_marks.h"
#include "tally/cvr_nist.h"
#include "tally/cvr_source.h"

struct csv_reader;

/* The configuration's index of a name a CVR uses: candidate i's name or
** alias gives i, the undeclared write-in label n; -1 for none. */
long tally_cvr_config_index(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                            size_t n, const char *name);

/* The CSV providers' frame (cvr_rows.c). Read path as a CSV (csv.h, at
** most CSV_MAX_FIELDS columns): header gets its first record, row each
** record after it; a record of another width than the header's is an
** error at its line. Either callback's status other than TALLY_OK stops
** the read and is returned. */
typedef tally_status (*tally_cvr_row_fn)(struct csv_reader *c, void *ctx, tally_error *err);
tally_status tally_cvr_rows(const char *path, tally_cvr_row_fn header, tally_cvr_row_fn row,
                            void *ctx, tally_error *err);
/* A paper's marks[0..n) (n <= CSV_MAX_FIELDS) into the pool by the rules
** (cvr_marks.h); line names the record in an error. */
tally_status tally_cvr_rows_paper(tally_cvr_mark *marks, size_t n, const tally_cvr_mark_rules *mr,
                                  tally_pool *into, const char *path, int line,
                                  tally_error *err);

/* A NIST SP 1500-103 report already parsed into the JSON binding's tree
** (from XML, cdf_xml.h; tree borrowed), as tally_cvr_nist_parse reads
** its text (cvr_nist.c); faults name the tree's lines, column 0. */
struct json_t;
tally_status tally_cvr_nist_tree(struct json_t *tree, const char *name,
                                 const tally_cvr_nist_options *opt, tally_pool **out,
                                 tally_error *err);

/* Dominion: a folder of CvrExport*.json and its manifests (cvr_dominion.c). */
tally_status tally_cvr_dominion_read(const tally_cvr_source *src,
                                     const tally_cvr_candidate *cands, size_t n,
                                     const tally_irv_options *rules, tally_pool *into,
                                     tally_error *err);

/* Clear Ballot ClearVote: one CSV of choice columns (cvr_clearballot.c). */
tally_status tally_cvr_clearballot_read(const tally_cvr_source *src,
                                        const tally_cvr_candidate *cands, size_t n,
                                        const tally_irv_options *rules, tally_pool *into,
                                        tally_error *err);

/* RCTab's generic CSV: a column per candidate holding ranks (cvr_generic.c). */
tally_status tally_cvr_generic_read(const tally_cvr_source *src,
                                    const tally_cvr_candidate *cands, size_t n,
                                    const tally_irv_options *rules, tally_pool *into,
                                    tally_error *err);

/* Hart: a folder of one XML record per paper (cvr_hart.c). */
tally_status tally_cvr_hart_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                                 size_t n, const tally_irv_options *rules, tally_pool *into,
                                 tally_error *err);

/* ES&S: the first worksheet of an .xlsx export (cvr_ess.c). */
tally_status tally_cvr_ess_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                                size_t n, const tally_irv_options *rules, tally_pool *into,
                                tally_error *err);

#endif
