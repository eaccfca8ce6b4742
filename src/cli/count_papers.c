/*
** tally count import-papers: the papers of one box of an STV count from
** its ballot file (BLT), checked against the count's candidates and the
** box's verified figure, and stored with their papers_imported event in
** one durable transaction (tally_log_import_papers, store.h).
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "count_cli.h"
#include "tally/alloc.h"
#include "tally/blt.h"
#include "tally/io.h"
#include "tally/store.h"

static const char usage[] =
    "usage: tally count import-papers --db DB --box ID --file FILE.blt [--strict]\n"
    "                                 [--actor NAME]\n\n"
    "Import the papers of a verified box of an STV count (event \"papers_imported\",\n"
    "docs/count.md) from a BLT ballot file: its candidates must be the count's, by\n"
    "name and in ballot order, and its papers as many as the box's verified figure.\n"
    "The papers are stored with the event, which carries their number and the\n"
    "SHA-256 of their canonical form.\n\n"
    "  --box ID      the box, received and verified\n"
    "  --file FILE   the box's ballot file (BLT); read as councils publish them\n"
    "                unless --strict\n"
    "  --strict      refuse what strict BLT does not allow\n"
    "  --db DB       the count's database\n"
    "  --actor NAME  who does it (default $TALLY_ACTOR, then $USER)\n\n"
    "Prints \"committed SEQ HASH\" once the event is durable. Exit status: 0 done,\n"
    "2 refused or bad input (nothing is stored).\n";

static void warn(void *ctx, const tally_error *w)
{
    (void)ctx;
    fprintf(stderr, "tally: %s:%d:%d: warning: %s\n", w->file, w->line, w->column, w->message);
}

int count_run_import_papers(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "box", required_argument, NULL, 'b' },
        { "file", required_argument, NULL, 'f' },
        { "actor", required_argument, NULL, 'a' },
        { "strict", no_argument, NULL, 'S' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *box = NULL, *file = NULL, *actor = NULL, *cmd = "count import-papers";
    tally_blt_options bo = { 1, warn, NULL };
    const tally_election *e;
    tally_log *log;
    tally_error err;
    char *text = NULL, when[TALLY_TIME_MAX], hash[TALLY_HASH_HEX];
    size_t len;
    int64_t papers;
    uint64_t seq;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    optind = 1;
    while ((c = cli_getopt(cmd, argc, argv, opts)) != -1) {
        const char **slot = c == 'd' ? &db : c == 'b' ? &box : c == 'f' ? &file
                            : c == 'a' ? &actor : NULL;
        if (c == 'S') {
            bo.lenient = 0;
            continue;
        }
        if (!slot)
            return EXIT_BAD;
        if (*slot)
            return cli_say(EXIT_BAD, "%s: --%s is given twice", cmd,
                           c == 'd' ? "db" : c == 'b' ? "box" : c == 'f' ? "file" : "actor");
        *slot = optarg;
    }
    if (cli_no_more(cmd, argc, argv) != 0)
        return EXIT_BAD;
    if (!db || !box || !file)
        return cli_say(EXIT_BAD, "%s: needs --%s (see tally %s --help)", cmd,
                       !db ? "db" : !box ? "box" : "file", cmd);
    if (!*db || !*box || !*file)
        return cli_say(EXIT_BAD, "%s: --%s needs a value", cmd,
                       !*db ? "db" : !*box ? "box" : "file");
    if (!cli_utf8_valid(box))
        return cli_say(EXIT_BAD, "%s: --box: the id is not valid UTF-8", cmd);
    if (actor && (rc = count_check_actor(actor)) != EXIT_OK)
        return rc;
    tally_error_clear(&err);
    if (tally_log_open(db, 0, &log, &err) != TALLY_OK)
        return cli_fail(&err);
    if (!(e = tally_count_election(tally_log_count(log)))) {
        tally_log_close(log);
        return cli_say(EXIT_BAD, "%s: the count has not been opened", db);
    }
    if (!tally_count_is_stv(tally_log_count(log))) {
        tally_log_close(log);
        return cli_say(EXIT_BAD, "%s: papers are imported in an STV count; this count is first "
                                 "past the post, counted in bundles", db);
    }
    tally_error_clear(&err);
    if (tally_io_blt_papers(file, &bo, e, &text, &len, &papers, &err) != TALLY_OK) {
        tally_log_close(log);
        return cli_fail(&err);
    }
    tally_log_time_now(when);
    tally_error_clear(&err);
    if (tally_log_import_papers(log, box, "blt", text, len, when, count_actor(actor), &seq,
                                hash, &err) != TALLY_OK)
        rc = cli_say(EXIT_BAD, "event refused: %s", err.message);
    else {
        printf("committed %llu %s\n", (unsigned long long)seq, hash);
        fflush(stdout);
        rc = EXIT_OK;
    }
    tally_free(text);
    tally_log_close(log);
    return rc;
}
