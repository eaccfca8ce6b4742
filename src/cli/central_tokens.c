/*
** tally central token --pg URL --from-uk-parliament DIR: a token for
** every constituency of a UK Parliament results layout, registering those
** that are new, in one connection (one process per constituency would take
** a minute for a general election). Prints "ID TOKEN" a line, the file
** `tally central simulate --tokens` reads. The files are read whole
** before any token is issued, so bad input issues none. Each line is
** printed as its token is committed: if the database fails part-way, the
** tokens printed are the ones in force, and running again issues all anew.
*/
#include <stdio.h>

#include "central_cli.h"
#include "cli.h"
#include "tally/central.h"
#include "tally/io.h"

int central_tokens_for(const char *pg, const char *dir)
{
    tally_contest_set *set = NULL;
    tally_central *central = NULL;
    char token[TALLY_TOKEN_HEX];
    tally_error err;
    int rc = EXIT_OK;

    tally_error_clear(&err);
    if (tally_io_read_uk_parliament(dir, NULL, &set, &err) != TALLY_OK)
        return cli_fail(&err);
    for (size_t i = 0; i < set->n; i++)
        if (!tally_constituency_code_ok(set->ids[i])) {
            rc = cli_say(EXIT_BAD, "%s: %s: a constituency code is 1 to 64 of A-Z a-z 0-9 - _",
                         dir, set->ids[i]);
            goto done;
        }
    if (tally_central_open(pg, &central, &err) != TALLY_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    for (size_t i = 0; i < set->n; i++) {
        if (tally_central_token_issue(central, set->ids[i], token, &err) != TALLY_OK) {
            rc = cli_fail(&err);
            break;
        }
        printf("%s %s\n", set->ids[i], token);
        fflush(stdout);
    }
done:
    tally_central_close(central);
    tally_contest_set_free(set);
    return rc;
}
