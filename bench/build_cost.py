#!/usr/bin/env python3
"""Headline benchmark (issue 13): what a real `dotnet build` pays for BpfAnalyzers.

Generates consumer projects of N [BpfSection] programs (4 ordinary methods each) with 0 % and 10 % wrong names,
builds each against the packed package with -p:ReportAnalyzer=true, and reads csc's own per-analyzer table from
the same build: our seconds, our share of the Csc task, the SDK's NetAnalyzers, and the reference analyzer
(bench/BpfAnalyzers.ReferenceAnalyzer, the honest floor) which every generated project also loads. One build per
size is a warm-up (it starts the compiler server and JIT-compiles the analyzers); the next --reps are measured and
their medians printed. Run through bench/build-cost.sh.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, time

VALID = ["xdp", "tracepoint/syscalls/sys_enter_openat", "tp/sched/sched_switch", "socket", "fentry/do_unlinkat",
         "kprobe/do_sys_openat2", "cgroup/connect4", "tcx/ingress", "lsm/file_open", "raw_tp/sched_switch"]
# Unknown or legacy names the analyzer reports; a real project repeats the same mistake, so a few names recur.
WRONG = ["xdpblah", "kprobes/do_unlinkat", "cgroup_sock", "tracepoints/sched/sched_switch"]
PER_FILE = 100


# On a kernel profile the valid names must exist there too: Debian 12's 6.1 has no tcx (6.6), so sk_msg stands in.
VALID_ON_KERNEL = [("sk_msg" if n == "tcx/ingress" else n) for n in VALID]


def generate(d, programs, wrong_pct, package_source, version, reference_dll, kernel=None, portable=False):
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    open(os.path.join(d, "Directory.Build.props"), "w").write("<Project />\n")
    open(os.path.join(d, "Directory.Packages.props"), "w").write("<Project />\n")
    # The project lives under artifacts/, so NuGet merges the repository's nuget.config, whose source mapping sends
    # every id to nuget.org: clear the mapping too, or BpfAnalyzers has no allowed source (NU1100).
    open(os.path.join(d, "nuget.config"), "w").write(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="packages" /></config>
  <packageSources><clear /><add key="local" value="{package_source}" /></packageSources>
  <packageSourceMapping><clear /><packageSource key="local"><package pattern="*" /></packageSource></packageSourceMapping>
</configuration>
""")
    kernel_item = f'\n    <BpfKernel Include="{kernel}" />' if kernel else ""
    # --portable: the package's portable analyzer even where its targets would pick the copy compiled ahead of time.
    portable_property = "\n    <BpfReadyToRun>false</BpfReadyToRun>" if portable else ""
    valid = VALID_ON_KERNEL if kernel else VALID
    open(os.path.join(d, "Generated.csproj"), "w").write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <BpfLibbpfVersion>1.7</BpfLibbpfVersion>{portable_property}
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="BpfAnalyzers" Version="{version}" />
    <Analyzer Include="{reference_dll}" />{kernel_item}
  </ItemGroup>
</Project>
""")
    every = 0 if wrong_pct == 0 else round(100 / wrong_pct)
    for f in range((programs + PER_FILE - 1) // PER_FILE):
        out = ["using System;\nusing BpfAnalyzers;\n\nnamespace Generated\n{\n", f"    public static class Programs{f}\n    {{\n"]
        for i in range(f * PER_FILE, min(programs, (f + 1) * PER_FILE)):
            # A project smaller than one in ten still gets one wrong name, so "10 %" never measures the all-valid path.
            wrong = every and (i % every == every - 1 or (programs < every and i == programs - 1))
            name = WRONG[(i // max(every, 1)) % len(WRONG)] if wrong else valid[i % len(valid)]
            out.append(f"""        [BpfSection("{name}")]
        public static int Prog{i}(IntPtr ctx) {{ return Sum{i}(ctx.ToInt32()); }}
        public static int Sum{i}(int x) {{ int s = 0; for (int k = 0; k < x; k++) {{ s += k * 3; }} return s; }}
        public static string Text{i}(int x) => string.Format("{{0}}-{{1}}", x, x + {i});
        public static int Count{i}(int[] xs) {{ int s = 0; foreach (int v in xs) {{ if (v > 2) {{ s += v; }} }} return s; }}
        public static long Mix{i}(long a, long b) => a * b + (a ^ b) - {i};

""")
        out.append("    }\n}\n")
        open(os.path.join(d, f"Programs{f}.cs"), "w").write("".join(out))


ASSEMBLY = re.compile(r"^\s*(<?[\d.]+)\s+(<?\d+)\s+([\w.]+), Version=")
CSC = re.compile(r"^\s*(\d+) ms\s+Csc\s+\d+ calls")
# Each analyzer's own line under its assembly in the same table: the two references share one assembly.
REFERENCE = re.compile(r"^\s*(<?[\d.]+)\s+(<?\d+)\s+BpfAnalyzers\.ReferenceAnalyzer\.(ReferenceAnalyzer|ReportingReferenceAnalyzer) ")


def seconds(s):
    return 0.0005 if s.startswith("<") else float(s)


def build(d, log, shared=True):
    env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", MSBUILDTERMINALLOGGER="off")
    t = time.monotonic()
    p = subprocess.run(["dotnet", "build", "--no-restore", "--no-incremental", "-c", "Release", "-v:d", "-nodeReuse:false",
                        # The SDK turns the compiler server off with -nodeReuse:false unless asked for it explicitly.
                        f"-p:UseSharedCompilation={'true' if shared else 'false'}", "-p:ReportAnalyzer=true", "-clp:PerformanceSummary"], cwd=d, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t
    text = p.stdout + p.stderr
    open(log, "w").write(text)
    asm, csc, refs = {}, None, {}
    for line in text.splitlines():
        m = REFERENCE.match(line)
        if m and m.group(3) not in refs:
            refs[m.group(3)] = seconds(m.group(1))
        m = ASSEMBLY.match(line)
        if m and m.group(3) not in asm:  # the analyzer table comes first; generators' table repeats no analyzer
            asm[m.group(3)] = seconds(m.group(1))
        m = CSC.match(line)
        if m:
            csc = int(m.group(1)) / 1000
    diags = {l.split(": ", 1)[-1] for l in text.splitlines() if re.search(r"(error|warning) BPF\d{4}", l)}
    if csc is None or "BpfAnalyzers.Analyzers" not in asm:
        sys.exit(f"no analyzer table or Csc time in {log}")
    return {"ours": asm["BpfAnalyzers.Analyzers"], "ref": refs.get("ReferenceAnalyzer", float("nan")),
            "rep": refs.get("ReportingReferenceAnalyzer", float("nan")),
            "net": sum(v for k, v in asm.items() if "NetAnalyzers" in k), "csc": csc, "wall": wall,
            "diags": len({re.sub(r" \[[^]]*\]$", "", x) for x in diags}), "exit": p.returncode}


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--sizes", default="2,1000,10000")
    a.add_argument("--wrong", default="0,10")
    a.add_argument("--reps", type=int, default=3)
    a.add_argument("--package-source", required=True)
    a.add_argument("--reference", required=True)
    a.add_argument("--work", required=True)
    a.add_argument("--label", default="")
    a.add_argument("--kernel", default="", help="a kernel profile every generated project declares (<BpfKernel>)")
    a.add_argument("--cold-sizes", default="2,1000,10000", help="sizes that also get builds without the compiler server")
    a.add_argument("--portable", action="store_true", help="BpfReadyToRun=false: the portable analyzer, never the linux-x64 ReadyToRun copy")
    args = a.parse_args()
    version = sorted(f[len("BpfAnalyzers."):-len(".nupkg")] for f in os.listdir(args.package_source)
                     if f.startswith("BpfAnalyzers.") and f.endswith(".nupkg"))[-1]
    rows = []
    print(f"kernel profile: {args.kernel or 'none'}; analyzer copy: {'portable (BpfReadyToRun=false)' if args.portable else 'as the package chooses (ReadyToRun on a .NET 10 SDK on linux-x64)'}")
    print(f"{'programs':>9} {'wrong':>5} {'compiler':>9} {'diags':>5} | {'ours s':>7} {'% Csc':>6} | {'ref s':>7} {'ours/ref':>8} | {'rep s':>7} {'rep %':>6} | {'NetAn s':>7} | {'Csc s':>7}  (medians; ours per build listed)")
    for size in [int(s) for s in args.sizes.split(",")]:
        for pct in [int(w) for w in args.wrong.split(",")]:
            d = os.path.join(args.work, f"p{size}-w{pct}")
            generate(d, size, pct, os.path.abspath(args.package_source), version, os.path.abspath(args.reference),
                     os.path.abspath(args.kernel) if args.kernel else None, args.portable)
            subprocess.run(["dotnet", "restore", "--nologo", "-v:q"], cwd=d, check=True, capture_output=True)
            # Warm-up: the first build starts the compiler server or loads this project's copy of the analyzers into it
            # (one more for small projects, whose first server build showed start-up left-overs); small sizes are cheap
            # and noisier, so they get more repetitions.
            warm = 2 if size <= 1000 else 1
            reps = max(args.reps, 5) if size <= 1000 else args.reps
            report(args, rows, size, pct, "server", [build(d, os.path.join(d, f"build-{r}.log")) for r in range(reps + warm)][warm:])
            if str(size) in args.cold_sizes.split(","):
                # No compiler server: a fresh csc process per build that loads and JIT-compiles every analyzer (CI
                # machines with the server off; issue 23). UseSharedCompilation is passed explicitly either way: this
                # machine's environment sets it false, which would otherwise decide the "server" rows too.
                report(args, rows, size, pct, "no server", [build(d, os.path.join(d, f"cold-{r}.log"), shared=False) for r in range(reps)])
    os.makedirs("artifacts/bench/results", exist_ok=True)
    with open(f"artifacts/bench/results/build-cost{('-' + args.label) if args.label else ''}.tsv", "w") as f:
        f.write("label\tkernel\tprograms\twrong_pct\tcompiler\tdiagnostics\tours_s\tours_pct_csc\tref_s\tours_over_ref\treporting_ref_s\tnetanalyzers_s\tcsc_s\tbuild_wall_s\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


def report(args, rows, size, pct, compiler, runs):
    med = {k: statistics.median(r[k] for r in runs) for k in ("ours", "ref", "rep", "net", "csc", "wall")}
    share = 100 * med["ours"] / med["csc"]
    ratio = med["ours"] / med["ref"] if med["ref"] > 0 else float("inf")
    rows.append((args.label, os.path.basename(args.kernel) or "-", size, pct, compiler, runs[0]["diags"], med["ours"], share, med["ref"], ratio, med["rep"], med["net"], med["csc"], med["wall"]))
    # On a shared machine a callback's stopwatch also counts preemption and GC pauses: the per-build lists and the
    # least-disturbed build (min) show how far the median can be trusted.
    print(f"{size:>9} {pct:>4}% {compiler:>9} {runs[0]['diags']:>5} | {med['ours']:>7.3f} {share:>5.2f}% | {med['ref']:>7.3f} {ratio:>7.2f}x | {med['rep']:>7.3f} {100 * med['rep'] / med['csc']:>5.2f}% | {med['net']:>7.3f} | {med['csc']:>7.2f}"
          f"  ours: {[r['ours'] for r in runs]} ref: {[r['ref'] for r in runs]} rep: {[r['rep'] for r in runs]} min ours/ref: {min(r['ours'] for r in runs):.3f}/{min(r['ref'] for r in runs):.3f}", flush=True)


if __name__ == "__main__":
    main()
