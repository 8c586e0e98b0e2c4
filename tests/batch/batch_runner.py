"""Runs a test file's `test_*` functions in name order, one line per test, with a
traceback for each failure (BATCH_TEST=part runs only the names containing it)."""
import os
import time
import traceback


def run_test_functions(namespace, leave_out=()):
    """namespace: the module's globals(); leave_out: names not to run here.
    Returns (passed, failed)."""
    tests = [v for k, v in sorted(namespace.items()) if k.startswith("test_") and callable(v)]
    only = os.environ.get("BATCH_TEST")
    passed = failed = 0
    for t in tests:
        if (only and only not in t.__name__) or t.__name__ in leave_out:
            continue
        start = time.time()
        try:
            t()
            passed += 1
            print(f"ok   {t.__name__} ({time.time() - start:.1f} s)", flush=True)
        except Exception:
            failed += 1
            print(f"FAIL {t.__name__}", flush=True)
            traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return passed, failed
