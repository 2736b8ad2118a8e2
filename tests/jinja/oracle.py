#!/usr/bin/env python3
"""The reference side of the differential template tests: renders every case with Python's Jinja2.

Reads the case files (YAML) given on the command line and writes one JSON document to the output path:
a list of {file, name, template, context, options, output} or {..., error: {message, line}}. The C++ test
(tests/tst_jinja.cpp) renders the same template and context with OpsDeck's engine and compares byte for byte.

A case file is a mapping:
    context: {...}            # shared by every case of the file (optional)
    options: {...}            # shared options (optional)
    cases:
      name: "template text"                      # short form
      other: {template: "...", context: {...}, undefined: lenient, trim_blocks: false, lstrip_blocks: true,
              keep_trailing_newline: false}

The environment is Ansible's template module: trim_blocks on, lstrip_blocks off, keep_trailing_newline on,
StrictUndefined unless the case says lenient (jinja2.Undefined) or chainable (ChainableUndefined), and the
Ansible filters of ansible.plugins.filter.core when Ansible is importable (cases using them are marked
`ansible: true` and skipped otherwise).
"""
import json
import sys
import traceback

import jinja2
import yaml
from jinja2 import ChainableUndefined, Environment, StrictUndefined, Undefined

try:
    from ansible.plugins.filter.core import FilterModule
    from ansible.plugins.filter.mathstuff import FilterModule as MathFilterModule

    from ansible.plugins.test.core import TestModule
    from ansible.plugins.test.files import TestModule as FilesTestModule
    from ansible.plugins.test.mathstuff import TestModule as MathTestModule

    ANSIBLE_FILTERS = dict(MathFilterModule().filters())
    ANSIBLE_FILTERS.update(FilterModule().filters())
    ANSIBLE_TESTS = dict(TestModule().tests())
    ANSIBLE_TESTS.update(MathTestModule().tests())
    ANSIBLE_TESTS.update(FilesTestModule().tests())
except Exception:  # noqa: BLE001 - Ansible is optional
    ANSIBLE_FILTERS = None
    ANSIBLE_TESTS = None

WANTED_ANSIBLE_TESTS = ["match", "search", "regex", "version", "version_compare", "subset", "issubset", "superset",
                        "issuperset", "contains", "any", "all", "truthy", "falsy", "nan", "isnan", "abs", "is_abs"]
UNDEFINED = {"strict": StrictUndefined, "lenient": Undefined, "chainable": ChainableUndefined}
WANTED_ANSIBLE = ["to_json", "to_nice_json", "to_yaml", "to_nice_yaml", "b64encode", "b64decode", "regex_replace",
                  "regex_search", "regex_findall", "regex_escape", "ternary", "combine", "dict2items", "items2dict",
                  "mandatory", "quote", "bool", "flatten", "basename", "dirname", "hash", "checksum", "md5", "sha1", "random",
                  "shuffle", "union", "intersect", "difference", "symmetric_difference", "zip", "zip_longest",
                  "extract", "comment", "path_join", "splitext", "split", "type_debug", "to_uuid", "from_json",
                  "from_yaml"]


def sorted_dicts(value):
    """Our inventory hands variables over as QVariantMap (sorted keys): mimic that for the reference."""
    if isinstance(value, dict):
        return {k: sorted_dicts(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list):
        return [sorted_dicts(v) for v in value]
    return value


def template_line(exc):
    line = getattr(exc, "lineno", None)
    if line:
        return line
    # Runtime errors: Jinja2 rewrites tracebacks so that template frames carry the template's line numbers.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == "<template>":
            return frame.lineno
    return 0


def render(case):
    opts = case["options"]
    env = Environment(
        trim_blocks=opts.get("trim_blocks", True),
        lstrip_blocks=opts.get("lstrip_blocks", False),
        keep_trailing_newline=opts.get("keep_trailing_newline", True),
        undefined=UNDEFINED[opts.get("undefined", "strict")],
        autoescape=False,
    )
    if ANSIBLE_FILTERS:
        for name in WANTED_ANSIBLE:
            if name in ANSIBLE_FILTERS:
                env.filters[name] = ANSIBLE_FILTERS[name]
        for name in WANTED_ANSIBLE_TESTS:
            env.tests[name] = ANSIBLE_TESTS[name]
    try:
        tmpl = env.from_string(case["template"])
        return {"output": tmpl.render(**case["context"])}
    except Exception as exc:  # noqa: BLE001 - every failure is an expected "error" outcome
        return {"error": {"message": "%s: %s" % (type(exc).__name__, exc), "line": template_line(exc)}}


def main():
    out_path = sys.argv[1]
    results = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        shared_context = doc.get("context") or {}
        shared_options = doc.get("options") or {}
        for name, spec in (doc.get("cases") or {}).items():
            if isinstance(spec, str):
                spec = {"template": spec}
            context = dict(shared_context)
            context.update(spec.get("context") or {})
            options = dict(shared_options)
            for key in ("undefined", "trim_blocks", "lstrip_blocks", "keep_trailing_newline"):
                if key in spec:
                    options[key] = spec[key]
            if spec.get("ansible") and ANSIBLE_FILTERS is None:
                continue
            case = {
                "file": path.rsplit("/", 1)[-1],
                "name": str(name),
                "template": spec["template"],
                "context": sorted_dicts(context),
                "options": options,
            }
            case.update(render(case))
            results.append(case)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"jinja2": jinja2.__version__, "ansible": ANSIBLE_FILTERS is not None, "cases": results}, f,
                  ensure_ascii=False)


if __name__ == "__main__":
    main()
