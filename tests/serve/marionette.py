"""A small client of Firefox's Marionette protocol (the remote protocol geckodriver
itself speaks to Firefox), for the workbench's Firefox test: Debian 12 packages
firefox-esr but no geckodriver, and Selenium's Firefox driver needs one. Messages
are `LENGTH:JSON`; a command is [0, id, name, params], its answer [1, id, error, result].
Commands used: WebDriver:NewSession, Navigate, FindElement(s), ElementClick,
ElementSendKeys (a file path into <input type=file>), ExecuteScript, SetWindowRect,
TakeScreenshot, DeleteSession."""
import base64
import json
import os
import socket
import subprocess
import tempfile
import time

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C WebDriver element key


class MarionetteError(RuntimeError):
    pass


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Firefox:
    def __init__(self, binary, downloads, lang="zh-CN"):
        self.profile = tempfile.mkdtemp(prefix="bangfu-ff-")
        port = _free_port()
        prefs = {
            "marionette.port": port,
            # Downloads go to `downloads` without a dialog.
            "browser.download.folderList": 2,
            "browser.download.dir": downloads,
            "browser.download.useDownloadDir": True,
            "browser.download.always_ask_before_handling_new_types": False,
            "browser.download.start_downloads_in_tmp_dir": False,
            "browser.download.alwaysOpenPanel": False,
            "intl.accept_languages": lang,
            # No network here: nothing at start-up that would wait for it.
            "browser.shell.checkDefaultBrowser": False,
            "browser.startup.homepage_override.mstone": "ignore",
            "startup.homepage_welcome_url": "about:blank",
            "browser.startup.page": 0,
            "datareporting.policy.dataSubmissionEnabled": False,
            "toolkit.telemetry.reportingpolicy.firstRun": False,
            "network.captive-portal-service.enabled": False,
            "network.connectivity-service.enabled": False,
            "browser.safebrowsing.malware.enabled": False,
            "browser.safebrowsing.phishing.enabled": False,
            "browser.safebrowsing.downloads.enabled": False,
            "app.update.disabledForTesting": True,
            "extensions.update.enabled": False,
        }
        with open(os.path.join(self.profile, "user.js"), "w") as f:
            for k, v in prefs.items():
                f.write(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n")
        self.proc = subprocess.Popen([binary, "--headless", "--marionette", "--no-remote", "--profile", self.profile],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env=dict(os.environ, MOZ_HEADLESS="1"))
        end = time.time() + 90
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
                break
            except OSError:
                if time.time() > end or self.proc.poll() is not None:
                    self.proc.kill()
                    raise MarionetteError("Firefox did not open its Marionette port")
                time.sleep(0.3)
        self._id = 0
        hello = self._recv()
        if hello.get("marionetteProtocol") != 3:
            raise MarionetteError(f"unexpected Marionette greeting: {hello}")
        self.capabilities = self.cmd("WebDriver:NewSession", {"capabilities": {}})["capabilities"]

    def _recv(self):
        head = b""
        while not head.endswith(b":"):
            c = self.sock.recv(1)
            if not c:
                raise MarionetteError("Firefox closed the connection")
            head += c
        n, data = int(head[:-1]), b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise MarionetteError("Firefox closed the connection")
            data += chunk
        return json.loads(data)

    def cmd(self, name, params=None):
        self._id += 1
        msg = json.dumps([0, self._id, name, params or {}]).encode()
        self.sock.sendall(str(len(msg)).encode() + b":" + msg)
        while True:
            kind, mid, error, result = self._recv()
            if mid == self._id:
                break
        if error:
            raise MarionetteError(f"{name}: {error.get('error')}: {error.get('message')}")
        return result

    def get(self, url):
        self.cmd("WebDriver:Navigate", {"url": url})

    def js(self, script, *args):
        return self.cmd("WebDriver:ExecuteScript", {"script": script, "args": list(args)})["value"]

    def find(self, css):
        return self.cmd("WebDriver:FindElement", {"using": "css selector", "value": css})["value"][ELEMENT]

    def click(self, css):
        self.cmd("WebDriver:ElementClick", {"id": self.find(css)})

    def send_keys(self, css, text):
        self.cmd("WebDriver:ElementSendKeys", {"id": self.find(css), "text": text})

    def wait(self, script, timeout=60, *args):
        """Polls `script` (a function body returning a value) until it is truthy."""
        end = time.time() + timeout
        while time.time() < end:
            v = self.js(script, *args)
            if v:
                return v
            time.sleep(0.2)
        return None

    def screenshot(self, path):
        height = self.js("return document.documentElement.scrollHeight")
        self.cmd("WebDriver:SetWindowRect", {"width": 1280, "height": min(max(900, height), 2400)})
        # The window (at most 2400 px high), as the Chromium test takes it: a whole province's preview is too long.
        png = self.cmd("WebDriver:TakeScreenshot", {"full": False})["value"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(png))
        self.cmd("WebDriver:SetWindowRect", {"width": 1280, "height": 900})

    def quit(self):
        try:
            self.cmd("Marionette:Quit", {"flags": ["eForceQuit"]})
        except (MarionetteError, OSError):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
