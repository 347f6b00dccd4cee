// `wardside kb list` and `wardside kb export`: the knowledge base over the same services as the app
// (knowledge/articles.ts, knowledge/export.ts).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { translator } from '#contract/i18n/index.ts';
import { listArticles } from '#services/knowledge/articles.ts';
import { exportFaq } from '#services/knowledge/export.ts';
import { listSystems } from '#services/reference/systems.ts';
import type { Ctx } from '#services/core/context.ts';
import {
  CliExit,
  cliLocale,
  dbOption,
  exitCodeHelp,
  exitCodes,
  formatTable,
  withCtx,
  type Io,
} from './common.ts';
import { summary } from './summaries.ts';

function systemId(
  ctx: Ctx,
  wanted: string | undefined,
  t: ReturnType<typeof translator>,
): string | undefined {
  if (!wanted) return undefined;
  const key = wanted.trim().toUpperCase();
  const found = listSystems(ctx, { includeArchived: true }).find(
    (s) => s.code.toUpperCase() === key || s.name === wanted.trim(),
  );
  if (!found) throw new CliExit(exitCodes.input, t('knowledge.cli.unknownSystem', { system: wanted }));
  return found.id;
}

export function addKnowledgeCommands(program: Command, io: Io) {
  const kb = program.command('kb').description(summary('kb')).addHelpText('after', exitCodeHelp);

  kb.command('list')
    .description(
      'articles, newest first; with --text the best matches first (Chinese words such as 医保 too)',
    )
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .option('--text <words>', 'search title, symptom, cause, solution and tags (every word must match)')
    .option('--system <code>', 'only articles of this system (code or name)')
    .action(async (opts: { db?: string; json?: boolean; text?: string; system?: string }) => {
      const t = translator(cliLocale());
      await withCtx(opts.db, (ctx) => {
        const rows = listArticles(ctx, {
          text: opts.text,
          systemId: systemId(ctx, opts.system, t),
          includeArchived: false,
          limit: 5000,
        });
        if (opts.json) {
          io.out(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        if (rows.length === 0) {
          io.out(t('knowledge.cli.none') + '\n');
          return;
        }
        io.out(
          formatTable(
            [
              t('knowledge.titleField'),
              t('knowledge.system'),
              t('knowledge.audience'),
              t('knowledge.issues'),
            ],
            rows.map((r) => [
              r.title,
              r.systemName ?? '',
              t(`knowledge.audiences.${r.audience}`),
              r.issueNumbers.map((n) => n.number).join(' '),
            ]),
          ) + '\n',
        );
        io.out(t('knowledge.cli.listHeader', { count: rows.length }) + '\n');
      });
    });

  kb.command('export')
    .description('the FAQ per system as .docx (to print) or .xlsx')
    .addOption(dbOption())
    .requiredOption('--out <file>', 'FILE.docx or FILE.xlsx')
    .option('--system <code>', 'only this system (code or name)')
    .option('--all', 'internal articles too (default: FAQ articles for clinical staff only)')
    .action(async (opts: { db?: string; out: string; system?: string; all?: boolean }) => {
      const t = translator(cliLocale());
      const format = /\.docx$/i.test(opts.out) ? 'docx' : /\.xlsx$/i.test(opts.out) ? 'xlsx' : null;
      if (!format) throw new CliExit(exitCodes.usage, t('knowledge.cli.badFormat', { file: opts.out }));
      await withCtx(opts.db, async (ctx) => {
        const file = await exportFaq(
          ctx,
          { format, systemId: systemId(ctx, opts.system, t), faqOnly: !opts.all },
          { locale: cliLocale() },
        );
        writeFileSync(opts.out, file.bytes);
        io.out(t('knowledge.cli.exported', { file: opts.out, count: file.count }) + '\n');
      });
    });
}
