/*
** jansson's memory: one allocator pair for the whole process, set once, with
** an optional per-thread arena for replaying a count log.
**
** jansson allocates some twenty small blocks per event it parses; replaying
** a million events spends a third of its time in malloc and free. A thread
** that parses, applies and drops events one at a time can instead open an
** arena: allocations come from a bump pointer in one chunk, frees of blocks
** inside the chunk do nothing, and the chunk is reset after each event.
** Blocks are told apart by address, so a block from malloc is freed as
** usual on any thread. Limits: an arena chunk is 1 MiB (a larger event
** spills to malloc); at most 8 arenas exist at once. Internal to libtally.
*/
#ifndef TALLY_CORE_JSONMEM_H
#define TALLY_CORE_JSONMEM_H

#include <stddef.h>

/* Install the allocator pair into jansson (idempotent; call before using
** jansson). */
void tally_jsonmem_init(void);

typedef struct tally_arena tally_arena;

/* Open an arena for the calling thread; NULL on allocation failure (jansson
** then uses malloc, which is only slower). */
tally_arena *tally_arena_open(void);
/* Forget everything allocated in the arena (all of it must be freed). */
void tally_arena_reset(tally_arena *a);
/* Stop allocating from the calling thread's arena (it stays open: another
** thread may take it over and close it). */
void tally_arena_detach(void);
/* Close an arena; all its blocks must be dead. Any thread may close it.
** NULL is a no-op. */
void tally_arena_close(tally_arena *a);

/* Free a string jansson returned (json_dumps). */
void tally_jsonmem_free(void *p);

#endif
