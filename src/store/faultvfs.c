/*
** A fault-injecting SQLite VFS for the crash test (tests/count/crash),
** compiled only with -DTALLY_FAULT_INJECTION=ON (the debug, asan and tsan
** presets). It wraps the default unix VFS as SQLite's own test VFSes do
** (src/test_vfstrace.c, src/test6.c), counts the calls that make a commit
** durable, and, armed by the environment
**
**     TALLY_FAULT=KIND:N[:power-loss]
**
** raises SIGKILL on the process at the Nth call of KIND made by the process:
**
**     wal-write   a write to the WAL: only the first half of it is written (a torn write)
**     wal-sync    a sync of the WAL, before it is done (a commit not yet durable)
**     wal-synced  a sync of the WAL, just after it is done (durable, not yet acknowledged)
**     db-write    a write to the main database file (a checkpoint, automatic or at close,
**                 or the creation of the file): only its first half is written
**     db-sync     a sync of the main database file, before it is done
**
** With power-loss, every write to the database file or the WAL not yet
** synced when the kill comes is undone first, and each cut back to its size
** at its last sync: what the disk would hold if the power failed at
** that moment and the drive had kept nothing unsynced (the harshest case;
** SQLite's crash VFS also draws milder ones). Limits: only this process's
** writes are undone (those of a process killed before it are taken as
** reached the disk), and directory entries are not modelled (a file created
** or deleted since its directory was last synced is kept as it is).
**
** Unarmed (TALLY_FAULT unset) the store does not use this VFS at all.
*/
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

enum { F_NONE, F_WAL_WRITE, F_WAL_SYNC, F_WAL_SYNCED, F_DB_WRITE, F_DB_SYNC, F_KINDS };
enum { FILE_DB, FILE_WAL, FILE_OTHER };

static const char *const kind_names[F_KINDS] = { "", "wal-write", "wal-sync", "wal-synced",
                                                 "db-write", "db-sync" };

/* One write (or truncation) not yet synced: the bytes it replaced. */
typedef struct undo {
    sqlite3_int64 off;
    int len;
    unsigned char *old;
} undo;

typedef struct fault_file {
    sqlite3_file base;
    sqlite3_file *real;        /* the unix VFS's file, allocated just after this */
    int type;                  /* FILE_DB, FILE_WAL, FILE_OTHER */
    struct fault_file *next;   /* the open files, for a power loss */
    undo *undo;                /* power-loss mode: writes since the last sync */
    size_t n_undo, cap_undo;
    sqlite3_int64 synced_size; /* the size at the last sync; -1 not yet read */
} fault_file;

#define FILE_HEAD ((sizeof(fault_file) + 15) & ~(size_t)15)

static struct {
    pthread_mutex_t mu;
    sqlite3_vfs *real;
    int kind;          /* what to fail */
    long long at;      /* at the at-th call of that kind */
    int power;         /* undo what is unsynced first */
    long long calls[F_KINDS];
    fault_file *open;
} g = { PTHREAD_MUTEX_INITIALIZER, NULL, F_NONE, 0, 0, { 0 }, NULL };

/* Count a call of kind k: does the fault fall on it? */
static int hits(int k)
{
    int hit;
    pthread_mutex_lock(&g.mu);
    hit = g.kind == k && ++g.calls[k] == g.at;
    pthread_mutex_unlock(&g.mu);
    return hit;
}

static void undo_clear(fault_file *f)
{
    for (size_t i = 0; i < f->n_undo; i++)
        free(f->undo[i].old);
    f->n_undo = 0;
    f->synced_size = -1;
}

/* Keep what [off, off+len) holds now, so that a power loss can put it back. */
static int undo_keep(fault_file *f, sqlite3_int64 off, int len)
{
    undo *u;
    int rc;
    if (f->synced_size < 0 && f->real->pMethods->xFileSize(f->real, &f->synced_size) != SQLITE_OK)
        return SQLITE_IOERR;
    if (f->n_undo == f->cap_undo) {
        size_t cap = f->cap_undo ? 2 * f->cap_undo : 16;
        undo *grown = realloc(f->undo, cap * sizeof *grown);
        if (!grown)
            return SQLITE_NOMEM;
        f->undo = grown;
        f->cap_undo = cap;
    }
    u = &f->undo[f->n_undo];
    if (!(u->old = malloc((size_t)len)))
        return SQLITE_NOMEM;
    u->off = off;
    u->len = len;
    rc = f->real->pMethods->xRead(f->real, u->old, len, off);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) { /* short: past the end, cut below */
        free(u->old);
        return rc;
    }
    f->n_undo++;
    return SQLITE_OK;
}

/* The kill. With power-loss, first put back every open file as it was at
** its last sync, newest write first. */
static void die(void)
{
    pthread_mutex_lock(&g.mu);
    if (g.power) {
        for (fault_file *f = g.open; f; f = f->next) {
            const sqlite3_io_methods *m = f->real->pMethods;
            for (size_t i = f->n_undo; i-- > 0;)
                m->xWrite(f->real, f->undo[i].old, f->undo[i].len, f->undo[i].off);
            if (f->synced_size >= 0)
                m->xTruncate(f->real, f->synced_size);
        }
    }
    raise(SIGKILL);
}

/*---------------------------- the file ----------------------------*/

static int f_close(sqlite3_file *file)
{
    fault_file *f = (fault_file *)file;
    int rc = f->real->pMethods->xClose(f->real);
    pthread_mutex_lock(&g.mu);
    for (fault_file **p = &g.open; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    pthread_mutex_unlock(&g.mu);
    undo_clear(f);
    free(f->undo);
    return rc;
}

static int f_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xRead(f->real, buf, amt, off);
}

static int f_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
    fault_file *f = (fault_file *)file;
    int k = f->type == FILE_WAL ? F_WAL_WRITE : f->type == FILE_DB ? F_DB_WRITE : F_NONE;
    if (g.power && f->type != FILE_OTHER) {
        int rc = undo_keep(f, off, amt);
        if (rc != SQLITE_OK)
            return rc;
    }
    if (k != F_NONE && hits(k)) {
        f->real->pMethods->xWrite(f->real, buf, amt / 2 ? amt / 2 : amt, off);
        die();
    }
    return f->real->pMethods->xWrite(f->real, buf, amt, off);
}

static int f_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    fault_file *f = (fault_file *)file;
    sqlite3_int64 now;
    if (g.power && f->type != FILE_OTHER &&
        f->real->pMethods->xFileSize(f->real, &now) == SQLITE_OK && now > size) {
        int rc = undo_keep(f, size, (int)(now - size));
        if (rc != SQLITE_OK)
            return rc;
    }
    return f->real->pMethods->xTruncate(f->real, size);
}

static int f_sync(sqlite3_file *file, int flags)
{
    fault_file *f = (fault_file *)file;
    int rc;
    if (f->type == FILE_WAL ? hits(F_WAL_SYNC) : f->type == FILE_DB && hits(F_DB_SYNC))
        die();
    rc = f->real->pMethods->xSync(f->real, flags);
    if (rc == SQLITE_OK)
        undo_clear(f);
    if (rc == SQLITE_OK && f->type == FILE_WAL && hits(F_WAL_SYNCED))
        die();
    return rc;
}

static int f_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xFileSize(f->real, size);
}

static int f_lock(sqlite3_file *file, int lock)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xLock(f->real, lock);
}

static int f_unlock(sqlite3_file *file, int lock)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xUnlock(f->real, lock);
}

static int f_check_reserved(sqlite3_file *file, int *out)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int f_file_control(sqlite3_file *file, int op, void *arg)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int f_sector_size(sqlite3_file *file)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xSectorSize(f->real);
}

static int f_device(sqlite3_file *file)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int f_shm_map(sqlite3_file *file, int region, int size, int extend, void volatile **p)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xShmMap(f->real, region, size, extend, p);
}

static int f_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *file)
{
    fault_file *f = (fault_file *)file;
    f->real->pMethods->xShmBarrier(f->real);
}

static int f_shm_unmap(sqlite3_file *file, int del)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xShmUnmap(f->real, del);
}

static int f_fetch(sqlite3_file *file, sqlite3_int64 off, int amt, void **p)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xFetch(f->real, off, amt, p);
}

static int f_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
    fault_file *f = (fault_file *)file;
    return f->real->pMethods->xUnfetch(f->real, off, p);
}

static const sqlite3_io_methods fault_io = {
    .iVersion = 3,
    .xClose = f_close,
    .xRead = f_read,
    .xWrite = f_write,
    .xTruncate = f_truncate,
    .xSync = f_sync,
    .xFileSize = f_file_size,
    .xLock = f_lock,
    .xUnlock = f_unlock,
    .xCheckReservedLock = f_check_reserved,
    .xFileControl = f_file_control,
    .xSectorSize = f_sector_size,
    .xDeviceCharacteristics = f_device,
    .xShmMap = f_shm_map,
    .xShmLock = f_shm_lock,
    .xShmBarrier = f_shm_barrier,
    .xShmUnmap = f_shm_unmap,
    .xFetch = f_fetch,
    .xUnfetch = f_unfetch,
};

/*---------------------------- the VFS ----------------------------*/

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
    fault_file *f = (fault_file *)file;
    int rc;
    (void)vfs;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)((char *)f + FILE_HEAD);
    f->type = flags & SQLITE_OPEN_MAIN_DB ? FILE_DB : flags & SQLITE_OPEN_WAL ? FILE_WAL
                                                                              : FILE_OTHER;
    f->synced_size = -1;
    rc = g.real->xOpen(g.real, name, f->real, flags, out);
    if (!f->real->pMethods)
        return rc; /* nothing to close */
    if (f->real->pMethods->iVersion < 3) {
        f->real->pMethods->xClose(f->real);
        return SQLITE_CANTOPEN;
    }
    /* Set even when the open failed: SQLite then closes what is set. */
    f->base.pMethods = &fault_io;
    pthread_mutex_lock(&g.mu);
    f->next = g.open;
    g.open = f;
    pthread_mutex_unlock(&g.mu);
    return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int dirsync)
{
    (void)vfs;
    return g.real->xDelete(g.real, name, dirsync);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return g.real->xAccess(g.real, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return g.real->xFullPathname(g.real, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return g.real->xDlOpen(g.real, name);
}

static void v_dlerror(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    g.real->xDlError(g.real, n, out);
}

static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    (void)vfs;
    return g.real->xDlSym(g.real, h, sym);
}

static void v_dlclose(sqlite3_vfs *vfs, void *h)
{
    (void)vfs;
    g.real->xDlClose(g.real, h);
}

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return g.real->xRandomness(g.real, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return g.real->xSleep(g.real, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return g.real->xCurrentTime(g.real, out);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return g.real->xGetLastError(g.real, n, out);
}

static int v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return g.real->xCurrentTimeInt64(g.real, out);
}

static sqlite3_vfs fault_vfs = {
    .iVersion = 2,
    .zName = "tally-fault",
    .xOpen = v_open,
    .xDelete = v_delete,
    .xAccess = v_access,
    .xFullPathname = v_full_pathname,
    .xDlOpen = v_dlopen,
    .xDlError = v_dlerror,
    .xDlSym = v_dlsym,
    .xDlClose = v_dlclose,
    .xRandomness = v_randomness,
    .xSleep = v_sleep,
    .xCurrentTime = v_current_time,
    .xGetLastError = v_last_error,
    .xCurrentTimeInt64 = v_current_time64,
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int registered = SQLITE_ERROR;

static void register_vfs(void)
{
    if (!(g.real = sqlite3_vfs_find(NULL)) || g.real->iVersion < 2)
        return;
    fault_vfs.szOsFile = (int)FILE_HEAD + g.real->szOsFile;
    fault_vfs.mxPathname = g.real->mxPathname;
    registered = sqlite3_vfs_register(&fault_vfs, 0);
}

/* "KIND:N" or "KIND:N:power-loss". */
static int parse(const char *spec, int *kind, long long *at, int *power)
{
    const char *colon = strchr(spec, ':');
    char *end;
    *kind = F_NONE;
    if (!colon)
        return -1;
    for (int k = 1; k < F_KINDS; k++)
        if (strlen(kind_names[k]) == (size_t)(colon - spec) &&
            strncmp(spec, kind_names[k], (size_t)(colon - spec)) == 0)
            *kind = k;
    if (*kind == F_NONE || colon[1] < '1' || colon[1] > '9')
        return -1;
    *at = strtoll(colon + 1, &end, 10);
    *power = strcmp(end, ":power-loss") == 0;
    return *end && !*power ? -1 : 0;
}

tally_status store_fault_vfs(const char **name, tally_error *err)
{
    const char *spec = getenv("TALLY_FAULT");
    int kind, power;
    long long at;

    *name = NULL;
    if (!spec || !*spec)
        return TALLY_OK;
    if (parse(spec, &kind, &at, &power) != 0)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "TALLY_FAULT=%s: expected KIND:N[:power-loss], KIND one of "
                               "wal-write, wal-sync, wal-synced, db-write, db-sync",
                               spec);
    pthread_once(&once, register_vfs);
    if (registered != SQLITE_OK)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "cannot install the fault VFS");
    pthread_mutex_lock(&g.mu);
    g.kind = kind;
    g.at = at;
    g.power = power;
    pthread_mutex_unlock(&g.mu);
    *name = fault_vfs.zName;
    return TALLY_OK;
}
