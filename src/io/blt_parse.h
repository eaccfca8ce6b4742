/*
** The BLT reader's state, shared by blt.c (header, options, ballots) and
** blt_names.c (names and title). Internal to io/.
*/
#ifndef TALLY_IO_BLT_PARSE_H
#define TALLY_IO_BLT_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "lines.h"
#include "tally/blt.h"
#include "utf8.h"

typedef enum blt_phase { BLT_HEADER, BLT_BALLOTS, BLT_NAMES, BLT_TITLE, BLT_DONE } blt_phase;

typedef struct blt_parser {
    const char *name;            /* file name for messages */
    const tally_blt_options *opt;
    tally_blt_where *where;      /* tally_blt_read_where(), or NULL */
    size_t n_where;
    tally_error *err;
    lines src;
    blt_phase phase;

    const char *line;            /* the current line, without its line end */
    size_t len;
    int lineno;
    int last_ended;              /* the current line had a line end */

    tally_pool *pool;            /* being filled; NULL before the header */
    size_t n_cand;
    int seen_ballot;
    char **nicks;                /* [nick], n_cand; NULL without */
    unsigned char *mark;         /* n_cand: ranked on this line */
    uint32_t *rank;              /* the ranking being read */
    size_t rank_cap;
    size_t names_read;
    int warned_after_title;
    char *buf_a, *buf_b;         /* name and party being read */
    size_t cap_a, cap_b;
} blt_parser;

/* err set to P's file, line and the column of line offset off. */
tally_status blt_fail(blt_parser *P, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void blt_warn(blt_parser *P, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
tally_status blt_nomem(blt_parser *P);

/* A candidate's name, or the title, on the current line (blt_names.c). */
tally_status blt_name_line(blt_parser *P);
tally_status blt_title_line(blt_parser *P);

#endif
