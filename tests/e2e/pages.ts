// Small page objects: one per screen, named after what the user sees, using roles and labels from the
// i18n catalogue so a renamed string breaks here, in one place.
import { zhCN } from '#contract/i18n/index.ts';
import { expect, type Locator, type Page } from '@playwright/test';

const zh = zhCN;

/** Picks an option of a Mantine Select by its visible label. */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export interface ProjectFields {
  hospital: string;
  name: string;
  newSystem: string;
  goLiveDate: string;
}

export interface DepartmentFields {
  code: string;
  name: string;
  type: keyof typeof zh.department.types;
}

export class SetupWizard {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get heading() {
    return this.page.getByRole('heading', { name: zh.wizard.title });
  }

  async fillProject(p: ProjectFields) {
    await this.page.getByLabel(zh.project.hospital).fill(p.hospital);
    await this.page.getByLabel(zh.project.name).fill(p.name);
    await this.page.getByLabel(zh.project.newSystem).fill(p.newSystem);
    const date = this.page.getByLabel(zh.project.goLiveDate);
    await date.fill(p.goLiveDate);
    await date.press('Escape');
    await expect(date).toHaveValue(p.goLiveDate);
  }

  async next() {
    await this.page.getByRole('button', { name: zh.common.next }).click();
  }

  /** Adds a pilot row and fills it (rows are numbered from 0 in the order added). */
  async addPilot(index: number, d: DepartmentFields) {
    await this.page.getByRole('button', { name: zh.wizard.addPilot }).click();
    await this.page.getByLabel(zh.department.code).nth(index).fill(d.code);
    await this.page.getByLabel(zh.department.name).nth(index).fill(d.name);
    await choose(
      this.page,
      this.page.getByRole('combobox', { name: zh.department.type }).nth(index),
      zh.department.types[d.type],
    );
  }

  async finish() {
    await this.page.getByRole('button', { name: zh.wizard.start }).click();
  }

  /** The whole wizard in one go, for tests that only need a configured project. */
  async complete(p: ProjectFields, pilot: DepartmentFields) {
    await this.fillProject(p);
    await this.next();
    await this.addPilot(0, pilot);
    await this.next();
    await this.finish();
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }
}

export class Shell {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get nav() {
    return this.page.getByRole('navigation');
  }

  async go(label: string) {
    // Exact: one label may be part of another (科室 and 科室驻点).
    await this.nav.getByRole('link', { name: label, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: label, exact: true })).toBeVisible();
  }

  async switchLanguage(label: string) {
    await this.page.getByRole('banner').getByText(label, { exact: true }).click();
  }
}

export class DepartmentsScreen {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get table() {
    return this.page.getByRole('table');
  }

  row(code: string) {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: code, exact: true }) });
  }

  get modal() {
    return this.page.getByRole('dialog');
  }

  async openCreate() {
    await this.page.getByRole('button', { name: zh.department.create }).click();
    await expect(this.modal).toBeVisible();
  }

  async fillForm(d: DepartmentFields & { phase?: string }) {
    await this.modal.getByLabel(zh.department.code).fill(d.code);
    await this.modal.getByLabel(zh.department.name).fill(d.name);
    await choose(
      this.page,
      this.modal.getByRole('combobox', { name: zh.department.type }),
      zh.department.types[d.type],
    );
    if (d.phase)
      await choose(this.page, this.modal.getByRole('combobox', { name: zh.department.pilotPhase }), d.phase);
  }

  async save() {
    await this.modal.getByRole('button', { name: zh.common.save }).click();
  }

  async create(d: DepartmentFields & { phase?: string }) {
    await this.openCreate();
    await this.fillForm(d);
    await this.save();
    await expect(this.modal).toBeHidden();
    await expect(this.row(d.code)).toBeVisible();
  }

  async showArchived(on: boolean) {
    const box = this.page.getByRole('checkbox', { name: zh.common.showArchived });
    if (on) await box.check();
    else await box.uncheck();
  }
}

export class PeopleScreen {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get table() {
    return this.page.getByRole('table');
  }

  row(name: string) {
    return this.table.getByRole('row').filter({ hasText: name });
  }

  async openImport() {
    await this.page.getByRole('button', { name: zh.import.button }).click();
    const dialog = new ImportDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }
}

export class ImportDialog {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get root() {
    return this.page.getByRole('dialog');
  }

  /** The FileButton's hidden <input type=file>: set directly, as a user's pick would. */
  async choose(file: string) {
    await this.root.locator('input[type="file"]').setInputFiles(file);
  }

  mapping(fieldLabel: string) {
    return this.root.getByRole('combobox', { name: fieldLabel, exact: true });
  }

  get commitButton() {
    return this.root.getByRole('button', { name: /^导入 \d+ 行(（跳过 \d+ 行）)?$/ });
  }

  get previewTable() {
    return this.root.getByRole('table');
  }
}

/** The issue log (试运行问题): filter bar, virtualised grid, selection and bulk change. */
export class IssueListScreen {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** The only table on the list page (named 试运行问题 or Pilot issues, by language). */
  get grid() {
    return this.page.getByRole('table');
  }

  /** Rows with data (the header row and loading placeholders excluded). */
  get rows() {
    return this.grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])');
  }

  row(number: string) {
    return this.rows.filter({ has: this.page.getByRole('link', { name: number, exact: true }) });
  }

  count(n: number) {
    const text = zh.issueList.count.replace(/\{\{count(, number)?\}\}/, n.toLocaleString('zh-CN'));
    return this.page.getByText(text, { exact: true });
  }

  /** Ticks options of one of the column filters (科室, 状态, …) and closes it. */
  async filter(label: string, options: string[]) {
    await this.page
      .getByRole('button', { name: zh.issueList.filterBy.replace('{{field}}', label), exact: true })
      .click();
    const dropdown = this.page.getByRole('dialog');
    for (const option of options) await dropdown.getByRole('checkbox', { name: option }).check();
    await this.page.keyboard.press('Escape');
    await expect(dropdown).toBeHidden();
  }

  async search(text: string) {
    await this.page.getByRole('textbox', { name: zh.issueList.search }).fill(text);
  }

  get viewSelect() {
    return this.page.getByRole('combobox', { name: zh.issueList.views });
  }

  async saveView(name: string) {
    await this.page.getByRole('button', { name: zh.issueList.saveView }).click();
    await this.page.getByLabel(zh.issueList.viewName).fill(name);
    await this.page.getByRole('dialog').getByRole('button', { name: zh.common.save }).click();
  }

  async pickView(name: string) {
    await choose(this.page, this.viewSelect, name);
  }

  async sortBy(label: string) {
    await this.grid.getByRole('columnheader', { name: label }).getByRole('button').click();
  }
}

/** The quick-entry modal (Ctrl/Cmd+N). */
export class QuickEntry {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: zh.quickEntry.title });
  }

  get title() {
    return this.dialog.getByRole('textbox', { name: zh.issue.titleField });
  }

  get duplicates() {
    return this.dialog.getByRole('alert').filter({ hasText: zh.quickEntry.duplicates.split('{{')[0]! });
  }
}

/** An issue's detail page. */
export class IssueDetailScreen {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  status(label: string) {
    return this.page.getByText(label, { exact: true }).first();
  }

  action(label: string) {
    return this.page.getByRole('button', { name: label, exact: true });
  }

  get history() {
    return this.page.locator('.mantine-Timeline-root');
  }
}

/** The wizard's second path: join the project from a coordinator's sync file. */
export class JoinWizard {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async choose() {
    await this.page.getByText(zh.sync.join.joinProject, { exact: true }).click();
  }
}

/** 同步: export, import with preview, conflicts inbox and import log. */
export class SyncScreen {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open() {
    await this.page.getByRole('navigation').getByRole('link', { name: zh.sync.title }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: zh.sync.title })).toBeVisible();
  }

  tab(name: keyof typeof zh.sync.tabs) {
    return this.page.getByRole('tab', { name: zh.sync.tabs[name] });
  }

  /** Exports through the page (preview mode downloads the bytes) and saves the file under `dir`. */
  async exportFile(dir: string, passphrase?: string): Promise<string> {
    await this.tab('exchange').click();
    const section = this.page.getByRole('region', { name: zh.sync.export.title });
    if (passphrase) {
      await section.getByLabel(zh.sync.export.passphrase).fill(passphrase);
      await section.getByLabel(zh.sync.export.confirm).fill(passphrase);
    }
    const downloaded = this.page.waitForEvent('download');
    await section.getByRole('button', { name: zh.sync.export.button }).click();
    const download = await downloaded;
    const path = `${dir}/${download.suggestedFilename()}`;
    await download.saveAs(path);
    return path;
  }

  get importInput() {
    return this.page.getByLabel(zh.sync.import.pick);
  }

  /** Picks files in the drop zone (its hidden file input, as a user's pick would set it). */
  async pick(...files: string[]) {
    await this.importInput.setInputFiles(files);
  }

  get preview() {
    return this.page.getByRole('table', { name: zh.sync.import.previewTitle });
  }

  get result() {
    return this.page.getByRole('table', { name: zh.sync.import.resultTitle });
  }

  get passphrase() {
    return this.page.getByLabel(zh.sync.import.passphrase);
  }

  get repreview() {
    return this.page.getByRole('button', { name: zh.sync.import.repreview });
  }

  /** 导入 N 个文件; plain 导入 (disabled) when no file can be imported. */
  applyButton(count: number) {
    const name = count ? zh.sync.import.apply.replace('{{count}}', String(count)) : zh.sync.import.applyNone;
    return this.page.getByRole('button', { name, exact: true });
  }

  get conflicts() {
    return this.page.getByRole('article');
  }

  /** One version of a conflict (当前显示 / 另一个值) holding `value`. */
  version(value: string) {
    return this.conflicts.getByRole('group').filter({ hasText: value });
  }

  get log() {
    return this.page.getByRole('table', { name: zh.sync.log.title });
  }
}
