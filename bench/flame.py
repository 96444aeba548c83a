#!/usr/bin/env python3
"""Where the CPU went: hot methods as text and a flame graph as SVG, from a JFR recording or from `perf script`.

    bench/flame.py RECORDING.jfr OUT-PREFIX [--from HH:MM:SS] [--to HH:MM:SS] [--title TEXT]
    bench/flame.py PERF-SCRIPT.txt OUT-PREFIX [--title TEXT] [--procs PID=LABEL,...]

A .jfr file: its jdk.ExecutionSample events (`jfr print --json`, the JDK's own tool; Java threads only), optionally
only those between two wall-clock times (the steady state of a run). Any other file: the text of `perf script`
(bench/profile.sh records the server JVM with its perf map, and PostgreSQL's processes, in one recording), whose
stacks start with the process name, so that the JVM's share and PostgreSQL's share show side by side. Writes
  OUT-PREFIX.txt  samples per thread group, the 30 hottest methods by self time and by total time, and the share of
                  a few families of work (JSON decode, SQL client, MQTT codec, rules, ...) by total time;
  OUT-PREFIX.svg  a flame graph (root at the bottom, width = share of samples; hover for names and shares);
  OUT-PREFIX.collapsed  the stacks in the folded format other flame-graph tools read.
Only the JDK (jfr) and Python 3 are needed.
"""
import collections
import html
import json
import subprocess
import sys

FAMILIES = [  # (label, substrings of a frame): a sample counts once per family whose frame is on its stack
    ("JSON decode (ReadingDecoder, Jackson)", ("ReadingDecoder", "com.fasterxml.jackson")),
    ("MQTT codec and session (netty mqtt, vertx-mqtt)", ("io.netty.handler.codec.mqtt", "io.vertx.mqtt")),
    ("ingest session (DeviceSession, acks)", ("io.gridwatch.ingest.DeviceSession", "io.gridwatch.ingest.PendingAcks")),
    ("reading writer (batching, tuples)", ("io.gridwatch.store.ReadingWriter", "io.gridwatch.store.ReadingBatch",
                                          "io.gridwatch.store.PriorityLane", "io.gridwatch.store.ReadingCopy")),
    ("PostgreSQL client (vertx-pg-client encode/decode)", ("io.vertx.pgclient", "io.vertx.sqlclient")),
    ("rules (RuleVerticle, RuleEngine)", ("io.gridwatch.evaluate", "io.gridwatch.rules")),
    ("alerts (lifecycle, store, publish)", ("io.gridwatch.dispatch", "io.gridwatch.alert")),
    ("metrics (micrometer)", ("io.micrometer",)),
    ("socket I/O (NIO/epoll read+write)", ("sun.nio.ch", "io.netty.channel.epoll", "io.netty.channel.nio")),
    ("logging", ("org.slf4j", "ch.qos.logback")),
    ("GC and JIT (no Java frames)", ("[no java frames]",)),
    ("PostgreSQL: WAL insert and flush (XLog*)", ("XLogInsert", "XLogFlush", "XLogWrite", "issue_xlog_fsync")),
    ("PostgreSQL: btree index insert", ("btinsert", "_bt_doinsert")),
    ("PostgreSQL: heap insert", ("heap_insert", "heap_multi_insert")),
    ("PostgreSQL: ON CONFLICT / unique checks", ("ExecCheckIndexConstraints", "check_exclusion_or_unique", "_bt_check_unique")),
    ("PostgreSQL: parse, plan, executor start", ("pg_parse_query", "pg_plan_queries", "standard_planner", "ExecutorStart", "exec_bind_message")),
    ("PostgreSQL: arrays and unnest (parameters)", ("array_recv", "array_in", "array_unnest", "ExecMakeTableFunctionResult", "construct_md_array")),
    ("PostgreSQL: COPY", ("CopyFrom", "DoCopy", "CopyReadBinary", "NextCopyFrom")),
    ("PostgreSQL: commit", ("CommitTransaction", "RecordTransactionCommit")),
    ("kernel: fsync and block I/O", ("fdatasync", "fsync", "jbd2", "ext4_sync", "blk_", "submit_bio")),
    ("kernel: TCP send/receive", ("tcp_sendmsg", "tcp_recvmsg", "tcp_v4", "__tcp_", "sock_sendmsg", "sock_recvmsg")),
    ("photos: JPEG decode (ImageIO, libjpeg)", ("JPEGImageReader", "jpeg_read_scanlines", "decode_mcu", "jpeg_idct",
                                               "readImage")),
    ("photos: JPEG encode (ImageIO, libjpeg)", ("JPEGImageWriter", "jpeg_write_scanlines", "encode_mcu",
                                               "forward_DCT", "jpeg_fdct", "writeImage")),
    ("photos: redraw, thumbnail (Java2D)", ("ImageSanitizer.thumbnail", "ImageSanitizer.upright", "sun.java2d")),
    ("photos: multipart body, upload files (vertx-web)", ("BodyHandlerImpl", "HttpPostRequestDecoder",
                                                         "HttpPostMultipartRequestDecoder", "AsyncFileImpl",
                                                         "FileUploadImpl", "io.vertx.core.file")),
    ("PostgreSQL: TOAST (large values)", ("toast_save_datum", "heap_toast_insert_or_update", "toast_delete",
                                          "detoast", "toast_tuple")),
    ("kernel: file write (page cache)", ("vfs_write", "ext4_file_write", "generic_perform_write", "copy_page_from_iter")),
]


def frames_of(event):
    stack = event["values"].get("stackTrace") or {}
    out = []
    for frame in reversed(stack.get("frames") or []):  # root first
        method = frame["method"]
        out.append(method["type"]["name"].replace("/", ".") + "." + method["name"])
    return out or ["[no java frames]"]


def perf_stacks(path, procs=None):
    """Stacks of `perf script` text, root first, each starting with the command name (java, postgres), or with the
    label --procs gives the process id (`perf script -F comm,pid,...`), so two JVMs can be told apart."""
    procs = procs or {}
    stacks = collections.Counter()
    comm, frames = None, []
    with open(path, errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if comm is not None:
                    stacks[tuple([comm] + list(reversed(frames or ["[unknown]"])))] += 1
                comm, frames = None, []
            elif not line[0].isspace():
                head = line.split()
                if procs and head[-1] in procs:  # -F comm,pid: the pid last (a thread's name may hold spaces)
                    comm = procs[head[-1]]
                    continue
                comm = head[0]
                comm = "postgres" if comm.startswith("postgres") else comm
                comm = "java" if comm in ("java", "vert.x-eventloo", "vert.x-worker-t") or comm.startswith(
                    ("vert.x", "C2 Compiler", "C1 Compiler", "GC Thread", "G1 ")) else comm
            else:
                parts = line.strip().split(" ", 1)
                symbol = parts[1] if len(parts) > 1 else "[unknown]"
                dso = ""
                if symbol.endswith(")") and " (" in symbol:
                    symbol, dso = symbol.rsplit(" (", 1)
                symbol = symbol.split("+0x")[0].replace("::", ".")
                if symbol.startswith("L") and ";" in symbol:  # JVM type descriptor style: Lio/x/Y;.m
                    symbol = symbol[1:].replace(";", "")
                symbol = symbol.replace("/", ".")
                if symbol == "[unknown]" and dso:
                    symbol = "[" + dso.rstrip(")").rsplit("/", 1)[-1] + "]"
                frames.append(symbol)
    if comm is not None:
        stacks[tuple([comm] + list(reversed(frames or ["[unknown]"])))] += 1
    return stacks


def thread_group(name):
    for prefix in ("vert.x-eventloop-thread", "vert.x-worker-thread", "vert.x-internal-blocking", "C2 CompilerThread",
                   "C1 CompilerThread", "GC Thread", "hz.", "load-"):
        if name.startswith(prefix):
            return prefix.rstrip("-.") + "*"
    return name


def main(argv):
    args = [a for a in argv[1:]]
    opts = {"--from": None, "--to": None, "--title": None, "--procs": None}
    for key in list(opts):
        if key in args:
            i = args.index(key)
            opts[key] = args[i + 1]
            del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    recording, prefix = args
    if not recording.endswith(".jfr"):
        procs = dict(p.split("=", 1) for p in opts["--procs"].split(",")) if opts["--procs"] else {}
        stacks = perf_stacks(recording, procs)
        threads = collections.Counter()
        for stack, n in stacks.items():
            threads[stack[0]] += n
        report(stacks, threads, prefix, opts, opts["--title"] or recording, "perf samples of the recorded processes")
        return
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample",
                          recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    stacks = collections.Counter()
    threads = collections.Counter()
    for event in events:
        when = event["values"]["startTime"][11:19]  # ISO date-time: HH:MM:SS
        if (opts["--from"] and when < opts["--from"]) or (opts["--to"] and when > opts["--to"]):
            continue
        thread = (event["values"].get("sampledThread") or {}).get("javaName") or "?"
        threads[thread_group(thread)] += 1
        stacks[tuple(frames_of(event))] += 1
    report(stacks, threads, prefix, opts, opts["--title"] or recording,
           "JFR execution samples, Java threads only; PostgreSQL is another process")


def report(stacks, threads, prefix, opts, title, what):
    total = sum(stacks.values())
    if total == 0:
        sys.exit("no samples in the window")
    self_time = collections.Counter()
    total_time = collections.Counter()
    family = collections.Counter()
    for stack, n in stacks.items():
        self_time[stack[-1]] += n
        for name in set(stack):
            total_time[name] += n
        for label, needles in FAMILIES:
            if any(any(needle in f for needle in needles) for f in stack):
                family[label] += n
    with open(prefix + ".txt", "w") as out:
        out.write(f"{title}\n{total} samples ({what})"
                  f"{' from ' + opts['--from'] if opts['--from'] else ''}{' to ' + opts['--to'] if opts['--to'] else ''}\n\n")
        out.write("samples by thread (JFR) or process (perf)\n")
        for name, n in threads.most_common(12):
            out.write(f"  {100 * n / total:5.1f} %  {name}\n")
        out.write("\nfamilies of work (share of samples with such a frame on the stack; they overlap)\n")
        for label, _ in FAMILIES:
            out.write(f"  {100 * family[label] / total:5.1f} %  {label}\n")
        out.write("\nhottest methods, self time\n")
        for name, n in self_time.most_common(30):
            out.write(f"  {100 * n / total:5.1f} %  {name}\n")
        out.write("\nhottest methods, total time (self + callees)\n")
        for name, n in total_time.most_common(40):
            out.write(f"  {100 * n / total:5.1f} %  {name}\n")
    with open(prefix + ".collapsed", "w") as out:
        for stack, n in stacks.most_common():
            out.write(";".join(f.replace(";", ":") for f in stack) + f" {n}\n")
    write_svg(prefix + ".svg", stacks, total, title)


def write_svg(path, stacks, total, title):
    root = {"n": 0, "kids": {}}
    for stack, n in stacks.items():
        node = root
        node["n"] += n
        for f in stack:
            node = node["kids"].setdefault(f, {"n": 0, "kids": {}})
            node["n"] += n
    width, row = 1600, 16
    rects = []
    depth_max = [0]

    def walk(node, name, x, depth):
        w = width * node["n"] / total
        if w < 0.3:
            return
        depth_max[0] = max(depth_max[0], depth)
        rects.append((x, depth, w, name, node["n"]))
        cx = x
        for kid_name, kid in sorted(node["kids"].items()):
            walk(kid, kid_name, cx, depth + 1)
            cx += width * kid["n"] / total

    walk(root, "all", 0, 0)
    height = (depth_max[0] + 3) * row
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="monospace" '
             f'font-size="11"><rect width="100%" height="100%" fill="#fff"/>'
             f'<text x="4" y="13">{html.escape(title)} ({total} samples)</text>']
    for x, depth, w, name, n in rects:
        y = height - (depth + 1) * row
        hue = 20 + (hash(name.split(".")[0]) % 40)
        colour = "#7fb3e0" if name.startswith("io.gridwatch") else f"hsl({hue},80%,62%)"
        label = html.escape(name)
        share = f"{100 * n / total:.1f} %"
        parts.append(f'<g><title>{label} — {share}</title><rect x="{x:.1f}" y="{y}" width="{w:.1f}" '
                     f'height="{row - 1}" fill="{colour}"/>')
        chars = int(w / 7)
        if chars > 3:
            short = name if len(name) <= chars else name[:chars - 2] + ".."
            parts.append(f'<text x="{x + 2:.1f}" y="{y + 12}">{html.escape(short)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    with open(path, "w") as out:
        out.write("\n".join(parts))


if __name__ == "__main__":
    main(sys.argv)
