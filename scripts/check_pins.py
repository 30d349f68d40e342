"""Do the pinned packages install on the oldest Python the site supports?

Resolves pyproject.toml's dependencies and every extra against constraints.txt for another
Python version (Debian 12's 3.11.2 by default) from wheels only, as `pip install` would on that
machine, without installing anything: a pin whose wheel requires a newer Python (soupsieve 4
needs 3.11.5) fails here rather than on the server. A yanked pin fails too: its authors
withdrew it, often because it is broken on exactly these older interpreters.

Exit status 1 with pip's explanation when the set does not resolve or holds a yanked pin.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# pip's warning for a yanked candidate (its JSON report has no such field before pip 24).
YANKED = re.compile(r"yanked version: '([^']+)' candidate \(version (\S+)")


def requirements():
    """The direct requirements of the site, its tests and its tools."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project.get("optional-dependencies", {}).values()
    return project["dependencies"] + [dep for extra in extras for dep in extra]


def resolve(python_version, folder):
    """(packages pip would install for `python_version`, yanked pins), or exit with pip's
    error."""
    listing = folder / "requirements.txt"
    listing.write_text("\n".join(requirements()) + "\n")
    report = folder / "report.json"
    result = subprocess.run(  # noqa: S603 (this interpreter's pip, our files)
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            f"--python-version={python_version}",
            f"--target={folder / 'target'}",
            f"--constraint={REPO / 'constraints.txt'}",
            f"--requirement={listing}",
            f"--report={report}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "is ignored" not in line]
        sys.exit(
            f"The pinned set does not install on Python {python_version}:\n" + "\n".join(errors)
        )
    yanked = [f"{name}=={version}" for name, version in YANKED.findall(result.stderr)]
    return json.loads(report.read_text())["install"], yanked


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-version", default="3.11.2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pole-pins-") as folder:
        packages, yanked = resolve(args.python_version, Path(folder))
    if yanked:
        sys.exit(f"Yanked pins (choose another version): {', '.join(yanked)}")
    print(f"{len(packages)} pinned packages install on Python {args.python_version}.")


if __name__ == "__main__":
    main()
