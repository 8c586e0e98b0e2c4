"""`bangfu serve` as a command: usage errors exit 2, a bad project folder is bad
input (exit 1) before anything listens, a taken port is exit 3 with a message
naming it, SIGTERM stops it with exit 0 and removes the upload folder, and it
answers on 127.0.0.1 only."""
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402


def main():
    a = parse_args()
    ok = Checker()
    run([a.bangfu, "serve", "a", "b"], expect=2)
    run([a.bangfu, "serve", "--port", "http"], expect=2)
    run([a.bangfu, "serve", "--port", "70000"], expect=2)
    r = run([a.bangfu, "serve", os.path.join(a.work, "missing")], expect=1)
    ok.true("missing" in r.stderr, f"the missing project is named: {r.stderr!r}")

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = run([a.bangfu, "serve", "--port", str(port)], expect=3)
        ok.true(str(port) in r.stderr and "--port" in r.stderr, f"a taken port is named with the way out: {r.stderr!r}")

    tmp = os.path.join(a.work, "tmp")
    os.makedirs(tmp)
    p = subprocess.Popen([a.bangfu, "serve"], stdout=subprocess.PIPE, text=True,
                         env=dict(os.environ, LANG="C.UTF-8", TMPDIR=tmp))
    m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{32})", p.stdout.readline() + p.stdout.readline())
    ok.true(m is not None, "the address is printed with a 32-digit token")
    if m:
        port, token = m.group(1), m.group(2)
        folders = os.listdir(tmp)
        ok.eq(len(folders), 1, "one private upload folder")
        if folders:
            ok.eq(oct(os.stat(os.path.join(tmp, folders[0])).st_mode & 0o777), "0o700", "the upload folder is 0700")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}", timeout=10) as res:
            page = res.read().decode()
            ok.true("bangfu 工作台" in page, "the page answers")
            ok.true("default-src 'none'" in res.headers.get("Content-Security-Policy", ""), "a strict CSP")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
            ok.true(False, "no token: refused")
        except urllib.error.HTTPError as e:
            ok.eq(e.code, 403, "no token: 403")
            ok.true("请使用" in e.read().decode(), "with a Chinese message")
        # Loopback only: the port is not open on the machine's other addresses.
        others = [ip for ip in socket.gethostbyname_ex(socket.gethostname())[2] if not ip.startswith("127.")]
        for ip in others[:1]:
            with socket.socket() as s:
                s.settimeout(2)
                ok.true(s.connect_ex((ip, int(port))) != 0, f"not listening on {ip}")
    p.send_signal(signal.SIGTERM)
    ok.eq(p.wait(timeout=20), 0, "SIGTERM stops it with exit 0")
    ok.eq(os.listdir(tmp), [], "the upload folder is removed")
    ok.finish("serve cli")


main()
