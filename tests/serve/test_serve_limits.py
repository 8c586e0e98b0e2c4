"""`bangfu serve`'s budget per check (issue 19; docs/serve.md "Limits"): every check
runs in its own worker process with a deadline and an address-space cap. A hostile
upload that would need far more memory, or far more time, than its budget is
answered with a located 422 naming the file and the limit (Chinese by default,
English under LANG=en_*), its worker is stopped, and the server keeps answering
other checks correctly, during and after, with no worker left behind."""
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402


def hostile_json(path, units):
    """A scheme of `units` repeated units: small on disk (~13 bytes each), but each
    one is a model object and a located diagnostic (ref.duplicate-units) to make."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"plugin":"lishui","units":[' + ",".join(['{"name":"a"}'] * units) + "]}")


class Serve:
    def __init__(self, bangfu, work, env):
        tmp = os.path.join(work, "tmp-" + str(len(os.listdir(work))))
        os.makedirs(tmp)
        self.tmp = tmp
        self.p = subprocess.Popen([bangfu, "serve"], stdout=subprocess.PIPE, text=True,
                                  env=dict(os.environ, TMPDIR=tmp, **env))
        m = re.search(r"127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{32})", self.p.stdout.readline() + self.p.stdout.readline())
        self.port, self.token = m.group(1), m.group(2)

    def check(self, path):
        with open(path, "rb") as f:
            body = f.read()
        q = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/check", data=body, method="POST",
                                   headers={"X-Bangfu-Token": self.token,
                                            "X-File-Name": urllib.parse.quote(os.path.basename(path))})
        start = time.time()
        try:
            with urllib.request.urlopen(q, timeout=120) as r:
                return r.status, json.loads(r.read()), time.time() - start
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read()), time.time() - start

    def workers(self):
        """Check workers still alive (our children in their own process groups)."""
        out = subprocess.run(["ps", "-eo", "pid,ppid,args"], capture_output=True, text=True).stdout
        return [l for l in out.splitlines() if "__check-worker" in l and str(self.p.pid) in l.split()[1:2]]

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        return self.p.wait(timeout=30)


def only(data):
    items = [i for g in data["diagnostics"]["groups"] for i in g["items"]]
    return items[0] if len(items) == 1 else None


def main():
    a = parse_args()
    ok = Checker()
    good = os.path.join(a.work, "丽水2019.xlsx")
    run([a.bangfu, "init", "--from", os.path.join(a.source, "examples/lishui-2019/scheme.json"), "-o", good])
    huge = os.path.join(a.work, "巨大.json")
    hostile_json(huge, 2_200_000)  # 28 MB, under the 32 MB upload cap

    def good_check(serve, label):
        status, data, _ = serve.check(good)
        ok.true(status == 200 and data["ok"] and len(data["appendices"]) == 2,
                f"{label}: the lishui workbook still checks clean with its two appendices ({status})")

    # 1. Memory: the default deadline, a 512 MB cap (the default). The lishui
    #    workbook checks in a worker that needs under 80 MB.
    s = Serve(a.bangfu, a.work, {"LANG": "C.UTF-8", "BANGFU_SERVE_CHECK_MEMORY_MB": "512"})
    result = {}
    t = threading.Thread(target=lambda: result.update(zip(("status", "data", "seconds"), s.check(huge))))
    t.start()
    good_check(s, "while the hostile check runs")
    t.join()
    ok.eq(result["status"], 422, "over its memory: 422")
    d = only(result["data"])
    ok.true(d is not None and d["code"] == "serve.memory-limit" and d["file"] == "巨大.json"
            and "512 MB" in d["message"] and "内存" in d["message"] and d["suggestion"],
            f"located, in Chinese, with the limit and a fix: {d}")
    ok.true(result["data"]["ok"] is False and result["data"]["appendices"] == [], "nothing rendered")
    good_check(s, "after the hostile check")
    time.sleep(0.5)
    ok.eq(s.workers(), [], "no check worker left running")
    ok.eq(s.stop(), 0, "serve stops cleanly")

    # 2. Time: a 2 s deadline with a cap of 3 GB, so the same upload runs out of
    #    time first (unbounded it takes over a minute); under LANG=en_US the answer is English.
    s = Serve(a.bangfu, a.work, {"LANG": "en_US.UTF-8", "BANGFU_SERVE_CHECK_SECONDS": "2",
                                 "BANGFU_SERVE_CHECK_MEMORY_MB": "3000"})
    status, data, seconds = s.check(huge)
    ok.eq(status, 422, "over its time: 422")
    d = only(data)
    ok.true(d is not None and d["code"] == "serve.time-limit" and d["file"] == "巨大.json"
            and "2 s" in d["message"] and "stopped" in d["message"],
            f"located, in English, with the limit: {d}")
    ok.true(seconds < 15, f"answered soon after the deadline ({seconds:.1f} s)")
    time.sleep(0.5)
    ok.eq(s.workers(), [], "the worker was killed")
    good_check(s, "after the timeout")
    ok.eq(s.stop(), 0, "serve stops cleanly")

    # 3. A budget that is not a number is a usage error, not silently the default.
    r = run([a.bangfu, "serve"], expect=2, env={"BANGFU_SERVE_CHECK_SECONDS": "soon"})
    ok.true("BANGFU_SERVE_CHECK_SECONDS" in r.stderr, f"the variable is named: {r.stderr!r}")
    for name in ("BANGFU_SERVE_BUILD_SECONDS", "BANGFU_SERVE_BUILD_MEMORY_MB"):
        r = run([a.bangfu, "serve"], expect=2, env={name: "0"})
        ok.true(name in r.stderr, f"the build's variable is named: {r.stderr!r}")
    ok.finish("serve limits")


main()
