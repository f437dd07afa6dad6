#!/usr/bin/env python3
"""Crashscope's vmcore generator: boot a real kernel under qemu until it panics, dump it, and run
the real crash on the dump as an analyst would. See README.md beside this file.

  driver.py boot SCENARIO-DIR --kernel BZIMAGE --initrd INITRD --append CMDLINE --mem 4G [--format kdump-zlib|elf]
      qemu (TCG) with the serial console in SCENARIO-DIR/console.log; on the kernel's
      "---[ end Kernel panic" it stops the guest and dumps its memory over QMP to SCENARIO-DIR/vmcore

  driver.py session SCENARIO-DIR --crash CRASH --vmlinux VMLINUX --script basic|hugetlb|oops --out NAME.txt
                   [--module-ko crashkinds.ko] [--expect KIND] [--deliberate] [--guilty FUNCTION]
      crash in a pseudo-terminal, the script's commands typed one by one (later ones computed from
      earlier output); NAME.txt is what the terminal showed, NAME.facts.json the ground truth: the
      guest program's pagemap lines and the kernel's console, and crash's own output
"""
import argparse
import json
import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>]")


# ---------------------------------------------------------------- boot

def qmp(sock, reader, command, arguments=None, timeout=900):
    sock.sendall((json.dumps({"execute": command, **({"arguments": arguments} if arguments else {})}) + "\n").encode())
    end = time.time() + timeout
    while time.time() < end:
        reply = json.loads(reader.readline())
        if "return" in reply:
            return reply["return"]
        if "error" in reply:
            raise RuntimeError("%s: %s" % (command, reply["error"]))
    raise RuntimeError(command + " timed out")


def boot(a):
    os.makedirs(a.dir, exist_ok=True)
    qsock = os.path.join(a.dir, "qmp.sock")
    vmcore = os.path.join(a.dir, "vmcore")
    for f in (qsock, vmcore):
        if os.path.exists(f):
            os.unlink(f)
    argv = ["timeout", "-k", "10", str(a.timeout), "qemu-system-x86_64", "-accel", "tcg,thread=multi", "-machine", "pc",
            "-cpu", "qemu64,+pdpe1gb", "-smp", "2", "-m", a.mem, "-kernel", a.kernel, "-initrd", a.initrd, "-append", a.append,
            "-nographic", "-monitor", "none", "-serial", "stdio", "-qmp", "unix:%s,server=on,wait=off" % qsock,
            "-device", "vmcoreinfo", "-no-reboot"]
    start = time.time()
    q = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = {"end": False}

    def pump():
        with open(os.path.join(a.dir, "console.log"), "wb") as log:
            tail = b""
            for chunk in iter(lambda: q.stdout.read1(65536), b""):
                log.write(chunk)
                log.flush()
                tail = (tail + chunk)[-4096:]
                if b"---[ end Kernel panic" in tail:
                    seen["end"] = True
    threading.Thread(target=pump, daemon=True).start()
    while not seen["end"] and q.poll() is None and time.time() - start < a.timeout - 60:
        time.sleep(0.5)
    if not seen["end"]:
        # SIGTERM, which timeout passes on to qemu: a SIGKILL of timeout would leave qemu running on its own
        q.terminate()
        try:
            q.wait(20)
        except subprocess.TimeoutExpired:
            q.kill()
        sys.exit("no panic on the console (qemu exit %s)" % q.poll())
    booted = time.time() - start
    time.sleep(2)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(qsock)
    reader = s.makefile("r")
    reader.readline()
    qmp(s, reader, "qmp_capabilities")
    qmp(s, reader, "stop")
    qmp(s, reader, "dump-guest-memory", {"paging": False, "protocol": "file:" + os.path.abspath(vmcore), "format": a.format})
    try:
        qmp(s, reader, "quit", timeout=20)
    except Exception:
        pass
    q.wait(60)
    json.dump({"append": a.append, "mem": a.mem, "format": a.format, "boot_to_panic_s": round(booted, 1),
               "vmcore_bytes": os.path.getsize(vmcore)}, open(os.path.join(a.dir, "boot.json"), "w"), indent=1)
    print("%s: panic after %.0f s, vmcore %d bytes" % (a.dir, booted, os.path.getsize(vmcore)))


# ---------------------------------------------------------------- crash in a pty

def screen(raw):
    """What a terminal shows of raw output: escapes dropped, carriage returns and backspaces applied."""
    text = ANSI.sub(b"", raw).replace(b"\x07", b"").decode("utf-8", "replace").replace("\r\n", "\n")
    lines = []
    for line in text.split("\n"):
        cells, col = [], 0
        for ch in line:
            if ch == "\r":
                col = 0
                continue
            if ch == "\b":
                col = max(0, col - 1)
                continue
            for c in (" " * (8 - col % 8) if ch == "\t" else ch):
                if col < len(cells):
                    cells[col] = c
                else:
                    cells.extend(" " * (col - len(cells)))
                    cells.append(c)
                col += 1
        lines.append("".join(cells).rstrip())
    return "\n".join(lines)


class Crash:
    def __init__(self, argv, cwd, timeout):
        self.raw = bytearray()
        self.commands = []
        self.timeout = timeout
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(cwd)
            env = dict(os.environ, TERM="xterm", COLUMNS="200", LINES="50")
            os.execvpe("timeout", ["timeout", "--foreground", "-k", "5", str(timeout)] + argv, env)
        self.pid, self.fd = pid, fd
        self.wait_prompt()

    def wait_prompt(self):
        start = len(self.raw)
        end = time.time() + self.timeout
        while time.time() < end:
            if ANSI.sub(b"", bytes(self.raw[-200:])).endswith(b"crash> ") and len(self.raw) > start:
                return screen(bytes(self.raw[start:]))
            r, _, _ = select.select([self.fd], [], [], 2)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise RuntimeError("crash exited:\n" + screen(bytes(self.raw[-2000:])))
                self.raw.extend(chunk)
        raise RuntimeError("no prompt:\n" + screen(bytes(self.raw[-2000:])))

    def run(self, command):
        os.write(self.fd, command.encode() + b"\r")
        out = self.wait_prompt().split("\n")
        if out and out[0].strip() == command.strip():
            out = out[1:]
        if out and out[-1].startswith("crash>"):
            out = out[:-1]
        self.commands.append(command)
        print("  crash> %s (%d lines)" % (command, len(out)), flush=True)
        return "\n".join(out)

    def transcript(self):
        text = screen(bytes(self.raw))
        return (text[:-len("crash>")].rstrip("\n") if text.rstrip().endswith("crash>") else text) + "\n"

    def close(self):
        try:
            os.write(self.fd, b"q\r")
            time.sleep(1)
        except OSError:
            pass
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


# ---------------------------------------------------------------- ground truth from the console

def console_facts(path):
    text = open(path, "rb").read().decode("utf-8", "replace").replace("\r", "")
    f = {"pages_before": {}, "pages_after": {}, "kernel": [], "report": []}
    for line in text.split("\n"):
        m = re.search(r"HP (before|after) page=(\d+) va=(0x[0-9a-f]+) present=(\d) pa=(0x[0-9a-f]+)", line)
        if m:
            f["pages_" + m.group(1)][m.group(2)] = {"va": m.group(3), "present": int(m.group(4)), "pa": m.group(5)}
        m = re.search(r"HP start pid=(\d+) mode=(\S+) size=(\S+) count=(\d+)", line)
        if m:
            f["probe"] = {"pid": int(m.group(1)), "mode": m.group(2), "size": m.group(3), "count": int(m.group(4))}
        m = re.search(r"HP (soft|poison) page=(\d+) va=(0x[0-9a-f]+) ret=(-?\d+) errno=(\d+)", line)
        if m:
            f[m.group(1)] = {"page": int(m.group(2)), "va": m.group(3), "ret": int(m.group(4)), "errno": int(m.group(5))}
        m = re.search(r"HP sigbus code=(\d+) addr=(0x[0-9a-f]+)", line)
        if m:
            f["sigbus"] = {"code": int(m.group(1)), "addr": m.group(2)}
        m = re.search(r"HP poison-target page=(\d+) va=(0x[0-9a-f]+) pa=(0x[0-9a-f]+)", line)
        if m:
            f["poison_target"] = {"page": int(m.group(1)), "va": m.group(2), "pa": m.group(3)}
        m = re.search(r"GEN: mce-inject bank=(\d+) status=(0x[0-9a-f]+) addr=(0x[0-9a-f]+) misc=(0x[0-9a-f]+)", line)
        if m:
            f["mce_injected"] = {"bank": int(m.group(1)), "status": m.group(2), "addr": m.group(3), "misc": m.group(4)}
        m = re.match(r"^\[\s*\d+\.\d+\]\s(.*)$", line)
        if m:
            msg = m.group(1)
            if re.match(r"(Soft offlining|soft offline|Memory failure|Injecting memory failure|mce: |EDAC |sysrq: |crashkinds: |NMI watchdog: )", msg):
                f["kernel"].append(msg)
            if re.match(r"(BUG: |general protection fault|Oops: |kernel BUG at|WARNING: CPU|watchdog: BUG: soft lockup|INFO: task .* blocked|"
                        r"divide error|list_del corruption|Kernel panic - not syncing|kernel tried to execute NX|refcount_t: |usercopy: |"
                        r"rcu: INFO: |stack guard page|kernel stack overflow|.* invoked oom-killer|Out of memory|Attempted to kill init)", msg):
                f["report"].append(msg)
    return f


def first(pattern, text, group=1):
    m = re.search(pattern, text, re.M)
    return m.group(group) if m else None


def vtop_facts(out):
    w = {"virtual": first(r"^VIRTUAL\s+PHYSICAL\s*\n\s*([0-9a-f]+)", out), "physical": first(r"^VIRTUAL\s+PHYSICAL\s*\n\s*[0-9a-f]+\s+([0-9a-f]+)\s*$", out),
         "levels": [{"level": m.group(1), "entry_addr": "0x" + m.group(2), "value": "0x" + m.group(3)}
                    for m in re.finditer(r"^\s*(PGD|P4D|PUD|PMD|PTE):\s*([0-9a-f]+)\s*=>\s*([0-9a-f]+)", out, re.M)],
         "page": first(r"^\s*PAGE:\s*([0-9a-f]+)", out)}
    return w


def kmem_p_facts(out):
    m = re.search(r"^\s*([0-9a-f]{16})\s+([0-9a-f]+)\s+(?:[0-9a-f]+\s+)?([0-9a-f]+)\s+(\d+)\s+([0-9a-f]+)\s*(.*)$", out, re.M)
    return {"page": "0x" + m.group(1), "physical": "0x" + m.group(2), "flags": m.group(6).strip()} if m else None


def bt_facts(out):
    m = re.search(r"PID:\s*(\d+)\s+TASK:\s*([0-9a-f]+)\s+CPU:\s*(\d+)\s+COMMAND:\s*\"([^\"]*)\"", out)
    return {"pid": m and int(m.group(1)), "task": m and "0x" + m.group(2), "cpu": m and int(m.group(3)), "command": m and m.group(4),
            "frames": re.findall(r"^\s*#\d+ \[[0-9a-f]+\] (\S+) at", out, re.M),
            "exception_rip": first(r"\[exception RIP: (\S+?)(?:\]| )", out), "rsp": first(r"\[exception RIP:.*\n\s*RIP: [0-9a-f]+\s+RSP: ([0-9a-f]+)", out),
            "rip": first(r"\[exception RIP:.*\n\s*RIP: ([0-9a-f]+)", out)}


# ---------------------------------------------------------------- the analyst's sessions

def basic(c, facts):
    out = c.run("sys")
    facts["sys"] = dict((k.strip(), v.strip()) for k, v in re.findall(r"^\s*([A-Z][A-Z ]+):\s(.*)$", out, re.M))
    facts["bt"] = bt_facts(c.run("bt"))
    facts["bt_a_tasks"] = len(re.findall(r"^PID:", c.run("bt -a"), re.M))
    c.run("bt -FFls")
    c.run("log | tail -n 80")
    c.run("ps")
    jiffies = first(r"^([0-9a-f]{16}) \(\w\) jiffies_64", c.run("sym jiffies_64"))
    if jiffies:
        w = vtop_facts(c.run("vtop " + jiffies))
        facts["kernel_walk"] = w
        if w["physical"]:
            c.run("ptov " + w["physical"])
            facts["kmem_p"] = kmem_p_facts(c.run("kmem -p " + w["physical"]))
    c.run("dis -l sysrq_handle_crash")
    c.run("vm")
    c.run("mach")


def hugetlb(c, facts, cons):
    pid = cons.get("probe", {}).get("pid")
    out = c.run("ps | grep hugeprobe")
    pid = int(first(r"^\s*>?\s*(\d+)\s+\d+\s+\d+\s+[0-9a-f]+.*hugeprobe", out) or pid)
    facts["probe_pid"] = pid
    c.run("set %d" % pid)
    c.run("vm")
    c.run("bt")
    giga = cons.get("probe", {}).get("size") == "1G"
    level = "PUD" if giga else "PMD"
    walks = {}
    for page, p in sorted(cons["pages_before"].items(), key=lambda kv: int(kv[0])):
        walks[page] = vtop_facts(c.run("vtop -c %d %s" % (pid, p["va"][2:])))
    facts["walks"] = walks
    entries = {page: next((l for l in w["levels"] if l["level"] == level), None) for page, w in walks.items()}
    table = next((int(e["entry_addr"], 16) & ~0xfff for e in entries.values() if e), None)
    if table is not None:
        out = c.run("rd -p %x 512" % table)
        words = []
        for m in re.finditer(r"^\s*([0-9a-f]+):\s+([0-9a-f]{16})\s+([0-9a-f]{16})", out, re.M):
            words += [(int(m.group(1), 16), int(m.group(2), 16)), (int(m.group(1), 16) + 8, int(m.group(3), 16))]
        facts["table"] = {"level": level, "base": "0x%x" % table,
                          "slots": {page: (int(e["entry_addr"], 16) - table) // 8 for page, e in entries.items() if e},
                          "nonzero": {str((a - table) // 8): "0x%x" % v for a, v in words if v}}
    size = 1 << 30 if giga else 2 << 20
    pas = sorted({int(p["pa"], 16) & ~(size - 1) for d in (cons["pages_before"], cons["pages_after"]) for p in d.values() if p["present"]})
    if "poison_target" in cons:
        pas.append(int(cons["poison_target"]["pa"], 16))
    facts["kmem_p"] = {}
    for pa in pas:
        k = kmem_p_facts(c.run("kmem -p %x" % pa))
        if k:
            facts["kmem_p"]["0x%x" % pa] = k
    c.run("kmem -h")
    c.run("log | grep -i -e offlin -e 'memory failure' -e 'hardware error' -e 'machine check'")


def oops(c, facts, ko):
    out = c.run("sys")
    facts["sys"] = dict((k.strip(), v.strip()) for k, v in re.findall(r"^\s*([A-Z][A-Z ]+):\s(.*)$", out, re.M))
    bt = bt_facts(c.run("bt"))
    facts["bt"] = bt
    c.run("bt -FFls")
    c.run("log")
    c.run("foreach UN bt")
    if ko:
        c.run("mod -s crashkinds " + ko)
    if bt.get("rip"):
        c.run("dis -rl " + bt["rip"])
    if bt.get("rsp"):
        c.run("rd -s %s 32" % bt["rsp"])
    c.run("bt -a")


def derive(facts, cons):
    """What the table should show: the slot the soft offline moved and the slot the hwpoison emptied."""
    t = facts.get("table")
    if not t:
        return
    size = 1 << 30 if cons.get("probe", {}).get("size") == "1G" else 2 << 20
    before = {int(k): int(v["pa"], 16) for k, v in cons["pages_before"].items() if v["present"]}
    slots = {int(k): v for k, v in t["slots"].items()}
    if "soft" in cons and cons["soft"]["ret"] == 0:
        k = cons["soft"]["page"]
        after = int(cons["pages_after"][str(k)]["pa"], 16)
        t["migrated"] = {"page": k, "slot": slots.get(k), "expected": "0x%x" % before[k], "found": "0x%x" % after, "moved": after != before[k]}
    if "poison" in cons:
        k = cons["poison"]["page"]
        t["hwpoisoned"] = {"page": k, "slot": slots.get(k), "huge_page": "0x%x" % (before[k] & ~(size - 1)),
                           "entry": t["nonzero"].get(str(slots.get(k))), "ret": cons["poison"]["ret"],
                           "page_4k": cons.get("poison_target", {}).get("pa")}


def session(a):
    cons = console_facts(os.path.join(a.dir, "console.log"))
    facts = {"scenario": os.path.basename(a.dir.rstrip("/")), "boot": json.load(open(os.path.join(a.dir, "boot.json"))), "console": cons,
             "expect": {"kind": a.expect, "deliberate": a.deliberate, "guilty": a.guilty}}
    vml = os.path.basename(a.vmlinux)
    link = os.path.join(a.dir, vml)
    if not os.path.exists(link):
        os.symlink(os.path.abspath(a.vmlinux), link)
    c = Crash([a.crash, "--no_scroll", "--no_crashrc", vml, "vmcore"], a.dir, a.timeout)
    try:
        if a.script == "basic":
            basic(c, facts)
        elif a.script == "hugetlb":
            hugetlb(c, facts, cons)
        else:
            oops(c, facts, a.module_ko)
    finally:
        text = c.transcript()
        c.close()
    derive(facts, cons)
    facts["commands"] = c.commands
    open(a.out, "w").write(text)
    json.dump(facts, open(re.sub(r"\.txt$", "", a.out) + ".facts.json", "w"), indent=1, sort_keys=True)
    print("wrote %s (%d lines)" % (a.out, text.count("\n")))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="what", required=True)
    b = sub.add_parser("boot")
    b.add_argument("dir")
    b.add_argument("--kernel", required=True)
    b.add_argument("--initrd", required=True)
    b.add_argument("--append", required=True)
    b.add_argument("--mem", default="4G")
    b.add_argument("--format", default="kdump-zlib", choices=["kdump-zlib", "kdump-lzo", "elf"])
    b.add_argument("--timeout", type=int, default=900)
    s = sub.add_parser("session")
    s.add_argument("dir")
    s.add_argument("--crash", required=True)
    s.add_argument("--vmlinux", required=True)
    s.add_argument("--script", required=True, choices=["basic", "hugetlb", "oops"])
    s.add_argument("--out", required=True)
    s.add_argument("--module-ko")
    s.add_argument("--expect")
    s.add_argument("--deliberate", action="store_true")
    s.add_argument("--guilty", help="the function of the module that fails, by its construction (crashkinds.c)")
    s.add_argument("--timeout", type=int, default=900)
    a = p.parse_args()
    boot(a) if a.what == "boot" else session(a)


if __name__ == "__main__":
    main()
