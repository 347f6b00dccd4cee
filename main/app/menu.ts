// Native menus in the user's language (zh-CN or en), rebuilt when the language changes.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { translator } from '#contract/i18n/index.ts';
import type { Locale } from '#contract/index.ts';

export function installMenu(locale: Locale, dataFolder: string) {
  const t = translator(locale);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [{ label: t('app.name'), submenu: [{ role: 'about' as const, label: t('menu.about') }] }]
      : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.openDataFolder'), click: () => void shell.openPath(dataFolder) },
        { type: 'separator' },
        { role: isMac ? 'close' : 'quit', label: isMac ? t('menu.close') : t('menu.quit') },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'reload', label: t('menu.reload') },
        { type: 'separator' },
        { role: 'zoomIn', label: t('menu.zoomIn') },
        { role: 'zoomOut', label: t('menu.zoomOut') },
        { role: 'resetZoom', label: t('menu.resetZoom') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('menu.fullscreen') },
      ],
    },
    {
      label: t('menu.window'),
      submenu: [
        { role: 'minimize', label: t('menu.minimize') },
        { role: 'close', label: t('menu.close') },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
