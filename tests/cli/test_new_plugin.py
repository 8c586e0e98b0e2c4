"""`bangfu new-plugin` scaffolds a plugin that builds and renders a sample table
out of the box. The generated sources are compiled against this build's core
library (as bangfu_add_plugin would) and loaded through BANGFU_PLUGIN_PATH."""
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from common import Checker, parse_args, run  # noqa: E402


def main():
    a = parse_args()
    c = Checker()
    build = os.path.dirname(a.bangfu)
    plugins = os.path.join(a.work, "plugins")
    run([a.bangfu, "new-plugin", "quzhou", "--region", "衢州市", "--dir", plugins])
    src = os.path.join(plugins, "quzhou")
    c.eq(sorted(os.listdir(src)), ["CMakeLists.txt", "README.md", "example.json", "quzhou_plugin.cpp", "quzhou_plugin.hpp", "quzhou_test.cpp"],
         "scaffold files")
    c.eq(run([a.bangfu, "new-plugin", "quzhou", "--dir", plugins], expect=None).returncode, 1, "existing folder refused")
    c.eq(run([a.bangfu, "new-plugin", "Bad-Id"], expect=None).returncode, 2, "bad id is a usage error")
    mods = os.path.join(a.work, "mods")
    os.makedirs(mods)
    lib = os.path.join(build, "lib")
    run(["g++", "-std=c++17", "-shared", "-fPIC", "-fvisibility=hidden", "-Wall", "-Wextra", "-Werror",
         "-I", os.path.join(a.source, "core", "include"), os.path.join(src, "quzhou_plugin.cpp"),
         "-o", os.path.join(mods, "bangfu-quzhou.so"), "-L", lib, "-lbangfu_core", "-lPocoFoundation",
         "-Wl,--no-undefined", "-Wl,-rpath," + lib])
    env = {"BANGFU_PLUGIN_PATH": mods}
    r = run([a.bangfu, "plugins"], env=env)
    c.true("quzhou\t衢州市" in r.stdout, f"listed:\n{r.stdout}")
    run([a.bangfu, "check", os.path.join(src, "example.json")], env=env)
    out = os.path.join(a.work, "out")
    r = run([a.bangfu, "render", os.path.join(src, "example.json"), "--out", out], env=env)
    c.eq(len(os.listdir(out)), 2, "scaffold renders DOCX and XLSX")
    # The scaffold's input sheet: `init --plugin` adds it after 选项, and it reads back.
    book = os.path.join(a.work, "quzhou.xlsx")
    run([a.bangfu, "init", "-o", book, "--plugin", "quzhou"], env=env)
    with zipfile.ZipFile(book) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8")
    c.true('name="附件设置"' in workbook and 'name="插件表定义"' in workbook, "scaffold input sheet written")
    run([a.bangfu, "check", book], env=env)
    c.finish("new-plugin")


main()
