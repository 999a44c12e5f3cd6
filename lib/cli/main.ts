import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { evaluate, predictMany } from '@/lib/classify';
import { env } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { migrate } from '@/lib/migrate';
import { createModel } from '@/lib/server/models/create-model';
import { getServingModels } from '@/lib/server/models/serving-models';
import { trainModelVersion } from '@/lib/server/models/train-model-version';
import { seedDemo } from '@/prisma/seed/seed-demo';
import { auditCommand, AUDIT_USAGE } from './commands/audit';
import { examplesCommand, EXAMPLES_USAGE } from './commands/examples';
import { exportCommand, EXPORT_USAGE } from './commands/export';
import { importCommand, IMPORT_USAGE } from './commands/import';
import { keysCommand, KEYS_USAGE } from './commands/keys';
import { modelsCommand, MODELS_USAGE } from './commands/models';
import { reclassifyCommand, RECLASSIFY_USAGE } from './commands/reclassify';
import { redactCommand, REDACT_USAGE } from './commands/redact';
import { usersCommand, USERS_USAGE } from './commands/users';
import { versionsCommand, VERSIONS_USAGE } from './commands/versions';
import { workerCommand, WORKER_USAGE } from './commands/worker';
import { workersCommand, WORKERS_USAGE } from './commands/workers';
import { CommandError, UsageError } from './errors';
import { InputError, readLabeledJsonl } from './read-jsonl';
import { withDb } from './with-db';

const USAGE = `Usage: npx callsight <command> [options]

Commands:
  migrate                                   apply database migrations
  seed                                      create, train and load the demo models and sample transcripts
  ${KEYS_USAGE}
  ${USERS_USAGE}
  ${AUDIT_USAGE}
  train --file F.jsonl --name NAME [--text-field text] [--label-field label] [--multi-label] [--seed N] [--json]
                                            train a new model from labeled JSONL and store it
  evaluate --model ID --file F.jsonl [--text-field text] [--label-field label] [--json]
                                            evaluate a model's active version on labeled JSONL
  classify --models 42,87 [--k N] [--json]  classify one text per line from stdin
  ${REDACT_USAGE}
  ${MODELS_USAGE}
  ${EXAMPLES_USAGE}
  ${VERSIONS_USAGE}
  ${RECLASSIFY_USAGE}
  ${IMPORT_USAGE}
  ${EXPORT_USAGE}
  ${WORKER_USAGE}
  ${WORKERS_USAGE}

Environment: DATABASE_URL (default file:./data/callsight.db)`;

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} is required`);
  return v;
}

function intArg(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  return n;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;


async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const r = await migrate(env.DATABASE_URL);
      console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : `up to date (${r.alreadyApplied} migrations)`);
      return;
    }
    case 'seed': {
      await withDb((db) => seedDemo(db, (l) => console.error(l)));
      return;
    }
    case 'keys':
      return keysCommand(rest);
    case 'users':
      return usersCommand(rest);
    case 'audit':
      return auditCommand(rest);
    case 'train': {
      const { values } = parseArgs({
        args: rest,
        options: {
          file: { type: 'string' },
          name: { type: 'string' },
          'text-field': { type: 'string', default: 'text' },
          'label-field': { type: 'string', default: 'label' },
          'multi-label': { type: 'boolean', default: false },
          seed: { type: 'string', default: '1' },
          json: { type: 'boolean', default: false },
        },
      });
      const file = need(values, 'file');
      const name = need(values, 'name');
      const examples = await readLabeledJsonl(file, { textField: values['text-field'], labelField: values['label-field'] });
      const multiLabel = values['multi-label'];
      if (!multiLabel) {
        const bad = examples.findIndex((e) => e.labels.length !== 1);
        if (bad >= 0) throw new InputError(`Example ${bad + 1} has ${examples[bad]?.labels.length} labels; a single-label model needs exactly one. Use --multi-label for several.`);
      }
      const labels = [...new Set(examples.flatMap((e) => e.labels))];
      if (labels.length < 2) throw new InputError(`Training needs at least two different labels; ${file} has ${labels.length}.`);
      const out = await withDb(async (db) => {
        const model = await createModel(db, { name, multiLabel, labels: labels.map((l) => ({ name: l })) });
        return trainModelVersion(db, model.id, examples, {
          seed: intArg(values.seed, 'seed'),
          onProgress: values.json ? undefined : (p) => process.stderr.write(`\rtraining ${Math.round(p * 100)} %   `),
        });
      });
      if (!values.json) process.stderr.write('\n');
      const summary = {
        model_id: out.modelId,
        version: out.version,
        labels: out.labels,
        train_seconds: round(out.trainSeconds, 3),
        evaluation: { accuracy: round(out.evaluation?.accuracy ?? 0), macro_f1: round(out.evaluation?.macroF1 ?? 0) },
      };
      if (values.json) console.log(JSON.stringify(summary));
      else {
        console.log(`model_id ${out.modelId} (version ${out.version}), ${out.labels.length} labels, trained on ${out.trainedOn} examples in ${summary.train_seconds} s`);
        console.log(`held-out (${out.heldOut} examples): accuracy ${summary.evaluation.accuracy}, macro-F1 ${summary.evaluation.macro_f1}`);
      }
      return;
    }
    case 'evaluate': {
      const { values } = parseArgs({
        args: rest,
        options: {
          model: { type: 'string' },
          file: { type: 'string' },
          'text-field': { type: 'string', default: 'text' },
          'label-field': { type: 'string', default: 'label' },
          json: { type: 'boolean', default: false },
        },
      });
      const id = intArg(need(values, 'model'), 'model');
      const examples = await readLabeledJsonl(need(values, 'file'), { textField: values['text-field'], labelField: values['label-field'] });
      const ev = await withDb(async (db) => {
        const l = (await getServingModels(db, [id])).get(id);
        if (!l || l.status === 'missing') throw new InputError(`No model with id ${id}.`);
        if (l.status === 'untrained') throw new InputError(`Model ${id} has no trained version yet.`);
        if (l.model.kind !== 'linear') throw new InputError(`Model ${id} is a pretrained ${l.model.kind} model; evaluate works on trained models.`);
        const known = new Set(l.model.labels);
        const unknown = [...new Set(examples.flatMap((e) => e.labels).filter((x) => !known.has(x)))];
        if (unknown.length) throw new InputError(`The file has labels model ${id} does not know: ${unknown.slice(0, 10).join(', ')}`);
        return evaluate(l.model.classifier, examples);
      });
      const out = {
        n: ev.n,
        accuracy: round(ev.accuracy),
        macro_f1: round(ev.macroF1),
        per_label: Object.fromEntries(
          Object.entries(ev.perLabel).map(([k, m]) => [k, { precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), support: m.support }]),
        ),
        confusion: ev.confusion,
      };
      if (values.json) console.log(JSON.stringify(out));
      else {
        console.log(`n ${out.n}  accuracy ${out.accuracy}  macro-F1 ${out.macro_f1}`);
        for (const [label, m] of Object.entries(out.per_label)) console.log(`  ${label.padEnd(28)} P ${m.precision.toFixed(3)}  R ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  n ${m.support}`);
      }
      return;
    }
    case 'classify': {
      const { values } = parseArgs({ args: rest, options: { models: { type: 'string' }, k: { type: 'string' }, json: { type: 'boolean', default: false } } });
      const ids = need(values, 'models').split(',').map((s) => intArg(s.trim(), 'models'));
      const k = values.k ? intArg(values.k, 'k') : 1;
      await withDb(async (db) => {
        const lookups = await getServingModels(db, ids);
        const models = ids.map((id) => {
          const l = lookups.get(id);
          if (l?.status !== 'ok') throw new InputError(`Model ${id} ${l?.status === 'untrained' ? 'has no trained version' : 'does not exist'}.`);
          return l.model;
        });
        const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of lines) {
          if (!line.trim()) continue;
          // one feature pass over the line for every trained model
          const linear = models.flatMap((m) => (m.kind === 'linear' ? [{ model: m.classifier, options: { k } }] : []));
          const linearOut = linear.length ? predictMany(linear, [line]) : [];
          let next = 0;
          const results = models.map((m) => {
            if (m.kind === 'linear') return linearOut[next++]?.[0] ?? [];
            const s = m.identifier.scores(line);
            return [...s.keys()]
              .sort((a, b) => (s[b] ?? 0) - (s[a] ?? 0) || a - b)
              .slice(0, k)
              .map((i) => ({ label: m.labels[i] ?? '', score: s[i] ?? 0 }));
          });
          if (values.json) {
            console.log(JSON.stringify({ text: line, results: models.map((m, i) => ({ model_id: m.id, model_name: m.name, predictions: (results[i] ?? []).map((p) => ({ label: p.label, score: round(p.score) })) })) }));
          } else {
            console.log(models.map((m, i) => `${m.name}: ${(results[i] ?? []).map((p) => `${p.label} ${p.score.toFixed(2)}`).join(', ')}`).join(' | '));
          }
        }
      });
      return;
    }
    case 'redact':
      return redactCommand(rest);
    case 'import':
      return importCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'worker':
      return workerCommand();
    case 'workers': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      return workersCommand({ json: values.json === true });
    }
    case 'models':
      return modelsCommand(rest);
    case 'examples':
      return examplesCommand(rest);
    case 'versions':
      return versionsCommand(rest);
    case 'reclassify':
      return reclassifyCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`callsight: ${e.message}\n\n${e.usage ? `Usage (npx callsight …):\n  ${e.usage}` : USAGE}`);
    process.exit(2);
  }
  if (e instanceof CommandError) {
    console.error(`callsight: ${e.message}`);
    process.exit(1);
  }
  if (e instanceof InputError || (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`callsight: ${(e as Error).message}`);
    process.exit(2);
  }
  // The studio commands call the same code as the API: its errors say what to fix.
  if (e instanceof ApiError && e.status < 500) {
    console.error(`callsight: ${e.message}${e.details.length > 1 ? e.details.slice(0, 10).map((d) => `\n  ${d.path}: ${d.message}`).join('') : ''}`);
    process.exit(2);
  }
  console.error('callsight: failed:', e);
  process.exit(1);
});
