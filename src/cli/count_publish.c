/*
** tally count publish --db DB --to URL (--token T | --token-file FILE)
** [--recount] [--retries N]: push the count's declared result to the
** central results service (docs/api.md, "Central results service"),
** through cli_publish_push (publish.h): after no answer or a 5xx, up to N
** more attempts (default 3). Exit status: 0 stored, or already stored; 1
** the service refused it (its reason printed); 2 bad input or usage; 3 no
** answer, or the service
** failed, on the last attempt: nothing is known to be stored, and running
** the same command again is safe.
*/
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "count_cli.h"
#include "publish.h"
#include "tally/io.h"
#include "tally/report.h"

static const char usage[] =
    "usage: tally count publish --db DB --to URL (--token T | --token-file FILE)\n"
    "                           [--recount] [--retries N]\n\n"
    "Push the declared result of the count in DB to the central results service at\n"
    "URL (its base, as http://results.example:8080), with the constituency's bearer\n"
    "token (tally central token), given or read from the first line of FILE.\n"
    "--recount: this result replaces the one published before, from a recount\n"
    "with a new head. After no answer or a server error the same body is sent\n"
    "again, up to N more times (default 3): the service stores it once.\n\n"
    "Exit status: 0 stored or already stored, 1 refused by the service, 2 bad\n"
    "input or usage, 3 the service did not answer (safe to run again).\n";

static int read_token(const char *file, char *buf, size_t n)
{
    FILE *f = fopen(file, "r");
    int ok = f && fgets(buf, (int)n, f) != NULL;
    if (f)
        fclose(f);
    if (!ok)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

int count_run_publish(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "to", required_argument, NULL, 't' },
        { "token", required_argument, NULL, 'k' },
        { "token-file", required_argument, NULL, 'f' },
        { "recount", no_argument, NULL, 'r' },
        { "retries", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *to = NULL, *token = NULL, *token_file = NULL;
    unsigned long long retries = 3;
    char tokbuf[256], url[2048], head[TALLY_HASH_HEX], *body;
    int recount = 0, c, rc;
    const tally_result *r;
    tally_log *log;
    tally_error err;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    optind = 1;
    while ((c = cli_getopt("count publish", argc, argv, opts)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 't')
            to = optarg;
        else if (c == 'k')
            token = optarg;
        else if (c == 'f')
            token_file = optarg;
        else if (c == 'r')
            recount = 1;
        else if (c == 'n') {
            if (cli_parse_u64(optarg, &retries) != 0 || retries > 100)
                return cli_say(EXIT_BAD, "count publish: --retries takes 0 to 100, not '%s'",
                               optarg);
        } else
            return EXIT_BAD;
    }
    if (cli_no_more("count publish", argc, argv) != 0)
        return EXIT_BAD;
    if (!db || !to || (!token == !token_file))
        return cli_say(EXIT_BAD, "count publish: needs --db, --to and one of --token or "
                       "--token-file (see tally count publish --help)");
    if (token_file && read_token(token_file, tokbuf, sizeof tokbuf) != 0)
        return cli_say(EXIT_BAD, "%s: cannot read a token from it", token_file);
    if (token_file)
        token = tokbuf;
    if (cli_publish_url("count publish", to, url, sizeof url) != 0)
        return EXIT_BAD;
    tally_error_clear(&err);
    if (tally_log_open(db, 0, &log, &err) != TALLY_OK)
        return cli_fail(&err);
    if (tally_count_get_phase(tally_log_count(log)) != TALLY_PHASE_DECLARED) {
        tally_log_close(log);
        return cli_say(EXIT_BAD, "%s: the result has not been declared", db);
    }
    tally_log_head(log, head);
    if (tally_count_result(tally_log_count(log), &r, &err) != TALLY_OK ||
        !(body = cli_publish_body(r, head, recount, &err))) {
        tally_log_close(log);
        return cli_fail(&err);
    }
    tally_log_close(log);
    rc = cli_publish_push(url, token, body, (unsigned)retries + 1);
    free(body);
    return rc;
}
