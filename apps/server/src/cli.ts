#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './cli-args.js';
import { createApiKeyCommand, importWorkflow } from './commands.js';
import { resolveConfig } from './config.js';
import { startServer } from './start.js';

const USAGE = `usage:
  switchyard start [--port 4780] [--host 127.0.0.1] [--data-dir .switchyard] [--db sqlite:/path/file.db]
  switchyard import FILE.json [--data-dir …] [--db …]
  switchyard api-key create [--name NAME] [--data-dir …] [--db …]`;

/** The built web app sits beside this package: apps/web/dist. */
function webDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

async function main(argv: readonly string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, sub, ...rest] = positional;
  const configFlags = {
    ...(flags.port === undefined ? {} : { port: flags.port }),
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    ...(flags.db === undefined ? {} : { db: flags.db }),
  };
  const config = resolveConfig(process.env, configFlags, webDir());
  switch (command) {
    case 'start': {
      const server = await startServer(config);
      process.stdout.write(`Switchyard listening on ${server.url}\nWebhooks: ${(config.publicUrl ?? server.url).replace(/\/+$/, '')}/hooks/<path>\n`);
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return new Promise<number>(() => undefined);
    }
    case 'import': {
      if (sub === undefined || rest.length > 0) break;
      const { id, warnings } = await importWorkflow(config, sub);
      process.stdout.write(`imported workflow ${id}${warnings > 0 ? ` (${warnings} warnings)` : ''}\n`);
      return 0;
    }
    case 'api-key': {
      if (sub !== 'create') break;
      const secret = await createApiKeyCommand(config, flags.name ?? 'api key');
      process.stdout.write(`${secret}\n(shown once: store it now)\n`);
      return 0;
    }
    default:
      break;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`switchyard: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
