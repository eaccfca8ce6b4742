/*
** The push to the central results service (publish.h).
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "publish.h"
#include "tally/io.h"
#include "tally/report.h"

int cli_publish_url(const char *cmd, const char *to, char *url, size_t n)
{
    size_t len = strlen(to);
    if (strncmp(to, "http://", 7) != 0 && strncmp(to, "https://", 8) != 0) {
        cli_say(EXIT_BAD, "%s: --to takes an http:// or https:// URL, not '%s'", cmd, to);
        return -1;
    }
    while (len && to[len - 1] == '/')
        len--;
    if (snprintf(url, n, "%.*s/api/results", (int)len, to) >= (int)n) {
        cli_say(EXIT_BAD, "%s: --to is too long", cmd);
        return -1;
    }
    return 0;
}

char *cli_publish_body(const tally_result *r, const char *head, int recount, tally_error *err)
{
    json_t *o;
    char *body;
    if (tally_report_declared_json(r, head, recount, &o, err) != TALLY_OK)
        return NULL;
    body = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    if (!body)
        tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    return body;
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

int cli_publish_push(const char *url, const char *token, const char *body, unsigned attempts)
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
