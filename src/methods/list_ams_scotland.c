/*
** The Scottish Parliament's regional members: Scotland Act 1998.
**
**   Sch 1 para 2(3): seven regional members are returned for each of the
**     eight regions.
**   s.6: each elector has a regional vote, for a registered party's list
**     or for an individual candidate.
**   s.7(2)-(4): a party's regional figure is its regional votes divided by
**     one more than the constituency members it has won in the region
**     (s.7(2)) and, once it has regional members, one more than the
**     constituency and regional members together (s.7(3)); an individual
**     candidate's figure is the votes given for them (s.7(4)).
**   s.8(1)-(2): each seat goes to the highest regional figure, the figures
**     recalculated after each seat.
**   s.8(3): an individual candidate once returned is disregarded (a party
**     of one: one seat at most).
**   s.8(4)-(6): a party's seats are filled from its list in order; a person
**     returned as a constituency member is treated as ceasing to be on the
**     list (s.8(5), the file's "struck_off"); a party whose list is
**     exhausted is disregarded (s.8(6)).
**   s.8(7): where the highest figure is shared, a seat goes to each. Where
**     seats do not remain for each, s.12(2)(f) leaves the equality to an
**     order; tally decides it by lot from the recorded seed.
**
** There is no threshold.
*/
#include "list_rule.h"

const list_rule tally_list_rule_ams_scotland = {
    .method = TALLY_LIST_AMS_SCOTLAND, .name = "ams-scotland",
    .source = "Scotland Act 1998 ss.6-8 and Sch 1 para 2(3): 7 regional members, "
              "D'Hondt on regional votes / (constituency seats + regional seats + 1)",
    .series = LIST_SERIES_DHONDT, .counts_constituency = 1,
    .seats = 7, .seats_rule = "the Scotland Act 1998 Sch 1 para 2(3) returns 7 regional members",
};
