/**
 * A dialog holding one form: Esc closes it alone (not the page or drawer under it), and closing it with
 * typed, unsaved data asks first. The form inside reports its dirty state with useReportDirty.
 */
import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEscapeLayer } from './layers';
import { FormLayerContext, formLayerOf, useDirtyGuard } from './record-panel';

export function GuardedModal({ opened, onClose, children, ...rest }: ModalProps) {
  const { t } = useTranslation();
  const guard = useDirtyGuard(onClose);
  useEscapeLayer(opened, () => void guard.close());
  return (
    <Modal opened={opened} onClose={() => void guard.close()} closeButtonProps={{ 'aria-label': t('common.close') }} {...rest}>
      <FormLayerContext.Provider value={formLayerOf(guard)}>{children}</FormLayerContext.Provider>
    </Modal>
  );
}
