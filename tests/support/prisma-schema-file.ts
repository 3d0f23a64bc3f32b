import fs from "node:fs";
import path from "node:path";

/**
 * A deliberately small reader of prisma/schema.prisma: the facts the schema-vs-migrations
 * test compares with the migrated database (Prisma's own DMMF reader needs the schema engine,
 * which cannot run here). It knows models, scalar fields, `?`, `@map`, `@@map`, ids, uniques.
 */
export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  isRelation: boolean;
  isId: boolean;
  isUnique: boolean;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  /** Primary key columns (db names). */
  primaryKey: string[];
  /** Unique constraints as lists of db column names. */
  uniques: string[][];
}

export function readPrismaSchema(file = path.resolve(import.meta.dirname, "../../prisma/schema.prisma")) {
  const text = fs.readFileSync(file, "utf8");
  const enums = new Map<string, string[]>();
  for (const match of text.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    enums.set(
      match[1]!,
      match[2]!
        .split("\n")
        .map((l) => l.replace(/\/\/.*$/, "").trim())
        .filter(Boolean),
    );
  }
  const modelNames = new Set([...text.matchAll(/^model\s+(\w+)/gm)].map((m) => m[1]!));
  const models: SchemaModel[] = [];
  for (const match of text.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const [, name, body] = match as unknown as [string, string, string];
    const lines = body.split("\n").map((l) => l.replace(/\/\/.*$/, "").trim()).filter(Boolean);
    const fields: SchemaField[] = [];
    let table = name;
    let blockId: string[] | undefined;
    const blockUniques: string[][] = [];
    for (const line of lines) {
      if (line.startsWith("@@map(")) table = /"([^"]+)"/.exec(line)![1]!;
      else if (line.startsWith("@@id(")) blockId = listOf(line);
      else if (line.startsWith("@@unique(")) blockUniques.push(listOf(line));
      else if (!line.startsWith("@@")) {
        const [fieldName, rawType] = line.split(/\s+/) as [string, string];
        const type = rawType.replace(/[?[\]]/g, "");
        fields.push({
          name: fieldName,
          column: /@map\("([^"]+)"\)/.exec(line)?.[1] ?? fieldName,
          type,
          optional: rawType.endsWith("?"),
          list: rawType.endsWith("[]"),
          isRelation: modelNames.has(type),
          isId: /@id\b/.test(line),
          isUnique: /@unique\b/.test(line),
        });
      }
    }
    const column = (fieldName: string) => fields.find((f) => f.name === fieldName)?.column ?? fieldName;
    models.push({
      name,
      table,
      fields,
      primaryKey: (blockId ?? fields.filter((f) => f.isId).map((f) => f.name)).map(column),
      uniques: [...blockUniques.map((u) => u.map(column)), ...fields.filter((f) => f.isUnique).map((f) => [f.column])],
    });
  }
  return { models, enums };
}

function listOf(line: string): string[] {
  const inner = /\[([^\]]*)\]/.exec(line)![1]!;
  return inner.split(",").map((s) => s.trim().replace(/\(.*\)$/, ""));
}
