import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  newNotebook(): void;
  openNotebook(): void;
  openRecent(path: string): void;
  recent: string[];
  current: string;
}

/** Native menus with the usual shortcuts; the File menu creates, opens and switches notebooks. */
export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Notebook…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newNotebook },
        { label: 'Open Notebook…', accelerator: 'CmdOrCtrl+O', click: actions.openNotebook },
        {
          label: 'Open Recent',
          submenu: actions.recent.length
            ? actions.recent.map((path) => ({
                label: `${basename(path)} — ${path}`,
                type: 'checkbox' as const,
                checked: path === actions.current,
                click: () => actions.openRecent(path),
              }))
            : [{ label: 'No recent notebooks', enabled: false }],
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
