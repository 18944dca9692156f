import { Badge, Group, Text } from '@mantine/core';
import { formatNumber } from '../../../shared/text';

/** "Theo loại mô hình: Nhà trọ tự quản: 20 …" — the register's counts for the current filter. */
export function CountChips({ label, items }: { label: string; items: { key: string; name: string; count: number }[] }) {
  if (items.length === 0) return null;
  return (
    <Group gap={6} aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}:
      </Text>
      {items.map((item) => (
        <Badge key={item.key} variant="light" color="gray" tt="none" fw={500}>
          {item.name}: {formatNumber(item.count)}
        </Badge>
      ))}
    </Group>
  );
}
