/*
** The rules of a list method: its divisors, threshold, seats and what it
** counts. One rule file each (list_divisors.c, list_ams_scotland.c,
** list_ams_london.c, list_senedd.c); the allocation (listpr.c) reads only
** this. Internal to methods/.
*/
#ifndef TALLY_METHODS_LIST_RULE_H
#define TALLY_METHODS_LIST_RULE_H

#include <stdint.h>

#include "tally/listpr.h"

typedef enum list_series {
    LIST_SERIES_DHONDT,        /* s + 1 */
    LIST_SERIES_SAINTE_LAGUE,  /* 2s + 1 */
    LIST_SERIES_MODIFIED_SL    /* 1.4, then 2s + 1 (in fifths: 7, 15, 25, ...) */
} list_series;

typedef struct list_rule {
    tally_list_method method;
    const char *name;
    const char *source;        /* statute and sections, one line */
    list_series series;
    int counts_constituency;   /* constituency seats are in the divisor */
    int64_t seats;             /* statutory members per area; 0: the file says */
    const char *seats_rule;    /* the provision fixing seats, for errors */
    int64_t threshold_num, threshold_den; /* statutory; 0/0: the file may set one */
    int file_threshold;        /* the file may give a threshold */
} list_rule;

extern const list_rule tally_list_rule_dhondt;
extern const list_rule tally_list_rule_sainte_lague;
extern const list_rule tally_list_rule_modified_sainte_lague;
extern const list_rule tally_list_rule_ams_scotland;
extern const list_rule tally_list_rule_ams_london;
extern const list_rule tally_list_rule_senedd;

#endif
