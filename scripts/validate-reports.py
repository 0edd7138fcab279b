#!/usr/bin/env python3
"""Validate assetlint reports against the schemas their consumers use.

    python3 scripts/validate-reports.py                      # every report in Fixtures/golden
    python3 scripts/validate-reports.py report.xml results.sarif out.json
    python3 scripts/validate-reports.py --type junit report.txt

Needs `pip install xmlschema jsonschema`.

Report types, by file name (or --type):
  *.junit, *.xml            JUnit XML   -> Fixtures/schemas/junit-jenkins.xsd (the Jenkins JUnit schema)
                                           plus: suite/total counts agree with the test cases
  *.sarif, *.sarif.json     SARIF       -> Fixtures/schemas/sarif-schema-2.1.0.json (OASIS SARIF 2.1.0)
                                           plus: what GitHub code scanning relies on (ruleIndex
                                           points at ruleId, absolute helpUri, regions in order,
                                           partialFingerprints, relative or file: artifact URIs)
  *.json                    by content: SARIF when it has "runs", the assetlint json format when
                            it has "files" -> Fixtures/schemas/assetlint-report-v1.schema.json
Directories are searched (not recursively) for those names; other files in them are ignored.

Exit status: 0 every report valid, 1 some report invalid, 2 usage error or missing module.
"""

import argparse
import json
import os
import sys
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "Fixtures", "schemas")
DEFAULT_JUNIT_XSD = os.path.join(SCHEMAS, "junit-jenkins.xsd")
DEFAULT_SARIF_SCHEMA = os.path.join(SCHEMAS, "sarif-schema-2.1.0.json")
DEFAULT_JSON_SCHEMA = os.path.join(SCHEMAS, "assetlint-report-v1.schema.json")
DEFAULT_PATHS = [os.path.join(ROOT, "Fixtures", "golden")]

try:
    import jsonschema
    import xmlschema
except ImportError as missing:  # pragma: no cover - depends on the machine
    print(f"validate-reports: {missing}; run `pip install xmlschema jsonschema`", file=sys.stderr)
    sys.exit(2)


def report_type(path, forced):
    if forced:
        return forced
    name = os.path.basename(path).lower()
    if name.endswith((".junit", ".xml")):
        return "junit"
    if name.endswith((".sarif", ".sarif.json")):
        return "sarif"
    if name.endswith(".json"):
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError):
            return "json"  # the schema check reports the parse error
        if isinstance(document, dict) and "runs" in document:
            return "sarif"
        return "json"
    return None


def collect(paths, forced):
    found = []
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                kind = report_type(full, forced)
                if os.path.isfile(full) and kind:
                    found.append((full, kind))
        elif os.path.isfile(path):
            kind = report_type(path, forced)
            if kind is None:
                raise SystemExit(f"validate-reports: cannot tell the report type of {path}; use --type")
            found.append((path, kind))
        else:
            raise SystemExit(f"validate-reports: no such file or directory: {path}")
    return found


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def schema_errors(validator, document):
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
    ]


def check_junit(path, schema):
    problems = [str(error.reason or error) for error in schema.iter_errors(path)]
    if problems:
        return problems
    root = ElementTree.parse(path).getroot()
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        actual = {
            "tests": len(cases),
            "failures": sum(1 for case in cases if case.find("failure") is not None),
            "errors": sum(1 for case in cases if case.find("error") is not None),
        }
        for key, value in actual.items():
            if suite.get(key) != str(value):
                problems.append(f"testsuite {suite.get('name')!r}: {key}={suite.get(key)} but {value} counted")
            totals[key] += value
    if root.tag == "testsuites":
        for key, value in totals.items():
            if root.get(key) is not None and root.get(key) != str(value):
                problems.append(f"testsuites: {key}={root.get(key)} but {value} counted")
    return problems


def absolute_http(uri):
    parsed = urlparse(uri)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def check_artifact_uri(uri, where, problems):
    if "\\" in uri or " " in uri:
        problems.append(f"{where}: artifact uri {uri!r} is not a percent-encoded URI reference")
    parsed = urlparse(uri)
    if parsed.scheme not in ("", "file"):
        problems.append(f"{where}: artifact uri {uri!r} has scheme {parsed.scheme!r}")


def check_region(region, where, problems):
    if region is None:
        return
    start = (region.get("startLine", 1), region.get("startColumn", 1))
    end = (region.get("endLine", start[0]), region.get("endColumn", start[1]))
    if end < start:
        problems.append(f"{where}: region ends before it starts: {region}")


def check_sarif(path, validator):
    document = load_json(path)
    problems = schema_errors(validator, document)
    if problems:
        return problems
    if document.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    for run_number, run in enumerate(document.get("runs", [])):
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)):
            problems.append(f"runs/{run_number}: duplicate rule ids")
        for rule in rules:
            if "helpUri" in rule and not absolute_http(rule["helpUri"]):
                problems.append(f"rule {rule['id']}: helpUri {rule['helpUri']!r} is not an absolute http(s) URI")
            for key in ("shortDescription", "fullDescription", "help"):
                if key not in rule:
                    problems.append(f"rule {rule['id']}: no {key}")
        if "informationUri" in driver and not absolute_http(driver["informationUri"]):
            problems.append("driver.informationUri is not an absolute http(s) URI")
        if run.get("columnKind") != "unicodeCodePoints":
            problems.append(f"runs/{run_number}: columnKind is {run.get('columnKind')!r}, expected 'unicodeCodePoints'")
        if "invocations" not in run:
            problems.append(f"runs/{run_number}: no invocations")
        if "results" not in run:
            problems.append(f"runs/{run_number}: no results array")
        for index, result in enumerate(run.get("results", [])):
            where = f"runs/{run_number}/results/{index}"
            rule_index = result.get("ruleIndex")
            if rule_index is not None and (rule_index >= len(rules) or rules[rule_index]["id"] != result.get("ruleId")):
                problems.append(f"{where}: ruleIndex {rule_index} does not point at rule {result.get('ruleId')}")
            if result.get("ruleId") not in ids:
                problems.append(f"{where}: ruleId {result.get('ruleId')!r} is not in tool.driver.rules")
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            for location in result.get("locations", []) + result.get("relatedLocations", []):
                physical = location.get("physicalLocation", {})
                check_artifact_uri(physical.get("artifactLocation", {}).get("uri", ""), where, problems)
                check_region(physical.get("region"), where, problems)
            for fix in result.get("fixes", []):
                for change in fix["artifactChanges"]:
                    check_artifact_uri(change["artifactLocation"].get("uri", ""), where, problems)
    return problems


def check_json(path, validator):
    document = load_json(path)
    problems = schema_errors(validator, document)
    if problems:
        return problems
    diagnostics = [diagnostic for file in document["files"] for diagnostic in file["diagnostics"]]
    summary = document["summary"]
    expected = {
        "files": len(document["files"]),
        "errors": sum(1 for diagnostic in diagnostics if diagnostic["severity"] == "error"),
        "warnings": sum(1 for diagnostic in diagnostics if diagnostic["severity"] == "warning"),
        "infos": sum(1 for diagnostic in diagnostics if diagnostic["severity"] == "info"),
        "fixable": sum(1 for diagnostic in diagnostics if "fix" in diagnostic),
    }
    for key, value in expected.items():
        if summary[key] != value:
            problems.append(f"summary.{key} is {summary[key]} but {value} counted")
    for file in document["files"]:
        if "error" in file and file["diagnostics"]:
            problems.append(f"{file['path']}: an unreadable file with diagnostics")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="report files or folders (default: Fixtures/golden)")
    parser.add_argument("--type", choices=["junit", "sarif", "json"], help="treat every given file as this type")
    parser.add_argument("--junit-xsd", default=DEFAULT_JUNIT_XSD)
    parser.add_argument("--sarif-schema", default=DEFAULT_SARIF_SCHEMA)
    parser.add_argument("--json-schema", default=DEFAULT_JSON_SCHEMA)
    arguments = parser.parse_args()

    reports = collect(arguments.paths or DEFAULT_PATHS, arguments.type)
    if not reports:
        print("validate-reports: no reports found", file=sys.stderr)
        return 2
    junit_schema = xmlschema.XMLSchema(arguments.junit_xsd)
    format_checker = jsonschema.FormatChecker()
    sarif_schema = load_json(arguments.sarif_schema)
    sarif_validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema, format_checker=format_checker)
    json_schema = load_json(arguments.json_schema)
    json_validator = jsonschema.validators.validator_for(json_schema)(json_schema, format_checker=format_checker)

    invalid = 0
    for path, kind in reports:
        shown = os.path.relpath(path)
        try:
            if kind == "junit":
                problems = check_junit(path, junit_schema)
            elif kind == "sarif":
                problems = check_sarif(path, sarif_validator)
            else:
                problems = check_json(path, json_validator)
        except (OSError, ValueError, ElementTree.ParseError, xmlschema.XMLSchemaException) as error:
            problems = [f"cannot be read: {error}"]
        if problems:
            invalid += 1
            print(f"INVALID {shown} ({kind})")
            for problem in problems[:20]:
                print(f"    {problem}")
            if len(problems) > 20:
                print(f"    ... and {len(problems) - 20} more")
        else:
            print(f"valid   {shown} ({kind})")
    print(f"validated {len(reports)} report(s): {len(reports) - invalid} valid, {invalid} invalid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
