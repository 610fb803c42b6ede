#!/usr/bin/env python3
"""Regenerates sections.tsv from git mirrors of the projects (see README.md for the commits).

Usage: extract.py MIRROR_ROOT > sections.tsv, where MIRROR_ROOT/<owner>+<name>/repo is a bare clone.
Every literal SEC("NAME") in the project's BPF sources; per program, how the project's own loader treats it,
read from the loader sources next to the BPF file (or the project's loader package, PROJECTS[..]['loaders']).
"""
import collections, re, subprocess, sys

ROOT = sys.argv[1]
# project -> mirror, BPF source roots, loader roots used for every file (besides the file's own directory),
# the libbpf it builds against and the analyzer target that stands for it, project-wide loader facts.
PROJECTS = {
    'bcc-libbpf-tools': dict(repo='iovisor+bcc', roots=['libbpf-tools/'], loaders=[],
        libbpf='submodule src/cc/libbpf @ 34e3ebf0 (v1.7.0-72, main)', target='main', force=''),
    'libbpf-bootstrap': dict(repo='libbpf+libbpf-bootstrap', roots=['examples/'], loaders=[],
        libbpf='submodule libbpf @ 374036c9 (v1.5.0-69)', target='1.7', force=''),
    'tracee': dict(repo='aquasecurity+tracee', roots=['pkg/ebpf/c/'], loaders=['pkg/ebpf/'],
        libbpf='submodule 3rdparty/libbpf @ 2bbc4834 (v1.7.0-77, main), through libbpfgo', target='main',
        # pkg/ebpf/probes: every probe is attached in Go (AttachKprobe/AttachUprobe/AttachGeneric), never by a skeleton
        force='AttachesInCode'),
    'falco-modern-bpf': dict(repo='falcosecurity+libs', roots=['driver/modern_bpf/'], loaders=['userspace/libpman/'],
        libbpf='bundled release v1.3.0 (cmake/modules/libbpf.cmake) or the system libbpf', target='1.3',
        # libpman/src/programs.c attaches chosen programs one by one; tail-called programs are never attached
        force='AttachesInCode'),
    'inspektor-gadget': dict(repo='inspektor-gadget+inspektor-gadget', roots=['.'], loaders=[],
        libbpf='none: cilium/ebpf v0.22.0 (Go) loads the objects', target='1.7',
        # cilium/ebpf types programs from its own section table and never auto-attaches (link.* in Go)
        force='AttachesInCode,SetsType'),
    'bpftool': dict(repo='libbpf+bpftool', roots=['src/'], loaders=['src/'],
        libbpf='submodule libbpf @ 34e3ebf0 (v1.7.0-72, main)', target='main', force=''),
    'retsnoop': dict(repo='anakryiko+retsnoop', roots=['src/'], loaders=['src/'],
        libbpf='submodule libbpf @ d65dbb41 (v1.6.0-75)', target='1.7', force=''),
    'bpf-developer-tutorial': dict(repo='eunomia-bpf+bpf-developer-tutorial', roots=['src/'], loaders=[],
        libbpf='libbpf of submodule src/third_party/bpftool @ 4222ef1c', target='1.7', force=''),
}
SEC = re.compile(r'\bSEC\(\s*"((?:[^"\\]|\\.)*)"\s*\)\s*((?:[^;{(]|\([^()]*\))*?)\b(\w+)\s*\(', re.S)
SEC_ONLY = re.compile(r'\bSEC\(\s*"((?:[^"\\]|\\.)*)"\s*\)')
BPF_MACRO = re.compile(r'\b(?:BPF_\w+|SYSCALL\w*|TRACEPOINT\w*)\s*\(\s*(\w+)')
LOADER_EXT = ('.c', '.cc', '.cpp', '.go', '.rs', '.py')
CALLS = {
    'AttachesInCode': re.compile(r'bpf_program__attach_\w+\(|\.attach_(?:uprobe|uretprobe|kprobe|tracepoint|usdt|raw_tracepoint|iter|perf_event|xdp|tc|cgroup|netns|lsm|trace|ksyscall)\w*\(|set_autoattach\(|\.Attach(?:Kprobe|Uprobe|Tracepoint|RawTracepoint|LSM|Iter|XDP)\w*\(|\blink\.\w+\(|attach_\w+\(.*progs\.'),
    'SetsType': re.compile(r'bpf_program__set_type\(|\.SetType\(|\.SetProgramType\('),
    'SetsAttachTarget': re.compile(r'bpf_program__set_attach_target\(|\.SetAttachTarget\('),
}
# Loaders that are not code next to the BPF file (read off the projects' READMEs and scripts).
OVERRIDES = {
    # README: `ip l set dev veth7 xdp obj ./stub.bpf.o sec .xdp`: iproute2 sets the type (XDP) and attaches
    ('bpf-developer-tutorial', 'src/42-xdp-loadbalancer/stub.bpf.c'): 'AttachesInCode,SetsType',
}
DATA = re.compile(r'^(\.data|\.rodata|\.bss|\.maps|maps|license|version|\.kconfig|\.ksyms|\.struct_ops|\?\.struct_ops|\.addr_space\.|\.jumptables|\.BTF)')

def git(repo, *args):
    return subprocess.run(['git', '-C', f'{ROOT}/{repo}/repo', *args], capture_output=True, text=True, errors='replace').stdout

out = []
for proj, p in PROJECTS.items():
    repo = p['repo']
    files = [l.split(':', 1)[1] for l in git(repo, 'grep', '-l', 'SEC("', 'HEAD', '--', *p['roots']).splitlines()]
    all_files = git(repo, 'ls-tree', '-r', '--name-only', 'HEAD').splitlines()
    loader_cache = {}
    for f in files:
        if not f.endswith(('.c', '.h')) or 'vmlinux' in f:
            continue
        text = git(repo, 'show', f'HEAD:{f}')
        d = f.rsplit('/', 1)[0] + '/' if '/' in f else ''
        # X.bpf.c is loaded by X.c (bcc's libbpf-tools, libbpf-bootstrap keep many tools in one folder)
        stem = f[len(d):-len('.bpf.c')] if f.endswith('.bpf.c') else ''
        key = d + stem
        if key not in loader_cache:
            # libbpf-rs examples keep the BPF source in src/bpf/ and the loader in src/
            up = d[:-len('bpf/')] if d.endswith('/bpf/') else None
            cands = [x for x in all_files if (x.startswith(d + stem) and '/' not in x[len(d):] or any(x.startswith(l) for l in p['loaders'])
                                              or up is not None and x.startswith(up) and '/' not in x[len(up):])
                     and x.endswith(LOADER_EXT) and not x.endswith(('.bpf.c', '_test.go')) and 'SEC("' not in x]
            src = ''.join(git(repo, 'show', f'HEAD:{c}') for c in cands if 'vmlinux' not in c)
            src = '\n'.join(l for l in src.splitlines() if 'SEC("' not in l)
            loader_cache[key] = (src, [c for c in cands][:3])
        lsrc, lfiles = loader_cache[key]
        for m in SEC_ONLY.finditer(text):
            name = m.group(1)
            if DATA.match(name) or '\\' in name:
                continue
            rest = text[m.end():m.end() + 300]
            # SEC() before a function definition names a program; after a declarator (`} x SEC(".maps");`,
            # `int v SEC(".data") = 1;`) it names the section of a global: not a program name
            head = re.split(r'[;{=]', rest, maxsplit=1)[0]
            before = text[text.rfind('\n', 0, m.start()) + 1:m.start()].strip()
            if '(' not in head or before and (before[-1].isalnum() or before[-1] in '_]'):
                continue
            mm = BPF_MACRO.search(rest.split('{')[0]) or re.search(r'(\w+)\s*\(', rest.split('{')[0])
            fn = mm.group(1) if mm else ''
            decl = set(x for x in (OVERRIDES.get((proj, f)) or p['force']).split(',') if x)
            for k, rx in CALLS.items():
                if rx.search(lsrc):
                    # a per-program call in the loader: the program's function name appears there
                    if fn and re.search(r'\b' + re.escape(fn) + r'\b', lsrc):
                        decl.add(k)
            out.append((name, proj, f, fn, ','.join(sorted(decl)) or 'auto-attach', p['target'], p['libbpf']))
seen = set()
print('# name\tproject\tfile\tfunction\tloader\ttarget\tlibbpf')
for r in sorted(out, key=lambda r: (r[1], r[0], r[2])):
    if (r[0], r[1], r[4]) in seen:
        continue
    seen.add((r[0], r[1], r[4]))
    print('\t'.join(r))
