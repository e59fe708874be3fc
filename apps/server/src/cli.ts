#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './cli-args.js';
import { COMMAND_HELP, USAGE } from './cli-usage.js';
import { backupCommand, createApiKeyCommand, exportCommand, importCommand, listApiKeysCommand, revokeApiKeyCommand } from './commands.js';
import { resolveConfig } from './config.js';
import { startServer } from './start.js';



/** The built web app sits beside this package: apps/web/dist. */
function webDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

async function main(argv: readonly string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, sub, ...rest] = positional;
  if (flags.help !== undefined || command === 'help') {
    const topic = command === 'help' ? sub : command;
    const text = topic === undefined ? USAGE : COMMAND_HELP[topic];
    if (text === undefined) {
      process.stderr.write(`switchyard: no command '${topic}'\n${USAGE}\n`);
      return 2;
    }
    process.stdout.write(`${text}\n`);
    return 0;
  }
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
      const outcome = await importCommand(config, sub, { dryRun: flags.dryRun === 'true' });
      process.stdout.write(`${outcome.lines.join('\n')}\n`);
      return outcome.conflicts > 0 ? 3 : 0;
    }
    case 'export': {
      if (sub !== undefined) break;
      const text = await exportCommand(config, flags.out);
      if (flags.out === undefined) process.stdout.write(text);
      else process.stdout.write(`exported to ${flags.out}\n`);
      return 0;
    }
    case 'backup': {
      if (sub === undefined || rest.length > 0) break;
      const result = await backupCommand(config, sub);
      process.stdout.write(`backed up ${result.runs} runs and ${result.workflows} workflows to ${result.file} (${result.bytes} bytes)\n`);
      return 0;
    }
    case 'api-key': {
      if (sub === 'create' && rest.length === 0) {
        const secret = await createApiKeyCommand(config, flags.name ?? 'api key');
        process.stdout.write(`${secret}\n(shown once: store it now)\n`);
        return 0;
      }
      if (sub === 'list' && rest.length === 0) {
        for (const line of await listApiKeysCommand(config)) process.stdout.write(`${line}\n`);
        return 0;
      }
      if (sub === 'revoke' && rest.length === 1) {
        const revoked = await revokeApiKeyCommand(config, rest[0]!);
        if (revoked === true) {
          process.stdout.write(`revoked ${rest[0]}\n`);
          return 0;
        }
        process.stderr.write(revoked === 'last' ? 'switchyard: this is the last API key: create another one before revoking it\n' : `switchyard: no API key ${rest[0]}\n`);
        return 1;
      }
      break;
    }
    default:
      break;
  }
  process.stderr.write(`${command !== undefined && COMMAND_HELP[command] !== undefined ? COMMAND_HELP[command] : USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`switchyard: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
