"""Validates FHIR resources with the `fhir.resources` package (PyPI): the OperationOutcomes the
service answered with, the Bundles the end-to-end test's FHIR server sent, and the example
Bundles in examples/fhir/.

fhir.resources 8 ships R5 (default), R4B and STU3 models, not R4; R4B is the nearest (its
Patient, Observation, Condition, DiagnosticReport, Bundle and OperationOutcome are the R4
resources with technical corrections). Usage: python validate_fhir.py ARTIFACT_DIR EXAMPLES_DIR
"""

import json
import pathlib
import sys

from fhir.resources.R4B import get_fhir_model_class


def validate(path: pathlib.Path) -> str | None:
    data = json.loads(path.read_text(encoding="utf-8"))
    kind = data.get("resourceType")
    if not isinstance(kind, str):
        return "no resourceType"
    try:
        get_fhir_model_class(kind).model_validate(data)
    except Exception as e:  # noqa: BLE001 - the validator's message is the report
        return f"{kind}: {e}"
    return None


def main() -> int:
    artifacts = pathlib.Path(sys.argv[1])
    examples = pathlib.Path(sys.argv[2])
    files = sorted(artifacts.glob("outcome-*.json")) + sorted(artifacts.glob("bundle-*.json"))
    files += sorted(examples.glob("*.json"))
    outcomes = [f for f in files if f.name.startswith("outcome-")]
    if len(outcomes) < 10 or not any(f.name.startswith("bundle-") for f in files):
        print(f"fhir.resources: expected OperationOutcomes and Bundles in {artifacts}", file=sys.stderr)
        return 1
    failed = 0
    for f in files:
        err = validate(f)
        if err:
            failed += 1
            print(f"fhir.resources: {f.name}: {err}", file=sys.stderr)
    print(f"fhir.resources (R4B models): {len(files) - failed} of {len(files)} resources valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
