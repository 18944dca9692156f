/** The one footer of every form: "Hủy" then "Lưu (Ctrl+S)". */
import { Button, Group } from '@mantine/core';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { FormLayerContext } from './record-panel';

interface FormFooterProps {
  saving: boolean;
  /** What "Hủy" does; by default it closes the dialog around the form (asking first if typed data would be lost). */
  onCancel?: () => void;
}

export function FormFooter({ saving, onCancel }: FormFooterProps) {
  const { t } = useTranslation();
  const layer = useContext(FormLayerContext);
  const cancel = onCancel ?? layer?.cancel;
  return (
    <Group justify="flex-end" mt="md">
      {cancel && (
        <Button variant="default" onClick={cancel}>
          {t('common.cancel')}
        </Button>
      )}
      <Button type="submit" loading={saving}>
        {t('common.saveShortcut')}
      </Button>
    </Group>
  );
}
