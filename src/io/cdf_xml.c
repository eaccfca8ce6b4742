/*
** NIST SP 1500-103 XML cast vote records as the JSON binding's tree
** (cdf_xml.h), parsed whole with libxml2; Hart's one-paper XML records
** into a tree of the same form (cdf_xml.h, tally_hart_xml_load). Part of
** the module tally-xlsx.so, the one part of tally linking libxml2.
*/
#include "cdf_xml.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tally/status.h"

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* The repeating elements cvr_nist.c walks, arrays in the JSON binding. */
static const char *const CDF_XML_ARRAYS[] = {
    "Election", "Candidate", "Contest", "ContestSelection", "CVR", "CVRSnapshot",
    "CVRContest", "CVRContestSelection", "SelectionPosition", "CandidateIds",
};
static const char *const CDF_XML_INTEGERS[] = { "Rank", "NumberElected", "NumberVotes" };

static int listed(const char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

/* Hart's repeating elements (HartCvrReader.java: Contests, Options). */
static const char *const HART_XML_ARRAYS[] = { "Contest", "Option" };

/* What differs between the two layouts: the repeating elements, the root
** element that must be there, and whether the CDF's typed values
** (integers, booleans, IDREFS) are converted; Hart's are all text (its
** Value "0100" is a string of rank digits, not a number). */
typedef struct xml_layout {
    const char *const *arrays;
    size_t n_arrays;
    const char *root, *type; /* the root's element, its "@type" (NULL: none) */
    int typed;
} xml_layout;

static const xml_layout CDF_LAYOUT = { CDF_XML_ARRAYS, sizeof CDF_XML_ARRAYS / sizeof *CDF_XML_ARRAYS,
                                       "CastVoteRecordReport", "CVR.CastVoteRecordReport", 1 };
static const xml_layout HART_LAYOUT = { HART_XML_ARRAYS,
                                        sizeof HART_XML_ARRAYS / sizeof *HART_XML_ARRAYS, "Cvr",
                                        NULL, 0 };

#define IS_ARRAY(n) listed(L->arrays, L->n_arrays, n)
#define IS_INTEGER(n)                                                                          \
    listed(CDF_XML_INTEGERS, sizeof CDF_XML_INTEGERS / sizeof *CDF_XML_INTEGERS, n)

static int has_element_child(const xmlNode *el)
{
    for (const xmlNode *c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 1;
    return 0;
}

/* Has children or the attributes of an object, or is one of the schema's
** repeating classes (an empty <CVRContest/> is still a CVRContest). */
static int is_object(const xml_layout *L, const xmlNode *el)
{
    const char *name = (const char *)el->name;

    if (has_element_child(el) || (IS_ARRAY(name) && strcmp(name, "CandidateIds") != 0))
        return 1;
    for (const xmlAttr *a = el->properties; a; a = a->next)
        if (strcmp((const char *)a->name, "ObjectId") == 0 ||
            (strcmp((const char *)a->name, "type") == 0 && a->ns &&
             strcmp((const char *)a->ns->href, XSI_NS) == 0))
            return 1;
    return 0;
}

/* A whole number of at most 18 digits, surrounding blanks allowed. */
static int whole(const char *s, json_int_t *out)
{
    json_int_t v = 0;
    size_t d = 0;

    s += strspn(s, " \t\r\n");
    for (; *s >= '0' && *s <= '9'; s++, d++) {
        if (d == 18)
            return 0;
        v = v * 10 + (*s - '0');
    }
    s += strspn(s, " \t\r\n");
    *out = v;
    return d > 0 && *s == '\0';
}

/* CandidateIds: its whitespace-separated ids. */
static json_t *idrefs(const char *s)
{
    json_t *a = json_array();

    while (a && *(s += strspn(s, " \t\r\n"))) {
        size_t k = strcspn(s, " \t\r\n");
        if (json_array_append_new(a, json_stringn(s, k)) != 0) {
            json_decref(a);
            return NULL;
        }
        s += k;
    }
    return a;
}

static json_t *text_value(const xml_layout *L, const char *name, const char *text)
{
    json_int_t v;

    if (!L->typed)
        return json_string(text);
    if (strcmp(name, "CandidateIds") == 0)
        return idrefs(text);
    if (IS_INTEGER(name) && whole(text, &v))
        return json_integer(v);
    /* xsd:boolean, the one tally reads */
    if (strcmp(name, "IsWriteIn") == 0 && (strcmp(text, "true") == 0 || strcmp(text, "1") == 0))
        return json_true();
    if (strcmp(name, "IsWriteIn") == 0 && (strcmp(text, "false") == 0 || strcmp(text, "0") == 0))
        return json_false();
    return json_string(text);
}

/* Add v (stolen) as obj's member name; 0 on allocation failure. */
static int add(json_t *obj, const char *name, json_t *v, int array)
{
    json_t *have = json_object_get(obj, name), *a;

    if (!v)
        return 0;
    if (!have && !array)
        return json_object_set_new(obj, name, v) == 0;
    if (have && json_is_array(have))
        return json_array_append_new(have, v) == 0;
    if (!(a = json_array())) {
        json_decref(v);
        return 0;
    }
    if (have && json_array_append(a, have) != 0) {
        json_decref(a);
        json_decref(v);
        return 0;
    }
    if (json_array_append_new(a, v) != 0) { /* v is freed either way */
        json_decref(a);
        return 0;
    }
    return json_object_set_new(obj, name, a) == 0; /* as is a */
}

/* el's attributes and children into obj; 0 on allocation failure. */
static int fill(const xml_layout *L, const xmlNode *el, json_t *obj)
{
    char key[160];

    if (json_object_set_new(obj, "@line", json_integer(xmlGetLineNo(el))) != 0)
        return 0;
    for (const xmlAttr *a = el->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        const char *val = a->children && a->children->content
                              ? (const char *)a->children->content
                              : "";
        if (strcmp(an, "ObjectId") == 0) {
            if (json_object_set_new(obj, "@id", json_string(val)) != 0)
                return 0;
        } else if (strcmp(an, "type") == 0 && a->ns &&
                   strcmp((const char *)a->ns->href, XSI_NS) == 0) {
            const char *colon = strchr(val, ':');
            char t[160];
            snprintf(t, sizeof t, "CVR.%s", colon ? colon + 1 : val);
            if (json_object_set_new(obj, "@type", json_string(t)) != 0)
                return 0;
        }
    }
    for (const xmlNode *c = el->children; c; c = c->next) {
        const char *cn = (const char *)c->name;
        json_t *v;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_object(L, c)) {
            if (!(v = json_object()) || !fill(L, c, v)) {
                json_decref(v);
                return 0;
            }
        } else {
            xmlChar *t = xmlNodeGetContent(c);
            if (!t)
                return 0;
            v = text_value(L, cn, (const char *)t);
            xmlFree(t);
            snprintf(key, sizeof key, "@line:%s", cn);
            if (v && !json_object_get(obj, key) &&
                json_object_set_new(obj, key, json_integer(xmlGetLineNo(c))) != 0) {
                json_decref(v);
                return 0;
            }
        }
        if (L->typed && strcmp(cn, "CandidateIds") == 0 && v && json_object_get(obj, cn)) {
            /* a second CandidateIds list extends the first */
            int ok = json_array_extend(json_object_get(obj, cn), v) == 0;
            json_decref(v);
            if (!ok)
                return 0;
        } else if (!add(obj, cn, v, IS_ARRAY(cn) && strcmp(cn, "CandidateIds") != 0)) {
            return 0;
        }
    }
    return 1;
}

/* libxml2's first error (later ones follow from it: a mismatched tag is
** followed by an early end of the document). */
typedef struct first_error {
    int set, nomem, line, column;
    char msg[TALLY_ERROR_MSG_MAX];
} first_error;

static void on_error(void *data, xmlErrorPtr e)
{
    first_error *f = ((xmlParserCtxtPtr)data)->_private;

    if (!f || f->set || !e || e->level < XML_ERR_ERROR)
        return;
    f->set = 1;
    f->nomem = e->code == XML_ERR_NO_MEMORY;
    f->line = e->line;
    f->column = e->int2;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "not well-formed");
    f->msg[strcspn(f->msg, "\n")] = '\0';
}

/* The document in text as L's tree. */
static tally_status load(const xml_layout *L, const char *text, size_t len, const char *name,
                         json_t **out, tally_error *err)
{
    xmlParserCtxtPtr ctx;
    xmlDocPtr doc;
    json_t *root = NULL;
    tally_status st = TALLY_OK;

    *out = NULL;
    if (len > (size_t)0x7fffffff)
        return tally_error_set(err, TALLY_EINVAL, name, 0, 0, "the file is too large");
    first_error first = { 0 };

    if (!(ctx = xmlNewParserCtxt()))
        return tally_error_set(err, TALLY_ENOMEM, name, 0, 0, "out of memory");
    /* libxml2 2.9 reports a parser's errors to sax->serror with the
    ** context (its userData) as data. */
    ctx->_private = &first;
    ctx->sax->serror = on_error;
    doc = xmlCtxtReadMemory(ctx, text, (int)len, name, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
    if (!doc || !ctx->wellFormed) {
        if (first.nomem)
            st = tally_error_set(err, TALLY_ENOMEM, name, 0, 0, "out of memory");
        else
            st = tally_error_set(err, TALLY_EINVAL, name, first.line, first.column,
                                 "not well-formed XML: %s",
                                 first.set ? first.msg : "no document");
        goto done;
    }
    if (!(root = json_object()) ||
        (L->type && json_object_set_new(root, "@type", json_string(L->type)) != 0) ||
        !fill(L, xmlDocGetRootElement(doc), root)) {
        st = tally_error_set(err, TALLY_ENOMEM, name, 0, 0, "out of memory");
        json_decref(root);
        root = NULL;
        goto done;
    }
    if (strcmp((const char *)xmlDocGetRootElement(doc)->name, L->root) != 0) {
        st = tally_error_set(err, TALLY_EINVAL, name, xmlGetLineNo(xmlDocGetRootElement(doc)), 0,
                             "the root element is <%s>, not <%s> "
                             "(no column: libxml2 keeps none for an element)",
                             (const char *)xmlDocGetRootElement(doc)->name, L->root);
        json_decref(root);
        root = NULL;
    }
done:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctx);
    *out = root;
    return st;
}

tally_status tally_cdf_xml_load(const char *text, size_t len, const char *name, json_t **out,
                                tally_error *err)
{
    return load(&CDF_LAYOUT, text, len, name, out, err);
}

tally_status tally_hart_xml_load(const char *text, size_t len, const char *name, json_t **out,
                                 tally_error *err)
{
    return load(&HART_LAYOUT, text, len, name, out, err);
}
