import { Badge, CloseButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useCatalogues } from '../../app/catalogues-context';
import { notifyError } from '../../components/notify';

/** The entry's other names, learnt from imports, each removable (the next import then asks again). */
export function CatalogueAliases({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const { catalogues, reload } = useCatalogues();
  const aliases = catalogues.aliases.filter((alias) => alias.entryId === entryId);
  if (aliases.length === 0) return null;
  const remove = async (id: string) => {
    try {
      await call('catalogueAliases.remove', { id });
      await reload();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };
  return (
    <Group gap={4} mt={2}>
      <Text size="xs" c="dimmed">
        {t('catalogues.aliases')}:
      </Text>
      {aliases.map((alias) => (
        <Badge key={alias.id} size="sm" variant="light" color="gray" tt="none" rightSection={
          <CloseButton size="xs" aria-label={t('catalogues.removeAlias', { alias: alias.alias })} onClick={() => void remove(alias.id)} />
        }>
          {alias.alias}
        </Badge>
      ))}
    </Group>
  );
}
