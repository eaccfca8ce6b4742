/*
** What makes a stored event durable beyond SQLite's own commit: the
** directory entry of a new count database, and the WAL a killed process
** left written but not yet synced.
**
** SQLite (unix VFS) syncs the directory when it creates a journal or a WAL,
** never when it creates the database file itself; tally syncs it once the
** new database holds its schema, before any event can be acknowledged.
*/
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

tally_status store_sync_dir(const char *path, tally_error *err)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    int fd, rc;

    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) < sizeof dir)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "path too long");
    if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "cannot open its directory: %s",
                               strerror(errno));
    rc = fsync(fd);
    /* Some file systems cannot sync a directory (EINVAL); SQLite ignores
    ** that too. */
    if (rc != 0 && errno != EINVAL) {
        int e = errno;
        close(fd);
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "cannot sync its directory: %s",
                               strerror(e));
    }
    close(fd);
    return TALLY_OK;
}

/* A process killed after writing a commit to the WAL but before syncing it
** leaves that commit readable by the next process, though it may not be on
** the disk yet. Syncing the WAL makes everything this connection reads
** durable; the main database file needs no sync, since a checkpoint syncs
** it before the WAL frames it copied can be overwritten. */
tally_status store_sqlite_sync(sqlite3 *db, tally_error *err)
{
    sqlite3_file *wal = NULL;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK)
        return tally_error_set(err, TALLY_EIO, sqlite3_db_filename(db, "main"), 0, 0,
                               "cannot find the WAL to sync");
    if (wal && wal->pMethods && wal->pMethods->xSync(wal, SQLITE_SYNC_FULL) != SQLITE_OK)
        return tally_error_set(err, TALLY_EIO, sqlite3_db_filename(db, "main"), 0, 0,
                               "cannot sync the WAL");
    return TALLY_OK;
}
