#!/usr/bin/env python3
"""Fails when the folders of one target use each other in a circle, or a target holds more than its share of
the hand-written source lines.

A folder "uses" another when one of its files names a type, function or constant declared at the top level
of a file in the other (extensions count toward the folder of the extension's file). Every target's
folders must form a graph without cycles, so each folder can be read knowing only the ones below it.
"""
import os
import re
import sys

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|final|indirect|nonisolated)\s+)*"
    r"(?:struct|class|enum|actor|protocol|typealias|func|let|var)\s+([A-Za-z_][A-Za-z0-9_]*)")
# A name, not a member: `.name` is looked up in a type, not at the top level.
IDENTIFIER = re.compile(r"(?<![.\w])[A-Za-z_][A-Za-z0-9_]*\b")
LIMIT_PERCENT = 30


def strip(text):
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    return re.sub(r"//[^\n]*", "", text)


def folders_of(target_dir):
    files = {}
    for root, _, names in os.walk(target_dir):
        for name in names:
            if name.endswith(".swift"):
                path = os.path.join(root, name)
                relative = os.path.relpath(path, target_dir)
                folder = relative.split(os.sep)[0] if os.sep in relative else "."
                files[path] = folder
    return files


def cycles(graph):
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return result


def main(sources):
    failures = []
    counts = {}
    for target in sorted(os.listdir(sources)):
        target_dir = os.path.join(sources, target)
        if not os.path.isdir(target_dir):
            continue
        files = folders_of(target_dir)
        texts = {path: strip(open(path, encoding="utf-8").read()) for path in files}
        counts[target] = sum(open(path, encoding="utf-8").read().count("\n") for path in files)
        declared = {}
        for path, text in texts.items():
            for line in text.split("\n"):
                if line.startswith((" ", "\t")):
                    continue
                match = DECLARATION.match(line)
                if match:
                    declared.setdefault(match.group(1), set()).add(files[path])
        graph = {}
        evidence = {}
        for path, text in texts.items():
            folder = files[path]
            for word in set(IDENTIFIER.findall(text)):
                for owner in declared.get(word, ()):
                    if owner != folder and folder not in declared.get(word, ()):
                        graph.setdefault(folder, set()).add(owner)
                        evidence.setdefault((folder, owner), (os.path.relpath(path, sources), word))
        for component in cycles(graph):
            edges = [
                f"{a} -> {b} ({evidence[(a, b)][0]} names {evidence[(a, b)][1]})"
                for a in component for b in component if b in graph.get(a, ()) and (a, b) in evidence
            ]
            failures.append(f"{target}: folders {', '.join(component)} use each other: " + "; ".join(edges))
    total = sum(counts.values()) or 1
    for target, count in sorted(counts.items()):
        if count * 100 > LIMIT_PERCENT * total:
            failures.append(
                f"{target} holds {count} of {total} source lines ({count * 100 // total}%), over {LIMIT_PERCENT}%")
    for failure in failures:
        print("check-layers: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Sources"))
