/*
** The declaration of result notice as one list of items, built in one
** place (notice.c) and drawn by each renderer that gives the notice: the
** text (text.c) and the PDF (pdf.c). Internal to report/.
**
** The wording is the customary form of PER r.50 (see text.c); in Wales
** (election area.nation "wales") each item that has a cited Welsh wording
** carries it beside the English, and renderers give the Welsh first, as
** bilingual notices in Wales do (welsh.c names the sources).
**
** Ownership: tally_notice_build() returns a notice that owns every string
** it points to and borrows nothing from the result; the caller frees it
** with tally_notice_free() (NULL is a no-op).
*/
#ifndef TALLY_REPORT_NOTICE_H
#define TALLY_REPORT_NOTICE_H

#include <stddef.h>

#include "tally/election.h"
#include "tally/result.h"
#include "tally/status.h"

typedef enum tally_notice_kind {
    TALLY_NOTICE_LINE = 0,   /* a heading line: election, area, date (cell 0) */
    TALLY_NOTICE_TITLE,      /* "DECLARATION OF RESULT OF POLL" (cell 0) */
    TALLY_NOTICE_PARA,       /* a paragraph, wrapped by the renderer (cell 0) */
    TALLY_NOTICE_COLUMNS,    /* the candidates table's headings (cells 0-3) */
    TALLY_NOTICE_CANDIDATE,  /* name, description, votes, "Elected" or "" */
    TALLY_NOTICE_REJECTED,   /* the statement of rejected papers' opening (cell 0) */
    TALLY_NOTICE_HEAD,       /* mark "(a)", head label (cell 0), number (cell 2) */
    TALLY_NOTICE_TOTAL,      /* "Total" (cell 0), number (cell 2) */
    TALLY_NOTICE_FIGURE,     /* electorate, turnout: label (cell 0), value (cell 2);
                                the text form gives these in its summary instead */
    TALLY_NOTICE_HEADS       /* the statement's headings: "Head" (cell 0), "Papers"
                                (cell 2), "Rejection objected to" (cell 3); its HEAD and
                                TOTAL items then carry the objected number in cell 3 */
} tally_notice_kind;

#define TALLY_NOTICE_CELLS 4

typedef struct tally_notice_item {
    tally_notice_kind kind;
    const char *mark;                    /* "(a)" for a head, else NULL */
    const char *en[TALLY_NOTICE_CELLS];  /* never NULL; "" for an empty cell */
    const char *cy[TALLY_NOTICE_CELLS];  /* the Welsh; NULL where there is none */
} tally_notice_item;

typedef struct tally_notice {
    int bilingual;            /* 1: Welsh and English (the area is in Wales) */
    size_t n_items;
    tally_notice_item *items; /* in the notice's order */
} tally_notice;

tally_status tally_notice_build(const tally_result *r, tally_notice **out);
/* The statement of rejected ballot papers (PER r.47) for election e:
** papers[h] and objected[h] for each head h of its contest type. */
tally_status tally_notice_build_rejected(const tally_election *e, const int64_t *papers,
                                         const int64_t *objected, tally_notice **out);
void tally_notice_free(tally_notice *n);

/* The Welsh of the notice's fixed wording (welsh.c), each from a cited
** source; NULL where no source was found, and the notice is then English
** only at that point. */
typedef enum tally_cy_phrase {
    TALLY_CY_TITLE = 0,       /* DECLARATION OF RESULT OF POLL */
    TALLY_CY_NAME,            /* Name of candidate */
    TALLY_CY_DESCRIPTION,     /* Description */
    TALLY_CY_VOTES,           /* Votes */
    TALLY_CY_ELECTED,         /* Elected */
    TALLY_CY_REJECTED,        /* The number of ballot papers rejected ... */
    TALLY_CY_TOTAL,           /* Total */
    TALLY_CY_UNOPPOSED,       /* DECLARATION OF PERSONS ELECTED UNOPPOSED */
    TALLY_CY__COUNT
} tally_cy_phrase;

const char *tally_cy_phrase_get(tally_cy_phrase p);
/* The Welsh of the head of rejected papers with JSON key head_key
** ("official_mark"), or NULL. */
const char *tally_cy_head(const char *head_key);

#endif
