import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../../../shared/errors';

/** The toast's "×" is read out as "Đóng thông báo", like every other icon-only button. */
const closeButtonProps = () => ({ 'aria-label': i18next.t('common.closeNotice') });

export function notifySaved(message: string) {
  notifications.show({ message, color: 'teal', autoClose: 2500, closeButtonProps: closeButtonProps() });
}

/**
 * A save refused because someone else saved the record since it was opened: the message (who, when)
 * stays until closed, beside what they saved shown at each field (services/versions.ts).
 */
export function notifyStale(error: ApiError) {
  notifications.show({ title: i18next.t('common.staleTitle'), message: `${error.message} ${i18next.t('common.staleHint')}`, color: 'orange', autoClose: false, closeButtonProps: closeButtonProps() });
}

export function notifyError(error: unknown, title?: string) {
  const message = error instanceof ApiError ? error.message : INTERNAL_ERROR_MESSAGE;
  notifications.show({ title, message, color: 'red', autoClose: 8000, closeButtonProps: closeButtonProps() });
}
