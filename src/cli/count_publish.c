/*
** tally count publish --db DB --to URL (--token T | --token-file FILE)
** [--recount] [--retries N]: push the count's declared result to the
** central results service (docs/api.md, "Central results service").
**
** The body is the same bytes on every attempt, and the service takes the
** same head and body again as a 200 that changes nothing, so an attempt
** cut off by a network fault is repeated safely: after no answer or a 5xx,
** up to N more attempts (default 3), 1, 2, 4, ... seconds apart (at most
** 30). Exit status: 0 stored, or already stored; 1 the service refused it
** (its reason printed); 2 bad input or usage; 3 no answer, or the service
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
#include "tally/io.h"
#include "tally/report.h"

enum { EXIT_UNREACHED = 3 };

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

/* Wait before attempt `attempt` (2, 3, ...): 1, 2, 4, ... seconds, at most 30. */
static void back_off(unsigned attempt)
{
    struct timespec ts = { (time_t)(attempt - 2 >= 5 ? 30 : 1u << (attempt - 2)), 0 };
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* The answer's "error", or the whole body when it has none. */
static void say_refusal(const char *url, long status, const char *answer)
{
    json_t *a = json_loads(answer, 0, NULL);
    const char *e = json_string_value(json_object_get(a, "error"));
    cli_say(EXIT_CHECK, "%s: refused (%ld): %s", url, status, e ? e : answer);
    json_decref(a);
}

static int push(const char *url, const char *token, const char *body, unsigned attempts)
{
    tally_error err;
    long status = 0;
    char *answer = NULL;

    for (unsigned i = 1; i <= attempts; i++) {
        tally_status st;
        if (i > 1)
            back_off(i);
        free(answer);
        answer = NULL;
        tally_error_clear(&err);
        st = tally_io_http_post_json(url, token, body, strlen(body), &status, &answer, &err);
        if (st == TALLY_OK && status < 500)
            break;
        if (st != TALLY_OK && st != TALLY_EIO) {
            free(answer);
            return cli_fail(&err);
        }
    }
    if (!answer || status >= 500) {
        if (answer)
            cli_say(EXIT_UNREACHED, "%s: the service failed (%ld) after %u attempts; nothing "
                    "is known to be stored: run again", url, status, attempts);
        else
            cli_say(EXIT_UNREACHED, "%s: no answer after %u attempts (%s); nothing is known "
                    "to be stored: run again", url, attempts, err.message);
        free(answer);
        return EXIT_UNREACHED;
    }
    if (status == 200 || status == 201) {
        json_t *a = json_loads(answer, 0, NULL);
        printf("%s %s seq %lld head %s\n",
               status == 201 ? json_string_value(json_object_get(a, "outcome"))
                             : "already stored:",
               json_string_value(json_object_get(a, "constituency")),
               (long long)json_integer_value(json_object_get(a, "seq")),
               json_string_value(json_object_get(a, "head")));
        json_decref(a);
        free(answer);
        return EXIT_OK;
    }
    say_refusal(url, status, answer);
    free(answer);
    return EXIT_CHECK;
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
    json_t *o;

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
    if (strncmp(to, "http://", 7) != 0 && strncmp(to, "https://", 8) != 0)
        return cli_say(EXIT_BAD, "count publish: --to takes an http:// or https:// URL, not '%s'",
                       to);
    {
        size_t n = strlen(to);
        while (n && to[n - 1] == '/')
            n--;
        if (snprintf(url, sizeof url, "%.*s/api/results", (int)n, to) >= (int)sizeof url)
            return cli_say(EXIT_BAD, "count publish: --to is too long");
    }
    tally_error_clear(&err);
    if (tally_log_open(db, 0, &log, &err) != TALLY_OK)
        return cli_fail(&err);
    if (tally_count_get_phase(tally_log_count(log)) != TALLY_PHASE_DECLARED) {
        tally_log_close(log);
        return cli_say(EXIT_BAD, "%s: the result has not been declared", db);
    }
    tally_log_head(log, head);
    if (tally_count_result(tally_log_count(log), &r, &err) != TALLY_OK ||
        tally_report_declared_json(r, head, recount, &o, &err) != TALLY_OK) {
        tally_log_close(log);
        return cli_fail(&err);
    }
    body = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    tally_log_close(log);
    if (!body)
        return cli_say(EXIT_BAD, "out of memory");
    rc = push(url, token, body, (unsigned)retries + 1);
    free(body);
    return rc;
}
