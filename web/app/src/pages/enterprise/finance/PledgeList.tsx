// The enterprise's pledges as pledgor, newest first, a page at a time; read only (the bank
// registers and releases them). Each opens to its history.
import { Space, Tag } from 'antd';
import type { HTMLAttributes } from 'react';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { Events, type WorkflowEvent } from '../../../components/Events';
import { AssetList, type IpAsset } from '../../../components/Insurance';
import { PagedTable } from '../../../components/PagedTable';
import { dateTime, yuan } from '../../../format';
import { usePages } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const PLEDGES = `query OwnPledges($first: Int, $after: String) {
  pledges(first: $first, after: $after) {
    edges { node { id registrationNumber bank { name } securedAmount state registeredAt closedAt term { startDate endDate }
      collateral { kind: rightKind id patent { title } dataAsset { name } } events { at actor role from to note } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Pledge {
  readonly id: string;
  readonly registrationNumber: string;
  readonly bank: { readonly name: string };
  readonly securedAmount: string;
  readonly state: string;
  readonly registeredAt: string;
  readonly closedAt: string | null;
  readonly term: { readonly startDate: string; readonly endDate: string };
  readonly collateral: readonly IpAsset[];
  readonly events: readonly WorkflowEvent[];
}

interface Answer {
  pledges: { edges: { node: Pledge }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export function PledgeList() {
  const { t, label, lang } = useI18n();
  const pages = usePages<Answer, Pledge>(PLEDGES, {}, (d) => d.pledges, 20);
  return (
    <Space orientation="vertical" className="full-width">
      <ErrorAlert error={pages.error} />
      <PagedTable<Pledge>
        pages={pages}
        minWidth={1200}
        label={t('nav.pledges')}
        locale={{ emptyText: t('finance.noPledges') }}
        onRow={(p) => ({ 'data-testid': 'own-pledge-row', 'data-id': p.id, 'data-state': p.state }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (p) => <Events events={p.events} group="PledgeState" /> }}
        columns={[
          { title: t('finance.registrationNumber'), dataIndex: 'registrationNumber', width: 150, render: (v: string) => <span className="mono">{v}</span> },
          { title: t('finance.pledgee'), dataIndex: ['bank', 'name'], width: 150 },
          { title: t('finance.collateral'), width: 300, render: (_, p) => <AssetList assets={p.collateral} /> },
          { title: t('finance.securedAmount'), width: 150, align: 'right', render: (_, p) => yuan(p.securedAmount, lang) },
          { title: t('finance.term'), width: 200, render: (_, p) => t('finance.period', { start: p.term.startDate, end: p.term.endDate }) },
          { title: t('common.state'), width: 90, render: (_, p) => <Tag>{label('PledgeState', p.state)}</Tag> },
          { title: t('finance.registeredAt'), width: 170, render: (_, p) => dateTime(p.registeredAt, lang) },
        ]}
      />
    </Space>
  );
}
