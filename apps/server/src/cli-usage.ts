/** What `switchyard --help` and `switchyard COMMAND --help` print: a usage line and what the command does. */
const STORE_FLAGS = '[--data-dir DIR] [--db sqlite:/path/file.db]';

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  start: `usage: switchyard start [--port 4780] [--host 127.0.0.1] ${STORE_FLAGS}
  Runs the server: the API, webhooks, schedules and the web app. Settings come from SWITCHYARD_* variables (docs/operations.md).`,
  import: `usage: switchyard import FILE.json [--dry-run] ${STORE_FLAGS}
  FILE holds one workflow: it is stored as a new workflow.
  FILE holds an export bundle: its workflows (every version), integrations, alert rules and schedules are restored;
  an item with the same id and other content here is reported as a conflict and left as it is. --dry-run writes nothing.
  A bundle is imported with the server stopped; into a running server use POST /api/import.`,
  export: `usage: switchyard export [--out FILE] ${STORE_FLAGS}
  Writes the export bundle (JSON) to FILE or to standard output: workflows with every version, integrations with their
  protections, alert rules, schedule state and settings. Credentials are left out (listed by id, name and kind only).`,
  backup: `usage: switchyard backup FILE ${STORE_FLAGS}
  Copies the live database to FILE with SQLite's online backup, while the server keeps running. FILE must not exist.`,
  'api-key': `usage: switchyard api-key create [--name NAME] | list | revoke ID ${STORE_FLAGS}
  create prints a new key once; list shows ids, dates and names (never a secret); revoke removes a key (never the last one).`,
};

export const USAGE = `usage: switchyard COMMAND [options]

commands:
${Object.values(COMMAND_HELP)
  .map((text) => `  ${text.split('\n')[0]!.replace(/^usage: /, '')}`)
  .join('\n')}

switchyard COMMAND --help tells more about one command.`;
