import { notifications } from '@mantine/notifications';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../../../shared/errors';

export function notifySaved(message: string) {
  notifications.show({ message, color: 'teal', autoClose: 2500 });
}

export function notifyError(error: unknown, title?: string) {
  const message = error instanceof ApiError ? error.message : INTERNAL_ERROR_MESSAGE;
  notifications.show({ title, message, color: 'red', autoClose: 8000 });
}
