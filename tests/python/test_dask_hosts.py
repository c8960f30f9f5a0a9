"""hotloop.dask across real hosts: a scheduler, two workers and the client,
each in a network namespace of its own, joined by veth pairs to a bridge in
a fifth (the switch), talking over real TCP. During a search one worker
host's link goes down; its tasks move to the other worker and the answer
is still the local call's. The range, [10^10, 1.2 * 10^10), holds no delay
record, so every part of it is searched: about 10 s of one core.

Network namespaces need root and iproute2; where they cannot be made, the
test is skipped with the reason (make test prints skip reasons).
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
SUBNET = "10.217.0"
HOSTS = {"scheduler": 1, "worker1": 2, "worker2": 3, "client": 4}
PORT = 8786


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check)


def _namespaces_possible() -> str:
    """Why namespaces cannot be made here, or "" when they can."""
    if shutil.which("ip") is None:
        return "iproute2's ip is not installed"
    if os.geteuid() != 0:
        return "network namespaces need root"
    probe = f"hlprobe{uuid.uuid4().hex[:6]}"
    made = _ip("netns", "add", probe, check=False)
    if made.returncode != 0:
        return f"ip netns add failed: {made.stderr.strip()}"
    _ip("netns", "del", probe, check=False)
    return ""


WHY_NOT = _namespaces_possible()
pytestmark = pytest.mark.skipif(bool(WHY_NOT), reason=f"multi-host Dask test skipped: {WHY_NOT}")


@pytest.fixture
def hosts():
    """Five namespaces: a switch with a bridge, and a host per role with one
    veth link to it, addressed SUBNET.<n>/24. Yields {role: namespace}."""
    tag = uuid.uuid4().hex[:5]
    switch = f"hl{tag}sw"
    names = {role: f"hl{tag}{role[:2]}{n}" for role, n in HOSTS.items()}
    made = []
    try:
        _ip("netns", "add", switch)
        made.append(switch)
        _ip("-n", switch, "link", "add", "br0", "type", "bridge")
        _ip("-n", switch, "link", "set", "br0", "up")
        for role, n in HOSTS.items():
            ns = names[role]
            _ip("netns", "add", ns)
            made.append(ns)
            _ip("-n", ns, "link", "set", "lo", "up")
            # One veth pair per host: eth0 in the host, its peer on the bridge.
            _ip("-n", switch, "link", "add", f"p{n}", "type", "veth", "peer", "name", "eth0", "netns", ns)
            _ip("-n", switch, "link", "set", f"p{n}", "master", "br0")
            _ip("-n", switch, "link", "set", f"p{n}", "up")
            _ip("-n", ns, "addr", "add", f"{SUBNET}.{n}/24", "dev", "eth0")
            _ip("-n", ns, "link", "set", "eth0", "up")
        yield names
    finally:
        for ns in reversed(made):
            for pid in subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True).stdout.split():
                subprocess.run(["kill", "-9", pid], capture_output=True)
            _ip("netns", "del", ns, check=False)


def _in(ns: str, *command: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path),
               # A worker whose link is down is given up after 3 s without a heartbeat.
               DASK_DISTRIBUTED__SCHEDULER__WORKER_TTL="3s",
               DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="5s")
    return subprocess.Popen(["ip", "netns", "exec", ns, *command], env=env, **kwargs)


CLIENT = f"""
import time, hotloop.dask
from distributed import Client
client = Client("tcp://{SUBNET}.1:{PORT}", timeout=30)
while len(client.nthreads()) < 2:
    time.sleep(0.1)
print("workers", sorted(client.nthreads()), flush=True)
found = hotloop.dask.collatz_longest(12 * 10**9, start=10**10, pieces=48)
print("answer", found.n, found.steps, flush=True)
print("workers", sorted(client.nthreads()), flush=True)
client.close()
"""


def test_a_search_survives_a_worker_host_losing_its_link(hosts, tmp_path):
    dask = Path(sys.executable).parent / "dask"
    logs = {role: open(tmp_path / f"{role}.log", "w") for role in HOSTS}
    started = []
    try:
        started.append(_in(hosts["scheduler"], str(dask), "scheduler", "--host", f"{SUBNET}.1", "--port", str(PORT),
                           "--no-dashboard", stdout=logs["scheduler"], stderr=subprocess.STDOUT))
        for role in ("worker1", "worker2"):
            started.append(_in(hosts[role], str(dask), "worker", f"tcp://{SUBNET}.1:{PORT}", "--nthreads", "1",
                               "--host", f"{SUBNET}.{HOSTS[role]}", "--no-dashboard", "--no-nanny",
                               stdout=logs[role], stderr=subprocess.STDOUT))
        client = _in(hosts["client"], sys.executable, "-c", CLIENT, stdout=subprocess.PIPE, stderr=logs["client"],
                     text=True)
        started.append(client)
        assert client.stdout is not None
        first = client.stdout.readline()
        assert first.startswith("workers") and first.count(SUBNET) == 2, first
        # Mid-search: worker1's host loses its link (no FIN, no RST: the
        # packets just stop), as when a machine's network goes away.
        time.sleep(2.0)
        assert client.poll() is None, "the search ended before the link went down"
        _ip("-n", hosts["worker1"], "link", "set", "eth0", "down")
        out, _ = client.communicate(timeout=240)
        lines = out.splitlines()
        assert "answer 11003239835 1127" in lines, (out, (tmp_path / "client.log").read_text()[-3000:])
        # The worker that lost its link is gone; the other did its tasks.
        assert lines[-1].startswith(f"workers ['tcp://{SUBNET}.3:") and f"{SUBNET}.2:" not in lines[-1], lines
    finally:
        for process in started:
            process.kill()
            process.wait()
        for log in logs.values():
            log.close()
    scheduler_log = (tmp_path / "scheduler.log").read_text()
    assert f"{SUBNET}.2" in scheduler_log and "Remove worker" in scheduler_log, scheduler_log[-3000:]
