// The built-in guide (issue 12 §17): F1 or 帮助 opens a short guide to the screen in front of the user.
// One entry per screen, named in renderer/app/help.ts; a unit test holds that every route has one.
import type { Widen } from './types.ts';

export const zhCN = {
  help: {
    button: '帮助',
    title: '使用说明：{{screen}}',
    shortcuts: '快捷键：Ctrl+N 新问题 · Ctrl+K 搜索 · F1 帮助 · Esc 关闭',
    guides: {
      overview: {
        title: '项目概览',
        body: '项目的整体情况：问题、培训和双轨对账的关键数字。点击数字进入对应清单。',
      },
      issues: {
        title: '试运行问题',
        body: '所有试运行问题。用上方的筛选条件缩小范围，可保存为视图；勾选多条可批量改状态。Ctrl+N 快速登记新问题，导入/导出 Excel 在右上角。',
      },
      issueDetail: {
        title: '问题详情',
        body: '点击字段直接修改，自动保存。用状态按钮推进流程（确认 → 处理中 → 已解决 → 科室验证 → 关闭）。可粘贴截图作为附件。历史记录保留每次修改。',
      },
      summary: {
        title: '每日汇总',
        body: '当天新增、解决、未解决和超时问题。当日解决率只计算已到期的问题（显示“按时解决 n / 已到期 m”），未到期的单独列出。可打印（Ctrl+P）。',
      },
      reconcile: {
        title: '双轨对账',
        body: '每个数据域的对账结果、连续无差异天数和上线判断。先用“新建对账方案”配置新旧系统的列对应，再每天“运行对账”。',
      },
      reconcileRun: {
        title: '运行对账',
        body: '选择数据域和新旧系统的导出文件。业务日期从文件中读取，请核对；找不到时需要填写。',
      },
      reconcileProfile: {
        title: '对账方案',
        body: '上传新旧系统各一个样例文件，系统建议列的对应关系和比较方式（文本、数字、日期时间），请逐项确认，至少勾选一个主键列。',
      },
      reconcileRunDetail: {
        title: '对账结果',
        body: '本次对账的匹配数、缺失和差异。点击一条差异处理：选择处理结果和原因，或创建试运行问题。',
      },
      reconcileDomain: {
        title: '差异清单',
        body: '该数据域所有未处理和已处理的差异，跨天累计。可筛选、批量处理。',
      },
      sync: {
        title: '同步',
        body: '导出本机数据为 .wardside 文件，导入其他电脑的文件。导入前先预览将新增、修改、删除的内容。冲突在“冲突”页逐项选择保留的值。',
      },
      sessions: {
        title: '培训场次',
        body: '计划培训：主题、对象、科室（不选为全院）、讲师、日期和时间。打开场次登记签到和成绩，可打印签到表。',
      },
      sessionDetail: {
        title: '培训场次详情',
        body: '键盘签到：/ 查找姓名，1–4 标记出勤，Enter 录入成绩，↑↓ 移动。签到表可打印。',
      },
      readiness: {
        title: '上线准入',
        body: '科室 × 岗位的培训率和合格率，以及尚未合格的人员名单（上线前需完成培训）。可导出名单。',
      },
      project: { title: '项目信息', body: '医院名称、项目名称、新系统和计划上线日期。' },
      departments: {
        title: '科室',
        body: '科室清单，可导入 Excel/CSV。名称在启用的科室中不能重复；归档后不再出现在选择列表中。',
      },
      systems: { title: '系统与模块', body: '问题所属的系统（HIS、EMR、LIS、PACS…）及其模块。' },
      people: {
        title: '人员',
        body: '医院花名册和厂商人员。导入花名册时按工号匹配，先预览新增、修改和将归档的人员。',
      },
      issueSettings: {
        title: '问题设置',
        body: '本机的登记人和问题编号前缀，以及各严重程度的响应和解决时限。',
      },
      knowledge: {
        title: '知识库',
        body: '已解决问题的处理办法：现象、原因、解决步骤。输入关键词搜索（支持“医保”这样的两字词）。已解决的问题可“沉淀为知识”；登记新问题时会提示“已有解决办法”。按系统导出 FAQ（Word/Excel）供科室张贴。',
      },
      surveys: {
        title: '满意度调查',
        body: '按轮次导入问卷星/腾讯问卷导出的结果（xlsx 或 csv），预览时可调整科室列和总体满意度列；纸质问卷可直接录入。满意 = 非常满意或满意（或 4–5 分），满意率 = 满意 ÷ 作答人数，按科室、角色和轮次统计。',
      },
      rounds: {
        title: '科室驻点',
        body: '记录每次下科室巡查：工程师、时间、见到的人和发现的问题；发现可一步转为试运行问题。驻点计划规定每个试点科室几个工作日巡查一次，超期未去的科室会标出。',
      },
      kpis: {
        title: '指标看板',
        body: '各项指标与目标对比：绿灯达标，黄灯在设定范围内接近目标，红灯未达标。点“目标设置”修改目标值和黄灯范围。下方是每日新提出与解决的趋势、按严重程度的未解决问题和科室 × 类别热力图（有驻点记录时附巡查次数）。期间按本地日历日计算。',
      },
      reports: {
        title: '报告',
        body: '选择交班、周报、月报或成果简报，确认期间，填写“下一步 / 需决策事项”后保存。保存的报告记住期间和文字，数字每次按同样口径重新计算。可导出 Word（A4，图表为图片）和 Excel，或打印 / 另存为 PDF。',
      },
      reportLogs: {
        title: '可用率与事故登记',
        body: '登记系统停机（系统、开始、结束、是否计划内、原因、受影响科室）、数据安全事故和效率指标（基线与当前值）。系统可用率 = 1 − 计划外停机时间 ÷ 期间时长。',
      },
      requests: {
        title: '需求申请',
        body: '科室提出的需求按层级（基础保障 / 效率提升 / 创新赋能）× 状态排列，可按科室、优先级筛选。试运行问题可一步转为需求。导入已有的《需求清单》（Excel），未知科室会列出并建议归入相近科室或新建；导出 Excel。',
      },
      requestDetail: {
        title: '需求详情',
        body: '推进流程：提交 → 评审中 → 批准 / 暂缓 / 驳回 → 开发中 → 试点 → 发布 → 验证。评审人填写意见并投票，按“全部同意”或“多数同意”规则决定，并记录决定理由。历史记录保留每一步。',
      },
      changes: {
        title: '变更控制',
        body: '对基线的每项变更：类型、原因、对范围/成本/进度的影响、风险（可能性 × 影响，各 1–5）、回退方案。冻结窗口内的变更需要紧急审批。决策日志记录每一步。',
      },
      changeDetail: {
        title: '变更详情',
        body: '提交后由审批人投票（全部同意或多数同意；任一驳回退回草稿），通过后由领导签字确认，再标记已实施。',
      },
      cutover: {
        title: '切换计划与应急预案',
        body: '切换步骤（负责人、计划与实际时间、依赖）、上线评审会（记录当时的双轨标准、未解决 P1 和阻断问题、培训就绪情况、决定与参会人）、回退触发条件。“启动应急预案”记录暂停切换、科室转手工、通知了谁和恢复的时间。可打印 A4。',
      },
    },
  },
};

export const en: Widen<typeof zhCN> = {
  help: {
    button: 'Help',
    title: 'Guide: {{screen}}',
    shortcuts: 'Shortcuts: Ctrl+N new issue · Ctrl+K search · F1 help · Esc close',
    guides: {
      overview: {
        title: 'Overview',
        body: 'The project at a glance: the key figures of issues, training and the dual run. Click a figure to open its list.',
      },
      issues: {
        title: 'Pilot issues',
        body: 'Every pilot issue. Narrow the list with the filters above and save them as a view; tick several to change their status at once. Ctrl+N logs a new issue; Excel import and export are at the top right.',
      },
      issueDetail: {
        title: 'Issue detail',
        body: 'Click a field to change it; it saves by itself. The status buttons move the issue along (acknowledge → in progress → resolved → verified → closed). Paste a screenshot to attach it. The history keeps every change.',
      },
      summary: {
        title: 'Daily summary',
        body: 'New, resolved, open and overdue issues of a day. The same-day rate counts only issues already due ("n of m due resolved in time"); those not yet due are shown beside it. Print with Ctrl+P.',
      },
      reconcile: {
        title: 'Dual run',
        body: 'Each data domain’s results, clean days in a row and the go / no-go view. Set up a profile (the old and new columns) once, then run the comparison every day.',
      },
      reconcileRun: {
        title: 'Run a comparison',
        body: 'Choose the domain and the old and new exports. The business date is read from the files: check it, or enter it when none is found.',
      },
      reconcileProfile: {
        title: 'Comparison profile',
        body: 'Upload one sample of each side; the column pairs and compare kinds (text, number, datetime) are suggested. Check each and mark at least one key column.',
      },
      reconcileRunDetail: {
        title: 'Run result',
        body: 'Matched rows, missing rows and differences of this run. Click a discrepancy to triage it (status and cause) or raise a pilot issue.',
      },
      reconcileDomain: {
        title: 'Discrepancies',
        body: 'Every discrepancy of this domain across days, open and triaged. Filter and triage in bulk.',
      },
      sync: {
        title: 'Sync',
        body: 'Export this laptop’s data to a .wardside file and import the files of others. The preview shows what will be added, changed and deleted first. Conflicts are settled one by one on the Conflicts tab.',
      },
      sessions: {
        title: 'Training sessions',
        body: 'Plan a session: topic, audience, departments (none = whole hospital), trainer, date and time. Open a session to take attendance and scores and print the sign-in sheet.',
      },
      sessionDetail: {
        title: 'Training session',
        body: 'Attendance by keyboard: / to find a name, 1–4 to mark, Enter for the score, ↑↓ to move. The sign-in sheet prints on A4.',
      },
      readiness: {
        title: 'Go-live readiness',
        body: 'Trained and passed rates per department and role, and who has not passed yet (to be trained before go-live). The list can be exported.',
      },
      project: {
        title: 'Project',
        body: 'The hospital, the project, the new system and the planned go-live date.',
      },
      departments: {
        title: 'Departments',
        body: 'The departments, importable from Excel/CSV. Names are unique among active departments; archived ones leave the pickers.',
      },
      systems: {
        title: 'Systems & modules',
        body: 'The systems issues belong to (HIS, EMR, LIS, PACS…) and their modules.',
      },
      people: {
        title: 'People',
        body: 'The hospital roster and vendor staff. A roster import matches by employee number and previews who is added, changed and archived.',
      },
      issueSettings: {
        title: 'Issue settings',
        body: 'This laptop’s operator and issue number prefix, and the response and resolution targets per severity.',
      },
      knowledge: {
        title: 'Knowledge base',
        body: 'How solved problems were fixed: symptom, cause, steps. Search by keyword (two-character Chinese words work). A resolved issue can become an article; while a new issue is typed, matching articles show as “already solved”. Export the FAQ per system (Word/Excel) to post in the wards.',
      },
      surveys: {
        title: 'Satisfaction surveys',
        body: 'Import the results exported by 问卷星/腾讯问卷 (xlsx or csv) per round; the preview lets you change the department and overall-score columns. Paper forms can be keyed in. Satisfied = very satisfied or satisfied (or a score of 4–5); the rate is satisfied ÷ answered, per department, role and round.',
      },
      rounds: {
        title: 'Ward rounds',
        body: 'Log each visit to a ward: engineer, time, people met and findings; a finding becomes a pilot issue in one step. The rounding plan says how often (in working days) each pilot department is visited; departments overdue for a visit stand out.',
      },
      kpis: {
        title: 'KPI board',
        body: 'Every KPI against its target: green at or above, amber within the margin you set, red below. Change targets and margins under Targets. Below: arrivals vs resolutions per day, open issues by severity, and the department × category heat map (with ward-round visits where they are logged). Periods are local calendar days.',
      },
      reports: {
        title: 'Reports',
        body: 'Pick huddle, weekly, monthly or bulletin, check the period, write the next steps / decisions and save. A saved report keeps its period and text; its figures are recomputed the same way each time. Export to Word (A4, charts as images) or Excel, or print / save as PDF.',
      },
      reportLogs: {
        title: 'Availability and incident log',
        body: 'Record system downtime (system, start, end, planned or not, cause, departments affected), security incidents and efficiency measures (baseline and current value). Availability = 1 − unplanned downtime ÷ time in the period.',
      },
      requests: {
        title: 'Requirement requests',
        body: 'Requests from the departments by tier (basic / efficiency / innovation) × status, filtered by department and priority. A pilot issue converts to a request in one step. Import an existing requirement list (Excel): unknown departments are listed, matched to a close one or created; export to Excel.',
      },
      requestDetail: {
        title: 'Request',
        body: 'Move it along: submitted → under review → approved / deferred / rejected → in development → piloted → released → verified. Reviewers record an opinion and a vote; the rule (all or majority) decides, with the reasons recorded. The history keeps every step.',
      },
      changes: {
        title: 'Change control',
        body: 'Every change to the baseline: kind, reason, impact on scope, cost and schedule, risk (likelihood × impact, 1–5 each), backout plan. A change inside a freeze window needs an emergency approval. The decision log records every step.',
      },
      changeDetail: {
        title: 'Change',
        body: 'Once submitted, the approvers vote (all or majority; one rejection returns it to draft); after approval, leadership signs off, then it is marked implemented.',
      },
      cutover: {
        title: 'Cutover plan and emergency procedure',
        body: 'Runbook steps (owner, planned and actual times, dependencies), the go/no-go meeting (a snapshot of the dual-run criteria, open P1 and blocking issues, training readiness, the decision and who was there), rollback triggers. “Start the emergency procedure” logs pausing the cutover, manual fallback per department, who was told, and resuming. Prints on A4.',
      },
    },
  },
};
