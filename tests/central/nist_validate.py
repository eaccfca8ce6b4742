"""Validate a NIST SP 1500-100 Rev. 2 Election Results Reporting JSON document
against the published schema (NIST_V2_election_results_reporting.json,
JSON Schema draft 4), with Debian's python3-jsonschema.

The schema marks every reference to another object with "refTypes" (the
classes it may name), which JSON Schema itself does not check; this checks
it too: each such id must be the @id of an object in the document whose
@type is one of them.

Usage: nist_validate.py SCHEMA DOCUMENT
Exit status: 0 valid; 1 invalid, the first fault on standard output;
77 without the jsonschema module (skipped).
"""
import json
import sys

try:
    import jsonschema
    from jsonschema import validators
except ImportError:
    print("skipped: python3-jsonschema is not installed (scripts/bootstrap installs it)")
    sys.exit(77)


def ids_of(doc):
    """Every @id in the document, with its @type."""
    found = {}
    stack = [doc]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if "@id" in v:
                found[v["@id"]] = v.get("@type")
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return found


def cause(e):
    """The fault under a oneOf: the alternatives are the classes a member may
    be, each named by its @type, so the fault is the one within the
    alternative whose @type the object has."""
    while e.context:
        groups = {}
        for sub in e.context:
            groups.setdefault(sub.schema_path[0], []).append(sub)
        mine = [g for g in groups.values()
                if not any(list(sub.relative_path) == ["@type"] for sub in g)]
        if len(mine) != 1:
            break
        e = min(mine[0], key=lambda sub: len(sub.path))
    return e


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    doc = json.load(open(sys.argv[2], encoding="utf-8"))
    ids = ids_of(doc)

    def ref_types(validator, types, instance, _schema):
        if not isinstance(instance, str):
            return
        if instance not in ids:
            yield jsonschema.ValidationError("%r is the @id of no object" % instance)
        elif ids[instance] not in types:
            yield jsonschema.ValidationError(
                "%r is a %s, not one of %s" % (instance, ids[instance], ", ".join(types)))

    cls = validators.extend(jsonschema.Draft4Validator, {"refTypes": ref_types})
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        e = cause(errors[0])
        print("invalid at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message))
        return 1
    print("valid")
    return 0


sys.exit(main())
