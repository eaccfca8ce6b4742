/*
** tally: allocation.
**
** Every allocation in libtally goes through these wrappers so that tests
** can fail the Nth allocation and check that each path either succeeds or
** returns TALLY_ENOMEM cleanly (SQLite's faultsim, curl's torture mode).
** The countdown is the one piece of process-wide state in libtally; it is
** for tests only and is off unless tally_alloc_fail_after() is called.
*/
#ifndef TALLY_ALLOC_H
#define TALLY_ALLOC_H

#include <stddef.h>

void *tally_malloc(size_t n);
void *tally_calloc(size_t count, size_t n);
void *tally_realloc(void *p, size_t n);
void tally_free(void *p);
char *tally_strdup(const char *s);

/* How many allocations have failed since the process started (injected or
** real). A caller of a library that hides the cause of a failure (jansson
** reports an out-of-memory parse as a syntax error) compares this before
** and after the call. */
unsigned long tally_alloc_failures(void);

/* Make room for one more element of size `size` in the array whose address
** is pp (a pointer to the array pointer), holding n elements with room for
** *cap: doubles the room when it is full. Returns 0 on allocation failure,
** leaving the array as it was. The array pointer is copied in and out with
** memcpy, so one function serves arrays of any element type. */
int tally_grow(void *pp, size_t *cap, size_t n, size_t size);

/* Fail every allocation after the next n succeed; n < 0 turns it off.
** Returns how many allocations were made since the last call. */
long tally_alloc_fail_after(long n);

#endif
