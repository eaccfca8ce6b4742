/*
** tally: status codes and error detail.
**
** Every library function that can fail returns a tally_status; TALLY_OK is
** zero. Functions that read user input also take an optional tally_error *
** (may be NULL) which, on failure, receives a one-line message and, where
** they apply, the file, line and column of the fault.
**
** Ownership: a tally_error is caller-allocated (usually on the stack); it
** holds no pointers to free.
*/
#ifndef TALLY_STATUS_H
#define TALLY_STATUS_H

#include <stddef.h>

typedef enum tally_status {
    TALLY_OK = 0,      /* success */
    TALLY_EINVAL,      /* input is malformed or inconsistent */
    TALLY_ENOMEM,      /* an allocation failed */
    TALLY_EIO,         /* a file could not be read or written */
    TALLY_ERANGE,      /* a number is outside what tally can hold */
    TALLY_ENOTFOUND,   /* a named thing does not exist */
    TALLY_EAGAIN       /* someone else changed it first: look again */
} tally_status;

/* Static, never freed. */
const char *tally_strerror(tally_status s);

#define TALLY_ERROR_FILE_MAX 512
#define TALLY_ERROR_MSG_MAX 512

typedef struct tally_error {
    char file[TALLY_ERROR_FILE_MAX]; /* "" when no file applies */
    int line;                        /* 1-based; 0 when unknown */
    int column;                      /* 1-based; 0 when unknown */
    char message[TALLY_ERROR_MSG_MAX];
} tally_error;

/* Clear err (no-op when err is NULL). */
void tally_error_clear(tally_error *err);

/* Fill err with a formatted message; returns s so callers can write
** `return tally_error_set(err, TALLY_EINVAL, file, line, col, "...")`.
** A NULL err is allowed. file may be NULL. */
tally_status tally_error_set(tally_error *err, tally_status s, const char *file,
                             int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Format err as the one-line message tally prints: "file:line:col: message"
** with the parts that are absent left out. Writes at most n bytes. */
void tally_error_format(const tally_error *err, char *buf, size_t n);

#endif
