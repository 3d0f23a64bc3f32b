import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The folders of lib/core form a directed acyclic graph: `model/` at the bottom, the assembly
 * (`detection/`) and the presentation folders (`format/`, `map/`, `export/`, …) on top. A folder
 * cycle makes every folder in it one big module again, so this test fails on any, naming the
 * files that make each edge. Files directly in lib/core count as the folder "(root)".
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");
const CORE = path.join(ROOT, "lib/core");

/** One import of a lib/core file by another lib/core file in a different folder. */
interface FolderEdge {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

function folderOf(fileInCore: string): string {
  const parts = path.relative(CORE, fileInCore).split(path.sep);
  return parts.length === 1 ? "(root)" : parts[0]!;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function resolveInCore(file: string, specifier: string): string | null {
  const target = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : null;
  if (target === null) return null;
  const rel = path.relative(CORE, target);
  return rel.startsWith("..") || path.isAbsolute(rel) ? null : target;
}

function coreFolderEdges(): FolderEdge[] {
  return sourceFiles(CORE).flatMap((file) => {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    return importedFiles.flatMap(({ fileName: specifier }) => {
      const target = resolveInCore(file, specifier);
      if (target === null) return [];
      const from = folderOf(file);
      const to = folderOf(target);
      return from === to ? [] : [{ from, to, file: path.relative(ROOT, file), specifier }];
    });
  });
}

/** The strongly connected components with more than one folder (Tarjan): each one is a cycle. */
function folderCycles(edges: Pick<FolderEdge, "from" | "to">[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)!.add(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return components;
}

/** One shortest cycle through the first folder of a component, as [from, to] hops (breadth-first). */
function shortestCycle(component: string[], edges: Pick<FolderEdge, "from" | "to">[]): [string, string][] {
  const start = component[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const { to } of edges.filter((e) => e.from === v && component.includes(e.to))) {
      if (to === start) {
        const hops: [string, string][] = [[v, start]];
        for (let w = v; w !== start; w = cameFrom.get(w)!) hops.unshift([cameFrom.get(w)!, w]);
        return hops;
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, v);
        queue.push(to);
      }
    }
  }
  return [];
}

describe("lib/core folder graph", () => {
  it("finds a cycle when there is one, and none in a chain", () => {
    expect(folderCycles([{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "a" }, { from: "c", to: "d" }])).toEqual([["a", "b", "c"]]);
    expect(folderCycles([{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "a", to: "c" }])).toEqual([]);
  });

  it("sees the imports of lib/core", () => {
    const edges = coreFolderEdges();
    expect(edges.some((e) => e.from === "detection" && e.to === "model")).toBe(true);
    expect(edges.some((e) => e.from === "(root)" && e.to === "model")).toBe(true);
  });

  it("has no cycle between the folders of lib/core", () => {
    const edges = coreFolderEdges();
    const explained = folderCycles(edges).map((component) => {
      const hops = shortestCycle(component, edges).map(([from, to]) => {
        const [first, ...more] = edges.filter((e) => e.from === from && e.to === to);
        return `  ${from} → ${to}: ${first!.file} imports "${first!.specifier}"${more.length > 0 ? ` (+${more.length} more)` : ""}`;
      });
      return `folders ${component.join(", ")} import each other in a cycle, e.g.:\n${hops.join("\n")}`;
    });
    expect(explained, explained.join("\n")).toEqual([]);
  });
});
