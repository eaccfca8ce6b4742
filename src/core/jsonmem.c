/*
** jansson's memory (src/core/jsonmem.h).
*/
#include "jsonmem.h"

#include <jansson.h>
#include <stdint.h>

#include "tally/alloc.h"

#define CHUNK (1u << 20)
#define MAX_ARENAS 8

struct tally_arena {
    char *base;
    size_t used;
    int slot;
};

/* Registered chunk ranges, read by every free. A slot is written only by
** the thread that opens or closes that arena. */
static uintptr_t range_lo[MAX_ARENAS], range_hi[MAX_ARENAS];
static _Thread_local tally_arena *current;

static void *json_alloc(size_t n)
{
    tally_arena *a = current;
    if (a) {
        size_t need = (n + 15) & ~(size_t)15;
        if (need <= CHUNK - a->used) {
            void *p = a->base + a->used;
            a->used += need;
            return p;
        }
    }
    return tally_malloc(n);
}

static void json_release(void *p)
{
    uintptr_t u = (uintptr_t)p;
    if (!p)
        return;
    for (int i = 0; i < MAX_ARENAS; i++)
        if (u >= __atomic_load_n(&range_lo[i], __ATOMIC_ACQUIRE) &&
            u < __atomic_load_n(&range_hi[i], __ATOMIC_ACQUIRE))
            return; /* inside an arena: reclaimed by the reset */
    tally_free(p);
}

void tally_jsonmem_init(void)
{
    json_set_alloc_funcs(json_alloc, json_release);
}

void tally_jsonmem_free(void *p)
{
    json_release(p);
}

tally_arena *tally_arena_open(void)
{
    tally_arena *a;
    tally_jsonmem_init();
    if (!(a = tally_malloc(sizeof *a)))
        return NULL;
    if (!(a->base = tally_malloc(CHUNK))) {
        tally_free(a);
        return NULL;
    }
    a->used = 0;
    a->slot = -1;
    for (int i = 0; i < MAX_ARENAS && a->slot < 0; i++) {
        uintptr_t expect = 0;
        if (__atomic_compare_exchange_n(&range_lo[i], &expect, (uintptr_t)a->base, 0,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            __atomic_store_n(&range_hi[i], (uintptr_t)a->base + CHUNK, __ATOMIC_RELEASE);
            a->slot = i;
        }
    }
    if (a->slot < 0) { /* all slots taken: go without */
        tally_free(a->base);
        tally_free(a);
        return NULL;
    }
    current = a;
    return a;
}

void tally_arena_reset(tally_arena *a)
{
    if (a)
        a->used = 0;
}

void tally_arena_detach(void)
{
    current = NULL;
}

void tally_arena_close(tally_arena *a)
{
    if (!a)
        return;
    if (current == a)
        current = NULL;
    __atomic_store_n(&range_hi[a->slot], 0, __ATOMIC_RELEASE);
    __atomic_store_n(&range_lo[a->slot], 0, __ATOMIC_RELEASE);
    tally_free(a->base);
    tally_free(a);
}
