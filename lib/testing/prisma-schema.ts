import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// What prisma/schema.prisma says the tables must be, read from the file, so
// the tests can hold each hand-written migration history (SQLite and
// PostgreSQL) against the one schema: columns, types, nullability, the
// indexes under Prisma's names, and the foreign keys with their ON DELETE.
// A small reader for the subset of the schema language this project uses.

export type ScalarType = 'Int' | 'String' | 'Float' | 'Boolean' | 'DateTime' | 'Bytes';
const SCALARS = new Set<string>(['Int', 'String', 'Float', 'Boolean', 'DateTime', 'Bytes']);

export interface SchemaColumn {
  name: string;
  type: ScalarType;
  optional: boolean;
  /** `@default(autoincrement())`: SERIAL on PostgreSQL, AUTOINCREMENT on SQLite */
  autoincrement: boolean;
}

export interface SchemaForeignKey {
  /** Prisma's constraint name: Model_field_fkey */
  name: string;
  column: string;
  references: string;
  onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT';
}

export interface SchemaTable {
  name: string;
  columns: SchemaColumn[];
  /** Prisma's index names: Model_a_b_idx, Model_a_b_key (unique) */
  indexes: { name: string; unique: boolean; columns: string[] }[];
  foreignKeys: SchemaForeignKey[];
}

export function readSchemaTables(path = resolve(process.cwd(), 'prisma/schema.prisma')): SchemaTable[] {
  const text = readFileSync(path, 'utf8');
  const tables: SchemaTable[] = [];
  for (const [, model, body] of text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const table: SchemaTable = { name: model!, columns: [], indexes: [], foreignKeys: [] };
    for (const raw of body!.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('//')) continue;
      const block = /^@@(index|unique)\(\[([^\]]+)\]\)/.exec(line);
      if (block) {
        const columns = block[2]!.split(',').map((c) => c.trim());
        const unique = block[1] === 'unique';
        table.indexes.push({ name: `${model}_${columns.join('_')}_${unique ? 'key' : 'idx'}`, unique, columns });
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\?|\[\])?(.*)$/.exec(line);
      if (!field) continue;
      const [, name, type, modifier, attributes] = field as unknown as [string, string, string, string | undefined, string];
      if (SCALARS.has(type)) {
        table.columns.push({ name, type: type as ScalarType, optional: modifier === '?', autoincrement: /@default\(autoincrement\(\)\)/.test(attributes) });
        if (/@unique\b/.test(attributes)) table.indexes.push({ name: `${model}_${name}_key`, unique: true, columns: [name] });
        continue;
      }
      const relation = /@relation\(([^)]*)\)/.exec(attributes);
      const fields = relation && /fields:\s*\[([^\]]+)\]/.exec(relation[1]!);
      if (!fields) continue; // the other side of a relation: no column here
      const column = fields[1]!.trim();
      const onDelete = /onDelete:\s*(\w+)/.exec(relation[1]!)?.[1];
      table.foreignKeys.push({
        name: `${model}_${column}_fkey`,
        column,
        references: type,
        // Prisma's defaults: SetNull for an optional relation, Restrict for a required one.
        onDelete: onDelete === 'Cascade' ? 'CASCADE' : onDelete === 'SetNull' || (!onDelete && modifier === '?') ? 'SET NULL' : 'RESTRICT',
      });
    }
    tables.push(table);
  }
  if (tables.length === 0) throw new Error(`No models found in ${path}`);
  return tables;
}
