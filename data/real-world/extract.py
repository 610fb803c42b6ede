#!/usr/bin/env python3
"""Regenerates sections.tsv and data-sections.tsv from git mirrors of the projects (see README.md for the commits).

Usage: extract.py MIRROR_ROOT > sections.tsv
       extract.py --data MIRROR_ROOT > data-sections.tsv
where MIRROR_ROOT/<owner>+<name>/repo is a bare clone (read at HEAD).

sections.tsv: every literal SEC("NAME") in the project's BPF sources that names a program; per program, how the
project's own loader treats it, read from the loader sources next to the BPF file (or the project's loader package,
PROJECTS[..]['loaders']).
data-sections.tsv: every SEC() that places a global (a map, a variable, the license, a loader-read section such as
libxdp's .xdp_run_config), with the C identifier it declares and whether the same file uses that identifier.
"""
import collections, re, subprocess, sys

DATA_MODE = '--data' in sys.argv[1:]
ROOT = [a for a in sys.argv[1:] if a != '--data'][0]

# project -> mirror, BPF source roots, loader roots used for every file (besides the file's own directory; a
# (file_prefix, loader_root) pair applies to the files under file_prefix only), the libbpf it builds against and the
# analyzer target that stands for it, what opens and loads its objects (loads_with), project-wide loader facts
# (force: every program; by_name: [(regex on the section name, facts)]).
# Optional: exts (source file endings read, default .c/.h), exclude (path prefixes left out), sec_macros (names that
# place a section like SEC does: cilium/ebpf's testdata uses __section("...")), expand (function-like macros whose
# body is SEC("prefix"#name) ...: their uses are program names too; scx's BPF_STRUCT_OPS), libxdp (an `xdp` program
# whose loader calls xdp_program__*() is typed, targeted and attached by libxdp).
LIBXDP = 'AttachesInCode,SetsAttachTarget,SetsType'
LIBXDP_NAME = r'^xdp(?!/(?:cpumap|devmap))'   # xdp, xdp_sock, xdp/pass, xdp.frags; not the programs put in maps
PROJECTS = {
    'bcc-libbpf-tools': dict(repo='iovisor+bcc', roots=['libbpf-tools/'], loaders=[],
        libbpf='submodule src/cc/libbpf @ 34e3ebf0 (v1.7.0-72, main)', target='main', force='', loads_with='libbpf'),
    'libbpf-bootstrap': dict(repo='libbpf+libbpf-bootstrap', roots=['examples/'], loaders=[],
        libbpf='submodule libbpf @ 374036c9 (v1.5.0-69)', target='1.7', force='', loads_with='libbpf'),
    'tracee': dict(repo='aquasecurity+tracee', roots=['pkg/ebpf/c/'], loaders=['pkg/ebpf/'],
        libbpf='submodule 3rdparty/libbpf @ 2bbc4834 (v1.7.0-77, main), through libbpfgo', target='main',
        # pkg/ebpf/probes: every probe is attached in Go (AttachKprobe/AttachUprobe/AttachGeneric), never by a skeleton
        force='AttachesInCode', loads_with='libbpf'),
    'falco-modern-bpf': dict(repo='falcosecurity+libs', roots=['driver/modern_bpf/'], loaders=['userspace/libpman/'],
        libbpf='bundled release v1.3.0 (cmake/modules/libbpf.cmake) or the system libbpf', target='1.3',
        # libpman/src/programs.c attaches chosen programs one by one; tail-called programs are never attached
        force='AttachesInCode', loads_with='libbpf'),
    'inspektor-gadget': dict(repo='inspektor-gadget+inspektor-gadget', roots=['.'], loaders=[],
        libbpf='none: cilium/ebpf v0.22.0 (Go) loads the objects', target='1.7',
        # cilium/ebpf types programs from its own section table and never auto-attaches (link.* in Go)
        force='AttachesInCode,SetsType', loads_with='cilium/ebpf'),
    'bpftool': dict(repo='libbpf+bpftool', roots=['src/'], loaders=['src/'],
        libbpf='submodule libbpf @ 34e3ebf0 (v1.7.0-72, main)', target='main', force='', loads_with='libbpf'),
    'retsnoop': dict(repo='anakryiko+retsnoop', roots=['src/'], loaders=['src/'],
        libbpf='submodule libbpf @ d65dbb41 (v1.6.0-75)', target='1.7', force='', loads_with='libbpf'),
    'bpf-developer-tutorial': dict(repo='eunomia-bpf+bpf-developer-tutorial', roots=['src/'], loaders=[],
        libbpf='libbpf of submodule src/third_party/bpftool @ 4222ef1c', target='1.7', force='', loads_with='libbpf'),
    # libxdp (lib/libxdp/libxdp.c) loads every `xdp` program it is given: xdp_program__attach() sets the type (XDP,
    # or EXT for a dispatcher slot), sets the attach target (the dispatcher's prog<N> / xdp_dispatcher) and links it
    # (bpf_link_create / bpf_xdp_attach); the tools (xdp-loader, xdp-bench, xdp-filter, xdpdump, ...) all go through it.
    # xdp/cpumap and xdp/devmap programs are loaded with the object and put in maps; tp_btf ones via bpf_program__attach().
    'xdp-tools': dict(repo='xdp-project+xdp-tools',
        roots=['lib/libxdp/', 'lib/testing/', 'lib/util/', 'headers/xdp/', 'xdp-bench/', 'xdp-dump/', 'xdp-filter/',
               'xdp-forward/', 'xdp-loader/', 'xdp-monitor/', 'xdp-trafficgen/'],
        loaders=[], exts=('.c', '.h', '.c.in'),
        libbpf='submodule lib/libbpf @ 09b9e831 (v1.5.0); loaded through libxdp (lib/libxdp)', target='1.5',
        force='', by_name=[(LIBXDP_NAME, LIBXDP)], loads_with='libbpf'),
    # scx_utils::scx_ops_attach!: skel.attach() (auto-attach) for everything but struct_ops, then
    # maps.<ops>.attach_struct_ops(); some kprobes are set_autoattach(false) and attached with .attach_kprobe()
    'scx': dict(repo='sched-ext+scx', roots=['scheds/', 'lib/', 'rust/', 'tools/'], loaders=[],
        libbpf='libbpf-sys 1.7.0+v1.7.0 (Cargo.lock: vendored libbpf v1.7.0), through libbpf-rs 0.26.2', target='1.7',
        force='', expand=['BPF_STRUCT_OPS', 'BPF_STRUCT_OPS_SLEEPABLE'], loads_with='libbpf'),
    'cilium-ebpf': dict(repo='cilium+ebpf',
        roots=['examples/', 'testdata/', 'docs/examples/', 'btf/testdata/', 'cmd/bpf2go/testdata/'], loaders=[],
        sec_macros=['SEC', '__section'],
        libbpf='none: cilium/ebpf itself (v0.22.0-28) loads the objects; examples/headers from libbpf v0.6.1',
        target='1.7', force='AttachesInCode,SetsType', loads_with='cilium/ebpf'),
    'aya': dict(repo='aya-rs+aya', roots=['test/integration-test/bpf/'], loaders=['test/integration-test/src/'],
        libbpf='none: aya (Rust) loads the objects; headers from submodule xtask/libbpf @ 20ea95b4 (v1.4.0)',
        # aya types programs from its own section table and attaches each one in the test (program.attach(...))
        target='1.7', force='AttachesInCode,SetsType', loads_with='aya'),
    'ebpf-for-windows': dict(repo='microsoft+ebpf-for-windows', roots=['tests/sample/'], loaders=[],
        libbpf="none: ebpf-for-windows' own libbpf-like API (ebpfapi) and section table "
               "(libs/api_common/windows_platform_common.cpp, from the extensions' registrations)",
        # tests/libs/util/program_helper.cpp: bpf_program__set_type() when the test names a type, hook.attach_link()
        target='1.7', force='AttachesInCode,SetsType', loads_with='ebpf-for-windows'),
    'bpf-examples': dict(repo='xdp-project+bpf-examples', roots=['.'], exclude=['headers/', 'lib/'], loaders=[],
        libbpf='submodule lib/libbpf @ 20c0a9e3 (v1.3.0); libxdp of submodule lib/xdp-tools @ fa3bcd03 (v1.5.6)',
        target='1.3', force='', libxdp=True, loads_with='libbpf'),
    # exporter/attach.go: prog.AttachGeneric() (bpf_program__attach, auto-attach) for every program; perf_event/ and
    # xdp/ names go to handlers registered with libbpf_register_prog_handler() (exporter/perf_event.go, xdp.go),
    # which set the type and attach in code
    'ebpf_exporter': dict(repo='cloudflare+ebpf_exporter', roots=['examples/', 'benchmark/'], loaders=[],
        libbpf='libbpf v1.5.0 (Makefile.libbpf clones the tag), through libbpfgo v0.10.0-libbpf-1.5.1', target='1.5',
        force='', by_name=[(r'^(perf_event|xdp)/', 'AttachesInCode,SetsType')], loads_with='libbpf'),
    'libbpf-rs': dict(repo='libbpf+libbpf-rs', roots=['examples/', 'libbpf-rs/tests/bin/src/'],
        loaders=[('libbpf-rs/tests/', 'libbpf-rs/tests/')],
        libbpf='libbpf-sys 1.7.0+v1.7.0 (Cargo.lock: vendored libbpf v1.7.0)', target='1.7', force='',
        loads_with='libbpf'),
    'bpftop': dict(repo='Netflix+bpftop', roots=['src/bpf/'], loaders=[],
        libbpf='libbpf-sys 1.5.0+v1.5.0 (Cargo.lock), through libbpf-rs 0.24.4', target='1.5', force='',
        loads_with='libbpf'),
    # pkg/tracer/tracer.go: link.Kprobe/Tracepoint/AttachTracing/..., TCX and netlink attach per program
    'netobserv-ebpf-agent': dict(repo='netobserv+netobserv-ebpf-agent', roots=['bpf/'], loaders=[],
        libbpf='none: cilium/ebpf v0.22.0 (Go) loads the objects', target='1.7', force='AttachesInCode,SetsType',
        loads_with='cilium/ebpf'),
}
SEC_ONLY = re.compile(r'\bSEC\(\s*"((?:[^"\\]|\\.)*)"\s*\)')
BPF_MACRO = re.compile(r'\b(?:BPF_\w+|SYSCALL\w*|TRACEPOINT\w*)\s*\(\s*(\w+)')
LOADER_EXT = ('.c', '.cc', '.cpp', '.go', '.rs', '.py')
CALLS = {
    'AttachesInCode': re.compile(r'bpf_program__attach_\w+\(|\.attach_(?:uprobe|uretprobe|kprobe|tracepoint|usdt|raw_tracepoint|iter|perf_event|xdp|tc|cgroup|netns|lsm|trace|ksyscall)\w*\(|set_autoattach\(|\.Attach(?:Kprobe|Uprobe|Tracepoint|RawTracepoint|LSM|Iter|XDP)\w*\(|\blink\.\w+\(|attach_\w+\(.*progs\.'),
    'SetsType': re.compile(r'bpf_program__set_type\(|\.SetType\(|\.SetProgramType\('),
    'SetsAttachTarget': re.compile(r'bpf_program__set_attach_target\(|\.SetAttachTarget\('),
}
LIBXDP_CALL = re.compile(r'\bxdp_program__(?:attach|open_file|find_file|from_bpf_obj|create)\w*\(')
# Loaders that are not code next to the BPF file (read off the projects' READMEs and scripts): iproute2 (`ip link set
# ... xdp obj X.o sec S`, `tc filter add ... bpf da obj X.o`) sets the type and attaches.
IPROUTE2 = 'AttachesInCode,SetsType'
OVERRIDES = {
    # README: `ip l set dev veth7 xdp obj ./stub.bpf.o sec .xdp`
    ('bpf-developer-tutorial', 'src/42-xdp-loadbalancer/stub.bpf.c'): IPROUTE2,
    # README.org: `tc filter add dev "$DEV" ... egress bpf da obj tc_bpf_inc_pkt_size.o`
    ('bpf-examples', 'MTU-tests/tc_bpf_inc_pkt_size.c'): IPROUTE2,
    ('bpf-examples', 'MTU-tests/tc_mtu_enforce.c'): IPROUTE2,
    # setup-test.sh: `tc filter add dev veth0 ingress bpf da obj tc_bpf_encap.o` (and `ip link set ... xdp object`)
    ('bpf-examples', 'encap-forward/tc_bpf_encap.c'): IPROUTE2,
    ('bpf-examples', 'encap-forward/xdp_encap.c'): IPROUTE2,
    # common_user_bpf_xdp.c (libbpf 0.x API): bpf_program__set_type(XDP) on every program, the one of --progsec is
    # attached with bpf_set_link_xdp_fd()
    ('bpf-examples', 'AF_XDP-interaction/af_xdp_kern.c'): 'AttachesInCode,SetsType',
    # runner.sh: `tc filter add ... bpf obj filter.o classid 1: direct-action`
    ('bpf-examples', 'tc-basic-classifier/filter.c'): IPROUTE2,
    # bpf_egress_loader.sh: `tc filter add dev $DEV egress bpf da obj "$objfile"`
    ('bpf-examples', 'traffic-pacing-edt/edt_pacer_vlan.c'): IPROUTE2,
}
# overrides whose loader is the project's own code, not iproute2
NOT_IPROUTE2 = {('bpf-examples', 'AF_XDP-interaction/af_xdp_kern.c')}
DATA = re.compile(r'^(\.data|\.rodata|\.bss|\.maps|maps|license|version|\.kconfig|\.ksyms|\.struct_ops|\?\.struct_ops|\.addr_space\.|\.jumptables|\.BTF)')
# map/variable definition macros of bpf_helpers.h whose first argument is the declared name
TYPE_MACROS = {'__uint', '__type', '__array', '__ulong'}
# attribute macros that may stand between a declarator and its SEC(); per project, also every #define whose body is
# an __attribute__ (data mode)
COMMON_ATTRS = {'__weak', '__hidden', '__used', '__unused', '__maybe_unused', '__always_unused', '__kptr', '__percpu_kptr',
                '__arena', '__aligned', '__packed', '__ksym', '__kconfig', '__noinline', '__always_inline'}
ATTRS = set(COMMON_ATTRS)


def git(repo, *args):
    return subprocess.run(['git', '-C', f'{ROOT}/{repo}/repo', *args], capture_output=True, text=True, errors='replace').stdout


def read_all(repo, paths):
    """The text of every path at HEAD, in one `git cat-file --batch`."""
    if not paths:
        return {}
    res = subprocess.run(['git', '-C', f'{ROOT}/{repo}/repo', 'cat-file', '--batch'],
                         input=''.join(f'HEAD:{p}\n' for p in paths).encode(), capture_output=True).stdout
    out, pos = {}, 0
    for p in paths:
        nl = res.index(b'\n', pos)
        head = res[pos:nl].split()
        pos = nl + 1
        if len(head) < 3 or head[1] != b'blob':   # missing (a file of 4 MiB or more not in the snapshot)
            continue
        size = int(head[2])
        out[p] = res[pos:pos + size].decode('utf-8', 'replace')
        pos += size + 1
    return out


COMMENT = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def strip_comments(text):
    """Comments become blanks (newlines kept, so line numbers stay); strings are kept."""
    return COMMENT.sub(lambda m: m.group(0) if m.group(0)[0] in '"\'' else re.sub(r'[^\n]', ' ', m.group(0)), text)


DEFINE = re.compile(r'^[ \t]*#[ \t]*define[ \t]+(\w+)(\([^)]*\))?((?:[^\n\\]|\\\n|\\.)*)', re.M)


def collect_macros(texts):
    """#define NAME "string" (string macros) and #defines whose body has SEC( (section macros), over the project."""
    strings, secs = {}, {}
    for text in texts:
        for m in DEFINE.finditer(strip_comments(text)):
            name, params, body = m.group(1), m.group(2), m.group(3).replace('\\\n', ' ').strip()
            s = re.fullmatch(r'((?:"(?:[^"\\]|\\.)*"\s*)+)', body)
            if s and not params:
                strings.setdefault(name, ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', body)))
            elif re.search(r'\bSEC\s*\(', body):
                ps = [x.strip() for x in params[1:-1].split(',')] if params else None
                secs.setdefault(name, (ps, body))
    return strings, secs


def split_args(s):
    """'a, f(b, c), d' -> ['a', 'f(b, c)', 'd']"""
    args, depth, cur = [], 0, ''
    for ch in s:
        if ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        if ch == ',' and depth == 0:
            args.append(cur.strip())
            cur = ''
        else:
            cur += ch
    args.append(cur.strip())
    return args


def substitute(params, body, args):
    if params is None:
        return body
    named = {}
    for i, p in enumerate(params):
        if p.endswith('...'):
            named[p[:-3] or '__VA_ARGS__'] = ', '.join(args[i:])
            if p == '...':
                named['__VA_ARGS__'] = named.pop('__VA_ARGS__')
        elif i < len(args):
            named[p] = args[i]
    # #param -> "arg", a ## b -> ab, _CONCAT(a,b) -> ab
    body = re.sub(r'(?<!#)#\s*(\w+)', lambda m: '"%s"' % named[m.group(1)] if m.group(1) in named else m.group(0), body)
    body = re.sub(r'\b\w+\b', lambda m: named.get(m.group(0), m.group(0)), body)
    body = re.sub(r',\s*##\s*', ', ', body)
    body = re.sub(r'\s*##\s*', '', body)
    body = re.sub(r'\b_CONCAT\(\s*(\w+)\s*,\s*(\w+)\s*\)', r'\1\2', body)
    return body


def define_spans(text):
    """(start, end, start of the body) of every #define."""
    return [(m.start(), m.end(), m.start(3)) for m in DEFINE.finditer(text)]


def in_spans(spans, pos):
    return any(a <= pos < b for a, b, _ in spans)


def expand(text, macros, names, strings):
    """Expand uses of the section macros `names` (one level; not inside #defines), join adjacent
    string literals inside SEC(...), resolve SEC(STRING_MACRO). Newlines are kept."""
    spans = define_spans(text)
    if names:
        rx = re.compile(r'\b(%s)\b' % '|'.join(map(re.escape, sorted(names, key=len, reverse=True))))
        out, pos = [], 0
        for m in rx.finditer(text):
            if m.start() < pos or in_spans(spans, m.start()):   # the #define itself, or a use in another macro
                continue
            params, body = macros[m.group(1)]
            end, args = m.end(), []
            if params is not None:
                a = re.match(r'\s*\(', text[end:])
                if not a:
                    continue
                depth, i = 0, end + a.end() - 1
                while i < len(text):
                    depth += text[i] == '('
                    depth -= text[i] == ')'
                    if depth == 0:
                        break
                    i += 1
                args = split_args(text[end + a.end():i])
                end = i + 1
            orig = text[m.start():end]
            out.append(text[pos:m.start()])
            out.append(substitute(params, body, args) + '\n' * orig.count('\n'))
            pos = end
        out.append(text[pos:])
        text = ''.join(out)
    text = re.sub(r'\bSEC\(\s*((?:"(?:[^"\\]|\\.)*"\s*){2,})\)',
                  lambda m: 'SEC("%s")' % ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))), text)
    text = re.sub(r'\bSEC\(\s*([A-Za-z_]\w*)\s*\)',
                  lambda m: 'SEC("%s")' % strings[m.group(1)] if m.group(1) in strings else m.group(0), text)
    return text


def declared(text, start, end):
    """What the SEC() at text[start:end] is on: 'program' (a function definition follows), None (a prototype, or
    nothing found), or (identifier, offset) of the global it places."""
    # what follows, up to ; = , or { at depth 0
    depth, i = 0, end
    while i < len(text):
        ch = text[i]
        if ch in '([':
            depth += 1
        elif ch in ')]':
            depth -= 1
        elif depth == 0 and ch in ';=,{':
            break
        i += 1
    after = text[end:i]
    tail = re.sub(r'[\s\\]+$', '', after)   # (a #define body's line ends are backslashes; CRLF files)
    if i < len(text) and text[i] == '{':
        if tail.endswith(')'):
            return 'program'                  # SEC("...") int f(...) {
        # SEC(".maps") struct { ... } name;
        depth, j = 0, i
        while j < len(text):
            depth += text[j] == '{'
            depth -= text[j] == '}'
            j += 1
            if depth == 0:
                break
        k = j
        while k < len(text) and text[k] not in ';=,':
            k += 1
        ids = list(re.finditer(r'\b[A-Za-z_]\w*\b', re.sub(r'\[[^\]]*\]', lambda m: ' ' * len(m.group(0)), text[j:k])))
        return (ids[-1].group(0), j + ids[-1].start()) if ids else None
    if re.search(r'[A-Za-z_]\w*', re.sub(r'__attribute__\s*\(\(.*?\)\)|\b__\w+\b', '', after)) and after.strip():
        # the SEC() leads the declaration: the declarator is the last identifier before the terminator
        if tail.endswith(')'):
            # SEC("...") TRACE_ENT_FUNC(vfs_read, VFS_READ); (tracee: a macro that defines the function), or a
            # prototype: a program's section either way
            return 'program'
        s = re.sub(r'\[[^\]]*\]', lambda m: ' ' * len(m.group(0)), after)
        ids = list(re.finditer(r'\b[A-Za-z_]\w*\b', s))
        return (ids[-1].group(0), end + ids[-1].start()) if ids else None
    # the SEC() follows the declarator: `} x SEC(".maps");`, `char LICENSE[] SEC("license") = "GPL";`
    b = start
    while True:
        while b > 0 and text[b - 1] in ' \t\n':
            b -= 1
        if b > 0 and text[b - 1] == ']':
            b = text.rfind('[', 0, b - 1)
            continue
        break
    if b > 0 and text[b - 1] == ')':
        depth, j = 0, b - 1
        while j >= 0:
            depth += text[j] == ')'
            depth -= text[j] == '('
            if depth == 0:
                break
            j -= 1
        w = re.search(r'(\w+)\s*$', text[:j])
        if w and w.group(1) in TYPE_MACROS:  # __uint(name, value) SEC("...")
            a = re.match(r'\(\s*(\w+)', text[j:])
            return (a.group(1), j + a.start(1)) if a else None
        return None
    w = re.search(r'([A-Za-z_]\w*)\s*$', text[:b])
    while w and w.group(1) in ATTRS:         # `bpf_decl_map __decl_tags __section("maps")`
        w = re.search(r'([A-Za-z_]\w*)\s*$', text[:w.start(1)])
    return (w.group(1), w.start(1)) if w else None


def project_files(p):
    exts = p.get('exts', ('.c', '.h'))
    roots = [r for r in p['roots']]
    all_files = git(p['repo'], 'ls-tree', '-r', '--name-only', 'HEAD').splitlines()
    srcs = [f for f in git(p['repo'], 'ls-tree', '-r', '--name-only', 'HEAD', '--', *roots).splitlines()
            if f.endswith(exts) and 'vmlinux' not in f and not any(f.startswith(x) for x in p.get('exclude', []))]
    return all_files, srcs


def programs():
    out = []
    for proj, p in PROJECTS.items():
        repo = p['repo']
        all_files, srcs = project_files(p)
        texts = read_all(repo, srcs)
        strings, secmacros = collect_macros(texts.values()) if p.get('expand') else ({}, {})
        macros = p.get('sec_macros', ['SEC'])
        lit = re.compile(r'\b(?:%s)\(\s*"' % '|'.join(macros))
        use = re.compile(r'\b(?:%s)\b' % '|'.join(p.get('expand', []))) if p.get('expand') else None
        files = [f for f in srcs if lit.search(texts.get(f, '')) or use and use.search(texts.get(f, ''))]
        bpf_files = set(files)
        loader_cache = {}
        for f in files:
            text = strip_comments(texts[f])
            if len(macros) > 1:
                text = re.sub(r'\b(?:%s)\(\s*"' % '|'.join(m for m in macros if m != 'SEC'), 'SEC("', text)
            if p.get('expand'):
                text = expand(text, secmacros, [n for n in p['expand'] if n in secmacros], strings)
            d = f.rsplit('/', 1)[0] + '/' if '/' in f else ''
            # X.bpf.c is loaded by X.c (bcc's libbpf-tools, libbpf-bootstrap keep many tools in one folder)
            stem = f[len(d):-len('.bpf.c')] if f.endswith('.bpf.c') else ''
            key = d + stem
            if key not in loader_cache:
                # libbpf-rs examples keep the BPF source in src/bpf/ and the loader in src/
                up = d[:-len('bpf/')] if d.endswith('/bpf/') else None
                lroots = [l if isinstance(l, str) else l[1] for l in p['loaders'] if isinstance(l, str) or f.startswith(l[0])]
                cands = [x for x in all_files if (x.startswith(d + stem) and '/' not in x[len(d):] or any(x.startswith(l) for l in lroots)
                                                  or up is not None and x.startswith(up) and '/' not in x[len(up):])
                         and x.endswith(LOADER_EXT) and not x.endswith(('.bpf.c', '_test.go')) and x not in bpf_files]
                srcmap = read_all(repo, [c for c in cands if 'vmlinux' not in c])
                src = ''.join(srcmap.get(c, '') for c in cands)
                src = '\n'.join(l for l in src.splitlines() if 'SEC("' not in l)
                loader_cache[key] = src
            lsrc = loader_cache[key]
            spans = define_spans(text)
            for m in SEC_ONLY.finditer(text):
                name = m.group(1)
                if DATA.match(name) or '\\' in name:
                    continue
                # SEC() before a function definition names a program; after a declarator (`} x SEC(".maps");`,
                # `int v SEC(".data") = 1;`) it names the section of a global: not a program name.
                # A SEC() in a #define body is read up to the end of that body: a function there (retsnoop's
                # DEF_PROGS) is a program; a body that is the SEC() alone (ebpf_exporter's `#define KPROBE_SEC()
                # SEC("kprobe/...")`) names a program's section (data names were left out above); a SEC() after
                # something in the body (xdp-tools' `#define XDP_RUN_CONFIG(f) _CONCAT(_,f) SEC(".xdp_run_config")`)
                # places a global.
                span = next(((b, c) for a, b, c in spans if a <= m.start() < b), None)
                if span and not re.sub(r'[\s\\]', '', text[m.end():span[0]]):
                    if re.sub(r'[\s\\]', '', text[span[1]:m.start()]):
                        continue
                elif declared(text[:span[0]] if span else text, m.start(), m.end()) != 'program':
                    continue
                rest = text[m.end():min(m.end() + 300, span[0] if span else len(text))]
                mm = BPF_MACRO.search(rest.split('{')[0]) or re.search(r'(\w+)\s*\(', rest.split('{')[0])
                fn = mm.group(1) if mm else ''
                decl = set(x for x in (OVERRIDES.get((proj, f)) or p['force']).split(',') if x)
                for rx, facts in p.get('by_name', []):
                    if re.search(rx, name):
                        decl |= set(facts.split(','))
                if p.get('libxdp') and re.search(LIBXDP_NAME, name) and LIBXDP_CALL.search(lsrc):
                    decl |= set(LIBXDP.split(','))
                for k, rx in CALLS.items():
                    if rx.search(lsrc):
                        # a per-program call in the loader: the program's function name appears there
                        if fn and re.search(r'\b' + re.escape(fn) + r'\b', lsrc):
                            decl.add(k)
                out.append((name, proj, f, fn, ','.join(sorted(decl)) or 'auto-attach', p['target'], p['libbpf'],
                            p['loads_with']))
    seen = set()
    print('# name\tproject\tfile\tfunction\tloader\ttarget\tlibbpf\tloads_with')
    for r in sorted(out, key=lambda r: (r[1], r[0], r[2])):
        if (r[0], r[1], r[4]) in seen:
            continue
        seen.add((r[0], r[1], r[4]))
        print('\t'.join(r))


TAG = re.compile(r'\b(?:struct|union|enum)\s+\w+')


def data():
    rows = {}
    for proj, p in PROJECTS.items():
        repo = p['repo']
        _, srcs = project_files(p)
        texts = read_all(repo, srcs)
        strings, secmacros = collect_macros(texts.values())
        # `#define MAP_NAME_PORTS filter_ports` (xdp-filter): the identifier the compiler sees
        idents = {}
        for t in texts.values():
            for m in DEFINE.finditer(strip_comments(t)):
                if not m.group(2) and re.fullmatch(r'\s*[A-Za-z_]\w*\s*', m.group(3)):
                    idents.setdefault(m.group(1), m.group(3).strip())
        stripped = {f: strip_comments(t) for f, t in texts.items()}
        ATTRS.clear()
        ATTRS.update(COMMON_ATTRS)
        for t in stripped.values():
            ATTRS.update(m.group(1) for m in DEFINE.finditer(t) if not m.group(2) and m.group(3).strip().startswith('__attribute__'))
        # a header's globals are used by the files that include it (directly or not)
        includers = collections.defaultdict(list)
        for g, t in stripped.items():
            for inc in re.findall(r'^[ \t]*#[ \t]*include[ \t]*["<]([^">]+)[">]', t, re.M):
                includers[inc.rsplit('/', 1)[-1]].append(g)

        def including(h):
            """The files that include header h, directly or through other headers (matched by base name)."""
            seen, todo = set(), [h]
            while todo:
                for g in includers.get(todo.pop().rsplit('/', 1)[-1], []):
                    if g not in seen:
                        seen.add(g)
                        todo.append(g)
            return seen

        macros = p.get('sec_macros', ['SEC'])
        for f in srcs:
            raw = texts.get(f, '')
            text = strip_comments(raw)
            if len(macros) > 1:
                text = re.sub(r'\b(?:%s)\(' % '|'.join(m for m in macros if m != 'SEC'), 'SEC(', text)
            used_macros = [n for n in secmacros if re.search(r'\b%s\b' % re.escape(n), DEFINE.sub('', text))]
            if not used_macros and 'SEC(' not in text:
                continue
            text = expand(text, secmacros, used_macros, strings)
            spans = define_spans(text)
            for m in SEC_ONLY.finditer(text):
                if in_spans(spans, m.start()):   # a macro's body: its uses were expanded
                    continue
                d = declared(text, m.start(), m.end())
                if not isinstance(d, tuple):
                    continue
                var, at = d
                lines = {text.count('\n', 0, m.start()), text.count('\n', 0, at)}
                real = idents.get(var, var)
                word = re.compile(r'\b(?:%s)\b' % '|'.join(map(re.escape, {var, real})))
                # (a `struct NAME` type tag, as tracee names its map types after the maps, is no use)
                used = any(word.search(TAG.sub('', l)) for i, l in enumerate(text.split('\n')) if i not in lines) or \
                    f.endswith('.h') and any(word.search(TAG.sub('', stripped[g])) for g in including(f) if g != f)
                var = real
                key = (m.group(1), proj, var)
                if key not in rows:
                    # iproute2 (tc, ip) opens the overridden files itself, legacy 'maps' sections included
                    loads = 'iproute2' if (proj, f) in OVERRIDES and (proj, f) not in NOT_IPROUTE2 else p['loads_with']
                    rows[key] = [m.group(1), proj, f, var, 'yes' if used else 'no', loads]
                elif used:
                    rows[key][4] = 'yes'
    print('# name\tproject\tfile\tvariable\tused\tloads_with')
    for r in sorted(rows.values(), key=lambda r: (r[1], r[0], r[3])):
        print('\t'.join(r))


if DATA_MODE:
    data()
else:
    programs()
