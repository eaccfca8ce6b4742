/*
** tally user add|remove|list --db DB: the accounts of tally serve. A
** password is read from a file or standard input (first line), never from
** the command line, where other users of the machine could see it.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally/store.h"
#include "tally/users.h"

static const char usage[] =
    "usage: tally user add --db DB --name NAME --role ROLE [--password-file FILE]\n"
    "       tally user remove --db DB --name NAME\n"
    "       tally user list --db DB\n\n"
    "Manage who may sign in to tally serve for the count in DB. Roles:\n"
    "returning_officer, count_supervisor, counting_assistant, candidate,\n"
    "election_agent, counting_agent (docs/api.md says what each may do). The\n"
    "password (12 to 1024 bytes) is the first line of --password-file, or of\n"
    "standard input; it is kept only as an Argon2id hash.\n\n"
    "Exit status: 0 done, 2 bad input or usage.\n";

static int read_password(const char *file, char *buf, size_t n)
{
    FILE *f = file ? fopen(file, "r") : stdin;
    size_t len;
    if (!f)
        return -1;
    if (!fgets(buf, (int)n, f)) {
        if (file)
            fclose(f);
        return -1;
    }
    if (file)
        fclose(f);
    len = strcspn(buf, "\r\n");
    buf[len] = '\0';
    return 0;
}

static void print_user(void *ctx, const char *name, const char *role)
{
    (void)ctx;
    printf("%-30s %s\n", name, role);
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "name", required_argument, NULL, 'n' },
        { "role", required_argument, NULL, 'r' },
        { "password-file", required_argument, NULL, 'p' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *name = NULL, *role = NULL, *pwfile = NULL, *verb;
    char password[TALLY_PASSWORD_MAX + 2];
    tally_log *log;
    tally_error err;
    tally_status s;
    int c;

    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_BAD;
    }
    verb = argv[1];
    optind = 1;
    while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'n': name = optarg; break;
        case 'r': role = optarg; break;
        case 'p': pwfile = optarg; break;
        default: fputs(usage, stderr); return EXIT_BAD;
        }
    }
    if (!db || optind != argc - 1 ||
        (strcmp(verb, "add") == 0 && (!name || !role)) ||
        (strcmp(verb, "remove") == 0 && !name) ||
        (strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0 && strcmp(verb, "list") != 0)) {
        fputs(usage, stderr);
        return EXIT_BAD;
    }
    if (strcmp(verb, "add") == 0 && read_password(pwfile, password, sizeof password) != 0)
        return cli_say(EXIT_BAD, "no password: give it on the first line of %s",
                       pwfile ? pwfile : "standard input");
    tally_error_clear(&err);
    if (tally_log_open(db, 0, &log, &err) != TALLY_OK)
        return cli_fail(&err);
    if (strcmp(verb, "add") == 0)
        s = tally_user_add(log, name, role, password, &err);
    else if (strcmp(verb, "remove") == 0)
        s = tally_user_remove(log, name, &err);
    else
        s = tally_user_list(log, print_user, NULL, &err);
    memset(password, 0, sizeof password);
    tally_log_close(log);
    return s == TALLY_OK ? EXIT_OK : cli_fail(&err);
}

const cli_command cli_cmd_user = { "user", "manage who may sign in to tally serve", usage, run,
                                   0 };
