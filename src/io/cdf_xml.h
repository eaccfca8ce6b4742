/*
** NIST SP 1500-103 cast vote records in XML (the NIST_V0 schema,
** NIST_V0_cast_vote_records.xsd) as the tree of the JSON binding, so that
** one reader (cvr_nist.c) holds the CDF rules for both. Internal to io/.
**
** The mapping, as the two bindings of the specification differ:
**   - an element is the member of its parent named by its local name (the
**     namespace prefix dropped); one with child elements is an object,
**     one with only text a string;
**   - the attribute ObjectId is "@id"; xsi:type="T" is "@type": "CVR.T";
**     the root is "@type": "CVR.CastVoteRecordReport";
**   - the elements the schema lets repeat that the reader walks are arrays
**     even when they appear once (CDF_XML_ARRAYS); any other element that
**     appears twice becomes an array at its second appearance;
**   - CandidateIds, an IDREFS list, is an array of its ids;
**   - Rank, NumberElected and NumberVotes whose text is a whole number are
**     integers, IsWriteIn of true/1 or false/0 a boolean (any other text
**     stays a string, for the reader to refuse).
** Positions: each object has "@line" (its start tag's line) and each text
** member K a "@line:K"; libxml2 keeps no column for an element, so a
** fault after parsing names the line and column 0. A document that is not
** well-formed is refused at libxml2's line and column.
**
** Limits: a file of at most TALLY_IO_MAX_FILE bytes; no DTD, entity or
** network access; attributes other than ObjectId and xsi:type ignored.
*/
#ifndef TALLY_IO_CDF_XML_H
#define TALLY_IO_CDF_XML_H

#include <stddef.h>

#include "tally/status.h"

struct json_t;

/* Parse len bytes of text, read from the file name, into *out, a new
** reference. Not well-formed: TALLY_EINVAL at libxml2's line and column;
** out of memory: TALLY_ENOMEM; on failure *out is NULL. The libtally side
** (cdf_xml_load.c) loads the module tally-xlsx.so for it (TALLY_ENOTFOUND
** when it cannot). */
tally_status cdf_xml_load(const char *text, size_t len, const char *name, struct json_t **out,
                          tally_error *err);

/* The module's entry (cdf_xml.c), as cdf_xml_load finds it. */
#define TALLY_CDF_XML_LOAD "tally_cdf_xml_load"
tally_status tally_cdf_xml_load(const char *text, size_t len, const char *name,
                                struct json_t **out, tally_error *err);

/* One Hart InterCivic cast vote record (a <Cvr> document, one paper;
** cvr_hart.c) as a tree of the same form: elements as members by local
** name, objects with "@line", text members with "@line:K"; Contest and
** Option always arrays; every text a string (no typed values); no
** "@type". Errors as cdf_xml_load; the root must be <Cvr>. */
tally_status hart_xml_load(const char *text, size_t len, const char *name, struct json_t **out,
                           tally_error *err);
#define TALLY_HART_XML_LOAD "tally_hart_xml_load"
tally_status tally_hart_xml_load(const char *text, size_t len, const char *name,
                                 struct json_t **out, tally_error *err);

#endif
