#!/usr/bin/env bash
# The README's test line: install everything the suite needs, then run all of it.
# Works on a fresh machine with Python 3.11+ and pip; Debian packages the suite uses
# (tmux for the end-to-end terminal test, espeak-ng for the real text-to-speech test, chromium
# to print the HTML report to PDF and check it fits one A4 page) are
# installed with apt-get when missing and we are allowed to. Under CI (CI set) the tests that
# need them fail rather than skip when they are still missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${COACH_TEST_VENV:-.venv}

debian_packages=()
command -v tmux >/dev/null 2>&1 || debian_packages+=(tmux)
command -v espeak-ng >/dev/null 2>&1 || debian_packages+=(espeak-ng)
command -v chromium >/dev/null 2>&1 || debian_packages+=(chromium)
if [ ${#debian_packages[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    as_root=""
    [ "$(id -u)" -eq 0 ] || as_root="sudo -n"
    echo "Installing Debian packages: ${debian_packages[*]}"
    $as_root apt-get update -qq || echo "warning: apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends \
        "${debian_packages[@]}" >/dev/null || echo "warning: could not install ${debian_packages[*]}"
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints/test.txt -e '.[test]'

echo "== ruff check";         "$VENV/bin/ruff" check coach tests benchmarks
echo "== ruff format --check"; "$VENV/bin/ruff" format --check coach tests benchmarks
echo "== mypy --strict coach"; "$VENV/bin/mypy" --strict coach
echo "== pytest"
# pytest exits 5 when it collected no tests: that is a failure here, as any non-zero exit is.
# Tests run on up to four processes (pytest-xdist); each test has its own coach home.
exec "$VENV/bin/python" -m pytest -n auto --maxprocesses 4 "$@"
