/**
 * The merge confirmation's body: the two records side by side (the kept one first), the rows where they
 * differ highlighted, so two look-alike records ("Phạm Văn Đức" and "Phạm Văn Đức") can be told apart.
 * Only the ID number's last 4 digits are shown; the full records are read with subjects.get (audited views).
 */
import { Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBirth, type SubjectDetail } from '../../../../shared/subjects';
import { formatDate } from '../../../../shared/dates';

export function MergeCompare({ keep, merge }: { keep: SubjectDetail; merge: SubjectDetail }) {
  const { t } = useTranslation();
  const rows: { label: string; value: (detail: SubjectDetail) => string }[] = [
    { label: t('subjects.fullName'), value: ({ subject }) => subject.fullName },
    { label: t('subjects.birth'), value: ({ subject }) => formatBirth(subject.birthDate, subject.birthYear) },
    { label: t('subjects.gender'), value: ({ subject }) => t(`gender.${subject.gender}`) },
    { label: t('duplicates.idLast4'), value: ({ subject }) => (subject.idNumber ? `…${subject.idNumber.slice(-4)}` : '') },
    { label: `${t('subjects.ward')} / ${t('subjects.neighbourhood')}`, value: ({ subject }) => [subject.wardName, subject.neighbourhoodName].filter(Boolean).join(', ') },
    { label: t('subjects.currentAddress'), value: ({ subject }) => subject.currentAddress ?? '' },
    { label: t('subjects.category'), value: ({ subject }) => `${subject.categoryName}${subject.reintegrationGroup ? ` — Nhóm ${subject.reintegrationGroup}` : ''}` },
    { label: t('subjects.status'), value: ({ subject }) => t(`subjectStatus.${subject.status}`) },
    { label: t('subjects.startDate'), value: ({ subject }) => formatDate(subject.startDate) },
    {
      label: t('duplicates.reviewCount'),
      value: ({ reviews, subject }) => (subject.lastReviewOn ? t('duplicates.reviewSummary', { count: reviews.length, date: formatDate(subject.lastReviewOn) }) : String(reviews.length)),
    },
    { label: t('subjects.helperName'), value: ({ subject }) => subject.helperName ?? '' },
  ];
  return (
    <Stack gap="sm">
      <Text size="sm">{t('duplicates.compareIntro')}</Text>
      <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={5} aria-label={t('history.actions.merge')} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%">{t('duplicates.field')}</Table.Th>
            <Table.Th>{t('duplicates.kept')}</Table.Th>
            <Table.Th>{t('duplicates.mergedAway')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const [kept, merged] = [row.value(keep), row.value(merge)];
            const differs = kept !== merged;
            return (
              <Table.Tr key={row.label} data-differs={differs || undefined} bg={differs ? 'var(--mantine-color-yellow-1)' : undefined}>
                <Table.Td fw={differs ? 600 : undefined}>
                  {row.label}
                  {differs && <VisuallyHidden> ({t('duplicates.differs')})</VisuallyHidden>}
                </Table.Td>
                <Table.Td>{kept || '—'}</Table.Td>
                <Table.Td>{merged || '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        {t('duplicates.compareAfter')}
      </Text>
    </Stack>
  );
}
