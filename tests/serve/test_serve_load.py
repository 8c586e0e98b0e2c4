"""Load: 20 concurrent checks of the lishui-2019 workbook against `bangfu serve`
from a bounded local client (20 threads, 127.0.0.1 only). Every answer must be
right (the one misspelt unit at 团组成员!C3), and the server's peak memory
(VmHWM) stay under 200 MiB. Latencies are printed (p50/p95/max) for
docs/performance-notes.md; no timing is asserted."""
import concurrent.futures
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

try:
    import openpyxl
except ImportError:
    sys.exit(77)

CONCURRENT = 20
ROUNDS = 3  # 60 checks in all, 20 in flight at a time
MEMORY_LIMIT_KIB = 200 * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def main():
    a = parse_args()
    ok = Checker()
    made = os.path.join(a.work, "lishui.xlsx")
    run([a.bangfu, "init", "--from", os.path.join(a.source, "examples/lishui-2019/scheme.json"), "-o", made])
    wb = openpyxl.load_workbook(made)
    wb["团组成员"]["C3"] = "市人房办"
    wrong = os.path.join(a.work, "lishui-wrong.xlsx")
    wb.save(wrong)
    body = open(wrong, "rb").read()

    port = free_port()
    server = subprocess.Popen([a.bangfu, "serve", "--port", str(port)], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, LANG="C.UTF-8"))
    url = None
    for _ in range(20):
        m = re.search(r"token=([0-9a-f]+)", server.stdout.readline())
        if m:
            url, token = f"http://127.0.0.1:{port}", m.group(1)
            break
    ok.true(url is not None, "serve printed its address")

    def one(_):
        req = urllib.request.Request(url + "/api/check", data=body, method="POST",
                                     headers={"X-Bangfu-Token": token, "X-File-Name": "lishui.xlsx"})
        t0 = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as res:
            data = json.load(res)
        return time.perf_counter() - t0, data

    base_rss = vm(server.pid, "VmRSS")
    latencies, answers = [], []
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        for seconds, data in pool.map(one, range(CONCURRENT * ROUNDS)):
            latencies.append(seconds)
            answers.append(data)
    wall = time.perf_counter() - t0
    peak = vm(server.pid, "VmHWM")
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=20)

    right = 0
    for d in answers:
        items = [i for g in d["diagnostics"]["groups"] for i in g["items"]]
        right += (d["diagnostics"]["errors"] == 1 and any(i["place"] == "团组成员!C3" and i["code"] == "ref.unknown-unit"
                                                          for i in items))
    ok.eq(right, len(answers), "every concurrent check found the one error at 团组成员!C3")
    ok.true(peak < MEMORY_LIMIT_KIB, f"server peak memory {peak / 1024:.0f} MiB < 200 MiB")
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
    print(f"load: {len(answers)} checks, {CONCURRENT} concurrent, wall {wall:.2f} s; latency p50 {p(0.5) * 1000:.0f} ms, "
          f"p95 {p(0.95) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms; server RSS idle {base_rss / 1024:.0f} MiB, "
          f"peak {peak / 1024:.0f} MiB")
    ok.finish("serve load")


main()
