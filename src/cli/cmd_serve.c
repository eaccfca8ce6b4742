/*
** tally serve --db DB [--listen ADDR:PORT] [--trusted-proxy ADDR]
** [--heartbeat SECONDS]: serve a count over HTTP until interrupted (SIGINT
** or SIGTERM).
*/
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tally/server.h"

static const char usage[] =
    "usage: tally serve --db DB [--listen ADDR:PORT] [--trusted-proxy ADDR]\n"
    "                   [--heartbeat SECONDS]\n\n"
    "Serve the count in DB over HTTP (docs/api.md): the public result page, live,\n"
    "and its JSON. Listens on 127.0.0.1:8080 unless told otherwise; port 0 picks a\n"
    "free port. Prints \"serving DB at http://ADDR:PORT/\" once it is listening, then\n"
    "one line per sign-in and sign-out, and runs until interrupted.\n\n"
    "  --trusted-proxy ADDR  the address of a TLS-terminating reverse proxy: from\n"
    "                        that peer only, X-Forwarded-Proto: https makes the\n"
    "                        session cookie Secure (and sends HSTS), and\n"
    "                        X-Forwarded-For names the client\n"
    "  --heartbeat SECONDS   a caught-up GET /api/events stream with nothing to\n"
    "                        send gets a heartbeat comment every SECONDS (15\n"
    "                        unless told; 1 to 86400)\n\n"
    "Exit status: 0 stopped, 2 bad input or usage.\n";

/* cli.h: parse ADDR:PORT, start, say where, serve until a signal. */
int cli_serve(tally_server_options *so, const char *listen, const char *what)
{
    const char *colon;
    char host[128];
    unsigned long long port;
    tally_server *srv;
    tally_error err;
    sigset_t set;
    int sig;

    /* "127.0.0.1:8080", "[::1]:8080" */
    colon = strrchr(listen, ':');
    if (!colon || colon == listen || cli_parse_u64(colon + 1, &port) != 0 || port > 65535)
        return cli_say(EXIT_BAD, "--listen takes ADDR:PORT, not '%s'", listen);
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        memmove(host, host + 1, strlen(host));
        host[strlen(host) - 1] = '\0';
    }
    so->host = host;
    so->port = (uint16_t)port;

    /* Block the signals before threads start, then wait for one. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    tally_error_clear(&err);
    if (tally_server_start(so, &srv, &err) != TALLY_OK)
        return cli_fail(&err);
    printf("serving %s at http://%s%s%s:%u/\n", what, strchr(host, ':') ? "[" : "", host,
           strchr(host, ':') ? "]" : "", (unsigned)tally_server_port(srv));
    fflush(stdout);
    sigwait(&set, &sig);
    tally_server_stop(srv);
    return EXIT_OK;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "listen", required_argument, NULL, 'l' },
        { "trusted-proxy", required_argument, NULL, 'p' },
        { "heartbeat", required_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *listen = "127.0.0.1:8080", *proxy = NULL;
    tally_server_options so = { 0 };
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'l')
            listen = optarg;
        else if (c == 'p')
            proxy = optarg;
        else if (c == 'h') {
            unsigned long long n;
            if (cli_parse_u64(optarg, &n) != 0 || n < 1 || n > 86400)
                return cli_say(EXIT_BAD, "serve: --heartbeat takes seconds, 1 to 86400");
            so.heartbeat = (unsigned)n;
        }
        else {
            fputs(usage, stderr);
            return EXIT_BAD;
        }
    }
    if (!db || optind != argc) {
        fputs(usage, stderr);
        return EXIT_BAD;
    }
    so.db = db;
    so.trusted_proxy = proxy;
    return cli_serve(&so, listen, db);
}

const cli_command cli_cmd_serve = { "serve", "serve a count and its result over HTTP", usage,
                                    run, 0 };
