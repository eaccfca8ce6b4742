/*
** The London members of the London Assembly: Greater London Authority Act
** 1999.
**
**   s.2(3)-(4), s.4: the Assembly has 14 constituency members and 11
**     London members, the London members returned at each ordinary
**     election from the London-wide votes given to parties' lists and to
**     individual candidates.
**   Sch 2 (the London members): a party's London figure is its London
**     votes divided by one more than the constituency members it has won
**     and the London members already allocated to it; each seat goes to the
**     highest figure, recalculated after each seat; a party or individual
**     candidate given less than 5 per cent of the total London votes is
**     disregarded; an individual candidate takes one seat at most; a party
**     whose list is exhausted is disregarded.
**
** Equalities for the highest figure with too few seats for each are
** decided by lot from the recorded seed.
*/
#include "list_rule.h"

const list_rule tally_list_rule_ams_london = {
    .method = TALLY_LIST_AMS_LONDON, .name = "ams-london",
    .source = "Greater London Authority Act 1999 s.4 and Sch 2: 11 London members, "
              "5% threshold, D'Hondt on London votes / (constituency seats + London seats + 1)",
    .series = LIST_SERIES_DHONDT, .counts_constituency = 1,
    .seats = 11, .seats_rule = "the Greater London Authority Act 1999 s.2(4) returns 11 London members",
    .threshold_num = 5, .threshold_den = 100,
};
