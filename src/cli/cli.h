/*
** The tally command: shared plumbing for the subcommands. Front door
** only: commands parse arguments, call libtally and write what it returns.
**
** Exit statuses (docs/commands.md): 0 ok, 1 a check failed, 2 bad input
** or usage.
*/
#ifndef TALLY_CLI_H
#define TALLY_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "tally/status.h"

enum { EXIT_OK = 0, EXIT_CHECK = 1, EXIT_BAD = 2 };

/* What `tally --version` prints, and reports name as their maker. */
#define CLI_VERSION "tally 0.1.0"

/* When the PDF drawing module cannot be loaded (report.h). */
#define CLI_NO_PDF "PDF needs the module tally-pdf.so beside the tally executable " \
                   "(or in the folder TALLY_MODULE_DIR names)"

typedef struct cli_command {
    const char *name;
    const char *summary;
    const char *usage;       /* full --help text */
    int (*run)(int argc, char **argv);
    int own_help;            /* subcommands answer --help themselves */
} cli_command;

extern const cli_command cli_cmd_result;
extern const cli_command cli_cmd_results;
extern const cli_command cli_cmd_count;
extern const cli_command cli_cmd_audit;
extern const cli_command cli_cmd_serve;
extern const cli_command cli_cmd_user;
extern const cli_command cli_cmd_tabulate;
extern const cli_command cli_cmd_allocate;
extern const cli_command cli_cmd_central;

struct option;
struct tally_server_options;

/* Serve with so (its host and port taken from listen, "ADDR:PORT" or
** "[V6]:PORT") until SIGINT or SIGTERM, having printed "serving WHAT at
** http://ADDR:PORT/" once listening (cmd_serve.c). Returns an exit status. */
int cli_serve(struct tally_server_options *so, const char *listen, const char *what);

/* Print "tally: <file:line:col: >message" on stderr as one line (control
** characters and bytes that are not UTF-8 escaped); returns EXIT_BAD. */
int cli_fail(const tally_error *err);
/* Print "tally: message" on stderr and return code. */
int cli_say(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Output gathered in memory, written only when complete, so that a
** failure leaves nothing half-written. */
typedef struct cli_out {
    FILE *f;       /* write here */
    char *buf;
    size_t len;
} cli_out;

int cli_out_open(cli_out *o);
/* Write the gathered bytes to path (atomically: temporary file, then
** rename) or to stdout when path is NULL; frees o. Returns 0 or EXIT_BAD. */
int cli_out_commit(cli_out *o, const char *path);
void cli_out_discard(cli_out *o);

/* True when argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

/* A seed for a lot drawn from the system's randomness: used only when an
** equality needs a lot and none was given, and then printed so that the
** lot can be repeated. 0 on success. */
int cli_draw_seed(unsigned long long *seed);

/* getopt_long with one-line errors: the next option, -1 after the last,
** or '?' once "tally: CMD: unknown option '--x'" or "--x needs a value"
** has been printed. cmd names the command for the message ("count open"). */
int cli_getopt(const char *cmd, int argc, char **argv, const struct option *opts);

/* After the options: 0 when nothing is left, else -1 once "unexpected
** argument" has been printed. */
int cli_no_more(const char *cmd, int argc, char **argv);

/* A JSON syntax error as "tally: WHAT:LINE:COLUMN: message", the column
** that of the start of the offending token; returns EXIT_BAD. */
int cli_json_fail(const char *what, const json_error_t *jerr);

/* True when s is valid UTF-8. */
int cli_utf8_valid(const char *s);

/* Parse a whole unsigned 64-bit decimal: digits only, no sign or spaces;
** 0 on success. */
int cli_parse_u64(const char *s, unsigned long long *out);

#endif
