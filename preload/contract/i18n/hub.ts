// Strings of the sync hub (issue #16): zh-CN (the default, and the source of the keys) and English side by side.
import type { Widen } from './types.ts';

export const zhCN = {
  hub: {
    title: '同步服务器',
    intro:
      '项目办公室有网络时，可以用医院或厂商已有的 PostgreSQL 数据库作为同步服务器：每台电脑把自己的更改推上去、把别人的拉下来，几秒内一致。同步文件照常可用，两种方式可以混用。',
    url: '服务器地址',
    urlPlaceholder: 'postgres://用户名@服务器:5432/数据库?sslmode=require',
    urlHint: '地址中不要写密码；密码在下面单独输入。需要加密连接时加上 sslmode=require 或 verify-full。',
    password: '密码',
    passwordKept: '密码已加密保存在本机（留空则不修改）',
    passwordMemory: '预览模式下密码只保存在内存中，重启后需要重新输入',
    auto: '自动同步',
    autoMinutes: '每隔（分钟，0 为关闭）',
    save: '保存',
    saved: '已保存',
    test: '测试连接',
    testing: '正在连接…',
    testReady:
      '连接成功：Wardside 同步服务器（PostgreSQL {{server}}），共 {{changes, number}} 条更改、{{replicas, number}} 台电脑{{encrypted}}。',
    testEmpty: '连接成功（PostgreSQL {{server}}），该数据库还没有同步服务器，第一次同步时会自动创建。',
    encrypted: '，已端到端加密',
    syncNow: '立即同步',
    cancel: '取消',
    passphrase: '项目密码（服务器已加密时需要）',
    running: '正在同步…',
    phase: { connect: '正在连接', push: '正在上传', pull: '正在下载', done: '完成' },
    progress: '{{phase}}：{{done, number}} / {{total, number}}',
    last: '上次同步',
    never: '尚未同步',
    lastOk:
      '{{at}} 成功：上传 {{pushed, number}} 条，下载 {{pulled, number}} 条，新冲突 {{conflicts, number}} 个（{{ms, number}} 毫秒）',
    lastFailed: '{{at}} 失败：{{message}}',
    replicas: '谁在何时同步过',
    replicasEmpty: '还没有电脑同步过。',
    device: '设备',
    lastPush: '最近上传',
    lastPull: '最近下载',
    pushed: '上传条数',
    stale: '超过一天未同步',
    noUrl: '请先填写服务器地址。',
  },
  errors: {
    hub_url_missing:
      '没有设置同步服务器地址。请在“同步服务器”中填写，或在命令行用 --url / WARDSIDE_HUB_URL 指定。',
    hub_url_invalid: '同步服务器地址“{{url}}”格式不正确，应为 postgres://用户名@服务器:端口/数据库。',
    hub_unreachable:
      '连接不上同步服务器 {{url}}（{{detail}}）。请检查网络、服务器地址和端口；本机数据不受影响，下次同步会继续。',
    hub_auth_failed: '同步服务器 {{url}} 拒绝了用户名或密码。请向服务器管理员确认后重新输入密码。',
    hub_tls_required:
      '同步服务器 {{url}} 要求加密连接。请在地址后加上 ?sslmode=require（或 verify-full 并指定证书）。',
    hub_tls_failed: '与同步服务器 {{url}} 建立加密连接失败（{{detail}}）。请检查证书设置或向管理员确认。',
    hub_not_wardside:
      '{{url}} 不是 Wardside 同步服务器（数据库中已有同名但内容不符的架构），没有写入任何数据。',
    hub_newer_schema:
      '同步服务器 {{url}} 由更新版本的 Wardside 创建（版本 {{version}}，本机为 {{ours}}），没有写入任何数据。请先升级本机的 Wardside。',
    hub_missing: '{{url}} 上还没有同步服务器。请运行 wardside hub init，或直接同步一次（需要建表权限）。',
    hub_cannot_create:
      '{{url}} 上没有同步服务器，当前用户也没有建表权限。请请数据库管理员运行 wardside hub init。',
    hub_passphrase_required: '同步服务器 {{url}} 的数据已加密，请输入项目密码后再同步。没有写入任何数据。',
    hub_wrong_passphrase: '项目密码与同步服务器 {{url}} 不符，没有写入任何数据。请向协调人确认密码。',
    hub_not_encrypted:
      '同步服务器 {{url}} 没有设置加密，不能用密码同步（否则会误以为数据已加密）。请不填密码同步，或请管理员新建加密的服务器。',
    hub_damaged:
      '从同步服务器 {{url}} 收到的更改 {{detail}} 已损坏或被改动，这一批没有写入。请联系服务器管理员。',
    hub_cancelled: '同步已取消。已完成的批次已保存，下次同步会从中断处继续。',
    hub_busy: '已有一次同步正在进行，请等它完成。',
  },
};

export const en: Widen<typeof zhCN> = {
  hub: {
    title: 'Sync server',
    intro:
      'When the project office has a network, an existing PostgreSQL database can be the sync server: each laptop pushes its changes and pulls everyone else’s, converging in seconds. Sync files keep working; the two mix freely.',
    url: 'Server URL',
    urlPlaceholder: 'postgres://user@server:5432/database?sslmode=require',
    urlHint:
      'Leave the password out of the URL and type it below. Add sslmode=require or verify-full for an encrypted connection.',
    password: 'Password',
    passwordKept: 'A password is stored encrypted on this laptop (leave empty to keep it)',
    passwordMemory: 'In preview mode the password is kept in memory only and asked again after a restart',
    auto: 'Automatic sync',
    autoMinutes: 'Every (minutes, 0 = off)',
    save: 'Save',
    saved: 'Saved',
    test: 'Test connection',
    testing: 'Connecting…',
    testReady:
      'Connected: a Wardside sync server (PostgreSQL {{server}}) with {{changes, number}} changes from {{replicas, number}} laptops{{encrypted}}.',
    testEmpty:
      'Connected (PostgreSQL {{server}}). This database has no sync server yet; the first sync creates it.',
    encrypted: ', end-to-end encrypted',
    syncNow: 'Sync now',
    cancel: 'Cancel',
    passphrase: 'Project passphrase (for an encrypted server)',
    running: 'Syncing…',
    phase: { connect: 'Connecting', push: 'Uploading', pull: 'Downloading', done: 'Done' },
    progress: '{{phase}}: {{done, number}} / {{total, number}}',
    last: 'Last sync',
    never: 'Never synced',
    lastOk:
      '{{at}} succeeded: {{pushed, number}} up, {{pulled, number}} down, {{conflicts, number}} new conflicts ({{ms, number}} ms)',
    lastFailed: '{{at}} failed: {{message}}',
    replicas: 'Who synced when',
    replicasEmpty: 'No laptop has synced yet.',
    device: 'Device',
    lastPush: 'Last upload',
    lastPull: 'Last download',
    pushed: 'Changes uploaded',
    stale: 'Not seen for over a day',
    noUrl: 'Enter the server URL first.',
  },
  errors: {
    hub_url_missing:
      'No sync server is set. Enter one under “Sync server”, or give --url / WARDSIDE_HUB_URL on the command line.',
    hub_url_invalid:
      'The sync server URL “{{url}}” is not valid; expected postgres://user@server:port/database.',
    hub_unreachable:
      'Cannot reach the sync server {{url}} ({{detail}}). Check the network, address and port; this laptop’s data is unaffected and the next sync carries on.',
    hub_auth_failed:
      'The sync server {{url}} refused the user name or password. Check them with the server’s administrator and enter the password again.',
    hub_tls_required:
      'The sync server {{url}} requires an encrypted connection. Add ?sslmode=require (or verify-full with a CA file) to the URL.',
    hub_tls_failed:
      'The encrypted connection to the sync server {{url}} failed ({{detail}}). Check the certificate settings with the administrator.',
    hub_not_wardside:
      '{{url}} is not a Wardside sync server (a schema of that name holds something else); nothing was written.',
    hub_newer_schema:
      'The sync server {{url}} was created by a newer Wardside (version {{version}}, this laptop has {{ours}}); nothing was written. Update Wardside on this laptop first.',
    hub_missing:
      '{{url}} has no sync server yet. Run wardside hub init, or sync once (needs the right to create tables).',
    hub_cannot_create:
      '{{url}} has no sync server and this user may not create one. Ask the database administrator to run wardside hub init.',
    hub_passphrase_required:
      'The data on the sync server {{url}} is encrypted: enter the project passphrase and sync again. Nothing was written.',
    hub_wrong_passphrase:
      'The project passphrase does not match the sync server {{url}}; nothing was written. Check it with the coordinator.',
    hub_not_encrypted:
      'The sync server {{url}} is not encrypted, so a passphrase cannot be used with it (the data would look protected when it is not). Sync without one, or ask for a new encrypted server.',
    hub_damaged:
      'Change {{detail}} from the sync server {{url}} is damaged or was altered; that batch was not written. Contact the server’s administrator.',
    hub_cancelled: 'Sync cancelled. Batches already done are kept; the next sync carries on from there.',
    hub_busy: 'A sync is already running; wait for it to finish.',
  },
};
