// Search across areas (Ctrl+K): zh-CN and English side by side.
import type { Widen } from './types.ts';

export const zhCN = {
  search: {
    open: '搜索',
    placeholder: '搜索问题、人员、培训、差异…',
    title: '搜索',
    none: '没有找到“{{text}}”',
    hint: '输入编号、标题、姓名、工号、培训主题或差异的主键',
    kinds: { issue: '问题', person: '人员', session: '培训', discrepancy: '差异' },
  },
};

export const en: Widen<typeof zhCN> = {
  search: {
    open: 'Search',
    placeholder: 'Search issues, people, sessions, discrepancies…',
    title: 'Search',
    none: 'Nothing found for “{{text}}”',
    hint: 'Type a number, title, name, employee number, session topic or discrepancy key',
    kinds: { issue: 'Issue', person: 'Person', session: 'Session', discrepancy: 'Discrepancy' },
  },
};
