/** An accessible confirmation dialog, awaited like window.confirm: `if (await confirm({...})) …`. */
import { Button, Group, Modal, Text, type ModalProps } from '@mantine/core';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeLayer } from './layers';

interface ConfirmOptions {
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  danger?: boolean;
  /** Wider for a message that compares records side by side. */
  size?: ModalProps['size'];
}

type Confirm = (options: ConfirmOptions) => Promise<boolean>;
const ConfirmContext = createContext<Confirm>(() => Promise.resolve(false));

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<(answer: boolean) => void>(() => undefined);

  const confirm = useCallback<Confirm>(
    (next) =>
      new Promise<boolean>((resolve) => {
        resolver.current = resolve;
        setOptions(next);
      }),
    [],
  );

  const answer = (value: boolean) => {
    setOptions(null);
    resolver.current(value);
  };

  useEscapeLayer(options !== null, () => answer(false));

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <Modal opened={options !== null} onClose={() => answer(false)} title={options?.title} size={options?.size} centered zIndex={400} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text mb="lg" component="div">
          {options?.message}
        </Text>
        <Group justify="flex-end">
          {/* The safe choice has the focus, so Enter never deletes; the other stays one Tab away. */}
          <Button variant="default" onClick={() => answer(false)} data-autofocus>
            {options?.cancelLabel ?? t('common.cancel')}
          </Button>
          <Button color={options?.danger ? 'red' : undefined} onClick={() => answer(true)}>
            {options?.confirmLabel ?? t('common.yes')}
          </Button>
        </Group>
      </Modal>
    </ConfirmContext.Provider>
  );
}

export const useConfirm = () => useContext(ConfirmContext);
