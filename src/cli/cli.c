/*
** Shared plumbing for the tally subcommands (src/cli/cli.h).
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    size_t len = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2
                 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0; /* overlong, surrogate or past U+10FFFF */
    return len;
}

/* The message as one line of text: a control character or a byte that is
** not UTF-8 (from a name or a path given on the command line) is written
** as an escape, so that the error is one line and the terminal shows it. */
static void put_line(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    fputs("tally: ", stderr);
    while (n > 0) {
        size_t len = utf8_seq(p, n);
        if (len == 1 && *p == '\n')
            fputs("\\n", stderr);
        else if (len == 1 && *p == '\t')
            fputs("\\t", stderr);
        else if (len == 0 || (len == 1 && (*p < 0x20 || *p == 0x7F)))
            fprintf(stderr, "\\x%02x", *p);
        else
            fwrite(p, 1, len, stderr);
        len = len ? len : 1;
        p += len;
        n -= len;
    }
    fputc('\n', stderr);
}

int cli_fail(const tally_error *err)
{
    char line[TALLY_ERROR_FILE_MAX + TALLY_ERROR_MSG_MAX + 32];
    tally_error_format(err, line, sizeof line);
    put_line(line);
    return EXIT_BAD;
}

int cli_say(int code, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    put_line(line);
    return code;
}

int cli_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n > 0) {
        size_t len = utf8_seq(p, n);
        if (len == 0)
            return 0;
        p += len;
        n -= len;
    }
    return 1;
}

int cli_json_fail(const char *what, const json_error_t *jerr)
{
    /* jansson counts the column to the last character of the token it
    ** names ("... near 'xyz'"); the fault is where the token starts. */
    const char *near = strstr(jerr->text, " near '");
    int col = jerr->column;
    if (near && jerr->text[strlen(jerr->text) - 1] == '\'') {
        const char *tok = near + 7, *end = jerr->text + strlen(jerr->text) - 1;
        if (!memchr(tok, '\n', (size_t)(end - tok)))
            for (const char *p = tok; p < end; p++)
                col -= (*p & 0xC0) != 0x80; /* characters, as jansson counts */
        col += 1;
    }
    return cli_say(EXIT_BAD, "%s:%d:%d: %s", what, jerr->line > 0 ? jerr->line : 1,
                   col > 0 ? col : 1, jerr->text);
}

int cli_getopt(const char *cmd, int argc, char **argv, const struct option *opts)
{
    int c, i = optind;
    opterr = 0;
    c = getopt_long(argc, argv, ":", opts, NULL);
    if (c == '?' || c == ':') {
        /* optind has moved past the option, or onto its missing value. */
        const char *arg = argv[optind - 1 < i ? i : optind - 1];
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
        if (c == ':')
            cli_say(EXIT_BAD, "%s: %s needs a value", cmd, name);
        else if (strncmp(arg, "--", 2) != 0 && optopt)
            cli_say(EXIT_BAD, "%s: unknown option '-%c' (see tally %s --help)", cmd, optopt, cmd);
        else
            cli_say(EXIT_BAD, "%s: unknown option '%s' (see tally %s --help)", cmd, name, cmd);
        return '?';
    }
    return c;
}

int cli_no_more(const char *cmd, int argc, char **argv)
{
    if (optind >= argc)
        return 0;
    cli_say(EXIT_BAD, "%s: unexpected argument '%s' (see tally %s --help)", cmd, argv[optind],
            cmd);
    return -1;
}

int cli_out_open(cli_out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    return o->f ? 0 : cli_say(EXIT_BAD, "out of memory");
}

void cli_out_discard(cli_out *o)
{
    if (o->f)
        fclose(o->f);
    free(o->buf);
    o->f = NULL;
    o->buf = NULL;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int cli_out_commit(cli_out *o, const char *path)
{
    char tmp[4096];
    int fd, rc = 0;

    if (fclose(o->f) != 0) {
        o->f = NULL;
        cli_out_discard(o);
        return cli_say(EXIT_BAD, "out of memory");
    }
    o->f = NULL;
    if (!path) {
        if (fwrite(o->buf, 1, o->len, stdout) != o->len || fflush(stdout) != 0)
            rc = cli_say(EXIT_BAD, "cannot write standard output: %s", strerror(errno));
        cli_out_discard(o);
        return rc;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        rc = cli_say(EXIT_BAD, "%s: cannot create: %s", path, strerror(errno));
    } else if (write_all(fd, o->buf, o->len) != 0 || fsync(fd) != 0) {
        rc = cli_say(EXIT_BAD, "%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
    } else if (close(fd) != 0 || rename(tmp, path) != 0) {
        rc = cli_say(EXIT_BAD, "%s: cannot write: %s", path, strerror(errno));
        unlink(tmp);
    }
    cli_out_discard(o);
    return rc;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

int cli_draw_seed(unsigned long long *seed)
{
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = 0;
    if (f) {
        got = fread(seed, sizeof *seed, 1, f);
        fclose(f);
    }
    return got == 1 ? 0 : -1;
}

int cli_parse_u64(const char *s, unsigned long long *out)
{
    char *end;
    if (!s || *s < '0' || *s > '9') /* strtoull takes spaces, signs and wraps negatives */
        return -1;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return errno || *end ? -1 : 0;
}
