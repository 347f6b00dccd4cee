// Issue 16 end to end, in preview mode: two laptops (two preview servers, two data folders) sync through a
// PostgreSQL hub started by this test (a throwaway cluster on 127.0.0.1). A sets the project up and syncs;
// B joins through the hub; both change the same issue's title; after syncing, the conflict is in both inboxes;
// A resolves it, both sync, they agree. The connection test explains a wrong password; a laptop not seen for a
// day stands out. Screenshots go to test-results/screenshots/hub-*.png.
import { zhCN as zh } from '#contract/i18n/index.ts';
import pg from 'pg';
import { expect, test, type Preview } from './fixtures.ts';
import { SetupWizard, SyncScreen } from './pages.ts';
import { PG_PASSWORD, startCluster, type PgCluster } from '../unit/pg-cluster.ts';
import type { Page } from '@playwright/test';

const TITLE = '医嘱打印格式错位';
const TITLE_A = '医嘱打印格式错位（A：仅长期医嘱）';
const TITLE_B = '医嘱打印格式错位（B：所有打印机）';

let cluster: PgCluster;
test.beforeAll(async () => {
  cluster = await startCluster();
});
test.afterAll(() => cluster?.stop());

async function openHub(page: Page) {
  await new SyncScreen(page).open();
  await page.getByRole('tab', { name: zh.hub.title }).click();
  await expect(page.getByRole('region', { name: zh.hub.title })).toBeVisible();
}

async function syncNow(page: Page) {
  const section = page.getByRole('region', { name: zh.hub.syncNow });
  const before = await section.getByTestId('hub-last').textContent();
  await section.getByRole('button', { name: zh.hub.syncNow }).click();
  await expect(section.getByTestId('hub-last')).not.toHaveText(before ?? '', { timeout: 60_000 });
  await expect(section.getByTestId('hub-last')).toContainText('成功');
}

async function waitSynced(preview: Preview) {
  for (let i = 0; i < 200; i += 1) {
    const status = await preview.api('hub.settings', {});
    if (!status.running && status.lastSync) return status.lastSync;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('sync did not finish');
}

test('two laptops sync through the hub: a conflict in both inboxes, resolved, converged', async ({
  page,
  preview,
  laptopB,
}) => {
  test.setTimeout(240_000);
  const url = await cluster.createDatabase();
  const bare = url.replace(`:${PG_PASSWORD}@`, '@');
  const a = { page, preview, sync: new SyncScreen(page) };
  const b = { ...laptopB, sync: new SyncScreen(laptopB.page) };

  await a.preview.open();
  await new SetupWizard(a.page).complete(
    { hospital: '某某市第一人民医院', name: '新 HIS 上线项目', newSystem: 'HIS', goLiveDate: '2027-03-01' },
    { code: 'NK1', name: '心内科一病区', type: 'ward' },
  );
  await a.preview.api('settings.setDevice', { operator: '张工', issuePrefix: 'A' });
  await a.preview.api('sync.renameDevice', { label: 'ICU 笔记本' });
  const [nk1] = await a.preview.api('departments.list');
  const issue = await a.preview.api('issues.create', {
    title: TITLE,
    departmentId: nk1!.id,
    severity: 'P2',
    category: 'defect',
    blocking: false,
    tags: [],
  });

  // A: the hub's URL without the password, the password typed separately; a wrong one is explained.
  await openHub(a.page);
  const settings = a.page.getByRole('region', { name: zh.hub.title });
  await settings.getByLabel(zh.hub.url).fill(bare);
  await settings.getByLabel(zh.hub.password).fill('wrong-password');
  await settings.getByRole('button', { name: zh.hub.test }).click();
  await expect(settings.getByTestId('hub-probe')).toContainText('拒绝了用户名或密码');
  await a.preview.shot('hub-01-a-wrong-password');
  await settings.getByLabel(zh.hub.password).fill(PG_PASSWORD);
  await settings.getByRole('button', { name: zh.hub.test }).click();
  await expect(settings.getByTestId('hub-probe')).toContainText('第一次同步时会自动创建');
  await settings.getByRole('button', { name: zh.hub.save }).click();
  await expect(settings.getByLabel(zh.hub.password)).toHaveValue('');
  await a.preview.shot('hub-02-a-settings');
  await syncNow(a.page);
  await a.preview.shot('hub-03-a-synced');

  // B joins through the hub (no file): settings and the first sync through its API, then the app opens.
  await b.preview.open();
  await b.preview.api('hub.saveSettings', { url: bare, password: PG_PASSWORD, autoMinutes: 0 });
  await b.preview.api('hub.syncNow', {});
  expect((await waitSynced(b.preview)).ok).toBe(true);
  await b.preview.reload();
  await b.preview.api('settings.setDevice', { operator: '李工', issuePrefix: 'B' });
  await b.preview.api('sync.renameDevice', { label: '门诊笔记本' });
  expect((await b.preview.api('issues.get', { id: issue.id })).issue.title).toBe(TITLE);

  // Both change the same title before syncing again.
  await a.preview.api('issues.update', { id: issue.id, title: TITLE_A });
  await b.preview.api('issues.update', { id: issue.id, title: TITLE_B });
  await openHub(b.page);
  await syncNow(b.page);
  await syncNow(a.page);
  await syncNow(b.page);

  for (const side of [a, b]) {
    await side.sync.tab('conflicts').click();
    await expect(side.sync.conflicts).toHaveCount(1);
    await expect(side.sync.version(TITLE_A)).toContainText('张工');
    await expect(side.sync.version(TITLE_B)).toContainText('李工');
  }
  await a.preview.shot('hub-04-a-conflict');
  await b.preview.shot('hub-05-b-conflict');

  // A keeps its own value; the resolution travels through the hub.
  await a.sync.version(TITLE_A).getByRole('button', { name: zh.sync.conflicts.keep }).click();
  await expect(a.page.getByText(zh.sync.conflicts.empty)).toBeVisible();
  await openHub(a.page);
  await syncNow(a.page);
  await openHub(b.page);
  await syncNow(b.page);
  await b.sync.tab('conflicts').click();
  await expect(b.page.getByText(zh.sync.conflicts.empty)).toBeVisible();
  for (const side of [a, b])
    expect((await side.preview.api('issues.get', { id: issue.id })).issue.title).toBe(TITLE_A);

  // Who synced when: a laptop not seen for a day stands out.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO wardside_hub.replica (id, label, last_push_at, last_pull_at, pushed)
     VALUES ('0190aaaa-0000-7000-8000-000000000001', '病区三笔记本', now() - interval '3 days', now() - interval '3 days', 42)`,
  );
  await client.end();
  await openHub(a.page);
  await a.page
    .getByRole('region', { name: zh.hub.syncNow })
    .getByRole('button', { name: zh.hub.syncNow })
    .click();
  const replicas = a.page.getByTestId('hub-replicas');
  await expect(replicas.locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });
  await expect(replicas.locator('tbody tr').filter({ hasText: '病区三笔记本' })).toContainText(zh.hub.stale);
  await expect(replicas.locator('tbody tr').filter({ hasText: 'ICU 笔记本' })).not.toContainText(
    zh.hub.stale,
  );
  await a.preview.shot('hub-06-a-who-synced');
});
