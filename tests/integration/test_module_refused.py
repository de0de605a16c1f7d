"""Shared-object plugins that djabberd must refuse at start: exit code 1 and an error that
names the configuration file, the line and the `module` key."""

import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DjabberdServer, djabberd_bin  # noqa: E402


def built_module(variable):
    path = os.environ.get(variable)
    if not path or not os.path.exists(path):
        raise unittest.SkipTest("%s not set (run through ctest)" % variable)
    return path


class ModuleRefusedTest(unittest.TestCase):

    def refused(self, plugin):
        """Starts djabberd with `plugin` as the only plugin; asserts exit code 1 and an error
        at the plugin's `module` line. Returns stderr."""
        s = DjabberdServer(vhosts=[{"domain": "localhost", "plugins": [plugin]}])
        self.addCleanup(s.cleanup)
        with open(s.conf_path) as f:
            lines = f.read().splitlines()
        line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith("module ="))
        r = subprocess.run([djabberd_bin(), "--conf=" + s.conf_path], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=30, cwd=s.tmpdir)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("%s:%d: vhosts[0].plugins[0].module: " % (s.conf_path, line), r.stderr)
        self.assertNotIn("djabberd ready", r.stderr)
        return r.stderr

    def test_wrong_abi_version_is_refused(self):
        path = built_module("DJABBERD_BAD_ABI_MODULE")
        err = self.refused({"name": "bad_abi", "module": path})
        self.assertIn("refusing '%s'" % path, err)
        self.assertIn("plugin ABI (DJABBERD_PLUGIN_ABI)", err)
        self.assertIn("rebuild the module", err)

    def test_missing_file_is_refused(self):
        err = self.refused({"name": "example_module", "module": "no/such/libplugin.so"})
        self.assertIn("no/such/libplugin.so': no such file", err)
        self.assertIn("relative path resolves against the configuration file's folder", err)

    def test_shared_object_without_entry_symbol_is_refused(self):
        path = built_module("DJABBERD_NO_ENTRY_MODULE")
        err = self.refused({"name": "example_module", "module": path})
        self.assertIn("no entry symbol 'djabberd_plugin_entry'", err)

    def test_file_that_is_not_a_shared_object_shows_the_dlopen_error(self):
        s_dir = os.path.dirname(os.path.abspath(__file__))
        err = self.refused({"name": "example_module",
                            "module": os.path.join(s_dir, "harness.py")})
        self.assertIn("cannot load '%s': " % os.path.join(s_dir, "harness.py"), err)
        self.assertIn("invalid ELF header", err)  # dlerror()'s text

    def test_name_must_match_the_module(self):
        path = built_module("DJABBERD_EXAMPLE_MODULE")
        err = self.refused({"name": "hello", "module": path, "user": "u", "password": "p"})
        self.assertIn("the module is plugin 'example_module', but this table is named 'hello'",
                      err)

    def test_empty_module_path_is_refused(self):
        err = self.refused({"name": "example_module", "module": ""})
        self.assertIn("must not be empty", err)

    def test_module_settings_are_checked_by_the_module(self):
        path = built_module("DJABBERD_EXAMPLE_MODULE")
        s = DjabberdServer(vhosts=[{"domain": "localhost", "plugins": [
            {"name": "example_module", "module": path, "user": "u", "pasword": "p"}]}])
        self.addCleanup(s.cleanup)
        r = subprocess.run([djabberd_bin(), "--conf=" + s.conf_path], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=30, cwd=s.tmpdir)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("vhosts[0].plugins[0].pasword: unknown key 'pasword'", r.stderr)


if __name__ == "__main__":
    unittest.main()
