/*
** Senedd general elections from 2026: the Government of Wales Act 2006
** ss.1(2), 6-9 as amended and substituted by the Senedd Cymru (Members and
** Elections) Act 2024 ss.1 and 8.
**
**   s.1(2): 16 Senedd constituencies, six seats for each.
**   s.6: one vote, for a registered party's list or an individual
**     candidate.
**   s.7(3): a list holds one to eight candidates.
**   ss.8-9: seats are allocated by D'Hondt: each party's (or individual
**     candidate's) votes divided by one more than the seats already
**     allocated to it, the highest figure taking each seat in turn; a
**     party's seats go to its list in order, an individual candidate takes
**     one seat at most, and a party whose list is exhausted is passed
**     over.
**
** There are no constituency seats and no statutory threshold beyond the
** D'Hondt arithmetic itself (the Act sets none; checked against the Act
** as enacted on legislation.gov.uk). An equality for the last seats is
** decided by lot from the recorded seed.
*/
#include "list_rule.h"

const list_rule tally_list_rule_senedd = {
    .method = TALLY_LIST_SENEDD, .name = "senedd",
    .source = "Government of Wales Act 2006 ss.6-9 as substituted by the Senedd Cymru "
              "(Members and Elections) Act 2024 s.8: closed lists, D'Hondt, 6 members",
    .series = LIST_SERIES_DHONDT,
    .seats = 6, .seats_rule = "the Government of Wales Act 2006 s.1(2) gives 6 seats",
};
