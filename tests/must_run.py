"""What a Python test does where it cannot check something (scripts/test.sh).

Outside CI a missing tool or input skips (ctest SKIP_RETURN_CODE 77) or leaves a
part unchecked, said on a line scripts/test.sh lists at the end of the run. Under
BANGFU_REQUIRE_ALL=1 (scripts/test.sh --require-all) or CI=true nothing may be
skipped: the same place is a failure."""
import os
import sys

SKIP = 77  # ctest SKIP_RETURN_CODE of every py.* test (tests/CMakeLists.txt)


def required():
    return os.environ.get("BANGFU_REQUIRE_ALL") == "1" or os.environ.get("CI") == "true"


def skip(reason):
    """Ends the test: skipped, or failed when everything is required."""
    if required():
        print(f"FAIL: {reason} (BANGFU_REQUIRE_ALL=1 / CI=true: nothing may be skipped)", flush=True)
        sys.exit(1)
    print(f"SKIPPED: {reason}", flush=True)
    sys.exit(SKIP)


def not_checked(reason, fail):
    """A part of a test that cannot run: `fail(message)` when everything is
    required, else a NOT CHECKED line for scripts/test.sh's closing list."""
    if required():
        fail(f"{reason} (BANGFU_REQUIRE_ALL=1 / CI=true: nothing may be skipped)")
    else:
        print(f"NOT CHECKED: {reason}", flush=True)
