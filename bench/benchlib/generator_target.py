"""One server under test as seen by the generator: runs djabberd-loadgen against it, once the
machine is quiet, with the server's CPU sampled at the generator's marks."""

import os
import sys
import time

from . import loadgen_run, procinfo
from .cpu_marks import CpuMarks


class GeneratorTarget:
    def __init__(self, loadgen, server, port, workdir, loadgen_cpu, password, scram_cache=None,
                 quiet_timeout=600, common_args=(), thread_sampler=None):
        """`server`: has `pid` and `pids()`; `scram_cache`: the generator's --scram-cache file
        (None: none); `common_args`: generator options added to every run (e.g. --mech)."""
        self.loadgen = loadgen
        self.server = server
        self.port = port
        self.workdir = workdir
        self.loadgen_cpu = loadgen_cpu
        self.password = password
        self.scram_cache = scram_cache
        self.quiet_timeout = quiet_timeout
        self.common_args = list(common_args)
        self.thread_sampler = thread_sampler

    def run(self, name, extra, hold, count, rate, prefix="bench"):
        """One generator run (`count` users `prefix`<i> at `rate`/s, holding `hold` s, plus
        `extra` args); returns (report, CpuMarks). Bounded: the generator is stopped after
        count / rate + hold + 200 s."""
        waited = procinfo.wait_quiet(self.server.pids(), timeout=self.quiet_timeout)
        if waited is None:
            print(f"[{name}] warning: the machine is busy with other work", file=sys.stderr)
        marks = CpuMarks(self.server.pids, self.thread_sampler)
        marks.quiet_wait_s = waited
        args = ["--host", "127.0.0.1", "--port", str(self.port), "--domain", "localhost",
                "--users-prefix", prefix, "--password", self.password, "--count", str(count),
                "--rate", str(rate), "--hold", str(hold), "--resource", "bench", "--quiet",
                *self.common_args, *extra]
        if self.scram_cache:
            args += ["--scram-cache", self.scram_cache]
        run = loadgen_run.LoadgenRun(self.loadgen, args,
                                     os.path.join(self.workdir, f"{name}.json"),
                                     cpu=self.loadgen_cpu,
                                     log_path=os.path.join(self.workdir, f"{name}.log"),
                                     on_line=marks.on_line)
        marks.gen_pid = run.proc.pid
        marks.take("launch")  # the generator has only just started: its CPU is ~0 here
        report = run.wait_report(timeout=count / rate + hold + 200)
        time.sleep(2)  # sessions of the closed connections end
        return report, marks
