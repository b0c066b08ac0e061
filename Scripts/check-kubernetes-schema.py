#!/usr/bin/env python3
"""Validates the core Kubernetes objects pgha rendered against the Kubernetes schema of the version the spec targets.

    python3 Scripts/check-kubernetes-schema.py DIR...
    python3 Scripts/check-kubernetes-schema.py --self-test

Each DIR is an output directory of `pgha render` (or holds several): every directory with a spec record
`.pgha/spec.json` is checked. The record's `azure.kubernetesVersion` picks the schema; the YAML files the directory's
`.pgha-files` lists are read, and every object in them whose API group is Kubernetes' own (StorageClass, Service, ...)
is validated in strict mode (a field the schema does not know is an error) with kubernetes-validate's bundled JSON
schemas. When the package has no schema for that version, the newest it has is used and the output says so. Objects of
the CRDs pgha renders (CloudNativePG, Barman Cloud, Prometheus operator) are validated against their CRDs by
CRDConformanceTests; kustomization.yaml is kustomize's configuration, not an API object. An object of any other group
is an error: the script has no schema for it.

--self-test proves the check can fail: a StorageClass with a misspelled field must be refused with the schema's
message, the same object spelled right must pass, and an object of an unknown group must be refused.

Exits 0 when every object validates, 1 when one does not, 2 on bad input (no spec record, unreadable YAML, a version
the package cannot serve). Needs the kubernetes-validate package (`pip install kubernetes-validate`).
"""

import json
import os
import sys
import tempfile

import kubernetes_validate
import yaml
from kubernetes_validate.utils import all_versions

CRD_GROUPS = {
    "postgresql.cnpg.io",
    "barmancloud.cnpg.io",
    "monitoring.coreos.com",
    "azmonitoring.coreos.com",
}
CONFIGURATION_GROUPS = {"kustomize.config.k8s.io"}


class BadInput(Exception):
    """An output directory the check cannot read: exit 2."""


def minor(version):
    """(1, 36) for "1.36", "1.36.0" or "v1.36"."""
    parts = version.lstrip("v").split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        raise BadInput(f"'{version}' is not a Kubernetes version such as 1.36")


def schema_version(target):
    """The schema version to validate a spec targeting `target` against, and a note when it is not that version."""
    available = {minor(version): version for version in all_versions()}
    wanted = minor(target)
    if wanted in available:
        return available[wanted], None
    newest = max(available)
    if wanted > newest:
        return available[newest], (
            f"kubernetes-validate {kubernetes_validate.__version__} has no schema for Kubernetes {target} "
            f"(it has {'.'.join(map(str, min(available)))} to {'.'.join(map(str, newest))}): "
            f"validated against {'.'.join(map(str, newest))}, the newest it has")
    raise BadInput(f"kubernetes-validate {kubernetes_validate.__version__} has no schema for Kubernetes {target} "
                   f"nor for any newer one up to it (it has {'.'.join(map(str, min(available)))} to "
                   f"{'.'.join(map(str, newest))})")


def group(api_version):
    """The API group of an apiVersion: "" for the core group (v1)."""
    return api_version.rpartition("/")[0]


def spec_directories(root):
    """Every directory under `root` (itself included) that holds a spec record, sorted."""
    found = sorted(directory for directory, _, files in os.walk(root)
                   if os.path.basename(directory) == ".pgha" and "spec.json" in files)
    if not found:
        raise BadInput(f"{root}: no .pgha/spec.json: not an output directory of pgha render")
    return [os.path.dirname(directory) for directory in found]


def rendered_yaml_files(directory):
    """The YAML files pgha wrote into `directory`, as its .pgha-files lists them."""
    listing = os.path.join(directory, ".pgha-files")
    try:
        with open(listing, encoding="utf-8") as handle:
            lines = [line.strip() for line in handle]
    except OSError as error:
        raise BadInput(f"{listing}: {error.strerror}")
    return [line for line in lines if line and not line.startswith("#") and line.endswith(".yaml")]


def target_version(directory):
    record = os.path.join(directory, ".pgha", "spec.json")
    try:
        with open(record, encoding="utf-8") as handle:
            version = json.load(handle)["azure"]["kubernetesVersion"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadInput(f"{record}: no azure.kubernetesVersion to validate against ({error})")
    return str(version)


def check_directory(directory, out):
    """Validates one output directory's core objects; returns how many failed."""
    target = target_version(directory)
    version, note = schema_version(target)
    if note:
        print(f"{directory}: {note}", file=out)
    failures = 0
    for path in rendered_yaml_files(directory):
        file = os.path.join(directory, path)
        try:
            with open(file, encoding="utf-8") as handle:
                objects = [item for item in yaml.safe_load_all(handle) if item]
        except (OSError, yaml.YAMLError) as error:
            raise BadInput(f"{file}: cannot be read as YAML: {error}")
        for item in objects:
            failures += check_object(file, item, version, out)
    return failures


def check_object(file, item, version, out):
    """Validates one object; returns 1 when it fails, 0 when it passes or is not a core kind."""
    if not isinstance(item, dict) or not isinstance(item.get("apiVersion"), str) or "kind" not in item:
        print(f"{file}: a document without apiVersion and kind", file=out)
        return 1
    name = f"{item['kind']}/{(item.get('metadata') or {}).get('name', '?')}"
    api_group = group(item["apiVersion"])
    if api_group in CRD_GROUPS or api_group in CONFIGURATION_GROUPS:
        return 0
    shown = ".".join(version.split(".")[:2])
    try:
        kubernetes_validate.validate(item, version, strict=True)
    except kubernetes_validate.ValidationError as error:
        location = ".".join(str(part) for part in error.path) or "(the object)"
        print(f"{file}: {name} does not validate against Kubernetes {shown} (strict): {location}: {error.message}",
              file=out)
        return 1
    except kubernetes_validate.SchemaNotFoundError:
        print(f"{file}: {name}: Kubernetes {shown} has no {item['kind']} in {item['apiVersion']}, and "
              f"{api_group or 'v1'} is not a CRD group this check knows", file=out)
        return 1
    print(f"{file}: {name} validates against Kubernetes {shown} (strict)", file=out)
    return 0


STORAGE_CLASS = """\
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: self-test-premium-v2
provisioner: disk.csi.azure.com
parameters:
  skuName: PremiumV2_LRS
reclaimPolicy: Delete
allowVolumeExpansion: true
{binding}: WaitForFirstConsumer
"""


def self_test():
    """Runs the check on made-up output directories and asserts what it reports; returns the exit status."""
    cases = [
        ("misspelled", STORAGE_CLASS.format(binding="volumeBindingMod"), 1,
         "StorageClass/self-test-premium-v2 does not validate against Kubernetes 1.36 (strict): (the object): "
         "Additional properties are not allowed ('volumeBindingMod' was unexpected)"),
        ("spelled right", STORAGE_CLASS.format(binding="volumeBindingMode"), 0,
         "StorageClass/self-test-premium-v2 validates against Kubernetes 1.36 (strict)"),
        ("unknown group", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n", 1,
         "Widget/w: Kubernetes 1.36 has no Widget in example.com/v1, and example.com is not a CRD group this check "
         "knows"),
    ]
    failed = False
    for title, manifest, expected_failures, expected_line in cases:
        with tempfile.TemporaryDirectory() as directory:
            os.mkdir(os.path.join(directory, ".pgha"))
            with open(os.path.join(directory, ".pgha", "spec.json"), "w", encoding="utf-8") as handle:
                json.dump({"azure": {"kubernetesVersion": "1.36"}}, handle)
            with open(os.path.join(directory, ".pgha-files"), "w", encoding="utf-8") as handle:
                handle.write("# listing\n.pgha/spec.json\nobject.yaml\n")
            with open(os.path.join(directory, "object.yaml"), "w", encoding="utf-8") as handle:
                handle.write(manifest)
            with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
                failures = check_directory(directory, out)
                out.seek(0)
                report = out.read()
        expected = f"{os.path.join(directory, 'object.yaml')}: {expected_line}\n"
        if failures != expected_failures or report != expected:
            failed = True
            print(f"self-test '{title}' FAILED: expected {expected_failures} failure(s) and\n  {expected}"
                  f"got {failures} and\n  {report}", file=sys.stderr)
        else:
            print(f"self-test '{title}': {report.strip()}")
    return 1 if failed else 0


def main(arguments):
    if arguments == ["--self-test"]:
        return self_test()
    if not arguments or any(argument.startswith("-") for argument in arguments):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    carried = sorted({minor(version) for version in all_versions()})
    print(f"kubernetes-validate {kubernetes_validate.__version__}: schemas for Kubernetes "
          f"{', '.join('.'.join(map(str, version)) for version in carried)}")
    failures = 0
    try:
        for root in arguments:
            for directory in spec_directories(root):
                failures += check_directory(directory, sys.stdout)
    except BadInput as error:
        print(error, file=sys.stderr)
        return 2
    if failures:
        print(f"{failures} object(s) do not validate against their Kubernetes schema", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
