// A workflow's list by state: one tab per state of the enum `group`, then one for all of them. On
// a narrow screen a select instead: tabs that overflow hide behind a "more" button inside the
// tablist, which neither fits a phone nor passes axe (a tablist holds tabs alone).
import { Grid, Select, Tabs } from 'antd';

import { useI18n } from '../i18n';

export const ALL_STATES = 'ALL';

/** The variables a state tab asks with: none for all states. */
export const stateFilter = (state: string): Record<string, string> => (state === ALL_STATES ? {} : { state });

export function StateTabs({ group, states, value, onChange }: { group: string; states: readonly string[]; value: string; onChange: (state: string) => void }) {
  const { t, label } = useI18n();
  const narrow = Grid.useBreakpoint().md === false;
  const items = [...states, ALL_STATES].map((s) => ({ key: s, label: s === ALL_STATES ? t('common.all') : label(group, s) }));
  if (narrow) {
    return (
      <Select
        aria-label={t('common.state')}
        className="state-select"
        value={value}
        onChange={onChange}
        options={items.map((i) => ({ value: i.key, label: i.label }))}
      />
    );
  }
  return <Tabs activeKey={value} onChange={onChange} items={items} />;
}
