#!/usr/bin/env python3
"""Extracts the format strings libbpf prints, per release, from src/libbpf.c of each release tag.

Usage: extract.py LIBBPF_GIT_DIR [MAIN_COMMIT]
    LIBBPF_GIT_DIR  a clone of https://github.com/libbpf/libbpf, bare or not
    MAIN_COMMIT     for main.tsv (libbpf's main branch): the commit its section table was read at
                    (SectionTable.MainCommit); without it, main.tsv comes from the commit written
                    in the existing main.tsv's first line, so a rerun reproduces it

Writes main.tsv too, from that commit, whether or not ../tables has main's table yet.

Writes vX.tsv beside this script, one per release table in ../tables (same file names), with lines
    level<TAB>format
where level is warn / info / debug (pr_warn / pr_info / pr_debug, libbpf's printing macros) or
comment (a /* comment */ on a SEC_DEF row of section_defs[], the only place libbpf documents
legacy entries such as "deprecated / legacy, use tcx"). The format is the concatenation of the
call's adjacent string literals with C escapes decoded, without the trailing newline; a newline,
tab or backslash inside it is written \\n, \\t, \\\\. A macro between literals (PRIu64) becomes its
conversion (%llu). Lines are sorted and unique.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = {"pr_warn": "warn", "pr_info": "info", "pr_debug": "debug"}
ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0"}


def literals(src, i):
    """Reads adjacent string literals (and PRI* macros) from src[i:]; returns the decoded text or None."""
    out, found = [], False
    while True:
        m = re.compile(r"\s*(?:/\*.*?\*/\s*)*").match(src, i)
        i = m.end()
        if src.startswith('"', i):
            i += 1
            while src[i] != '"':
                if src[i] == "\\":
                    out.append(ESCAPES.get(src[i + 1], src[i + 1]))
                    i += 2
                else:
                    out.append(src[i])
                    i += 1
            i += 1
            found = True
            continue
        macro = re.compile(r"PRI([diouxX])(8|16|32|64|PTR)").match(src, i)
        if found and macro:
            out.append("%ll" + macro.group(1))
            i = macro.end()
            continue
        return "".join(out) if found else None


def extract(source):
    rows = set()
    for m in re.finditer(r"\b(pr_warn|pr_info|pr_debug)\s*\(", source):
        text = literals(source, m.end())
        if text is not None:
            if text.endswith("\n"):
                text = text[:-1]
            rows.add((LEVELS[m.group(1)], text))
    for m in re.finditer(r"^\s*SEC_DEF\(.*?\),?\s*/\*\s*(.*?)\s*\*/", source, re.M):
        rows.add(("comment", m.group(1)))
    return rows


def escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def main():
    repo = sys.argv[1]
    tags = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "..", "tables")) if f.endswith(".tsv"))
    revisions = {tag: tag for tag in tags if tag != "main"}
    main_file = os.path.join(HERE, "main.tsv")
    if len(sys.argv) > 2:
        revisions["main"] = sys.argv[2]
    elif os.path.exists(main_file):
        with open(main_file, encoding="utf-8") as f:
            revisions["main"] = f.readline().split("\t")[1].strip()
    for tag, revision in sorted(revisions.items()):
        source = subprocess.run(["git", "-C", repo, "show", revision + ":src/libbpf.c"], check=True,
                                capture_output=True, text=True).stdout
        rows = sorted(extract(source))
        with open(os.path.join(HERE, tag + ".tsv"), "w", encoding="utf-8", newline="\n") as f:
            if tag == "main":
                f.write("commit\t" + revision + "\n")
            for level, text in rows:
                f.write(level + "\t" + escape(text) + "\n")
        print(tag, revision, len(rows))


if __name__ == "__main__":
    main()
