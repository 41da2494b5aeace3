"""SIGTERM and SIGHUP stop a command like Ctrl-C does: cleanups run, the exit code tells which."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from generator.write.stop_signals import Stopped, exit_code, stop_on_signals
from tests.conftest import ROOT

CHILD = """
import signal, sys, time
from generator.write.stop_signals import exit_code, stop_on_signals
try:
    with stop_on_signals():
        try:
            print("ready", flush=True)
            while True:
                time.sleep(0.01)
        finally:
            print("cleaned up", flush=True)
except KeyboardInterrupt as error:
    print(type(error).__name__, error, flush=True)
    sys.exit(exit_code(error))
"""


def run_child(signum: int) -> tuple[int, str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    try:
        assert child.stdout.readline() == "ready\n"
        child.send_signal(signum)
        output, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode, output


@pytest.mark.parametrize(
    ("signum", "code", "name"),
    [
        (signal.SIGTERM, 143, "Stopped stopped by SIGTERM"),
        (signal.SIGHUP, 129, "Stopped stopped by SIGHUP"),
        (signal.SIGINT, 130, "KeyboardInterrupt"),
    ],
)
def test_a_stopped_command_cleans_up_and_exits(signum, code, name):
    returncode, output = run_child(signum)
    assert [line.strip() for line in output.splitlines()] == ["cleaned up", name]
    assert returncode == code


def test_stopped_is_a_keyboard_interrupt():
    error = Stopped(signal.SIGHUP)
    assert isinstance(error, KeyboardInterrupt)
    assert (error.signum, error.name, str(error)) == (signal.SIGHUP, "SIGHUP", "stopped by SIGHUP")
    assert exit_code(Stopped(signal.SIGTERM)) == 143
    assert exit_code(KeyboardInterrupt()) == 130


def test_raises_in_process_and_restores_the_handlers():
    def mine(signum, frame):
        raise AssertionError("not while stop_on_signals is active")

    before = signal.signal(signal.SIGTERM, mine)
    hup = signal.getsignal(signal.SIGHUP)
    try:
        with pytest.raises(Stopped) as caught:
            with stop_on_signals():
                assert signal.getsignal(signal.SIGTERM) is not mine
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(1000):
                    pass
        assert caught.value.signum == signal.SIGTERM
        assert signal.getsignal(signal.SIGTERM) is mine
        assert signal.getsignal(signal.SIGHUP) == hup
    finally:
        signal.signal(signal.SIGTERM, before)


def test_a_second_signal_does_not_break_off_the_cleanup():
    cleaned = []
    with pytest.raises(Stopped):
        with stop_on_signals():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(1000):
                    pass
            finally:
                os.kill(os.getpid(), signal.SIGHUP)
                for _ in range(1000):
                    pass
                cleaned.append(True)
    assert cleaned == [True]


def test_a_no_op_off_the_main_thread():
    before = signal.getsignal(signal.SIGTERM)
    seen = []

    def work():
        with stop_on_signals():
            seen.append(signal.getsignal(signal.SIGTERM))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [before]
