/*
** A new count is made whole or not at all. The database is built in a
** fresh directory beside the path asked for (so on the same file system),
** its first event appended and the file closed, which folds SQLite's
** write-ahead log into it; only then is it linked at the path. link()
** never replaces a file, so a count made meanwhile by another process is
** not overwritten, and a refused first event, a failed store or a crash
** leaves nothing at the path (a crash may leave the "DB.new.XXXXXX"
** directory, which nothing reads).
*/
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "count_cli.h"

int count_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 || errno != ENOENT;
}

/* The new name must survive a crash of the machine as the event does. */
static int sync_parent(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    int fd, rc;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int count_create(const char *db, const json_t *ev, const char *when, const char *actor,
                 uint64_t *seq, char hash[TALLY_HASH_HEX])
{
    char dir[PATH_MAX], tmp[PATH_MAX + 16];
    tally_log *log;
    tally_error err;
    int rc = EXIT_OK;

    if (snprintf(dir, sizeof dir, "%s.new.XXXXXX", db) >= (int)sizeof dir)
        return cli_say(EXIT_BAD, "%s: cannot create: the path is too long", db);
    if (!mkdtemp(dir))
        return cli_say(EXIT_BAD, "%s: cannot create: %s", db, strerror(errno));
    snprintf(tmp, sizeof tmp, "%s/count.db", dir);
    tally_error_clear(&err);
    if (tally_log_open(tmp, 1, &log, &err) != TALLY_OK) {
        rc = cli_say(EXIT_BAD, "%s: cannot create: %s", db, err.message);
    } else {
        if (tally_log_append(log, ev, when, actor, seq, hash, &err) != TALLY_OK)
            rc = cli_say(EXIT_BAD, "event refused: %s", err.message);
        tally_log_close(log);
    }
    if (rc == EXIT_OK) {
        char wal[PATH_MAX + 32];
        snprintf(wal, sizeof wal, "%s-wal", tmp);
        if (count_exists(wal))
            rc = cli_say(EXIT_BAD, "%s: cannot create: the log was not folded into the file", db);
        else if (link(tmp, db) != 0)
            rc = cli_say(EXIT_BAD, "%s: cannot create: %s", db, strerror(errno));
        else if (sync_parent(db) != 0)
            rc = cli_say(EXIT_BAD, "%s: cannot make the new count durable: %s", db,
                         strerror(errno));
    }
    {
        static const char *const ends[] = { "", "-wal", "-shm", "-journal" };
        char f[PATH_MAX + 32];
        for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
            snprintf(f, sizeof f, "%s%s", tmp, ends[i]);
            unlink(f);
        }
        rmdir(dir);
    }
    return rc;
}
