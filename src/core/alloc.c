/*
** Allocation wrappers with test-only fault injection (include/tally/alloc.h).
** A real allocation failure is counted with an atomic add: the replay of a
** count log allocates from two threads.
*/
#include "tally/alloc.h"

#include <stdlib.h>
#include <string.h>

static long fail_countdown = -1; /* < 0: never fail */
static long alloc_count;
static unsigned long failures;

/* Touches the counters only while injection is on (tests, one thread), so
** that threads allocating at once never share a write. */
static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    alloc_count++;
    if (fail_countdown == 0) {
        __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
        return 1;
    }
    fail_countdown--;
    return 0;
}

/* Count a real allocation failure too. */
static void *counted(void *p)
{
    if (!p)
        __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
    return p;
}

unsigned long tally_alloc_failures(void)
{
    return __atomic_load_n(&failures, __ATOMIC_RELAXED);
}

long tally_alloc_fail_after(long n)
{
    long made = alloc_count;
    fail_countdown = n;
    alloc_count = 0;
    return made;
}

void *tally_malloc(size_t n)
{
    return should_fail() ? NULL : counted(malloc(n ? n : 1));
}

void *tally_calloc(size_t count, size_t n)
{
    return should_fail() ? NULL : counted(calloc(count ? count : 1, n ? n : 1));
}

void *tally_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : counted(realloc(p, n ? n : 1));
}

int tally_grow(void *pp, size_t *cap, size_t n, size_t size)
{
    void *p, *np;
    size_t ncap;

    if (n < *cap)
        return 1;
    memcpy(&p, pp, sizeof p);
    ncap = *cap ? *cap * 2 : 64;
    if (!(np = tally_realloc(p, ncap * size)))
        return 0;
    memcpy(pp, &np, sizeof np);
    *cap = ncap;
    return 1;
}

void tally_free(void *p)
{
    free(p);
}

char *tally_strdup(const char *s)
{
    size_t n;
    char *d;

    if (!s)
        return NULL;
    n = strlen(s) + 1;
    d = tally_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}
