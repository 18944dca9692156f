/** A record's tabs (general information, sub-records, history…), the first one open. */
import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';

export interface RecordTab {
  value: string;
  label: ReactNode;
  content: ReactNode;
}

export function RecordTabs({ tabs }: { tabs: RecordTab[] }) {
  return (
    <Tabs defaultValue={tabs[0]?.value}>
      <Tabs.List mb="md">
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value}>
          {tab.content}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
