/*
** The Welsh of the declaration notice's fixed wording (notice.h).
**
** No Welsh form of the declaration is prescribed, so each phrase is taken
** word for word from a published Welsh text, named beside it:
**
** [EC] Electoral Commission, Canllawiau i Swyddogion Canlyniadau
**      (Gweithredol) ar weinyddu etholiad Senedd y DU ym Mhrydain Fawr,
**      "Rhoi hysbysiad o'r canlyniad" (giving notice of the result):
**      https://www.electoralcommission.org.uk/cy/canllawiau-i-swyddogion-canlyniadau-gweithredol-ar-weinyddu-etholiad-senedd-y-du-ym-mhrydain-fawr/ar-ol-yr-etholiad/rhoi-hysbysiad-or-canlyniad
**      "Rhaid i chi hysbysu'r cyhoedd o enw'r ymgeisydd a etholwyd,
**      cyfanswm nifer y pleidleisiau a roddwyd i bob ymgeisydd a nifer y
**      papurau pleidleisio a wrthodwyd o dan bob pennawd."
** [R60] Rheolau Etholiadau Lleol (Prif Ardaloedd) (Cymru) 2021
**      (O.S. 2021/1459 (Cy. 374)), Atodlen 2 rheol 60(1), the papers that
**      are void (the statement's heads follow them):
**      http://www.legislation.gov.uk/wsi/2021/1459/schedule/2/paragraph/60/made/welsh
** [R5]  Rheolau Etholiadau Lleol (Cymunedau) (Cymru) 2021
**      (O.S. 2021/1460), Atodlen 2 rheol 5(3)(b), "cynnwys disgrifiad"
**      (a candidate's description):
**      http://www.legislation.gov.uk/wsi/2021/1460/schedule/2/paragraph/5/made/welsh
**
** A phrase is quoted as it stands in its source, with a capital where it
** opens a heading; "Etholwyd" is the verb of "a etholwyd" without its
** relative particle. The title, "Hysbysiad o'r canlyniad", is the notice
** of the result as the Commission names it, not a word-for-word Welsh of
** "declaration of result of poll"; the rejected papers' opening says
** "under each head" where the English says "as follows".
**
** Limits: the returning officer's statement, the declaration of the person
** elected, the paragraph on a lot, the date and the heads that only mayoral
** and PCC statements have ("being unmarked", "void for uncertainty") have
** no cited Welsh and stay English only; so does the title of a declaration
** of persons elected unopposed. [R60] gives head (c) with "ac eithrio'r
** rhif printiedig a'r marc adnabod unigryw arall ar y cefn" (except the
** printed number and other unique identifying mark on the back) after it;
** the statement gives the head, not the exception, so it is left off.
*/
#include <string.h>

#include "notice.h"

static const char *const phrases[TALLY_CY__COUNT] = {
    /* [EC]: the page's title, "Rhoi hysbysiad o'r canlyniad"; its text, "yr
    ** hysbysiad o'r canlyniadau". */
    [TALLY_CY_TITLE] = "HYSBYSIAD O'R CANLYNIAD",
    /* [EC]: "enw'r ymgeisydd a etholwyd". */
    [TALLY_CY_NAME] = "Enw'r ymgeisydd",
    /* [R5]: "disgrifiad". */
    [TALLY_CY_DESCRIPTION] = "Disgrifiad",
    /* [EC]: "cyfanswm nifer y pleidleisiau". */
    [TALLY_CY_VOTES] = "Pleidleisiau",
    /* [EC]: "yr ymgeisydd a etholwyd". */
    [TALLY_CY_ELECTED] = "Etholwyd",
    /* [EC]: "nifer y papurau pleidleisio a wrthodwyd o dan bob pennawd". */
    [TALLY_CY_REJECTED] = "Nifer y papurau pleidleisio a wrthodwyd o dan bob pennawd:",
    /* [EC]: "cyfanswm nifer y pleidleisiau". */
    [TALLY_CY_TOTAL] = "Cyfanswm",
    [TALLY_CY_UNOPPOSED] = NULL,
};

/* [R60] rheol 60(1)(a)-(d), by the head's JSON key (contest.c). */
static const struct {
    const char *key, *cy;
} heads[] = {
    { "official_mark", "papur pleidleisio nad oes arno farc swyddogol" },
    { "more_than_one", "papur pleidleisio y rhoddwyd pleidleisiau arno dros fwy o ymgeiswyr "
                       "nag y mae gan y pleidleisiwr hawl i bleidleisio drostynt" },
    { "identifying_mark", "papur pleidleisio y mae unrhyw beth wedi ei ysgrifennu neu wedi ei "
                          "farcio arno y gellir adnabod y pleidleisiwr drwyddo" },
    { "unmarked_or_void", "papur pleidleisio sydd heb ei farcio neu\xe2\x80\x99n ddi-rym oherwydd "
                          "ansicrwydd" },
};

const char *tally_cy_phrase_get(tally_cy_phrase p)
{
    return (int)p >= 0 && p < TALLY_CY__COUNT ? phrases[p] : NULL;
}

const char *tally_cy_head(const char *head_key)
{
    for (size_t i = 0; head_key && i < sizeof heads / sizeof heads[0]; i++)
        if (strcmp(heads[i].key, head_key) == 0)
            return heads[i].cy;
    return NULL;
}
