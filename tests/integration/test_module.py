"""Shared-object plugins: the example module (module = "...") accepts its configured user with
PLAIN, logs through the daemon's log, and links nothing of djabberd itself."""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (DEFAULT_TIMEOUT, READY_TIMEOUT, DjabberdServer, XmppClient,  # noqa: E402
                     djabberd_bin)
from harness import _LISTEN_RE as LISTEN_RE  # noqa: E402

MODULE_USER = "modu"
MODULE_PASSWORD = "module-secret"


def example_module():
    path = os.environ.get("DJABBERD_EXAMPLE_MODULE")
    if not path or not os.path.exists(path):
        raise unittest.SkipTest("DJABBERD_EXAMPLE_MODULE not set (run through ctest)")
    return path


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def module_plugin(path, **extra):
    plugin = {"name": "example_module", "module": path, "user": MODULE_USER,
              "password": MODULE_PASSWORD}
    plugin.update(extra)
    return plugin


def static_plugin():
    return {"name": "auth_static", "users": {"static_user": "static-pass"}}


class ModuleTestBase(unittest.TestCase):

    def start_server(self, plugins):
        s = DjabberdServer(vhosts=[{"domain": "localhost", "plugins": plugins}])
        self.addCleanup(s.cleanup)
        s.start()
        return s

    def start_server_logging_to(self, plugins, log_file):
        """Like start_server, with [log] file = log_file (the harness reads stderr, so this
        waits for the ready line and the listener port in the file)."""
        s = DjabberdServer(vhosts=[{"domain": "localhost", "plugins": plugins}])
        self.addCleanup(s.cleanup)
        with open(s.conf_path) as f:
            text = f.read()
        with open(s.conf_path, "w") as f:
            f.write(text.replace("[log]\n", '[log]\nfile = "%s"\n' % log_file, 1))
        s.proc = subprocess.Popen([djabberd_bin(), "--conf=" + s.conf_path],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, cwd=s.tmpdir)
        s._reader = threading.Thread(target=s._read_log, args=(s.proc.stdout,), daemon=True)
        s._reader.start()
        deadline = time.monotonic() + READY_TIMEOUT
        text = ""
        while "djabberd ready" not in text:
            self.assertLess(time.monotonic(), deadline, "not ready; log file:\n" + text)
            self.assertIsNone(s.proc.poll(), "djabberd exited; log file:\n" + text)
            time.sleep(0.1)
            text = read(log_file)
        ports = [int(p) for kind, _, p in LISTEN_RE.findall(text) if kind == "starttls"]
        self.assertTrue(ports, text)
        s.starttls_ports = ports
        return s

    def plain(self, server, user, password):
        """STARTTLS, then SASL PLAIN; returns the SaslResult."""
        c = XmppClient(server.port)
        self.addCleanup(c.close)
        c.open_stream()
        c.starttls()
        return c.auth_plain(user, password)


class ExampleModuleLoginTest(ModuleTestBase):

    def test_module_user_logs_in_with_plain(self):
        s = self.start_server([static_plugin(), module_plugin(example_module())])
        res = self.plain(s, MODULE_USER, MODULE_PASSWORD)
        self.assertTrue(res.ok, "%r\n--- log ---\n%s" % (res, s.log_tail()))
        c = XmppClient(s.port)
        self.addCleanup(c.close)
        jid = c.login(MODULE_USER, MODULE_PASSWORD, mech="PLAIN")
        self.assertTrue(jid.startswith(MODULE_USER + "@localhost/"), jid)
        # compiled-in plugins keep working next to the module
        self.assertTrue(self.plain(s, "static_user", "static-pass").ok)

    def test_module_rejects_a_wrong_password(self):
        s = self.start_server([module_plugin(example_module())])
        res = self.plain(s, MODULE_USER, "not-the-password")
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "not-authorized")

    def test_same_user_fails_without_the_module(self):
        s = self.start_server([static_plugin()])
        res = self.plain(s, MODULE_USER, MODULE_PASSWORD)
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "not-authorized")

    def test_relative_module_path_resolves_against_the_config_folder(self):
        s = DjabberdServer(vhosts=[{"domain": "localhost", "plugins": [
            module_plugin("modules/libexample.so")]}])
        self.addCleanup(s.cleanup)
        os.makedirs(os.path.join(s.tmpdir, "modules"))
        shutil.copy(example_module(), os.path.join(s.tmpdir, "modules", "libexample.so"))
        s.start()
        self.assertTrue(self.plain(s, MODULE_USER, MODULE_PASSWORD).ok)

    def test_module_is_loaded_once_for_several_vhosts(self):
        path = example_module()
        s = DjabberdServer(vhosts=[
            {"domain": "localhost", "plugins": [module_plugin(path)]},
            {"domain": "other.example", "plugins": [module_plugin(path, user="other")]}])
        self.addCleanup(s.cleanup)
        s.start()
        self.assertEqual(s.log.count("loaded module example_module"), 1, s.log)
        self.assertIn("other.example: accepting user other", s.log)
        self.assertTrue(self.plain(s, MODULE_USER, MODULE_PASSWORD).ok)

    def test_module_shares_the_daemon_log_and_hook_table(self):
        log_dir = self.temp_dir()
        log_file = os.path.join(log_dir, "djabberd.log")
        path = example_module()
        s = self.start_server_logging_to([module_plugin(path)], log_file)
        self.assertTrue(self.plain(s, MODULE_USER, MODULE_PASSWORD).ok)
        deadline = time.monotonic() + DEFAULT_TIMEOUT
        while "password of modu" not in read(log_file) and time.monotonic() < deadline:
            time.sleep(0.05)
        text = read(log_file)
        # The module's own lines went to the daemon's log file with the daemon's format and
        # level: a copy of the log state inside the module would write to stderr.
        self.assertIn("[example_module] localhost: accepting user modu", text)
        self.assertIn("[example_module] localhost: password of modu accepted", text)
        self.assertIn("loaded module example_module from " + os.path.normpath(path), text)
        # The loader put the module's handler into the vhost's hook table.
        self.assertIn("example_module joins auth.check_password", text)
        # and nothing of it went to standard error
        self.assertNotIn("example_module", s.log)

    def temp_dir(self):
        d = tempfile.mkdtemp(prefix="djabberd-module-log-")
        self.addCleanup(shutil.rmtree, d, True)
        return d


class ExampleModuleLinkageTest(unittest.TestCase):
    """The module must not carry djabberd's code (that would duplicate its state)."""

    def test_module_defines_only_its_entry_and_imports_djabberd_functions(self):
        if shutil.which("nm") is None:
            self.skipTest("nm not installed")
        path = example_module()
        defined = subprocess.run(["nm", "-D", "-C", "--defined-only", path], check=True,
                                 capture_output=True, text=True).stdout
        undefined = subprocess.run(["nm", "-D", "-C", "--undefined-only", path], check=True,
                                   capture_output=True, text=True).stdout
        self.assertIn("djabberd_plugin_entry", defined)
        self.assertNotIn("djabberd::", defined, "djabberd code linked into the module")
        for symbol in ("djabberd::log::write", "djabberd::config::plugin_settings::get_string",
                       "djabberd::auth::constant_time_equal"):
            self.assertIn(symbol, undefined)

    def test_module_needs_no_djabberd_library(self):
        if shutil.which("ldd") is None:
            self.skipTest("ldd not installed")
        out = subprocess.run(["ldd", example_module()], capture_output=True, text=True).stdout
        self.assertIn("libcaf_core", out)
        self.assertNotIn("djabberd", out.replace(example_module(), ""))


if __name__ == "__main__":
    unittest.main()
