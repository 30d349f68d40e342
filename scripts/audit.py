"""Known vulnerabilities in the pinned packages (pip-audit against PyPI's advisory data).

Audits constraints.txt, which pins every package the site, its tests and its tools install,
exactly as pinned (no resolution, nothing installed). Exit status, for CI:
- 1 when a pinned version has a known vulnerability that a newer version fixes: upgrade it;
- 0 with a warning when a vulnerability has no fix yet (nothing to do but watch), or when the
  advisory service cannot be reached (a network failure must not block a deployment; the
  next run audits again).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NETWORK_ERRORS = (
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "Max retries exceeded",
    "NameResolutionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
)


def run_pip_audit(requirements):
    return subprocess.run(  # noqa: S603 (this interpreter's pip-audit, our file)
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--requirement",
            str(requirements),
            "--no-deps",
            "--disable-pip",
            "--format",
            "json",
            "--progress-spinner",
            "off",
            "--vulnerability-service",
            "pypi",
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def findings(report):
    """(package, version, advisory id, fix versions) for each known vulnerability."""
    for dependency in report.get("dependencies", []):
        for vulnerability in dependency.get("vulns", []):
            yield (
                dependency["name"],
                dependency.get("version", "?"),
                vulnerability["id"],
                vulnerability.get("fix_versions", []),
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", default=REPO / "constraints.txt", type=Path)
    args = parser.parse_args(argv)

    result = run_pip_audit(args.requirements)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        if any(marker in result.stderr for marker in NETWORK_ERRORS):
            print("AVERTISSEMENT : audit impossible, service d'avis injoignable.", file=sys.stderr)
            print(result.stderr.strip().splitlines()[-1], file=sys.stderr)
            return 0
        print(result.stderr, file=sys.stderr)
        return result.returncode or 1

    fixable = []
    for name, version, advisory, fixes in findings(report):
        if fixes:
            fixable.append(f"{name} {version} : {advisory}, corrigé en {', '.join(fixes)}")
        else:
            print(f"AVERTISSEMENT : {name} {version} : {advisory}, sans correctif publié.")
    audited = len(report.get("dependencies", []))
    if fixable:
        print("Vulnérabilités connues, corrigées dans une version plus récente :")
        print("\n".join(f"- {line}" for line in fixable))
        return 1
    print(f"{audited} paquets audités : aucune vulnérabilité corrigeable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
