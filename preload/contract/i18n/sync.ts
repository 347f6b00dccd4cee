// Strings of sync by export files: zh-CN (the default, and the source of the keys) and English side by side.
// TypeScript requires the English catalogue to have exactly the keys of the Chinese one.
import type { Widen } from './types.ts';

export const zhCN = {
  sync: {
    title: '同步',
    intro:
      '电脑之间不联网，靠同步文件（.wardside）交换数据：每台电脑导出，由协调人全部导入后再导出一份发回，各台电脑导入后数据就一致了。',
    tabs: { exchange: '导出与导入', conflicts: '冲突', log: '导入记录' },
    device: {
      title: '本机',
      label: '设备名称',
      unnamed: '未命名',
      rename: '改名',
      renamePlaceholder: '如：ICU 工程师笔记本',
      short: '设备 {{id}}',
      id: '设备 ID',
      changes: '保存的更改',
      changesValue: '{{count, number}} 条',
      lastImport: '上次导入',
      never: '尚未导入',
      replicas: '已知的其他设备',
      replicasEmpty: '还没有导入过其他电脑的文件。',
      lastExport: '最近导出',
      relayed: '未直接收到（经其他电脑转来）',
    },
    export: {
      title: '导出',
      intro: '导出本机掌握的全部数据（包括从其他电脑导入的），一个文件即可带给协调人或任何一台电脑。',
      button: '导出同步文件',
      passphrase: '密码（可选）',
      passphraseHint:
        '同步文件会用 U 盘带出医院，建议设置密码加密。导入时需要输入同一密码，请当面或电话告知对方，不要写在 U 盘上。',
      confirm: '再次输入密码',
      mismatch: '两次输入的密码不一致',
      done: '已导出 {{file}}',
      savedTo: '保存位置：{{path}}',
      downloaded: '已保存到浏览器的下载文件夹。',
      cancelled: '已取消，没有保存文件。',
      records: '记录',
      changes: '更改',
      attachments: '附件',
      size: '大小',
      encryption: '加密',
      encrypted: '已加密',
      notEncrypted: '未加密',
    },
    import: {
      title: '导入',
      intro: '选择其他电脑导出的 .wardside 文件（可一次选多个），先预览会发生什么，确认后再导入。',
      drop: '把 .wardside 文件拖到这里，或点击选择（可多选）',
      pick: '选择同步文件',
      passphrase: '密码（文件加密时填写）',
      passphraseHint: '一次导入的加密文件须使用同一密码；密码不同请分批导入。',
      repreview: '重新预览',
      apply: '导入 {{count}} 个文件',
      apply_one: '导入 {{count}} 个文件',
      applyNone: '导入',
      clear: '清空',
      previewing: '正在检查文件…',
      previewTitle: '预览（尚未导入任何数据）',
      resultTitle: '导入结果',
      nothingToImport: '没有可以导入的文件。',
      passphraseNeeded: '有文件已加密或密码不对：请在上面填写导出时设置的密码，再点“重新预览”。',
      done: '导入完成：{{count}} 个文件的数据已合并到本机。',
      done_one: '导入完成：{{count}} 个文件的数据已合并到本机。',
      conflictsFound: '有 {{count}} 处冲突：两台电脑改了同一项内容，需要有人决定保留哪个值。',
      conflictsFound_one: '有 {{count}} 处冲突：两台电脑改了同一项内容，需要有人决定保留哪个值。',
      viewConflicts: '查看冲突',
      total: '合计',
      file: '文件',
      from: '来自设备',
      exportedAt: '导出时间',
      outcome: '结果',
      details: '内容',
      outcomes: { imported: '将导入', already_seen: '已导入过', refused: '拒绝导入' },
      outcomesDone: { imported: '已导入', already_seen: '已导入过，跳过', refused: '拒绝导入' },
      alreadySeen: '这个文件以前已经导入过，不会重复导入。',
      counts: {
        newRecords: '新增 {{count}}',
        updatedRecords: '更新 {{count}}',
        deletedRecords: '删除 {{count}}',
        newConflicts: '新冲突 {{count}}',
        newConflicts_one: '新冲突 {{count}}',
        unchanged: '无变化 {{count}}',
        attachments: '附件 {{count}}',
        attachments_one: '附件 {{count}}',
      },
      noChanges: '没有新内容',
      encrypted: '已加密',
    },
    log: {
      title: '导入记录',
      empty: '还没有导入过同步文件。',
      importedAt: '导入时间',
    },
    conflicts: {
      title: '冲突',
      intro:
        '两台电脑同时修改了同一项内容时，两个值都保留在这里，直到有人决定保留哪一个；决定会像普通修改一样随下次同步传到其他电脑。直接在记录上重新填写这一项，也会解决冲突。',
      empty: '没有冲突，各台电脑的修改都已合并。',
      field: '{{record}} · {{field}}',
      shown: '当前显示',
      other: '另一个值',
      keep: '保留此值',
      kept: '已保留所选的值，下次同步会传到其他电脑。',
      emptyValue: '（空）',
      author: '修改人',
      thisLaptop: '{{name}}（本机）',
      device: '设备',
      at: '时间',
      yes: '是',
      no: '否',
      tables: {
        project: '项目',
        department: '科室',
        system: '系统',
        systemModule: '模块',
        person: '人员',
        pilotIssue: '试运行问题',
        issueHistory: '处理记录',
        issueAttachment: '附件',
      },
    },
    join: {
      newProject: '新建项目',
      joinProject: '从同步文件加入项目',
      intro:
        '项目已经由协调人或同事建好？导入他们导出的 .wardside 文件，这台电脑就会得到同一个项目、科室、系统和问题清单，之后照常同步。',
      noProject: '导入的文件里没有项目信息，请换用已建好项目的电脑导出的文件。',
    },
    deleteIssue: {
      button: '删除',
      title: '删除问题 {{number}}？',
      body: '问题连同其处理记录和附件将被永久删除；下次同步后，其他电脑上也会删除，且无法恢复。',
      prefer:
        '如果是真实的问题，请改用“不予处理”或“标记为重复”，保留记录以便追溯。删除只适用于误录、测试等本不该存在的条目。',
      confirm: '永久删除',
      done: '问题 {{number}} 已删除',
    },
  },
  errors: {
    sync_not_wardside:
      '“{{file}}”不是 Wardside 同步文件，没有导入任何数据。请选择其他电脑用“导出同步文件”生成的 .wardside 文件。',
    sync_truncated:
      '“{{file}}”不完整（文件被截断，可能复制时中断），没有导入任何数据。请重新复制，或请对方重新导出。',
    sync_damaged: '“{{file}}”已损坏或被改动（完整性校验不符），没有导入任何数据。请对方重新导出后再导入。',
    sync_passphrase_required: '“{{file}}”已加密，没有导入任何数据。请输入导出时设置的密码后重试。',
    sync_wrong_passphrase: '“{{file}}”的密码不正确，没有导入任何数据。请向导出人确认密码后重试。',
    sync_newer_schema:
      '“{{file}}”来自更新版本的 Wardside（数据版本 {{version}}，本机为 {{ours}}），没有导入任何数据。请先升级本机的 Wardside 再导入。',
    sync_replica_label: '该数据库属于设备“{{label}}”，不能改称“{{requested}}”。',
    sync_conflict_gone: '这个冲突已经解决（可能由其他设备解决后同步过来）。',
    sync_kdf_params:
      '“{{file}}”的加密参数不是 Wardside 使用的参数（N={{N}}, r={{r}}, p={{p}}），没有导入任何数据。请对方用 Wardside 重新导出。',
    sync_too_large:
      '“{{file}}”声明的内容过大或解压后超过声明的大小（{{bytes}} 字节），没有导入任何数据。请对方重新导出。',
    sync_clock_ahead:
      '“{{file}}”里有设备“{{device}}”在 {{clock}} 做的更改，比本机时钟超前太多（该设备的时钟可能设错了），没有导入任何数据。请该设备校准时钟后运行“wardside clock reissue”再重新导出。',
    sync_invalid_value:
      '“{{file}}”里 {{table}} 记录 {{row}} 的字段 {{column}} 的值不合法（{{detail}}），没有导入这个文件的任何数据。',
    sync_invalid_change: '“{{file}}”里的更改 {{change}} 格式不对（{{detail}}），没有导入这个文件的任何数据。',
    sync_own_replica:
      '“{{file}}”声称来自本机（设备 {{device}}），但本机不会导入自己的文件，没有导入任何数据。请检查文件来源。',
    sync_other_project:
      '“{{file}}”属于另一个项目（{{theirs}}），本机的项目是 {{ours}}，没有导入任何数据。请只导入本项目电脑导出的文件。',
    sync_constraint:
      '“{{file}}”会让 {{table}} 记录 {{row}} 不一致（{{detail}}），这个文件没有导入；其他文件照常导入。',
    sync_patient_data_unencrypted:
      '导出文件没有设置密码，但含有患者数据（{{what}}）。U 盘丢失时任何人都能读取，建议设置密码后重新导出。',
  },
};

export const en: Widen<typeof zhCN> = {
  sync: {
    title: 'Sync',
    intro:
      'Laptops never need a network: they exchange sync files (.wardside). Every laptop exports; the coordinator imports them all and sends one merged file back; once every laptop has imported it, all hold the same data.',
    tabs: { exchange: 'Export & import', conflicts: 'Conflicts', log: 'Import log' },
    device: {
      title: 'This laptop',
      label: 'Device name',
      unnamed: 'Unnamed',
      rename: 'Rename',
      renamePlaceholder: 'e.g. ICU engineer laptop',
      short: 'Device {{id}}',
      id: 'Device ID',
      changes: 'Changes held',
      changesValue: '{{count, number}}',
      lastImport: 'Last import',
      never: 'Never',
      replicas: 'Other devices heard of',
      replicasEmpty: 'No file from another laptop has been imported yet.',
      lastExport: 'Last export',
      relayed: 'Not received directly (relayed by another laptop)',
    },
    export: {
      title: 'Export',
      intro:
        'Exports everything this laptop knows (including what it imported from others): one file is enough for the coordinator or any other laptop.',
      button: 'Export sync file',
      passphrase: 'Passphrase (optional)',
      passphraseHint:
        'Sync files leave the hospital on USB sticks: encrypting them is recommended. The same passphrase is needed to import; tell it in person or by phone, never write it on the stick.',
      confirm: 'Repeat the passphrase',
      mismatch: 'The two passphrases differ',
      done: 'Exported {{file}}',
      savedTo: 'Saved to {{path}}',
      downloaded: "Saved to the browser's downloads folder.",
      cancelled: 'Cancelled: no file was saved.',
      records: 'Records',
      changes: 'Changes',
      attachments: 'Attachments',
      size: 'Size',
      encryption: 'Encryption',
      encrypted: 'Encrypted',
      notEncrypted: 'Not encrypted',
    },
    import: {
      title: 'Import',
      intro:
        'Choose .wardside files exported by other laptops (several at once if you like), preview what they would change, then import.',
      drop: 'Drop .wardside files here, or click to choose (several allowed)',
      pick: 'Choose sync files',
      passphrase: 'Passphrase (for encrypted files)',
      passphraseHint:
        'Encrypted files imported together must share one passphrase; otherwise import them in batches.',
      repreview: 'Preview again',
      apply: 'Import {{count}} files',
      apply_one: 'Import {{count}} file',
      applyNone: 'Import',
      clear: 'Clear',
      previewing: 'Checking the files…',
      previewTitle: 'Preview (nothing imported yet)',
      resultTitle: 'Import result',
      nothingToImport: 'No file can be imported.',
      passphraseNeeded:
        'A file is encrypted or the passphrase is wrong: enter the passphrase set when it was exported above, then click “Preview again”.',
      done: 'Import finished: the data of {{count}} files is now merged into this laptop.',
      done_one: 'Import finished: the data of {{count}} file is now merged into this laptop.',
      conflictsFound: '{{count}} concurrent edits need someone to decide which value to keep.',
      conflictsFound_one: '{{count}} concurrent edit needs someone to decide which value to keep.',
      viewConflicts: 'View conflicts',
      total: 'Total',
      file: 'File',
      from: 'From device',
      exportedAt: 'Exported at',
      outcome: 'Outcome',
      details: 'Content',
      outcomes: { imported: 'Will import', already_seen: 'Already imported', refused: 'Refused' },
      outcomesDone: { imported: 'Imported', already_seen: 'Already imported, skipped', refused: 'Refused' },
      alreadySeen: 'This file was imported before; it is not imported twice.',
      counts: {
        newRecords: '{{count}} new',
        updatedRecords: '{{count}} updated',
        deletedRecords: '{{count}} deleted',
        newConflicts: '{{count}} new conflicts',
        newConflicts_one: '{{count}} new conflict',
        unchanged: '{{count}} unchanged',
        attachments: '{{count}} attachments',
        attachments_one: '{{count}} attachment',
      },
      noChanges: 'Nothing new',
      encrypted: 'Encrypted',
    },
    log: {
      title: 'Import log',
      empty: 'No sync file has been imported yet.',
      importedAt: 'Imported at',
    },
    conflicts: {
      title: 'Conflicts',
      intro:
        'When two laptops changed the same field at the same time, both values are kept here until someone decides which to keep; the decision travels to the other laptops with the next sync like any edit. Editing that field on the record also resolves the conflict.',
      empty: 'No conflicts: the edits of every laptop have merged.',
      field: '{{record}} · {{field}}',
      shown: 'Shown now',
      other: 'Other value',
      keep: 'Keep this value',
      kept: 'Kept the chosen value; the next sync takes it to the other laptops.',
      emptyValue: '(empty)',
      author: 'By',
      thisLaptop: '{{name}} (this laptop)',
      device: 'Device',
      at: 'When',
      yes: 'Yes',
      no: 'No',
      tables: {
        project: 'Project',
        department: 'Department',
        system: 'System',
        systemModule: 'Module',
        person: 'Person',
        pilotIssue: 'Pilot issue',
        issueHistory: 'History entry',
        issueAttachment: 'Attachment',
      },
    },
    join: {
      newProject: 'New project',
      joinProject: 'Join from a sync file',
      intro:
        'Has the coordinator or a colleague already set up the project? Import a .wardside file they exported: this laptop gets the same project, departments, systems and issue log, and syncs as usual from then on.',
      noProject:
        'The imported file holds no project: use a file exported by a laptop where the project is set up.',
    },
    deleteIssue: {
      button: 'Delete',
      title: 'Delete issue {{number}}?',
      body: 'The issue, its history and its attachments are deleted for good; after the next sync they are deleted on every other laptop too. This cannot be undone.',
      prefer:
        'For a real issue, use “Won’t fix” or “Mark as duplicate” instead so the record stays traceable. Delete only entries that should never have existed (typed by mistake, tests).',
      confirm: 'Delete for good',
      done: 'Issue {{number}} deleted',
    },
  },
  errors: {
    sync_not_wardside:
      '“{{file}}” is not a Wardside sync file; nothing was imported. Choose a .wardside file made with “Export sync file” on another laptop.',
    sync_truncated:
      '“{{file}}” is incomplete (cut short, perhaps an interrupted copy); nothing was imported. Copy it again or ask for a new export.',
    sync_damaged:
      '“{{file}}” is damaged or was altered (integrity check failed); nothing was imported. Ask for a new export.',
    sync_passphrase_required:
      '“{{file}}” is encrypted; nothing was imported. Enter the passphrase set when it was exported and try again.',
    sync_wrong_passphrase:
      'Wrong passphrase for “{{file}}”; nothing was imported. Check the passphrase with the person who exported it.',
    sync_newer_schema:
      '“{{file}}” comes from a newer Wardside (data version {{version}}, this laptop has {{ours}}); nothing was imported. Update Wardside on this laptop first.',
    sync_replica_label: 'This database belongs to device “{{label}}” and cannot be renamed “{{requested}}”.',
    sync_conflict_gone: 'This conflict is already resolved (perhaps on another laptop, then synced).',
    sync_kdf_params:
      '“{{file}}” names encryption parameters Wardside does not use (N={{N}}, r={{r}}, p={{p}}); nothing was imported. Ask for a new export made with Wardside.',
    sync_too_large:
      '“{{file}}” declares too much content, or inflates past what it declares ({{bytes}} bytes); nothing was imported. Ask for a new export.',
    sync_clock_ahead:
      '“{{file}}” holds changes made by device “{{device}}” at {{clock}}, too far ahead of this laptop’s clock (that device’s clock was probably wrong); nothing was imported. Fix that device’s clock, run “wardside clock reissue” on it and export again.',
    sync_invalid_value:
      '“{{file}}”: the value of {{column}} in {{table}} record {{row}} is not valid ({{detail}}); nothing from this file was imported.',
    sync_invalid_change:
      '“{{file}}”: change {{change}} is malformed ({{detail}}); nothing from this file was imported.',
    sync_own_replica:
      '“{{file}}” claims to come from this laptop (device {{device}}); a laptop never imports its own files, so nothing was imported. Check where the file came from.',
    sync_other_project:
      '“{{file}}” belongs to another project ({{theirs}}); this laptop’s project is {{ours}}. Nothing was imported: import only files from laptops of this project.',
    sync_constraint:
      '“{{file}}” would leave {{table}} record {{row}} inconsistent ({{detail}}); this file was not imported, the others were.',
    sync_patient_data_unencrypted:
      'The export file has no passphrase but holds patient data ({{what}}): anyone who finds the USB stick can read it. Export again with a passphrase.',
  },
};
