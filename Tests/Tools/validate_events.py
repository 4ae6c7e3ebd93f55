#!/usr/bin/env python3
"""Validates JSON documents against Quimbi's event schemas (JSON Schema 2020-12, formats checked).

Usage: validate_events.py SCHEMA_DIR SCHEMA_FILE DOCUMENTS.jsonl
Prints one line per document: "ok" or "invalid: <first error>". Exit code 0 when the run itself worked.
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource


def main() -> int:
    schema_dir = pathlib.Path(sys.argv[1])
    registry = Registry()
    for path in schema_dir.glob("*.json"):
        resource = Resource.from_contents(json.loads(path.read_text()))
        registry = registry.with_resource(uri=path.name, resource=resource)
        registry = registry.with_resource(uri=resource.id(), resource=resource)
    schema = json.loads((schema_dir / sys.argv[2]).read_text())
    validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    with open(sys.argv[3], encoding="utf-8", errors="surrogateescape") as documents:
        for line in documents:
            try:
                document = json.loads(line)
            except ValueError as error:
                print(f"invalid: not JSON: {error}")
                continue
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
            print("ok" if not errors else f"invalid: {'/'.join(map(str, errors[0].path))}: {errors[0].message[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
