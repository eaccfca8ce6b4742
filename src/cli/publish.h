/*
** Pushing a declared result to the central results service (docs/api.md,
** "Central results service"): the one HTTP publish path, taken by
** `tally count publish` (count_publish.c) and by each count centre of
** `tally central simulate` (central_simulate.c). Internal to cli/.
*/
#ifndef TALLY_CLI_PUBLISH_H
#define TALLY_CLI_PUBLISH_H

#include <stddef.h>

#include "tally/result.h"

/* Exit status: no answer, or a server error, on the last attempt. */
enum { EXIT_UNREACHED = 3 };

/* The push URL, "BASE/api/results", from the service's base URL `to`
** (http:// or https://, trailing slashes dropped); 0, or -1 with the
** reason printed as one line under cmd's name. */
int cli_publish_url(const char *cmd, const char *to, char *url, size_t n);

/* The body of a push: the declared result of r (tally_report_declared_json)
** under head, as canonical JSON (keys sorted, compact), which is what the
** service stores and compares; the caller's to free(), or NULL with err set. */
char *cli_publish_body(const tally_result *r, const char *head, int recount, tally_error *err);

/* POST body to url with the bearer token, up to `attempts` times: again
** after no answer or a 5xx, 1, 2, 4, ... seconds apart (at most 30). The
** body is the same bytes each time, and the service takes the same head
** and body again as a retry, so this is safe. Prints
** "declared|recount|already stored: ID seq N head H" on standard output
** (one write, so lines from several threads do not mix). Returns 0 stored
** or already stored, 1 refused (its reason printed), 3 unreached. May be
** called from several threads at once once the HTTP module is loaded (a
** first call has returned). */
int cli_publish_push(const char *url, const char *token, const char *body, unsigned attempts);

#endif
