// `wardside hub init | sync | status`: sync through a PostgreSQL hub from the command line (issue #16).
// The URL comes from --url or WARDSIDE_HUB_URL, the password from the URL or PGPASSWORD; neither is ever
// printed (messages show the URL without its password). Exit codes: 0 synced, 4 refused (wrong passphrase,
// newer or foreign hub, wrong password, TLS), 5 hub unreachable (the laptop's data is untouched).
import { Command, Option } from 'commander';
import { translator } from '#contract/i18n/index.ts';
import { AppError } from '#services/core/errors.ts';
import { hubStatus, initHub, syncHub } from '#services/hub/sync.ts';
import { CliExit, cliLocale, dbOption, exitCodes, withCtx, type Io } from './common.ts';
import { summary } from './summaries.ts';

const hubExitHelp = `
Exit codes:
  0  success
  1  unexpected error
  2  usage error (unknown command or option)
  3  database refused (damaged file, or created by a newer Wardside)
  4  refused (wrong password or passphrase, newer or foreign hub, TLS required)
  5  hub unreachable (nothing changed; try again later)

The URL defaults to WARDSIDE_HUB_URL; the password comes from the URL or PGPASSWORD and is never printed.`;

const urlOption = () => new Option('--url <url>', 'hub URL, postgres://user@host:port/db[?sslmode=require]');
const passphraseOption = () =>
  new Option('--passphrase-env <VAR>', 'read the project passphrase from this environment variable');

function urlFrom(option: string | undefined): string {
  const url = option ?? process.env.WARDSIDE_HUB_URL;
  if (!url) throw new AppError('hub_url_missing');
  return url;
}

function passphraseFrom(variable: string | undefined): string | undefined {
  if (!variable) return undefined;
  const value = process.env[variable];
  if (!value)
    throw new CliExit(exitCodes.usage, translator(cliLocale())('cli.passphraseMissing', { variable }));
  return value;
}

/** Turns a hub refusal into its exit code and translated message. */
async function hubAction(fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('hub_')) {
      const t = translator(cliLocale());
      const code =
        error.code === 'hub_unreachable'
          ? exitCodes.hubUnreachable
          : error.code === 'hub_url_missing'
            ? exitCodes.usage
            : exitCodes.input;
      throw new CliExit(code, t(`errors.${error.code}`, { url: '', detail: '', ...error.params }));
    }
    throw error;
  }
}

export function addHubCommands(program: Command, io: Io) {
  const hub = program.command('hub').description(summary('hub'));

  hub
    .command('init')
    .description('create the hub schema in a PostgreSQL database (the first sync also does, when allowed)')
    .addOption(urlOption())
    .addOption(passphraseOption())
    .addHelpText('after', hubExitHelp)
    .action((opts: { url?: string; passphraseEnv?: string }) =>
      hubAction(async () => {
        const result = await initHub({
          url: urlFrom(opts.url),
          passphrase: passphraseFrom(opts.passphraseEnv),
        });
        io.out(
          `hub ${result.hubId} ready at ${result.url}${result.encrypted ? ' (end-to-end encrypted)' : ''}\n`,
        );
      }),
    );

  hub
    .command('sync')
    .description('push what the hub lacks, pull what this laptop lacks')
    .addOption(dbOption())
    .addOption(urlOption())
    .addOption(passphraseOption())
    .option('--json', 'print JSON')
    .option('--progress', 'print progress lines on stderr')
    .option('--batch <n>', 'changes per transaction', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new CliExit(exitCodes.usage, '--batch must be an integer ≥ 1');
      return n;
    })
    .addHelpText('after', hubExitHelp)
    .action(
      (opts: {
        db?: string;
        url?: string;
        passphraseEnv?: string;
        json?: boolean;
        batch?: number;
        progress?: boolean;
      }) =>
        hubAction(() =>
          withCtx(opts.db, async (ctx) => {
            const result = await syncHub(ctx, {
              url: urlFrom(opts.url),
              passphrase: passphraseFrom(opts.passphraseEnv),
              batchSize: opts.batch,
              onProgress: opts.progress ? (p) => io.err(`${p.phase} ${p.done}/${p.total}\n`) : undefined,
            });
            if (opts.json) {
              io.out(JSON.stringify(result, null, 2) + '\n');
              return;
            }
            const c = result.counts;
            io.out(
              `synced in ${result.ms} ms: pushed ${c.pushed}, pulled ${c.pulled} changes ` +
                `(new ${c.newRecords}, updated ${c.updatedRecords}, deleted ${c.deletedRecords}, conflicts ${c.newConflicts}); ` +
                `attachments up ${c.attachmentsUp}, down ${c.attachmentsDown}\n`,
            );
          }),
        ),
    );

  hub
    .command('status')
    .description('what the hub holds, and which laptops synced when')
    .addOption(urlOption())
    .option('--json', 'print JSON')
    .addHelpText('after', hubExitHelp)
    .action((opts: { url?: string; json?: boolean }) =>
      hubAction(async () => {
        const status = await hubStatus({ url: urlFrom(opts.url) });
        if (opts.json) {
          io.out(JSON.stringify(status, null, 2) + '\n');
          return;
        }
        io.out(
          `hub ${status.hubId} at ${status.url} (PostgreSQL ${status.serverVersion}, hub schema ${status.schemaVersion}` +
            `${status.encrypted ? ', end-to-end encrypted' : ''})\n` +
            `${status.changes} changes, ${status.attachments} attachments, ${status.bytes} bytes\n`,
        );
        const day = Date.now() - 24 * 3600 * 1000;
        for (const r of status.replicas) {
          const last = [r.lastPushAt, r.lastPullAt].filter(Boolean).sort().at(-1) ?? null;
          const stale = !last || Date.parse(last) < day ? '  ← not seen for over a day' : '';
          io.out(
            `  ${(r.label ?? r.id.slice(-8)).padEnd(16)} push ${r.lastPushAt ?? '-'}  pull ${r.lastPullAt ?? '-'}  ` +
              `pushed ${r.pushed}${stale}\n`,
          );
        }
      }),
    );
}
