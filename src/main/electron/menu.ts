/** The Vietnamese application menu. Developer tools appear only when running unpackaged. */
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_TITLE } from './window';

function showAbout(): void {
  void dialog.showMessageBox({
    type: 'info',
    title: 'Giới thiệu',
    message: APP_TITLE,
    detail: `Phiên bản ${app.getVersion()}`,
    buttons: ['Đóng'],
  });
}

export function installMenu(): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: 'Tải lại' },
    { type: 'separator' },
    { role: 'zoomIn', label: 'Phóng to' },
    { role: 'zoomOut', label: 'Thu nhỏ' },
    { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Toàn màn hình' },
  ];
  if (!app.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: 'Công cụ phát triển' });

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { label: 'Tệp', submenu: [{ role: 'quit', label: 'Thoát' }] },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    { label: 'Xem', submenu: view },
    { label: 'Trợ giúp', submenu: [{ label: 'Giới thiệu', click: showAbout }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
