/*
** Shared plumbing for the tally subcommands (src/cli/cli.h).
*/
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_fail(const tally_error *err)
{
    char line[TALLY_ERROR_FILE_MAX + TALLY_ERROR_MSG_MAX + 32];
    tally_error_format(err, line, sizeof line);
    fprintf(stderr, "tally: %s\n", line);
    return EXIT_BAD;
}

int cli_say(int code, const char *fmt, ...)
{
    va_list ap;
    fputs("tally: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
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
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return errno || *end ? -1 : 0;
}
